"""When should a worded request shift sentiment without a prompt? The evidence behind
``cxtext.sentiment.context.SUGGESTION_SHIFT_MAX_WORDS``.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_suggestion_shift.py

``read_in_context`` adds :data:`~cxtext.sentiment.context.SUGGESTION_SHIFT` to
the log-odds of a comment worded as an improvement request ("more parking
spaces please"): a request signals a pain point. This script scores, for
comments read *without* a prompt (``analyze(df, text=...)`` with no
``question=``), two families of rules:

* the shift scaled by 0, 0.25, 0.5, 0.75 or 1 for every request;
* the full shift only for requests of at most N words (N = 0, 10, 15, 20, 30,
  50, any).

Rows, none of them a test split of a set trained on:

1. **Validation**: the fast model refitted (shipped recipe, sentiment-fast
   0.5.0's parameters) on 85% of the shared train splits plus the templates;
   macro-F1 on the other 15% per set (stratified by dataset and class, seed 0,
   as ``sentiment_nb_features.py``).
2. **Survey dev sets** (``benchmarks/data/survey_prompts_dev*.csv``), answers
   read without their prompts, by the shipped ``fast`` and ``accurate`` models
   (never trained on them). With prompts, the shift applies at any length.

Writes ``sentiment_suggestion_shift.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score

import cxtext
from cxtext.datasets import DATASETS, load_sentiment_dataset
from cxtext.sentiment import context
from cxtext.sentiment.fast import FastSentimentClassifier
from cxtext.sentiment.train import clean_for_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "models" / "recipes"))
from cx_augment import cx_augmentation
from sentiment_fast import row_weights
from sentiment_weighting import (  # this folder is on sys.path
    benchmark_args,
    shared_train_rows,
    validation_split,
)

CLASSES = ["negative", "neutral", "positive"]
SCALES = (0.0, 0.25, 0.5, 0.75, 1.0)
MAX_WORDS = (0, 10, 15, 20, 30, 50, None)  # None: any length


def _read(proba: np.ndarray, texts: list[str], scale: float, max_words: int | None) -> np.ndarray:
    """``read_in_context`` without a prompt, the request shift times ``scale`` up to ``max_words`` words."""
    scaled = {c: v * scale for c, v in context.SUGGESTION_SHIFT.items()}
    with mock.patch.dict(context.SUGGESTION_SHIFT, scaled):
        return context.read_in_context(proba, CLASSES, texts, ["neutral"] * len(texts),
                                       max_request_words=max_words)[0]


def _rules(texts: list[str]) -> dict[str, Callable[[np.ndarray], np.ndarray]]:
    """Each rule's reading of probabilities for ``texts``, by name."""
    rules: dict[str, Callable[[np.ndarray], np.ndarray]] = {}
    for scale in SCALES:
        rules[f"scale {scale:g}, any length"] = lambda p, s=scale: _read(p, texts, s, None)
    for limit in MAX_WORDS:
        rules[f"full, <= {limit if limit is not None else 'any'} words"] = (
            lambda p, n=limit: _read(p, texts, 1.0, n))
    return rules


def _macro_f1(gold: np.ndarray, proba: np.ndarray) -> float:
    return round(float(f1_score(gold, np.asarray(CLASSES)[proba.argmax(1)], average="macro")), 4)


def main(argv: list[str] | None = None) -> int:
    args = benchmark_args(__doc__, argv)
    t0 = time.perf_counter()
    table: dict[str, dict[str, float]] = {}

    for preset in ("fast", "accurate"):
        model = cxtext.Analyzer(sentiment=preset).sentiment_model
        for name in ("dev", "dev2"):
            df = pd.read_csv(ROOT / "benchmarks" / "data" / f"survey_prompts_{name}.csv")
            texts = clean_for_model(df["comment"].tolist())
            proba = np.asarray(model.predict_proba(texts))
            gold = df["label"].to_numpy()
            for rule, read in _rules(texts).items():
                table.setdefault(rule, {})[f"survey {name}, text only ({preset})"] = _macro_f1(gold, read(proba))

    frames = {name: load_sentiment_dataset(name) for name in DATASETS}
    train = shared_train_rows(frames, cx_augmentation(short_answers=True))
    texts = clean_for_model(train["text"].tolist())
    y = train["label"].to_numpy()
    ds = train["dataset"].to_numpy()
    fit_rows, val_rows = validation_split(ds, y)
    model = FastSentimentClassifier().fit([texts[i] for i in fit_rows], y[fit_rows],
                                          sample_weight=row_weights(train, "dataset-class")[fit_rows])
    val_texts = [texts[i] for i in val_rows]
    proba = np.asarray(model.predict_proba(val_texts))
    for rule, read in _rules(val_texts).items():
        read_proba = read(proba)
        for name in DATASETS:
            rows = ds[val_rows] == name
            table[rule][f"validation {name} (fast)"] = _macro_f1(y[val_rows][rows], read_proba[rows])
    for scores in table.values():
        scores["mean (fast columns)"] = round(float(np.mean([v for k, v in scores.items() if "(fast)" in k])), 4)

    report: dict[str, Any] = {
        "command": "HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_suggestion_shift.py",
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - t0), "shipped_max_words": context.SUGGESTION_SHIFT_MAX_WORDS,
        "macro_f1": table}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "sentiment_suggestion_shift.json").write_text(json.dumps(report, indent=2) + "\n")
    cols = list(next(iter(table.values())))
    lines = ["# Worded requests read without a prompt: how much, and up to what length, they shift sentiment",
             "", f"Command: `{report['command']}` ({report['date']}, {report['seconds']} s)", "",
             ("Macro-F1. Rows: see the script's docstring (no test split of a set trained on). "
              f"Shipped: the full shift for requests of at most {context.SUGGESTION_SHIFT_MAX_WORDS} words."),
             "", "| rule | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    lines += [f"| {rule} | " + " | ".join(f"{scores[c]:.3f}" for c in cols) + " |" for rule, scores in table.items()]
    (args.out / "sentiment_suggestion_shift.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
