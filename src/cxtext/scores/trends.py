"""Movements between consecutive periods, flagged only when statistically significant.

* :func:`theme_trends`: share of analysed comments mentioning each theme, per
  period (and optionally per segment). Consecutive periods are compared with a
  two-proportion z-test (pooled), or Fisher's exact test when an expected count
  is below 5.
* :func:`score_trends`: NPS (or mean score) per period with its confidence
  interval; consecutive periods compared with a z-test on the difference
  (multinomial variance for NPS, Welch for means).

Every comparison needs ``min_n`` comments in both periods and at least one
mention (otherwise it is not tested). P-values are corrected with Benjamini-Hochberg
(:func:`scipy.stats.false_discovery_control`) over the whole table;
``significant`` = ``q_value < alpha``.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import pandas as pd

from cxtext.errors import ConfigError, InputError
from cxtext.scores._base import (
    analysed_mask,
    comments_of,
    mention_rows,
    resolve_score,
    segment_column,
)
from cxtext.scores.join import PERIODS
from cxtext.scores.nps import nps_from_counts

__all__ = ["score_trends", "theme_trends"]

logger = logging.getLogger(__name__)


def _period_column(cm: pd.DataFrame, period: str) -> str:
    col = f"period_{period}" if period in PERIODS else period
    if col not in cm.columns:
        raise InputError(
            f"[CX404] No period column {col!r}. Join a date first: "
            f"cxtext.scores.join_scores(result, date='<date column>', periods=[{period!r}]), "
            "or pass the name of an existing period column."
        )
    return col


def _bh(p: pd.Series) -> pd.Series:
    from scipy.stats import false_discovery_control

    q = pd.Series(np.nan, index=p.index)
    ok = p.notna()
    if ok.any():
        q[ok] = false_discovery_control(p[ok].to_numpy(dtype=float), method="bh")
    return q


def _two_prop_p(k1: float, n1: float, k2: float, n2: float) -> float:
    from scipy.stats import fisher_exact, norm

    pooled = (k1 + k2) / (n1 + n2)
    expected = np.array([n1 * pooled, n1 * (1 - pooled), n2 * pooled, n2 * (1 - pooled)])
    if (expected < 5).any():
        return float(fisher_exact([[k1, n1 - k1], [k2, n2 - k2]]).pvalue)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 1.0
    return float(2 * norm.sf(abs(k2 / n2 - k1 / n1) / se))


def _check(alpha: float, min_n: int) -> None:
    if not 0 < alpha < 1:
        raise ConfigError(f"[CX301] 'alpha' must be between 0 and 1. Got {alpha!r}.")
    if not isinstance(min_n, (int, np.integer)) or min_n < 1:
        raise ConfigError(f"[CX301] 'min_n' must be a positive int. Got {min_n!r}.")


def theme_trends(result: Any, period: str = "month", *, by: str | None = None, sentiment: str | None = None,
                 alpha: float = 0.05, min_n: int = 30, min_confidence: float = 0.0) -> pd.DataFrame:
    """Theme shares per period, with significant changes from the previous period flagged.

    Parameters
    ----------
    result : AnalysisResult
        After ``join_scores(..., date=...)`` (for ``period_<unit>`` columns).
    period : str, default="month"
        A period unit joined by ``join_scores`` (``"week"``, ``"month"`` ...) or the
        name of any column holding sortable period labels.
    by : str, optional
        Segment column; periods are compared within each segment.
    sentiment : {"negative", "neutral", "positive"}, optional
        Count only mentions with this sentiment (e.g. the share of comments
        complaining about each theme).
    alpha : float, default=0.05
        False discovery rate for ``significant``.
    min_n : int, default=30
        Analysed comments needed in both periods to test a change.
    min_confidence : float, default=0.0
        Ignore mentions below this tagger confidence.

    Returns
    -------
    pandas.DataFrame
        ``[by,] period, theme, base, comments, share, prev_period, prev_share,
        change`` (share points, -1..1), ``p_value``, ``q_value`` (BH), ``significant``,
        ``direction`` ("up"/"down" when significant, else "").

    Examples
    --------
    Waiting complaints go from 10 of 40 comments in May to 30 of 40 in June:

    >>> import pandas as pd
    >>> from cxtext.analyzer import AnalysisResult
    >>> from cxtext.scores import join_scores
    >>> comments = pd.DataFrame({"id": range(80), "sentiment": "negative",
    ...                          "d": ["2026-05-03"] * 40 + ["2026-06-03"] * 40})
    >>> waits = [*range(10), *range(40, 70)]
    >>> mentions = pd.DataFrame({"comment_id": waits, "theme": "waiting_time", "sentiment": "negative"})
    >>> res = join_scores(AnalysisResult(comments=comments, mentions=mentions, id="id"), date="d")
    >>> t = theme_trends(res, "month")
    >>> t[["period", "share", "significant", "direction"]].values.tolist()
    [['2026-05', 0.25, False, ''], ['2026-06', 0.75, True, 'up']]
    """
    _check(alpha, min_n)
    cm = comments_of(result)
    col = _period_column(cm, period)
    segment_column(cm, by)
    mn = mention_rows(result, min_confidence)
    if sentiment is not None:
        mn = mn[mn["sentiment"] == sentiment]
    base_mask = analysed_mask(cm)
    frame = pd.DataFrame({"period": cm[col].to_numpy(), "base": base_mask})
    if by is not None:
        frame["seg"] = cm[by].to_numpy()
    keys = ["seg", "period"] if by is not None else ["period"]
    frame = frame[frame["period"].notna()]
    base = frame[frame["base"]].groupby(keys, sort=True).size().rename("base")
    hits = mn[["row", "theme"]].drop_duplicates()
    hits = hits.join(frame[keys], on="row", how="inner")
    counts = hits.groupby([*keys, "theme"], sort=True).size().rename("comments")
    themes = sorted(hits["theme"].unique())
    grid = base.reset_index().merge(pd.DataFrame({"theme": themes}), how="cross")
    grid = grid.merge(counts.reset_index(), on=[*keys, "theme"], how="left").fillna({"comments": 0})
    grid["comments"] = grid["comments"].astype(int)
    grid["share"] = grid["comments"] / grid["base"]
    grid = grid.sort_values([*keys[:-1], "theme", "period"], kind="stable").reset_index(drop=True)
    prev_keys = [*keys[:-1], "theme"]
    g = grid.groupby(prev_keys, sort=False)
    grid["prev_period"] = g["period"].shift()
    grid["prev_base"] = g["base"].shift()
    grid["prev_comments"] = g["comments"].shift()
    grid["prev_share"] = g["share"].shift()
    grid["change"] = grid["share"] - grid["prev_share"]
    testable = (grid["prev_base"].notna() & (grid["base"] >= min_n) & (grid["prev_base"] >= min_n)
                & ((grid["comments"] > 0) | (grid["prev_comments"] > 0)))
    grid["p_value"] = [
        _two_prop_p(r.prev_comments, r.prev_base, r.comments, r.base) if ok else np.nan
        for r, ok in zip(grid.itertuples(), testable)
    ]
    grid["q_value"] = _bh(grid["p_value"])
    grid["significant"] = (grid["q_value"] < alpha).fillna(False).astype(bool)
    grid["direction"] = np.where(grid["significant"], np.where(grid["change"] > 0, "up", "down"), "")
    grid = grid.drop(columns=["prev_base", "prev_comments"])
    if by is not None:
        grid = grid.rename(columns={"seg": by})
    return grid


def score_trends(result: Any, score: str, period: str = "month", *, kind: str | None = None,
                 by: str | None = None, level: float = 0.95, alpha: float = 0.05, min_n: int = 30,
                 warn: bool = True) -> pd.DataFrame:
    """NPS (or mean score) per period with its CI; significant changes flagged.

    Parameters
    ----------
    result : AnalysisResult
        After ``join_scores(..., date=...)``.
    score : str
        Score column (strings of numbers fine).
    period : str, default="month"
        Period unit or column (see :func:`theme_trends`).
    kind : {None, "nps", "csat", "ces", "fft"}
        ``"nps"`` (also inferred as in :func:`~cxtext.scores.drivers`) reports NPS
        points with the adjusted Wald interval; other kinds report the mean.
    by : str, optional
        Segment column.
    level : float, default=0.95
    alpha : float, default=0.05
    min_n : int, default=30
    warn : bool, default=True

    Returns
    -------
    pandas.DataFrame
        ``[by,] period, n, value, ci_low, ci_high, prev_period, change, p_value,
        q_value, significant, direction``; ``attrs["metric"]`` is ``"nps"`` or ``"mean"``.

    Examples
    --------
    >>> import cxtext, pandas as pd
    >>> df = pd.DataFrame({"c": ["ok"] * 80, "nps": [10] * 30 + [0] * 10 + [0] * 30 + [10] * 10,
    ...                    "d": ["2026-05-03"] * 40 + ["2026-06-03"] * 40})
    >>> res = cxtext.scores.join_scores(cxtext.analyze(df, text="c"), nps="nps", date="d")
    >>> score_trends(res, "nps")[["period", "value", "significant"]].values.tolist()
    [['2026-05', 50.0, False], ['2026-06', -50.0, True]]
    """
    from scipy.stats import norm

    _check(alpha, min_n)
    cm = comments_of(result)
    col = _period_column(cm, period)
    segment_column(cm, by)
    values, kind, _ = resolve_score(result, score, kind, warn=warn)
    frame = pd.DataFrame({"period": cm[col].to_numpy(), "v": values.to_numpy(dtype=float)})
    if by is not None:
        frame["seg"] = cm[by].to_numpy()
    keys = ["seg", "period"] if by is not None else ["period"]
    frame = frame[frame["period"].notna() & np.isfinite(frame["v"])]
    is_nps = kind == "nps"
    frame["pro"], frame["det"] = frame["v"] >= 9, frame["v"] <= 6
    agg = frame.groupby(keys, sort=True).agg(n=("v", "size"), mean=("v", "mean"), sd=("v", "std"),
                                             pro=("pro", "sum"), det=("det", "sum")).reset_index()
    z = norm.ppf(0.5 + level / 2)
    if is_nps:
        est, lo, hi = nps_from_counts(agg["pro"], agg["n"] - agg["pro"] - agg["det"], agg["det"], level=level)
        agg["value"], agg["ci_low"], agg["ci_high"] = est, lo, hi
        p1, p2 = agg["pro"] / agg["n"], agg["det"] / agg["n"]
        agg["_var"] = (100.0**2) * (p1 + p2 - (p1 - p2) ** 2) / agg["n"]
    else:
        agg["value"] = agg["mean"]
        agg["_var"] = agg["sd"].fillna(0.0) ** 2 / agg["n"]
        agg["ci_low"] = agg["value"] - z * np.sqrt(agg["_var"])
        agg["ci_high"] = agg["value"] + z * np.sqrt(agg["_var"])
    g = agg.groupby(keys[:-1], sort=False) if by is not None else None
    shift = (lambda c: g[c].shift()) if g is not None else (lambda c: agg[c].shift())
    agg["prev_period"], agg["prev_n"] = shift("period"), shift("n")
    agg["prev_value"], agg["_prev_var"] = shift("value"), shift("_var")
    agg["change"] = agg["value"] - agg["prev_value"]
    testable = agg["prev_n"].notna() & (agg["n"] >= min_n) & (agg["prev_n"] >= min_n)
    se = np.sqrt(agg["_var"] + agg["_prev_var"])
    with np.errstate(divide="ignore", invalid="ignore"):
        p = 2 * norm.sf(np.abs(agg["change"] / se))
    agg["p_value"] = np.where(testable & (se > 0), p, np.nan)
    agg["q_value"] = _bh(agg["p_value"])
    agg["significant"] = (agg["q_value"] < alpha).fillna(False).astype(bool)
    agg["direction"] = np.where(agg["significant"], np.where(agg["change"] > 0, "up", "down"), "")
    out = agg[[*keys, "n", "value", "ci_low", "ci_high", "prev_period", "change", "p_value", "q_value",
               "significant", "direction"]]
    if by is not None:
        out = out.rename(columns={"seg": by})
    out.attrs["metric"] = "nps" if is_nps else "mean"
    return out
