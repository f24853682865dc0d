import numpy as np
import pandas as pd
import pytest

import cxtext.scores as cs
from cxtext.errors import ConfigError
from cxtext.scores.nps import nps, nps_from_counts, nps_groups
from cxtext.scores.scales import ScoreWarning


def test_issue_example_and_counts():
    r = nps(pd.Series([10, 9, 8, 0]))
    assert r.nps == 25
    assert (r.promoters, r.passives, r.detractors, r.n) == (2, 1, 1, 4)
    assert r.ci_low < 25 < r.ci_high
    assert -100 <= r.ci_low and r.ci_high <= 100
    assert r.pct_promoters == 50.0
    assert "NPS +25.0" in str(r)
    assert cs.nps(pd.Series(["10", " 9 ", "8.0", "0"])).nps == 25


def test_invalid_values_reported_not_coerced():
    with pytest.warns(ScoreWarning, match="2 value"):
        r = nps(pd.Series(["10", "11", "ten", "", "6"]))
    assert (r.n, r.n_invalid, r.n_missing) == (2, 2, 1)
    assert r.nps == 0.0


def test_empty_and_extremes():
    r = nps(pd.Series(["", None]), warn=False)
    assert r.n == 0 and np.isnan(r.nps)
    allpro = nps([10] * 20)
    assert allpro.nps == 100 and allpro.ci_high == 100 and allpro.ci_low < 100  # adjusted Wald is not degenerate
    wald = nps([10] * 20, method="wald")
    assert wald.ci_low == wald.ci_high == 100


def test_groups():
    groups = nps_groups([0, 6, 7, 8, 9, 10, np.nan])
    assert groups.iloc[:6].tolist() == ["detractor", "detractor", "passive", "passive", "promoter", "promoter"]
    assert pd.isna(groups.iloc[6])


def test_bad_params():
    with pytest.raises(ConfigError, match="method"):
        nps([1], method="exact")
    with pytest.raises(ConfigError, match="level"):
        nps([1], level=95)


def _coverage(n, probs, method, sims=4000, seed=0):
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(n, probs, size=sims)
    _, lo, hi = nps_from_counts(counts[:, 0], counts[:, 1], counts[:, 2], method=method)
    truth = 100 * (probs[0] - probs[2])
    return float(np.mean((lo <= truth) & (truth <= hi)))


@pytest.mark.parametrize("n,probs", [
    (50, (0.3, 0.3, 0.4)), (100, (0.5, 0.3, 0.2)), (200, (0.2, 0.5, 0.3)), (400, (0.6, 0.25, 0.15)),
    (30, (0.7, 0.2, 0.1)),
])
def test_adjusted_wald_coverage_by_simulation(n, probs):
    cov = _coverage(n, probs, "adjusted_wald")
    assert 0.93 <= cov <= 0.975, cov


def test_adjusted_wald_beats_wald_when_small_and_skewed():
    probs = (0.9, 0.07, 0.03)
    assert _coverage(15, probs, "adjusted_wald") >= 0.93
    assert _coverage(15, probs, "wald") < 0.90


def test_bootstrap_coverage_by_simulation():
    rng = np.random.default_rng(1)
    probs, n, sims, hits = (0.45, 0.3, 0.25), 150, 150, 0
    truth = 100 * (probs[0] - probs[2])
    for i in range(sims):
        scores = rng.choice([10, 7, 3], size=n, p=probs)
        r = nps(scores, method="bootstrap", n_boot=500, random_state=i)
        hits += r.ci_low <= truth <= r.ci_high
    assert 0.90 <= hits / sims <= 0.99


@pytest.mark.parametrize("method", ["adjusted_wald", "wald", "bootstrap"])
@pytest.mark.parametrize("scores", [pd.Series([], dtype=float), pd.Series([np.nan, np.nan]), ["", "ten"]])
def test_no_valid_scores_gives_no_interval(scores, method):
    r = nps(scores, method=method, warn=False)
    assert r.n == 0 and np.isnan(r.nps) and np.isnan(r.ci_low) and np.isnan(r.ci_high)
    assert str(r).startswith("NPS n/a (no valid scores")
    est, lo, hi = nps_from_counts([0, 2], [0, 1], [0, 1])
    assert np.isnan([est[0], lo[0], hi[0]]).all() and lo[1] < 25 < hi[1]


@pytest.mark.parametrize("method", ["adjusted_wald", "wald", "bootstrap"])
def test_interval_contains_the_estimate(method):
    r = nps([10], method=method)
    assert r.nps == 100 and r.ci_low <= 100 <= r.ci_high == 100
    if method == "adjusted_wald":
        assert r.ci_low == pytest.approx(-48.5, abs=0.05)  # the lower end is kept
    for scores in ([0], [7], [10, 0], [10, 10, 7]):
        r = nps(scores, method=method)
        assert r.ci_low <= r.nps <= r.ci_high


def test_adjusted_wald_interval_contains_estimate_for_all_small_counts():
    pro, pas, det = (a.ravel() for a in np.meshgrid(*[np.arange(31)] * 3, indexing="ij"))
    keep = pro + pas + det > 0
    est, lo, hi = nps_from_counts(pro[keep], pas[keep], det[keep])
    assert ((lo <= est) & (est <= hi)).all()
    assert (-100 <= lo).all() and (hi <= 100).all()
