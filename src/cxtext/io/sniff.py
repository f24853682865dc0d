"""Guess the text encoding and the delimiter of a delimited text export.

Why hand-written: ``csv.Sniffer`` often picks a character that merely appears
in the text (a comma inside a semicolon export), and charset guessers
(chardet & co.) are slow, probabilistic and an extra dependency. Survey and
CRM exports come in very few encodings, so a deterministic rule is both
faster and easier to explain:

* a UTF-16 byte-order mark wins;
* otherwise the whole file is streamed once, in 1 MiB blocks, through an
  incremental UTF-8 decoder: if every byte decodes, it is UTF-8 (a UTF-8
  byte-order mark is stripped);
* else the file is streamed a second time, counting the non-ASCII characters
  that decode as UTF-8 and the bytes that do not. A file with a UTF-8
  byte-order mark, or with more of the first, is *mostly UTF-8*: typically a UTF-8 export in
  which a few lines were typed or pasted in a Windows program (byte ``0x92``, a
  curly apostrophe in Windows-1252). Reading it all as Windows-1252 would turn
  every correct é, “ ” or emoji elsewhere into mojibake, so it is read as UTF-8
  and only the bytes that are not UTF-8 are decoded as Windows-1252, by the
  :data:`CP1252_FALLBACK` codec error handler (registered with
  :func:`codecs.register_error` by :func:`scan_encoding` when it finds such a
  file, so it works in any streaming decoder: pandas' chunked reader
  included, no need to load the file). In a genuine Windows-1252 file, byte
  pairs that happen to be valid UTF-8 (``Ã©``, ``É’``) are rare beside its
  other accented characters, which are not; a tie (in a tiny file) is read as
  UTF-8, as most exports are. Either way every byte that is not UTF-8 is read
  as Windows-1252, so only those accidental pairs, or in a Windows-1252 reading
  the UTF-8 characters, can come out wrong;
* else it is Windows-1252 (what Excel on Windows writes) unless one of the five
  bytes cp1252 leaves undefined occurs outside valid UTF-8, in which case it
  is Latin-1, which decodes any byte (one inside valid UTF-8, as ``”`` holds,
  is decoded as Latin-1 by the same error handler).

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
import itertools
import logging
import lzma
import os
import re
from collections.abc import Callable
from typing import IO, Any, NamedTuple

__all__ = [
    "CP1252_FALLBACK", "SHOWN_LINES", "EncodingScan", "detect_encoding", "excel_sep_line", "header_fields",
    "open_binary", "read_text_sample", "scan_encoding", "sniff_delimiter", "undecodable_lines", "widest_record",
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
#: How many line numbers a message lists (non-UTF-8 lines here, CX104's long rows in the readers).
SHOWN_LINES = 5

#: Name of the codec error handler that decodes each byte a UTF-8 decoder rejects as
#: Windows-1252 (Latin-1 for the five bytes cp1252 leaves undefined). Pass it as
#: ``errors=`` with a UTF-8 codec to read a mostly-UTF-8 file (see the module docstring).
CP1252_FALLBACK = "cxtext-cp1252-fallback"
_BYTE_CHARS = tuple(
    chr(b) if bytes([b]) in _CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in range(256)
)


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(_BYTE_CHARS[b] for b in exc.object[exc.start:exc.end]), exc.end


def _register_fallback() -> None:
    """Register :data:`CP1252_FALLBACK` with :mod:`codecs` (idempotent; done on first use, not at import)."""
    try:
        codecs.lookup_error(CP1252_FALLBACK)
    except LookupError:
        codecs.register_error(CP1252_FALLBACK, _cp1252_fallback)


class EncodingScan(NamedTuple):
    """How to decode a file: the result of :func:`scan_encoding`."""

    #: The codec: ``"utf-8-sig"``, ``"utf-16"``, ``"cp1252"`` or ``"latin-1"``.
    encoding: str
    #: ``"strict"``, or :data:`CP1252_FALLBACK` for a mostly-UTF-8 file (or a cp1252 one holding 0x9D & co.).
    errors: str = "strict"
    #: How many lines are not valid UTF-8 (read as cp1252); 0 unless ``errors`` is the fallback.
    bad_lines: int = 0
    #: The first few of them (1-based physical line numbers of the file).
    first_bad_lines: tuple[int, ...] = ()


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
        The file to check. It is streamed (once if it is all UTF-8, else
        twice), at most 1 MiB at a time, so memory stays bounded whatever its size.
    compression : {"gzip", "bz2", "xz"}, optional
        Decompress while checking.

    Returns
    -------
    str
        ``"utf-8-sig"`` (UTF-8, with or without a BOM: the codec strips one if
        present), ``"utf-16"`` (BOM present), ``"cp1252"`` or ``"latin-1"``.
        A mostly-UTF-8 file gives ``"utf-8-sig"``, to be read with
        ``errors=CP1252_FALLBACK``: use :func:`scan_encoding` to know.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_bytes("id,text\\n1,café\\n".encode("cp1252"))
    >>> detect_encoding(p)
    'cp1252'
    """
    return scan_encoding(path, compression).encoding


