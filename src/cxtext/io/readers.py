"""Read tabular exports (CSV/TSV, XLSX, Parquet, JSON Lines) in bounded memory.

One job: turn a file into a stream of :class:`pandas.DataFrame` chunks with a
continuing row index, mapping every way a file can be wrong to a
:mod:`cxtext.errors` exception that says what and where.

Format-specific choices:

* CSV/TSV is read by pandas with every column as text and no NA guessing, so
  ``"007"``, ``""`` and ``"NA"`` come back exactly as written and 64-bit ids never
  turn into floats. Encoding and delimiter are detected by
  :mod:`cxtext.io.sniff`; a file that is UTF-8 except for a few lines (typed
  in a Windows program) is read as UTF-8 with only those lines' stray bytes
  decoded as cp1252, with a warning naming the lines. Excel's ``sep=;`` first
  line names the delimiter and is skipped. Entirely blank lines are skipped (they are not records); a
  one-column file with an empty answer writes it as ``""``, which is kept.
  Rows with fewer fields than the header get empty trailing cells. Rows with
  more fields are refused (``[CX104]``, with their count and first line
  numbers): pandas would silently drop the extra fields, and they are nearly
  always a comment cut at an unquoted delimiter ("great staff, but slow").
  Guessing which column the extra fields belong to is not safe (the stray
  delimiter may sit in any column), so the message says how to fix the export
  instead. Extra fields that are empty (a trailing delimiter, as some exports
  put on every data row) lose nothing and are dropped. The check costs one
  spare column per chunk; the file is only re-scanned (with :mod:`csv`) to
  count and locate such rows once one is found.
* XLSX is streamed with openpyxl's read-only mode; the first non-empty row is
  the header, cell values keep their Python types (integers with gaps become
  the nullable ``Int64`` dtype rather than floats), empty rows inside the data
  are kept as rows, trailing ones are dropped. Cells right of the last header
  cell are ignored with a warning.
* Parquet is read batch by batch with pyarrow; list columns come back as
  Python lists.
* JSON Lines is parsed line by line with :func:`json.loads` (hand-written
  rather than ``pandas.read_json`` so errors can name the line and no value is
  type-guessed); keys missing on a line become missing values. A first pass
  over the file collects every key (in order of first appearance; only the
  keys are kept, never the rows), so every chunk has the same columns even
  when a key first appears deep in the file.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import logging
import os
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from cxtext.errors import ConfigError, CxTextError, EmptyInputError, UnreadableFileError
from cxtext.io.formats import compression_of, detect_format, is_tab_separated
from cxtext.io.sniff import (
    SHOWN_LINES,
    EncodingScan,
    excel_sep_line,
    header_fields,
    open_binary,
    read_text_sample,
    scan_encoding,
    sniff_delimiter,
    undecodable_lines,
    widest_record,
)

__all__ = ["export_header_rows", "iter_table", "read_table"]

logger = logging.getLogger(__name__)

PathLike = str | os.PathLike[str]


# --------------------------------------------------------------------------- helpers
def _unreadable(path: Path, what: str, fix: str = "") -> UnreadableFileError:
    msg = f"[CX104] Cannot read {path.name!r}: {what}."
    return UnreadableFileError(msg + (f" {fix}" if fix else ""))


def _check_file(path: Path) -> int:
    """Return the size of ``path`` or raise :class:`UnreadableFileError`."""
    if not path.exists():
        raise UnreadableFileError(
            f"[CX104] Cannot read {str(path)!r}: no such file. Check the path and the "
            "working directory."
        )
    if path.is_dir():
        raise UnreadableFileError(
            f"[CX104] Cannot read {str(path)!r}: it is a directory. Pass the path of a file."
        )
    try:
        with open(path, "rb"):
            pass
        return path.stat().st_size
    except OSError as exc:
        raise UnreadableFileError(
            f"[CX104] Cannot read {str(path)!r}: {exc.strerror or exc}. Check the file's "
            "permissions."
        ) from exc


_ZIP, _PARQUET = b"PK\x03\x04", b"PAR1"
_OTHER_FORMATS = "Export the comments as CSV, XLSX, Parquet or JSON Lines instead."
#: Leading bytes of files that are not what their name says: (magic, what the file is, what to do).
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (_ZIP, "a ZIP archive (an Excel .xlsx workbook is one)",
     ("If it is a workbook, rename it to .xlsx or pass format='xlsx' (--format xlsx on the command "
      "line); otherwise unzip it first.")),
    (b"\x1f\x8b", "gzip-compressed",
     "Rename it to '{name}.gz': cxtext then decompresses it while reading."),
    (b"BZh", "bzip2-compressed", "Rename it to '{name}.bz2': cxtext then decompresses it while reading."),
    (b"\xfd7zXZ\x00", "xz-compressed", "Rename it to '{name}.xz': cxtext then decompresses it while reading."),
    (_PARQUET, "a Parquet file", "Rename it to .parquet or pass format='parquet' (--format parquet)."),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls workbook (or another Office 97-2003 document)",
     "Open it in Excel and save it as .xlsx, or export CSV."),
    (b"\x89PNG", "a PNG image", _OTHER_FORMATS),
    (b"\xff\xd8\xff", "a JPEG image", _OTHER_FORMATS),
    (b"GIF89a", "a GIF image", _OTHER_FORMATS),
    (b"GIF87a", "a GIF image", _OTHER_FORMATS),
    (b"%PDF-", "a PDF document", _OTHER_FORMATS),
)
_EXPECTED = {"csv": "CSV", "jsonl": "JSON Lines", "xlsx": "an .xlsx workbook", "parquet": "Parquet"}


def _check_content(path: Path, fmt: str, compression: str | None) -> None:
    """Refuse a file whose first bytes say it is something else than ``fmt`` (its name or ``format=``).

    A workbook, a gzip file or an image named ``.csv`` was read as text and
    reported as a malformed CSV or as columns of binary noise.
    """
    if compression is not None:  # the first bytes are the compressor's
        return
    with open(path, "rb") as fh:
        head = fh.read(512)
    expected = {"xlsx": _ZIP, "parquet": _PARQUET}.get(fmt)
    if expected is not None and head.startswith(expected):
        return
    for magic, kind, fix in _SIGNATURES:
        if head.startswith(magic) and (magic != b"BZh" or head[4:10] == b"1AY&SY"):  # a bzip2 block follows
            break
    else:
        if expected is None or b"\x00" in head:
            return  # text (CSV/JSONL read it), or binary cxtext cannot name: the reader says more
        kind = "a text file (CSV or JSON Lines?)"
        fix = ("Rename it to .csv (or .jsonl) or pass format='csv' (--format csv on the command line).")
    raise UnreadableFileError(
        f"[CX104] Cannot read {path.name!r} as {_EXPECTED[fmt]}: its content is {kind}. "
        + fix.replace("{name}", path.name)
    )


def _check_chunksize(chunksize: object) -> int:
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise ConfigError(
            f"[CX301] chunksize must be a positive integer; got {chunksize!r}. "
            "Pass e.g. chunksize=10_000."
        )
    return chunksize


def _dedupe_names(names: list[str], path: Path) -> list[str]:
    """Rename repeated column names ``a, a`` to ``a, a.1`` (as pandas does), warning once."""
    counts = Counter(names)
    repeated = [n for n, c in counts.items() if c > 1]
    if not repeated:
        return names
    logger.warning(
        "%r has duplicate column names %s; later copies are renamed with a .1, .2 suffix. "
        "Rename them in the source to refer to them reliably.",
        path.name,
        ", ".join(repr(n) for n in repeated),
    )
    taken = set(names)
    seen: Counter[str] = Counter()
    out = []
    for name in names:
        if seen[name]:
            new = f"{name}.{seen[name]}"
            while new in taken:
                seen[name] += 1
                new = f"{name}.{seen[name]}"
            taken.add(new)
            seen[name] += 1
            out.append(new)
        else:
            seen[name] += 1
            out.append(name)
    return out


def _infer_column(col: pd.Series) -> pd.Series:
    """Infer a dtype for Python values; integers with gaps become ``Int64``, not float."""
    inferred = col.infer_objects()
    if inferred.dtype.kind == "f":
        present = col.dropna()
        if len(present) and all(type(v) is int for v in present):
            try:
                return col.astype("Int64")
            except (TypeError, OverflowError):  # beyond int64: keep Python ints
                return col
    return inferred


def _frame_from_rows(rows: list[Any], columns: list[str] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return pd.DataFrame(
        {name: _infer_column(frame[name]) for name in frame.columns}, index=frame.index
    )


# --------------------------------------------------------------------------- CSV
def _shown_lines(count: int, lines: Sequence[int]) -> str:
    """``"line 3"``, ``"lines 3, 7"`` or ``"lines 3, 7 and 12 more"``."""
    shown = ", ".join(map(str, lines))
    if count > len(lines):
        shown += f" and {count - len(lines):,} more"
    return f"line{'s' if count > 1 else ''} {shown}"


def _csv_encoding(path: Path, compression: str | None, encoding: str | None) -> EncodingScan:
    """How to decode ``path``: detected (warning about a mostly-UTF-8 file), or as given."""
    if encoding is None:
        scan = scan_encoding(path, compression)
        logger.info("Reading %r with encoding %s (detected)", path.name, scan.encoding)
        if scan.bad_lines:
            logger.warning(
                "%r is UTF-8 except for %s (%s) holding bytes that are not; they were read as "
                "cp1252 (Windows-1252, as Excel on Windows writes it): check them, or save the "
                "file as UTF-8 to read it without this repair.",
                path.name,
                "1 line" if scan.bad_lines == 1 else f"{scan.bad_lines:,} lines",
                _shown_lines(scan.bad_lines, scan.first_bad_lines),
            )
        return scan
    try:
        canonical = codecs.lookup(encoding).name
    except LookupError as exc:
        raise ConfigError(
            f"[CX302] Unknown encoding {encoding!r}. Pass a Python codec name such as "
            "'utf-8', 'cp1252' or 'latin-1' (--encoding on the command line, encoding= in Python), "
            "or leave it unset to detect it."
        ) from exc
    if canonical == "utf-8":
        with open_binary(path, compression) as fh:
            if fh.read(3) == codecs.BOM_UTF8:
                encoding = "utf-8-sig"  # strip the BOM from the first column name
    logger.info("Reading %r with encoding %s (given)", path.name, encoding)
    return EncodingScan(encoding)


#: Names of the spare columns that catch fields beyond the header's (never a real header).
_SPILL = "\x00cxtext-extra-field-{}"
#: How pandas names a record with more fields than the spare columns catch.
_TOO_MANY_FIELDS = re.compile(r"Expected \d+ fields in line \d+, saw \d+")


def _lenient(scan: EncodingScan) -> str:
    """The ``errors=`` for reading a sample: the scan's repair, or replace rather than fail."""
    return "replace" if scan.errors == "strict" else scan.errors


