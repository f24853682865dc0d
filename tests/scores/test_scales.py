import warnings

import numpy as np
import pandas as pd
import pytest

from cxtext.errors import ConfigError
from cxtext.scores.scales import (
    Scale,
    ScoreWarning,
    ces_scale,
    check_scores,
    csat_scale,
    fft_scale,
    get_scale,
    nps_scale,
)


def test_nps_strings_valid_and_reported():
    raw = pd.Series(["9", "9.0", " 10 ", "0", "ten", "11", "-1", "", "  ", None, "9.5"], index=range(10, 21))
    chk = check_scores(raw, "nps", name="nps")
    assert chk.values.index.equals(raw.index)
    assert chk.values.iloc[:4].tolist() == [9.0, 9.0, 10.0, 0.0]
    assert chk.values.iloc[4:].isna().all()
    assert chk.status.tolist() == ["valid"] * 4 + ["non_numeric", "out_of_range", "out_of_range",
                                                   "missing", "missing", "missing", "not_integer"]
    assert (chk.n_valid, chk.n_missing, chk.n_invalid) == (4, 3, 4)
    assert chk.invalid.tolist() == [False] * 4 + [True] * 3 + [False] * 3 + [True]
    counts = chk.counts.set_index("status")
    assert counts.loc["out_of_range", "count"] == 2
    assert counts.loc["out_of_range", "examples"] == ["11", "-1"]
    assert "missing" in counts.index and counts.loc["missing", "examples"] == []


def test_warning_names_column_and_values():
    chk = check_scores(pd.Series(["1", "ten"], name="ltr"), nps_scale())
    with pytest.warns(ScoreWarning, match=r"\[CX401\].*'ltr'.*1 non_numeric \('ten'\)"):
        chk.warn()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_scores(pd.Series(["1", ""]), "nps").warn()  # missing only: no warning


def test_numeric_input_and_generic_scale():
    chk = check_scores(np.array([1.5, np.nan, np.inf, -3.0]))
    assert chk.status.tolist() == ["valid", "missing", "non_numeric", "valid"]
    assert chk.values.tolist()[0] == 1.5 and chk.values.tolist()[3] == -3.0


def test_csat_scales_and_good_box():
    assert csat_scale().good_from == 4
    s7 = csat_scale(1, 7)
    chk = check_scores(pd.Series(["7", "6", "5", "8"]), s7)
    assert chk.status.tolist() == ["valid", "valid", "valid", "out_of_range"]
    assert s7.is_good(chk.values).tolist() == [True, True, False, pd.NA]
    assert get_scale((1, 10), kind="csat").good_from == 9
    assert csat_scale(1, 10, satisfied_from=8).is_good(pd.Series([8])).tolist() == [True]


def test_ces_direction():
    high, low = ces_scale(), ces_scale(easy="low")
    v = pd.Series([1.0, 3.0, 4.0, 5.0, 7.0])
    assert high.is_good(v).tolist() == [False, False, False, True, True]
    assert low.is_good(v).tolist() == [True, True, False, False, False]
    assert (low.best, low.worst) == (1, 7)
    with pytest.raises(ConfigError, match="easy"):
        ces_scale(easy="up")


def test_fft_labels_case_insensitive():
    raw = pd.Series(["Very good", "VERY  POOR", " neither good nor poor ", "Don't know", "don’t know",
                     "excellent", "5", ""])
    chk = check_scores(raw, fft_scale())
    assert chk.values.tolist()[:3] == [5.0, 1.0, 3.0]
    assert chk.status.tolist()[3:] == ["not_scored", "not_scored", "unknown_label", "unknown_label", "missing"]
    assert chk.n_invalid == 2
    assert fft_scale().is_good(chk.values.iloc[:3]).tolist() == [True, False, False]


def test_scale_validation_errors():
    with pytest.raises(ConfigError, match="low"):
        Scale("x", 5, 1)
    with pytest.raises(ConfigError, match="good-box"):
        Scale("x", 1, 5, good_from=9)
    with pytest.raises(ConfigError, match="Known scales"):
        get_scale("loyalty")
    with pytest.raises(ConfigError, match="no good-box"):
        Scale("x", 1, 5).is_good(pd.Series([1]))


@pytest.mark.parametrize("text,value", [
    ("10 - Extremely likely", 10.0), ("0 - Not at all likely", 0.0), ("10 – Extremely likely", 10.0),
    ("10 — Extremely likely", 10.0), ("10: Extremely likely", 10.0), ("10 (Extremely likely)", 10.0),
    (" 10-Extremely likely ", 10.0), ("9", 9.0),
])
def test_endpoint_labelled_nps_is_valid(text, value):
    chk = check_scores(pd.Series([text]), "nps")
    assert chk.status.tolist() == ["valid"] and chk.values.tolist() == [value]


@pytest.mark.parametrize("text,status", [
    ("about 7?", "non_numeric"), ("7 - 8", "non_numeric"), ("7 (or 8)", "non_numeric"),
    ("10 -", "non_numeric"), ("Extremely likely - 10", "non_numeric"), ("11 - Off the scale", "out_of_range"),
    ("9.5 - Nearly", "not_integer"),
])
def test_other_text_with_numbers_stays_invalid(text, status):
    assert check_scores(pd.Series([text]), "nps").status.tolist() == [status]


def test_endpoint_labelled_csat_and_nps_result():
    chk = check_scores(pd.Series(["5 - Very satisfied", "1 - Very dissatisfied", "4", "Very satisfied"]), "csat")
    assert chk.values.tolist()[:3] == [5.0, 1.0, 4.0]
    assert chk.status.tolist() == ["valid", "valid", "valid", "non_numeric"]
    from cxtext.scores import nps
    r = nps(pd.Series(["10 - Extremely likely", "0 - Not at all likely", "9", "10 - Extremely likely"]))
    assert (r.n, r.promoters, r.detractors, r.nps) == (4, 3, 1, 50.0)



def test_declined_answers_are_not_scored_and_written_ratings_are_read():
    chk = check_scores(pd.Series(["N/A", "n/a.", "Don\u2019t know", "prefer not to say", "10/10", "7 out of 10",
                                  "4/5", "banana"]), "nps")
    assert chk.status.tolist() == ["not_scored"] * 4 + ["valid", "valid", "non_numeric", "non_numeric"]
    assert chk.values.tolist()[4:6] == [10.0, 7.0]
    assert chk.n_invalid == 2 and "status column" in chk.message() and "check_scores" not in chk.message()
    assert check_scores(pd.Series(["4/5", "2 out of 5"]), "csat").values.tolist() == [4.0, 2.0]
