"""Read options shared by the ``train`` and ``evaluate`` commands.

Every command that reads a labelled file takes the same ``INPUT`` argument and
``--format``, ``--encoding``, ``--sheet`` and CSV-delimiter options, checks the
same way that the named columns exist and that there are rows, and writes its
report the same way (JSON plus a markdown file beside it). The option types
here are ``typing.Annotated`` aliases, so a command declares
``encoding: EncodingOpt = None`` and gets the shared flag and help text.

The CSV delimiter is ``--delimiter`` on every command that reads labelled
data; ``train``/``evaluate sentiment`` (and ``analyze``) also take ``--sep``
for it (:data:`CsvSepOpt`), while the theme and emotion commands use ``--sep``
for the separator inside their label column (:data:`DelimiterOpt`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cxtext.errors import ColumnNotFoundError, EmptyInputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CommercialUseOpt", "CsvSepOpt", "DelimiterOpt", "EncodingOpt", "ForceOpt", "FormatOpt", "InputArg",
    "LicenceOpt", "ModelNameOpt", "ModelVersionOpt", "RegularisationOpt", "SheetOpt",
    "check_file_path", "check_report_output", "read_labelled", "report_paths", "same_file", "write_report",
]

logger = logging.getLogger(__name__)

InputArg = Annotated[Path, typer.Argument(
    help="Labelled comments: .csv/.tsv(.gz), .xlsx, .parquet or .jsonl.")]
FormatOpt = Annotated[str | None, typer.Option(
    "--format", help="Input format if the extension is unusual.")]
EncodingOpt = Annotated[str | None, typer.Option(
    "--encoding", help="Input encoding (default: UTF-8 with fallbacks).")]
SheetOpt = Annotated[str | None, typer.Option(
    "--sheet", help="XLSX sheet name (default: the first).")]
CsvSepOpt = Annotated[str | None, typer.Option(
    "--sep", "--delimiter", help="CSV delimiter (default: sniffed).")]
# Options of every `cxtext train ...` command (the model folder's manifest and card).
ModelNameOpt = Annotated[str | None, typer.Option(
    "--name", help="Model name in the manifest (default: the folder above --output).")]
ModelVersionOpt = Annotated[str | None, typer.Option(
    "--version", help="Model version (default: the --output folder name).")]
LicenceOpt = Annotated[str, typer.Option(
    "--licence", help="Licence of your training data, recorded in the manifest and card.")]
CommercialUseOpt = Annotated[bool, typer.Option(
    "--commercial-use/--no-commercial-use", help="Whether that licence allows commercial use.")]
ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Replace a model saved in the --output folder before (only the files its manifest lists; "
                    "any other file there stops the run).")]
RegularisationOpt = Annotated[float, typer.Option("--C", min=1e-6, help="Inverse regularisation strength.")]
DelimiterOpt = Annotated[str | None, typer.Option(
    "--delimiter", help="CSV delimiter (default: sniffed).")]


def read_labelled(src: Path, columns: Mapping[str, str | None], *, in_format: str | None = None,
                  delimiter: str | None = None, encoding: str | None = None,
                  sheet: str | None = None) -> pd.DataFrame:
    """Read ``src`` and check that it has rows and the named columns.

    Parameters
    ----------
    src : Path
        The labelled file (any format :func:`cxtext.io.read_table` reads).
    columns : mapping of role to column name
        Columns that must exist, keyed by what they are for (``"text"``,
        ``"label"`` ...; the role names the column in the error). ``None``
        values are optional columns that were not asked for.
    in_format, delimiter, encoding, sheet : str, optional
        Passed to :func:`cxtext.io.read_table` (``delimiter`` as its ``sep``).

    Raises
    ------
    ColumnNotFoundError
        ``[CX101]``, listing the columns that exist.
    EmptyInputError
        ``[CX102]`` when the file has no data rows.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "labelled.csv"
    >>> _ = path.write_text("comment,label\\nGreat staff,positive\\n", encoding="utf-8")
    >>> read_labelled(path, {"text": "comment", "label": "label"}).shape
    (1, 2)
    >>> read_labelled(path, {"text": "review"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cxtext.errors.ColumnNotFoundError: [CX101] Text column 'review' not found. ...
    """
    from cxtext.io import read_table

    data = read_table(src, format=in_format, sep=delimiter, encoding=encoding, sheet=sheet)
    for role, col in columns.items():
        if col is not None and col not in data.columns:
            raise ColumnNotFoundError(col, available=list(data.columns), role=role)
    if len(data) == 0:
        raise EmptyInputError(f"[CX102] {str(src)!r} has no data rows; nothing to use.")
    return data


def report_paths(output: Path) -> tuple[Path, Path]:
    """The JSON and markdown files of a report asked for as ``-o output``.

    ``-o eval.json`` writes ``eval.json`` and ``eval.md``; ``-o eval.md`` writes
    the same pair (the markdown there, the JSON beside it), never the JSON into
    the ``.md`` file and then the markdown over it.

    Examples
    --------
    >>> [p.name for p in report_paths(Path("out/eval.json"))], [p.name for p in report_paths(Path("eval.md"))]
    (['eval.json', 'eval.md'], ['eval.json', 'eval.md'])
    """
    output = Path(output)
    if output.suffix.lower() == ".md":
        return output.with_suffix(".json"), output
    return output, output.with_suffix(".md")


def check_report_output(src: Path, output: Path | None) -> None:
    """Refuse a report output that cannot be written or would overwrite the input, before any work.

    Raises
    ------
    ConfigError
        ``[CX303]`` the output is a directory or lies under a file; ``[CX307]``
        the report (or its markdown beside it) would overwrite the input file.

    Examples
    --------
    >>> import tempfile
    >>> src = Path(tempfile.mkdtemp()) / "labelled.csv"
    >>> _ = src.write_text("text,label\\nok,neutral\\n")
    >>> check_report_output(src, src.with_name("eval.json"))
    >>> check_report_output(src, src)
    Traceback (most recent call last):
    ...
    cxtext.errors.ConfigError: [CX307] ...
    """
    from cxtext.errors import ConfigError

    if output is None:
        return
    output = Path(output)
    check_file_path(output, example="evaluation.json")
    for path in report_paths(output):
        if same_file(src, path):
            raise ConfigError(f"[CX307] The report {str(path)!r} would overwrite the input file {str(src)!r}. "
                              f"Choose another output path (-o), e.g. {str(src.with_name('evaluation.json'))!r}.")


def check_file_path(out: Path, *, example: str) -> None:
    """Refuse ``-o out`` when it is a directory or lies under a file (``[CX303]``), before any work.

    ``example`` is a file name suggested inside a directory given by mistake.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> check_file_path(folder / "new" / "out.csv", example="out.csv")
    >>> check_file_path(folder, example="out.csv")
    Traceback (most recent call last):
    ...
    cxtext.errors.ConfigError: [CX303] ...
    """
    from cxtext.errors import ConfigError

    out = Path(out)
    if out.is_dir():
        raise ConfigError(f"[CX303] Cannot write {str(out)!r}: it is a directory. Pass a file path to -o, "
                          f"e.g. {str(out / example)!r}.")
    folder = out.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"[CX303] Cannot write {str(out)!r}: {str(folder)!r} is a file, not a folder. "
                          "Choose another output path (-o).")


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one existing file (links and ``..`` included)."""
    import os

    try:
        return os.path.samefile(a, b)
    except OSError:  # one does not exist (yet), or a folder on the way ("new/../in.csv") does not
        return Path(a).exists() and os.path.realpath(a) == os.path.realpath(b)


def write_report(output: Path, json_text: str, markdown: str) -> Path:
    """Write ``json_text`` and ``markdown`` to :func:`report_paths` of ``output``; return the ``.md`` path.

    Missing parent folders are created.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "reports" / "eval.json"
    >>> write_report(out, "{}", "# scores").name
    'eval.md'
    """
    json_path, md = report_paths(output)
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json_text.rstrip("\n") + "\n", encoding="utf-8")
    md.write_text(markdown.rstrip("\n") + "\n", encoding="utf-8")
    return md
