"""Recognise non-answers: "n/a", "nothing", "no comment", "-", "asdf" and friends.

Open survey questions collect many answers that carry no opinion. They are
flagged (never dropped) so that sentiment and theme shares are computed over real
answers only.

The check is data-driven: :data:`NON_ANSWERS` lists whole answers (already in the
normalised form described below) and :data:`FILLERS_BEFORE`/:data:`FILLERS_AFTER`
list words that may surround them ("nothing **thanks**", "**um** no comment").
Matching is case-, punctuation- and apostrophe-insensitive: ``"N/A."`` becomes
``"n a"``, ``"I don't know!"`` becomes ``"i dont know"``.

Besides the list, an answer is a non-answer when it has no letters at all
(``"42"``, ``"!!!"``, ``"10/12"``) or is a keyboard mash (``"asdf"``, ``"jkljkl"``,
``"xxxx"``, ``"sdfghj"``). A rating written as the answer (``"10/10"``, ``"1/5"``,
``"9.5 / 10"``, ``"3 out of 10"``, ``"100%"``, ``"5*"``; :func:`rating_answer`) is
an answer: it says how the person feels, and the analysis reads its sentiment
from the rating. The placeholders left by :func:`cxtext.clean.redact_pii`
(``"[EMAIL]"`` …) do not count as content; emoji words written by
:func:`cxtext.clean.normalise_text` (``"[enraged face]"``) do, because an emoji-only
comment still says how the person feels.

No library covers this (it is survey-specific), hence the hand-written list.
"""

from __future__ import annotations

import re

from cxtext.clean.pii import PLACEHOLDERS

__all__ = ["FILLERS_AFTER", "FILLERS_BEFORE", "NON_ANSWERS", "is_non_answer_text", "rating_answer"]

_NON_ANSWER_TABLE = """
n a|na|n a a|nan|none|nothing|nil|null|no|nope|nah|nay|non|nada|zip|zilch|nothin|nuthin
not applicable|non applicable|not relevant|irrelevant|does not apply|doesnt apply|dna|n r
idk|i dont know|dont know|dunno|i dunno|no idea|not sure|unsure|cant say|cannot say|no opinion
no comment|no comments|no comment s|no comment at this time
no further comment|no further comments|no other comment|no other comments
no additional comment|no additional comments|no more comments
no feedback|no further feedback|no suggestions|no suggestion
nothing to add|nothing else|nothing further|nothing more|nothing more to add|nothing else to add
nothing to say|nothing else to say|nothing to report|nothing to declare|nothing to comment
nothing to mention|nothing springs to mind|nothing comes to mind|nothing i can think of
none that i can think of|cant think of anything|cannot think of anything|no not really
not really|nothing really|none really|none at all|nothing at all|nothing in particular
nothing specific|none in particular|not at this time|none at this time|nothing at this time
no thanks|no thank you|no thankyou|no response|no answer|no reply|not answered|pass|skip
blank|empty|same|same as above|as above|see above|ditto|test|testing|test test|tbd|tba|tbc
abc|xyz|x|blah|blah blah|blah blah blah|bla|bla bla|bla bla bla|whatever
prefer not to say|rather not say|id rather not say|i prefer not to say|prefer not to answer
"""

#: Whole answers that say nothing, in normalised form (lowercase, apostrophes removed,
#: other punctuation turned into single spaces).
NON_ANSWERS: frozenset[str] = frozenset(
    phrase.strip()
    for line in _NON_ANSWER_TABLE.splitlines()
    for phrase in line.split("|")
    if phrase.strip()
)

#: Words that may precede a non-answer without making it an answer.
FILLERS_BEFORE: tuple[str, ...] = (
    "um",
    "umm",
    "erm",
    "er",
    "uh",
    "hmm",
    "hm",
    "well",
    "sorry",
    "oh",
    "honestly",
)
#: Words or phrases that may follow a non-answer without making it an answer.
FILLERS_AFTER: tuple[str, ...] = (
    "thanks",
    "thank you",
    "thankyou",
    "thx",
    "ty",
    "cheers",
    "really",
    "sorry",
    "at the moment",
    "at this time",
    "right now",
    "for now",
    "so far",
    "at present",
    "tbh",
    "to be honest",
    "honestly",
)

#: Every word of a non-answer or a filler: an answer holding any other word cannot
#: be reduced to a non-answer by stripping fillers, so most comments skip that loop.
_NON_ANSWER_WORDS: frozenset[str] = frozenset(
    word for phrase in (*NON_ANSWERS, *FILLERS_BEFORE, *FILLERS_AFTER) for word in phrase.split()
)

_PII_PLACEHOLDER = re.compile(r"\[(?:" + "|".join(PLACEHOLDERS) + r")\]")
_RATING = re.compile(r"\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:/|out of)\s*(5|10|100)(?:\s*stars?)?\s*[!.]*\s*",
                     re.IGNORECASE)