def _long_rows(path: Path, scan: EncodingScan, compression: str | None, sep: str,
               skip: int, width: int) -> tuple[int, list[int]]:
    """Count the records with non-empty fields beyond the ``width`` header fields.

    Returns the count and the first line numbers (1-based, physical lines of
    the file, where each record starts). Only called once such a record was
    found, so a clean file is never scanned twice.
    """
    count = 0
    lines: list[int] = []
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, 2**31 - 1))  # long comments: pandas reads them, so must we
    try:
        with open_binary(path, compression) as raw:
            text = io.TextIOWrapper(raw, encoding=scan.encoding, errors=_lenient(scan), newline="")
            for _ in range(skip):
                text.readline()
            records: Iterator[tuple[int, list[str]]]
            if len(sep) == 1:
                records = _csv_records(csv.reader(text, delimiter=sep, strict=False), skip + 1)
            else:  # pandas reads a longer delimiter as a pattern, quotes ignored: one record a line
                pattern = re.compile(sep)
                records = ((skip + n, pattern.split(line.rstrip("\r\n")) if line.strip("\r\n")
                            else []) for n, line in enumerate(text, start=1))
            header = True
            for start, row in records:
                if not row:  # a blank line, skipped as pandas does
                    continue
                if header:
                    header = False
                elif len(row) > width and any(f.strip() for f in row[width:]):
                    count += 1
                    if len(lines) < SHOWN_LINES:
                        lines.append(start)
    except (csv.Error, OSError, EOFError, UnicodeError):  # the count so far is still worth showing
        pass
    finally:
        csv.field_size_limit(limit)
    return count, lines


