import warnings

import pandas as pd
import pytest

from cxtext.analyzer import AnalysisResult
from cxtext.errors import ColumnNotFoundError, ConfigError
from cxtext.scores import ces_scale, csat_scale, join_scores
from cxtext.scores.join import add_periods
from cxtext.scores.scales import ScoreWarning


def _result():
    comments = pd.DataFrame({
        "id": ["a", "b", "c", "d"],
        "comment": ["x", "y", "z", ""],
        "nps": ["10", " 7 ", "ten", ""],
        "csat": ["5", "3", "4", "6"],
        "ces": ["1", "7", "4", "2"],
        "fft": ["Very good", "poor", "don't know", "meh"],
        "channel": ["web", "app", "web", None],
        "when": ["2026-05-04 10:00", "2026-05-31", "2026-06-01T09:00:00+02:00", "later"],
        "text_clean": ["x", "y", "z", ""],
    }, index=[10, 11, 12, 13])
    return AnalysisResult(comments=comments, mentions=pd.DataFrame(columns=["comment_id", "theme", "sentiment"]),
                          text="comment", id="id", info={"preset": "fast"})


def test_groups_flags_and_not_mutating():
    res = _result()
    before = res.comments.copy()
    with pytest.warns(ScoreWarning):
        out = join_scores(res, nps="nps", csat="csat", ces="ces", fft="fft", ces_scale=ces_scale(easy="low"),
                          segments=["channel"], date="when")
    pd.testing.assert_frame_equal(res.comments, before)
    assert "scores" not in res.info and out is not res
    cm = out.comments
    assert cm.index.tolist() == [10, 11, 12, 13] and len(cm) == 4
    assert cm["nps_score"].tolist()[:2] == [10.0, 7.0]
    assert cm["nps_status"].tolist() == ["valid", "valid", "non_numeric", "missing"]
    assert cm["nps_group"].tolist()[:2] == ["promoter", "passive"] and cm["nps_group"].iloc[2:].isna().all()
    assert cm["csat_satisfied"].tolist()[:3] == [True, False, True] and pd.isna(cm["csat_satisfied"].iloc[3])
    assert cm["csat_status"].iloc[3] == "out_of_range"
    assert cm["ces_easy"].tolist() == [True, False, False, True]
    assert cm["fft_status"].tolist() == ["valid", "valid", "not_scored", "unknown_label"]
    assert cm["fft_positive"].tolist()[:2] == [True, False]
    assert cm["period_week"].tolist()[:3] == ["2026-W19", "2026-W22", "2026-W23"]
    assert cm["period_month"].tolist()[:3] == ["2026-05", "2026-05", "2026-06"]
    assert cm["date_status"].tolist() == ["valid", "valid", "valid", "invalid"]
    info = out.info
    assert info["preset"] == "fast" and info["segments"] == ["channel"]
    assert info["scores"]["nps"]["column"] == "nps"
    assert {r["status"]: r["count"] for r in info["scores"]["nps"]["counts"]} == {
        "valid": 2, "missing": 1, "non_numeric": 1}
    assert info["scores"]["ces"]["scale"]["higher_is_better"] is False


def test_csat_scale_pair_and_warn_off():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = join_scores(_result(), csat="csat", csat_scale=(1, 7), warn=False)
    assert out.comments["csat_status"].tolist() == ["valid"] * 4
    assert out.comments["csat_satisfied"].tolist() == [False, False, False, True]
    assert out.info["scores"]["csat"]["scale"]["high"] == 7
    assert csat_scale(1, 7).good_from == 6


def test_missing_columns_raise():
    with pytest.raises(ColumnNotFoundError, match="(?i)nps column 'ltr'.*'channel'"):
        join_scores(_result(), nps="ltr")
    with pytest.raises(ColumnNotFoundError, match="(?i)segment column 'region'"):
        join_scores(_result(), segments=["region"])
    with pytest.raises(ColumnNotFoundError, match="(?i)date column"):
        join_scores(_result(), date="submitted")


def test_periods_units_and_errors():
    df = pd.DataFrame({"d": pd.to_datetime(["2026-01-01", "2026-12-31"])})
    out = add_periods(df, "d", ["day", "quarter", "year", "week"])
    assert out["period_day"].tolist() == ["2026-01-01", "2026-12-31"]
    assert out["period_quarter"].tolist() == ["2026-Q1", "2026-Q4"]
    assert out["period_year"].tolist() == ["2026", "2026"]
    assert out["period_week"].tolist() == ["2026-W01", "2026-W53"]
    with pytest.raises(ConfigError, match="fortnight"):
        add_periods(df, "d", ["fortnight"])
