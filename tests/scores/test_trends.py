import numpy as np
import pandas as pd
import pytest

from cxtext.analyzer import AnalysisResult
from cxtext.errors import ConfigError, InputError
from cxtext.scores import join_scores, score_trends, theme_trends


def _result(shares, n=200, seed=0, nps_p=None):
    """One month per entry of shares: that share of comments mention waiting_time (negative)."""
    rng = np.random.default_rng(seed)
    rows, mentions = [], []
    for m, share in enumerate(shares):
        for i in range(n):
            cid = f"{m}-{i}"
            hit = rng.random() < share
            p = nps_p[m] if nps_p else 0.5
            rows.append({"id": cid, "comment": "x", "text_clean": "x", "sentiment": "neutral",
                         "when": f"2026-{m + 1:02d}-15", "nps": str(10 if rng.random() < p else 3),
                         "seg": "a" if i % 2 else "b"})
            if hit:
                mentions.append({"comment_id": cid, "theme": "waiting_time", "sentiment": "negative"})
            if rng.random() < 0.3:
                mentions.append({"comment_id": cid, "theme": "staff_attitude", "sentiment": "positive"})
    res = AnalysisResult(comments=pd.DataFrame(rows), mentions=pd.DataFrame(mentions), text="comment", id="id")
    return join_scores(res, nps="nps", date="when")


def test_flags_real_movement_only():
    res = _result([0.10, 0.10, 0.30, 0.31])
    t = theme_trends(res, "month")
    wait = t[t.theme == "waiting_time"].set_index("period")
    assert wait["significant"].tolist() == [False, False, True, False]
    assert wait.loc["2026-03", "direction"] == "up" and wait.loc["2026-03", "change"] > 0.1
    assert wait.loc["2026-03", "prev_period"] == "2026-02"
    assert not t[t.theme == "staff_attitude"]["significant"].any()
    assert (t["q_value"].dropna() >= t["p_value"].dropna()).all()


def test_false_positive_rate_controlled():
    flagged = 0
    for seed in range(40):
        t = theme_trends(_result([0.2] * 6, n=100, seed=seed), "month")
        flagged += int(t["significant"].any())
    assert flagged <= 4  # BH at 5 %, 10 comparisons per run


def test_min_n_and_sentiment_and_by():
    res = _result([0.1, 0.5], n=20)
    t = theme_trends(res, "month", min_n=30)
    assert t["p_value"].isna().all() and not t["significant"].any()
    t2 = theme_trends(res, "month", min_n=5, sentiment="positive")
    assert set(t2["theme"]) == {"staff_attitude"}
    t3 = theme_trends(_result([0.1, 0.4]), "month", by="seg", min_n=30)
    assert set(t3["seg"]) == {"a", "b"} and t3.loc[t3.theme == "waiting_time", "significant"].sum() == 2


def test_no_mention_qualifies_gives_an_empty_table():
    """A filter that leaves no mention (or no mentions at all) gives the columns, no rows, no pandas error."""
    res = _result([0.1, 0.5], n=20)
    full = theme_trends(res, "month")
    none = AnalysisResult(comments=res.comments, mentions=res.mentions.iloc[:0], text="comment", id="id", info=res.info)
    for table in (theme_trends(res, "month", sentiment="neutral"), theme_trends(none, "month")):
        assert len(table) == 0 and list(table.columns) == list(full.columns)


def test_score_trends_nps():
    res = _result([0.1] * 3, nps_p=[0.5, 0.5, 0.8])
    s = score_trends(res, "nps")
    assert s.attrs["metric"] == "nps"
    assert s["significant"].tolist() == [False, False, True]
    assert (s["ci_low"] < s["value"]).all() and (s["value"] < s["ci_high"]).all()
    res.comments["rating"] = res.comments["nps_score"] / 2
    m = score_trends(res, "rating")
    assert m.attrs["metric"] == "mean" and m["value"].iloc[0] == pytest.approx(
        res.comments.loc[res.comments.period_month == "2026-01", "rating"].mean())


def test_needs_period_column():
    res = AnalysisResult(comments=pd.DataFrame({"c": ["x"], "nps": [1]}),
                         mentions=pd.DataFrame(columns=["comment_id", "theme", "sentiment"]))
    with pytest.raises(InputError, match=r"\[CX404\].*join_scores"):
        theme_trends(res, "week")


def _tiny(flags, months, **cols):
    """One comment per entry; ``months`` gives its month number."""
    rows = {"id": [str(i) for i in range(len(flags))], "text_clean": "x", "sentiment": "neutral",
            "when": [f"2026-{m:02d}-15" for m in months], "flag": flags, **cols}
    res = AnalysisResult(comments=pd.DataFrame(rows), mentions=pd.DataFrame(columns=["comment_id", "theme", "sentiment"]),
                         id="id")
    return join_scores(res, date="when", **({"csat": "csat"} if "csat" in cols else {}))