def _csv_records(reader: Any, first_line: int) -> Iterator[tuple[int, list[str]]]:
    """``(line where it starts, fields)`` of each record of a :func:`csv.reader`."""
    ended = 0  # the reader's line count when the previous record ended
    for row in reader:
        yield first_line + ended, row
        ended = reader.line_num


def _too_many_fields(path: Path, sep: str, width: int, count: int,
                     lines: list[int]) -> UnreadableFileError:
    """The error for rows with more fields than the header, with their count and first lines."""
    if count:
        rows = "1 row has" if count == 1 else f"{count:,} rows have"
        where = f" ({_shown_lines(count, lines)})"
    else:  # pandas found one the csv module does not (a quoting corner): no line numbers
        rows, where = "some rows have", ""
    return _unreadable(
        path,
        f"malformed CSV: {rows} more fields than the header's {width}{where}, so the text "
        f"after an extra {sep!r} would be lost. An unquoted {sep!r} inside a cell (usually the "
        "comment) does this",
        f"Export the file again with the text column quoted (\"great staff{sep} but slow\"), or "
        "as TSV or XLSX; or, if another character separates the columns, pass it as the "
        "delimiter (--sep on the command line, sep= in Python).",
    )


def _iter_csv(
    path: Path, chunksize: int, sep: str | None, encoding: str | None, tab: bool
) -> Iterator[pd.DataFrame]:
    compression = compression_of(path)
    scan, enc = EncodingScan("?"), "?"
    fix = ("Check the delimiter and the quoting, or pass the delimiter and the encoding explicitly "
           "(--sep and --encoding on the command line, sep= and encoding= in Python).")
    skip, width = 0, None
    try:
        scan = _csv_encoding(path, compression, encoding)
        enc = scan.encoding
        sample, complete = read_text_sample(path, enc, compression, errors=_lenient(scan))
        declared = excel_sep_line(sample)
        if declared is not None:  # Excel's "sep=;" line: the delimiter, then the table
            skip = 1
            sample = sample.split("\n", 1)[1] if "\n" in sample else sample.split("\r", 1)[1]
            logger.info("%r names its delimiter on its first line: %r", path.name, declared)
        if sep is None:
            sep = declared or ("\t" if tab else sniff_delimiter(sample, complete=complete))
            logger.info("Reading %r with delimiter %r", path.name, sep)
        if len(sep) == 1:
            _dedupe_names(header_fields(sample, sep), path)  # warns about duplicates
        fix = (
            f"Check the delimiter (using {sep!r}) and the quoting, or pass the delimiter and the "
            "encoding explicitly (--sep and --encoding on the command line, sep= and encoding= in Python)."
        )
        options: dict[str, Any] = {
            "sep": sep, "dtype": str, "keep_default_na": False, "na_filter": False,
            "index_col": False, "encoding": enc, "encoding_errors": scan.errors,
            "compression": compression, "skiprows": skip,
            "engine": "c" if len(sep) == 1 else "python",
        }
        columns = list(pd.read_csv(path, nrows=0, **options).columns)  # the header, as pandas reads it
        width = len(columns)
        # Spare columns catch fields beyond the header's, which pandas would drop silently
        # (index_col=False) -- as many as the sample's widest record needs, at least one. The
        # header is read as a record (header=None: pandas would hold every row to its width)
        # and dropped from the first chunk, which is read one row longer.
        widest = widest_record(sample, sep, complete=complete) if len(sep) == 1 else 0
        spill = [_SPILL.format(i) for i in range(max(1, widest - width))]
        reader = pd.read_csv(path, names=columns + spill, header=None, chunksize=chunksize,
                             **options)
        with reader:
            chunks = itertools.chain([reader.get_chunk(chunksize + 1).iloc[1:]], reader)
            for chunk in chunks:
                if any(chunk[name].ne("").any() for name in spill):  # a row longer than the header:
                    spare = chunk[spill].to_numpy(dtype=object).ravel()  # text, or a trailing sep?
                    if any(isinstance(v, str) and v.strip() for v in spare):
                        raise _too_many_fields(
                            path, sep, width,
                            *_long_rows(path, scan, compression, sep, skip, width),
                        )
                for name in spill:
                    del chunk[name]
                if chunk.isna().any().any():  # short rows: missing trailing fields
                    chunk = chunk.fillna("")
                yield chunk
    except pd.errors.EmptyDataError as exc:
        raise EmptyInputError(
            f"[CX102] {path.name!r} has no data rows: it holds no header or columns. "
            "Check that you exported the right file."
        ) from exc
    except pd.errors.ParserError as exc:
        if width is not None and sep is not None and _TOO_MANY_FIELDS.search(str(exc)):
            count, lines = _long_rows(path, scan, compression, sep, skip, width)
            if count:
                raise _too_many_fields(path, sep, width, count, lines) from exc
        raise _unreadable(path, f"malformed CSV ({str(exc).strip()})", fix) from exc
    except UnicodeError as exc:  # a decode error, or e.g. "UTF-16 stream does not start with BOM"
        where = (f"bytes at offset {exc.start} are not valid {enc} ({exc.reason})"
                 if isinstance(exc, UnicodeDecodeError) else f"it cannot be read as {enc} ({exc})")
        if isinstance(exc, UnicodeDecodeError) and enc != "?":
            try:
                count, lines = undecodable_lines(path, enc, compression)
            except (LookupError, OSError, EOFError, UnicodeError):  # keep the decoder's own words
                count = 0
            if count:
                where = f"{_shown_lines(count, lines)} {'is' if count == 1 else 'are'} not valid {enc} ({exc.reason})"
        raise _unreadable(
            path, where,
            "Pass the right encoding, e.g. 'cp1252' or 'latin-1' (--encoding on the command line, "
            "encoding= in Python), or leave it unset (a file that is UTF-8 except for a few lines is "
            "then read with those lines' bytes as cp1252).",
        ) from exc
    except (OSError, EOFError) as exc:  # e.g. a corrupt or truncated .gz
        raise _unreadable(path, f"{type(exc).__name__}: {exc}", fix) from exc


