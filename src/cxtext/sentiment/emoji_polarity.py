"""Polarity of emoji-only comments ("😡😡", "👍", "😍😍😍").

Customers answer with emoji alone surprisingly often, and neither shipped model
reads them well: the cleaner writes each emoji as its English name
(``"😡"`` -> ``"[enraged face]"``), and names such as "enraged face" or
"thumbs down" are rare in the training data. A comment or clause made only of
emoji is therefore scored from :data:`EMOJI_POLARITY`, a small table of common
emoji with a polarity of +1 or -1 that we wrote for cxtext (released with it
under its licence; no lexicon data was copied). Emoji missing from the table,
and texts whose emoji cancel out ("😀😡"), keep the model's reading.

The probabilities given to such a text are a fixed rule value
(:data:`EMOJI_PROBA`: 0.80 on the emoji's side), not a model estimate; that is
stated here so that nobody mistakes them for calibrated confidence. Texts with
any word besides emoji are left to the model.

Hand-written because no well-kept library maps emoji to polarity under a
licence we can ship: the widely cited Emoji Sentiment Ranking is a research
data set (CC BY-SA) without a maintained package.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TypeVar

import numpy as np

__all__ = ["EMOJI_NAME", "EMOJI_POLARITY", "EMOJI_PROBA", "apply_emoji_only", "by_cleaned_name", "emoji_only_label",
           "is_emoji_only"]

#: Polarity of common emoji (+1 positive, -1 negative), written for cxtext.
EMOJI_POLARITY: dict[str, int] = {
    # positive faces and gestures
    "😀": 1, "😃": 1, "😄": 1, "😁": 1, "😆": 1, "😊": 1, "🙂": 1, "😉": 1, "😍": 1,
    "🥰": 1, "😘": 1, "😋": 1, "😎": 1, "🤩": 1, "🥳": 1, "😇": 1, "🤗": 1, "😂": 1,
    "🤣": 1, "☺️": 1, "😺": 1, "😻": 1, "👍": 1, "👌": 1, "👏": 1, "🙌": 1, "🙏": 1,
    "💪": 1, "✌️": 1, "🤝": 1, "❤️": 1, "🧡": 1, "💛": 1, "💚": 1, "💙": 1, "💜": 1,
    "💖": 1, "💕": 1, "💯": 1, "⭐": 1, "🌟": 1, "✨": 1, "🎉": 1, "🏆": 1, "✅": 1,
    "🔥": 1, "🚀": 1, "🥇": 1,
    # negative faces and gestures
    "😡": -1, "😠": -1, "🤬": -1, "😤": -1, "😒": -1, "🙄": -1, "😞": -1, "😔": -1,
    "😟": -1, "🙁": -1, "☹️": -1, "😣": -1, "😖": -1, "😫": -1, "😩": -1, "😢": -1,
    "😭": -1, "😱": -1, "😨": -1, "😰": -1, "😓": -1, "🤢": -1, "🤮": -1, "😷": -1,
    "🤦": -1, "🤦‍♀️": -1, "🤦‍♂️": -1, "👎": -1, "💔": -1, "❌": -1, "🚫": -1, "⛔": -1,
    "💩": -1, "😬": -1, "😕": -1, "😑": -1, "😐": -1, "🐌": -1, "🤡": -1, "👿": -1,
    "😾": -1, "😿": -1,
}
#: Class probabilities (negative, neutral, positive order is applied by name) of an emoji-only text.
EMOJI_PROBA: dict[str, dict[str, float]] = {
    "positive": {"negative": 0.05, "neutral": 0.15, "positive": 0.80},
    "negative": {"negative": 0.80, "neutral": 0.15, "positive": 0.05},
}
#: An emoji as the cleaner writes it: ``[name]``.
EMOJI_NAME = re.compile(r"\[([A-Za-z0-9 :.,'&*#!-]+)\]")
T = TypeVar("T")


def by_cleaned_name(table: dict[str, T]) -> dict[str, T]:
    """An emoji table keyed by the names :func:`cxtext.clean.normalise_text` writes (``"😡"`` ->
    ``"enraged face"``).

    Examples
    --------
    >>> by_cleaned_name({"😡": -1})
    {'enraged face': -1}
    """
    from cxtext.clean.normalise import normalise_text

    out: dict[str, T] = {}
    for char, value in table.items():
        for name in EMOJI_NAME.findall(normalise_text(char)):
            out[name] = value
    return out


@functools.cache
def _polarity_by_name() -> dict[str, int]:
    return by_cleaned_name(EMOJI_POLARITY)


def is_emoji_only(text: str) -> bool:
    """Whether a cleaned text holds emoji names and nothing else but spaces and punctuation.

    Examples
    --------
    >>> is_emoji_only("[folded hands] [folded hands]!"), is_emoji_only("[folded hands] thanks"), is_emoji_only("")
    (True, False, False)
    """
    if not isinstance(text, str) or "[" not in text:
        return False
    return bool(EMOJI_NAME.search(text)) and not any(ch.isalnum() for ch in EMOJI_NAME.sub(" ", text))


def emoji_only_label(text: str) -> str | None:
    """``"positive"``/``"negative"`` for a cleaned text made only of known emoji, else ``None``.

    Parameters
    ----------
    text : str
        Cleaned text (emoji written as ``[name]`` by :func:`cxtext.clean.normalise_text`).

    Examples
    --------
    >>> emoji_only_label("[enraged face] [enraged face]")
    'negative'
    >>> emoji_only_label("[thumbs up]!")
    'positive'
    >>> emoji_only_label("[thumbs up] but slow") is None
    True
    """
    if not is_emoji_only(text):
        return None
    names = EMOJI_NAME.findall(text)
    table = _polarity_by_name()
    total = sum(table.get(name, 0) for name in names)
    if total > 0:
        return "positive"
    if total < 0:
        return "negative"
    return None


def apply_emoji_only(proba: np.ndarray, classes: Sequence[str], texts: Sequence[str]) -> np.ndarray:
    """Replace the probabilities of emoji-only texts by :data:`EMOJI_PROBA` (a copy).

    Examples
    --------
    >>> p = apply_emoji_only(np.full((2, 3), 1 / 3), ["negative", "neutral", "positive"],
    ...                      ["[enraged face]", "fine"])
    >>> p.round(2).tolist()
    [[0.8, 0.15, 0.05], [0.33, 0.33, 0.33]]
    """
    out = np.array(proba, dtype=float, copy=True)
    for i, text in enumerate(texts):
        label = emoji_only_label(text)
        if label is not None:
            rule = EMOJI_PROBA[label]
            out[i] = [rule.get(str(c), 0.0) for c in classes]
    return out
