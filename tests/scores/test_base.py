import warnings

import numpy as np
import pandas as pd
import pytest

from cxtext.analyzer import AnalysisResult
from cxtext.errors import InputError
from cxtext.scores import join_scores, theme_table
from cxtext.scores._base import resolve_score


def _labelled_csat(n=200):
    comments = pd.DataFrame({"id": range(n), "comment": ["ok"] * n, "csat": ["Very satisfied"] * n})
    return AnalysisResult(comments=comments, mentions=pd.DataFrame(columns=["comment_id", "theme", "sentiment"]),
                          text="comment", id="id")


def test_no_valid_scores_names_the_users_column_and_counts_text_as_invalid():
    joined = join_scores(_labelled_csat(), csat="csat", warn=False)
    with pytest.raises(InputError, match=r"\[CX402\]") as err:
        resolve_score(joined, "csat_score", warn=False)
    msg = str(err.value)
    assert "Score column 'csat' (joined as 'csat_score')" in msg
    assert "0 missing, 200 invalid" in msg and "200 non_numeric ('Very satisfied')" in msg
    assert "map labels to numbers first" in msg and "{'Very satisfied': 5, ...}" in msg
    with pytest.raises(InputError, match=r"Score column 'csat' has no valid.*0 missing, 200 invalid"):
        resolve_score(_labelled_csat(), "csat", kind="csat", warn=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(InputError, match=r"\[CX402\] Score column 'csat' \(joined as 'csat_score'\)"):
            theme_table(joined)


def test_no_valid_scores_missing_only_keeps_generic_hint():
    res = _labelled_csat(3)
    res.comments["csat"] = [np.nan, "", None]
    with pytest.raises(InputError, match=r"3 missing, 0 invalid\)\. Pass a numeric score column"):
        resolve_score(res, "csat", kind="csat", warn=False)


@pytest.mark.parametrize("counts", [[1, 1, 1], [85, 57, 58], [99, 66, 71], [1, 0, 0], [3, 3, 3, 3, 3, 3, 3], [0.5, 0.25, 0.25]])
def test_whole_percents_add_up_to_100_and_stay_within_a_point(counts):
    from cxtext.scores._base import whole_percents

    shares = whole_percents(counts)
    assert sum(shares) == 100
    assert all(abs(p - 100 * c / sum(counts)) < 1 for p, c in zip(shares, counts))
    assert whole_percents([0] * len(counts)) == [0] * len(counts)
