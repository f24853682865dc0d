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

import numpy as np
import scipy.sparse as sp

from cxtext.datasets import DATASETS, load_sentiment_dataset
from cxtext.sentiment.fast import FastSentimentClassifier

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "models" / "recipes"))
from sentiment_nb_features import _fit_logits  # this folder is on sys.path when the script runs
from sentiment_weighting import (
    CLASSES,
    benchmark_args,
    compare_settings,
    compared_parts,
    fast_recipe_rows,
    write_comparison,
)


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
    counts = compared_parts(hasher.transform, train, frames)
    results = compare_settings(
        args.weights, lambda w, part: _with_copy(counts[part], n, w),
        y=np.searchsorted(CLASSES, train["label"].to_numpy()), weights=weights,
        datasets=train["dataset"].to_numpy(), n_real=n_real, frames=frames, fit=_fit_logits, n_jobs=args.jobs,
        # no other set has handles: without the tweets, every weight is the first weight's fit
        same_as_first=lambda w, held: held == "airline_tweets")

    write_comparison(args.out, "sentiment_tweet_copy", results, t0=t0,
                     title="Fast sentiment: a tweet copy of the word features",
                     intro=("Macro-F1 of the shipped recipe with each copy weight (0 = sentiment-fast 0.6.0). "
                            "See the script's docstring for the protocol."),
                     row_header="tweet copy weight",
                     validation_title="Validation: 15% of the shared train splits, and the survey dev sets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
