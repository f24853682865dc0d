"""The theme table: volume, sentiment mix, score with vs without, and quotes per theme.

Shares are of the *analysed* comments (those that got a sentiment, i.e. not
empty, not a non-answer, in a scored language). Score comparisons use every
comment with a valid score: "with" = comments mentioning the theme, "without"
= all the others (including comments with no theme). Quotes are the
highest-confidence evidence spans (from ``text_clean``, so PII stays
redacted), one per comment, skipping duplicate submissions.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from cxtext.errors import ConfigError
from cxtext.scores._base import (
    analysed_mask,
    comments_of,
    joined_roles,
    mention_rows,
    resolve_score,
    segment_column,
    segment_values,
)
from cxtext.scores.scales import Scale

__all__ = ["theme_table"]

logger = logging.getLogger(__name__)

_BASE_COLUMNS = ["theme", "mentions", "comments", "share", "positive_share", "neutral_share",
                 "negative_share"]


def _score_specs(result: Any, scores: str | Sequence[str] | None, warn: bool
                 ) -> list[tuple[str, pd.Series, str | None, Scale | None]]:
    """(prefix, values, kind, scale) for each score to compare."""
    cm = comments_of(result)
    if scores is None:
        cols = [f"{role}_score" for role in joined_roles(result) if f"{role}_score" in cm.columns]
    else:
        cols = [scores] if isinstance(scores, str) else list(scores)
    specs = []
    for col in cols:
        values, kind, scale = resolve_score(result, col, None, warn=warn)
        specs.append((kind or col, values, kind, scale))
    return specs


def _stats(v: np.ndarray, kind: str | None, scale: Scale | None) -> dict[str, float]:
    """Mean and, when the scale has one, the group metric (NPS points or % in the good box)."""
    v = v[np.isfinite(v)]
    out = {"mean": float(v.mean()) if len(v) else np.nan}
    if kind == "nps":
        out["group"] = 100.0 * float(np.mean(v >= 9) - np.mean(v <= 6)) if len(v) else np.nan
    elif scale is not None and scale.good_from is not None:
        good = scale.is_good(pd.Series(v, dtype=float)).to_numpy(dtype=bool, na_value=False)
        out["group"] = 100.0 * float(good.mean()) if len(v) else np.nan
    return out


_GROUP_NAME = {"nps": "nps", "csat": "csat_satisfied", "ces": "ces_easy", "fft": "fft_positive"}


def _table(cm: pd.DataFrame, mn: pd.DataFrame, specs: list, n_quotes: int) -> pd.DataFrame:
    base = analysed_mask(cm)
    n_base = int(base.sum())
    dup = cm["is_duplicate"].fillna(False).to_numpy(dtype=bool) if "is_duplicate" in cm.columns else None
    text = cm["text_clean"] if "text_clean" in cm.columns else None
    rows = []
    for theme, grp in mn.groupby("theme", sort=False):
        in_theme = np.zeros(len(cm), dtype=bool)
        in_theme[grp["row"].to_numpy()] = True
        sent = grp["sentiment"].value_counts(normalize=True)
        rec: dict[str, Any] = {
            "theme": theme, "mentions": len(grp), "comments": int(in_theme.sum()),
            "share": in_theme.sum() / n_base if n_base else np.nan,
            "positive_share": float(sent.get("positive", 0.0)),
            "neutral_share": float(sent.get("neutral", 0.0)),
            "negative_share": float(sent.get("negative", 0.0)),
        }
        for prefix, values, kind, scale in specs:
            v = values.to_numpy(dtype=float)
            w, wo = _stats(v[in_theme], kind, scale), _stats(v[~in_theme], kind, scale)
            rec[f"{prefix}_mean_with"], rec[f"{prefix}_mean_without"] = w["mean"], wo["mean"]
            if "group" in w:
                name = _GROUP_NAME.get(kind or "", prefix)
                rec[f"{name}_with"], rec[f"{name}_without"] = w["group"], wo["group"]
        if n_quotes:
            q = grp
            if dup is not None:
                q = q[~dup[q["row"].to_numpy()]]
            sort_cols = [c for c in ("confidence", "sentiment_confidence") if c in q.columns]
            if sort_cols:
                q = q.sort_values(sort_cols, ascending=False, kind="stable")
            if "evidence" in q.columns:
                ev = q["evidence"]
            elif text is not None and {"start", "end"} <= set(q.columns):
                ev = pd.Series([text.iloc[r][s:e] for r, s, e in zip(q["row"], q["start"], q["end"])],
                               index=q.index)
            else:
                ev = pd.Series([], dtype=object)
            q = q.assign(_ev=ev.astype(str).str.strip()).drop_duplicates("row").drop_duplicates("_ev")
            q = q[q["_ev"] != ""].head(n_quotes)
            rec["quotes"] = q["_ev"].tolist()
            rec["quote_ids"] = q["comment_id"].tolist()
        rows.append(rec)
    table = pd.DataFrame(rows)
    if table.empty:
        return pd.DataFrame(columns=_BASE_COLUMNS)
    return table.sort_values(["comments", "mentions"], ascending=False, kind="stable").reset_index(drop=True)


def theme_table(result: Any, *, scores: str | Sequence[str] | None = None, by: str | None = None,
                n_quotes: int = 3, min_confidence: float = 0.0, warn: bool = True) -> pd.DataFrame:
    """One row per theme: volume, sentiment mix, scores with vs without, quotes.

    Parameters
    ----------
    result : AnalysisResult
        Output of :func:`cxtext.analyze` (after :func:`~cxtext.scores.join_scores`
        for score comparisons).
    scores : str or sequence of str, optional
        Score columns to compare with vs without each theme. Default: every score
        joined with ``join_scores``. Strings of numbers are fine.
    by : str, optional
        Segment column (``"channel"``, ``"period_month"`` ...): one block per value,
        with a leading ``by`` column; shares are within the segment.
    n_quotes : int, default=3
        Representative quotes per theme (0 for none).
    min_confidence : float, default=0.0
        Ignore mentions whose tagger ``confidence`` is below this.
    warn : bool, default=True
        Warn about invalid score values.

    Returns
    -------
    pandas.DataFrame
        ``theme``, ``mentions``, ``comments`` (distinct), ``share`` (of analysed
        comments), ``positive_share``/``neutral_share``/``negative_share`` (of the
        theme's mentions); per score ``<kind>_mean_with``/``_without`` and the group
        metric with vs without (``nps_with`` in NPS points, ``csat_satisfied_with``,
        ``ces_easy_with``, ``fft_positive_with`` in percent); ``quotes`` and
        ``quote_ids``. Sorted by ``comments``, largest first.

    Examples
    --------
    >>> import pandas as pd
    >>> from cxtext.analyzer import AnalysisResult
    >>> from cxtext.scores import join_scores
    >>> comments = pd.DataFrame({"id": [1, 2, 3, 4], "nps": [2, 10, 5, 7], "sentiment": "neutral",
    ...                          "text_clean": ["The wait was awful", "Lovely staff", "Long queue", "ok"]})
    >>> mentions = pd.DataFrame({"comment_id": [1, 2, 3], "sentiment": ["negative", "positive", "negative"],
    ...                          "theme": ["waiting_time", "staff_attitude", "waiting_time"],
    ...                          "confidence": [0.9, 0.9, 0.7], "evidence": ["wait was awful", "Lovely", "queue"]})
    >>> res = join_scores(AnalysisResult(comments=comments, mentions=mentions, id="id"), nps="nps")
    >>> t = theme_table(res)
    >>> t.loc[t.theme == "waiting_time", ["comments", "share", "nps_mean_with", "nps_with"]].to_dict("records")
    [{'comments': 2, 'share': 0.5, 'nps_mean_with': 3.5, 'nps_with': -100.0}]
    >>> t.loc[t.theme == "waiting_time", "quotes"].item()
    ['wait was awful', 'queue']
    """
    if not isinstance(n_quotes, (int, np.integer)) or n_quotes < 0:
        raise ConfigError(f"[CX301] 'n_quotes' must be an int >= 0. Got {n_quotes!r}.")
    cm = comments_of(result)
    segment_column(cm, by)
    mn = mention_rows(result, min_confidence)
    specs = _score_specs(result, scores, warn)
    if by is None:
        return _table(cm, mn, specs, n_quotes)
    parts = []
    seg = segment_values(cm, by)
    for value in pd.unique(seg):
        mask = (seg == value).to_numpy(dtype=bool)
        pos = -np.ones(len(cm), dtype=int)
        pos[mask] = np.arange(mask.sum())
        sub_mn = mn[mask[mn["row"].to_numpy()]]
        sub_mn = sub_mn.assign(row=pos[sub_mn["row"].to_numpy()])
        sub_specs = [(p, v[mask], k, s) for p, v, k, s in specs]
        part = _table(cm[mask], sub_mn, sub_specs, n_quotes)
        part.insert(0, by, value)
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=[by, *_BASE_COLUMNS])
    return pd.concat(parts, ignore_index=True)
