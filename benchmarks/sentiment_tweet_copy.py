"""A tweet copy of the word features in the fast model: the evidence behind sentiment-fast 0.7.0.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_tweet_copy.py [--jobs 2] [--weights 0 1 0.5 0.3]

``FastSentimentClassifier(tweet_copy=w)`` gives texts that address an
``@handle`` a copy of their word features scaled by ``w``, so one model learns
weights every genre shares plus tweet-only corrections (feature augmentation,
Daumé 2007; :class:`cxtext.sentiment.features.TextHasher`). This script trains
the shipped recipe (``dataset-class`` row weights, C = 4, ``nb_weight`` 0.5,
the 0.6.0 templates with their new blocks at half weight) with each copy weight
(0 = sentiment-fast 0.6.0) and compares them without the test split of any set
trained on:

1. **Validation**: 85/15 split of the shared train splits, stratified by
   (dataset, class), seed 0; macro-F1 on the 15% per set, and the two
   hand-written survey dev sets read with their prompts.
2. **Leave one dataset out**: train on three sets (plus the templates), score
   macro-F1 on the fourth set's test split. Only the airline tweets have
   handles, so leaving them out trains no copy and scores as weight 0: that
   fit is not repeated.

The copy helps the tweets it was trained on; what it may cost is the other
genres, since the shared weights then learn less from the tweets: the
leave-one-dataset-out columns measure that. Writes
``sentiment_tweet_copy.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed

from cxtext.datasets import DATASETS, load_sentiment_dataset
from cxtext.sentiment.fast import FastSentimentClassifier
from cxtext.sentiment.train import clean_for_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "models" / "recipes"))
from sentiment_nb_features import _fit_logits  # this folder is on sys.path when the script runs
from sentiment_weighting import (
    benchmark_args,
    fast_recipe_rows,
    macro_f1_of_scores,
    survey_dev_rows,
    validation_scores,
    validation_split,
    write_comparison,
)

CLASSES = np.array(["negative", "neutral", "positive"], dtype=object)



def _with_copy(counts: sp.csr_matrix, n_features: int, weight: float) -> sp.csr_matrix:
    """``counts`` of a ``tweet_copy`` hasher with the copy block scaled by ``weight`` (dropped at 0).

    Scaling the copy's (log-scaled) values is what the model's scaled idf does.
    """
    if weight == 0:
        return counts[:, : counts.shape[1] - n_features].tocsr()
    scale = np.ones(counts.shape[1], dtype=np.float32)
    scale[-n_features:] = weight
    return (counts @ sp.diags(scale)).tocsr()


def main(argv: list[str] | None = None) -> int:
    args = benchmark_args(__doc__, argv, extra=lambda parser: parser.add_argument(
        "--weights", nargs="+", type=float, default=[0.0, 1.0, 0.5, 0.3],
        help="copy weights to train (0 = no copy, the 0.6.0 recipe)"))
    t0 = time.perf_counter()

    frames = {name: load_sentiment_dataset(name) for name in DATASETS}
    train, n_real, weights = fast_recipe_rows(frames)
    hasher = FastSentimentClassifier(tweet_copy=1.0).text_hasher()
    n = hasher.n_features
    X = hasher.transform(clean_for_model(train["text"].tolist()))
    y = np.searchsorted(CLASSES, train["label"].to_numpy())
    ds = train["dataset"].to_numpy()
    fit_rows, val_rows = validation_split(ds[:n_real], y[:n_real])
    extra = np.arange(n_real, len(train))
    surveys, survey_texts, prompts = survey_dev_rows()
    S = hasher.transform(survey_texts)
    tests = {name: hasher.transform(clean_for_model(df[df.split == "test"]["text"].tolist()))
             for name, df in frames.items()}

    jobs = []  # (weight, kind, X, rows, matrices to score)
    for w in args.weights:
        Xw = _with_copy(X, n, w)
        jobs.append((w, "validation", Xw, np.concatenate([fit_rows, extra]), [Xw[val_rows], _with_copy(S, n, w)]))
        for held in DATASETS:
            if held == "airline_tweets" and w != args.weights[0]:
                continue  # no other set has handles: the same fit as the first weight
            rows = np.concatenate([np.flatnonzero(ds[:n_real] != held), extra])
            jobs.append((w, held, Xw, rows, [_with_copy(tests[held], n, w)]))
    print(f"prepared {len(jobs)} fits in {time.perf_counter() - t0:.0f} s", flush=True)
    logits = Parallel(n_jobs=args.jobs)(
        delayed(_fit_logits)(Xw, y, weights, rows, 0.5, score) for _, _, Xw, rows, score in jobs)

    results: dict[str, dict[str, Any]] = {f"{w:g}": {"validation": {}, "leave_one_dataset_out": {}}
                                          for w in args.weights}
    val_ds, val_gold = ds[val_rows], CLASSES[y[val_rows]]
    for (w, kind, *_), out in zip(jobs, logits):
        res = results[f"{w:g}"]
        if kind != "validation":
            gold = frames[kind][frames[kind].split == "test"]["label"].to_numpy()
            res["leave_one_dataset_out"][kind] = macro_f1_of_scores(gold, out[0])
            continue
        res["validation"] = validation_scores(out[0], val_ds, val_gold, out[1], surveys, survey_texts, prompts)
    first = results[f"{args.weights[0]:g}"]["leave_one_dataset_out"]["airline_tweets"]
    for res in results.values():
        res["leave_one_dataset_out"].setdefault("airline_tweets", first)
        res["leave_one_dataset_out"] = {name: res["leave_one_dataset_out"][name] for name in DATASETS}

    write_comparison(args.out, "sentiment_tweet_copy", results, t0=t0,
                     title="Fast sentiment: a tweet copy of the word features",
                     intro=("Macro-F1 of the shipped recipe with each copy weight (0 = sentiment-fast 0.6.0). "
                            "See the script's docstring for the protocol."),
                     row_header="tweet copy weight",
                     validation_title="Validation: 15% of the shared train splits, and the survey dev sets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
