"""Read the files written by ``cxtext analyze`` back into an :class:`~cxtext.AnalysisResult`.

``cxtext analyze -o OUT.csv`` writes the comments table to ``OUT.csv`` and the
mentions to ``OUT.mentions.csv``. CSV cells come back as text, so this module
restores the types the report (and :mod:`cxtext.scores`) rely on:

* list columns (``themes``, ``pii``, ``emotions``, and the mentions' ``emotions``) written as
  ``"a;b"`` become lists, and ``emotion_scores`` written as JSON text becomes a dict;
* flags (``is_empty`` ...) become booleans, scores and offsets numbers;
* empty cells of label columns (``sentiment``, ``language`` ...) become missing;
* the single quote that ``--excel-safe`` puts before cells starting with
  ``=``, ``+``, ``-`` or ``@`` is removed from ``text_clean`` and ``evidence``
  (so the mention offsets index the text again) and from column names (the
  header row is escaped like the cells).

Survey score columns stay as they are: :func:`cxtext.join_scores` parses them
and reports invalid values. Parquet and JSON Lines outputs (real lists) work too,
compressed ones (``out.jsonl.gz``, ``out.csv.bz2``) as well. An output written
under a name without a known extension (``-o res.dat --output-format parquet``)
is read in the format given by ``format=`` (``--format``), else in the one
recorded in ``NAME.info.json`` beside it.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cxtext.analyzer import COMMENT_COLUMNS, MENTION_COLUMNS, AnalysisResult
from cxtext.errors import (
    ColumnNotFoundError,
    EmptyInputError,
    InputError,
    UnsupportedFormatError,
)
from cxtext.io.cells import looks_escaped, text_to_dict, text_to_list
from cxtext.io.formats import FORMATS, detect_format, sibling_path

__all__ = ["LIST_COLUMNS", "info_path", "load_result"]

logger = logging.getLogger(__name__)

#: Comment columns holding lists (written ``"a;b"`` in CSV/XLSX).
LIST_COLUMNS = ("themes", "pii", "emotions")
_BOOL_COLUMNS = ("is_empty", "is_non_answer", "is_duplicate", "is_suggestion")
_FLOAT_COLUMNS = ("sentiment_score", "sentiment_confidence")
_LABEL_COLUMNS = ("sentiment", "language", "duplicate_of", "prompt_type")
_M_FLOAT = ("sentiment_score", "sentiment_confidence", "confidence")
_M_INT = ("start", "end", "clause")


def info_path(output: Path) -> Path:
    """Where run information may sit beside an output: ``out.csv`` -> ``out.info.json``.

    Examples
    --------
    >>> str(info_path(Path("results/out.csv")))
    'results/out.info.json'
    >>> str(info_path(Path("out.jsonl.xz")))
    'out.info.json'
    """
    return sibling_path(output, "info", ".json")


def _blank(s: pd.Series) -> pd.Series:
    """True where a cell is missing or only whitespace."""
    return s.isna() | s.astype("string").str.strip().eq("").fillna(True)


def _escaped(value: object) -> bool:
    """Whether ``value`` carries the excel-safe quote (``'`` before a formula trigger)."""
    return isinstance(value, str) and looks_escaped(value)


def _unescape(s: pd.Series) -> pd.Series:
    """Drop the excel-safe quote: ``'=x`` -> ``=x`` (only before a formula trigger)."""
    text = s.astype(object)
    mask = text.map(_escaped).astype(bool)
    if not mask.any():
        return s
    return text.where(~mask, text[mask].map(lambda v: v[1:]))


def _unescape_names(df: pd.DataFrame) -> pd.DataFrame:
    """Column names without the excel-safe quote the CSV writer gives header cells."""
    if not any(_escaped(c) for c in df.columns):
        return df
    return df.set_axis([c[1:] if _escaped(c) else c for c in df.columns], axis=1)


def _bools(s: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.astype(bool)
    low = s.astype("string").str.strip().str.lower()
    return low.isin(["true", "1", "yes"]).fillna(False).astype(bool)


def _numbers(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s.where(~_blank(s)), errors="coerce").astype(float)


def _labels(s: pd.Series) -> pd.Series:
    out = s.astype(object)
    return out.where(~_blank(s), np.nan)


def _fix_comments(cm: pd.DataFrame, marked: bool = True) -> pd.DataFrame:
    cm = cm.copy()
    for col in LIST_COLUMNS:
        if col in cm.columns:
            cm[col] = pd.Series([text_to_list(v) for v in cm[col]], index=cm.index, dtype=object)
    for col in _BOOL_COLUMNS:
        if col in cm.columns:
            cm[col] = _bools(cm[col])
    for col in _FLOAT_COLUMNS:
        if col in cm.columns:
            cm[col] = _numbers(cm[col])
    if "emotion_scores" in cm.columns:
        cm["emotion_scores"] = pd.Series([text_to_dict(v) for v in cm["emotion_scores"]], index=cm.index,
                                         dtype=object)
    if "n_clauses" in cm.columns:
        cm["n_clauses"] = _numbers(cm["n_clauses"]).fillna(0).astype(int)
    for col in _LABEL_COLUMNS:
        if col in cm.columns:
            cm[col] = _labels(cm[col])
    if "text_clean" in cm.columns:
        text = cm["text_clean"].astype(object).where(cm["text_clean"].notna(), "")
        cm["text_clean"] = _unescape(text) if marked else text
    if marked:  # the input's own text columns (the comment, ids, free text) carry the mark too
        typed = {*LIST_COLUMNS, *_BOOL_COLUMNS, *_FLOAT_COLUMNS, *_LABEL_COLUMNS, "n_clauses", "text_clean"}
        for col in cm.columns:
            if col not in typed and (cm[col].dtype == object or pd.api.types.is_string_dtype(cm[col].dtype)):
                cm[col] = _unescape(cm[col])
    return cm


def _fix_mentions(mn: pd.DataFrame, marked: bool = True) -> pd.DataFrame:
    mn = mn.copy()
    for col in _M_FLOAT:
        if col in mn.columns:
            mn[col] = _numbers(mn[col])
    for col in _M_INT:
        if col in mn.columns:
            mn[col] = _numbers(mn[col]).fillna(-1).astype(int)
    for col in ("theme", "sentiment"):
        if col in mn.columns:
            mn[col] = _labels(mn[col])
    if "emotions" in mn.columns:
        mn["emotions"] = pd.Series([text_to_list(v) for v in mn["emotions"]], index=mn.index, dtype=object)
    if "evidence" in mn.columns:
        evidence = mn["evidence"].astype(object).where(mn["evidence"].notna(), "")
        mn["evidence"] = _unescape(evidence) if marked else evidence
    if "comment_id" in mn.columns:
        ids = mn["comment_id"].astype(object)
        mn["comment_id"] = _unescape(ids) if marked else ids
    return mn


def _no_mentions() -> pd.DataFrame:
    """An empty mentions table with the columns ``cxtext analyze`` writes."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in MENTION_COLUMNS})


def _read_mentions(m_path: Path, format: str | None = None) -> pd.DataFrame:
    """The mentions table; empty when the file is missing, header-only or 0 bytes.

    ``cxtext analyze`` writes a header-only (CSV, XLSX, Parquet) or empty
    (JSON Lines) mentions file when no comment names a theme: a valid output.
    """
    from cxtext.io import read_table

    if not m_path.exists():
        logger.warning("No mentions file %s; the report will have no theme detail.", m_path)
        return _no_mentions()
    try:
        return read_table(m_path, format=format)
    except EmptyInputError:
        logger.info("Mentions file %s has no rows: no theme mentions were found.", m_path)
        return _no_mentions()


def _guess_id(cm: pd.DataFrame, mn: pd.DataFrame) -> str | None:
    """The input column whose values are the mentions' ``comment_id`` (first unique match)."""
    inputs = [c for c in cm.columns if c not in COMMENT_COLUMNS and c != "prompt_type"]
    wanted = set(mn["comment_id"].astype(str)) if "comment_id" in mn.columns else set()
    for col in ["row", *inputs]:
        if col not in cm.columns:
            continue
        keys = cm[col].astype(str)
        if keys.is_unique and wanted <= set(keys):
            return col
    return None


def _read_info(path: Path) -> dict[str, Any]:
    """``NAME.info.json`` beside ``path`` (empty if absent or unreadable)."""
    ipath = info_path(path)
    if not ipath.exists():
        return {}
    try:
        info = json.loads(ipath.read_text(encoding="utf-8"))
    except (ValueError, OSError) as err:
        logger.warning("Could not read %s (%s); model information left out.", ipath, err)
        return {}
    return dict(info) if isinstance(info, dict) else {}


def _table_format(path: Path, format: str | None, info: dict[str, Any]) -> str | None:
    """The ``format=`` to read ``path`` with: ``format``, ``None`` when the extension tells,
    else the one recorded in ``info``."""
    if format is not None:
        detect_format(path, format=format)  # a clear error for an unknown name
        return format
    try:
        detect_format(path)
        return None
    except UnsupportedFormatError as err:
        recorded = info.get("output_format")
        if recorded in FORMATS:
            logger.info("Reading %s as %s, the format its info file records", path, recorded)
            return str(recorded)
        raise UnsupportedFormatError(
            f"[CX105] Cannot read {path.name!r}: its extension does not tell its format and "
            f"{info_path(path).name!r} does not record one. Pass the format it was written in: "
            f"--format {'|'.join(FORMATS)} (e.g. --format parquet after `cxtext analyze ... "
            "--output-format parquet`; format= in Python)."
        ) from err


def load_result(path: str | Path, *, mentions: str | Path | None = None, id: str | None = None,
                text: str | None = None, format: str | None = None) -> AnalysisResult:
    """Load the output of ``cxtext analyze`` (comments file + mentions file beside it).

    Parameters
    ----------
    path : str or Path
        The comments table written by ``cxtext analyze -o``.
    mentions : str or Path, optional
        The mentions table (default: ``NAME.mentions.EXT`` beside ``path``). If it
        does not exist the result has no mentions (a warning is logged); a
        header-only or empty file (no theme found) gives an empty mentions table.
    id : str, optional
        The id column (default: the first unique column whose values match the
        mentions' ``comment_id``, e.g. ``row`` when ``analyze`` ran without ``--id``).
    text : str, optional
        Name of the original comment column (informational).
    format : {"csv", "tsv", "xlsx", "parquet", "jsonl"}, optional
        Format of ``path`` and of its mentions table, for names whose extension
        does not tell (``res.dat``). By default: the extension's, else the
        ``output_format`` recorded in ``NAME.info.json`` by ``cxtext analyze``.

    Returns
    -------
    AnalysisResult
        With typed columns; ``info`` is read from ``NAME.info.json`` beside
        ``path`` when present, and always records ``source``.

    Raises
    ------
    InputError
        The file is not an ``analyze`` output (no ``text_clean`` column).
    UnsupportedFormatError
        ``[CX105]`` the extension is not a known one, and neither ``format`` nor
        the info file names the format.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> from cxtext.io import write_table
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_table(pd.DataFrame({"id": ["a"], "text_clean": ["Slow"], "sentiment": ["negative"],
    ...                          "themes": [["speed", "app"]], "is_empty": [False]}), d / "out.csv")
    >>> write_table(pd.DataFrame({"comment_id": ["a"], "theme": ["speed"], "start": [0], "end": [4]}),
    ...             d / "out.mentions.csv")
    >>> res = load_result(d / "out.csv")
    >>> res.id, res.comments["themes"][0], res.mentions["end"].tolist()
    ('id', ['speed', 'app'], [4])
    """
    from cxtext.cli import mentions_path
    from cxtext.io import read_table

    path = Path(path)
    info = _read_info(path)
    fmt = _table_format(path, format, info)
    # only CSV files written with excel_safe (the default) carry the "'" mark; XLSX marks
    # cells with a style, Parquet and JSON Lines not at all
    marked = detect_format(path, format=fmt) == "csv" and info.get("excel_safe", True) is not False
    cm = read_table(path, format=fmt)
    cm = _unescape_names(cm) if marked else cm
    if "text_clean" not in cm.columns:
        raise InputError(
            f"[CX105] {str(path)!r} is not a `cxtext analyze` output (no 'text_clean' column; "
            f"columns: {', '.join(map(str, cm.columns[:12]))}). Run `cxtext analyze` first and "
            "pass its -o file."
        )
    m_path = Path(mentions) if mentions is not None else mentions_path(path)
    m_fmt = fmt if mentions is None else format  # a mentions file given: its extension, or format
    cm, mn = _fix_comments(cm, marked), _fix_mentions(_read_mentions(m_path, m_fmt), marked)
    if id is not None and id not in cm.columns:
        raise ColumnNotFoundError(id, available=list(cm.columns), role="id")
    id_col = id or _guess_id(cm, mn)
    if id_col is not None:
        cm[id_col] = cm[id_col].astype(object)
        if "comment_id" in mn.columns:
            ids = cm[id_col]
            # CSV ids are text on both sides; other formats may differ in type
            if len(mn) and not mn["comment_id"].isin(ids).all():
                lookup = dict(zip(ids.astype(str), ids))
                mn["comment_id"] = mn["comment_id"].astype(str).map(lookup)
    info["source"] = str(path)
    if not m_path.exists():  # the report says so instead of "no theme was found"
        info["mentions_file_missing"] = str(m_path)
    return AnalysisResult(comments=cm, mentions=mn, text=text or "text_clean", id=id_col, info=info)
