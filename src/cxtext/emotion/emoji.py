"""Emotions that common emoji name: "Loved it!!! 😍😍", "🙏🙏", "Waiting 3 hours 😤".

The cleaner writes each emoji as its English name (``"😍"`` ->
``"[smiling face with heart-eyes]"``), and the emotion models, trained on
Reddit comments that seldom hold emoji, do not read those names: "Loved it!!!
😍😍" scored delight 0.13 in the fast model, "🙏🙏" gratitude 0.00. An emoji
in :data:`EMOJI_EMOTIONS` names its emotion the way a word does, so the
analyser adds it to the emotions of the clause that holds it (and so to that
clause's theme mentions), and to a comment's own emotions when the comment is
emoji only, with the fixed rule score :data:`EMOJI_SCORE` (not a model
estimate). An emoji whose emotion's polarity disagrees with the text's
sentiment ("😂" in a complaint) adds nothing. A comment with words keeps the
models' reading: on GoEmotions dev the table's emotion matched the raters' on
18 of the 67 emoji it found, and adding them cost 0.0015 macro-F1.

Hand-written, like :mod:`cxtext.sentiment.emoji_polarity` (whose reasons apply:
no maintained, shippable emoji-emotion lexicon); the table is ours, released
with cxtext under its licence.
"""

from __future__ import annotations

import functools

from cxtext.sentiment.emoji_polarity import EMOJI_NAME, by_cleaned_name, is_emoji_only

__all__ = ["EMOJI_EMOTIONS", "EMOJI_SCORE", "emoji_emotions", "is_emoji_only"]

#: Common emoji and the CX emotion each names (written for cxtext).
EMOJI_EMOTIONS: dict[str, str] = {
    **dict.fromkeys(["😡", "😠", "🤬", "👿"], "anger"),
    **dict.fromkeys(["😤", "🙄", "😒", "😩", "😫", "🤦", "🤦‍♀️", "🤦‍♂️"], "frustration"),
    **dict.fromkeys(["😞", "😔", "😢", "😭", "💔", "☹️", "🙁", "😿"], "disappointment"),
    **dict.fromkeys(["😕", "🤔", "🤷", "🤷‍♀️", "🤷‍♂️"], "confusion"),
    **dict.fromkeys(["😰", "😨", "😱", "😟", "😬", "😓"], "anxiety"),
    **dict.fromkeys(["🙏"], "gratitude"),
    **dict.fromkeys(["😀", "😃", "😄", "😁", "😆", "😊", "🥰", "😍", "🤩", "🥳", "😂", "🤣", "🎉", "😻",
                     "❤️", "❤", "🧡", "💛", "💚", "💙", "💜", "💖", "💕", "💗"], "delight"),
    **dict.fromkeys(["👏", "🙌", "👌", "💯", "🏆", "🥇", "🌟"], "admiration"),
}
#: The score an emotion named by an emoji gets (a fixed rule value, stated so nobody reads it as calibrated).
EMOJI_SCORE = 0.8


@functools.cache
def _emotion_by_name() -> dict[str, str]:
    return by_cleaned_name(EMOJI_EMOTIONS)


def emoji_emotions(text: str) -> list[str]:
    """The emotions the emoji of a cleaned text name, in the order first found.

    Parameters
    ----------
    text : str
        Cleaned text (emoji written as ``[name]`` by :func:`cxtext.clean.normalise_text`).

    Examples
    --------
    >>> emoji_emotions("Loved it!!! [smiling face with heart-eyes] [smiling face with heart-eyes]")
    ['delight']
    >>> emoji_emotions("[folded hands] thanks [enraged face]"), emoji_emotions("no emoji here")
    (['gratitude', 'anger'], [])
    """
    if not isinstance(text, str) or "[" not in text:
        return []
    table = _emotion_by_name()
    found: list[str] = []
    for name in EMOJI_NAME.findall(text):
        emotion = table.get(name)
        if emotion and emotion not in found:
            found.append(emotion)
    return found

