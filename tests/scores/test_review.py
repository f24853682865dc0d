import pandas as pd
import pytest

from cxtext.analyzer import AnalysisResult
from cxtext.errors import ConfigError
from cxtext.io import read_table, write_table
from cxtext.scores import ces_scale, join_scores, review_queue


def _result():
    comments = pd.DataFrame({
        "rid": ["a", "b", "c", "d", "e", "f"],
        "comment": ["raw a@x.com", "raw", "raw", "raw", "raw", ""],
        "text_clean": ["Awful, email [EMAIL]", "Brilliant", "ok I guess", "Terrible", "Great", ""],
        "sentiment": ["negative", "positive", "neutral", "negative", "positive", None],
        "sentiment_score": [-0.9, 0.8, 0.0, -0.3, 0.95, float("nan")],
        "sentiment_confidence": [0.95, 0.9, 0.4, 0.8, 0.9, float("nan")],
        "themes": [["waiting_time"], [], [], [], ["staff_attitude"], []],
        "nps": ["10", "2", "5", "9", "8", "0"],
        "ces": ["7", "1", "4", "7", "2", "1"],
        "channel": ["web"] * 6,
    })
    mentions = pd.DataFrame({"comment_id": ["a", "e"], "theme": ["waiting_time", "staff_attitude"],
                             "sentiment": ["negative", "positive"], "confidence": [0.9, 0.3]})
    return AnalysisResult(comments=comments, mentions=mentions, text="comment", id="rid")


def test_contradictions_low_confidence_and_order():
    q = review_queue(_result(), "nps", columns=["channel"])
    assert q["comment_id"].tolist() == ["a", "b", "c"]
    assert q["reason"].tolist() == ["good score, negative comment", "bad score, positive comment",
                                    "low-confidence sentiment"]
    assert "d" not in q["comment_id"].tolist()  # 9 with a mildly negative comment: below threshold
    assert list(q.columns) == ["comment_id", "score", "channel", "sentiment", "sentiment_score",
                               "sentiment_confidence", "themes", "text_clean", "reason"]
    assert "comment" not in q.columns and q.loc[0, "text_clean"] == "Awful, email [EMAIL]"


def test_thresholds_and_theme_confidence_and_raw_text():
    q = review_queue(_result(), "nps", negative_below=-0.2, low_confidence=None, theme_confidence=0.5,
                     include_raw_text=True)
    assert set(q["comment_id"]) == {"a", "b", "d", "e"}
    assert q.set_index("comment_id").loc["e", "reason"] == "low-confidence themes"
    assert q.set_index("comment_id").loc["a", "comment"] == "raw a@x.com"


def test_ces_direction_matters():
    low_easy = join_scores(_result(), ces="ces", ces_scale=ces_scale(easy="low"))
    # a: 7 = hardest with a complaint, b: 1 = easiest with praise -> consistent
    assert review_queue(low_easy, "ces", low_confidence=None).empty
    high_easy = join_scores(_result(), ces="ces")  # CES 2.0 wording: 7 = easy
    q = review_queue(high_easy, "ces", low_confidence=None)
    assert q["comment_id"].tolist() == ["a", "b"]
    assert q["reason"].tolist() == ["good score, negative comment", "bad score, positive comment"]


def test_written_with_io_writer(tmp_path):
    q = review_queue(_result(), "nps")
    path = tmp_path / "queue.csv"
    write_table(q, path)
    back = read_table(path)
    assert back["reason"].tolist() == q["reason"].tolist()
    assert back.loc[0, "themes"] == "waiting_time"


def test_errors():
    with pytest.raises(ConfigError, match="thresholds"):
        review_queue(AnalysisResult(comments=_result().comments.assign(x=[1] * 6),
                                    mentions=_result().mentions), "x")
    with pytest.raises(ConfigError, match="negative_below"):
        review_queue(_result(), "nps", negative_below=0.5)


def test_reasons_follow_the_scale_and_thresholds_must_point_the_right_way():
    low_easy = join_scores(_result(), ces="ces", ces_scale=ces_scale(easy="low"))
    comments = low_easy.comments
    comments["ces"] = [1, 7] + list(comments["ces"].iloc[2:])  # a: easiest but a complaint, b: hardest with praise
    q = review_queue(low_easy, "ces", low_confidence=None)
    assert q["reason"].tolist() == ["good score, negative comment", "bad score, positive comment"]
    with pytest.raises(ConfigError, match=r"'good' \(1\) must be on the good side of 'bad' \(7\)"):
        review_queue(join_scores(_result(), ces="ces"), "ces", kind="ces", good=1, bad=7)
