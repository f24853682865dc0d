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
import re
import warnings
from collections.abc import Sequence
from typing import Any, NamedTuple

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

__all__ = ["PERIODS", "add_periods", "join_scores", "period_range"]

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


def _warn_if_no_value_is_good(chk: Any, role: str, scale: Scale) -> None:
    """Warn when 20+ valid scores and none in the good box: most often the scale was given wrong."""
    if role not in ("csat", "ces") or scale.good_from is None or chk.n_valid < 20:
        return
    valid = chk.values.dropna()
    if scale.is_good(valid).any():
        return
    option = "csat_scale" if role == "csat" else "ces_scale"
    warnings.warn(
        f"{role.upper()} column {chk.name!r}: none of its {chk.n_valid:,} valid scores ({valid.min():g} to "
        f"{valid.max():g}) reaches the {'satisfied' if role == 'csat' else 'easy'} box of the scale given "
        f"({scale.describe()}), so every share of good answers is 0%. If the survey used another scale (or "
        f"direction), pass {option}= (on the command line --{option.replace('_', '-')}).",
        ScoreWarning, stacklevel=4)


def period_range(first: str, last: str, unit: str) -> list[str]:
    """Every period label from ``first`` to ``last`` (labels as :func:`add_periods` writes them).

    Trends use it to show a period without comments (a gap) instead of skipping it.

    Examples
    --------
    >>> period_range("2026-11", "2027-02", "month")
    ['2026-11', '2026-12', '2027-01', '2027-02']
    >>> period_range("2026-W52", "2027-W02", "week")
    ['2026-W52', '2026-W53', '2027-W01', '2027-W02']
    >>> period_range("2026-Q3", "2027-Q1", "quarter"), period_range("2025", "2026", "year")
    (['2026-Q3', '2026-Q4', '2027-Q1'], ['2025', '2026'])
    """
    if unit == "week":
        start = pd.Timestamp.fromisocalendar(int(first[:4]), int(first[6:]), 1)
        stop = pd.Timestamp.fromisocalendar(int(last[:4]), int(last[6:]), 1)
        days = pd.Series(pd.date_range(start, stop, freq="7D"))
    elif unit in ("day", "month"):
        freq = "D" if unit == "day" else "M"
        days = pd.Series(pd.period_range(pd.Period(first, freq), pd.Period(last, freq), freq=freq).to_timestamp())
    elif unit == "quarter":
        days = pd.Series(pd.period_range(pd.Period(first.replace("-", ""), "Q"),
                                         pd.Period(last.replace("-", ""), "Q"), freq="Q").to_timestamp())
    elif unit == "year":
        return [str(y) for y in range(int(first), int(last) + 1)]
    else:
        raise ConfigError(f"[CX301] Unknown period {unit!r}. Allowed: {', '.join(PERIODS)}.")
    return _period_labels(days, unit).tolist()


# d/m/yyyy, m-d-yy, d.m.yyyy ... (one separator), optionally followed by a time
_NUMERIC_DATE = (r"^(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
                 r"(?P<rest>(?:[\sT].*)?)$")
# a UTC offset (or Z) right after a time: 10:00:00+01:00, 10:00 -0400, 2:30 PM +01, 10:00Z
_OFFSET = re.compile(r"^(?P<head>.*\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)"
                     r"\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$")


class _ParsedDates(NamedTuple):
    """Parsed dates, rows left unparsed because the day/month order is unknown, and a note to warn."""

    dt: pd.Series
    unordered: pd.Series
    note: str | None


def _day_month_order(first: pd.Series, second: pd.Series) -> str:
    """``"day"``, ``"month"`` (which field comes first), ``"ambiguous"`` or ``"inconsistent"``.

    A first field above 12 can only be a day, a second field above 12 only a day
    with the month first; the evidence of the whole column decides.

    >>> _day_month_order(pd.Series([25, 3]), pd.Series([1, 4])), _day_month_order(pd.Series([3]), pd.Series([4]))
    ('day', 'ambiguous')
    """
    day_first = ((first > 12) & (second <= 12)).any()
    month_first = ((second > 12) & (first <= 12)).any()
    if day_first and month_first:
        return "inconsistent"
    return "day" if day_first else "month" if month_first else "ambiguous"


def _iso_from_parts(parts: pd.DataFrame, dayfirst: bool) -> pd.Series:
    """``yyyy-mm-dd<rest>`` text from the fields of numeric dates (two-digit years: 00-68 -> 20xx)."""
    year = parts["y"].where(parts["y"].str.len() == 4,
                            parts["y"].map(lambda y: f"{20 if int(y) < 69 else 19}{y}"))
    day, month = (parts["a"], parts["b"]) if dayfirst else (parts["b"], parts["a"])
    return year + "-" + month.str.zfill(2) + "-" + day.str.zfill(2) + parts["rest"]


