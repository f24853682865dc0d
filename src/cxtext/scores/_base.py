"""Shared helpers: reading an analysis result, resolving score columns, mapping mentions to rows."""

from __future__ import annotations

import copy
import dataclasses
import logging
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from cxtext.errors import ColumnNotFoundError, ConfigError, InputError
from cxtext.scores.scales import Scale, ScoreCheck, ScoreWarning, check_scores, get_scale

logger = logging.getLogger(__name__)

KINDS = ("nps", "csat", "ces", "fft")


def whole_percents(counts: Sequence[float]) -> list[int]:
    """Whole percentages of ``counts`` that add up to 100 (largest remainders get the spare points).

    Rounded one by one, three equal parts show 33% each (99%) and 42.5/28.5/29 shows 43/29/29 (101%);
    a board reads a split that does not add up as an error.

    Examples
    --------
    >>> whole_percents([1, 1, 1]), whole_percents([85, 57, 58]), whole_percents([0, 0])
    ([34, 33, 33], [43, 28, 29], [0, 0])
    """
    total = float(sum(counts))
    if total <= 0:
        return [0 for _ in counts]
    exact = [100 * c / total for c in counts]
    out = [math.floor(x) for x in exact]
    spare = 100 - sum(out)
    for i in sorted(range(len(exact)), key=lambda i: exact[i] - out[i], reverse=True)[:spare]:
        out[i] += 1
    return out


def comments_of(result: Any) -> pd.DataFrame:
    """The comments table of an AnalysisResult-like object (checked)."""
    cm = getattr(result, "comments", None)
    if not isinstance(cm, pd.DataFrame):
        raise InputError(
            "[CX100] Expected the result of cxtext.analyze() (an object with a 'comments' DataFrame). "
            f"Got {type(result).__name__}."
        )
    return cm


def mentions_of(result: Any) -> pd.DataFrame:
    """The mentions table of an AnalysisResult-like object (checked)."""
    mn = getattr(result, "mentions", None)
    if not isinstance(mn, pd.DataFrame):
        raise InputError(
            "[CX100] Expected the result of cxtext.analyze() (an object with a 'mentions' DataFrame). "
            f"Got {type(result).__name__}."
        )
    return mn


def replace_result(result: Any, comments: pd.DataFrame, info: dict[str, Any]) -> Any:
    """A copy of ``result`` with new comments and info (the input is not mutated)."""
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return dataclasses.replace(result, comments=comments, info=info)
    new = copy.copy(result)
    new.comments = comments
    new.info = info
    return new


def emotion_ids(value: Any) -> list[str]:
    """The emotion ids of one ``emotions`` cell: a list (analyze output) or ``"a;b"`` (CSV).

    >>> emotion_ids("anger;frustration"), emotion_ids(["gratitude"]), emotion_ids(float("nan"))
    (['anger', 'frustration'], ['gratitude'], [])
    """
    if isinstance(value, str):
        items: Any = value.split(";")
    elif isinstance(value, (list, tuple, set, frozenset, np.ndarray, pd.Series)):
        items = value
    else:  # None / NaN: no emotion
        return []
    return list(dict.fromkeys(s for s in (str(v).strip() for v in items) if s))


def emotions_not_read(result: Any) -> bool:
    """Whether ``result`` was analysed with emotions switched off (its run info says no emotion model).

    ``result`` may also be the run information itself (a mapping, as the command line holds it).
    A result without run info (a frame built by hand) counts as read.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> emotions_not_read(SimpleNamespace(info={"emotion_model": None})), emotions_not_read(SimpleNamespace(info={}))
    (True, False)
    >>> emotions_not_read({"emotion_model": "emotion-fast 0.4.0"})
    False
    """
    info = result if isinstance(result, Mapping) else getattr(result, "info", None) or {}
    return "emotion_model" in info and not info["emotion_model"]


def require_emotions(result: Any, what: str) -> None:
    """Raise ``[CX406]`` when ``result`` was analysed with emotions switched off.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> require_emotions(SimpleNamespace(info={"emotion_model": None}), "theme_emotions()")
    Traceback (most recent call last):
    ...
    cxtext.errors.InputError: [CX406] theme_emotions() needs emotions, but this result was analysed with emotions switched off ...
    """
    if emotions_not_read(result):
        raise InputError(f"[CX406] {what} needs emotions, but this result was analysed with emotions switched "
                         "off (its run info has no emotion model), so every comment reads as none. Analyse "
                         "again with emotions on: the default (Python: drop emotions=False; command line: "
                         "drop --emotions none).")


