import numpy as np
import pandas as pd
import pytest

from cxtext.analyzer import AnalysisResult
from cxtext.errors import ColumnNotFoundError, ConfigError
from cxtext.scores import join_scores, theme_table


def _result():
    comments = pd.DataFrame({
        "id": [1, 2, 3, 4, 5, 6],
        "comment": ["raw a", "raw b", "raw c", "raw d", "", "raw b"],
        "text_clean": ["wait [EMAIL]", "staff nice", "wait and staff", "fine", "", "staff nice"],
        "is_empty": [False, False, False, False, True, False],
        "is_non_answer": [False, False, False, False, True, False],
        "is_duplicate": [False, False, False, False, False, True],
        "sentiment": ["negative", "positive", "negative", "neutral", None, "positive"],
        "nps": ["0", "10", "5", "8", "9", "10"],
        "csat": ["1", "5", "2", "4", "4", "5"],
        "channel": ["web", "web", "app", "app", "web", "web"],
    })
    mentions = pd.DataFrame({
        "comment_id": [1, 2, 3, 3, 3, 6],
        "theme": ["waiting_time", "staff_attitude", "waiting_time", "staff_attitude", "waiting_time", "staff_attitude"],
        "sentiment": ["negative", "positive", "negative", "positive", "neutral", "positive"],
        "confidence": [0.9, 0.6, 0.7, 0.95, 0.5, 0.99],
        "evidence": ["wait [EMAIL]", "staff nice", "wait", "staff", "and", "staff nice"],
    })
    return AnalysisResult(comments=comments, mentions=mentions, text="comment", id="id")


def test_counts_shares_scores_and_quotes():
    res = join_scores(_result(), nps="nps", csat="csat")
    t = theme_table(res).set_index("theme")
    assert t.index.tolist() == ["staff_attitude", "waiting_time"] or t.index.tolist() == ["waiting_time", "staff_attitude"]
    w = t.loc["waiting_time"]
    assert (w["mentions"], w["comments"]) == (3, 2)
    assert w["share"] == pytest.approx(2 / 5)  # 5 analysed comments (the blank one is not)
    assert w["negative_share"] == pytest.approx(2 / 3) and w["neutral_share"] == pytest.approx(1 / 3)
    assert w["nps_mean_with"] == 2.5 and w["nps_mean_without"] == pytest.approx((10 + 8 + 9 + 10) / 4)
    assert w["nps_with"] == -100.0 and w["nps_without"] == 75.0
    assert w["csat_satisfied_with"] == 0.0 and w["csat_satisfied_without"] == 100.0
    # highest confidence first, one per comment, PII-redacted evidence
    assert w["quotes"] == ["wait [EMAIL]", "wait"] and w["quote_ids"] == [1, 3]
    s = t.loc["staff_attitude"]
    assert s["quotes"] == ["staff", "staff nice"]  # the duplicate submission (id 6) is skipped
    assert s["comments"] == 3


def test_no_scores_and_explicit_score_column():
    t = theme_table(_result(), n_quotes=0)
    assert "quotes" not in t.columns and not any(c.endswith("_with") for c in t.columns)
    t2 = theme_table(_result(), scores="nps").set_index("theme")
    assert t2.loc["waiting_time", "nps_with"] == -100.0  # kind inferred from the column name


def test_by_segment_and_errors():
    res = join_scores(_result(), nps="nps")
    t = theme_table(res, by="channel")
    assert list(t.columns[:2]) == ["channel", "theme"]
    web = t[(t.channel == "web") & (t.theme == "waiting_time")].iloc[0]
    assert web["comments"] == 1 and web["share"] == pytest.approx(1 / 3)
    assert np.isclose(web["nps_mean_with"], 0.0)
    with pytest.raises(ColumnNotFoundError):
        theme_table(res, by="region")
    with pytest.raises(ColumnNotFoundError):
        theme_table(res, scores="ltr")
    with pytest.raises(ConfigError):
        theme_table(res, n_quotes=-1)