_PERCENT = re.compile(r"\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*%\s*[!.]*\s*")
_STARS = re.compile(r"\s*([0-5](?:[.,]5)?)\s*(?:\*|\u2605|stars?)\s*[!.]*\s*", re.IGNORECASE)
#: Numbers written as words in a rating ("ten out of ten", "five stars", "nought out of ten").
_NUMBER_WORDS = {"zero": 0, "nought": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a hundred": 100, "one hundred": 100}
_NUMBER_WORD = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_WORD_RATING = re.compile(
    rf"\s*({_NUMBER_WORD}|\d{{1,2}})( and a half)?\s*(?:/|out of)\s*({_NUMBER_WORD}|5|10|100)(?:\s*stars?)?\s*[!.]*\s*",
    re.IGNORECASE)
_WORD_STARS = re.compile(rf"\s*({_NUMBER_WORD})( and a half)?\s*stars?\s*[!.]*\s*", re.IGNORECASE)
_APOSTROPHE = re.compile("['\u2019\u2018`]")
_NON_WORD = re.compile(r"[\W_]+")
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")
_ROW_RUNS = frozenset(
    row[i:j] for row in _KEYBOARD_ROWS for i in range(len(row)) for j in range(i + 3, len(row) + 1)
) | frozenset(
    row[::-1][i:j]
    for row in _KEYBOARD_ROWS
    for i in range(len(row))
    for j in range(i + 3, len(row) + 1)
)
_ROW_PAIRS = frozenset(
    row[i : i + 2]
    for row in _KEYBOARD_ROWS + tuple(r[::-1] for r in _KEYBOARD_ROWS)
    for i in range(len(row) - 1)
)
_VOWELS = frozenset("aeiouy")


def _key(text: str) -> str:
    return _NON_WORD.sub(" ", _APOSTROPHE.sub("", text.lower())).strip()


def _is_mash_token(token: str) -> bool:
    """True for one keyboard-mash token such as 'asdf', 'jkljkl', 'xxxx', 'sdfghj'.

    Only ASCII letters are read: the rules know a Latin keyboard's rows and vowels,
    and a word in another script ("サービスがとても悪かった", "Отлично") has no Latin vowel.
    """
    if len(token) < 3 or not token.isascii() or not token.isalpha():
        return False
    if len(set(token)) == 1:  # aaa, xxxx
        return True
    if token in _ROW_RUNS:  # asdf, qwerty, jkl, lkj
        return True
    for size in (2, 3, 4):  # asdasd, jkjkjk, sdfsdf
        unit = token[:size]
        if (
            len(token) >= 2 * size
            and len(token) % size == 0
            and unit * (len(token) // size) == token
        ):
            return unit in _ROW_RUNS or unit in _ROW_PAIRS or not (_VOWELS & set(unit))
    return len(token) >= 5 and not (_VOWELS & set(token))  # sdfghj, fjdkslgh


def _strip_fillers(key: str) -> str:
    changed = True
    while changed and key:
        changed = False
        for word in FILLERS_BEFORE:
            if key.startswith(word + " "):
                key, changed = key[len(word) + 1 :], True
        for phrase in FILLERS_AFTER:
            if key.endswith(" " + phrase):
                key, changed = key[: -len(phrase) - 1], True
    return key


def rating_answer(text: str) -> tuple[float, int] | None:
    """``(value, scale)`` when the whole answer is a rating, else None.

    A rating is a number out of 5, 10 or 100 (``"8/10"``, ``"3 out of 5"``; the
    numbers may be written as words, ``"ten out of ten"``), a
    percentage (out of 100), a number of stars (``"5*"``, ``"4 stars"``, ``"five
    stars"``, out of 5) or star glyphs (``"★★★★☆"``: filled out of all, or out of 5 with no empty ones).

    Examples
    --------
    >>> rating_answer("10/10!"), rating_answer("9,5 / 10"), rating_answer("3 out of 5")
    ((10.0, 10), (9.5, 10), (3.0, 5))
    >>> rating_answer("100%"), rating_answer("5*"), rating_answer("4 stars")
    ((100.0, 100), (5.0, 5), (4.0, 5))
    >>> rating_answer("★★★★☆"), rating_answer("★★★★★"), rating_answer("★")
    ((4.0, 5), (5.0, 5), (1.0, 5))
    >>> rating_answer("Ten out of ten!"), rating_answer("five stars"), rating_answer("nought out of 10")
    ((10.0, 10), (5.0, 5), (0.0, 10))
    >>> rating_answer("10/12"), rating_answer("42"), rating_answer("10/10 would fly again")
    (None, None, None)
    """
    if not isinstance(text, str):
        return None
    if text.lstrip()[:1] in _STAR_GLYPHS:
        return _star_glyphs(text)
    if text.lstrip()[:1].isalpha():
        return _word_rating(text)
    if not text.lstrip()[:1].isdigit():
        return None
    found = _RATING.fullmatch(text)
    if found is not None:
        return float(found.group(1).replace(",", ".")), int(found.group(2))
    for pattern, scale in ((_PERCENT, 100), (_STARS, 5)):
        found = pattern.fullmatch(text)
        if found is not None:
            return float(found.group(1).replace(",", ".")), scale
    return _word_rating(text)  # "7 out of ten"


#: How a rating answer opens: a digit, a star glyph or a number word ("Ten out of ten").
_NUMBER_WORD_OPENING = re.compile(rf"(?:{_NUMBER_WORD})\b", re.IGNORECASE)


def opens_like_rating(text: str) -> bool:
    """Whether ``text`` (stripped) could be a rating answer: a cheap test before :func:`rating_answer`.

    Digits and star glyphs open one at any length; a number word only a short
    answer (under 40 characters: "seven and a half out of ten" is 27).

    Examples
    --------
    >>> [opens_like_rating(t) for t in ["8/10", "★★★☆☆", "Ten out of ten", "Great staff"]]
    [True, True, True, False]
    """
    first = text[:1]
    return first.isdigit() or first in _STAR_GLYPHS or (len(text) < 40 and _NUMBER_WORD_OPENING.match(text) is not None)


def _word_rating(text: str) -> tuple[float, int] | None:
    """``(value, scale)`` of a rating with its numbers in words ("ten out of ten", "five stars"), else None."""
    found = _WORD_RATING.fullmatch(text)
    if found is not None:
        value, scale = (_NUMBER_WORDS.get(g.lower()) if not g.isdigit() else int(g) for g in found.group(1, 3))
        if scale in (5, 10, 100) and value is not None:
            return float(value) + (0.5 if found.group(2) else 0.0), int(scale)
        return None
    found = _WORD_STARS.fullmatch(text)
    if found is not None and _NUMBER_WORDS[found.group(1).lower()] <= 5:
        return float(_NUMBER_WORDS[found.group(1).lower()]) + (0.5 if found.group(2) else 0.0), 5
    return None


#: Filled and empty star glyphs of a star rating written as text.
_STAR_GLYPHS = "★☆"


def _star_glyphs(text: str) -> tuple[float, int] | None:
    """``(filled, scale)`` of a text of star glyphs only: out of all glyphs (5 or 10), else out of 5."""
    stars = "".join(text.split())
    if not stars or stars.strip(_STAR_GLYPHS):
        return None
    filled = stars.count("★")
    scale = len(stars) if "☆" in stars else 5
    if scale not in (5, 10) or filled > scale:
        return None
    return float(filled), scale


def is_non_answer_text(text: str) -> bool:
    """Tell whether a (normalised) comment is a non-answer.

    Parameters
    ----------
    text : str
        Comment text, ideally after :func:`cxtext.clean.normalise_text` and
        :func:`cxtext.clean.redact_pii`.

    Returns
    -------
    bool
        True for an empty text, a text with no letters (but not a rating such as
        "10/10"), a keyboard mash or a phrase in :data:`NON_ANSWERS` (possibly
        wrapped in fillers such as "thanks").

    Examples
    --------
    >>> [is_non_answer_text(t) for t in ["N/A.", "Nothing, thanks!", "asdf", "!!!", "n/a n/a", "idk tbh"]]
    [True, True, True, True, True, True]
    >>> [is_non_answer_text(t) for t in ["No problems at all", "[enraged face]", "Great service!"]]
    [False, False, False]
    """
    if not text or not isinstance(text, str):
        return True
    if "[" in text:
        text = _PII_PLACEHOLDER.sub(" ", text)
    if len(text) > 200:  # no non-answer is this long; skip the work
        return not any(ch.isalpha() for ch in text)
    if not any(ch.isalpha() for ch in text):
        return rating_answer(text) is None
    key = _key(text)
    if key in NON_ANSWERS:
        return True
    tokens = key.split()
    if tokens and all(_is_mash_token(t) for t in tokens):
        return True
    if not _NON_ANSWER_WORDS.issuperset(tokens):
        return False
    stripped = _strip_fillers(key)
    return (stripped != key and stripped in NON_ANSWERS) or _repeated_non_answer(stripped.split())


def _repeated_non_answer(tokens: list[str]) -> bool:
    """One non-answer written several times: "n/a n/a", "na na na", "none none"."""
    n = len(tokens)
    return any(n % size == 0 and tokens == tokens[:size] * (n // size) and " ".join(tokens[:size]) in NON_ANSWERS
               for size in range(1, n // 2 + 1))