def mention_rows(result: Any, min_confidence: float = 0.0) -> pd.DataFrame:
    """Mentions with ``row``: the position of their comment in ``result.comments``.

    Mentions whose ``comment_id`` is not found are dropped with a warning in the log.
    """
    cm, mn = comments_of(result), mentions_of(result)
    for col in ("comment_id", "theme", "sentiment"):
        if col not in mn.columns:
            raise ColumnNotFoundError(col, available=list(mn.columns), role="mentions")
    id_col = getattr(result, "id", None)
    keys = pd.Index(cm[id_col]) if id_col is not None and id_col in cm.columns else cm.index
    rows = keys.get_indexer(mn["comment_id"]) if keys.is_unique else keys.get_indexer_for(mn["comment_id"])
    out = mn.assign(row=rows)
    if (rows < 0).any():
        logger.warning("%d mention(s) refer to comment ids not in the comments table; ignored.",
                       int((rows < 0).sum()))
        out = out[out["row"] >= 0]
    if min_confidence > 0 and "confidence" in out.columns:
        out = out[out["confidence"] >= min_confidence]
    return out


def analysed_mask(cm: pd.DataFrame) -> np.ndarray:
    """Rows that were analysed for themes (scored sentiment, or text that is not empty/non-answer)."""
    if "sentiment" in cm.columns and cm["sentiment"].notna().any():
        return cm["sentiment"].notna().to_numpy(dtype=bool)
    mask = np.ones(len(cm), dtype=bool)
    for flag in ("is_empty", "is_non_answer"):
        if flag in cm.columns:
            mask &= ~cm[flag].fillna(False).to_numpy(dtype=bool)
    return mask


def other_language_mask(cm: pd.DataFrame, info: dict[str, Any] | None) -> tuple[np.ndarray, list[str]]:
    """Rows in a language the analysis did not score, and the languages it scored.

    The languages come from ``info["languages"]`` (the analyzer's ``languages``;
    English and undetermined by default). Rows without a ``language`` are not counted.
    """
    langs = sorted(set((info or {}).get("languages", ["en", "und"])))
    if "language" not in cm.columns:
        return np.zeros(len(cm), dtype=bool), langs
    return (~cm["language"].isin(langs) & cm["language"].notna()).to_numpy(dtype=bool), langs


def joined_roles(result: Any) -> dict[str, dict[str, Any]]:
    """``info["scores"]`` written by :func:`~cxtext.scores.join_scores` (empty if not joined)."""
    info = getattr(result, "info", None) or {}
    return dict(info.get("scores", {}))


def scale_from_info(entry: dict[str, Any]) -> Scale:
    return Scale(**entry["scale"])


def resolve_score(result: Any, score: str, kind: str | None = None, *, warn: bool = True
                  ) -> tuple[pd.Series, str | None, Scale | None]:
    """Parsed float scores for column ``score`` of the comments, its kind and scale.

    ``kind=None``: the kind recorded by ``join_scores`` for that column, else the
    column's name when it is exactly ``nps``/``csat``/``ces``/``fft``, else a
    plain number. Invalid values are reported (warning) and become NaN.

    Raises
    ------
    InputError
        ``[CX402]`` when no value is a valid score. The message names the user's
        column (also when ``score`` is the joined ``<kind>_score`` column) and
        counts its missing and invalid (e.g. non-numeric) values.
    """
    cm = comments_of(result)
    if not isinstance(score, str) or score not in cm.columns:
        raise ColumnNotFoundError(score, available=list(cm.columns), role="score")
    if kind is not None and kind not in KINDS:
        raise ConfigError(f"[CX301] 'kind' must be None or one of {', '.join(KINDS)}. Got {kind!r}.")
    scale: Scale | None = None
    source = score
    for role, entry in joined_roles(result).items():
        if score in (entry.get("column"), f"{role}_score") and (kind is None or kind == role):
            kind, scale = role, scale_from_info(entry)
            source = entry.get("column") or score
            break
    if kind is None and score.lower() in KINDS:
        kind = score.lower()
    if scale is None and kind is not None:
        scale = get_scale(kind)
    if scale is not None and scale.labels and pd.api.types.is_float_dtype(cm[score].dtype):
        chk = check_scores(cm[score], None, name=score)  # an already parsed labelled scale
    else:
        chk = check_scores(cm[score], scale, name=score)
    if warn:
        chk.warn(stacklevel=4)
    if chk.n_valid == 0:
        raise InputError(_no_valid_message(cm, score, source, scale, chk))
    return chk.values, kind, scale


