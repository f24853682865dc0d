"""Emoji-only texts get the polarity of our emoji table."""

from __future__ import annotations

import numpy as np
import pytest

from cxtext.clean.normalise import normalise_text
from cxtext.sentiment.emoji_polarity import EMOJI_POLARITY, apply_emoji_only, emoji_only_label


@pytest.mark.parametrize(("raw", "expected"), [
    ("😡😡", "negative"), ("👎", "negative"), ("💔!!", "negative"), ("🤦‍♀️", "negative"),
    ("😍😍😍", "positive"), ("👍🏽", "positive"), ("❤️", "positive"), ("🙏 🙏", "positive"),
    ("😀😡", None), ("🦩", None), ("👍 but slow", None), ("", None), ("no emoji here", None),
])
def test_labels_after_cleaning(raw, expected):
    assert emoji_only_label(normalise_text(raw)) == expected


def test_every_table_entry_is_named_by_the_cleaner():
    for char, polarity in EMOJI_POLARITY.items():
        assert polarity in (-1, 1)
        assert emoji_only_label(normalise_text(char)) == ("positive" if polarity > 0 else "negative"), char


def test_apply_keeps_other_rows_and_class_order():
    proba = np.array([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]])
    out = apply_emoji_only(proba, ["positive", "neutral", "negative"], ["[thumbs down]", "ok"])
    assert out[0].tolist() == [0.05, 0.15, 0.80]
    assert out[1].tolist() == proba[1].tolist()
    assert proba[0].tolist() == [0.2, 0.3, 0.5]  # input untouched
