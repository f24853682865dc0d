import json
import math

import numpy as np
import pandas as pd
import pytest

from cxtext.io.cells import (
    escape_formula,
    is_missing,
    looks_escaped,
    needs_formula_escape,
    to_json_value,
    to_text,
    to_text_list,
)


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("- slow delivery", "'- slow delivery"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        # exceptions: plain numbers and dash-only non-answers
        ("-5", "-5"),
        ("+3.5", "+3.5"),
        ("-1e-3", "-1e-3"),
        ("-.5", "-.5"),
        ("-", "-"),
        ("---", "---"),
        # not triggers
        ("Great staff", "Great staff"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_escape_formula(value, escaped):
    assert escape_formula(value) == escaped
    assert needs_formula_escape(value) is (escaped != value)


@pytest.mark.parametrize("value", ["'=SUM(A1)", "''-x", "'-typed by hand", "'fine", "'", "''", "'-5", "=x",
                                   "- slow", "plain"])
def test_a_reader_dropping_one_quote_gets_back_what_was_written(value):
    """Values typed with a leading quote survive writing and reading (they lost it before)."""
    written = escape_formula(value)
    read = written[1:] if looks_escaped(written) else written
    assert read == value


def test_is_missing():
    assert all(is_missing(v) for v in [None, math.nan, np.nan, pd.NA, pd.NaT, np.float64("nan")])
    assert not any(is_missing(v) for v in ["", [], (), {}, 0, False, np.array([np.nan])])


def test_to_text():
    assert to_text(["a", "b"]) == "a;b"
    assert to_text(("a", None, 1)) == "a;;1"
    assert to_text(np.array(["x", "y"], dtype=object)) == "x;y"
    assert to_text({"k": [1, 2], "é": None}) == '{"k": [1, 2], "é": null}'
    assert to_text(None) == "" and to_text(math.nan) == "" and to_text(pd.NaT) == ""
    assert to_text(np.int64(7)) == "7"
    assert to_text(pd.Timestamp("2024-05-01 10:00")) == "2024-05-01T10:00:00"
    assert to_text("  keep  ") == "  keep  "


def test_to_text_score_dicts_match_the_general_path():
    """Dicts of finite floats (emotion scores) take a shortcut; it must write the same JSON."""
    scores = {"anger": 0.0119, "delight": 1.0, "é": -0.5}
    assert to_text(scores) == json.dumps(to_json_value(scores), ensure_ascii=False)
    assert to_text({"a": math.nan}) == '{"a": null}'  # not finite: the general path
    assert to_text({"a": math.inf}) == '{"a": "inf"}'
    assert to_text({"a": np.float32(0.5)}) == '{"a": 0.5}'
    assert to_text({1: 0.5}) == '{"1": 0.5}'


def test_to_json_value():
    assert to_json_value({"a": np.int64(2), "b": (1, math.nan), "c": np.float32(0.5)}) == {
        "a": 2,
        "b": [1, None],
        "c": 0.5,
    }
    assert to_json_value(pd.Timestamp("2024-05-01")) == "2024-05-01T00:00:00"
    assert to_json_value(math.inf) == "inf"
    assert to_json_value(np.array(["a", "b"])) == ["a", "b"]
    assert to_json_value(True) is True


def test_to_text_list():
    assert to_text_list(["a", 1, None]) == ["a", "1", None]
    assert to_text_list("solo") == ["solo"]
    assert to_text_list(None) is None and to_text_list(math.nan) is None
    assert to_text_list([]) == []


def test_fast_paths_match_the_general_rules():
    # plain str/int/bool/float and lists of str skip the isinstance chain; same results
    assert to_json_value(-math.inf) == "-inf" and to_json_value(math.nan) is None
    assert to_json_value(3) == 3 and to_json_value(False) is False and to_json_value("x") == "x"
    assert to_text(["a", "b", ""]) == "a;b;" and to_text(["a", None]) == "a;"
    assert to_text({"anger": 0.25, "joy": 1.0}) == '{"anger": 0.25, "joy": 1.0}'


def test_text_column_fast_path_equals_to_text():
    from cxtext.io.writers import _text_column

    values = ["=SUM(A1)", None, math.nan, "plain", pd.NA, "-", "@user hi"]
    column = pd.Series(values, dtype=object)
    expected = pd.Series([to_text(v) for v in values], dtype=object)
    expected = expected.where(~expected.map(needs_formula_escape), expected.map(escape_formula))
    pd.testing.assert_series_equal(_text_column(column, True), expected)
    assert _text_column(pd.Series([None, None], dtype=object), True).tolist() == ["", ""]
