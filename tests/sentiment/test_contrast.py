"""The neutral side of a contrast reads against the other side (``cxtext.sentiment.contrast``)."""

from __future__ import annotations

import numpy as np
import pytest

import cxtext
from cxtext.sentiment.contrast import CONTRAST_OPENING, read_contrasts

CLASSES = ["negative", "neutral", "positive"]
POSITIVE = [0.05, 0.15, 0.80]
NEGATIVE = [0.80, 0.15, 0.05]
UNSURE = [0.30, 0.45, 0.25]    # neutral, but not by much
FACT = [0.03, 0.94, 0.03]      # clearly neutral


@pytest.mark.parametrize(("first", "second", "texts", "expected"), [
    (POSITIVE, UNSURE, ["Lovely room", "but breakfast was cold toast"], ["positive", "negative"]),
    (NEGATIVE, UNSURE, ["The wait was awful", "although the nurse came in the end"], ["negative", "positive"]),
    (UNSURE, NEGATIVE, ["Breakfast was cold toast", "shame about the rude staff"], ["positive", "negative"]),
    (POSITIVE, FACT, ["Lovely staff", "but I was only in for a blood test"], ["positive", "neutral"]),
    (POSITIVE, UNSURE, ["Lovely room", "and breakfast was cold toast"], ["positive", "neutral"]),  # no contrast
    ([0.30, 0.15, 0.55], UNSURE, ["Room was ok-ish", "but breakfast"], ["positive", "neutral"]),  # not clear
])
def test_the_neutral_side_of_a_contrast(first, second, texts, expected):
    out = read_contrasts(np.array([first, second]), CLASSES, [7, 7], texts)
    assert [CLASSES[i] for i in out.argmax(1)] == expected
    assert np.allclose(out.sum(1), 1)


def test_contrasts_never_cross_comments_and_leave_the_input_alone():
    proba = np.array([POSITIVE, UNSURE])
    out = read_contrasts(proba, CLASSES, [1, 2], ["Lovely room", "but breakfast was cold toast"])
    assert np.array_equal(out, proba)
    read_contrasts(proba, CLASSES, [1, 1], ["Lovely room", "but breakfast was cold toast"])
    assert np.array_equal(proba, np.array([POSITIVE, UNSURE]))  # a new array is returned


def test_contrast_openings():
    for text in ("but the food", "However, the food", "Shame about the food", "only downside was the food",
                 "the only gripe: the food", "let down by the food", "... although the food"):
        assert CONTRAST_OPENING.match(text), text
    for text in ("butter was cold", "the food, but", "while I waited"):
        assert not CONTRAST_OPENING.match(text), text


def test_a_mixed_comment_keeps_both_sides_in_its_mentions():
    mentions = cxtext.analyze(["The food was great but the service was slow."]).mentions
    by_theme = dict(zip(mentions["theme"], mentions["sentiment"]))
    assert by_theme["product_quality"] == "positive" and by_theme["staff_attitude"] == "negative"
