import numpy as np
import pandas as pd
import pytest

from cxtext.analyzer import AnalysisResult
from cxtext.errors import InputError
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
