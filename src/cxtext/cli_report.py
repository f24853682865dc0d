"""``cxtext report``: the HTML report from ``cxtext analyze`` output (a thin shell over :mod:`cxtext.report`)."""

from __future__ import annotations

import logging
import re
import time
import warnings
from pathlib import Path
from typing import Annotated

import typer

from cxtext.cli import app
from cxtext.errors import ConfigError

__all__ = ["brief", "parse_range", "report_cli"]

logger = logging.getLogger(__name__)


def parse_range(text: str | None, option: str) -> tuple[int, int] | None:
    """``"1-7"`` -> ``(1, 7)``; ``None`` stays ``None``.

    Examples
    --------
    >>> parse_range("1-7", "--ces-scale"), parse_range(None, "--ces-scale")
    ((1, 7), None)
    """
    if text is None:
        return None
    parts = text.replace("..", "-").split("-")
    try:
        low, high = (int(p) for p in parts)
    except ValueError:
        raise ConfigError(f"[CX301] {option} must look like LOW-HIGH, e.g. 1-5. Got {text!r}.") from None
    return low, high


def brief(message: str, limit: int = 240) -> str:
    """The first sentence of a warning, on one line, at most ``limit`` characters.

    A sentence ends at ``". "`` before a capital letter outside quotes and
    brackets, so quoted example values do not cut it short.

    Examples
    --------
    >>> brief("[CX401] Score column 'nps': 2 value(s) are not valid: 2 non_numeric ('ten. Sure', 'x'). "
    ...       "Fix the export.")
    "[CX401] Score column 'nps': 2 value(s) are not valid: 2 non_numeric ('ten. Sure', 'x')."
    >>> brief("a " * 200, limit=20)
    'a a a a a a a a a a…'
    """
    text = re.sub(r"\s+", " ", message).strip()
    depth, quote = 0, ""
    for i, ch in enumerate(text):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"" and (i == 0 or not text[i - 1].isalnum()):
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "." and depth == 0 and text[i + 1:i + 2] == " " and text[i + 2:i + 3].isupper():
            text = text[:i + 1]
            break
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


@app.command("report")
def report_cli(
    results: Annotated[Path, typer.Argument(help="Comments table written by `cxtext analyze -o` (its NAME.mentions.EXT must sit beside it).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
    nps: Annotated[str | None, typer.Option("--nps", help="0-10 likelihood-to-recommend column.")] = None,
    csat: Annotated[str | None, typer.Option("--csat", help="CSAT column (default scale 1-5, satisfied = 4-5).")] = None,
    ces: Annotated[str | None, typer.Option("--ces", help="Customer Effort Score column (default scale 1-7).")] = None,
    csat_range: Annotated[str | None, typer.Option("--csat-scale", help="CSAT scale as LOW-HIGH, e.g. 1-10.")] = None,
    ces_range: Annotated[str | None, typer.Option("--ces-scale", help="CES scale as LOW-HIGH, e.g. 1-5.")] = None,
    ces_easy: Annotated[str, typer.Option("--ces-easy", help="Which end of the CES scale means easy: 'high' (agreement wording) or 'low' (1 = very easy).")] = "high",
    segment: Annotated[list[str] | None, typer.Option("--segment", "-s", help="Segment column (repeat for several).")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Date column for the trend view.")] = None,
    dayfirst: Annotated[bool | None, typer.Option(
        "--dayfirst/--monthfirst",
        help="Order of numeric dates like 04/05/2026 (default: read off the column; a column that "
             "cannot tell is read month first, with a warning).")] = None,
    title: Annotated[str, typer.Option("--title", help="Report title.")] = "Customer feedback report",
    mentions: Annotated[Path | None, typer.Option("--mentions", help="Mentions table, if not NAME.mentions.EXT beside RESULTS.")] = None,
    id: Annotated[str | None, typer.Option("--id", help="Id column (default: found from the mentions).")] = None,
    in_format: Annotated[str | None, typer.Option("--format", help="Format of RESULTS and its mentions table if the extension does not tell (as `analyze --output-format`): csv, tsv, xlsx, parquet, jsonl. Default: from the extension, else the format NAME.info.json records.")] = None,
    n_boot: Annotated[int, typer.Option("--n-boot", min=2, help="Bootstrap resamples for driver intervals (as cxtext.drivers).")] = 1000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no summary on success (data-quality warnings still go to stderr).")] = False,
) -> None:
    """Build one self-contained HTML report: scores, themes, drivers, segments, trends, quotes.

    The page needs no network and runs no scripts; open it in any browser or
    attach it to an email. Comment text is shown redacted (text_clean). The
    report's data-quality warnings (invalid scores or dates, a score column
    left out for having no valid value) are also printed on stderr, one line each.
    """
    from cxtext.report import build_report, load_result
    from cxtext.scores import ScoreWarning, ces_scale, csat_scale

    if ces_easy not in ("high", "low"):
        raise ConfigError(f"[CX301] --ces-easy must be 'high' or 'low'. Got {ces_easy!r}.")
    start = time.perf_counter()
    c_rng, e_rng = parse_range(csat_range, "--csat-scale"), parse_range(ces_range, "--ces-scale")
    c_scale = csat_scale(*c_rng) if c_rng else None
    e_scale = ces_scale(*(e_rng or (1, 7)), easy=ces_easy) if (e_rng or ces_easy != "high") else None
    from cxtext.cli import mentions_path
    from cxtext.cli_options import same_file

    for given in (results, mentions or mentions_path(results)):  # before the (slow) load
        if same_file(given, output):
            raise ConfigError(f"[CX307] The report {str(output)!r} would overwrite the input file "
                              f"{str(given)!r}. Choose another output path (-o), e.g. 'report.html'.")
    result = load_result(results, mentions=mentions, id=id, format=in_format)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ScoreWarning)
        path = build_report(result, output, nps=nps, csat=csat, ces=ces, csat_scale=c_scale,
                            ces_scale=e_scale, segments=segment or (), date=date, title=title, n_boot=n_boot,
                            dayfirst=dayfirst)
    for w in caught:
        if issubclass(w.category, ScoreWarning):
            typer.echo(f"cxtext: warning: {brief(str(w.message))}", err=True)
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    if not quiet:
        typer.echo(f"wrote {path} ({path.stat().st_size / 1024:,.0f} kB) from {len(result.comments):,} "
                   f"responses in {time.perf_counter() - start:.1f} s")