def _order_numeric_dates(text: pd.Series, dayfirst: bool | None, name: str) -> tuple[pd.Series, pd.Series, str | None]:
    """Rewrite d/m/y or m/d/y dates as ISO text, with one order for the whole column.

    Returns the new text, the rows blanked because the column mixes both orders,
    and a warning note (mixed or ambiguous order) or None.
    """
    parts = text.str.extract(_NUMERIC_DATE)
    numeric = parts["a"].notna()
    unordered = pd.Series(False, index=text.index)
    if not numeric.any():
        return text, unordered, None
    parts = parts[numeric].astype(str)
    first, second = parts["a"].astype(int), parts["b"].astype(int)
    if dayfirst is None:
        order = _day_month_order(first, second)
    else:
        order = "day" if dayfirst else "month"
    note = None
    if order == "inconsistent":
        ex_day = parts.index[(first > 12) & (second <= 12)][0]
        ex_month = parts.index[(second > 12) & (first <= 12)][0]
        note = (f"[CX403] Date column {name!r} mixes day/month and month/day order ({text[ex_day]!r} has the "
                f"day first, {text[ex_month]!r} the month first), so its {int(numeric.sum())} numeric date(s) "
                "get no period rather than a guess row by row. Fix the export, or pass dayfirst=True "
                "(day/month) or dayfirst=False (month/day) to read them all one way.")
        return text.mask(numeric), numeric, note
    if order == "ambiguous" and (first != second).any():
        ex = text[parts.index[first != second][0]]
        note = (f"[CX403] Date column {name!r}: the day/month order of dates such as {ex!r} cannot be told "
                "from the data (no field is above 12); they were read month first (US). Pass "
                "dayfirst=True for day/month dates (UK/EU), or dayfirst=False to confirm month first.")
    out = text.copy()
    out[numeric] = _iso_from_parts(parts, dayfirst=order == "day")
    return out, unordered, note


