"""Write DataFrames to CSV/TSV, XLSX, Parquet or JSON Lines, streamed and atomically.

One job: :class:`TableWriter` appends chunks to a hidden temporary file beside
the target (``.name.tmp-<pid>``) and renames it over the target with
:func:`os.replace` only when the ``with`` block ends normally. On any
exception, ``KeyboardInterrupt`` included, the temporary file is removed and
an existing target is left untouched, so an interrupted run never leaves a
half-written file. (A hard kill, e.g. ``SIGKILL``, can leave the hidden
temporary file behind; the target is still intact.)

Cell conversion (see :mod:`cxtext.io.cells`):

* CSV/TSV: UTF-8 without BOM, ``\\r\\n`` line ends (RFC 4180, so cells holding a
  line break are quoted), header once, no index; lists become ``"a;b"``, dicts
  JSON text, missing values empty cells.
* XLSX: openpyxl write-only mode; numbers, booleans and dates stay typed,
  lists/dicts as in CSV. Text is always stored as a text cell, never as a
  formula; characters XML forbids are removed, and cells longer than Excel's
  32,767 characters are truncated (both with a warning). Integers of 16 digits
  or more are written as text because Excel keeps only 15 significant digits
  (ids would be silently changed). At most 1,048,575 data rows.
* Parquet: one ``ParquetWriter`` with the first chunk's schema. Text and mixed
  (object) columns are stored as ``string``, list columns as
  ``list<string>``; a column entirely missing in the first chunk is stored as
  ``string``, so later chunks with values still fit. Later chunks are cast to
  that schema only where no value changes (numbers to numbers, times to times);
  text is never parsed into a number, boolean or date (``"00107"`` stays
  ``"00107"``). A column whose later values do not fit its first type (numbers,
  then ``"n/a"`` or ``"00107"`` in chunk 2) is stored as ``string`` for the whole file, with a
  warning naming it: the row groups written so far are rewritten once, one at
  a time (a Parquet file has one schema), their values as text as
  :func:`~cxtext.io.cells.to_text` writes them in CSV.
* JSON Lines: one object per row, UTF-8, lists and dicts as JSON, ``NaN`` ->
  ``null``.

``excel_safe`` (CSV and XLSX): cells a spreadsheet would evaluate as a formula
are neutralised. In CSV the text gets a leading ``'`` (rules and exceptions in
:mod:`cxtext.io.cells`), header cells included. In XLSX the text is not changed: such cells are
written as text cells carrying Excel's own "quote prefix" flag, which is what
Excel stores when a user types ``'=...``, so the value reads back exactly.
"""

from __future__ import annotations

import bz2
import gzip
import json
import logging
import lzma
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Protocol

import numpy as np
import pandas as pd

from cxtext.errors import ConfigError, InputError, UnsupportedFormatError
from cxtext.io.cells import (
    FORMULA_TRIGGERS,
    escape_formula,
    is_missing,
    needs_formula_escape,
    to_json_value,
    to_text,
    to_text_list,
)
from cxtext.io.formats import _detect, compression_of, is_tab_separated

__all__ = ["TableWriter", "write_table"]

logger = logging.getLogger(__name__)

XLSX_MAX_ROWS = 1_048_576  # including the header row
XLSX_MAX_CELL_CHARS = 32_767
_OPENERS: dict[str, Callable[..., Any]] = {"gzip": gzip.open, "bz2": bz2.open, "xz": lzma.open}


class _Sink(Protocol):
    def write(self, df: pd.DataFrame) -> None: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...


def _is_container(value: Any) -> bool:
    """Lists, tuples, sets, dicts and numpy arrays (not numpy scalars)."""
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return True
    return isinstance(value, np.ndarray) and value.ndim > 0


def _align(df: pd.DataFrame, columns: list[Any] | None, chunk_no: int) -> pd.DataFrame:
    """Reorder a later chunk's columns to the first chunk's; missing ones become empty."""
    if columns is None or list(df.columns) == columns:
        return df
    extra = [c for c in df.columns if c not in columns]
    if extra:
        raise InputError(
            f"[CX106] Chunk {chunk_no} has columns the first chunk did not have: "
            f"{extra}. Every chunk written to one file needs the same columns; "
            "add them (empty) to the first chunk."
        )
    return df.reindex(columns=columns)


def _open_text(tmp: Path, compression: str | None) -> IO[str]:
    if compression is None:
        return open(tmp, "w", encoding="utf-8", newline="")
    return _OPENERS[compression](tmp, "wt", encoding="utf-8", newline="")


