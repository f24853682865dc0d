"""Movements between consecutive periods, flagged only when statistically significant.

* :func:`theme_trends`: share of analysed comments mentioning each theme, per
  period (and optionally per segment). Consecutive periods are compared with a
  two-proportion z-test (pooled), or Fisher's exact test when an expected count
  is below 5.
* :func:`score_trends`: NPS, a mean score or a share per period with its
  confidence interval; consecutive periods compared with a z-test on the
  difference (multinomial variance for NPS, Welch for means, two proportions --
  Fisher's exact test for small counts -- for shares). Mean intervals are
  clipped to the score's scale; shares (0/1 or 0/100 indicators, True/False
  flags such as ``csat_satisfied``) get Wilson intervals, which stay within
  0-100%. A period with one response has no interval for its mean (NaN).

Every comparison needs ``min_n`` comments in both periods and at least one
mention (otherwise it is not tested). A period without comments between the
first and the last (a month nobody answered) gets a row with ``base`` / ``n`` 0
and no value, so the next period is compared with that gap (not tested), never
silently with an earlier one. Where most periods in the span are empty (a stray
date years off), the gaps are not filled and a warning says why. P-values are
corrected with Benjamini-Hochberg (:func:`scipy.stats.false_discovery_control`)
over the whole table; ``significant`` = ``q_value < alpha``.
"""

from __future__ import annotations

import logging
import re
import warnings
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
    segment_values,
)
from cxtext.scores.join import PERIODS, period_range
from cxtext.scores.nps import nps_from_counts
from cxtext.scores.scales import ScoreWarning

__all__ = ["score_trends", "theme_trends"]

_METRICS = ("mean", "share")  # metric= of score_trends, besides None (automatic)

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


#: The period labels join_scores writes (2026-05-04, 2026-W19, 2026-05, 2026-Q2, 2026).
_LABEL_FORMS = {"day": re.compile(r"\d{4}-\d{2}-\d{2}"), "week": re.compile(r"\d{4}-W\d{2}"),
                "month": re.compile(r"\d{4}-\d{2}"), "quarter": re.compile(r"\d{4}-Q[1-4]"),
                "year": re.compile(r"\d{4}")}
#: Most periods a gap-filled group may span: a stray date decades off should not add thousands of rows.
_MAX_GAP_ROWS = 500


def mostly_gaps(with_data: int, span: int) -> bool:
    """Whether a span of ``span`` periods, ``with_data`` of them with comments, is mostly gaps: more empty
    periods than full ones (and more than 3), as a stray date years off makes it. Trends then fill no
    gaps, and the report says so."""
    return span - with_data > max(with_data, 3)


def _with_gaps(table: pd.DataFrame, keys: list[str], period: str, fill: dict[str, Any]) -> pd.DataFrame:
    """``table`` (a row per [segment,] period) plus a row for each period without data between a
    group's first and last one, its columns ``fill`` (NaN for the others). Only for the standard
    period units (:data:`~cxtext.scores.join.PERIODS`); other period columns are returned as they are."""
    if period not in PERIODS or table.empty:
        return table
    parts = []
    groups = table.groupby(keys[:-1], sort=False) if len(keys) > 1 else [((), table)]
    for key, part in groups:
        have = set(part["period"])
        if not all(isinstance(p, str) and _LABEL_FORMS[period].fullmatch(p) for p in have):
            return table  # a period column not written by join_scores: its labels as they are
        labels = period_range(min(have), max(have), period)
        missing = [lab for lab in labels if lab not in have]
        if mostly_gaps(len(have), len(labels)) or len(labels) > _MAX_GAP_ROWS:
            warnings.warn(f"Periods from {labels[0]} to {labels[-1]}: {len(missing):,} of {len(labels):,} "
                          f"{period}s have no comments, so the gaps are not shown as rows. "
                          "Check the date column for stray values (a mistyped year), or use a longer period.",
                          ScoreWarning, stacklevel=3)
            missing = []
        if missing:
            add = pd.DataFrame({"period": missing, **fill})
            if len(keys) > 1:
                add[keys[0]] = key[0] if isinstance(key, tuple) else key
            part = pd.concat([part, add[[c for c in part.columns if c in add.columns]]], ignore_index=True)
        parts.append(part)
    return pd.concat(parts, ignore_index=True).sort_values(keys, kind="stable").reset_index(drop=True)


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
        ``direction`` ("up"/"down" when significant, else ""). A period without
        analysed comments between the first and the last has ``base`` 0 and no share.

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
        frame["seg"] = segment_values(cm, by).to_numpy()
    keys = ["seg", "period"] if by is not None else ["period"]
    frame = frame[frame["period"].notna()]
    base = frame[frame["base"]].groupby(keys, sort=True).size().rename("base").reset_index()
    base = _with_gaps(base, keys, period, {"base": 0})
    hits = mn[["row", "theme"]].drop_duplicates()
    hits = hits.join(frame[keys], on="row", how="inner")
    counts = hits.groupby([*keys, "theme"], sort=True).size().rename("comments")
    themes = sorted(hits["theme"].unique())
    # object dtype even when no mention qualifies (an empty list makes a float column that cannot merge)
    grid = base.merge(pd.DataFrame({"theme": pd.Series(themes, dtype=object)}), how="cross")
    grid = grid.merge(counts.reset_index(), on=[*keys, "theme"], how="left").fillna({"comments": 0})
    grid["comments"] = grid["comments"].astype(int)
    grid["share"] = grid["comments"] / grid["base"].where(grid["base"] > 0)  # a gap: no share
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


