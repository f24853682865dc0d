"""Guess the text encoding and the delimiter of a delimited text export.

Why hand-written: ``csv.Sniffer`` often picks a character that merely appears
in the text (a comma inside a semicolon export), and charset guessers
(chardet & co.) are slow, probabilistic and an extra dependency. Survey and
CRM exports come in very few encodings, so a deterministic rule is both
faster and easier to explain:

* a byte-order mark wins (UTF-8 or UTF-16);
* otherwise the whole file is streamed once, in 1 MiB blocks, through an
  incremental UTF-8 decoder: if every byte decodes, it is UTF-8;
* else it is Windows-1252 (what Excel on Windows writes) unless one of the five
  bytes cp1252 leaves undefined occurs, in which case it is Latin-1, which
  decodes any byte.

The delimiter is the candidate (``,`` ``;`` tab ``|``) that splits the first
~64 KB into the most consistent number of fields (> 1) per record, parsing
with :mod:`csv` so that delimiters inside quoted fields do not count. A first
line ``sep=;``, which Excel writes and reads to name the delimiter, names it
instead (:func:`excel_sep_line`); that line is not part of the table.
"""

from __future__ import annotations

import bz2
import codecs
import csv
import gzip
import io
import logging
import lzma
import os
import re
from collections.abc import Callable
from typing import IO, Any

__all__ = [
    "detect_encoding", "excel_sep_line", "header_fields", "open_binary", "read_text_sample",
    "sniff_delimiter", "widest_record",
]

logger = logging.getLogger(__name__)

_BLOCK = 1 << 20
SAMPLE_CHARS = 64 * 1024
CANDIDATES: tuple[str, ...] = (",", ";", "\t", "|")
# Bytes that have no character in Windows-1252.
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
_OPENERS: dict[str, Callable[..., Any]] = {"gzip": gzip.open, "bz2": bz2.open, "xz": lzma.open}
# Excel's delimiter line: "sep=;" alone on the first line (some tools quote it).
_EXCEL_SEP = re.compile(r'"?sep=([^\r\n"])"?[ \t]*(?:\r\n|\n|\r)', re.IGNORECASE)


def open_binary(path: str | os.PathLike[str], compression: str | None = None) -> IO[bytes]:
    """Open ``path`` for reading bytes, decompressing ``gzip``/``bz2``/``xz`` on the fly."""
    if compression is None:
        return open(path, "rb")
    return _OPENERS[compression](path, "rb")


def detect_encoding(path: str | os.PathLike[str], compression: str | None = None) -> str:
    """Decide the text encoding of a file by checking its bytes, streaming.

    Parameters
    ----------
    path : str or path-like
        The file to check. It is read once, 1 MiB at a time, so memory stays
        bounded whatever its size.
    compression : {"gzip", "bz2", "xz"}, optional
        Decompress while checking.

    Returns
    -------
    str
        ``"utf-8-sig"`` (UTF-8, with or without a BOM: the codec strips one if
        present), ``"utf-16"`` (BOM present), ``"cp1252"`` or ``"latin-1"``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_bytes("id,text\\n1,café\\n".encode("cp1252"))
    >>> detect_encoding(p)
    'cp1252'
    """
    with open_binary(path, compression) as fh:
        block = fh.read(_BLOCK)
        if block.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if block.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        decoder = codecs.getincrementaldecoder("utf-8")()
        utf8_ok = cp1252_ok = True
        while block:
            if utf8_ok:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    utf8_ok = False
            if cp1252_ok and any(b in block for b in _CP1252_UNDEFINED):
                cp1252_ok = False
            if not (utf8_ok or cp1252_ok):
                break
            block = fh.read(_BLOCK)
        if utf8_ok:
            try:
                decoder.decode(b"", final=True)  # a truncated sequence at the very end
            except UnicodeDecodeError:
                utf8_ok = False
    if utf8_ok:
        return "utf-8-sig"
    return "cp1252" if cp1252_ok else "latin-1"


def read_text_sample(
    path: str | os.PathLike[str],
    encoding: str,
    compression: str | None = None,
    size: int = SAMPLE_CHARS,
) -> tuple[str, bool]:
    """Return up to ``size`` decoded characters and whether they are the whole file."""
    with open_binary(path, compression) as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        sample = text.read(size)
        complete = text.read(1) == ""
    return sample, complete


def _records(sample: str, delimiter: str, complete: bool) -> list[list[str]]:
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, strict=False)
    try:
        rows = [row for row in reader if row]
    except csv.Error:  # e.g. NUL bytes or a runaway quote: not this delimiter's fault
        rows = []
    if not complete and len(rows) > 1:
        rows.pop()  # the last record may be cut off mid-way
    return rows


def sniff_delimiter(sample: str, *, complete: bool = True, default: str = ",") -> str:
    """Pick the delimiter that splits ``sample`` most consistently.

    Parameters
    ----------
    sample : str
        The start of the file, decoded.
    complete : bool, default True
        Whether ``sample`` is the whole file; if not, its last record is
        ignored because it may be cut short.
    default : str, default ","
        Returned when no candidate gives more than one field (a one-column file).

    Returns
    -------
    str
        One of ``,`` ``;`` tab ``|``, or ``default``.

    Examples
    --------
    >>> sniff_delimiter('id;comment\\n1;"fast, friendly"\\n2;slow, rude\\n')
    ';'
    >>> sniff_delimiter("comment\\ngood\\n")
    ','
    """
    best: tuple[float, int, int] | None = None
    choice = default
    for rank, delimiter in enumerate(CANDIDATES):
        rows = _records(sample, delimiter, complete)
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        consistency = sum(len(r) == width for r in rows) / len(rows)
        score = (consistency, width, -rank)
        if best is None or score > best:
            best, choice = score, delimiter
    return choice


def header_fields(sample: str, delimiter: str) -> list[str]:
    """The first record of ``sample`` split on ``delimiter`` (empty if none)."""
    rows = _records(sample, delimiter, complete=True)
    return rows[0] if rows else []


def excel_sep_line(sample: str) -> str | None:
    """The delimiter named by an Excel ``sep=X`` first line of ``sample``, or ``None``.

    Excel writes (and honours) such a line to fix the delimiter of a CSV; it
    is not a header or a record.

    Examples
    --------
    >>> excel_sep_line("sep=;\\nid;comment\\n1;ok\\n"), excel_sep_line("id,comment\\n")
    (';', None)
    """
    match = _EXCEL_SEP.match(sample)
    return match.group(1) if match else None


def widest_record(sample: str, delimiter: str, *, complete: bool = True) -> int:
    """The most fields any record of ``sample`` has when split on ``delimiter`` (0 if none).

    Examples
    --------
    >>> widest_record('a,b\\n1,"x, y"\\n2,x, y\\n', ",")
    3
    """
    return max((len(row) for row in _records(sample, delimiter, complete)), default=0)
