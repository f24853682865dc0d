"""Tests for cxtext.themes.effort: customer effort direction, and its analyzer columns."""

from __future__ import annotations

import pandas as pd
import pytest

from cxtext.themes import KeywordThemeTagger, effort_direction, find_effort, load_taxonomy
from cxtext.themes.effort import combine_directions

CASES = [
    # low effort
    ("Booking was quick and easy", "low"),
    ("Returning the item was completely hassle-free", "low"),
    ("No hassle at all", "low"),
    ("The process was straightforward", "low"),
    ("Sorted in minutes", "low"),
    ("It couldn’t have been easier", "low"),
    ("They made it so easy", "low"),
    ("Easy to book online", "low"),
    ("Everything went smoothly", "low"),
    ("Fixed first time", "low"),
    ("Without any fuss", "low"),
    ("It was a breeze", "low"),
    ("Nothing was too much trouble", "low"),
    # negation turning high into low and low into high
    ("It was not a hassle", "low"),
    ("I never had to chase them", "low"),
    ("I didn't have to call back", "low"),
    ("Not easy", "high"),
    ("It was not easy to get a refund", "high"),
    ("It wasn't straightforward", "high"),
    ("The website wasn't easy to use", "high"),
    # high effort
    ("I had to call three times", "high"),
    ("I've chased them for weeks", "high"),
    ("Chased for weeks", "high"),
    ("I kept being transferred", "high"),
    ("We jumped through hoops", "high"),
    ("It took forever to get sorted", "high"),
    ("An absolute nightmare", "high"),
    ("I had to repeat myself every time", "high"),
    ("Passed from pillar to post", "high"),
    ("Got passed around four departments", "high"),
    ("Called them five times", "high"),
    ("So much red tape", "high"),
    ("Really hard to get through to anyone", "high"),
    ("The process was far too complicated", "high"),
    ("It could be a lot easier", "high"),
    ("They gave me the run around", "high"),
    ("What a waste of time", "high"),
    # not effort, though they look like it
    ("The staff were easy going", None),
    ("Take it easy", None),
    ("The sauce had a smooth texture", None),
    ("Simple but delicious food", None),
    ("We waited 40 minutes for a table", None),
    ("Hard to believe how good it was", None),
    ("We will come back again and again", None),
    ("Chase bank declined my card", None),
    ("Great effort by the team", None),
    ("We have visited several times and loved it", None),
    ("The surgeon explained the procedure very well", None),  # staff explaining is no effort of the customer
    ("The nurse explained everything clearly", None),
    ("I had to explain everything again", "high"),
    ("I had to explain my situation to four people", "high"),
    ("The hoop earrings are lovely", None),
    ("Delivery took two weeks", None),
    ("", None),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_effort_direction_table(text: str, expected: str | None) -> None:
    assert effort_direction(text) == expected


def test_table_is_broad() -> None:
    assert sum(e is not None for _, e in CASES) >= 20
    assert sum(e is None for _, e in CASES) >= 10


def test_find_effort_spans_index_the_text() -> None:
    texts = ["Great staff. I had to call three times, not easy!", None, "Lovely food"]
    found = find_effort(texts)
    assert [len(f) for f in found] == [2, 0, 0]
    for m in found[0]:
        assert texts[0][m.start:m.end] == m.matched
    assert [(m.direction, m.negated) for m in found[0]] == [("high", False), ("high", False)]
    [neg] = find_effort(["It was never a hassle"])[0]
    assert (neg.direction, neg.negated, neg.matched) == ("low", True, "hassle")


def test_negation_stops_at_clause_break() -> None:
    assert effort_direction("Not great, but the refund was straightforward") == "low"


def test_high_wins_over_low() -> None:
    assert effort_direction("Ordering was quick and easy but I had to chase the refund") == "high"
    assert combine_directions(["low", None]) == "low"
    assert combine_directions([]) is None


def test_single_text_only() -> None:
    with pytest.raises(TypeError):
        effort_direction(["a", "b"])  # type: ignore[arg-type]


# -- analyzer columns -----------------------------------------------------------------------
def test_analyzer_effort_columns() -> None:
    import cxtext
    from cxtext.analyzer import COMMENT_COLUMNS, MENTION_COLUMNS

    assert "effort" in COMMENT_COLUMNS and "effort" in MENTION_COLUMNS
    texts = ["Had to call three times to get a refund.", "Quick and easy, thank you!",
             "Really hard to get through to anyone", "The staff were lovely", "n/a"]
    assert "effort" not in KeywordThemeTagger().fit().predict([texts[2]])[0]
    res = cxtext.analyze(pd.DataFrame({"c": texts}), text="c")
    assert res.comments["effort"].tolist() == ["high", "low", "high", None, None]
    m = res.mentions
    eff = m[m["theme"] == "effort"].set_index("comment_id")
    assert eff.loc[0, "effort"] == "high" and eff.loc[1, "effort"] == "low"
    # created from the effort patterns although the keyword tagger missed it
    assert eff.loc[2, "effort"] == "high" and eff.loc[2, "matched"] == "hard to get"
    assert m.loc[m["theme"] != "effort", "effort"].isna().all()
    clean = res.comments["text_clean"]
    assert all(clean[c][s:e] == ev for c, s, e, ev in zip(m["comment_id"], m["start"], m["end"],
                                                            m["evidence"]))


def test_no_effort_mentions_without_effort_theme() -> None:
    import cxtext

    tax = load_taxonomy().drop("effort")
    res = cxtext.analyze(pd.DataFrame({"c": ["I kept being transferred"]}), text="c", taxonomy=tax)
    assert "effort" not in set(res.mentions["theme"])
    assert res.comments["effort"].tolist() == ["high"]


def test_empty_result_has_effort_columns() -> None:
    import cxtext

    res = cxtext.analyze(pd.DataFrame({"c": ["n/a", ""]}), text="c")
    assert "effort" in res.mentions.columns and "effort" in res.comments.columns
