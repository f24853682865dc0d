"""``cxtext train sentiment``, ``cxtext evaluate sentiment|emotions``: thin shells over the API.

The commands are registered on :data:`cxtext.cli.app` when :mod:`cxtext.cli` is
imported. The work is done by :func:`run_train_sentiment` (over
:func:`cxtext.sentiment.train.train_sentiment`), :func:`run_evaluate_sentiment`
(over :func:`cxtext.evaluate.evaluate_sentiment`) and :func:`run_evaluate_emotions`
(over :func:`cxtext.emotion.evaluate_emotions`), which return data and print
nothing. Reading the labelled file is shared with the theme commands
(:mod:`cxtext.cli_options`).
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

# The groups exist before cxtext.cli is imported: cxtext.cli imports cxtext.cli_themes,
# which adds its commands to them, so importing this module first must not be circular.
train_app = typer.Typer(help="Train a model on your own labelled comments.", no_args_is_help=True)
evaluate_app = typer.Typer(help="Measure models against labelled comments.", no_args_is_help=True)

from cxtext.cli import app
from cxtext.cli_options import (
    CommercialUseOpt,
    CsvSepOpt,
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
from cxtext.errors import InputError

__all__ = [
    "render_emotion_report", "render_train_summary", "run_evaluate_emotions",
    "run_evaluate_sentiment", "run_train_sentiment",
]

logger = logging.getLogger(__name__)

_RATING_RULE = (
    "Ratings map to sentiment with --scale 5: 1-2 negative, 3 neutral, 4-5 positive; "
    "--scale 10: 0-6 negative, 7-8 neutral, 9-10 positive (the NPS groups); "
    "--scale polarity reads the codes -1/0/1."
)

app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")


def _check_scale(scale: str | None) -> None:
    if scale is not None and scale not in ("5", "10", "polarity"):
        raise InputError(f"[CX111] Unknown rating scale {scale!r}; use --scale 5, --scale 10 or "
                         "--scale polarity (-1/0/1).")


def run_train_sentiment(src: Path, output: Path, *, text: str, label: str,
                        scale: str | None = None, name: str | None = None,
                        version: str | None = None, licence: str = "unknown",
                        commercial_use: bool = False, in_format: str | None = None,
                        sep: str | None = None, encoding: str | None = None,
                        sheet: str | None = None, balance_by: str | None = None,
                        overwrite: bool = False, **params: Any) -> dict[str, Any]:
    """Read a labelled file, train a ``fast`` sentiment model and save it to ``output``.

    ``balance_by`` names a source column whose (source, class) cells get the
    same total weight (:func:`cxtext.sentiment.train.balanced_cell_weights`).

    ``overwrite`` replaces a model saved in ``output`` before (CLI ``--force``).
    ``name``/``version`` default to the last two parts of ``output``
    (``models/NAME/VERSION``). Returns a summary: ``rows``, ``used``, ``skipped``,
    ``classes`` (counts), ``calibration``, ``output``, ``name``, ``version``.
    """
    from cxtext.models import TrainingData, sha256_file
    from cxtext.sentiment.train import has_text, normalise_labels, train_sentiment

    _check_scale(scale)
    data = read_labelled(src, {"text": text, "label": label, "balance-by": balance_by},
                         in_format=in_format, delimiter=sep, encoding=encoding, sheet=sheet)
    labels = normalise_labels(data[label], scale)
    usable = labels.notna() & has_text(data[text])  # the rows training uses
    name = name or (output.resolve().parent.name or "sentiment-custom")
    version = version or output.resolve().name
    provenance = [TrainingData(data=src.name, licence=licence, rows=int(usable.sum()),
                               commercial_use=commercial_use,
                               note=f"sha256 {sha256_file(src)}; text {text!r}, label {label!r}"
                                    + (f", ratings on a {scale}-point scale" if scale in ("5", "10") else "")
                                    + (", polarity codes -1/0/1" if scale == "polarity" else "")
                                    + (f"; every ({balance_by!r}, class) cell weighted the same"
                                       if balance_by else ""))]
    model = train_sentiment(data, text, label, scale=scale, output=output, name=name,
                            version=version, trained_on=provenance, balance_by=balance_by,
                            overwrite=overwrite, **params)
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
                f"(temperature {cal['temperature']:.2f}, {cal['rows']:,} held-out rows"
                + ("; too few to judge calibration by" if cal["rows"] < 100 else "") + ")"
                if cal else "calibration skipped (under 300 rows: too few to hold out 30 for it)")
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
    input: InputArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="Model folder to write, e.g. models/NAME/VERSION.")],
    text: Annotated[str, typer.Option("--text", "-t", help="Column holding the comment text.")],
    label: Annotated[str, typer.Option("--label", "-l", help="Column holding the label or rating.")],
    scale: Annotated[str | None, typer.Option(help="Treat --label as a rating on this scale: 5 or 10, or 'polarity' for the codes -1/0/1.")] = None,
    name: ModelNameOpt = None,
    version: ModelVersionOpt = None,
    licence: LicenceOpt = "unknown",
    commercial_use: CommercialUseOpt = False,
    C: RegularisationOpt = 4.0,
    n_features: Annotated[int, typer.Option("--n-features", help="Hash buckets per feature block (256 to 16777216).")] = 2**19,
    balance_by: Annotated[str | None, typer.Option("--balance-by", help="Column naming each row's source (dataset, channel, survey): every (source, class) cell gets the same total weight, so a big source does not outweigh the others.")] = None,
    nb_weight: Annotated[float, typer.Option("--nb-weight", min=0.0, max=1.0, help="Share of NBSVM one-vs-rest logits (naive-Bayes-scaled n-grams) averaged into the multinomial regression's; 0 = the plain regression (trains about twice as fast).")] = 0.5,
    tweet_copy: Annotated[float, typer.Option("--tweet-copy", min=0.0, max=1.0, help="Weight of a copy of the word features for texts that address an @handle (tweets): with tweets and other comments in one training set, the model learns tweet-only corrections on top of shared weights. 0 = no copy; the shipped fast model uses 1.")] = 0.0,
    lexicon_weight: Annotated[float, typer.Option("--lexicon-weight", min=0.0, help="Weight of four features counting weak/strong positive/negative words of a polarity lexicon (VADER's unless --lexicon is given; it carries a prior to comments unlike the training data). 0 = none; the shipped fast model uses 3.")] = 0.0,
    lexicon_min_words: Annotated[int, typer.Option("--lexicon-min-words", min=0, help="Texts shorter than this many words get no lexicon counts.")] = 8,
    lexicon: Annotated[Path | None, typer.Option("--lexicon", help="Word list for --lexicon-weight: a UTF-8 file of 'word<TAB>valence' lines (valences on VADER's -4..4 scale). Default: VADER's (needs the baselines extra).")] = None,
    in_format: FormatOpt = None,
    sep: CsvSepOpt = None,
    encoding: EncodingOpt = None,
    sheet: SheetOpt = None,
    force: ForceOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    from cxtext.sentiment.fast import read_lexicon

    summary = run_train_sentiment(
        input, output, text=text, label=label, scale=scale, name=name, version=version,
        licence=licence, commercial_use=commercial_use, in_format=in_format, sep=sep,
        encoding=encoding, sheet=sheet, C=C, n_features=n_features, balance_by=balance_by,
        nb_weight=nb_weight, tweet_copy=tweet_copy, lexicon_weight=lexicon_weight,
        lexicon_min_words=lexicon_min_words, lexicon=None if lexicon is None else read_lexicon(lexicon),
        overwrite=force,
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
    check_report_output(src, output)
    data = read_labelled(src, {"text": text, "label": label, "question": question},
                         in_format=in_format, delimiter=sep, encoding=encoding, sheet=sheet)
    specs = list(dict.fromkeys(models or ["fast"]))
    report = evaluate_sentiment(
        data[text].tolist(), data[label].tolist(), {s: s for s in specs},
        baselines=("vader", "textblob") if baselines else (), scale=scale,
        dataset={"name": src.name, "path": str(src), "text": text, "label": label,
                 **({"scale": scale} if scale else {})},
        questions=data[question].tolist() if question else None,
    )
    if output is not None:
        write_report(output, report.to_json(), report.to_markdown())
    return report


@evaluate_app.command("sentiment", help=(
    "Score sentiment models and the VADER/TextBlob baselines on the same labelled rows: "
    "macro-F1, accuracy, per-class scores, confusion matrices, calibration error and throughput. "
    + _RATING_RULE
))
def evaluate_sentiment_cli(
    input: InputArg,
    text: Annotated[str, typer.Option("--text", "-t", help="Column holding the comment text.")],
    label: Annotated[str, typer.Option("--label", "-l", help="Column holding the gold label or rating.")],
    scale: Annotated[str | None, typer.Option(help="Treat --label as a rating on this scale: 5 or 10, or 'polarity' for the codes -1/0/1.")] = None,
    model: Annotated[list[str] | None, typer.Option("--model", "-m", help="Model to score: 'fast', 'accurate' or a model folder; repeat for several (default: fast).")] = None,
    baselines: Annotated[bool, typer.Option("--baselines/--no-baselines", help="Also score VADER and TextBlob.")] = True,
    question: Annotated[str | None, typer.Option(help="Column naming the survey question of each row: cxtext models read each answer through its prompt, as `analyze --question` does; adds a per-question breakdown.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Report JSON to write; the markdown report goes beside it (.md).")] = None,
    in_format: FormatOpt = None,
    sep: CsvSepOpt = None,
    encoding: EncodingOpt = None,
    sheet: SheetOpt = None,
) -> None:
    report = run_evaluate_sentiment(
        input, text=text, label=label, scale=scale, models=model, baselines=baselines,
        question=question, output=output, in_format=in_format, sep=sep, encoding=encoding,
        sheet=sheet,
    )
    typer.echo(report.to_markdown(details=False))
    if output is not None:
        typer.echo("\nwrote {} and {}".format(*report_paths(output)))


def run_evaluate_emotions(src: Path, *, text: str, labels: str, sep: str = ";",
                          models: list[str] | None = None, output: Path | None = None,
                          in_format: str | None = None, encoding: str | None = None,
                          sheet: str | None = None, delimiter: str | None = None,
                          goemotions: bool = False) -> dict[str, Any]:
    """Evaluate emotion models (default ``["fast"]``) on a file of texts with gold emotion ids.

    ``labels`` names a column of CX emotion ids separated by ``sep`` (empty =
    no emotion; see :func:`cxtext.emotion.parse_emotion_labels`), or of
    GoEmotions label names with ``goemotions=True``. Rows without
    text are skipped. Texts are cleaned as for training
    (:func:`cxtext.sentiment.train.clean_for_model`), then each model is scored
    with :func:`cxtext.emotion.evaluate_emotions` and timed.

    Returns the report: ``created``, ``cxtext``, ``dataset`` (name, path,
    sha256, rows, skipped_rows, gold counts per emotion), ``emotions``,
    ``results`` (per model: ``name``, ``version``, ``per_emotion``,
    ``macro_f1``, ``micro_f1``, ``rows``, ``rows_with_emotion``,
    ``texts_per_s``) and ``notes``. Writes it to ``output`` (JSON) and the
    markdown beside it (``.md``) when given.
    """
    import json
    import time
    from datetime import datetime, timezone

    from cxtext import __version__
    from cxtext.emotion import EMOTIONS, evaluate_emotions, load_emotion_model, parse_emotion_labels
    from cxtext.errors import EmptyInputError
    from cxtext.evaluate import dataset_info
    from cxtext.sentiment.train import clean_for_model, has_text

    check_report_output(src, output)
    data = read_labelled(src, {"text": text, "labels": labels}, in_format=in_format,
                         delimiter=delimiter, encoding=encoding, sheet=sheet)
    gold_all = parse_emotion_labels(data[labels].tolist(), sep=sep, goemotions=goemotions)
    keep = has_text(data[text]).to_numpy(dtype=bool)
    if not keep.any():
        raise EmptyInputError(f"[CX102] Column {text!r} of {str(src)!r} has no text; nothing to evaluate.")
    texts = clean_for_model(data[text][keep].astype(str).tolist())
    gold = [g for g, k in zip(gold_all, keep) if k]
    results: dict[str, Any] = {}
    for spec in dict.fromkeys(models or ["fast"]):
        model: Any = load_emotion_model(spec)
        model.predict(texts[:16])  # warm-up: loads the encoder of the accurate model
        start = time.perf_counter()
        scores = evaluate_emotions(model, texts, gold)
        seconds = time.perf_counter() - start
        manifest = getattr(model, "manifest_", None)
        results[spec] = {"name": str(getattr(manifest, "name", spec)),
                         "version": str(getattr(manifest, "version", "unknown")), **scores,
                         "texts_per_s": round(len(texts) / max(seconds, 1e-9), 1)}
    counts = Counter(e for g in gold for e in g)
    absent = [e for e in EMOTIONS if not counts[e]]
    notes = [(f"No gold rows for {', '.join(absent)}: their F1 is 0 and lowers macro-F1; "
              "compare models on macro-F1 only over the same file.")] if absent else []
    report = {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cxtext": __version__,
        "dataset": {**dataset_info({"name": src.name, "path": str(src), "text": text,
                                    "labels": labels, "sep": sep}),
                    "rows": len(texts), "skipped_rows": int((~keep).sum()),
                    "emotions": {e: counts[e] for e in EMOTIONS},
                    "rows_without_emotion": sum(1 for g in gold if not g)},
        "emotions": list(EMOTIONS), "results": results, "notes": notes,
    }
    if output is not None:
        write_report(output, json.dumps(report, indent=2, ensure_ascii=False),
                     render_emotion_report(report))
    return report


def render_emotion_report(report: dict[str, Any]) -> str:
    """Markdown of :func:`run_evaluate_emotions`: headline table, then per-emotion P/R/F1 per model."""
    ds = report["dataset"]

    def table(header: list[str], rows: list[list[str]]) -> list[str]:
        return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
                *("| " + " | ".join(r) + " |" for r in rows)]

    lines = [f"Dataset: **{ds['name']}** · {ds['rows']:,} rows"
             + (f" ({ds['skipped_rows']:,} without text skipped)" if ds["skipped_rows"] else "")
             + (f" · sha256 `{ds['sha256']}`" if ds.get("sha256") else "")
             + f" · {ds['rows_without_emotion']:,} with no emotion", ""]
    lines += table(["model", "version", "macro-F1", "micro-F1", "texts/s"],
                   [[key, f"{r['name']} {r['version']}", f"{r['macro_f1']:.3f}",
                     f"{r['micro_f1']:.3f}", f"{r['texts_per_s']:,.0f}"]
                    for key, r in report["results"].items()])
    for key, r in report["results"].items():
        lines += ["", f"Per emotion, {key} ({r['name']} {r['version']}):", ""]
        lines += table(["emotion", "precision", "recall", "F1", "gold", "predicted", "both"],
                       [[e, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                         f"{s['support']:,}", f"{s['predicted']:,}", f"{s['true_positives']:,}"]
                        for e, s in r["per_emotion"].items()])
    if report.get("notes"):
        lines += ["", *(f"- {n}" for n in report["notes"])]
    return "\n".join(lines)


@evaluate_app.command("emotions", help=(
    "Score emotion models against comments labelled with CX emotions: per-emotion precision, "
    "recall and F1, macro- and micro-F1, and throughput. --labels is one column of emotion ids "
    "separated by --sep (anger, frustration, disappointment, confusion, anxiety, gratitude, "
    "delight, admiration); leave it empty for no emotion."
))
def evaluate_emotions_cli(
    input: InputArg,
    text: Annotated[str, typer.Option("--text", "-t", help="Column holding the comment text.")],
    labels: Annotated[str, typer.Option("--labels", "-l", help="Column of gold emotion ids separated by --sep (empty = no emotion).")],
    sep: Annotated[str, typer.Option("--sep", help="Separator inside the label column.")] = ";",
    model: Annotated[list[str] | None, typer.Option("--model", "-m", help="Model to score: 'fast', 'accurate' or a model folder; repeat for several (default: fast).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Report JSON to write; the markdown report goes beside it (.md).")] = None,
    goemotions: Annotated[bool, typer.Option("--goemotions", help="--labels holds GoEmotions label names (annoyance, joy, neutral ...), mapped to CX emotions as cxtext's models were trained.")] = False,
    in_format: FormatOpt = None,
    encoding: EncodingOpt = None,
    sheet: SheetOpt = None,
    delimiter: DelimiterOpt = None,
) -> None:
    report = run_evaluate_emotions(
        input, text=text, labels=labels, sep=sep, models=model, output=output,
        in_format=in_format, encoding=encoding, sheet=sheet, delimiter=delimiter,
        goemotions=goemotions,
    )
    typer.echo(render_emotion_report(report))
    if output is not None:
        typer.echo("\nwrote {} and {}".format(*report_paths(output)))
