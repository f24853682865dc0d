"""Net Promoter Score with a confidence interval.

NPS = % promoters (9-10) - % detractors (0-6), in points from -100 to 100.

Confidence intervals (``method``):

``"adjusted_wald"`` (default)
    Add 3/4 of a promoter, 3/4 of a detractor (and so 3/2 of a passive) to the
    counts, n' = n + 3, then use the multinomial variance of the difference of
    the two proportions, ``(p'+ + p'- - (p'+ - p'-)^2) / n'``. This is the
    adjusted Wald interval that Rocks (2016, *The American Statistician*,
    "Interval Estimation for the 'Net Promoter Score'") found to have the best
    coverage among the methods he compared; its interval is not degenerate at n = 1 or when
    everyone is a promoter, where the plain Wald interval has zero width.
``"wald"``
    The same variance on the raw proportions.
``"bootstrap"``
    Percentile interval of the trinomial mean over seeded resamples.

The point estimate is always the raw NPS; intervals are clipped to [-100, 100].
Coverage of all three is checked by simulation in ``tests/scores/test_nps.py``.

Two edge cases are handled explicitly:

* **n = 0**: no valid scores, so the NPS and both interval ends are NaN (the
  adjusted-Wald pseudo-counts alone would give a made-up -80 to +80).
* **The interval always contains the point estimate.** The adjusted-Wald
  interval is centred on the shrunken estimate (p'+ - p'-), which for tiny or
  extreme samples can lie so far from the raw NPS that the interval misses it:
  one promoter gives -48.5 to +98.5 around an NPS of +100. The reported
  interval is then extended to the point estimate (-48.5 to +100). This only
  ever widens the interval, so coverage can only rise; at the 95% level it
  changes the interval of n = 1 alone (checked for every count with n < 200).
  The same rule applies to the Wald and bootstrap intervals, which contain the
  estimate by construction or in practice.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from cxtext.errors import ConfigError
from cxtext.scores.scales import check_scores, nps_scale

__all__ = ["NPSResult", "nps", "nps_from_counts", "nps_groups"]

logger = logging.getLogger(__name__)

_METHODS = ("adjusted_wald", "wald", "bootstrap")


@dataclass(frozen=True)
class NPSResult:
    """An NPS with its confidence interval; what :func:`nps` returns.

    Attributes
    ----------
    nps : float
        Net Promoter Score in points (-100..100); NaN when there are no valid scores.
    ci_low, ci_high : float
        Confidence interval in points; always contains ``nps``, NaN when ``n == 0``.
    promoters, passives, detractors : int
        Counts of valid scores 9-10, 7-8 and 0-6.
    n : int
        Valid scores used.
    n_missing, n_invalid : int
        Empty values, and values that were not valid 0-10 scores (left out, reported).
    level : float
        Confidence level.
    method : str
        Interval method.
    """

    nps: float
    ci_low: float
    ci_high: float
    promoters: int
    passives: int
    detractors: int
    n: int
    n_missing: int = 0
    n_invalid: int = 0
    level: float = 0.95
    method: str = "adjusted_wald"

    @property
    def pct_promoters(self) -> float:
        """Share of promoters in percent."""
        return 100.0 * self.promoters / self.n if self.n else float("nan")

    @property
    def pct_detractors(self) -> float:
        """Share of detractors in percent."""
        return 100.0 * self.detractors / self.n if self.n else float("nan")

    @property
    def pct_passives(self) -> float:
        """Share of passives in percent."""
        return 100.0 * self.passives / self.n if self.n else float("nan")

    def as_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (for tables and JSON)."""
        return asdict(self)

    def __str__(self) -> str:
        if self.n == 0:
            return f"NPS n/a (no valid scores; {self.n_missing} missing, {self.n_invalid} invalid)"
        return (f"NPS {self.nps:+.1f} ({self.level:.0%} CI {self.ci_low:+.1f} to {self.ci_high:+.1f}; "
                f"n={self.n}: {self.promoters} promoters, {self.passives} passives, {self.detractors} detractors)")


def nps_groups(values: Any) -> pd.Series:
    """Label parsed 0-10 scores ``"promoter"`` / ``"passive"`` / ``"detractor"`` (NA when missing).

    Examples
    --------
    >>> nps_groups(pd.Series([10, 7, 3, None])).tolist()
    ['promoter', 'passive', 'detractor', nan]
    """
    v = pd.to_numeric(pd.Series(values), errors="coerce")
    out = pd.Series(np.select([v >= 9, v >= 7, v >= 0], ["promoter", "passive", "detractor"], default=""),
                    index=v.index, dtype=object)
    return out.where(v.notna() & (out != ""), np.nan)


def _z(level: float) -> float:
    from scipy.stats import norm

    return float(norm.ppf(0.5 + level / 2))


