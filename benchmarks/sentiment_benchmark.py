"""Benchmark cxtext's sentiment models against VADER and TextBlob on every labelled set.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_benchmark.py \
        [--data /work/shared/data] [--model fast --model accurate] [--out benchmarks/results]

Rows: the *test* split of each shared dataset exactly as fixed in
:mod:`cxtext.datasets` (the shipped models are trained on the train splits
only), plus ``tests/data/cx_idioms.csv``, a small CX idiom set (negation and
stock phrases such as "no complaints", "could have been better") written for
cxtext and released under CC0. Every model and baseline scores the same rows via
:func:`cxtext.evaluate.evaluate_sentiment`; a model that cannot be loaded (e.g.
``accurate`` before its weights are installed) is skipped with a note.

Writes ``sentiment.md`` and ``sentiment.json`` under ``--out`` with the command,
date, sha256 of every dataset file and the model versions at the top.
Throughput is measured in the same run on a shared machine: indicative only.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shlex
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from cxtext.datasets import DATASETS, LICENCES, load_sentiment_dataset
from cxtext.errors import CxTextError
from cxtext.evaluate import EvaluationReport, evaluate_sentiment, resolve_sentiment_model
from cxtext.models import sha256_file

ROOT = Path(__file__).resolve().parents[1]
IDIOMS = ROOT / "tests" / "data" / "cx_idioms.csv"

#: Files each test split is read from (first one is "the" dataset file), for the sha256 pins.
SOURCE_FILES: dict[str, list[str]] = {
    "airline_tweets": ["airline_tweets/Tweets.csv"],
    "womens_clothing_reviews": ["womens_clothing_reviews/Womens_Clothing_E-Commerce_Reviews.csv.gz"],
    "goemotions": ["goemotions/dev.tsv", "goemotions/emotions.txt", "goemotions/sentiment_dict.json"],
    "semeval2014_restaurants": ["semeval2014_restaurants/Restaurants_Train.xml"],
}


def _load_models(specs: list[str]) -> tuple[dict[str, Any], list[str]]:
    models, notes = {}, []
    for spec in specs:
        try:
            models[spec] = resolve_sentiment_model(spec)
        except CxTextError as err:
            notes.append(f"Model {spec!r} skipped, not loadable here: {err}")
    return models, notes


def _row(name: str, key: str, report: EvaluationReport) -> dict[str, Any]:
    res = report.results[key]
    return {"dataset": name, "rows": res["rows"], "model": key,
            "version": f"{res['name']} {res['version']}", "macro_f1": res["macro_f1"],
            "accuracy": res["accuracy"], "ece": res["ece"], "texts_per_s": res["texts_per_s"],
            "vs_vader": res["vs_vader"]}


def _md(rows: list[dict[str, Any]]) -> str:
    head = "| dataset (test rows) | model | version | macro-F1 | accuracy | ECE | texts/s | speed vs VADER |"
    out = [head, "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        ece = "n/a" if r["ece"] is None else f"{r['ece']:.3f}"
        ratio = "n/a" if r["vs_vader"] is None else f"{r['vs_vader']:.2f}×"
        out.append(f"| {r['dataset']} ({r['rows']:,}) | {r['model']} | {r['version']} | "
                   f"{r['macro_f1']:.3f} | {r['accuracy']:.3f} | {ece} | {r['texts_per_s']:,.0f} | {ratio} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="Shared data folder (default: cxtext's).")
    parser.add_argument("--model", action="append", default=None,
                        help="Model to score (repeatable; default: fast and accurate).")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    from cxtext.datasets import shared_data_dir

    data_root = args.data or shared_data_dir()
    models, notes = _load_models(args.model or ["fast", "accurate"])
    if not models:
        print("no cxtext model could be loaded", file=sys.stderr)
        return 1
    started = time.perf_counter()
    reports: dict[str, EvaluationReport] = {}
    for name in DATASETS:
        try:
            df = load_sentiment_dataset(name, root=args.data)
        except CxTextError as err:
            notes.append(f"Dataset {name!r} skipped: {err}")
            continue
        test = df[df["split"] == "test"]
        files = {rel: sha256_file(data_root / rel) for rel in SOURCE_FILES[name]}
        first = SOURCE_FILES[name][0]
        info = {"name": name, "split": "test", "path": str(data_root / first), "sha256": files[first],
                "files": files, "licence": LICENCES[name][0]}
        reports[name] = evaluate_sentiment(test["text"].tolist(), test["label"].tolist(), models,
                                           dataset=info)
        print(f"{name}: {len(test):,} rows done", file=sys.stderr)
    import pandas as pd

    idioms = pd.read_csv(IDIOMS)
    reports["cx_idioms"] = evaluate_sentiment(
        idioms["text"].tolist(), idioms["label"].tolist(), models,
        dataset={"name": "cx_idioms", "split": "all", "path": str(IDIOMS.relative_to(ROOT)),
                 "sha256": sha256_file(IDIOMS), "licence": "CC0 1.0 (written for cxtext)"})

    rows = [_row(name, key, rep) for name, rep in reports.items() for key in rep.results]
    any_report = next(iter(reports.values()))
    versions = {k: f"{r['name']} {r['version']}" for k, r in any_report.results.items()}
    command = "HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_benchmark.py" + (
        " " + shlex.join(argv if argv is not None else sys.argv[1:]) if (argv or sys.argv[1:]) else "")
    meta = {
        "command": command,
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "cxtext": any_report.cxtext,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()} "
                   "(shared with other jobs: throughput is indicative)",
        "seconds": round(time.perf_counter() - started, 1),
        "models": versions,
        "datasets": {name: {k: rep.dataset.get(k) for k in ("split", "rows", "sha256", "files", "licence", "labels")}
                     for name, rep in reports.items()},
        "notes": notes + any_report.notes,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "sentiment.json").write_text(json.dumps(
        {**meta, "table": rows, "reports": {n: r.to_dict() for n, r in reports.items()}},
        indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    md = [
        "# Sentiment benchmark",
        "",
        f"- Command: `{command}`",
        f"- Date: {meta['date']} · cxtext {meta['cxtext']} · {meta['machine']}",
        "- Models: " + ", ".join(f"{k} = {v}" for k, v in versions.items()),
        ("- Rows: the test split of each dataset as fixed in `cxtext.datasets` (models trained on "
         "train splits only); `cx_idioms` = tests/data/cx_idioms.csv (all rows)."),
        "",
        "Dataset files (sha256):",
        "",
        *(f"- {name}: " + ", ".join(f"`{rel}` {sha}" for rel, sha in (d.get("files") or {
            d.get("path", name): d.get("sha256")}).items())
          for name, d in ((n, r.dataset) for n, r in reports.items())),
        "",
        _md(rows),
        "",
        *(f"- {n}" for n in meta["notes"]),
        "",
        "Per-class scores and confusion matrices: see `sentiment.json` (`reports`).",
    ]
    (args.out / "sentiment.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
