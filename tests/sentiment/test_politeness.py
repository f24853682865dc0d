"""Thanks given in advance is politeness: the models read comments without it."""

from __future__ import annotations

import pytest

import cxtext
from cxtext.sentiment.politeness import model_texts, without_thanks_in_advance


@pytest.mark.parametrize(("text", "expected"), [
    ("The app keeps crashing. Thanks in advance!", "The app keeps crashing."),
    ("Thanks in advance for sorting this out, the app keeps crashing.", "the app keeps crashing."),
    ("Still no refund after 6 weeks. Many thanks in advance for looking into it.", "Still no refund after 6 weeks."),
    ("Can you call me back? THANK YOU IN ADVANCE", "Can you call me back?"),
    ("I appreciate your help in advance, the router keeps dropping.", "the router keeps dropping."),
    ("Router down again. TIA", "Router down again."),
    # nothing else to read, or no formula: as written
    ("Thanks in advance for any help.", "Thanks in advance for any help."),
    ("Thanks in advance!", "Thanks in advance!"),
    ("Thanks for the quick reply", "Thanks for the quick reply"),
    ("Booked in advance and it was worth it", "Booked in advance and it was worth it"),
    ("Tia at the front desk was lovely", "Tia at the front desk was lovely"),
    ("", ""),
    # a bash of the rule: a "for ..." that is the complaint stays; more wordings of the formula
    ("Thanks in advance for looking into why my order never arrived. Cheers",
     "for looking into why my order never arrived. Cheers"),
    ("Router down again. Thank you for your help in advance.", "Router down again."),
    ("Router down again. Thanks in advanced", "Router down again."),
    ("Router down again. Cheers in advance!", "Router down again."),
])
def test_thanks_in_advance_is_taken_off(text, expected):
    assert without_thanks_in_advance(text) == expected


def test_model_texts_keeps_order_and_length():
    texts = ["a b. Thanks in advance", "Great staff", "Thanks in advance"]
    assert model_texts(texts) == ["a b.", "Great staff", "Thanks in advance"]


def test_a_complaint_with_thanks_in_advance_reads_as_the_complaint():
    # fast 1c7df4e: positive (0.66); the text and evidence keep the words as written
    texts = ["The app keeps crashing every time I open it. Thanks in advance"]
    result = cxtext.analyze(texts, preset="fast")
    row = result.comments.iloc[0]
    assert row["sentiment"] == "negative"
    assert row["text_clean"].endswith("Thanks in advance")
    assert "gratitude" not in row["emotions"]