# --------------------------------------------------------------------------- CSV
def _text_column(s: pd.Series, excel_safe: bool) -> pd.Series:
    """Convert one column to CSV-ready values (numbers and dates left to pandas)."""
    if s.dtype == object and pd.api.types.infer_dtype(s, skipna=True) in ("string", "empty"):
        s = s.where(s.notna(), "")  # text or missing only: to_text is the identity or ""
    elif s.dtype == object or isinstance(s.dtype, pd.CategoricalDtype):
        s = s.map(to_text).astype(object)
    elif not pd.api.types.is_string_dtype(s.dtype):
        return s
    if excel_safe:
        risky = s.str.startswith((*FORMULA_TRIGGERS, "'"), na=False)
        if risky.any():
            s = s.where(~risky, s[risky].map(escape_formula))
    return s


class _CsvSink:
    def __init__(self, tmp: Path, *, sep: str, compression: str | None, excel_safe: bool):
        self._fh = _open_text(tmp, compression)
        self._sep, self._excel_safe = sep, excel_safe
        self._columns: list[Any] | None = None
        self._chunks = 0

    def write(self, df: pd.DataFrame) -> None:
        self._chunks += 1
        df = _align(df, self._columns, self._chunks)
        out = pd.DataFrame(
            {i: _text_column(df.iloc[:, i], self._excel_safe) for i in range(df.shape[1])}
        )
        names = [to_text(c) for c in df.columns]
        # the header row is cells too: a column named "=HYPERLINK(...)" is escaped like a value
        out.columns = [escape_formula(n) for n in names] if self._excel_safe else names
        # RFC 4180 line ends (CRLF): the csv module quotes a cell only if it holds a character of
        # the line terminator, so with "\n" alone a lone "\r" in a cell went out unquoted and
        # split the row on reading (found by tests/test_fuzz.py).
        out.to_csv(
            self._fh, sep=self._sep, header=self._columns is None, index=False, lineterminator="\r\n"
        )
        if self._columns is None:
            self._columns = list(df.columns)

    def close(self) -> None:
        self._fh.flush()
        if hasattr(self._fh, "fileno"):
            os.fsync(self._fh.fileno())
        self._fh.close()

    def abort(self) -> None:
        self._fh.close()


# --------------------------------------------------------------------------- JSONL
class _JsonlSink:
    def __init__(self, tmp: Path, *, compression: str | None):
        self._fh = _open_text(tmp, compression)

    def write(self, df: pd.DataFrame) -> None:
        keys = [str(c) for c in df.columns]
        lines = (
            json.dumps(
                {k: to_json_value(v) for k, v in zip(keys, row)},
                ensure_ascii=False,
                allow_nan=False,
            )
            for row in df.itertuples(index=False, name=None)
        )
        self._fh.writelines(line + "\n" for line in lines)

    def close(self) -> None:
        self._fh.flush()
        if hasattr(self._fh, "fileno"):
            os.fsync(self._fh.fileno())
        self._fh.close()

    def abort(self) -> None:
        self._fh.close()


