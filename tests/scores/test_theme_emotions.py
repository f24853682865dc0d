"""The emotion mix per theme (``cxtext.theme_emotions``)."""

from __future__ import annotations

import pandas as pd
import pytest

import cxtext
from cxtext.analyzer import AnalysisResult
from cxtext.emotion import EMOTIONS
from cxtext.errors import ColumnNotFoundError, ConfigError


def _result(emotions: list) -> AnalysisResult:
    comments = pd.DataFrame({"id": [1, 2, 3], "text_clean": ["a", "b", "c"],
                             "sentiment": ["negative", "positive", "negative"]})
    mentions = pd.DataFrame({
        "comment_id": [1, 1, 2, 3, 9],  # 9 is no comment: ignored
        "theme": ["waiting_time", "support", "staff_attitude", "waiting_time", "waiting_time"],
        "sentiment": ["negative", "negative", "positive", "negative", "negative"],
        "emotions": emotions,
    })
    return AnalysisResult(comments=comments, mentions=mentions, text="text_clean", id="id")


LISTS = [["frustration", "anger"], ["frustration"], ["gratitude"], [], ["anger"]]


def test_counts_per_theme_most_mentioned_first():
    table = cxtext.theme_emotions(_result(LISTS))
    assert list(table.index) == ["waiting_time", "support", "staff_attitude"]
    assert list(table.columns) == ["comments", "mentions", "with_emotion", *EMOTIONS]
    wait = table.loc["waiting_time"]
    assert (wait["comments"], wait["mentions"], wait["with_emotion"], wait["frustration"], wait["anger"]) == (
        2, 2, 1, 1, 1)
    assert table.loc["staff_attitude", "gratitude"] == 1 and table.loc["staff_attitude", "anger"] == 0
    assert int(table[list(EMOTIONS)].to_numpy().sum()) == 4


def test_shares_and_top():
    table = _result(LISTS).theme_emotions(normalize=True, top=1)
    assert list(table.index) == ["waiting_time"]
    assert table.loc["waiting_time", "comments"] == 2 and table.loc["waiting_time", "mentions"] == 2
    assert table.loc["waiting_time", "with_emotion"] == pytest.approx(0.5)
    assert table.loc["waiting_time", "frustration"] == pytest.approx(0.5)


def test_cells_read_back_from_csv_give_the_same_table():
    as_text = [";".join(e) if e else float("nan") for e in LISTS]
    pd.testing.assert_frame_equal(cxtext.theme_emotions(_result(as_text)), cxtext.theme_emotions(_result(LISTS)))


def test_clear_errors():
    res = _result(LISTS)
    res.mentions = res.mentions.drop(columns="emotions")
    with pytest.raises(ColumnNotFoundError, match="emotions"):
        cxtext.theme_emotions(res)
    with pytest.raises(ConfigError, match="top"):
        cxtext.theme_emotions(_result(LISTS), top=0)


def test_through_analyze():
    res = cxtext.analyze(["Couldn't get through on the phone. Very frustrating.", "Lovely staff, thank you."])
    table = res.theme_emotions()
    assert table.loc["support", "frustration"] >= 1
    assert table["mentions"].sum() == len(res.mentions)
    assert (table["comments"] == res.mentions.groupby("theme")["comment_id"].nunique()[table.index]).all()


def test_a_comment_naming_a_theme_twice_counts_once():
    """Counted per comment, like the theme table (per mention, two clauses made one comment 50%)."""
    comments = pd.DataFrame({"id": [1, 2], "text_clean": ["a", "b"], "sentiment": ["negative", "negative"]})
    mentions = pd.DataFrame({"comment_id": [1, 1, 2], "theme": ["empathy"] * 3,
                             "sentiment": ["negative"] * 3, "emotions": [["anxiety"], [], []]})
    table = cxtext.theme_emotions(AnalysisResult(comments=comments, mentions=mentions, text="text_clean", id="id"),
                                  normalize=True)
    assert table.loc["empathy", "comments"] == 2 and table.loc["empathy", "mentions"] == 3
    assert table.loc["empathy", "anxiety"] == pytest.approx(0.5)  # one comment of two, not 1 mention of 3
