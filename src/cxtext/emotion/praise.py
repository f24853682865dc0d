"""Praise words on a positive theme mention read as *admiration*.

``emotions.yaml`` defines admiration as "praise and respect for the quality of a
product, service or person: great, excellent, impressive, well done". The
emotion models learned it from GoEmotions' admiration label, which Reddit raters
gave mostly to "amazing" and "impressive" about people's feats; a patient's
"the physio department is spotless" or "doctors were really thorough" scores
0.04-0.20 there, far under the threshold. :func:`praise_words` finds the words
of praise in a clause (not negated: "not great" is no praise), and the analyser
adds admiration to the clause's mentions read as positive. Besides the
definition's words of quality, the list holds the words patients and customers
praise people with ("the nurse was lovely", "kind", "friendly", "you are a star",
"a lifeline", "couldn't do enough"): the writers of the patient sets read those as
admiration, and the models missed half of it (added 2026-12-07/08 after a rule fixed
beforehand; results log, thirtieth session). "Kind of" is no praise.

Written here rather than taken from a library: the words are the CX emotion
set's own definition, and negation uses the scope of
:func:`cxtext.sentiment.features.mark_negation`.
"""

from __future__ import annotations

import re

from cxtext.sentiment.features import mark_negation

__all__ = ["PRAISE_PHRASES", "PRAISE_WORDS", "praise_words"]

#: One-word praise of quality (lower case): the definition's words and their near synonyms.
PRAISE_WORDS = frozenset([
    "great", "excellent", "impressive", "impressed", "brilliant", "fantastic", "amazing", "outstanding",
    "superb", "exceptional", "fab", "fabulous", "wonderful", "marvellous", "marvelous", "terrific",
    "faultless", "flawless", "spotless", "immaculate", "professional", "thorough", "knowledgeable",
    "skilled", "skilful", "skillful", "competent", "efficient", "exemplary", "stellar", "phenomenal",
    "incredible", "remarkable", "legends", "legend", "heroes", "angels",
    # praise of people as patients and customers write it (thirtieth session: the admiration the
    # patient sets' writers read in "the nurse was lovely", "you are a star", "a lifeline")
    "lovely", "kind", "caring", "friendly", "gentle", "attentive", "helpful", "reassuring", "compassionate",
    "angel", "gem", "gems", "star", "superstar", "superstars", "hero", "lifeline",
])
_ANY_PRAISE_WORD = re.compile(r"\b(?:" + "|".join(sorted(PRAISE_WORDS)) + r")\b", re.IGNORECASE)
#: Praise said in several words.
PRAISE_PHRASES = re.compile(
    r"\b(?:well done|first class|first-class|top notch|top-notch|second to none|above and beyond|"
    r"(?:a )?credit to|(?:couldn'?t|can'?t|could not|cannot) fault|went the extra mile|nothing but praise|"
    r"hats off|kudos|five star|5 star|top marks|class act|in awe|(?:couldn'?t|could not) do enough|"
    r"nothing (?:was|is) too much trouble|(?:can'?t|couldn'?t|cannot|could not) ask for (?:more|better)|"
    r"well oiled|on the ball)\b", re.IGNORECASE)


def praise_words(text: str) -> list[str]:
    """The words and phrases of praise in ``text`` that no negation takes back.

    Parameters
    ----------
    text : str
        A clause.

    Returns
    -------
    list of str
        In the order found (phrases first); empty when there is none.

    Examples
    --------
    >>> praise_words("The physio department is spotless and the staff were brilliant.")
    ['spotless', 'brilliant']
    >>> praise_words("Not great, and the food wasn't excellent either."), praise_words("Couldn't fault them.")
    ([], ["couldn't fault"])
    >>> praise_words("Great Service!"), praise_words("4 stars, it was fine.")
    (['great'], [])
    """
    if not isinstance(text, str) or not text:
        return []
    found = [m.group(0).lower() for m in PRAISE_PHRASES.finditer(text)]
    if _ANY_PRAISE_WORD.search(text):  # most clauses hold none: no tokenising
        tokens = mark_negation(text)
        found += [tok for i, tok in enumerate(tokens) if tok in PRAISE_WORDS
                  and not (tok == "kind" and tokens[i + 1:i + 2] == ["of"])]  # "what kind of service"
    return found

