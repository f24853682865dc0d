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
    "read_labelled", "write_report",
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


def write_report(output: Path, json_text: str, markdown: str) -> Path:
    """Write ``json_text`` to ``output`` and ``markdown`` beside it (``.md``); return the ``.md`` path.

    Missing parent folders are created.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "reports" / "eval.json"
    >>> write_report(out, "{}", "# scores").name
    'eval.md'
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json_text.rstrip("\n") + "\n", encoding="utf-8")
    md = output.with_suffix(".md")
    md.write_text(markdown.rstrip("\n") + "\n", encoding="utf-8")
    return md