# --------------------------------------------------------------------------- XLSX
def _header_names(row: tuple[Any, ...]) -> list[str]:
    width = max((i + 1 for i, v in enumerate(row) if v is not None and v != ""), default=0)
    return [f"Unnamed: {i}" if v is None or v == "" else str(v) for i, v in enumerate(row[:width])]


def _iter_xlsx(path: Path, chunksize: int, sheet: str | int | None) -> Iterator[pd.DataFrame]:
    from openpyxl import load_workbook

    # an open file, not the path: openpyxl refuses a path not named .xlsx/.xlsm (format="xlsx")
    fh = open(path, "rb")  # noqa: SIM115 (closed in the finally below, after the workbook)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "no default style" and the like
            workbook = load_workbook(fh, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors alike
        fh.close()
        raise _unreadable(
            path,
            f"not a valid .xlsx workbook ({type(exc).__name__}: {exc})",
            "Open it in Excel and save it again as .xlsx, or export CSV instead.",
        ) from exc
    try:
        names = workbook.sheetnames
        if sheet is None:
            ws = workbook.worksheets[0]
        elif isinstance(sheet, int) and not isinstance(sheet, bool):
            if not 0 <= sheet < len(names):
                raise _unreadable(
                    path,
                    f"it has no sheet number {sheet} (it has {len(names)}: {names})",
                    "Pass a sheet name or 0-based index (--sheet on the command line, sheet= in Python).",
                )
            ws = workbook.worksheets[sheet]
        elif sheet in names:
            ws = workbook[sheet]
        else:
            raise _unreadable(
                path, f"it has no sheet {sheet!r}", f"Available sheets: {names}. Pass one of them."
            )
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()  # some writers store wrong dimensions; read every row
        rows = ws.iter_rows(values_only=True)
        try:
            columns: list[str] = []
            for row in rows:
                columns = _header_names(row)
                if columns:
                    break
            if not columns:
                raise EmptyInputError(
                    f"[CX102] {path.name!r} has no data rows: sheet {ws.title!r} is empty. "
                    "Pass another sheet (--sheet on the command line, sheet= in Python)."
                )
            columns = _dedupe_names(columns, path)
            width, lost, pending_empty = len(columns), 0, 0
            buffer: list[tuple[Any, ...]] = []
            for row in rows:
                if all(v is None for v in row):
                    pending_empty += 1  # kept only if a non-empty row follows
                    continue
                buffer.extend([(None,) * width] * pending_empty)
                pending_empty = 0
                lost += sum(v is not None for v in row[width:])
                buffer.append(row[:width] + (None,) * (width - len(row)))
                while len(buffer) >= chunksize:
                    yield _frame_from_rows(buffer[:chunksize], columns)
                    del buffer[:chunksize]
            if buffer:
                yield _frame_from_rows(buffer, columns)
            if lost:
                logger.warning(
                    "%r: ignored %d non-empty cell(s) right of the last header cell; "
                    "give those columns a header to read them.",
                    path.name,
                    lost,
                )
        except CxTextError:
            raise
        except Exception as exc:
            raise _unreadable(
                path, f"the sheet data is corrupt ({type(exc).__name__}: {exc})"
            ) from exc
    finally:
        workbook.close()
        fh.close()


# --------------------------------------------------------------------------- Parquet
def _iter_parquet(path: Path, chunksize: int) -> Iterator[pd.DataFrame]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise _unreadable(
            path, f"not a valid Parquet file ({exc})", "Check that the file was written fully."
        ) from exc
    try:
        for batch in parquet.iter_batches(batch_size=chunksize):
            frame = batch.to_pandas()
            if frame.index.names != [None]:  # a stored pandas index: keep it as columns
                frame = frame.reset_index()
            for i, field in enumerate(batch.schema):
                if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
                    frame[field.name] = pd.Series(
                        batch.column(i).to_pylist(), index=frame.index, dtype=object
                    )
            yield frame
    except pa.ArrowException as exc:
        raise _unreadable(path, f"corrupt Parquet data ({exc})") from exc
    finally:
        parquet.close()


# --------------------------------------------------------------------------- JSON Lines
def _jsonl_objects(path: Path, encoding: str | None) -> Iterator[dict[str, Any]]:
    """The objects of a JSON Lines file, one per non-blank line, checked."""
    fix = 'Each line must hold one complete JSON object such as {"id": 1, "text": "…"}.'
    try:
        with open_binary(path, compression_of(path)) as raw:
            for lineno, line in enumerate(raw, start=1):
                if not line.strip():
                    continue
                try:
                    # bytes: json detects UTF-8/16/32 and a BOM itself
                    obj = json.loads(line if encoding is None else line.decode(encoding))
                except json.JSONDecodeError as exc:
                    raise _unreadable(
                        path, f"invalid JSON on line {lineno}, column {exc.colno}: {exc.msg}", fix
                    ) from exc
                except UnicodeError as exc:
                    raise _unreadable(
                        path,
                        f"line {lineno} is not valid {encoding or 'UTF-8'} "
                        f"({exc.reason if isinstance(exc, UnicodeDecodeError) else exc})",
                        "JSON Lines should be UTF-8; pass its encoding if it is not (--encoding on "
                        "the command line, encoding= in Python).",
                    ) from exc
                if not isinstance(obj, dict):
                    raise _unreadable(
                        path, f"line {lineno} holds a JSON {type(obj).__name__}, not an object", fix
                    )
                yield obj
    except (OSError, EOFError) as exc:  # e.g. a corrupt or truncated .gz
        raise _unreadable(path, f"{type(exc).__name__}: {exc}") from exc


def _iter_jsonl(path: Path, chunksize: int, encoding: str | None) -> Iterator[pd.DataFrame]:
    # First pass: every key of the file, so a key first seen in a later chunk is a column of
    # every chunk (missing values before it), as it is when the file fits in one chunk.
    keys: dict[str, None] = {}
    for obj in _jsonl_objects(path, encoding):
        if not obj.keys() <= keys.keys():
            keys.update(dict.fromkeys(obj))
    columns = list(keys)
    records: list[dict[str, Any]] = []
    for obj in _jsonl_objects(path, encoding):
        records.append(obj)
        if len(records) == chunksize:
            yield _frame_from_rows(records, columns)
            records = []
    if records:
        yield _frame_from_rows(records, columns)


#: Cells SurveyMonkey writes in its second header row, under single-choice and open-ended questions.
_SURVEYMONKEY_LABELS = frozenset({"Response", "Open-Ended Response"})
#: Columns SurveyMonkey exports first; empty in its second header row.
_SURVEYMONKEY_IDS = frozenset({"respondent id", "collector id"})
#: Rows under the column names that :func:`export_header_rows` looks at.
EXPORT_HEADER_DEPTH = 2


def _filled(row: Sequence[Any]) -> list[str]:
    return [v.strip() if isinstance(v, str) else "" for v in row]


def export_header_rows(frame: pd.DataFrame) -> tuple[int, str | None]:
    """How many leading rows of ``frame`` are a survey tool's extra header rows, and the tool.

    Only two specific patterns count, so a real comment is never taken for one:

    * Qualtrics puts two rows under the column names: each question's text,
      then ``{"ImportId":"QID2_TEXT"}`` cells. A first or second row holding
      such cells (two or more, and four in five of its filled cells) is the
      last header row.
    * SurveyMonkey puts one: ``Response`` or ``Open-Ended Response`` under
      each question (answer options under multiple-choice ones), nothing under
      ``Respondent ID``/``Collector ID``. A first row with such a label and
      those id cells empty (or, without them, two or more labels making four
      in five of its filled cells) is a header row.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table as read, its first rows as in the file.

    Returns
    -------
    (int, str or None)
        Rows to skip (0, 1 or 2) and ``"Qualtrics"``/``"SurveyMonkey"`` (``None`` for 0).

    Examples
    --------
    >>> sm = pd.DataFrame({"Respondent ID": ["", "114"], "Why?": ["Open-Ended Response", "Slow"]})
    >>> export_header_rows(sm)
    (1, 'SurveyMonkey')
    >>> export_header_rows(pd.DataFrame({"id": ["1"], "comment": ["Response"]}))
    (0, None)
    """
    for row in range(min(EXPORT_HEADER_DEPTH, len(frame))):
        cells = [v for v in _filled(frame.iloc[row].tolist()) if v]
        marked = sum(v.startswith('{"ImportId"') for v in cells)
        if marked >= 2 and marked >= 0.8 * len(cells):
            return row + 1, "Qualtrics"
    if len(frame):
        cells = _filled(frame.iloc[0].tolist())
        labels = sum(v in _SURVEYMONKEY_LABELS for v in cells)
        ids = [i for i, c in enumerate(frame.columns) if str(c).strip().casefold() in _SURVEYMONKEY_IDS]
        filled = [v for v in cells if v]
        if labels and ((ids and not any(cells[i] for i in ids))
                       or (labels >= 2 and labels >= 0.8 * len(filled))):
            return 1, "SurveyMonkey"
    return 0, None


def _without_export_header_rows(first: pd.DataFrame, path: Path) -> pd.DataFrame:
    """The first rows of a table without a survey tool's extra header rows (:func:`export_header_rows`).

    ``first`` holds the first :data:`EXPORT_HEADER_DEPTH` rows of the file at
    least (when it has them), whatever the chunk size.
    """
    skip, tool = export_header_rows(first)
    if not skip:
        return first
    what = ("question texts and ImportId cells" if tool == "Qualtrics"
            else "'Response'/'Open-Ended Response' labels")
    logger.warning("%s: skipped %d header row(s) of a %s export under the column names (%s); "
                   "responses start on row %d of the file.", path.name, skip, tool, what, skip + 2)
    return first.iloc[skip:]


def _head_rows(chunks: Iterator[pd.DataFrame], rows: int) -> pd.DataFrame | None:
    """The first chunks of ``chunks`` joined until they hold ``rows`` rows (``None`` if none)."""
    head: list[pd.DataFrame] = []
    for chunk in chunks:
        head.append(chunk)
        if sum(len(c) for c in head) >= rows:
            break
    if not head:
        return None
    return head[0] if len(head) == 1 else pd.concat(head)


# --------------------------------------------------------------------------- public API
def _with_global_index(first: pd.DataFrame, rest: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    start = 0
    for chunk in _chain(first, rest):
        if len(chunk) == 0:
            continue
        chunk.index = pd.RangeIndex(start, start + len(chunk))
        start += len(chunk)
        yield chunk


def _chain(first: pd.DataFrame, rest: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    yield first
    yield from rest


def iter_table(
    path: PathLike,
    *,
    chunksize: int = 10_000,
    format: str | None = None,
    sep: str | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
) -> Iterator[pd.DataFrame]:
    """Stream a CSV/TSV, XLSX, Parquet or JSON Lines file in chunks.

    The file is opened, checked and its first chunk read when this function is
    called, so a missing, malformed or empty file raises here rather than at
    the first ``next()``. Later problems (a bad line deep in the file) raise
    while iterating.

    Parameters
    ----------
    path : str or path-like
        The file. The format comes from the extension (see
        :func:`~cxtext.io.detect_format`); ``.gz``/``.bz2``/``.xz`` compressed
        CSV/TSV/JSONL files are decompressed on the fly.
    chunksize : int, default 10_000
        Rows per chunk; memory is bounded by it, not by the file size.
    format : {"csv", "tsv", "xlsx", "parquet", "jsonl"}, optional
        Overrides the extension.
    sep : str, optional
        CSV delimiter. By default tab for ``.tsv``, otherwise sniffed among
        ``,`` ``;`` tab ``|``.
    encoding : str, optional
        Text encoding (CSV and JSONL). CSV default: detected (UTF-8, else
        cp1252, else Latin-1, see :mod:`cxtext.io.sniff`; a mostly-UTF-8 file
        is read as UTF-8, its stray bytes as cp1252, with a warning); JSONL
        default UTF-8. A given encoding is used as is, strictly.
    sheet : str or int, optional
        XLSX sheet name or 0-based index; default the first sheet.

    Yields
    ------
    pandas.DataFrame
        Non-empty chunks with a continuing ``RangeIndex`` (``0..k-1``, then
        ``k..``). CSV columns are all text (``str``), exactly as in the file.
        The extra header rows of a Qualtrics or SurveyMonkey export (see
        :func:`export_header_rows`) are skipped, with a warning, whatever the
        ``chunksize``.

    Raises
    ------
    UnreadableFileError
        ``[CX104]`` the path is missing, a directory or unreadable, or the
        content is malformed (the message says where).
    EmptyInputError
        ``[CX102]`` the file is empty or has a header but no data rows.
    UnsupportedFormatError
        ``[CX105]`` the extension or ``format`` is not supported.
    ConfigError
        ``[CX301]`` bad ``chunksize``, ``[CX302]`` unknown ``encoding``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "answers.csv"
    >>> _ = p.write_text("id;comment\\n007;Great\\n008;\\n009;NA\\n", encoding="utf-8")
    >>> chunks = list(iter_table(p, chunksize=2))
    >>> [list(c.index) for c in chunks]
    [[0, 1], [2]]
    >>> chunks[0]["id"].tolist(), chunks[1]["comment"].tolist()
    (['007', '008'], ['NA'])
    """
    path = Path(path)
    chunksize = _check_chunksize(chunksize)
    fmt = detect_format(path, format=format)
    size = _check_file(path)
    if size == 0:
        raise EmptyInputError(
            f"[CX102] {path.name!r} has no data rows: the file is empty (0 bytes). "
            "Check that the export finished and that you picked the right file."
        )
    _check_content(path, fmt, compression_of(path) if fmt in ("csv", "jsonl") else None)
    chunks: Iterator[pd.DataFrame]
    if fmt == "csv":
        tab = is_tab_separated(path, format)
        chunks = _iter_csv(path, chunksize, sep, encoding, tab)
    elif fmt == "xlsx":
        chunks = _iter_xlsx(path, chunksize, sheet)
    elif fmt == "parquet":
        chunks = _iter_parquet(path, chunksize)
    else:
        chunks = _iter_jsonl(path, chunksize, encoding)
    # the header rows of a survey export are looked for in the first rows, even over chunks of one row
    head = _head_rows(chunks, EXPORT_HEADER_DEPTH)
    if head is not None:
        head = _without_export_header_rows(head, path)
        pieces = [head.iloc[i:i + chunksize] for i in range(0, len(head), chunksize)]
        chunks = itertools.chain(pieces, chunks)
    for first in chunks:
        if len(first):
            return _with_global_index(first, chunks)
    raise EmptyInputError(
        f"[CX102] {path.name!r} has no data rows: it has a header (or schema) but no "
        "records. Check that you exported the right file, sheet or filter."
    )


def read_table(
    path: PathLike,
    *,
    chunksize: int = 10_000,
    format: str | None = None,
    sep: str | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Read a whole CSV/TSV, XLSX, Parquet or JSON Lines file into one DataFrame.

    Same options, rules and errors as :func:`iter_table`, whose chunks are
    concatenated; the result has a ``RangeIndex`` from 0.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "answers.tsv"
    >>> _ = p.write_text("id\\tcomment\\n570306133677760513\\tok\\n", encoding="utf-8")
    >>> read_table(p)["id"].tolist()
    ['570306133677760513']
    """
    chunks = list(
        iter_table(
            path, chunksize=chunksize, format=format, sep=sep, encoding=encoding, sheet=sheet
        )
    )
    if len(chunks) == 1:
        return chunks[0]
    return pd.concat(chunks)
