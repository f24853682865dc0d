"""How strongly to regularise the fast model, judged on genres it never saw.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_regularisation.py [--jobs 2] [--C 1 2 4 8]

The fast model's logistic regressions have used ``C = 4`` since sentiment-fast
0.2.0, chosen on validation rows of the genres it trains on. A team scores
feedback from a genre none of the shared sets holds, and a more strongly
regularised model may lean less on genre-specific n-grams. This script fits
sentiment-fast 0.8.0's recipe (its features: hashed n-grams with the tweet copy
and the lexicon block at weight 3 in texts of 8+ words; NBSVM-averaged logistic
regression; the shared train splits plus the CX templates, every (dataset,
class) cell weighted the same) at each ``--C`` and scores it without the test
split of any set trained on, as ``benchmarks/sentiment_lexicon.py`` does:

1. **Validation**: 85/15 split of the shared train splits, stratified by
   (dataset, class), seed 0, and the two hand-written survey dev sets read
   with their prompts.
2. **Leave one dataset out**: train on three sets (plus the templates), score
   macro-F1 on the fourth set's test split (VADER's figures on the same rows:
   ``benchmarks/results/sentiment_lexicon_min_words_8``).

Writes ``sentiment_regularisation.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from cxtext.datasets import DATASETS, load_sentiment_dataset
from cxtext.sentiment.fast import FastSentimentClassifier, vader_lexicon
from cxtext.sentiment.features import lexicon_counts

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "models" / "recipes"))
from sentiment_lexicon import _with_lexicon  # this folder is on sys.path when the script runs
from sentiment_nb_features import _fit_logits
from sentiment_weighting import (
    CLASSES,
    benchmark_args,
    compare_settings,
    compared_parts,
    fast_recipe_rows,
    write_comparison,
)

LEXICON_WEIGHT = 3.0  # sentiment-fast 0.8.0
LEXICON_MIN_WORDS = 8


def recipe_features(lexicon: Any) -> Callable[[list[str]], sp.csr_matrix]:
    """sentiment-fast 0.8.0's features (on): hashed n-grams with the tweet copy, the lexicon block at weight 3."""
    hasher = FastSentimentClassifier(tweet_copy=1.0).text_hasher()

    def features(texts: list[str]) -> sp.csr_matrix:
        counts = lexicon_counts([t[:hasher.max_chars] for t in texts], lexicon, min_words=LEXICON_MIN_WORDS)
        return _with_lexicon(hasher.transform(texts), counts, LEXICON_WEIGHT)

    return features


def main(argv: list[str] | None = None) -> int:
    def options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--C", nargs="+", type=float, default=[1.0, 2.0, 4.0, 8.0],
                            help="inverse regularisation strengths to compare (4 = sentiment-fast 0.8.0)")

    args = benchmark_args(__doc__, argv, extra=options)
    t0 = time.perf_counter()
    lexicon = vader_lexicon()
    frames = {name: load_sentiment_dataset(name) for name in DATASETS}
    train, n_real, weights = fast_recipe_rows(frames)
    parts = compared_parts(recipe_features(lexicon), train, frames)
    y = np.searchsorted(CLASSES, train["label"].to_numpy())
    results = compare_settings(args.C, lambda C, part: parts[part], y=y, weights=weights,
                               datasets=train["dataset"].to_numpy(), n_real=n_real, frames=frames,
                               fit=_fit_logits, n_jobs=args.jobs, fit_options=lambda C: {"C": C})
    write_comparison(args.out, "sentiment_regularisation", results, t0=t0,
                     title="Fast sentiment: regularisation strength (C) on unseen genres",
                     intro=("Macro-F1 of sentiment-fast 0.8.0's recipe per C (4 = shipped). See the "
                            "script's docstring for the protocol."),
                     row_header="C",
                     validation_title="Validation: 15% of the shared train splits, and the survey dev sets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
