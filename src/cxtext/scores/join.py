"""Attach survey scores, segments and periods to an analysis result.

:func:`join_scores` keeps one row per comment (same order and index) and adds,
for each score given, the parsed value, a per-row status and the group:

====== ============================================================
nps    ``nps_score``, ``nps_status``, ``nps_group`` (promoter/passive/detractor)
csat   ``csat_score``, ``csat_status``, ``csat_satisfied`` (top-two-box by default)
ces    ``ces_score``, ``ces_status``, ``ces_easy``
fft    ``fft_score``, ``fft_status``, ``fft_positive`` (good / very good)
date   ``date_status`` and one ``period_<unit>`` column per period unit
====== ============================================================

Invalid values are reported (a :class:`~cxtext.scores.ScoreWarning` and the
status column), never coerced; ``info["scores"]`` records the columns, scales
and status counts so :func:`~cxtext.scores.drivers` and friends know the kind
of each score.
"""

from __future__ import annotations

import dataclasses
import logging
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from cxtext.errors import ColumnNotFoundError, ConfigError
from cxtext.scores._base import comments_of, replace_result
from cxtext.scores.nps import nps_groups
from cxtext.scores.scales import (
    Scale,
    ScoreWarning,
    check_scores,
    get_scale,
    nps_scale,
)
from cxtext.scores.scales import ces_scale as default_ces
from cxtext.scores.scales import csat_scale as default_csat
from cxtext.scores.scales import fft_scale as default_fft

__all__ = ["PERIODS", "add_periods", "join_scores"]

logger = logging.getLogger(__name__)

PERIODS = ("day", "week", "month", "quarter", "year")


def _period_labels(dt: pd.Series, unit: str) -> pd.Series:
    """Sortable string labels: 2026-05-04, 2026-W19, 2026-05, 2026-Q2, 2026."""
    if unit == "day":
        lab = dt.dt.strftime("%Y-%m-%d")
    elif unit == "week":
        iso = dt.dt.isocalendar()
        lab = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
    elif unit == "month":
        lab = dt.dt.strftime("%Y-%m")
    elif unit == "quarter":
        lab = dt.dt.year.astype("Int64").astype("string") + "-Q" + dt.dt.quarter.astype("Int64").astype("string")
    else:
        lab = dt.dt.year.astype("Int64").astype("string")
    return lab.astype(object).where(dt.notna(), np.nan)