def scan_encoding(path: str | os.PathLike[str], compression: str | None = None) -> EncodingScan:
    """Decide how to decode a file, including a mostly-UTF-8 one, streaming.

    Same rules as :func:`detect_encoding` (see the module docstring), which
    returns only the codec. A file that is UTF-8 except for some lines comes
    back as ``EncodingScan("utf-8-sig", CP1252_FALLBACK, n, (first lines…))``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_bytes("id,text\\n1,café crème\\n".encode() + b"2,it\\x92s\\n")
    >>> scan = scan_encoding(p)  # also registers the CP1252_FALLBACK handler
    >>> scan.encoding, scan.errors == CP1252_FALLBACK, scan.bad_lines, scan.first_bad_lines
    ('utf-8-sig', True, 1, (3,))
    >>> b"it\\x92s caf\\xc3\\xa9".decode("utf-8", CP1252_FALLBACK)
    'it’s café'
    """
    with open_binary(path, compression) as fh:
        block = fh.read(_BLOCK)
        if block.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return EncodingScan("utf-16")
        bom = block.startswith(codecs.BOM_UTF8)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while block:
                decoder.decode(block)
                block = fh.read(_BLOCK)
            decoder.decode(b"", final=True)  # a truncated sequence at the very end
            return EncodingScan("utf-8-sig")
        except UnicodeDecodeError:
            pass
    with open_binary(path, compression) as fh:
        vote = _vote_bytes(fh)
    if bom or (vote.utf8_chars and vote.utf8_chars >= vote.bad_bytes):
        _register_fallback()
        return EncodingScan("utf-8-sig", CP1252_FALLBACK, vote.bad_lines, tuple(vote.first_bad))
    if vote.undefined_in_utf8:  # a cp1252 file with a pasted UTF-8 "”": decode its 0x9D as Latin-1
        _register_fallback()
        return EncodingScan("cp1252", CP1252_FALLBACK)
    return EncodingScan("cp1252" if vote.cp1252_ok else "latin-1")


# In text decoded with errors="surrogateescape", a lone surrogate is a byte that is not UTF-8.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
# ... and these are the bytes cp1252 leaves undefined, when they are not part of valid UTF-8.
_UNDEFINED = re.compile("[" + "".join(chr(0xDC00 + b[0]) for b in _CP1252_UNDEFINED) + "]")
# A line (of complete lines) up to its first byte that is not UTF-8.
_BAD_LINE = re.compile("^[^\n\udc80-\udcff]*[\udc80-\udcff]", re.MULTILINE)


class _ByteVote(NamedTuple):
    utf8_chars: int  # non-ASCII characters that decoded as UTF-8
    bad_bytes: int  # bytes that did not
    bad_lines: int  # lines holding such bytes
    first_bad: list[int]  # the first few of them (1-based)
    cp1252_ok: bool  # no byte cp1252 leaves undefined among the bad bytes
    undefined_in_utf8: bool  # ... but one inside a valid UTF-8 sequence (the 0x9D of "”")


