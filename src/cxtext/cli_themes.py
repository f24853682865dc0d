"""``cxtext train themes`` and ``cxtext evaluate themes``: thin shells over the API.

Registered on the ``train`` and ``evaluate`` groups of :mod:`cxtext.cli_train_eval`
when :mod:`cxtext.cli` is imported. The work is done by :func:`run_train_themes`
(over :func:`cxtext.themes.supervised.train_themes`) and :func:`run_evaluate_themes`
(over :func:`cxtext.themes.evaluate.evaluate_themes`), which print nothing. Reading
the labelled file is shared with the other commands (:mod:`cxtext.cli_options`).
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from cxtext.cli_options import (
    CommercialUseOpt,
    DelimiterOpt,
    EncodingOpt,
    ForceOpt,
    FormatOpt,
    InputArg,
    LicenceOpt,
    ModelNameOpt,
    ModelVersionOpt,
    RegularisationOpt,
    SheetOpt,
    check_report_output,
    read_labelled,
    report_paths,
    write_report,
)
from cxtext.cli_train_eval import evaluate_app, train_app

__all__ = ["render_train_themes_summary", "run_evaluate_themes", "run_train_themes"]

logger = logging.getLogger(__name__)


def _label_spec(labels: list[str], binary: bool) -> str | list[str]:
    return labels if (binary or len(labels) > 1) else labels[0]


def run_train_themes(src: Path, output: Path, *, text: str, labels: list[str], sep: str = ";",
                     binary: bool = False, features: str = "auto",
                     taxonomy: Path | None = None, name: str | None = None,
                     version: str | None = None, licence: str = "unknown",
                     commercial_use: bool = False, in_format: str | None = None,
                     encoding: str | None = None, sheet: str | None = None,
                     delimiter: str | None = None, overwrite: bool = False,
                     **params: Any) -> dict[str, Any]:
    """Read a labelled file, train a theme classifier and save it to ``output``.

    ``overwrite`` replaces a model saved in ``output`` before (CLI ``--force``).

    Returns a summary: ``rows``, ``used``, ``themes`` (label counts), ``cv``
    (per-theme out-of-fold scores), ``output``, ``name``, ``version``.
    """
    from cxtext.models import TrainingData
    from cxtext.themes.mention_sentiment import split_polarity
    from cxtext.themes.supervised import parse_label_column, train_themes

    spec = _label_spec(labels, binary)
    cols: dict[str, str | None] = {"text": text}
    cols.update({f"label {i + 1}": c for i, c in enumerate(labels)})
    data = read_labelled(src, cols, in_format=in_format, delimiter=delimiter, encoding=encoding,
                         sheet=sheet)
    rows = parse_label_column(data, spec, sep=sep)
    used = int(data[text].notna().sum())
    name = name or (output.resolve().parent.name or "themes-custom")
    version = version or output.resolve().name
    provenance = [TrainingData(data=src.name, licence=licence, rows=used,
                               commercial_use=commercial_use,
                               note=f"text {text!r}, labels {spec!r}")]
    model = train_themes(data, text=text, labels=spec, sep=sep, taxonomy=taxonomy,
                         features=features, output=output, name=name, version=version,
                         trained_on=provenance, overwrite=overwrite, **params)
    counts = Counter(split_polarity(lab)[0] for r in rows for lab in r)
    return {"rows": len(data), "used": used, "themes": dict(counts.most_common()),
            "cv": dict(model.cv_scores_), "trained": [str(c) for c in model.classes_],
            "mention_sentiment": list(model.mention_heads_),
            "output": str(output), "name": name, "version": version}


def render_train_themes_summary(summary: dict[str, Any]) -> str:
    """The human summary of :func:`run_train_themes`."""
    lines = [f"trained  {summary['name']} {summary['version']} -> {summary['output']}",
             f"rows     {summary['used']:,} with text (of {summary['rows']:,})",
             "theme                       rows   cv-F1  threshold"]
    for theme in summary["trained"]:
        cv = summary["cv"].get(theme, {})
        f1 = f"{cv['f1']:.3f}" if "f1" in cv else "  n/a"
        thr = f"{cv['threshold']:.3f}" if "threshold" in cv else "0.500"
        lines.append(f"{theme:26s} {cv.get('support', 0):6,}   {f1}  {thr}")
    heads = summary.get("mention_sentiment") or []
    lines.append("mention sentiment learned for: " + (", ".join(heads) if heads else
                 "none (no theme:polarity labels): mentions keep their clause sentiment"))
    return "\n".join(lines)


@train_app.command("themes", help=(
    "Train a multi-label theme classifier on labelled comments and save it as a model folder "
    "(weights, taxonomy, manifest, model card). --labels is one column of separated theme ids "
    "(split on --sep), or several 0/1 columns (repeat --labels, or add --binary). Labels that are "
    "not in the taxonomy become new themes; taxonomy themes without labels stay keyword-matched. "
    "Thresholds are tuned per theme by cross-validation with a fixed seed. Labels become theme ids "
    "in snake_case (anecdotes/miscellaneous -> anecdotes_miscellaneous, Qualité -> qualite). Labels "
    "written theme:polarity (food:positive;price:neg; polarity positive/pos/+, negative/neg/-, "
    "neutral/neu, conflict, any case) also teach theme-aware mention sentiment for the "
    "--mention-sentiment models."
))
def train_themes_cli(
    input: InputArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="Model folder to write, e.g. models/NAME/VERSION.")],
    text: Annotated[str, typer.Option("--text", "-t", help="Column holding the comment text.")],
    labels: Annotated[list[str], typer.Option("--labels", "-l", help="Label column (ids separated by --sep); repeat for 0/1 columns.")],
    sep: Annotated[str, typer.Option("--sep", help="Separator inside the label column.")] = ";",
    binary: Annotated[bool, typer.Option("--binary", help="Treat a single --labels column as 0/1.")] = False,
    features: Annotated[str, typer.Option(help="auto (both when the MiniLM package is installed, else hashed), both (n-grams + MiniLM, most accurate), hashed (fastest to analyse with) or embedding.")] = "auto",
    taxonomy: Annotated[Path | None, typer.Option(help="Base taxonomy YAML (default: cxtext's CX taxonomy).")] = None,
    name: ModelNameOpt = None,
    version: ModelVersionOpt = None,
    licence: LicenceOpt = "unknown",
    commercial_use: CommercialUseOpt = False,
    C: RegularisationOpt = 4.0,
    cv: Annotated[int, typer.Option("--cv", min=0, help="Cross-validation folds for calibration and thresholds.")] = 5,
    mention_sentiment: Annotated[str, typer.Option("--mention-sentiment", help="Sentiment models (fast, accurate, folders; comma-separated) to learn theme-aware mention sentiment for from theme:polarity labels; 'none' for none.")] = "fast,accurate",
    in_format: FormatOpt = None,
    encoding: EncodingOpt = None,
    sheet: SheetOpt = None,
    delimiter: DelimiterOpt = None,
    force: ForceOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    heads = tuple(m.strip() for m in mention_sentiment.split(",")
                  if m.strip() and m.strip().lower() != "none")
    summary = run_train_themes(
        input, output, text=text, labels=labels, sep=sep, binary=binary, features=features,
        taxonomy=taxonomy, name=name, version=version, licence=licence,
        commercial_use=commercial_use, in_format=in_format, encoding=encoding, sheet=sheet,
        delimiter=delimiter, C=C, cv=cv, mention_sentiment=heads, overwrite=force,
    )
    if not quiet:
        typer.echo(render_train_themes_summary(summary))


def run_evaluate_themes(src: Path, *, text: str, labels: list[str], sep: str = ";",
                        binary: bool = False, sentiments: str | None = None,
                        model: str = "keyword", mapping: str | None = None,
                        sentiment_model: str | None = None,
                        output: Path | None = None, in_format: str | None = None,
                        encoding: str | None = None, sheet: str | None = None,
                        delimiter: str | None = None) -> Any:
    """Evaluate a theme model on a labelled file; write JSON + markdown if ``output``.

    Returns the :class:`~cxtext.themes.evaluate.ThemeReport`.
    """
    from cxtext.themes.evaluate import evaluate_themes
    from cxtext.themes.supervised import parse_label_column

    check_report_output(src, output)
    spec = _label_spec(labels, binary)
    cols: dict[str, str | None] = {"text": text, "sentiment": sentiments}
    cols.update({f"label {i + 1}": c for i, c in enumerate(labels)})
    data = read_labelled(src, cols, in_format=in_format, delimiter=delimiter, encoding=encoding,
                         sheet=sheet)
    gold = parse_label_column(data, spec, sep=sep)
    if sentiment_model is not None and not sentiments and not any(":" in str(lab) for row in gold for lab in row):
        logger.warning("--sentiment-model %s has no effect here: theme sentiment is scored only against gold "
                       "polarities (--sentiments, or labels written theme:polarity).", sentiment_model)
    report = evaluate_themes(
        model, data[text].tolist(), gold,
        gold_sentiments=data[sentiments].tolist() if sentiments else None, mapping=mapping,
        sentiment=sentiment_model or "fast",
        dataset={"name": src.name, "path": str(src), "text": text, "labels": spec,
                 **({"sentiments": sentiments} if sentiments else {})},
    )
    if output is not None:
        write_report(output, report.to_json(), report.to_markdown())
    return report


@evaluate_app.command("themes", help=(
    "Score a theme model against labelled comments: per-theme precision/recall/F1, micro/macro-F1, "
    "and (with --sentiments) theme-sentiment accuracy. Gold labels are read as theme ids the way "
    "'train themes' names them (anecdotes/miscellaneous -> anecdotes_miscellaneous, Food -> food), "
    "so a trained model is scored on labels written as in its training file. --map renames "
    "predicted theme ids to your labels: --map staff_attitude=service,price_value=price (a|b maps "
    "one theme to two labels). "
    "--sentiments holds one polarity per row, or label:polarity pairs separated by ';'; labels "
    "written label:polarity carry their own gold polarity. --sentiment-model is the sentiment model "
    "of the analysis whose mention sentiment is scored."
))
def evaluate_themes_cli(
    input: InputArg,
    text: Annotated[str, typer.Option("--text", "-t", help="Column holding the comment text.")],
    labels: Annotated[list[str], typer.Option("--labels", "-l", help="Gold label column (ids separated by --sep); repeat for 0/1 columns.")],
    sep: Annotated[str, typer.Option("--sep", help="Separator inside the label column.")] = ";",
    binary: Annotated[bool, typer.Option("--binary", help="Treat a single --labels column as 0/1.")] = False,
    sentiments: Annotated[str | None, typer.Option("--sentiments", help="Column with gold polarity (negative/neutral/positive).")] = None,
    model: Annotated[str, typer.Option("--model", "-m", help="'keyword', a taxonomy YAML, or a theme model folder.")] = "keyword",
    mapping: Annotated[str | None, typer.Option("--map", help="predicted=gold pairs, comma-separated (gold labels as written or as theme ids).")] = None,
    sentiment_model: Annotated[str | None, typer.Option("--sentiment-model", help="Sentiment model of the analysis: fast (default), accurate or a folder; it matters only with gold polarities (--sentiments, or theme:polarity labels).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Report JSON to write; the markdown goes beside it (.md).")] = None,
    in_format: FormatOpt = None,
    encoding: EncodingOpt = None,
    sheet: SheetOpt = None,
    delimiter: DelimiterOpt = None,
) -> None:
    report = run_evaluate_themes(
        input, text=text, labels=labels, sep=sep, binary=binary, sentiments=sentiments,
        model=model, mapping=mapping, sentiment_model=sentiment_model, output=output,
        in_format=in_format, encoding=encoding,
        sheet=sheet, delimiter=delimiter,
    )
    typer.echo(report.to_markdown())
    if output is not None:
        typer.echo("\nwrote {} and {}".format(*report_paths(output)))
