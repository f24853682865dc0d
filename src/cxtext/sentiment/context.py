"""Survey question context: prompt types, improvement requests, and prior shifts.

A survey comment answers a prompt, and the prompt changes what it means.
"Nothing." under "How could we improve?" means the customer is satisfied; under
"What did we do well?" it means the opposite. "More parking spaces" is an
improvement request that signals a pain point.

This module is rule-based on purpose: prompts come in a handful of well-known
shapes, and a short transparent rule set is easier to audit than a model
trained on data we do not have. It provides

* :func:`prompt_type` — ``"praise"`` (what was good / what did you like),
  ``"improve"`` (what could be better / how could we improve / what did you
  dislike) or ``"neutral"`` (reason for your score, any other comments);
* :func:`is_suggestion` — whether a comment asks for an improvement;
* :func:`satisfied_non_answer` — "nothing"/"all good"-style answers;
* :func:`apply_context` — shifts sentiment probabilities by the prompt type and
  for improvement requests (a prior shift in log space, with fixed, documented
  sizes);
* :func:`context_label_for_non_answer` — gives "Nothing."-style answers their
  meaning under the prompt.

The shift sizes (:data:`PRIOR_SHIFT`, :data:`SUGGESTION_SHIFT`) were set a
priori from how such prompts are answered, not tuned on any evaluation data.
Suggestions are shifted with or without a question column; the prompt shift
needs one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

__all__ = [
    "PRIOR_SHIFT",
    "PROMPT_TYPES",
    "SUGGESTION_SHIFT",
    "apply_context",
    "context_label_for_non_answer",
    "is_suggestion",
    "prompt_type",
    "satisfied_non_answer",
]

PROMPT_TYPES = ("praise", "improve", "neutral")

#: Log-odds added to each class's log-probability, by prompt type.
PRIOR_SHIFT: dict[str, dict[str, float]] = {
    "praise": {"negative": -0.5, "neutral": 0.0, "positive": 1.0},
    "improve": {"negative": 0.8, "neutral": 0.3, "positive": -0.8},
    "neutral": {"negative": 0.0, "neutral": 0.0, "positive": 0.0},
}

#: Extra log-odds for an improvement request (a suggestion signals a pain point).
SUGGESTION_SHIFT: dict[str, float] = {"negative": 1.2, "neutral": -0.3, "positive": -0.8}

_IMPROVE = re.compile(
    r"\b(improve|improvement|better|change|do differently|done differently|dislike|didn'?t like|"
    r"did not like|least|worst|disappoint|wrong|problem|issue|complain|fix|frustrat|"
    r"could (we|have) (do|done)|what (else )?(should|could|would)|suggest|recommendation for us|"
    r"not (so )?good|went badly|needs? work)\b",
    re.IGNORECASE,
)
_PRAISE = re.compile(
    r"\b(what (was|went|did) .*\b(good|well|like|enjoy)|did (we|you) do well|went well|liked?|enjoy(ed)?|"
    r"best|most (valuable|useful|helpful)|stood out|positive|praise|impressed|love[d]?|"
    r"good (about|experience)|what worked)\b",
    re.IGNORECASE,
)

_SUGGESTION_START = re.compile(
    r"^(?:(?:maybe|perhaps|please|pls|just|i think|i feel|honestly|definitely|possibly|"
    r"it would be (?:nice|good|great|better|helpful) (?:to|if)|would be (?:nice|good|great|better) (?:to|if))[\s,]+)*"
    r"(?:more|less|fewer|better|faster|quicker|cheaper|lower|longer|shorter|clearer|add|allow|make|"
    r"provide|offer|open|improve|reduce|increase|stop|start|bring|hire|employ|train|update|fix|keep|"
    r"give|let|include|introduce|extend|tell|inform|listen|answer|reply|respond|call|ring|email|text|"
    r"send|explain|communicate|simplify|speed up|sort out|consider|need|needs|should|could|"
    r"have (?:more|a|an|better|someone)|get (?:more|rid|a|better)|be (?:more|less)|don'?t|do not|"
    r"stop|avoid|ensure|make sure|remember)\b",
    re.IGNORECASE,
)
_SUGGESTION_ANYWHERE = re.compile(
    r"\b(you should|they should|staff should|we should|should (?:be|have|offer|provide|make|let|allow|"
    r"consider|improve|employ|hire|train|answer|reply|respond|tell|give|open|stop)|could (?:you|they) (?:please )?"
    r"(?:be|have|offer|provide|make|let|allow|consider|improve|add|open|give|tell)|would be (?:nice|good|great|better|"
    r"helpful|useful)|i(?:'d| would) (?:like|prefer|love) (?:to see|it if|more|less|a|an|the|you)|(?:i )?wish (?:you|they|there|it)|"
    r"needs? (?:to|more|a|an|better)|please (?:\w+)|it would help|suggest|suggestion|more (?:staff|parking|seats|"
    r"options|choice|information|info|communication|updates|availability|appointments)|"
    r"(?:a|an) option to|ability to|if only)\b",
    re.IGNORECASE,
)
#: A word every match of ``_SUGGESTION_ANYWHERE`` contains: texts (ASCII, lower-cased) with
#: none of them skip the search, which is slow for a pattern with this many alternatives.
_SUGGESTION_WORDS = ("should", "could", "would", "i'd", "wish", "need", "please", "help", "suggest",
                     "more", "option", "ability", "if only")
_SATISFIED = re.compile(
    r"^(?:no+|nope|none|nothing|nil|not really|no comments?|nothing (?:really|at all|else|much|to (?:add|improve|say|change))|"
    r"(?:i )?(?:can'?t|cannot|couldn'?t) think of anything|nothing i can think of|no(?:thing)?,? (?:it|all|everything) (?:was|is) "
    r"(?:great|good|fine|perfect|excellent|brilliant|spot on)|(?:(?:no|nope|nothing)[,.]? )?(?:all|everything) (?:good|fine|great)|"
    r"keep (?:it )?up(?: the (?:good|great|excellent) work)?|keep doing what you'?re doing|"
    r"(?:it was |everything was )?(?:perfect|excellent|spot on|fine as it is)|(?:no|nothing),? (?:keep|carry on)[\w\s']*|"
    r"no (?:improvements?|changes?) (?:needed|necessary|required))[\s.!,:;)\-]*(?:\[[a-z ]+\])?[\s.!]*$",
    re.IGNORECASE,
)
_NEGATIVE_NONE = re.compile(r"^(?:no+|none|nothing|nil|not much|not a lot|nothing at all)[\s.!]*$", re.IGNORECASE)


def prompt_type(question: object) -> str:
    """Classify a survey prompt as ``"praise"``, ``"improve"`` or ``"neutral"``.

    Examples
    --------
    >>> prompt_type("How could we improve?")
    'improve'
    >>> prompt_type("What did we do well?")
    'praise'
    >>> prompt_type("What is the main reason for your score?")
    'neutral'
    >>> prompt_type(None)
    'neutral'
    """
    if not isinstance(question, str) or not question.strip():
        return "neutral"
    if _IMPROVE.search(question):
        return "improve"
    if _PRAISE.search(question):
        return "praise"
    return "neutral"


def satisfied_non_answer(text: str) -> bool:
    """True for "nothing"/"all good"-style answers (satisfied under an improve prompt).

    Examples
    --------
    >>> satisfied_non_answer("Nothing, it was great!"), satisfied_non_answer("More parking")
    (True, False)
    """
    return bool(_SATISFIED.match(text.strip()))


def is_suggestion(text: str, prompt: str = "neutral") -> bool:
    """Whether a comment asks for an improvement.

    Under an ``"improve"`` prompt every substantive answer that is not a
    satisfied "nothing"-style answer is an improvement request.

    Examples
    --------
    >>> is_suggestion("More parking spaces please")
    True
    >>> is_suggestion("You should open on Sundays.")
    True
    >>> is_suggestion("The staff were lovely")
    False
    >>> is_suggestion("Parking", prompt="improve")
    True
    """
    text = text.strip()
    if not text or satisfied_non_answer(text):
        return False
    if prompt == "improve" and any(ch.isalpha() for ch in text):
        return True
    if _SUGGESTION_START.match(text):
        return True
    if text.isascii():  # every match of _SUGGESTION_ANYWHERE holds one of these words
        low = text.lower()
        if not any(word in low for word in _SUGGESTION_WORDS):
            return False
    return bool(_SUGGESTION_ANYWHERE.search(text))


def apply_context(proba: np.ndarray, classes: Sequence[str], prompts: Sequence[str],
                  suggestions: Sequence[bool] | None = None) -> np.ndarray:
    """Shift probabilities by each row's prompt type (in log space) and renormalise.

    Rows flagged in ``suggestions`` also get :data:`SUGGESTION_SHIFT`, since an
    improvement request signals a pain point.

    Examples
    --------
    >>> import numpy as np
    >>> p = np.array([[0.3, 0.4, 0.3]])
    >>> int(apply_context(p, ["negative", "neutral", "positive"], ["improve"]).argmax())
    0
    """
    proba = np.asarray(proba, dtype=float)
    shift = np.array([[PRIOR_SHIFT.get(p, PRIOR_SHIFT["neutral"]).get(c, 0.0) for c in classes]
                      for p in prompts])
    if not len(shift):
        return proba
    if suggestions is not None:
        extra = np.array([SUGGESTION_SHIFT.get(c, 0.0) for c in classes])
        shift = shift + np.outer(np.asarray(suggestions, dtype=float), extra)
    logits = np.log(np.clip(proba, 1e-9, 1.0)) + shift
    logits -= logits.max(axis=1, keepdims=True)
    out = np.exp(logits)
    return out / out.sum(axis=1, keepdims=True)


def context_label_for_non_answer(text: str, prompt: str) -> str | None:
    """Sentiment a non-answer carries under its prompt (``None``: no sentiment).

    Examples
    --------
    >>> context_label_for_non_answer("Nothing.", "improve")
    'positive'
    >>> context_label_for_non_answer("Nothing.", "praise")
    'negative'
    >>> context_label_for_non_answer("n/a", "neutral") is None
    True
    """
    text = text.strip()
    if not text:
        return None
    if prompt == "improve" and satisfied_non_answer(text):
        return "positive"
    if prompt == "praise" and _NEGATIVE_NONE.match(text):
        return "negative"
    return None
