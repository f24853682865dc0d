"""Emotions a text names only to deny them: "not angry", "wasn't worried", "no worries".

The emotion models learned from GoEmotions, where a named feeling nearly always
means that feeling, so "I'm not angry at all, the refund was quick" reads as
anger and "Not happy with the delivery" as delight. :func:`denied_emotions`
finds the emotions whose words a text uses only inside a negation scope (the
scope of :func:`cxtext.sentiment.features.mark_negation`: up to four words
after "not", "never", "no", "-n't" ..., ended by punctuation or "but"), so the
analyser can take them off what the models read. An emotion the text also
names outside a negation ("not angry, just disappointed" keeps disappointment),
or shows without naming it, is left alone. Negations that intensify are not
denials: "never been so angry", "couldn't be more grateful", "not just
annoyed", "can't tell you how angry", "nothing short of amazing"; understatements
are: "not too happy", "not that impressed". "Thanks for nothing" takes its
thanks back: no gratitude.

Written here rather than taken from a library: the cue words are the CX
emotion set's own (``emotions.yaml``), and the negation scope is the one the
sentiment features already use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from cxtext.sentiment.features import _NEGATORS, _TOKEN, mark_negation

__all__ = ["EMOTION_WORDS", "denied_emotions", "drop_denied"]

#: Words that name each emotion (lower case, one token each; as :func:`mark_negation` splits them).
EMOTION_WORDS: dict[str, frozenset[str]] = {
    "anger": frozenset(["angry", "anger", "furious", "fuming", "livid", "outraged", "enraged", "irate",
                        "seething", "incensed", "mad"]),
    "frustration": frozenset(["frustrated", "frustrating", "frustration", "annoyed", "annoying", "irritated",
                              "irritating", "bothered"]),
    "disappointment": frozenset(["disappointed", "disappointing", "disappointment", "upset", "gutted", "sad"]),
    "confusion": frozenset(["confused", "confusing", "confusion", "baffled", "puzzled", "bewildered"]),
    "anxiety": frozenset(["worried", "worry", "worries", "worrying", "anxious", "anxiety", "nervous", "scared",
                          "afraid", "frightened", "terrified", "stressed", "concerned", "panic", "panicked"]),
    "gratitude": frozenset(["grateful", "thankful", "appreciative"]),
    "delight": frozenset(["happy", "delighted", "thrilled", "pleased", "excited", "overjoyed", "chuffed"]),
    "admiration": frozenset(["impressed", "impressive", "great", "excellent", "brilliant", "amazing", "fantastic",
                             "outstanding", "superb", "wonderful"]),
}

_CUE = {word: emotion for emotion, words in EMOTION_WORDS.items() for word in words}
_CUES = frozenset(_CUE)
#: Degree words: after a verb in the scope they intensify ("never been so angry", "couldn't be more
#: grateful"); straight after the negator they understate, which still denies ("not too happy",
#: "not that impressed").
_DEGREE = frozenset(["so", "more", "as", "this", "that", "such", "too", "very", "any"])
#: Words that make the negation no denial wherever they stand in the scope: "not only upset", "not just
#: annoyed", "can't tell you how angry", "can't believe how", "can't stop worrying", "nothing short of
#: amazing", "cannot praise ... enough".
_AFFIRMING = frozenset(["only", "just", "merely", "how", "stop", "tell", "believe", "describe", "express",
                        "short", "praise", "thank", "recommend", "overstate", "emphasise", "emphasize"])
#: A word that starts a new statement inside the scope: the emotion words after it are not denied.
_JOINERS = frozenset(["and", "or", "because", "then", "when", "until", "which", "who"])


#: Thanks taken back: "thanks for nothing", "thank you very much for nothing".
_THANKS_FOR_NOTHING = re.compile(r"\bthank(?:s|\s+you)(?:\s+(?:a\s+lot|so\s+much|very\s+much))?\s+for\s+nothing\b",
                                 re.IGNORECASE)


def denied_emotions(text: str) -> set[str]:
    """Emotions that ``text`` names only inside a negation.

    Parameters
    ----------
    text : str
        A comment or clause.

    Returns
    -------
    set of str
        Emotion ids from ``EMOTION_WORDS``; empty when nothing is denied.

    Examples
    --------
    >>> sorted(denied_emotions("I'm not angry at all, the refund was quick."))
    ['anger']
    >>> sorted(denied_emotions("Not angry, just disappointed."))
    ['anger']
    >>> sorted(denied_emotions("No worries, the nurse sorted it."))
    ['anxiety']
    >>> denied_emotions("I have never been so angry in my life."), denied_emotions("Not happy. Not happy at all.")
    (set(), {'delight'})
    >>> denied_emotions("I wasn't angry at first but now I'm furious.")
    set()
    >>> denied_emotions("I wasn't happy and was furious.")
    {'delight'}
    >>> denied_emotions("Thanks for nothing. Still no refund."), denied_emotions("Thanks for nothing, I'm grateful")
    ({'gratitude'}, set())
    """
    if not isinstance(text, str) or not text:
        return set()
    # most texts name no emotion word or hold no negation: one tokenising decides (a regex of the
    # seventy emotion words took five times as long)
    low = text.lower().replace("\u2019", "'")
    words = _TOKEN.findall(low)  # mark_negation's tokens
    thanks_back = "nothing" in words and _THANKS_FOR_NOTHING.search(text) is not None
    if not thanks_back and (_CUES.isdisjoint(words) or (_NEGATORS.isdisjoint(words) and "n't" not in low)):
        return set()
    tokens = mark_negation(text)
    denied: set[str] = set()
    if thanks_back and not any(_CUE.get(t) == "gratitude" for t in tokens):
        denied.add("gratitude")
    if not any(t.startswith("neg_") for t in tokens):
        return denied
    named: set[str] = set()
    affirmed = False
    first = True  # the first word of a negation scope
    for tok in tokens:
        if not tok.startswith("neg_"):
            affirmed, first = False, True  # a new scope (or none) starts clean
            emotion = _CUE.get(tok)
            if emotion:
                named.add(emotion)
            continue
        word = tok[4:]
        if word in _AFFIRMING or word in _JOINERS or (word in _DEGREE and not first):
            affirmed = True  # "can't tell you how angry"; "wasn't happy and was furious"; "never been so angry"
        else:
            emotion = _CUE.get(word)
            if emotion:
                (named if affirmed else denied).add(emotion)
        first = False
    return denied - named


def drop_denied(texts: Sequence[str], emotions: Iterable[list[str]]) -> list[list[str]]:
    """``emotions`` without the ones each text denies (new lists; the others in their order).

    Examples
    --------
    >>> drop_denied(["Not angry, just disappointed.", "Furious!"], [["anger", "disappointment"], ["anger"]])
    [['disappointment'], ['anger']]
    """
    out = []
    for text, found in zip(texts, emotions):
        denied = denied_emotions(text) if found else set()
        out.append([e for e in found if e not in denied] if denied else list(found))
    return out
