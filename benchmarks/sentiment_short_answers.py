"""Short survey answers in the fast model's training data: the evidence behind sentiment-fast 0.4.0.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_short_answers.py [--jobs 2]

``models/recipes/cx_augment.py`` writes the CX idiom templates the sentiment
models train on; from 0.4.0 it adds few-word survey answers ("always late",
"friendly staff", "took 5 minutes", "10/10") with ``short_answers=True``. This
script trains the fast model's recipe both ways (``dataset-class`` weighting,
C = 4, the model's own features, as ``benchmarks/sentiment_weighting.py`` does)
and compares them without the test split of any set trained on:

1. **Validation**: 85/15 split of the shared train splits, stratified by
   (dataset, class), seed 0; macro-F1 on the 15% per set. The same split also
   scores the two hand-written survey dev sets (``benchmarks/data/survey_prompts_dev*.csv``),
   text only and read with their prompts (:func:`cxtext.sentiment.context.read_in_context`
   on the uncalibrated probabilities).
2. **Leave one dataset out**: train on three sets (plus the templates), score
   macro-F1 on the fourth set's test split.

The short answers were written after reading where the models failed on the
dev2 survey set, so its text-only gain is partly by construction; the
leave-one-dataset-out and validation figures are not. Writes
``sentiment_short_answers.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.metrics import f1_score

from cxtext.datasets import DATASETS, load_sentiment_dataset
from cxtext.sentiment.context import prompt_type, read_in_context
from cxtext.sentiment.fast import FastSentimentClassifier
from cxtext.sentiment.features import idf_l2
from cxtext.sentiment.train import clean_for_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "models" / "recipes"))
from cx_augment import cx_augmentation
from sentiment_fast import row_weights
from sentiment_weighting import (  # this folder is on sys.path when the script runs
    benchmark_args,
    fit_hashed,
    shared_train_rows,
    validation_split,
)

CLASSES = np.array(["negative", "neutral", "positive"], dtype=object)
SURVEYS = ("dev", "dev2")


def hashed_survey_dev_sets(hasher: Any) -> dict[str, tuple[Any, list[str], list[str], np.ndarray]]:
    """The survey dev sets (``SURVEYS``) as ``name -> (hashed texts, cleaned texts, prompt types, gold)``."""
    surveys = {}
    for name in SURVEYS:
        frame = pd.read_csv(ROOT / "benchmarks" / "data" / f"survey_prompts_{name}.csv", dtype=str,
                            keep_default_na=False)
        texts = clean_for_model(frame["comment"].tolist())
        surveys[name] = (hasher.transform(texts), texts, [prompt_type(q) for q in frame["question"]],
                         frame["label"].to_numpy())
    return surveys


def _fit_proba(hasher: Any, base: pd.DataFrame, X_base: Any, rows: np.ndarray, short_answers: bool,
               score: list[Any]) -> list[np.ndarray]:
    """Fit on ``base`` rows ``rows`` plus the templates; probabilities for each matrix of ``score``."""
    augment = cx_augmentation(short_answers=short_answers).assign(dataset="cx_augment")
    train = pd.concat([base.iloc[rows], augment], ignore_index=True)
    X = sp.vstack([X_base[rows], hasher.transform(clean_for_model(augment["text"].tolist()))]).tocsr()
    y = np.searchsorted(CLASSES, train["label"].to_numpy())
    lr, idf = fit_hashed(X, y, row_weights(train, "dataset-class"), C=4.0)
    return [lr.predict_proba(idf_l2(M.tocsr(copy=True), idf)) for M in score]


def main(argv: list[str] | None = None) -> int:
    args = benchmark_args(__doc__, argv)
    t0 = time.perf_counter()

    frames = {name: load_sentiment_dataset(name) for name in DATASETS}
    base = shared_train_rows(frames)
    hasher = FastSentimentClassifier().text_hasher()
    X_base = hasher.transform(clean_for_model(base["text"].tolist()))
    y = np.searchsorted(CLASSES, base["label"].to_numpy())
    ds = base["dataset"].to_numpy()
    fit_rows, val_rows = validation_split(ds, y)
    surveys = hashed_survey_dev_sets(hasher)
    tests = {name: hasher.transform(clean_for_model(df[df.split == "test"]["text"].tolist()))
             for name, df in frames.items()}

    jobs = []  # (short_answers, kind, train rows, matrices to score)
    for short in (False, True):
        jobs.append((short, "validation", fit_rows, [X_base[val_rows]] + [surveys[s][0] for s in SURVEYS]))
        for held in DATASETS:
            jobs.append((short, held, np.flatnonzero(ds != held), [tests[held]]))
    probas = Parallel(n_jobs=args.jobs)(
        delayed(_fit_proba)(hasher, base, X_base, rows, short, score) for short, _, rows, score in jobs)

    results: dict[str, dict[str, Any]] = {"without": {}, "with": {}}
    for (short, kind, _, _), proba in zip(jobs, probas):
        res = results["with" if short else "without"]
        if kind == "validation":
            pred = CLASSES[proba[0].argmax(1)]
            res["validation"] = {name: round(float(f1_score(CLASSES[y[val_rows]][ds[val_rows] == name],
                                                            pred[ds[val_rows] == name], average="macro")), 4)
                                 for name in DATASETS}
            res["validation"]["mean"] = round(float(np.mean(list(res["validation"].values()))), 4)
            for name, p in zip(SURVEYS, proba[1:]):
                _, texts, prompts, gold = surveys[name]
                read, _ = read_in_context(p, list(CLASSES), texts, prompts)
                res[f"survey_{name}"] = {
                    "text_only": round(float(f1_score(gold, CLASSES[p.argmax(1)], average="macro")), 4),
                    "with_prompts": round(float(f1_score(gold, CLASSES[read.argmax(1)], average="macro")), 4)}
        else:
            gold = frames[kind][frames[kind].split == "test"]["label"].to_numpy()
            res.setdefault("leave_one_dataset_out", {})[kind] = round(
                float(f1_score(gold, CLASSES[proba[0].argmax(1)], average="macro")), 4)
    for res in results.values():
        lodo = res["leave_one_dataset_out"]
        lodo["mean"] = round(float(np.mean(list(lodo.values()))), 4)

    report = {"command": "HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_short_answers.py",
              "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "seconds": round(time.perf_counter() - t0), "results": results}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "sentiment_short_answers.json").write_text(json.dumps(report, indent=2) + "\n")
    names = [*DATASETS, "mean"]
    lines = ["# Fast sentiment: short survey answers in the training templates", "",
             f"Command: `{report['command']}` ({report['date']}, {report['seconds']} s)", "",
             ("Macro-F1. Validation: 15% of the shared train splits; leave-one-dataset-out: trained on the "
              "other three sets, scored on this set's test split; survey dev sets: hand-written answers with "
              "their prompts (benchmarks/data)."), "",
             "| templates | " + " | ".join(f"validation {n}" for n in names) + " |",
             "|---|" + "---|" * len(names)]
    for key, res in results.items():
        lines.append(f"| {key} short answers | " + " | ".join(f"{res['validation'][n]:.3f}" for n in names) + " |")
    lines += ["", "| templates | " + " | ".join(f"LODO {n}" for n in names) + " |", "|---|" + "---|" * len(names)]
    for key, res in results.items():
        lodo = res["leave_one_dataset_out"]
        lines.append(f"| {key} short answers | " + " | ".join(f"{lodo[n]:.3f}" for n in names) + " |")
    lines += ["", "| templates | " + " | ".join(f"{s} text only | {s} with prompts" for s in SURVEYS) + " |",
              "|---|" + "---|" * (2 * len(SURVEYS))]
    for key, res in results.items():
        lines.append(f"| {key} short answers | " + " | ".join(
            f"{res[f'survey_{s}']['text_only']:.3f} | {res[f'survey_{s}']['with_prompts']:.3f}" for s in SURVEYS) + " |")
    (args.out / "sentiment_short_answers.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
