"""NBSVM logits in the fast sentiment model: the evidence behind sentiment-fast 0.5.0.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_nb_features.py [--jobs 2]

From 0.5.0 the fast model averages the logits of its multinomial logistic
regression with those of one-vs-rest regressions on naive-Bayes-scaled features
(``nb_weight``, :func:`cxtext.sentiment.fast.fit_linear_logits`). Both are linear
in the same features, so any mix is one coefficient matrix: this script fits the
two parts once per training set (``nb_weight`` 0 and 1) and scores the mixes
0, 0.25, 0.5, 0.75 and 1 from their logits. Everything else is the shipped
recipe: ``dataset-class`` row weights, C = 4, the templates with the short survey
answers, the model's own features. Nothing here reads a test split of a set
trained on:

1. **Validation**: 85/15 split of the shared train splits, stratified by
   (dataset, class), seed 0; macro-F1 on the 15% per set. The same fit scores the
   two hand-written survey dev sets (``benchmarks/data/survey_prompts_dev*.csv``)
   read with their prompts (:func:`cxtext.sentiment.context.read_in_context` on
   the uncalibrated probabilities).
2. **Leave one dataset out**: train on three sets (plus the templates), score
   macro-F1 on the fourth set's test split, the nearest we have to a domain with
   no training data.

Writes ``sentiment_nb_features.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from joblib import Parallel, delayed
from scipy.special import softmax
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.metrics import f1_score

from cxtext.datasets import DATASETS, load_sentiment_dataset
from cxtext.sentiment.context import read_in_context
from cxtext.sentiment.fast import FastSentimentClassifier, fit_linear_logits
from cxtext.sentiment.features import idf_l2
from cxtext.sentiment.train import clean_for_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "models" / "recipes"))
from cx_augment import cx_augmentation
from sentiment_fast import row_weights
from sentiment_short_answers import SURVEYS, hashed_survey_dev_sets  # this folder is on sys.path
from sentiment_weighting import (
    benchmark_args,
    shared_train_rows,
    validation_split,
    write_comparison,
)

CLASSES = np.array(["negative", "neutral", "positive"], dtype=object)
MIXES = (0.0, 0.25, 0.5, 0.75, 1.0)


def _fit_logits(X: Any, y: np.ndarray, weights: np.ndarray, rows: np.ndarray, nb_weight: float,
                score: list[Any], C: float = 4.0) -> list[np.ndarray]:
    """Fit the fast model's linear layer on ``rows``; uncalibrated logits of each matrix of ``score``."""
    idf = TfidfTransformer(norm="l2").fit(X[rows]).idf_.astype(np.float32)
    coef, intercept = fit_linear_logits(idf_l2(X[rows].tocsr(copy=True), idf), y[rows], C=C,
                                        sample_weight=weights[rows], nb_weight=nb_weight, n_classes=3)
    return [np.asarray(idf_l2(M.tocsr(copy=True), idf) @ coef.T) + intercept for M in score]


def _macro_f1(gold: np.ndarray, logits: np.ndarray) -> float:
    return round(float(f1_score(gold, CLASSES[logits.argmax(1)], average="macro")), 4)


def main(argv: list[str] | None = None) -> int:
    args = benchmark_args(__doc__, argv)
    t0 = time.perf_counter()

    frames = {name: load_sentiment_dataset(name) for name in DATASETS}
    train = shared_train_rows(frames, cx_augmentation(short_answers=True))
    hasher = FastSentimentClassifier().text_hasher()
    X = hasher.transform(clean_for_model(train["text"].tolist()))
    y = np.searchsorted(CLASSES, train["label"].to_numpy())
    ds = train["dataset"].to_numpy()
    weights = row_weights(train, "dataset-class")
    fit_rows, val_rows = validation_split(ds, y)
    surveys = hashed_survey_dev_sets(hasher)
    tests = {name: hasher.transform(clean_for_model(df[df.split == "test"]["text"].tolist()))
             for name, df in frames.items()}
    print(f"hashed {X.shape[0]:,} train rows in {time.perf_counter() - t0:.0f} s", flush=True)

    jobs = []  # (nb_weight, kind, train rows, matrices to score)
    for nb_weight in (0.0, 1.0):
        jobs.append((nb_weight, "validation", fit_rows, [X[val_rows]] + [surveys[s][0] for s in SURVEYS]))
        for held in DATASETS:
            jobs.append((nb_weight, held, np.flatnonzero(ds != held), [tests[held]]))
    logits = Parallel(n_jobs=args.jobs)(
        delayed(_fit_logits)(X, y, weights, rows, nb, score) for nb, _, rows, score in jobs)
    parts = {(nb, kind): out for (nb, kind, _, _), out in zip(jobs, logits)}

    results: dict[str, dict[str, Any]] = {}
    val_ds, val_gold = ds[val_rows], CLASSES[y[val_rows]]
    for mix in MIXES:
        def mixed(kind: str, i: int) -> np.ndarray:
            return (1 - mix) * parts[(0.0, kind)][i] + mix * parts[(1.0, kind)][i]  # noqa: B023
        res: dict[str, Any] = {"validation": {
            name: _macro_f1(val_gold[val_ds == name], mixed("validation", 0)[val_ds == name])
            for name in DATASETS}}
        for i, name in enumerate(SURVEYS, start=1):
            _, texts, prompts, gold = surveys[name]
            read, _ = read_in_context(softmax(mixed("validation", i), axis=1), list(CLASSES), texts, prompts)
            res["validation"][f"survey {name} with prompts"] = _macro_f1(gold, read)
        res["leave_one_dataset_out"] = {
            held: _macro_f1(frames[held][frames[held].split == "test"]["label"].to_numpy(), mixed(held, 0))
            for held in DATASETS}
        results[f"{mix:g}"] = res

    write_comparison(args.out, "sentiment_nb_features", results, t0=t0,
                     title="Fast sentiment: NBSVM one-vs-rest logits mixed into the multinomial ones",
                     intro=("Macro-F1; `nb_weight` is the NBSVM share (0 = sentiment-fast 0.4.0's recipe). "
                            "See the script's docstring for the protocol."),
                     row_header="nb_weight",
                     validation_title="Validation: 15% of the shared train splits, and the survey dev sets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