def _parse_dates(raw: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        dt = raw
    else:
        text = raw.astype("string").str.strip()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                dt = pd.to_datetime(text, errors="coerce", format="mixed")
            except (ValueError, TypeError):  # mixed UTC offsets
                dt = pd.to_datetime(text, errors="coerce", format="mixed", utc=True)
    if getattr(dt.dt, "tz", None) is not None:
        dt = dt.dt.tz_localize(None)  # keep the local wall-clock date of each answer
    return dt


def add_periods(frame: pd.DataFrame, date: str, periods: Sequence[str] = ("week", "month")) -> pd.DataFrame:
    """Return a copy of ``frame`` with ``date_status`` and ``period_<unit>`` columns.

    Unparseable dates are reported (``date_status == "invalid"`` and a
    :class:`~cxtext.scores.ScoreWarning`); empty ones are ``"missing"``.

    Examples
    --------
    >>> df = pd.DataFrame({"when": ["2026-05-04T10:00:00+01:00", "", "soon"]})
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     out = add_periods(df, "when", ["week", "month"])
    >>> str(caught[0].message)[:53]
    "[CX403] Date column 'when': 1 value(s) are not dates "
    >>> out[["date_status", "period_week", "period_month"]].values.tolist()
    [['valid', '2026-W19', '2026-05'], ['missing', nan, nan], ['invalid', nan, nan]]
    """
    if date not in frame.columns:
        raise ColumnNotFoundError(date, available=list(frame.columns), role="date")
    bad = [p for p in periods if p not in PERIODS]
    if bad:
        raise ConfigError(f"[CX301] Unknown period(s) {bad}. Allowed: {', '.join(PERIODS)}.")
    raw = frame[date]
    dt = _parse_dates(raw)
    missing = raw.isna() | (raw.astype("string").str.strip() == "").fillna(True)
    status = pd.Series(np.where(dt.notna(), "valid", np.where(missing, "missing", "invalid")),
                       index=frame.index, dtype=object)
    out = frame.copy()
    out["date_status"] = status
    for unit in periods:
        out[f"period_{unit}"] = _period_labels(dt, unit)
    n_bad = int((status == "invalid").sum())
    if n_bad:
        ex = list(dict.fromkeys(map(str, raw[status == "invalid"])))[:5]
        warnings.warn(
            f"[CX403] Date column {date!r}: {n_bad} value(s) are not dates and get no period "
            f"({', '.join(repr(e) for e in ex)}). Use ISO dates (2026-05-04) or fix the export; "
            "the rows are flagged in date_status.", ScoreWarning, stacklevel=3)
    return out


def _scale_record(scale: Scale) -> dict[str, Any]:
    rec = dataclasses.asdict(scale)
    if rec.get("labels") is not None:
        rec["labels"] = dict(rec["labels"])
    return rec


def join_scores(result: Any, nps: str | None = None, csat: str | None = None, ces: str | None = None,
                fft: str | None = None, *, csat_scale: Scale | tuple[int, int] | None = None,
                ces_scale: Scale | tuple[int, int] | None = None, fft_scale: Scale | None = None,
                segments: Sequence[str] = (), date: str | None = None,
                periods: Sequence[str] = ("week", "month"), warn: bool = True) -> Any:
    """Add score groups, segments and periods to an analysis result (a new object).

    Parameters
    ----------
    result : AnalysisResult
        Output of :func:`cxtext.analyze`; the score columns must be columns of the
        analysed table (``result.comments``). Not modified.
    nps, csat, ces, fft : str, optional
        Names of the 0-10 NPS, CSAT, CES and labelled FFT columns (strings OK).
    csat_scale : Scale or (low, high), optional
        CSAT scale; default 1-5 with satisfied = 4-5 (top two boxes).
    ces_scale : Scale or (low, high), optional
        CES scale; default 1-7 with easy = 5-7 (CES 2.0 agreement wording). For
        effort wording where 1 = very easy use ``ces_scale(easy="low")``.
    fft_scale : Scale, optional
        Labelled scale; default :func:`~cxtext.scores.fft_scale`.
    segments : sequence of str, default=()
        Segment columns (channel, region ...) to check and record for reports.
    date : str, optional
        Date column; adds ``period_<unit>`` columns for each of ``periods``.
    periods : sequence of {"day", "week", "month", "quarter", "year"}, default=("week", "month")
    warn : bool, default=True
        Issue a :class:`~cxtext.scores.ScoreWarning` for invalid scores or dates.

    Returns
    -------
    AnalysisResult
        A copy whose ``comments`` has the extra columns (see the module docstring)
        and whose ``info`` records ``scores``, ``segments`` and ``date``.

    Raises
    ------
    ColumnNotFoundError
        A named column does not exist (the message lists the columns).

    Examples
    --------
    >>> import cxtext, pandas as pd
    >>> df = pd.DataFrame({"id": [1, 2, 3], "c": ["Rude staff", "Lovely staff", "ok"],
    ...                    "nps": ["2", "10", " 8 "], "csat": ["1", "5", "4"]})
    >>> res = join_scores(cxtext.analyze(df, text="c", id="id"), nps="nps", csat="csat")
    >>> res.comments[["nps_score", "nps_group", "csat_satisfied"]].values.tolist()
    [[2.0, 'detractor', False], [10.0, 'promoter', True], [8.0, 'passive', True]]
    """
    cm = comments_of(result)
    wanted = {"nps": nps, "csat": csat, "ces": ces, "fft": fft}
    for role, col in [*wanted.items(), *(("segment", s) for s in segments), ("date", date)]:
        if col is not None and col not in cm.columns:
            raise ColumnNotFoundError(col, available=list(cm.columns), role=role)
    scales: dict[str, Scale] = {
        "nps": nps_scale(),
        "csat": get_scale(csat_scale, kind="csat") or default_csat(),
        "ces": get_scale(ces_scale, kind="ces") or default_ces(),
        "fft": fft_scale or default_fft(),
    }
    out = cm.copy()
    info = dict(getattr(result, "info", None) or {})
    recorded = dict(info.get("scores", {}))
    for role, col in wanted.items():
        if col is None:
            continue
        scale = scales[role]
        chk = check_scores(cm[col], scale, name=col)
        if warn:
            chk.warn(stacklevel=3)
        out[f"{role}_score"] = chk.values
        out[f"{role}_status"] = chk.status
        if role == "nps":
            out["nps_group"] = nps_groups(chk.values)
        else:
            flag = {"csat": "csat_satisfied", "ces": "ces_easy", "fft": "fft_positive"}[role]
            if scale.good_from is not None:
                out[flag] = scale.is_good(chk.values)
        recorded[role] = {"column": col, "scale": _scale_record(scale),
                          "counts": chk.counts.to_dict("records")}
        logger.info("Joined %s column %r: %d valid, %d missing, %d invalid.", role, col,
                    chk.n_valid, chk.n_missing, chk.n_invalid)
    if date is not None:
        if warn:
            out = add_periods(out, date, periods)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ScoreWarning)
                out = add_periods(out, date, periods)
        info["date"] = {"column": date, "periods": list(periods)}
    info["scores"] = recorded
    info["segments"] = list(dict.fromkeys([*info.get("segments", []), *segments]))
    return replace_result(result, out, info)
