"""``cxtext train sentiment`` and ``cxtext evaluate sentiment``: thin shells over the API.

The commands are registered on :data:`cxtext.cli.app` when :mod:`cxtext.cli` is
imported. The work is done by :func:`run_train_sentiment` (over
:func:`cxtext.sentiment.train.train_sentiment`) and :func:`run_evaluate_sentiment`
(over :func:`cxtext.evaluate.evaluate_sentiment`), which return data and print nothing.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from cxtext.cli import app
from cxtext.errors import ColumnNotFoundError, InputError

__all__ = ["render_train_summary", "run_evaluate_sentiment", "run_train_sentiment"]

logger = logging.getLogger(__name__)

_RATING_RULE = (
    "Ratings map to sentiment with --scale 5: 1-2 negative, 3 neutral, 4-5 positive; "
    "--scale 10: 0-6 negative, 7-8 neutral, 9-10 positive (the NPS groups)."
)

train_app = typer.Typer(help="Train a model on your own labelled comments.", no_args_is_help=True)
evaluate_app = typer.Typer(help="Measure models against labelled comments.", no_args_is_help=True)
app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")


def _read(src: Path, columns: list[str | None], *, in_format: str | None, sep: str | None,
          encoding: str | None, sheet: str | None) -> Any:
    from cxtext.errors import EmptyInputError
    from cxtext.io import read_table

    data = read_table(src, format=in_format, sep=sep, encoding=encoding, sheet=sheet)
    for col, role in zip(columns, ("text", "label", "question")):
        if col is not None and col not in data.columns:
            raise ColumnNotFoundError(col, available=list(data.columns), role=role)
    if len(data) == 0:
        raise EmptyInputError(f"[CX102] {str(src)!r} has no data rows; nothing to use.")
    return data


def _check_scale(scale: str | None) -> None:
    if scale is not None and scale not in ("5", "10"):
        raise InputError(f"[CX111] Unknown rating scale {scale!r}; use --scale 5 or --scale 10.")


def run_train_sentiment(src: Path, output: Path, *, text: str, label: str,
                        scale: str | None = None, name: str | None = None,
                        version: str | None = None, licence: str = "unknown",
                        commercial_use: bool = False, in_format: str | None = None,
                        sep: str | None = None, encoding: str | None = None,
                        sheet: str | None = None, **params: Any) -> dict[str, Any]:
    """Read a labelled file, train a ``fast`` sentiment model and save it to ``output``.

    ``name``/``version`` default to the last two parts of ``output``
    (``models/NAME/VERSION``). Returns a summary: ``rows``, ``used``, ``skipped``,
    ``classes`` (counts), ``calibration``, ``output``, ``name``, ``version``.
    """
    from cxtext.models import TrainingData
    from cxtext.sentiment.train import normalise_labels, train_sentiment

    _check_scale(scale)
    data = _read(src, [text, label], in_format=in_format, sep=sep, encoding=encoding, sheet=sheet)
    labels = normalise_labels(data[label], scale)
    usable = labels.notna() & data[text].notna()
    name = name or (output.parent.name if output.parent.name else "sentiment-custom")
    version = version or output.name
    provenance = [TrainingData(data=src.name, licence=licence, rows=int(usable.sum()),
                               commercial_use=commercial_use,
                               note=f"text {text!r}, label {label!r}"
                                    + (f", ratings on a {scale}-point scale" if scale else ""))]
    model = train_sentiment(data, text, label, scale=scale, output=output, name=name,
                            version=version, trained_on=provenance, **params)
    return {
        "rows": len(data), "used": int(usable.sum()), "skipped": int((~usable).sum()),
        "classes": dict(sorted(Counter(labels[usable].tolist()).items())),
        "calibration": dict(model.calibration_), "output": str(output), "name": name,
        "version": version,
    }


def render_train_summary(summary: dict[str, Any]) -> str:
    """The human summary of :func:`run_train_sentiment`."""
    cal = summary["calibration"]
    cal_line = (f"calibration ECE {cal['ece_before']:.3f} -> {cal['ece_after']:.3f} "
                f"(temperature {cal['temperature']:.2f}, {cal['rows']:,} held-out rows)"
                if cal else "calibration skipped (fewer than 50 rows)")
    return "\n".join([
        f"trained  {summary['name']} {summary['version']} -> {summary['output']}",
        f"rows     {summary['used']:,} used, {summary['skipped']:,} skipped (no text or no usable label)",
        "classes  " + ", ".join(f"{k} {v:,}" for k, v in summary["classes"].items()),
        cal_line,
    ])


@train_app.command("sentiment", help=(
    "Train a fast sentiment model on labelled comments and save it as a model folder "
    "(weights, manifest, model card). Labels are negative/neutral/positive (or neg/neu/pos), "
    "or ratings with --scale. " + _RATING_RULE + " Seeds are fixed: the same data gives the same model."
))
def train_sentiment_cli(
    input: Annotated[Path, typer.Argument(help="Labelled comments: .csv/.tsv(.gz), .xlsx, .parquet or .jsonl.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Model folder to write, e.g. models/NAME/VERSION.")],
    text: Annotated[str, typer.Option("--text", "-t", help="Column holding the comment text.")],
    label: Annotated[str, typer.Option("--label", "-l", help="Column holding the label or rating.")],
    scale: Annotated[str | None, typer.Option(help="Treat --label as a rating on this scale: 5 or 10.")] = None,
    name: Annotated[str | None, typer.Option(help="Model name in the manifest (default: the folder above --output).")] = None,
    version: Annotated[str | None, typer.Option(help="Model version (default: the --output folder name).")] = None,
    licence: Annotated[str, typer.Option(help="Licence of your training data, recorded in the manifest and card.")] = "unknown",
    commercial_use: Annotated[bool, typer.Option("--commercial-use/--no-commercial-use", help="Whether that licence allows commercial use.")] = False,
    C: Annotated[float, typer.Option("--C", min=1e-6, help="Inverse regularisation strength.")] = 4.0,
    n_features: Annotated[int, typer.Option("--n-features", help="Hash buckets per feature block (256 to 16777216).")] = 2**19,
    in_format: Annotated[str | None, typer.Option("--format", help="Input format if the extension is unusual.")] = None,
    sep: Annotated[str | None, typer.Option(help="CSV delimiter (default: sniffed).")] = None,
    encoding: Annotated[str | None, typer.Option(help="Input encoding (default: UTF-8 with fallbacks).")] = None,
    sheet: Annotated[str | None, typer.Option(help="XLSX sheet name (default: the first).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    summary = run_train_sentiment(
        input, output, text=text, label=label, scale=scale, name=name, version=version,
        licence=licence, commercial_use=commercial_use, in_format=in_format, sep=sep,
        encoding=encoding, sheet=sheet, C=C, n_features=n_features,
    )
    if not quiet:
        typer.echo(render_train_summary(summary))


def run_evaluate_sentiment(src: Path, *, text: str, label: str, scale: str | None = None,
                           models: list[str] | None = None, baselines: bool = True,
                           question: str | None = None, output: Path | None = None,
                           in_format: str | None = None, sep: str | None = None,
                           encoding: str | None = None, sheet: str | None = None) -> Any:
    """Evaluate models (default ``["fast"]``) and baselines on a labelled file.

    Writes ``output`` (JSON) and the markdown report beside it (``.md``) when
    given; returns the :class:`~cxtext.evaluate.EvaluationReport`.
    """
    from cxtext.evaluate import evaluate_sentiment

    _check_scale(scale)
    data = _read(src, [text, label, question], in_format=in_format, sep=sep, encoding=encoding,
                 sheet=sheet)
    specs = list(dict.fromkeys(models or ["fast"]))
    report = evaluate_sentiment(
        data[text].tolist(), data[label].tolist(), {s: s for s in specs},
        baselines=("vader", "textblob") if baselines else (), scale=scale,
        dataset={"name": src.name, "path": str(src), "text": text, "label": label,
                 **({"scale": scale} if scale else {})},
        questions=data[question].tolist() if question else None,
    )
    if output is not None:
        if output.parent and not output.parent.exists():
            output.parent.mkdir(parents=True, exist_ok=True)
        report.to_json(output)
        output.with_suffix(".md").write_text(report.to_markdown() + "\n", encoding="utf-8")
    return report


@evaluate_app.command("sentiment", help=(
    "Score sentiment models and the VADER/TextBlob baselines on the same labelled rows: "
    "macro-F1, accuracy, per-class scores, confusion matrices, calibration error and throughput. "
    + _RATING_RULE
))
def evaluate_sentiment_cli(
    input: Annotated[Path, typer.Argument(help="Labelled comments: .csv/.tsv(.gz), .xlsx, .parquet or .jsonl.")],
    text: Annotated[str, typer.Option("--text", "-t", help="Column holding the comment text.")],
    label: Annotated[str, typer.Option("--label", "-l", help="Column holding the gold label or rating.")],
    scale: Annotated[str | None, typer.Option(help="Treat --label as a rating on this scale: 5 or 10.")] = None,
    model: Annotated[list[str] | None, typer.Option("--model", "-m", help="Model to score: 'fast', 'accurate' or a model folder; repeat for several (default: fast).")] = None,
    baselines: Annotated[bool, typer.Option("--baselines/--no-baselines", help="Also score VADER and TextBlob.")] = True,
    question: Annotated[str | None, typer.Option(help="Column naming the survey question of each row (adds a per-question breakdown).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Report JSON to write; the markdown report goes beside it (.md).")] = None,
    in_format: Annotated[str | None, typer.Option("--format", help="Input format if the extension is unusual.")] = None,
    sep: Annotated[str | None, typer.Option(help="CSV delimiter (default: sniffed).")] = None,
    encoding: Annotated[str | None, typer.Option(help="Input encoding (default: UTF-8 with fallbacks).")] = None,
    sheet: Annotated[str | None, typer.Option(help="XLSX sheet name (default: the first).")] = None,
) -> None:
    report = run_evaluate_sentiment(
        input, text=text, label=label, scale=scale, models=model, baselines=baselines,
        question=question, output=output, in_format=in_format, sep=sep, encoding=encoding,
        sheet=sheet,
    )
    typer.echo(report.to_markdown(details=False))
    if output is not None:
        typer.echo(f"\nwrote {output} and {output.with_suffix('.md')}")