def _wilson(k: Any, n: Any, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval (as fractions, within 0-1) of ``k`` successes in ``n``; NaN where n == 0.

    Examples
    --------
    >>> lo, hi = _wilson(np.array([2.0, 0.0]), np.array([3.0, 2.0]), 1.959964)
    >>> np.round(lo, 3).tolist(), np.round(hi, 3).tolist()
    ([0.208, 0.0], [0.939, 0.658])
    """
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        den = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / den
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)


def _flag_values(col: pd.Series) -> pd.Series | None:
    """0/1 floats of a True/False flag column (``csat_satisfied`` ...), else ``None``.

    Examples
    --------
    >>> _flag_values(pd.Series([True, False, None], dtype="boolean")).tolist()
    [1.0, 0.0, nan]
    >>> _flag_values(pd.Series(["9", "3"])) is None
    True
    """
    if pd.api.types.is_bool_dtype(col.dtype):
        return pd.Series(col.astype("Float64").to_numpy(dtype=float, na_value=np.nan), index=col.index)
    if col.dtype == object:
        present = col.dropna()
        if len(present) and all(isinstance(v, (bool, np.bool_)) for v in present):
            return col.map(lambda v: float(v) if isinstance(v, (bool, np.bool_)) else np.nan).astype(float)
    return None


def _share_unit(values: np.ndarray) -> float | None:
    """``1`` when the valid values are all 0 or 1, ``100`` when all 0 or 100, else ``None``.

    Examples
    --------
    >>> _share_unit(np.array([0, 100, np.nan])), _share_unit(np.array([1, 0])), _share_unit(np.array([1, 5]))
    (100.0, 1.0, None)
    """
    v = values[np.isfinite(values)]
    for unit in (1.0, 100.0):
        if np.isin(v, (0.0, unit)).all():
            return unit
    return None


def _score_values(result: Any, cm: pd.DataFrame, score: str, kind: str | None, metric: str | None,
                  warn: bool) -> tuple[pd.Series, str, Any, float]:
    """Parsed values, the metric (``"nps"``, ``"mean"`` or ``"share"``), the scale and the share unit."""
    flags = _flag_values(cm[score]) if kind is None and score in cm.columns else None
    if flags is not None:
        if not np.isfinite(flags.to_numpy()).any():
            raise InputError(f"[CX402] Flag column {score!r} has no True/False values. "
                             "Pass a column with some answers.")
        values, scale = flags, None
    else:
        values, kind, scale = resolve_score(result, score, kind, warn=warn)
    if kind == "nps":
        if metric is not None:
            raise ConfigError(f"[CX301] 'metric' applies to non-NPS scores; NPS is always reported in "
                              f"points. Got metric={metric!r} with an NPS column; leave metric=None.")
        return values, "nps", scale, 1.0
    unit = _share_unit(values.to_numpy(dtype=float))
    if metric == "share" and unit is None:
        raise ConfigError(f"[CX301] metric='share' needs a 0/1 or 0/100 indicator, or a True/False flag "
                          f"such as 'csat_satisfied'; {score!r} holds other values. Use metric='mean'.")
    if metric == "share" or (metric is None and scale is None and unit is not None):
        return values, "share", scale, float(unit)
    return values, "mean", scale, 1.0


def score_trends(result: Any, score: str, period: str = "month", *, kind: str | None = None,
                 by: str | None = None, level: float = 0.95, alpha: float = 0.05, min_n: int = 30,
                 warn: bool = True, metric: str | None = None) -> pd.DataFrame:
    """NPS, mean score or share per period with its CI; significant changes flagged.

    Parameters
    ----------
    result : AnalysisResult
        After ``join_scores(..., date=...)``.
    score : str
        Score column (strings of numbers fine), a 0/1 or 0/100 indicator, or a
        True/False flag such as ``csat_satisfied`` / ``ces_easy``.
    period : str, default="month"
        Period unit or column (see :func:`theme_trends`).
    kind : {None, "nps", "csat", "ces", "fft"}
        ``"nps"`` (also inferred as in :func:`~cxtext.scores.drivers`) reports NPS
        points with the adjusted Wald interval; other kinds report the mean
        (interval clipped to the scale).
    by : str, optional
        Segment column.
    level : float, default=0.95
    alpha : float, default=0.05
    min_n : int, default=30
    warn : bool, default=True
    metric : {None, "mean", "share"}, optional
        For non-NPS scores. ``"share"``: the share of 1s (of 100s) with a Wilson
        interval, in the indicator's unit (0-1 or 0-100), and a two-proportion
        test between periods. ``None`` (default): ``"share"`` for True/False
        flags and for 0/1 or 0/100 columns of no known scale, else ``"mean"``.

    Returns
    -------
    pandas.DataFrame
        ``[by,] period, n, value, ci_low, ci_high, prev_period, change, p_value,
        q_value, significant, direction``; ``attrs["metric"]`` is ``"nps"``,
        ``"mean"`` or ``"share"``. A mean over one response has no interval (NaN);
        a period without responses between the first and the last has ``n`` 0 and
        no value (and the period after it is not tested).

    Raises
    ------
    ConfigError
        Unknown ``metric``, ``metric`` with an NPS score, or ``metric="share"``
        on a column that is not an indicator.

    Examples
    --------
    >>> import cxtext, pandas as pd
    >>> df = pd.DataFrame({"c": ["ok"] * 80, "nps": [10] * 30 + [0] * 10 + [0] * 30 + [10] * 10,
    ...                    "d": ["2026-05-03"] * 40 + ["2026-06-03"] * 40})
    >>> res = cxtext.scores.join_scores(cxtext.analyze(df, text="c"), nps="nps", date="d")
    >>> score_trends(res, "nps")[["period", "value", "significant"]].values.tolist()
    [['2026-05', 50.0, False], ['2026-06', -50.0, True]]

    A 0/100 indicator is a share: its Wilson interval never leaves 0-100.

    >>> res.comments["late"] = [100.0] * 2 + [0.0] * 78
    >>> t = score_trends(res, "late")
    >>> t.attrs["metric"], t["value"].tolist(), bool((t["ci_low"] >= 0).all())
    ('share', [5.0, 0.0], True)
    """
    from scipy.stats import norm

    _check(alpha, min_n)
    if metric is not None and metric not in _METRICS:
        raise ConfigError(f"[CX301] 'metric' must be None, 'mean' or 'share'. Got {metric!r}.")
    cm = comments_of(result)
    col = _period_column(cm, period)
    segment_column(cm, by)
    values, what, scale, unit = _score_values(result, cm, score, kind, metric, warn)
    frame = pd.DataFrame({"period": cm[col].to_numpy(), "v": values.to_numpy(dtype=float)})
    if by is not None:
        frame["seg"] = segment_values(cm, by).to_numpy()
    keys = ["seg", "period"] if by is not None else ["period"]
    frame = frame[frame["period"].notna() & np.isfinite(frame["v"])]
    frame["pro"], frame["det"] = frame["v"] >= 9, frame["v"] <= 6
    frame["k"] = frame["v"] / unit
    agg = frame.groupby(keys, sort=True).agg(n=("v", "size"), mean=("v", "mean"), sd=("v", "std"),
                                             pro=("pro", "sum"), det=("det", "sum"),
                                             k=("k", "sum")).reset_index()
    z = norm.ppf(0.5 + level / 2)
    if what == "nps":
        est, lo, hi = nps_from_counts(agg["pro"], agg["n"] - agg["pro"] - agg["det"], agg["det"], level=level)
        agg["value"], agg["ci_low"], agg["ci_high"] = est, lo, hi
        p1, p2 = agg["pro"] / agg["n"], agg["det"] / agg["n"]
        agg["_var"] = (100.0**2) * (p1 + p2 - (p1 - p2) ** 2) / agg["n"]
    elif what == "share":
        share = agg["k"] / agg["n"]
        agg["value"] = unit * share
        lo, hi = _wilson(agg["k"], agg["n"], z)
        agg["ci_low"], agg["ci_high"] = unit * lo, unit * hi
        agg["_var"] = unit**2 * share * (1 - share) / agg["n"]
    else:
        agg["value"] = agg["mean"]
        agg["_var"] = agg["sd"] ** 2 / agg["n"]  # NaN for one response: no interval
        lo, hi = agg["value"] - z * np.sqrt(agg["_var"]), agg["value"] + z * np.sqrt(agg["_var"])
        if scale is not None:
            lo, hi = lo.clip(scale.low, scale.high), hi.clip(scale.low, scale.high)
        agg["ci_low"], agg["ci_high"] = lo, hi
    agg = _with_gaps(agg, keys, period, {"n": 0, "pro": 0, "det": 0, "k": 0.0})
    g = agg.groupby(keys[:-1], sort=False) if by is not None else None
    shift = (lambda c: g[c].shift()) if g is not None else (lambda c: agg[c].shift())
    agg["prev_period"], agg["prev_n"] = shift("period"), shift("n")
    agg["prev_value"], agg["_prev_var"], agg["prev_k"] = shift("value"), shift("_var"), shift("k")
    agg["change"] = agg["value"] - agg["prev_value"]
    testable = agg["prev_n"].notna() & (agg["n"] >= min_n) & (agg["prev_n"] >= min_n)
    if what == "share":
        agg["p_value"] = [_two_prop_p(r.prev_k, r.prev_n, r.k, r.n) if ok else np.nan
                          for r, ok in zip(agg.itertuples(), testable)]
    else:
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
    out.attrs["metric"] = what
    return out