def test_score_trends_share_has_wilson_intervals():
    # 2 of 3 negative in May, 0 of 2 in June: the old mean +- z*sd/sqrt(n) gave 1.3% to 132% and 0% to 0%
    res = _tiny([100.0, 100.0, 0.0, 0.0, 0.0], [5, 5, 5, 6, 6])
    t = score_trends(res, "flag")
    assert t.attrs["metric"] == "share"
    assert t["value"].round(1).tolist() == [66.7, 0.0]
    assert t["ci_low"].round(1).tolist() == [20.8, 0.0] and t["ci_high"].round(1).tolist() == [93.9, 65.8]
    same = score_trends(_tiny([1.0, 1.0, 0.0, 0.0, 0.0], [5, 5, 5, 6, 6]), "flag")  # 0/1: same, as fractions
    np.testing.assert_allclose(same["ci_high"].to_numpy() * 100, t["ci_high"].to_numpy())


def test_score_trends_flag_columns_and_metric_option():
    res = _tiny([0.0] * 6, [5, 5, 5, 6, 6, 6], csat=["5", "4", "1", "1", "1", "5"])
    t = score_trends(res, "csat_satisfied")  # a True/False flag: % satisfied
    assert t.attrs["metric"] == "share" and t["value"].round(3).tolist() == [0.667, 0.333]
    assert ((t["ci_low"] >= 0) & (t["ci_high"] <= 1)).all()
    m = score_trends(res, "csat")
    assert m.attrs["metric"] == "mean" and ((m["ci_low"] >= 1) & (m["ci_high"] <= 5)).all()  # clipped to 1-5
    assert m["ci_low"].iloc[1] == 1  # 2.33 - 1.96 * 1.33 would be below the scale
    with pytest.raises(ConfigError, match="metric='share' needs"):
        score_trends(res, "csat", metric="share")
    with pytest.raises(ConfigError, match="'metric' must be"):
        score_trends(res, "flag", metric="median")
    forced = score_trends(res, "flag", metric="mean")
    assert forced.attrs["metric"] == "mean"


def test_score_trends_one_response_has_no_interval():
    res = _tiny([0.0] * 3, [5, 5, 6], csat=["4", "2", "3"])
    t = score_trends(res, "csat")
    assert t["n"].tolist() == [2, 1]
    assert np.isfinite(t["ci_low"].iloc[0]) and np.isnan(t["ci_low"].iloc[1]) and np.isnan(t["ci_high"].iloc[1])


def test_a_month_without_comments_is_a_gap_not_skipped():
    res = _result([0.10, 0.10, 0.40, 0.40])
    cm = res.comments
    res.comments = cm[cm["period_month"] != "2026-02"].reset_index(drop=True)
    res.mentions = res.mentions[res.mentions["comment_id"].isin(res.comments["id"])]
    t = theme_trends(res, "month")
    wait = t[t.theme == "waiting_time"].set_index("period")
    assert list(wait.index) == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert wait.loc["2026-02", "base"] == 0 and np.isnan(wait.loc["2026-02", "share"])
    # March follows the gap: compared with February (nothing), not with January, so not tested
    assert wait.loc["2026-03", "prev_period"] == "2026-02" and np.isnan(wait.loc["2026-03", "p_value"])
    s = score_trends(res, "nps", "month").set_index("period")
    assert list(s.index) == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert s.loc["2026-02", "n"] == 0 and np.isnan(s.loc["2026-02", "value"])
    assert np.isnan(s.loc["2026-03", "p_value"]) and not s["significant"].any()


def test_gaps_are_filled_within_each_segment():
    res = _result([0.1, 0.1, 0.1])
    cm = res.comments
    res.comments = cm[~((cm["seg"] == "a") & (cm["period_month"] == "2026-02"))].reset_index(drop=True)
    s = score_trends(res, "nps", "month", by="seg")
    assert s.groupby("seg")["period"].apply(list).to_dict() == {"a": ["2026-01", "2026-02", "2026-03"],
                                                                "b": ["2026-01", "2026-02", "2026-03"]}
    assert s.set_index(["seg", "period"]).loc[("a", "2026-02"), "n"] == 0


def test_a_stray_date_years_off_does_not_fill_the_table_with_gaps():
    from cxtext.scores import ScoreWarning

    res = _result([0.1, 0.1])
    res.comments.loc[0, "period_month"] = "2016-01"  # a mistyped year
    with pytest.warns(ScoreWarning, match=r"2016-01 to 2026-02: 119 of 122 months have no comments"):
        s = score_trends(res, "nps", "month")
    assert list(s["period"]) == ["2016-01", "2026-01", "2026-02"]


def test_a_period_column_of_other_labels_is_left_as_it_is():
    res = _result([0.1, 0.1, 0.1])
    res.comments["period_month"] = res.comments["period_month"].map(
        {"2026-01": "Jan 2026", "2026-02": "Feb 2026", "2026-03": "Mar 2026"})
    assert len(score_trends(res, "nps", "month")) == 3