def _to_local_datetime(text: pd.Series) -> pd.Series:
    """Parse date text, keeping each answer's local wall-clock time (UTC offsets dropped, not applied)."""
    text = text.str.replace(_OFFSET, r"\g<head>", regex=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            dt = pd.to_datetime(text, errors="coerce", format="mixed")
        except (ValueError, TypeError):  # mixed time zones left (named zones ...): one value at a time
            parsed = {v: _naive(pd.to_datetime(v, errors="coerce", format="mixed")) for v in text.dropna().unique()}
            dt = pd.to_datetime(text.map(parsed), errors="coerce")
    if getattr(dt.dt, "tz", None) is not None:
        dt = dt.dt.tz_localize(None)
    return dt


def _naive(ts: Any) -> Any:
    """A Timestamp without its time zone, keeping the wall-clock time (NaT unchanged)."""
    return ts.tz_localize(None) if isinstance(ts, pd.Timestamp) and ts.tz is not None else ts


#: Spreadsheet day numbers read as dates: 1955-01-01 to 2120-01-01 (Excel's 1900 system).
_EXCEL_SERIALS = (20090, 80355)


def _excel_serials(raw: pd.Series) -> pd.Series | None:
    """The column as floats when every value given is a whole spreadsheet day number, else None."""
    if pd.api.types.is_datetime64_any_dtype(raw.dtype) or pd.api.types.is_bool_dtype(raw.dtype):
        return None
    given = raw[raw.notna() & (raw.astype("string").str.strip() != "")]
    if given.empty:
        return None
    num = pd.to_numeric(given.astype("string").str.strip(), errors="coerce")
    low, high = _EXCEL_SERIALS
    if num.isna().any() or (num != num.round()).any() or not num.between(low, high).all():
        return None
    return pd.to_numeric(raw.astype("string").str.strip(), errors="coerce").astype(float)


def _parse_dates(raw: pd.Series, dayfirst: bool | None = None, name: str = "date") -> _ParsedDates:
    """Parse a date column; numeric d/m/y dates get one day/month order for the whole column.

    Time zones are dropped, keeping the local wall-clock date of each answer.

    >>> _parse_dates(pd.Series(["25/01/2026", "03/02/2026 14:30"])).dt.dt.strftime("%Y-%m-%d").tolist()
    ['2026-01-25', '2026-02-03']
    >>> _parse_dates(pd.Series([46150, "46151", None])).dt.dt.strftime("%Y-%m-%d").tolist()
    ['2026-05-08', '2026-05-09', nan]
    """
    unordered = pd.Series(False, index=raw.index)
    note = None
    serial = _excel_serials(raw)
    if serial is not None:
        note = (f"Date column {name!r} holds whole numbers from {int(serial.min()):,} to {int(serial.max()):,}: "
                "read as spreadsheet (Excel) day numbers, 1 = 1900-01-01. Export the column as dates if they "
                "are something else.")
        return _ParsedDates(pd.to_datetime(serial, unit="D", origin="1899-12-30"), unordered, note)
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        dt = raw.dt.tz_localize(None) if getattr(raw.dt, "tz", None) is not None else raw
    else:
        text, unordered, note = _order_numeric_dates(raw.astype("string").str.strip(), dayfirst, name)
        dt = _to_local_datetime(text)
        given = text[text.notna() & (text != "")]
        if len(given) and given.str.fullmatch(r"(19|20)\d\d(\.0)?").all():
            note = (f"Date column {name!r} holds years only: each is read as 1 January of that year, so only "
                    "yearly periods mean anything (periods=['year']).")
    return _ParsedDates(dt, unordered, note)


def add_periods(frame: pd.DataFrame, date: str, periods: Sequence[str] = ("week", "month"), *,
                dayfirst: bool | None = None) -> pd.DataFrame:
    """Return a copy of ``frame`` with ``date_status`` and ``period_<unit>`` columns.

    Unparseable dates are reported (``date_status == "invalid"`` and a
    :class:`~cxtext.scores.ScoreWarning`); empty ones are ``"missing"``.
    Dates with a UTC offset keep their local date (``23:30-04:00`` stays on its day).

    Parameters
    ----------
    frame : pandas.DataFrame
        Table with the date column (not modified).
    date : str
        Date column: datetimes, ISO text (``2026-05-04``), text dates
        (``3 Feb 2026``) or numeric dates (``04/05/2026``, ``4.5.26``).
    periods : sequence of {"day", "week", "month", "quarter", "year"}, default=("week", "month")
    dayfirst : bool, optional
        Order of numeric dates such as ``04/05/2026``: True = day first (UK/EU),
        False = month first (US). By default it is read off the whole column: a
        first field above 12 means day first, a second field above 12 month
        first. If neither occurs the column is read month first with a warning;
        if both occur the column mixes orders and those dates are left invalid,
        with a warning, rather than guessed row by row. ISO and text dates are
        not affected.

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
    >>> uk = pd.DataFrame({"when": ["04/05/2026", "25/12/2026"]})
    >>> add_periods(uk, "when", ["day"])["period_day"].tolist()
    ['2026-05-04', '2026-12-25']
    >>> add_periods(pd.DataFrame({"when": ["04/05/2026"]}), "when", ["day"], dayfirst=False)["period_day"].tolist()
    ['2026-04-05']
    """
    if date not in frame.columns:
        raise ColumnNotFoundError(date, available=list(frame.columns), role="date")
    bad = [p for p in periods if p not in PERIODS]
    if bad:
        raise ConfigError(f"[CX301] Unknown period(s) {bad}. Allowed: {', '.join(PERIODS)}.")
    if dayfirst is not None and not isinstance(dayfirst, (bool, np.bool_)):
        raise ConfigError(f"[CX301] 'dayfirst' must be True (day/month), False (month/day) or None "
                          f"(read the order off the column). Got {dayfirst!r}.")
    raw = frame[date]
    dt, unordered, note = _parse_dates(raw, None if dayfirst is None else bool(dayfirst), name=date)
    if note:
        warnings.warn(note, ScoreWarning, stacklevel=3)
    missing = raw.isna() | (raw.astype("string").str.strip() == "").fillna(True)
    status = pd.Series(np.where(dt.notna(), "valid", np.where(missing, "missing", "invalid")),
                       index=frame.index, dtype=object)
    out = frame.copy()
    out["date_status"] = status
    for unit in periods:
        out[f"period_{unit}"] = _period_labels(dt, unit)
    not_dates = (status == "invalid") & ~unordered.to_numpy(dtype=bool)
    n_bad = int(not_dates.sum())
    if n_bad:
        ex = list(dict.fromkeys(map(str, raw[not_dates])))[:5]
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
                periods: Sequence[str] = ("week", "month"), dayfirst: bool | None = None,
                warn: bool = True) -> Any:
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
    dayfirst : bool, optional
        Order of numeric dates such as ``04/05/2026``: True = day first (UK/EU),
        False = month first (US), None = read off the whole column (see
        :func:`add_periods`; an undecidable column is read month first with a
        warning). ISO and text dates are not affected.
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
            _warn_if_no_value_is_good(chk, role, scale)
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
            out = add_periods(out, date, periods, dayfirst=dayfirst)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ScoreWarning)
                out = add_periods(out, date, periods, dayfirst=dayfirst)
        info["date"] = {"column": date, "periods": list(periods), "dayfirst": dayfirst}
    info["scores"] = recorded
    info["segments"] = list(dict.fromkeys([*info.get("segments", []), *segments]))
    return replace_result(result, out, info)