def _vote_bytes(fh: IO[bytes], encoding: str = "utf-8") -> _ByteVote:
    """Count what decodes as ``encoding`` (UTF-8) and what does not, streaming (see :func:`scan_encoding`).

    Blocks of 1 MiB go through an incremental UTF-8 decoder with
    ``errors="surrogateescape"``, so each invalid byte becomes a lone surrogate;
    regular expressions count them and the lines holding them: no per-line
    Python loop, and a line longer than a block (or a file without line ends)
    only carries a flag to the next block. Lines end at ``\n``, ``\r\n`` or a
    lone ``\r`` (old Mac exports), as the CSV reader ends them.
    """
    decoder = codecs.getincrementaldecoder(encoding)("surrogateescape")
    utf8_chars = bad_bytes = bad_lines = 0
    first_bad: list[int] = []
    cp1252_ok, raw_undefined = True, False
    lineno, bad, pending = 1, False, ""  # the line being read: its number, a bad byte so far; a held "\r"

    def end_line() -> None:
        nonlocal bad_lines
        if bad:
            bad_lines += 1
            if len(first_bad) < SHOWN_LINES:
                first_bad.append(lineno)

    while True:
        block = fh.read(_BLOCK)
        raw_undefined = raw_undefined or any(b in block for b in _CP1252_UNDEFINED)
        text = pending + decoder.decode(block, final=not block)
        pending = "\r" if block and text.endswith("\r") else ""  # its "\n" may start the next block
        if pending:
            text = text[:-1]
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        invalid = len(_NOT_UTF8.findall(text))
        if invalid:
            bad_bytes += invalid
            cp1252_ok = cp1252_ok and _UNDEFINED.search(text) is None
        utf8_chars += len(text) - len(text.encode("ascii", "ignore")) - invalid
        head, newline, rest = text.partition("\n")
        bad = bad or (invalid > 0 and _NOT_UTF8.search(head) is not None)
        if newline:
            end_line()
            lineno += 1
            cut = rest.rfind("\n") + 1
            lines, tail = rest[:cut], rest[cut:]  # complete lines, then the start of one
            if lines and invalid:
                if len(first_bad) < SHOWN_LINES:
                    for match in itertools.islice(_BAD_LINE.finditer(lines), SHOWN_LINES - len(first_bad)):
                        first_bad.append(lineno + lines.count("\n", 0, match.start()))
                bad_lines += len(_BAD_LINE.findall(lines))
            lineno += lines.count("\n")
            bad = invalid > 0 and _NOT_UTF8.search(tail) is not None
        if not block:
            break
    end_line()
    return _ByteVote(utf8_chars, bad_bytes, bad_lines, first_bad, cp1252_ok, cp1252_ok and raw_undefined)


def undecodable_lines(path: str | os.PathLike[str], encoding: str,
                      compression: str | None = None) -> tuple[int, tuple[int, ...]]:
    """How many lines of ``path`` do not decode as ``encoding``, and the first few (1-based).

    For error messages: a decode error's offset counts characters of a field,
    not bytes of the file. Streams the file once.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_bytes(b"id,text\\n1,ok\\n2,it\\x92s\\n")
    >>> undecodable_lines(p, "utf-8")
    (1, (3,))
    """
    with open_binary(path, compression) as fh:
        vote = _vote_bytes(fh, encoding)
    return vote.bad_lines, tuple(vote.first_bad)


def read_text_sample(
    path: str | os.PathLike[str],
    encoding: str,
    compression: str | None = None,
    size: int = SAMPLE_CHARS,
    errors: str = "replace",
) -> tuple[str, bool]:
    """Return up to ``size`` decoded characters and whether they are the whole file."""
    with open_binary(path, compression) as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="")
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