def _no_valid_message(cm: pd.DataFrame, score: str, source: str, scale: Scale | None, chk: ScoreCheck) -> str:
    """The CX402 message, counted on the user's column when ``score`` is its parsed copy.

    >>> cm = pd.DataFrame({"csat": ["Very satisfied", "Satisfied", ""], "csat_score": [np.nan] * 3})
    >>> print(_no_valid_message(cm, "csat_score", "csat", get_scale("csat"),
    ...                         check_scores(cm["csat_score"], "csat")))  # doctest: +NORMALIZE_WHITESPACE
    [CX402] Score column 'csat' (joined as 'csat_score') has no valid values (expected csat scores (1-5);
    1 missing, 2 invalid: 2 non_numeric ('Very satisfied', 'Satisfied')). Text is not a score: map labels
    to numbers first (e.g. {'Very satisfied': 5, ...}) and pass the mapped column, or pass the right kind=...
    """
    col = repr(score)
    if source != score and source in cm.columns:
        labelled = scale is not None and bool(scale.labels) and pd.api.types.is_float_dtype(cm[source].dtype)
        chk = check_scores(cm[source], None if labelled else scale, name=source)
        col = f"{source!r} (joined as {score!r})"
    what = scale.describe() if scale is not None else "numbers"
    bad = chk.invalid_summary()
    msg = (f"[CX402] Score column {col} has no valid values (expected {what}; {chk.n_missing} missing, "
           f"{chk.n_invalid} invalid{': ' + bad if bad else ''}).")
    if (chk.status == "non_numeric").any():
        return (msg + " Text is not a score: map labels to numbers first (e.g. {'Very satisfied': 5, ...}) "
                "and pass the mapped column, or pass the right kind=...")
    return msg + " Pass a numeric score column, or the right kind=..."


def segment_column(cm: pd.DataFrame, by: str | None) -> None:
    """Raise ColumnNotFoundError if ``by`` is not a column."""
    if by is not None and by not in cm.columns:
        raise ColumnNotFoundError(by, available=list(cm.columns), role="segment")


def _blank(value: Any) -> bool:
    """A missing cell (:func:`cxtext.io.cells.is_missing`: None, NaN, NA, NaT) or text of spaces only."""
    from cxtext.io.cells import is_missing

    return not value.strip() if isinstance(value, str) else is_missing(value)


#: The segment of comments whose segment cell is empty or missing (they are kept, as their own group).
MISSING_SEGMENT = "(missing)"


def segment_values(cm: pd.DataFrame, by: str, *, warn: bool = True) -> pd.Series:
    """The segment of each comment, as every segment breakdown groups it.

    Text values are stripped of surrounding spaces; empty and missing cells form the
    group :data:`MISSING_SEGMENT` (so every comment is counted somewhere); spellings
    that differ only in case ("Web", "web") are one segment, named by the most common
    spelling. With ``warn``, a :class:`~cxtext.scores.scales.ScoreWarning` says what
    was merged, and that a column with a value for almost every comment looks like an
    id rather than a segment.

    Examples
    --------
    >>> import pandas as pd
    >>> cm = pd.DataFrame({"ch": ["Web", "web ", None, "", "Phone", "Web"]})
    >>> segment_values(cm, "ch", warn=False).tolist()
    ['Web', 'Web', '(missing)', '(missing)', 'Phone', 'Web']
    """
    import warnings

    seg = cm[by].astype(object).map(
        lambda v: MISSING_SEGMENT if _blank(v) else v.strip() if isinstance(v, str) else v)
    texts = seg[seg.map(lambda v: isinstance(v, str) and v != MISSING_SEGMENT)].value_counts()
    first: dict[str, str] = {}
    for spelling in texts.index:  # most common first
        first.setdefault(spelling.casefold(), spelling)
    merged = {s: first[s.casefold()] for s in texts.index if first[s.casefold()] != s}
    if merged:
        seg = seg.map(lambda v: merged.get(v, v) if isinstance(v, str) else v)
    if warn:
        if merged:
            shown = ", ".join(f"{k!r} -> {v!r}" for k, v in list(merged.items())[:5])
            warnings.warn(f"Segment column {by!r}: spellings that differ only in case are one segment ({shown}"
                          f"{', ...' if len(merged) > 5 else ''}).", ScoreWarning, stacklevel=3)
        distinct = seg.nunique()
        if distinct > max(20, len(seg) // 2):
            warnings.warn(f"Segment column {by!r} has {distinct:,} distinct values for {len(seg):,} comments: it "
                          "looks like an id or free text, not a segment; most segments will be too small to read.",
                          ScoreWarning, stacklevel=3)
    return seg
