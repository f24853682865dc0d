"""Segments: every comment counted (empty cells as their own group), spellings merged, ids flagged."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from cxtext.analyzer import AnalysisResult
from cxtext.scores import drivers, theme_table
from cxtext.scores._base import MISSING_SEGMENT, segment_values
from cxtext.scores.scales import ScoreWarning


def test_blank_and_missing_cells_form_their_own_segment_and_spellings_merge():
    cm = pd.DataFrame({"ch": ["Web", "web ", None, "  ", "Phone", "Web", np.nan]})
    with pytest.warns(ScoreWarning, match=r"differ only in case are one segment \('web' -> 'Web'\)"):
        seg = segment_values(cm, "ch")
    assert seg.tolist() == ["Web", "Web", MISSING_SEGMENT, MISSING_SEGMENT, "Phone", "Web", MISSING_SEGMENT]


def test_a_column_with_a_value_per_comment_is_flagged_as_an_id():
    cm = pd.DataFrame({"rid": [f"r{i}" for i in range(100)]})
    with pytest.warns(ScoreWarning, match="looks like an id"):
        segment_values(cm, "rid")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        segment_values(pd.DataFrame({"ch": ["a", "b"] * 50}), "ch")  # a real segment: no warning


def _result() -> AnalysisResult:
    rng = np.random.default_rng(0)
    n = 300
    channel = np.array(["web", "phone", None], dtype=object)[np.arange(n) % 3]
    waits = rng.random(n) < 0.4
    nps = np.where(waits, rng.integers(0, 7, n), rng.integers(7, 11, n))
    comments = pd.DataFrame({"id": range(n), "comment": "x", "text_clean": "x", "sentiment": "neutral",
                             "channel": channel, "nps": nps})
    mentions = pd.DataFrame({"comment_id": np.flatnonzero(waits), "theme": "waiting_time",
                             "sentiment": "negative"})
    return AnalysisResult(comments=comments, mentions=mentions, text="comment", id="id")


def test_breakdowns_count_every_comment():
    res = _result()
    table = theme_table(res, by="channel")
    assert set(table["channel"]) == {"web", "phone", MISSING_SEGMENT}
    d = drivers(res, "nps", kind="nps", by="channel", n_boot=50)
    assert set(d["channel"]) == {"web", "phone", MISSING_SEGMENT}
