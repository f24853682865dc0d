from __future__ import annotations

import numpy as np
import pytest

from cxtext.sentiment.context import (
    apply_context,
    context_label_for_non_answer,
    is_suggestion,
    prompt_type,
    satisfied_non_answer,
)


@pytest.mark.parametrize("question,kind", [
    ("How could we improve?", "improve"),
    ("What could we have done better?", "improve"),
    ("Is there anything we could have done differently?", "improve"),
    ("What did you dislike about your stay?", "improve"),
    ("What did we do well?", "praise"),
    ("What was good about your care?", "praise"),
    ("What did you like most?", "praise"),
    ("What is the main reason for your score?", "neutral"),
    ("Any other comments?", "neutral"),
    ("", "neutral"),
    (float("nan"), "neutral"),
])
def test_prompt_type(question, kind):
    assert prompt_type(question) == kind


@pytest.mark.parametrize("text,expected", [
    ("More parking spaces", True),
    ("Please call me back when you say you will", True),
    ("You should open on Sundays.", True),
    ("It would be nice to have a coffee machine", True),
    ("I'd like more updates on my order", True),
    ("Needs more staff at weekends", True),
    ("Better signage in the car park", True),
    ("The staff were lovely", False),
    ("I waited four hours", False),
    ("Nothing to improve", False),
    ("Keep up the good work!", False),
])
def test_is_suggestion(text, expected):
    assert is_suggestion(text) is expected


def test_improve_prompt_makes_any_substantive_answer_a_suggestion():
    assert is_suggestion("Parking", prompt="improve")
    assert not is_suggestion("Nothing, it was perfect.", prompt="improve")
    assert not is_suggestion("", prompt="improve")


@pytest.mark.parametrize("text", ["Nothing", "nothing.", "None", "No", "Nothing really", "Nothing to improve",
                                  "Can't think of anything", "No, all good", "Keep it up!"])
def test_satisfied_answers(text):
    assert satisfied_non_answer(text)
    assert context_label_for_non_answer(text, "improve") == "positive"


def test_non_answer_meaning_by_prompt():
    assert context_label_for_non_answer("Nothing", "praise") == "negative"
    assert context_label_for_non_answer("Nothing", "neutral") is None
    assert context_label_for_non_answer("-", "praise") is None


def test_apply_context_shifts_but_keeps_strong_evidence():
    classes = ["negative", "neutral", "positive"]
    p = np.array([[0.2, 0.45, 0.35], [0.02, 0.03, 0.95]])
    out = apply_context(p, classes, ["praise", "improve"])
    assert np.allclose(out.sum(axis=1), 1)
    assert out[0].argmax() == 2  # an ambiguous answer to "what was good" leans positive
    assert out[1].argmax() == 2  # clear praise stays praise under an improve prompt
    assert np.allclose(apply_context(p, classes, ["neutral", "neutral"]), p)