def nps_from_counts(promoters: Any, passives: Any, detractors: Any, *, level: float = 0.95,
                    method: str = "adjusted_wald") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """NPS and analytic CI from counts, vectorised over arrays of counts.

    Parameters
    ----------
    promoters, passives, detractors : int or array of int
        Counts.
    level : float, default=0.95
    method : {"adjusted_wald", "wald"}

    Returns
    -------
    (nps, ci_low, ci_high) : tuple of numpy arrays, in points
        The interval is widened where needed to contain the point estimate, and
        all three are NaN where the counts sum to 0 (see the module docstring).

    Examples
    --------
    >>> est, lo, hi = nps_from_counts(2, 1, 1)
    >>> float(est), bool(lo < 25 < hi)
    (25.0, True)
    >>> [round(float(x), 1) for x in nps_from_counts(1, 0, 0)]  # adjusted Wald alone: -48.5 to +98.5
    [100.0, -48.5, 100.0]
    >>> [float(x) for x in nps_from_counts(0, 0, 0)]
    [nan, nan, nan]
    """
    if method not in ("adjusted_wald", "wald"):
        raise ConfigError(f"[CX301] nps_from_counts 'method' must be 'adjusted_wald' or 'wald'. Got {method!r}.")
    pro, pas, det = (np.asarray(x, dtype=float) for x in (promoters, passives, detractors))
    n = pro + pas + det
    with np.errstate(invalid="ignore", divide="ignore"):
        est = 100.0 * (pro - det) / n
        add = 0.75 if method == "adjusted_wald" else 0.0
        n_adj = n + 4 * add
        pp, pd_ = (pro + add) / n_adj, (det + add) / n_adj
        centre = pp - pd_
        se = np.sqrt(np.maximum(pp + pd_ - centre**2, 0.0) / n_adj)
    z = _z(level)
    lo, hi = _contain(est, 100.0 * (centre - z * se), 100.0 * (centre + z * se))
    return est, lo, hi


def _contain(est: Any, lo: Any, hi: Any) -> tuple[np.ndarray, np.ndarray]:
    """Interval ends clipped to [-100, 100], widened to contain ``est``; NaN where ``est`` is NaN (n = 0).

    >>> [float(x) for x in _contain(100.0, -48.5, 98.5)]
    [-48.5, 100.0]
    """
    est, lo, hi = (np.asarray(x, dtype=float) for x in (est, lo, hi))
    lo = np.where(np.isnan(est), np.nan, np.fmin(np.clip(lo, -100, 100), est))
    hi = np.where(np.isnan(est), np.nan, np.fmax(np.clip(hi, -100, 100), est))
    return lo, hi


def _check_level(level: float) -> None:
    if not 0 < level < 1:
        raise ConfigError(f"[CX301] 'level' must be between 0 and 1 (e.g. 0.95). Got {level!r}.")


def nps(scores: Any, *, level: float = 0.95, method: str = "adjusted_wald", n_boot: int = 2000,
        random_state: int | None = 0, warn: bool = True) -> NPSResult:
    """Net Promoter Score (points, -100..100) with a confidence interval.

    Parameters
    ----------
    scores : array-like or pandas.Series
        0-10 likelihood-to-recommend answers, numbers or strings (``"9"``,
        ``" 10 "``). Empty values are counted as missing; values that are not
        0-10 integers (``"ten"``, ``"11"``) are left out and reported
        (``n_invalid`` and a :class:`~cxtext.scores.ScoreWarning`).
    level : float, default=0.95
        Confidence level.
    method : {"adjusted_wald", "wald", "bootstrap"}, default="adjusted_wald"
        Interval method (see the module docstring).
    n_boot : int, default=2000
        Resamples for ``method="bootstrap"``.
    random_state : int or None, default=0
        Seed for the bootstrap.
    warn : bool, default=True
        Warn when values were invalid.

    Returns
    -------
    NPSResult
        NaN NPS and interval when no score is valid; otherwise the interval
        contains the NPS (see the module docstring).

    Examples
    --------
    >>> import pandas as pd
    >>> r = nps(pd.Series([10, 9, 8, 0]))
    >>> r.nps, r.promoters, r.passives, r.detractors, r.n
    (25.0, 2, 1, 1, 4)
    >>> r.ci_low < 25 < r.ci_high
    True
    >>> print(nps([10]))  # the interval is widened to contain the estimate
    NPS +100.0 (95% CI -48.5 to +100.0; n=1: 1 promoters, 0 passives, 0 detractors)
    >>> print(nps(pd.Series([], dtype=float)))
    NPS n/a (no valid scores; 0 missing, 0 invalid)
    """
    if method not in _METHODS:
        raise ConfigError(f"[CX301] nps() 'method' must be one of {', '.join(_METHODS)}. Got {method!r}.")
    _check_level(level)
    chk = check_scores(scores, nps_scale(), name=getattr(scores, "name", None))
    if warn:
        chk.warn(stacklevel=3)
    v = chk.values.dropna().to_numpy()
    pro, det = int((v >= 9).sum()), int((v <= 6).sum())
    pas = len(v) - pro - det
    est, lo, hi = (float(x) for x in nps_from_counts(pro, pas, det, level=level,
                                                   method="wald" if method == "bootstrap" else method))
    if method == "bootstrap" and len(v):
        if n_boot < 1:
            raise ConfigError(f"[CX301] 'n_boot' must be a positive int. Got {n_boot!r}.")
        rng = np.random.default_rng(random_state)
        boot = rng.multinomial(len(v), [pro / len(v), pas / len(v), det / len(v)], size=n_boot)
        vals = 100.0 * (boot[:, 0] - boot[:, 2]) / len(v)
        lo, hi = (float(x) for x in _contain(est, *np.percentile(vals, [50 * (1 - level), 50 * (1 + level)])))
    return NPSResult(nps=est, ci_low=lo, ci_high=hi, promoters=pro, passives=pas, detractors=det,
                     n=len(v), n_missing=chk.n_missing, n_invalid=chk.n_invalid, level=level, method=method)