# --------------------------------------------------------------------------- XLSX
class _XlsxSink:
    def __init__(self, tmp: Path, *, excel_safe: bool):
        from openpyxl import Workbook

        self._tmp, self._excel_safe = tmp, excel_safe
        self._wb = Workbook(write_only=True)
        self._ws = self._wb.create_sheet("Sheet1")
        self._columns: list[Any] | None = None
        self._rows, self._chunks, self._cleaned, self._truncated = 0, 0, 0, 0

    def _text_cell(self, value: str) -> Any:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            self._cleaned += 1
        if len(value) > XLSX_MAX_CELL_CHARS:
            value = value[:XLSX_MAX_CELL_CHARS]
            self._truncated += 1
        quote = self._excel_safe and needs_formula_escape(value)
        if not (quote or value.startswith("=")):
            return value
        cell = WriteOnlyCell(self._ws, value=value)
        cell.data_type = "s"  # text, never a formula
        if quote:
            cell.quotePrefix = True
        return cell

    def _cell(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._text_cell(value)
        if _is_container(value):
            return self._text_cell(to_text(value))
        if is_missing(value):
            return None
        if hasattr(value, "item") and not isinstance(value, pd.Timestamp):
            value = value.item()  # numpy scalar -> Python
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return value if abs(value) < 10**15 else str(value)
        if isinstance(value, float):
            return value if value not in (float("inf"), float("-inf")) else str(value)
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        if hasattr(value, "tzinfo") and value.tzinfo is not None:
            return value.isoformat()  # Excel has no time zones
        if hasattr(value, "isoformat"):
            return value  # datetime, date, time
        return self._text_cell(to_text(value))

    def write(self, df: pd.DataFrame) -> None:
        self._chunks += 1
        df = _align(df, self._columns, self._chunks)
        if self._rows + len(df) + 1 > XLSX_MAX_ROWS:
            raise UnsupportedFormatError(
                f"[CX105] Cannot write {self._rows + len(df):,} rows to XLSX: a sheet holds at "
                f"most {XLSX_MAX_ROWS - 1:,} data rows. Write CSV or Parquet instead."
            )
        if self._columns is None:
            self._columns = list(df.columns)
            self._ws.append([self._cell(to_text(c)) for c in df.columns])
        for row in df.itertuples(index=False, name=None):
            self._ws.append([self._cell(v) for v in row])
        self._rows += len(df)

    def close(self) -> None:
        if self._cleaned:
            logger.warning(
                "XLSX: removed control characters Excel forbids from %d cell(s)", self._cleaned
            )
        if self._truncated:
            logger.warning(
                "XLSX: truncated %d cell(s) to Excel's limit of %d characters; write CSV or "
                "Parquet to keep full texts",
                self._truncated,
                XLSX_MAX_CELL_CHARS,
            )
        self._wb.save(self._tmp)

    def abort(self) -> None:
        # Finish and delete the sheet's own temporary XML file (openpyxl keeps
        # rows in a temp file until save); otherwise it lingers in the temp dir.
        self._ws.close()
        writer = getattr(self._ws, "_writer", None)
        if writer is not None and hasattr(writer, "cleanup"):
            writer.cleanup()


# --------------------------------------------------------------------------- Parquet
def _arrow_column(s: pd.Series, target: Any = None) -> Any:
    """One column as a pyarrow array; text/mixed -> string, list-like -> list<string>."""
    import pyarrow as pa

    textual = (
        s.dtype == object
        or pd.api.types.is_string_dtype(s.dtype)
        or isinstance(s.dtype, pd.CategoricalDtype)
    )
    if target is not None and (pa.types.is_list(target) or pa.types.is_large_list(target)):
        return pa.array([to_text_list(v) for v in s.tolist()], type=pa.list_(pa.string()))
    if target is not None and pa.types.is_string(target):
        return pa.array(
            [None if is_missing(v) else to_text(v) for v in s.tolist()], type=pa.string()
        )
    if textual:
        values = s.tolist()
        if any(
            isinstance(v, (list, tuple, set, frozenset)) or hasattr(v, "ndim") and v.ndim
            for v in values
        ):
            return pa.array([to_text_list(v) for v in values], type=pa.list_(pa.string()))
        return pa.array([None if is_missing(v) else to_text(v) for v in values], type=pa.string())
    return pa.Array.from_pandas(s)


def _as_strings(column: Any) -> Any:
    """An Arrow column's values as ``string``, each as :func:`~cxtext.io.cells.to_text` writes it."""
    import pyarrow as pa

    return pa.array([None if v is None else to_text(v) for v in column.to_pylist()], type=pa.string())


def _casts_losslessly(found: Any, target: Any) -> bool:
    """Whether a later chunk's Arrow type ``found`` may be cast to the schema's ``target``.

    Only casts that keep every value as written: no values (``null``), numbers
    to numbers (a float column of whole numbers and gaps to ``int64``, as
    pandas reads an integer column with a missing cell; Arrow's safe cast
    refuses a fraction or an overflow), and times to times. Text is never
    parsed into a number, a boolean or a date (``"00107"`` would become
    ``107``, ``"1"`` ``true``): such a column is stored as text instead.

    Examples
    --------
    >>> import pyarrow as pa
    >>> _casts_losslessly(pa.float64(), pa.int64()), _casts_losslessly(pa.string(), pa.int64())
    (True, False)
    >>> _casts_losslessly(pa.int64(), pa.bool_())
    False
    """
    import pyarrow as pa

    if pa.types.is_null(found):
        return True
    numeric = (pa.types.is_integer, pa.types.is_floating, pa.types.is_decimal)
    if any(t(found) for t in numeric) and any(t(target) for t in numeric):
        return True
    temporal = (pa.types.is_timestamp, pa.types.is_date)
    return any(t(found) for t in temporal) and any(t(target) for t in temporal)


class _ParquetSink:
    """Schema from the first chunk with rows (row-less chunks before it are held back).

    A later chunk whose column does not fit the schema's type turns that column
    into ``string``: :meth:`_widen` rewrites the row groups already written.
    """

    def __init__(self, tmp: Path, *, name: str = ""):
        self._tmp, self._name = tmp, name or tmp.name
        self._writer: Any = None
        self._schema: Any = None
        self._pending: pd.DataFrame | None = None  # a row-less chunk, used if nothing follows
        self._chunks = 0

    @staticmethod
    def _first_table(df: pd.DataFrame) -> Any:
        import pyarrow as pa

        arrays = []
        for i in range(df.shape[1]):
            arr = _arrow_column(df.iloc[:, i])
            all_null = len(arr) > 0 and arr.null_count == len(arr)
            if pa.types.is_null(arr.type) or (all_null and not pa.types.is_list(arr.type)):
                # nothing to learn a type from: string accepts whatever comes later
                arr = pa.array([None] * len(arr), type=pa.string())
            arrays.append(arr)
        return pa.Table.from_arrays(arrays, names=[str(c) for c in df.columns])

    def _cast_table(self, df: pd.DataFrame) -> Any:
        import pyarrow as pa

        names = [str(c) for c in df.columns]
        if names != list(df.columns):
            df = df.set_axis(names, axis=1)  # a new frame: the caller's is not touched
        df = _align(df, list(self._schema.names), self._chunks)
        arrays, misfits = [], {}
        for field in self._schema:
            arr = _arrow_column(df[field.name], field.type)
            if arr.type != field.type:
                try:
                    if not _casts_losslessly(arr.type, field.type):
                        raise pa.ArrowInvalid(f"{arr.type} is not cast to {field.type}")
                    arr = arr.cast(field.type)  # safe: a value that would change raises
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                    misfits[field.name] = arr.type
                    arr = _arrow_column(df[field.name], pa.string())
            arrays.append(arr)
        if misfits:
            self._widen(misfits)
        return pa.Table.from_arrays(arrays, schema=self._schema)

    def _widen(self, misfits: dict[str, Any]) -> None:
        """Store the ``misfits`` columns as ``string`` from the first row on, and say so."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        for name, found in misfits.items():
            logger.warning(
                "%s: column %r holds %s values from chunk %d on that do not fit its type %s "
                "set by the first chunk; the whole column is stored as text (string) instead.",
                self._name, name, found, self._chunks, self._schema.field(name).type,
            )
        schema = pa.schema([pa.field(f.name, pa.string()) if f.name in misfits else f
                            for f in self._schema])
        self._writer.close()
        old = self._tmp.with_name(self._tmp.name + ".old")
        os.replace(self._tmp, old)
        try:
            written = pq.ParquetFile(old)
            writer = pq.ParquetWriter(self._tmp, schema)
            try:
                for group in range(written.num_row_groups):  # one row group (a chunk) in memory at a time
                    table = written.read_row_group(group)
                    writer.write_table(pa.Table.from_arrays(
                        [_as_strings(table.column(f.name)) if f.name in misfits
                         else table.column(f.name) for f in schema], schema=schema))
            except BaseException:
                writer.close()
                raise
            finally:
                written.close()
        finally:
            old.unlink(missing_ok=True)
        self._writer, self._schema = writer, schema

    def write(self, df: pd.DataFrame) -> None:
        import pyarrow.parquet as pq

        self._chunks += 1
        if self._schema is None:
            if len(df) == 0:
                if self._pending is None:
                    self._pending = df
                return
            if self._pending is not None:
                _align(df, list(self._pending.columns), self._chunks)  # same columns check
            table = self._first_table(df)
            self._schema = table.schema
            self._writer = pq.ParquetWriter(self._tmp, self._schema)
        else:
            table = self._cast_table(df)
        self._writer.write_table(table)

    def close(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._writer is not None:
            self._writer.close()
        elif self._pending is not None:
            pq.write_table(self._first_table(self._pending), self._tmp)
        else:
            pq.write_table(pa.table({}), self._tmp)

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.close()


# --------------------------------------------------------------------------- public API
class TableWriter:
    """Stream DataFrame chunks into one CSV/TSV, XLSX, Parquet or JSONL file, atomically.

    Use it as a context manager. Chunks go to a hidden temporary file in the
    target's folder, which replaces ``path`` only when the ``with`` block ends
    without an exception; otherwise it is deleted and ``path`` is untouched.

    Parameters
    ----------
    path : str or path-like
        The output file. The format comes from the extension (``.csv``,
        ``.tsv`` (tab separated), ``.xlsx``, ``.parquet``, ``.jsonl`` ...;
        ``.gz``/``.bz2``/``.xz`` compress CSV/TSV/JSONL).
    format : {"csv", "tsv", "xlsx", "parquet", "jsonl"}, optional
        Overrides the extension.
    excel_safe : bool, default True
        Neutralise spreadsheet formulas in text cells (CSV and XLSX only);
        see :mod:`cxtext.io.writers` for what changes.

    Attributes
    ----------
    rows_written : int
        Data rows written so far.

    Raises
    ------
    UnsupportedFormatError
        ``[CX105]`` unknown extension/format, or too many rows for XLSX.
    ConfigError
        ``[CX303]`` the output folder does not exist or is not writable.
    InputError
        ``[CX106]`` a later chunk has columns the first did not have. (A Parquet
        column whose later values do not fit its first type is stored as
        ``string`` instead, with a warning.)

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "scored.jsonl"
    >>> with TableWriter(out) as writer:
    ...     writer.write(pd.DataFrame({"id": [1, 2], "themes": [["price"], []]}))
    ...     writer.write(pd.DataFrame({"id": [3], "themes": [["staff", "wait"]]}))
    >>> writer.rows_written
    3
    >>> print(out.read_text(encoding="utf-8"), end="")
    {"id": 1, "themes": ["price"]}
    {"id": 2, "themes": []}
    {"id": 3, "themes": ["staff", "wait"]}
    """

    def __init__(
        self, path: str | os.PathLike[str], *, format: str | None = None, excel_safe: bool = True
    ) -> None:
        self.path = path
        self.format = format
        self.excel_safe = excel_safe
        self.rows_written = 0
        self._sink: _Sink | None = None
        self._tmp: Path | None = None

    def __enter__(self) -> TableWriter:  # noqa: PYI034 (Self needs Python 3.11)
        target = Path(self.path)
        fmt = _detect(target, format=self.format, action="write")
        folder = target.parent
        if not folder.is_dir():
            raise ConfigError(
                f"[CX303] Cannot write {target.name!r}: folder {str(folder)!r} does not exist. "
                "Create it first or choose another output path."
            )
        if target.is_dir():
            raise ConfigError(
                f"[CX303] Cannot write {str(target)!r}: it is a directory. Pass a file path."
            )
        self._tmp = folder / f".{target.name}.tmp-{os.getpid()}"
        compression = compression_of(target)
        try:
            if fmt == "csv":
                sep = "\t" if is_tab_separated(target, self.format) else ","
                self._sink = _CsvSink(
                    self._tmp, sep=sep, compression=compression, excel_safe=self.excel_safe
                )
            elif fmt == "jsonl":
                self._sink = _JsonlSink(self._tmp, compression=compression)
            elif fmt == "xlsx":
                self._sink = _XlsxSink(self._tmp, excel_safe=self.excel_safe)
            else:
                self._sink = _ParquetSink(self._tmp, name=target.name)
        except OSError as exc:
            self._tmp.unlink(missing_ok=True)
            raise ConfigError(
                f"[CX303] Cannot write {target.name!r} in {str(folder)!r}: "
                f"{exc.strerror or exc}. Check the folder's permissions or choose another path."
            ) from exc
        self.rows_written = 0
        return self

    def write(self, df: pd.DataFrame) -> None:
        """Append the rows of ``df`` (its index is not written).

        Parameters
        ----------
        df : pandas.DataFrame
            The chunk; later chunks must have the first chunk's columns (missing
            ones are written empty, new ones raise ``InputError``).
        """
        if self._sink is None:
            raise RuntimeError("TableWriter.write() must be called inside `with TableWriter(...)`.")
        if not isinstance(df, pd.DataFrame):
            raise TypeError(
                f"TableWriter.write() expects a pandas DataFrame, got {type(df).__name__}."
            )
        if df.shape == (0, 0):
            return  # a bare pd.DataFrame() carries nothing, not even columns
        self._sink.write(df)
        self.rows_written += len(df)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        sink, tmp = self._sink, self._tmp
        self._sink = None
        if sink is None or tmp is None:
            return
        if exc_type is None:
            try:
                sink.close()
                os.replace(tmp, self.path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            logger.info("Wrote %d rows to %s", self.rows_written, self.path)
            return
        try:
            sink.abort()
        finally:
            tmp.unlink(missing_ok=True)
            logger.info("Discarded partial output for %s (%s)", self.path, exc_type.__name__)


def write_table(
    df: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    excel_safe: bool = True,
) -> None:
    """Write one DataFrame to CSV/TSV, XLSX, Parquet or JSONL, atomically.

    A one-shot :class:`TableWriter`; same formats, conversions and errors.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out.csv"
    >>> write_table(pd.DataFrame({"id": ["a1"], "comment": ["=1+1"]}), out)
    >>> print(out.read_text(encoding="utf-8"), end="")
    id,comment
    a1,'=1+1
    """
    with TableWriter(path, format=format, excel_safe=excel_safe) as writer:
        writer.write(df)
