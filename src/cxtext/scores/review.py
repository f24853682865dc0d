"""The review queue: comments whose text contradicts their score, and unsure predictions.

Reasons (a comment can have several, joined by ``"; "``):

* ``high score, negative comment`` -- score at the good end (NPS 9-10 by
  default) and comment sentiment negative with ``sentiment_score <= negative_below``;
* ``low score, positive comment`` -- score at the bad end (NPS 0-3 by default)
  and sentiment positive with ``sentiment_score >= positive_above``;
* ``low-confidence sentiment`` -- ``sentiment_confidence < low_confidence``;
* ``low-confidence themes`` -- every theme mention below ``theme_confidence``
  (off unless given).

The queue shows ``text_clean`` (PII redacted); the raw comment is added only
with ``include_raw_text=True``. It is a plain DataFrame: export it with
:func:`cxtext.io.write_table`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from cxtext.errors import ColumnNotFoundError, ConfigError
from cxtext.scores._base import comments_of, mention_rows, resolve_score

__all__ = ["REASONS", "review_queue"]

logger = logging.getLogger(__name__)

REASONS = ("good score, negative comment", "bad score, positive comment", "low-confidence sentiment",
           "low-confidence themes")


def review_queue(result: Any, score: str = "nps", kind: str | None = None, *, good: float | None = None,
                 bad: float | None = None, negative_below: float = -0.5, positive_above: float = 0.5,
                 low_confidence: float | None = 0.5, theme_confidence: float | None = None,
                 columns: Sequence[str] = (), include_raw_text: bool = False, warn: bool = True
                 ) -> pd.DataFrame:
    """Comments to check by hand: score/text contradictions and low-confidence predictions.

    Parameters
    ----------
    result : AnalysisResult
        Output of :func:`cxtext.analyze` (optionally after ``join_scores``).
    score : str, default="nps"
        Score column of ``result.comments`` (strings of numbers fine).
    kind : {None, "nps", "csat", "ces", "fft"}
        Scale; inferred as in :func:`~cxtext.scores.drivers`.
    good, bad : float, optional
        Thresholds of the good and bad ends. Defaults: NPS 9 and 3; other scales
        their best and worst value. On scales where lower is better (a CES scale
        joined with ``cxtext.join_scores(..., ces=COL, ces_scale=cxtext.ces_scale(easy="low"))``)
        "good" means ``score <= good``; ``good`` must lie on the good side of
        ``bad`` (``ConfigError`` otherwise: such thresholds queue agreeing comments).
    negative_below, positive_above : float, default=-0.5, 0.5
        How strongly negative / positive (``sentiment_score``) a comment must be
        to contradict its score.
    low_confidence : float or None, default=0.5
        Queue scored comments whose ``sentiment_confidence`` is below this (None: off).
    theme_confidence : float, optional
        Queue comments whose theme mentions are all below this confidence.
    columns : sequence of str, default=()
        Extra columns of ``result.comments`` to carry (``"channel"`` ...).
    include_raw_text : bool, default=False
        Also include the raw comment column (not PII-redacted).
    warn : bool, default=True
        Warn about invalid score values.

    Returns
    -------
    pandas.DataFrame
        ``comment_id``, ``score``, extra ``columns``, ``sentiment``,
        ``sentiment_score``, ``sentiment_confidence``, ``themes``, ``text_clean``,
        ``reason``; contradictions first, strongest first.

    Examples
    --------
    >>> import pandas as pd
    >>> from cxtext.analyzer import AnalysisResult
    >>> comments = pd.DataFrame({
    ...     "id": ["a", "b", "c"], "nps": ["10", "1", "9"],
    ...     "text_clean": ["Rude staff, never again", "Brilliant, thank you", "Great"],
    ...     "sentiment": ["negative", "positive", "positive"], "sentiment_score": [-0.9, 0.8, 0.9]})
    >>> res = AnalysisResult(comments=comments, mentions=pd.DataFrame(), id="id")
    >>> q = review_queue(res, "nps")
    >>> q[["comment_id", "score", "reason"]].values.tolist()
    [['a', 10.0, 'good score, negative comment'], ['b', 1.0, 'bad score, positive comment']]
    """
    cm = comments_of(result)
    for col in ("sentiment", "sentiment_score", "text_clean"):
        if col not in cm.columns:
            raise ColumnNotFoundError(col, available=list(cm.columns), role="analysis")
    for col in columns:
        if col not in cm.columns:
            raise ColumnNotFoundError(col, available=list(cm.columns), role="extra")
    if not -1 <= negative_below <= 0 or not 0 <= positive_above <= 1:
        raise ConfigError(
            "[CX301] 'negative_below' must be in [-1, 0] and 'positive_above' in [0, 1]. "
            f"Got {negative_below!r} and {positive_above!r}."
        )
    values, kind, scale = resolve_score(result, score, kind, warn=warn)
    v = values.to_numpy(dtype=float)
    higher_better = scale.higher_is_better if scale is not None else True
    if kind == "nps":
        good = 9 if good is None else good
        bad = 3 if bad is None else bad
    elif scale is not None:
        good = scale.best if good is None else good
        bad = scale.worst if bad is None else bad
    elif good is None or bad is None:
        raise ConfigError(
            f"[CX301] Score column {score!r} has no known scale: pass kind='nps'/'csat'/'ces' "
            "or the thresholds good=... and bad=..."
        )
    if (good <= bad) if higher_better else (good >= bad):
        raise ConfigError(
            f"[CX301] 'good' ({good!r}) must be on the good side of 'bad' ({bad!r}): "
            f"{'above' if higher_better else 'below'} it on this {'higher' if higher_better else 'lower'}-is-better "
            "scale. Swap them, or set the scale's direction when joining the scores (join_scores)."
        )
    with np.errstate(invalid="ignore"):
        at_good = v >= good if higher_better else v <= good
        at_bad = v <= bad if higher_better else v >= bad
    sent = cm["sentiment"].astype(object).to_numpy()
    s_score = pd.to_numeric(cm["sentiment_score"], errors="coerce").to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        neg = (sent == "negative") & (s_score <= negative_below)
        pos = (sent == "positive") & (s_score >= positive_above)
    flags = {REASONS[0]: at_good & neg, REASONS[1]: at_bad & pos}
    if low_confidence is not None and "sentiment_confidence" in cm.columns:
        conf = pd.to_numeric(cm["sentiment_confidence"], errors="coerce").to_numpy(dtype=float)
        with np.errstate(invalid="ignore"):
            flags[REASONS[2]] = np.isfinite(conf) & (conf < low_confidence)
    if theme_confidence is not None:
        mn = mention_rows(result)
        best = mn.groupby("row")["confidence"].max() if len(mn) else pd.Series(dtype=float)
        low = np.zeros(len(cm), dtype=bool)
        low[best.index[best < theme_confidence].to_numpy(dtype=int)] = True
        flags[REASONS[3]] = low
    any_flag = np.zeros(len(cm), dtype=bool)
    for f in flags.values():
        any_flag |= f
    idx = np.flatnonzero(any_flag)
    reason = [ "; ".join(r for r, f in flags.items() if f[i]) for i in idx]
    id_col = getattr(result, "id", None)
    ids = cm[id_col].to_numpy() if id_col is not None and id_col in cm.columns else cm.index.to_numpy()
    out = pd.DataFrame({"comment_id": ids[idx], "score": v[idx]})
    for col in columns:
        out[col] = cm[col].to_numpy()[idx]
    for col in ("sentiment", "sentiment_score", "sentiment_confidence", "themes", "text_clean"):
        if col in cm.columns:
            out[col] = cm[col].to_numpy()[idx]
    if include_raw_text:
        text_col = getattr(result, "text", None)
        if text_col in cm.columns:
            out[text_col] = cm[text_col].to_numpy()[idx]
    out["reason"] = reason
    contradiction = (flags[REASONS[0]] | flags[REASONS[1]])[idx]
    strength = np.nan_to_num(np.abs(s_score[idx]))
    order = np.lexsort((-strength, ~contradiction))
    return out.iloc[order].reset_index(drop=True)
