"""Rating scales and score validation: NPS, CSAT, CES and labelled (FFT-style) scales.

A :class:`Scale` says which values are valid and which count as "good"
(satisfied, easy, positive). :func:`check_scores` turns a raw column -- often
strings, since survey exports are best read with ``dtype=str`` -- into numbers
and a per-row status, and *reports* every value it could not use instead of
coercing it: ``"9"``, ``"9.0"`` and ``" 10 "`` are valid NPS answers, and so
are endpoint-labelled exports such as ``"10 - Extremely likely"``,
``"0: Not at all likely"`` or ``"5 (Very satisfied)"`` (a leading number, then a
dash, colon or bracket and a text label); ``"ten"``, ``"11"``, ``"-1"``,
``"9.5"`` and ``"about 7?"`` are counted and flagged; empty cells are missing,
counted separately.

Per-row statuses (:data:`STATUSES`):

============== ==========================================================
valid          a usable score
missing        empty cell, whitespace or NA
non_numeric    text that is not a number (numeric scales)
unknown_label  text that is not one of the scale's labels (labelled scales)
out_of_range   a number outside ``[low, high]``
not_integer    a fraction on an integer scale (``"9.5"`` for NPS)
not_scored     a valid answer that carries no score (``"don't know"``)
============== ==========================================================

Parsing is vectorised with pandas; there is no library for survey scale
validation that reports rather than coerces, hence this small module.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from cxtext.errors import ConfigError

__all__ = [
    "STATUSES",
    "Scale",
    "ScoreCheck",
    "ScoreWarning",
    "ces_scale",
    "check_scores",
    "csat_scale",
    "fft_scale",
    "get_scale",
    "nps_scale",
    "read_written_ratings",
    "score_numbers",
]

logger = logging.getLogger(__name__)

STATUSES = ("valid", "missing", "non_numeric", "unknown_label", "out_of_range", "not_integer", "not_scored")
_INVALID = ("non_numeric", "unknown_label", "out_of_range", "not_integer")


class ScoreWarning(UserWarning):
    """Some score values were invalid and left out (see :attr:`ScoreCheck.counts`)."""


#: Answers that decline to give a score ("n/a", "don't know"): counted as ``not_scored``, not as invalid values.
NON_RESPONSES = frozenset({
    "n/a", "na", "n.a.", "n.a", "not applicable", "don't know", "dont know", "do not know", "dk", "not sure",
    "unsure", "prefer not to say", "rather not say", "no answer", "refused", "no opinion", "unknown",
})


def _norm_label(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").strip().lower()
    return re.sub(r"\s+", " ", text)


@dataclass(frozen=True)
class Scale:
    """A rating scale: valid range, optional labels and which end is "good".

    Parameters
    ----------
    name : str
        Short name used in messages and column names (``"nps"``, ``"csat"`` ...).
    low, high : float
        Smallest and largest valid value.
    good_from : float, optional
        Threshold of the "good" box: values ``>= good_from`` are good when
        ``higher_is_better``, values ``<= good_from`` otherwise.
    higher_is_better : bool, default=True
        Direction of the scale.
    labels : mapping of str to int, optional
        For labelled scales: answer text (case-insensitive) to value.
    not_scored : tuple of str, default=()
        Labels that are valid answers but carry no score (``"don't know"``).
    integer : bool, default=True
        Whether fractional values are invalid.

    Examples
    --------
    >>> s = csat_scale(high=7)
    >>> s.low, s.high, s.good_from
    (1, 7, 6)
    >>> s.is_good(pd.Series([7.0, 5.0, np.nan])).tolist()
    [True, False, <NA>]
    """

    name: str
    low: float
    high: float
    good_from: float | None = None
    higher_is_better: bool = True
    labels: Mapping[str, int] | None = field(default=None, hash=False)
    not_scored: tuple[str, ...] = ()
    integer: bool = True

    def __post_init__(self) -> None:
        if not self.low < self.high:
            raise ConfigError(
                f"[CX301] Scale {self.name!r}: 'low' must be below 'high'. Got low={self.low}, high={self.high}."
            )
        if self.good_from is not None and not self.low <= self.good_from <= self.high:
            raise ConfigError(
                f"[CX301] Scale {self.name!r}: the good-box threshold must lie in [{self.low}, {self.high}]. "
                f"Got {self.good_from}."
            )

    @property
    def best(self) -> float:
        """The best value of the scale."""
        return self.high if self.higher_is_better else self.low

    @property
    def worst(self) -> float:
        """The worst value of the scale."""
        return self.low if self.higher_is_better else self.high

    def describe(self) -> str:
        """Human-readable description used in messages."""
        if self.labels:
            return f"{self.name} labels ({', '.join(repr(k) for k in self.labels)})"
        return f"{self.name} scores ({self.low:g}-{self.high:g})"

    def is_good(self, values: pd.Series) -> pd.Series:
        """Boolean (nullable) "good box" flag for parsed values; NA where the value is NA."""
        if self.good_from is None:
            raise ConfigError(f"[CX301] Scale {self.name!r} has no good-box threshold (good_from).")
        v = pd.to_numeric(values, errors="coerce").astype("Float64")
        good = v >= self.good_from if self.higher_is_better else v <= self.good_from
        return good.astype("boolean")


def nps_scale() -> Scale:
    """The 0-10 likelihood-to-recommend scale (promoters 9-10).

    Examples
    --------
    >>> nps_scale().good_from
    9
    """
    return Scale("nps", 0, 10, good_from=9)


def csat_scale(low: int = 1, high: int = 5, satisfied_from: int | None = None) -> Scale:
    """A CSAT scale; satisfied = the top two boxes unless ``satisfied_from`` is given.

    Examples
    --------
    >>> csat_scale().good_from, csat_scale(1, 10).good_from, csat_scale(1, 10, 8).good_from
    (4, 9, 8)
    """
    return Scale("csat", low, high, good_from=high - 1 if satisfied_from is None else satisfied_from)


def ces_scale(low: int = 1, high: int = 7, easy: str = "high", easy_from: int | None = None) -> Scale:
    """A Customer Effort Score scale with a configurable direction.

    Parameters
    ----------
    low, high : int, default=1, 7
        Range.
    easy : {"high", "low"}, default="high"
        Which end means "easy". ``"high"`` is CES 2.0 ("The company made it easy
        to handle my issue": 7 = strongly agree); ``"low"`` is the effort wording
        ("How much effort ...": 1 = very low effort), as in cxtext's demo data.
    easy_from : int, optional
        Threshold of the easy box; by default every value past the midpoint
        (5-7 with ``easy="high"``, 1-3 with ``easy="low"`` on 1-7).

    Examples
    --------
    >>> ces_scale(easy="low").is_good(pd.Series([1, 4, 7])).tolist()
    [True, False, False]
    """
    if easy not in ("high", "low"):
        raise ConfigError(f"[CX301] 'easy' must be 'high' or 'low'. Got {easy!r}.")
    mid = (low + high) / 2
    if easy_from is None:
        easy_from = int(np.floor(mid)) + 1 if easy == "high" else int(np.ceil(mid)) - 1
    return Scale("ces", low, high, good_from=easy_from, higher_is_better=easy == "high")


_FFT_LABELS = {"very good": 5, "good": 4, "neither good nor poor": 3, "poor": 2, "very poor": 1}


def fft_scale(labels: Mapping[str, int] | None = None, not_scored: tuple[str, ...] = ("don't know",)) -> Scale:
    """A labelled Friends-and-Family-Test style scale ("very good" ... "very poor").

    Labels are matched case-insensitively, ignoring extra spaces and curly
    apostrophes; positive = "good" or "very good".

    Examples
    --------
    >>> check_scores(pd.Series(["Very Good", "poor", "Don’t know", "great"]), fft_scale()).status.tolist()
    ['valid', 'valid', 'not_scored', 'unknown_label']
    """
    norm = {_norm_label(k): int(v) for k, v in (_FFT_LABELS if labels is None else labels).items()}
    return Scale("fft", min(norm.values()), max(norm.values()), good_from=4 if labels is None else None,
                 labels=norm, not_scored=tuple(_norm_label(x) for x in not_scored))


_NAMED = {"nps": nps_scale, "csat": csat_scale, "ces": ces_scale, "fft": fft_scale}


def get_scale(spec: Scale | str | tuple[int, int] | None, kind: str | None = None) -> Scale | None:
    """Resolve a scale given as a :class:`Scale`, a name or a ``(low, high)`` pair.

    A pair is read as a scale of ``kind`` (``"csat"`` or ``"ces"``) with that range.

    Examples
    --------
    >>> get_scale("nps").high
    10
    >>> get_scale((1, 10), kind="csat").good_from
    9
    """
    if spec is None or isinstance(spec, Scale):
        return spec
    if isinstance(spec, str):
        if spec not in _NAMED:
            raise ConfigError(f"[CX301] Unknown scale {spec!r}. Known scales: {', '.join(_NAMED)}, or pass a Scale.")
        return _NAMED[spec]()
    if isinstance(spec, tuple) and len(spec) == 2 and kind in ("csat", "ces"):
        maker = csat_scale if kind == "csat" else ces_scale
        return maker(int(spec[0]), int(spec[1]))
    raise ConfigError(
        f"[CX301] A scale must be a Scale, one of {', '.join(_NAMED)}, or a (low, high) pair. Got {spec!r}."
    )


@dataclass(frozen=True)
class ScoreCheck:
    """Parsed scores with a per-row status; what :func:`check_scores` returns.

    Attributes
    ----------
    values : pandas.Series
        Float scores, NaN unless the status is ``"valid"`` (same index as the input).
    status : pandas.Series
        One of :data:`STATUSES` per row.
    raw : pandas.Series
        The input values.
    scale : Scale or None
        The scale checked against (``None``: any finite number is valid).
    name : str or None
        Column name, for messages.
    """

    values: pd.Series
    status: pd.Series
    raw: pd.Series
    scale: Scale | None = None
    name: str | None = None

    @property
    def n_valid(self) -> int:
        """Rows with a usable score."""
        return int((self.status == "valid").sum())

    @property
    def n_missing(self) -> int:
        """Empty / NA rows."""
        return int((self.status == "missing").sum())

    @property
    def n_invalid(self) -> int:
        """Rows with a value that is not a valid score (reported, left out)."""
        return int(self.status.isin(_INVALID).sum())

    @property
    def invalid(self) -> pd.Series:
        """Boolean per-row flag: the value was present but not a valid score."""
        return self.status.isin(_INVALID)

    @property
    def counts(self) -> pd.DataFrame:
        """One row per status seen: ``status``, ``count``, ``share`` and up to 5 ``examples``."""
        rows = []
        total = max(len(self.status), 1)
        for st in STATUSES:
            mask = self.status == st
            k = int(mask.sum())
            if k == 0:
                continue
            ex = [] if st in ("valid", "missing") else list(dict.fromkeys(map(str, self.raw[mask])))[:5]
            rows.append({"status": st, "count": k, "share": k / total, "examples": ex})
        return pd.DataFrame(rows, columns=["status", "count", "share", "examples"])

    def invalid_summary(self) -> str:
        """Counts and examples of the invalid values per status (empty string when there are none).

        >>> check_scores(["7", "ten", "11", "12"], "nps").invalid_summary()
        "1 non_numeric ('ten'); 2 out_of_range ('11', '12')"
        """
        return "; ".join(f"{r.count} {r.status} ({', '.join(repr(e) for e in r.examples)})"
                         for r in self.counts.itertuples() if r.status in _INVALID)

    def message(self) -> str:
        """One-line summary of the invalid values (empty string when all are valid or missing)."""
        if not self.n_invalid:
            return ""
        what = self.scale.describe() if self.scale is not None else "numbers"
        col = f"Score column {self.name!r}" if self.name else "Scores"
        return (f"[CX401] {col}: {self.n_invalid} value(s) are not valid {what} and were left out: "
                f"{self.invalid_summary()}. Fix the export or clean the column; those rows are left out of the "
                "score's figures and flagged in its status column (<score>_status).")

    def warn(self, stacklevel: int = 3) -> None:
        """Issue a :class:`ScoreWarning` if any value was invalid."""
        msg = self.message()
        if msg:
            warnings.warn(msg, ScoreWarning, stacklevel=stacklevel)


# "10 - Extremely likely", "10 – Extremely likely", "10: Extremely likely", "10 (Extremely likely)":
# a number, then a dash / colon and a label, or a bracketed label; the label starts with a
# letter and holds no digit ("7 - 8", "7 (or 8)" stay invalid)
_LABELLED_NUMBER = re.compile(
    r"^(?P<num>[+-]?\d+(?:\.\d+)?)\s*"
    r"(?:[-\u2010-\u2015\u2212:]\s*[^\W\d_][^\d]*|\(\s*[^\W\d_][^()\d]*\))$")


def score_numbers(raw: pd.Series) -> np.ndarray:
    """Float values of numbers or number-with-label text (``"10 - Extremely likely"``); NaN otherwise.

    The one reader of score cells: :func:`check_scores` (and so
    :func:`cxtext.scores.join_scores`) and the rating labels of training data
    (:func:`cxtext.datasets.rating_to_sentiment`) read numbers through it.

    Examples
    --------
    >>> import pandas as pd
    >>> score_numbers(pd.Series(["9", " 10 - Extremely likely", "0: Not at all", "5 (Very satisfied)",
    ...                        "about 7?", "7-8", "7 (or 8)", "1e1", "", None])).tolist()
    [9.0, 10.0, 0.0, 5.0, nan, nan, nan, nan, nan, nan]
    """
    if pd.api.types.is_numeric_dtype(raw.dtype):
        return pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    text = raw.astype("string").str.strip()
    num = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    # a survey score is written in digits: "1e1" (10 to a parser) is not one
    num[text.str.contains(r"[eE]", regex=True).fillna(False).to_numpy(dtype=bool)] = np.nan
    retry = np.isnan(num) & text.notna().to_numpy(dtype=bool)
    if retry.any():
        lead = text[retry].str.extract(_LABELLED_NUMBER)["num"]
        num[retry] = pd.to_numeric(lead, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return num


def _is_missing(raw: pd.Series) -> np.ndarray:
    miss = raw.isna().to_numpy(dtype=bool, copy=True)
    if raw.dtype == object or pd.api.types.is_string_dtype(raw.dtype):
        stripped = raw.astype("string").str.strip()
        miss |= (stripped == "").fillna(True).to_numpy(dtype=bool)
    return miss


def read_written_ratings(raw: pd.Series, num: np.ndarray, top: float) -> np.ndarray:
    """``num`` (the :func:`score_numbers` of ``raw``) with the text cells it could not read filled where
    they are ratings written out of ``top`` ("9/10", "4 out of 5", "4 stars" when ``top`` is 5).

    Examples
    --------
    >>> raw = pd.Series(["9/10", "4 out of 5", "7", "great"])
    >>> read_written_ratings(raw, score_numbers(raw), 10).tolist()
    [9.0, nan, 7.0, nan]
    """
    from cxtext.clean.nonanswers import rating_answer

    num = np.array(num, dtype=float)  # a copy: the caller's array is left as it was
    for i in np.flatnonzero(~np.isfinite(num)):
        cell = raw.iloc[i]
        found = rating_answer(cell) if isinstance(cell, str) else None
        if found is not None and found[1] == top:
            num[i] = found[0]
    return num


def check_scores(values: Any, scale: Scale | str | None = None, *, name: str | None = None) -> ScoreCheck:
    """Parse and validate raw score values, reporting (never coercing) bad ones.

    Parameters
    ----------
    values : array-like or pandas.Series
        Raw scores: numbers or strings (``"9"``, ``"9.0"``, ``" 10 "``, or a
        number with its label, ``"10 - Extremely likely"``), or labels for a
        labelled scale.
    scale : Scale or {"nps", "csat", "ces", "fft"}, optional
        Scale to validate against; ``None`` accepts any finite number.
    name : str, optional
        Column name used in messages.

    Returns
    -------
    ScoreCheck
        ``values`` (float, NaN unless valid), ``status`` per row, ``counts`` table.

    Examples
    --------
    >>> chk = check_scores(pd.Series(["9", "9.0", " 10 ", "ten", "11", "-1", ""]), "nps")
    >>> chk.values.tolist()[:3], chk.status.tolist()[3:]
    ([9.0, 9.0, 10.0], ['non_numeric', 'out_of_range', 'out_of_range', 'missing'])
    >>> chk.n_valid, chk.n_invalid, chk.n_missing
    (3, 3, 1)
    >>> check_scores(pd.Series(["10 - Extremely likely", "0 - Not at all likely", "about 7?"]), "nps").status.tolist()
    ['valid', 'valid', 'non_numeric']

    Ratings written out of the scale's top are read; answers that decline to score
    are ``not_scored`` (a non-response, not an invalid value):

    >>> chk = check_scores(pd.Series(["9/10", "N/A", "Don't know", "4 out of 5"]), "nps")
    >>> chk.values.tolist()[0], chk.status.tolist()
    (9.0, ['valid', 'not_scored', 'not_scored', 'non_numeric'])
    """
    sc = get_scale(scale)
    raw = values if isinstance(values, pd.Series) else pd.Series(values)
    if raw.dtype == bool:
        raw = raw.astype(object)
    n = len(raw)
    status = np.full(n, "valid", dtype=object)
    miss = _is_missing(raw)
    out = np.full(n, np.nan)

    if sc is not None and sc.labels:
        norm = raw.astype("string").map(lambda x: _norm_label(x) if isinstance(x, str) else x)
        mapped = norm.map(sc.labels)
        out = pd.to_numeric(mapped, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        not_scored = norm.isin(sc.not_scored).fillna(False).to_numpy(dtype=bool)
        status[np.isnan(out)] = "unknown_label"
        status[not_scored] = "not_scored"
    else:
        num = score_numbers(raw)
        if sc is not None:
            num = read_written_ratings(raw, num, sc.high)
        bad = ~np.isfinite(num)
        status[bad] = "non_numeric"
        declined = raw.map(lambda x: isinstance(x, str) and _norm_label(x).rstrip(".") in NON_RESPONSES)
        status[declined.to_numpy(dtype=bool)] = "not_scored"
        if sc is not None:
            with np.errstate(invalid="ignore"):
                status[~bad & ((num < sc.low) | (num > sc.high))] = "out_of_range"
                if sc.integer:
                    status[(status == "valid") & (num != np.round(num))] = "not_integer"
        out = num
    status[miss] = "missing"
    out = np.where(status == "valid", out, np.nan)
    return ScoreCheck(values=pd.Series(out, index=raw.index, name=raw.name, dtype=float),
                      status=pd.Series(status, index=raw.index, name="status", dtype=object),
                      raw=raw, scale=sc, name=name if name is not None else (raw.name if isinstance(raw.name, str) else None))
