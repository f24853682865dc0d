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


def _periods(values, **kw):
    """add_periods on one column ``d``, with the ScoreWarnings it raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = add_periods(pd.DataFrame({"d": values}), "d", ["day"], **kw)
    return out, [str(w.message) for w in caught if issubclass(w.category, ScoreWarning)]


def test_day_first_column_is_read_day_first():
    dates = pd.date_range("2026-01-01", "2026-03-31", freq="D")
    df = pd.DataFrame({"id": range(len(dates)), "comment": ["Staff were lovely"] * len(dates),
                       "date": dates.strftime("%d/%m/%Y")})
    res = AnalysisResult(comments=df, mentions=pd.DataFrame(columns=["comment_id", "theme", "sentiment"]),
                         text="comment", id="id")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = join_scores(res, date="date", periods=["day", "month"])
    assert out.comments["period_day"].tolist() == dates.strftime("%Y-%m-%d").tolist()
    assert out.comments["period_month"].value_counts().sort_index().to_dict() == {
        "2026-01": 31, "2026-02": 28, "2026-03": 31}


@pytest.mark.parametrize("values,expected", [
    (["25/01/2026 14:30", "03/02/2026 09:00", "04.05.26"], ["2026-01-25", "2026-02-03", "2026-05-04"]),
    (["01/25/2026", "02/03/2026", "4-5-2026"], ["2026-01-25", "2026-02-03", "2026-04-05"]),
])
def test_day_or_month_first_from_the_column(values, expected):
    out, caught = _periods(values)
    assert out["period_day"].tolist() == expected and caught == []


def test_ambiguous_order_reads_month_first_and_warns_once():
    out, caught = _periods(["01/02/2026", "03/04/2026", "05/06/2026"])
    assert out["period_day"].tolist() == ["2026-01-02", "2026-03-04", "2026-05-06"]
    assert len(caught) == 1 and "'d'" in caught[0] and "dayfirst=True" in caught[0]
    _, caught = _periods(["01/01/2026", "02/02/2026"])  # same either way: nothing to warn about
    assert caught == []


def test_mixed_order_warns_and_leaves_numeric_dates_unparsed():
    out, caught = _periods(["25/01/2026", "01/25/2026", "01/02/2026", "2026-05-04"])
    assert out["period_day"].iloc[:3].isna().all() and out["period_day"].iloc[3] == "2026-05-04"
    assert out["date_status"].tolist() == ["invalid", "invalid", "invalid", "valid"]
    assert len(caught) == 1  # the order warning, not also "not dates"
    assert "mixes day/month and month/day" in caught[0] and "'25/01/2026'" in caught[0]
    assert "'01/25/2026'" in caught[0] and "'d'" in caught[0]


def test_explicit_dayfirst():
    out, caught = _periods(["01/02/2026", "03/04/2026"], dayfirst=True)
    assert out["period_day"].tolist() == ["2026-02-01", "2026-04-03"] and caught == []
    out, caught = _periods(["01/02/2026", "03/04/2026"], dayfirst=False)
    assert out["period_day"].tolist() == ["2026-01-02", "2026-03-04"] and caught == []
    out, caught = _periods(["25/01/2026", "01/25/2026"], dayfirst=True)  # the other order is invalid
    assert out["date_status"].tolist() == ["valid", "invalid"]
    assert len(caught) == 1 and "not dates" in caught[0] and "'01/25/2026'" in caught[0]
    with pytest.raises(ConfigError, match="dayfirst"):
        add_periods(pd.DataFrame({"d": ["01/02/2026"]}), "d", dayfirst="yes")
    res = join_scores(_result(), date="when", dayfirst=True, warn=False)
    assert res.info["date"]["dayfirst"] is True


def test_iso_text_and_datetime_dates_untouched():
    values = ["2026-05-04", "2026-05-04T10:00:00", "3 Feb 2026", "Feb 3, 2026", "2026/02/03", "20260203"]
    for dayfirst in (None, True, False):
        out, caught = _periods(values, dayfirst=dayfirst)
        assert out["period_day"].tolist() == ["2026-05-04", "2026-05-04", *["2026-02-03"] * 4]
        assert caught == []
    out, _ = _periods(pd.to_datetime(["2026-02-03 23:30"]).tz_localize("America/New_York"), dayfirst=True)
    assert out["period_day"].tolist() == ["2026-02-03"]


def test_mixed_utc_offsets_keep_local_date():
    out, caught = _periods(["2026-04-30T23:30:00-04:00", "2026-01-15T10:00:00-05:00",
                            "2026-06-01T00:30:00+02:00", "2026-06-01 00:30", "30/06/2026 23:59:00 -0700"])
    assert out["period_day"].tolist() == ["2026-04-30", "2026-01-15", "2026-06-01", "2026-06-01", "2026-06-30"]
    assert caught == []


def test_a_scale_no_score_fits_is_warned_about():
    import warnings

    from cxtext.analyzer import AnalysisResult
    from cxtext.scores import ScoreWarning, csat_scale

    comments = pd.DataFrame({"id": range(40), "text_clean": "ok", "sentiment": "neutral", "s": [1, 2, 3, 4, 5] * 8})
    res = AnalysisResult(comments=comments, mentions=pd.DataFrame(columns=["comment_id", "theme"]), id="id")
    with pytest.warns(ScoreWarning, match=r"none of its 40 valid scores \(1 to 5\) reaches the satisfied box"):
        join_scores(res, csat="s", csat_scale=csat_scale(low=1, high=10))
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScoreWarning)
        join_scores(res, csat="s")  # the right scale: no warning


def test_spreadsheet_day_numbers_are_read_as_dates():
    from cxtext.scores import ScoreWarning

    frame = pd.DataFrame({"when": [46150, 46181, None]})
    with pytest.warns(ScoreWarning, match="spreadsheet \\(Excel\\) day numbers"):
        out = add_periods(frame, "when", ["month"])
    assert out["period_month"].tolist()[:2] == ["2026-05", "2026-06"]
    assert out["date_status"].tolist() == ["valid", "valid", "missing"]


def test_a_column_of_years_is_read_with_a_note():
    from cxtext.scores import ScoreWarning

    with pytest.warns(ScoreWarning, match="holds years only"):
        out = add_periods(pd.DataFrame({"y": [2024, "2025", None]}), "y", ["year"])
    assert out["period_year"].tolist()[:2] == ["2024", "2025"]
