"""Politeness formulas the models should not read as feeling: thanks given in advance.

Support messages and survey comments often end a complaint with "Thanks in
advance": "The app keeps crashing every time I open it. Thanks in advance" read
as positive in both presets (0.66 fast, 0.51 accurate), and "Still no refund
after 6 weeks. Thanks in advance for looking into it." as positive in the accurate
one. Thanks given before anything was done is a formula of politeness, not
satisfaction (the airline tweets that hold it are labelled neutral: they ask for
something). So the models read each text without it (:func:`model_texts`), while
the cleaned text, the evidence spans and every rule (idioms, prompts, emoji) keep
the words the customer wrote. A text that is nothing but the formula ("Thanks in
advance for any help.") is read as written: there is nothing else to read.

A regular expression rather than a library: the formula is a handful of fixed
phrasings, and every text fed to a model passes here, so a substring test decides
first whether the pattern runs at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["model_texts", "without_thanks_in_advance"]

#: "Thanks in advance", "Many thanks in advance for your help", "Thank you for your help in
#: advance!", "Cheers in advance", "thanks in advanced", "I appreciate your help in advance",
#: "TIA"; a "for ..." after it only when it names the help asked for ("for your help", "for
#: sorting this out"), so "Thanks in advance for looking into why my order never arrived" and
#: "Thanks in advance for sorting this out, the app keeps crashing" keep their complaint.
_THANKS_IN_ADVANCE = re.compile(
    r"\b(?:(?:many|big|huge) )?(?:thanks|thank you|thank u|thx|ta|cheers)(?: (?:so|very) much)?"
    r"(?: for (?:your|any|the) (?:help|assistance|support|time))? in advanced?\b"
    # "for ..." only when it names the help asked for: "Thanks in advance for looking into why my order
    # never arrived" keeps its complaint
    r"(?: for (?:your |any |the |all the )?(?:help|assistance|support|time|reply|response|replies|understanding|"
    r"patience|cooperation|co-operation|advice|looking into (?:this|it|my (?:\w+ )?(?:query|case|complaint|issue))|"
    r"sorting (?:this|it) out|getting back to (?:me|us)|your help with this))?[.!]*"
    r"|\b(?:i )?appreciate (?:your|any|the) help in advanced?\b[.!]*"
    r"|(?-i:\bTIA\b)[.!]*",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
_LEADING_PUNCTUATION = re.compile(r"^[\s,;:.!-]+")
#: Fewer words than this left without the formula: the text is read as written.
_MIN_WORDS_LEFT = 2


def without_thanks_in_advance(text: str) -> str:
    """``text`` without thanks given in advance, or ``text`` itself when little else is left.

    Examples
    --------
    >>> without_thanks_in_advance("The app keeps crashing. Thanks in advance!")
    'The app keeps crashing.'
    >>> without_thanks_in_advance("Thanks in advance for sorting this out, the app keeps crashing.")
    'the app keeps crashing.'
    >>> without_thanks_in_advance("Thanks in advance for any help.")
    'Thanks in advance for any help.'
    >>> without_thanks_in_advance("Thanks for the quick reply")
    'Thanks for the quick reply'
    """
    if "dvance" not in text and "DVANCE" not in text and "TIA" not in text:  # most texts stop here
        return text
    left = _THANKS_IN_ADVANCE.sub(" ", text)
    if left == text:
        return text
    left = _LEADING_PUNCTUATION.sub("", _SPACES.sub(" ", left)).strip()
    return left if len(left.split()) >= _MIN_WORDS_LEFT else text


def model_texts(texts: Sequence[str]) -> list[str]:
    """The texts as the sentiment and emotion models read them (:func:`without_thanks_in_advance`).

    Examples
    --------
    >>> model_texts(["Still no refund. Many thanks in advance.", "Great staff"])
    ['Still no refund.', 'Great staff']
    """
    return [without_thanks_in_advance(t) for t in texts]
