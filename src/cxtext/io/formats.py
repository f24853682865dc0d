"""File formats cxtext reads and writes, recognised from the file name.

One job: map a path (or an explicit ``format=``) to one of the four format names
``"csv"``, ``"xlsx"``, ``"parquet"`` and ``"jsonl"``, tell which compression
wraps a text file, and name the files written beside an output
(:func:`sibling_path`: ``out.jsonl.gz`` -> ``out.mentions.jsonl.gz``).
"""

from __future__ import annotations

import os
from pathlib import Path

from cxtext.errors import UnsupportedFormatError

__all__ = ["FORMATS", "compression_of", "detect_format", "is_tab_separated", "sibling_path"]

#: The format names returned by :func:`detect_format`.
FORMATS: tuple[str, ...] = ("csv", "xlsx", "parquet", "jsonl")

_EXTENSIONS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json-lines": "jsonl",
}
# Text formats may be compressed; the value is the name pandas uses.
_COMPRESSIONS: dict[str, str] = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz"}
_TEXT_FORMATS = ("csv", "jsonl")
# Names accepted for ``format=`` besides the four canonical ones.
_ALIASES: dict[str, str] = {
    "tsv": "csv",
    "txt": "csv",
    "excel": "xlsx",
    "xlsm": "xlsx",
    "pq": "parquet",
    "ndjson": "jsonl",
    "json-lines": "jsonl",
    "jsonlines": "jsonl",
}


def _supported_list() -> str:
    exts = list(_EXTENSIONS) + [
        f"{e}{c}" for e, f in _EXTENSIONS.items() if f in _TEXT_FORMATS for c in _COMPRESSIONS
    ]
    return ", ".join(exts)


def _split_suffix(path: str | os.PathLike[str]) -> tuple[str, str]:
    """Return ``(format suffix, compression suffix)``, both lower case."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] in _COMPRESSIONS:
        return (suffixes[-2] if len(suffixes) > 1 else ""), suffixes[-1]
    return (suffixes[-1] if suffixes else ""), ""


def detect_format(path: str | os.PathLike[str], *, format: str | None = None) -> str:
    """Name the tabular format of ``path`` from its extension.

    Parameters
    ----------
    path : str or path-like
        The file name; the file need not exist.
    format : str, optional
        An explicit format that wins over the extension: ``"csv"``, ``"xlsx"``,
        ``"parquet"`` or ``"jsonl"`` (aliases such as ``"tsv"``, ``"excel"``,
        ``"pq"`` and ``"ndjson"`` are accepted too).

    Returns
    -------
    str
        One of ``"csv"``, ``"xlsx"``, ``"parquet"``, ``"jsonl"``.

    Raises
    ------
    UnsupportedFormatError
        The extension (or ``format``) is not one cxtext handles, e.g. ``.doc`` or
        ``.xls``, or a compressed binary format such as ``.parquet.gz``.

    Examples
    --------
    >>> detect_format("survey_2024.CSV")
    'csv'
    >>> detect_format("comments.tsv.gz")
    'csv'
    >>> detect_format("export.dat", format="tsv")
    'csv'
    >>> detect_format("answers.ndjson")
    'jsonl'
    """
    return _detect(path, format=format, action="read")


def _detect(path: str | os.PathLike[str], *, format: str | None, action: str) -> str:
    """:func:`detect_format` with the verb (``"read"``/``"write"``) used in messages."""
    name = Path(path).name
    if format is not None:
        key = str(format).lower().lstrip(".")
        fmt = key if key in FORMATS else _ALIASES.get(key)
        if fmt is None:
            raise UnsupportedFormatError(
                f"[CX105] Unknown format={format!r} for {name!r}. "
                f"Pass one of: {', '.join(FORMATS)} "
                f"({'--output-format' if action == 'write' else '--format'} on the command line)."
            )
        return fmt
    ext, comp = _split_suffix(path)
    fmt = _EXTENSIONS.get(ext)
    if fmt is None or (comp and fmt not in _TEXT_FORMATS):
        shown = f"{ext}{comp}" or "(no extension)"
        formats = "|".join(repr(f) for f in FORMATS)
        if action == "write":
            fix = ("Name the output with one of these extensions (for JSON, '.jsonl': JSON Lines, one "
                   f"object per line) or pass format={formats} (--output-format on the command line).")
        else:
            fix = ("Convert the file (for .xls, save it as .xlsx) or pass format="
                   f"{formats} (--format on the command line).")
        raise UnsupportedFormatError(
            f"[CX105] Cannot {action} {name!r}: unsupported format {shown!r}. "
            f"Supported: {_supported_list()}. {fix}"
        )
    return fmt


def compression_of(path: str | os.PathLike[str]) -> str | None:
    """Return the compression of a text file from its last suffix, or ``None``.

    Examples
    --------
    >>> compression_of("a.csv.gz"), compression_of("a.csv")
    ('gzip', None)
    """
    return _COMPRESSIONS.get(_split_suffix(path)[1])


def is_tab_separated(path: str | os.PathLike[str], format: str | None = None) -> bool:
    """Whether the name (or ``format="tsv"``) says the file is tab separated.

    Examples
    --------
    >>> is_tab_separated("a.tsv.gz"), is_tab_separated("a.csv"), is_tab_separated("a", "tsv")
    (True, False, True)
    """
    if format is not None:
        return str(format).lower().lstrip(".") == "tsv"
    return _split_suffix(path)[0] == ".tsv"


def sibling_path(path: str | os.PathLike[str], tag: str, extension: str | None = None) -> Path:
    """A file beside ``path`` named with ``tag`` before its whole extension.

    The extension is the last suffix, or the last two when the last is a
    compression suffix (``.gz``, ``.bz2``, ``.xz``), so the sibling keeps the
    format and the compression of ``path`` and is read and written like it.

    Parameters
    ----------
    path : str or path-like
        The output file; it need not exist.
    tag : str
        Inserted before the extension, without the dot (``"mentions"``).
    extension : str, optional
        Replaces the whole extension (``".json"``); by default it is kept.

    Examples
    --------
    >>> [sibling_path(p, "mentions").name for p in ("out.csv", "out.jsonl.gz", "a.b.tsv.xz", "res.dat")]
    ['out.mentions.csv', 'out.mentions.jsonl.gz', 'a.b.mentions.tsv.xz', 'res.mentions.dat']
    >>> sibling_path("results/out.csv.bz2", "info", ".json").as_posix()
    'results/out.info.json'
    """
    path = Path(path)
    suffixes = path.suffixes
    count = 2 if len(suffixes) > 1 and suffixes[-1].lower() in _COMPRESSIONS else min(len(suffixes), 1)
    ext = "".join(suffixes[len(suffixes) - count:])
    stem = path.name[: len(path.name) - len(ext)]
    return path.with_name(f"{stem}.{tag}{ext if extension is None else extension}")
