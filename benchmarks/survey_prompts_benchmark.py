"""Survey answers read with their question prompts: cxtext against VADER and TextBlob.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/survey_prompts_benchmark.py \
        [--preset fast --preset accurate] [--out benchmarks/results]

Rows: three sets of 320 survey answers, each with the prompt it answers and a
gold label, written by hand for cxtext by three contributors who saw neither
each other's set nor any model output (see the ``.SOURCE.md`` beside each file):

* ``survey_prompts_dev.csv``: patient feedback, online retail, banking, telecom,
  insurance claims;
* ``survey_prompts_dev2.csv``: restaurants, airline travel, gyms, car dealers,
  pharmacies, public transport;
* ``survey_prompts_test.csv``: utilities, university courses, council services,
  hotels, SaaS, an employee survey.

The context rule sizes and wordings in :mod:`cxtext.sentiment.context` were
chosen on the two dev sets only; the test set was scored, never tuned on.

Every preset runs through :func:`cxtext.analyze`, as a user calls it:

* ``with prompts``: ``analyze(df, text="comment", question="question")``;
* ``text only``: ``analyze(df, text="comment")``, the same rows without prompts.

VADER and TextBlob read the raw comment (they take no prompt). A comment cxtext
leaves without sentiment (a non-answer such as "n/a" whose prompt gives it no
meaning) counts as an error, so the figures never flatter by dropping rows; the
number of such rows is reported. Macro-F1 is over the three gold classes.

Writes ``survey_prompts.md`` and ``survey_prompts.json`` under ``--out`` with the
command, date, sha256 of both files and the model versions.
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

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score

import cxtext
from cxtext.baselines import load_baseline
from cxtext.models import sha256_file
from cxtext.sentiment.context import prompt_type

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
SETS = {"dev": DATA / "survey_prompts_dev.csv", "dev2": DATA / "survey_prompts_dev2.csv",
        "test": DATA / "survey_prompts_test.csv"}
LABELS = ["negative", "neutral", "positive"]
MISSING = "(none)"


def _scores(gold: np.ndarray, pred: np.ndarray) -> dict[str, Any]:
    return {"macro_f1": float(f1_score(gold, pred, labels=LABELS, average="macro", zero_division=0)),
            "accuracy": float(accuracy_score(gold, pred)), "missing": int((pred == MISSING).sum())}


def _by_prompt(gold: np.ndarray, pred: np.ndarray, kinds: np.ndarray) -> dict[str, float]:
    return {k: float(f1_score(gold[kinds == k], pred[kinds == k], labels=LABELS, average="macro",
                              zero_division=0)) for k in ("praise", "improve", "neutral")}


def _run_set(name: str, path: Path, presets: list[str]) -> dict[str, Any]:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    gold = frame["label"].to_numpy(dtype=object)
    kinds = np.array([prompt_type(q) for q in frame["question"]], dtype=object)
    rows: list[dict[str, Any]] = []
    for preset in presets:
        analyzer = cxtext.Analyzer(preset=preset)
        analyzer.analyze(frame.head(8), text="comment", id="id")  # warm-up: model loading is not throughput
        for mode, question in (("with prompts", "question"), ("text only", None)):
            start = time.perf_counter()
            result = analyzer.analyze(frame, text="comment", id="id", question=question)
            seconds = time.perf_counter() - start
            pred = result.comments["sentiment"].fillna(MISSING).to_numpy(dtype=object)
            model = result.info.get("sentiment_model", "")
            rows.append({"system": f"cxtext {preset}", "mode": mode, "model": model,
                         **_scores(gold, pred), "by_prompt": _by_prompt(gold, pred, kinds),
                         "texts_per_s": len(frame) / seconds})
    for base in ("vader", "textblob"):
        scorer = load_baseline(base)
        scorer.predict(frame["comment"].head(8).tolist())
        start = time.perf_counter()
        pred = np.asarray(scorer.predict(frame["comment"].tolist()), dtype=object)
        seconds = time.perf_counter() - start
        rows.append({"system": base, "mode": "text only", "model": "", **_scores(gold, pred),
                     "by_prompt": _by_prompt(gold, pred, kinds), "texts_per_s": len(frame) / seconds})
    counts = pd.crosstab(kinds, gold)
    return {"name": name, "path": str(path.relative_to(ROOT)), "sha256": sha256_file(path),
            "rows": len(frame), "labels_by_prompt": {k: {lab: int(counts.loc[k].get(lab, 0)) for lab in LABELS}
                                                     for k in counts.index},
            "results": rows}


def _markdown(report: dict[str, Any]) -> str:
    header = "| system | input | macro-F1 | accuracy | no sentiment | F1 praise / improve / neutral prompts | texts/s |"
    lines = ["# Survey answers read with their prompts", "",
             f"Command: `{report['command']}`  ",
             f"Date: {report['date']} · cxtext {report['cxtext']} · {report['machine']}", ""]
    for ds in report["sets"]:
        counts = "; ".join(f"{k} {v}" for k, v in ds["labels_by_prompt"].items())
        lines += [f"## {ds['name']}: `{ds['path']}` ({ds['rows']} rows, sha256 {ds['sha256'][:12]}…)", "",
                  f"Gold labels by prompt type (prompt type as cxtext reads the question): {counts}", "",
                  header, "|---|---|---|---|---|---|---|"]
        for r in ds["results"]:
            bp = r["by_prompt"]
            system = f"{r['system']} ({r['model']})" if r["model"] else r["system"]
            lines.append(f"| {system} | {r['mode']} | {r['macro_f1']:.3f} | {r['accuracy']:.3f} | "
                         f"{r['missing']} | {bp['praise']:.3f} / {bp['improve']:.3f} / {bp['neutral']:.3f} | "
                         f"{r['texts_per_s']:,.0f} |")
        lines.append("")
    notes = [
        "A comment left without sentiment (non-answer with no meaning under its prompt) counts as an error.",
        ("Throughput: whole `analyze` pass (cleaning, sentiment, themes, emotions) on 320 rows after a "
         "warm-up; indicative only on a shared 2-core machine."),
        ("Rule sizes in `cxtext.sentiment.context` were chosen on the dev sets; the test set was not used "
         "to choose anything."),
    ]
    return "\n".join([*lines, "Notes:", "", *(f"- {n}" for n in notes), ""])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", action="append", help="preset to run (repeat; default fast and accurate)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--name", default="survey_prompts", help="file stem of the results")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    presets = args.preset or ["fast", "accurate"]
    report = {"command": "HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/survey_prompts_benchmark.py "
                         + shlex.join(argv if argv is not None else sys.argv[1:]),
              "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cxtext": cxtext.__version__,
              "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
              "sets": [_run_set(name, path, presets) for name, path in SETS.items()]}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.name}.json").write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    (args.out / f"{args.name}.md").write_text(_markdown(report), encoding="utf-8")
    print(_markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
