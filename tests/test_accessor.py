"""Tests for the df.cx pandas accessor."""

from __future__ import annotations

import importlib
import warnings

import numpy as np
import pandas as pd
import pytest

import cxtext
from cxtext import AnalysisResult, accessor


class StubSentiment:
    classes_ = np.array(["negative", "neutral", "positive"])

    def predict_proba(self, texts):
        neg = np.array([any(w in str(t).lower() for w in ("rude", "wait", "late")) for t in texts])
        pos = np.array(["great" in str(t).lower() for t in texts])
        out = np.column_stack([0.1 + neg, np.full(len(neg), 0.3), 0.1 + pos])
        return out / out.sum(axis=1, keepdims=True)


@pytest.fixture(scope="module")
def frame():
    return pd.DataFrame({"rid": ["a", "b", "c", "d", "e"],
                         "comment": ["Rude staff", "Long wait and rude staff", "n/a", "Great app",
                                     "Just fine"]})


@pytest.fixture(scope="module")
def result(frame):
    return frame.cx.analyze(text="comment", id="rid", sentiment=StubSentiment())


def test_analyze_returns_an_analysis_result(frame, result):
    assert isinstance(result, AnalysisResult)
    assert result.id == "rid" and len(result.comments) == len(frame)
    assert result.comments["rid"].tolist() == frame["rid"].tolist()


def test_analyze_passes_question_and_options(frame):
    df = frame.assign(q="How could we improve?")
    res = df.cx.analyze(text="comment", question="q", sentiment=StubSentiment())
    assert (res.comments["prompt_type"] == "improve").all()
    assert res.info["preset"] == "fast"


def test_themes_counts(result):
    themes = result.comments.cx.themes()
    assert list(themes.columns) == ["theme", "comments", "share"]
    counts = dict(zip(themes["theme"], themes["comments"]))
    assert counts["staff_attitude"] == 2 and counts["waiting_time"] == 1
    assert themes["comments"].is_monotonic_decreasing
    scored = result.comments["sentiment"].notna().sum()
    assert themes["share"].iloc[0] == pytest.approx(2 / scored)


def test_sentiment_split(result):
    split = result.comments.cx.sentiment()
    assert split.index.tolist() == ["negative", "neutral", "positive"]
    assert split.loc["negative", "comments"] == 2 and split.loc["positive", "comments"] == 1
    assert split["comments"].sum() == result.comments["sentiment"].notna().sum()  # n/a left out
    assert split["share"].sum() == pytest.approx(1.0)


def test_mentions_of(result):
    rows = result.comments.cx.mentions_of("staff_attitude")
    assert rows["rid"].tolist() == ["a", "b"]
    assert result.comments.cx.mentions_of("no_such_theme").empty
    with pytest.raises(cxtext.ConfigError, match="theme id"):
        result.comments.cx.mentions_of(["staff_attitude"])


@pytest.mark.parametrize("method,args", [("themes", ()), ("sentiment", ()), ("mentions_of", ("x",))])
def test_raw_frame_gives_a_clear_attribute_error(frame, method, args):
    with pytest.raises(cxtext.NotAnalysedError, match=r"\[CX120\].*analysed comments table.*result\.comments") as info:
        getattr(frame.cx, method)(*args)
    assert isinstance(info.value, AttributeError)  # as pandas accessors raise for what a frame lacks


def test_registration_keeps_a_foreign_accessor():
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)

            @pd.api.extensions.register_dataframe_accessor("cx")
            class Other:
                def __init__(self, obj):
                    self.obj = obj

        with pytest.warns(UserWarning, match="already has a 'cx'"):
            assert accessor.register_accessor() is False
        assert isinstance(pd.DataFrame().cx, Other)
        assert accessor.register_accessor(force=True) is True
        assert isinstance(pd.DataFrame().cx, accessor.CxAccessor)
    finally:
        accessor.register_accessor(force=True)


def test_reimport_is_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        importlib.reload(accessor)
    assert isinstance(pd.DataFrame().cx, accessor.CxAccessor)  # the reloaded class is registered


def test_an_output_file_read_with_plain_pandas(tmp_path):
    """The writers join theme lists with ';': the accessor reads them back as lists."""
    import cxtext
    from cxtext.io import write_table

    cm = cxtext.analyze(pd.DataFrame({"c": ["Rude staff and a long wait", "Great app", "Rude staff"]}), text="c").comments
    write_table(cm, tmp_path / "out.csv")
    read = pd.read_csv(tmp_path / "out.csv")
    assert isinstance(read["themes"].iloc[0], str) and ";" in read["themes"].iloc[0]
    assert read.cx.themes().set_index("theme")["comments"].to_dict() == cm.cx.themes().set_index("theme")["comments"].to_dict()
    assert read.cx.mentions_of("staff_attitude")["c"].tolist() == ["Rude staff and a long wait", "Rude staff"]


def test_mentions_of_refuses_a_label_for_an_id():
    from cxtext.errors import ConfigError

    cm = pd.DataFrame({"c": ["Rude staff", "Great app"]}).cx.analyze(text="c").comments
    with pytest.raises(ConfigError, match=r"not a theme id.*'staff_attitude'"):
        cm.cx.mentions_of("staff attitude")
