"""Stories and tallies in the fast model's templates: the evidence for or against sentiment-fast 0.11.0.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_arcs.py [--jobs 2]
    # other scales of the block's weight (0: left out; 1: half the templates' weight, as the
    # other blocks): CXTEXT_ARC_SCALES="0 0.5 1"

A blind set of six genres (``tests/data/cx_genres_2.csv``, 2026-12-06) showed
the fast preset reading long comments that open with a setback and end in
praise as negative, complaints told as a tally of failures or a promise not
kept as neutral, and "not once did anyone ..." as positive.
``models/recipes/cx_augment.py`` gained a block of such sentences
(``arcs=True``, 222 rows, written after reading the helper's summary of that
set's misreadings; none of its sentences is in any evaluation set). This script
fits sentiment-fast 0.10.0's recipe (0.9.0's features and C = 2, with the event
block) without (setting ``0``) and with (``1``) the new block, at the template
blocks' half weight, and scores both without the test split of any set trained
on, as ``benchmarks/sentiment_events.py`` does:

1. **Validation**: 85/15 split of the shared train splits, stratified by
   (dataset, class), seed 0, and the two hand-written survey dev sets read
   with their prompts.
2. **Leave one dataset out**: train on three sets (plus the templates), score
   macro-F1 on the fourth set's test split.

The decision also reads a third blind set, written by a helper after the block
and scored by a script that prints no comment. Writes
``sentiment_arcs.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from cxtext.datasets import DATASETS, load_sentiment_dataset
from cxtext.sentiment.fast import vader_lexicon

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "models" / "recipes"))
from cx_augment import cx_augmentation
from sentiment_fast import NEW_BLOCKS_FACTOR, row_weights
from sentiment_nb_features import _fit_logits  # this folder is on sys.path when the script runs
from sentiment_regularisation import recipe_features
from sentiment_weighting import (
    CLASSES,
    benchmark_args,
    compare_settings,
    compared_parts,
    shared_train_rows,
    write_comparison,
)

C = 2.0  # sentiment-fast 0.9.0 and 0.10.0


def _fit(X: Any, y: np.ndarray, weights: np.ndarray, rows: np.ndarray, nb_weight: float, score: list[Any],
         *, arcs: float, is_arc: np.ndarray) -> list[np.ndarray]:
    """``_fit_logits`` at C = 2, on ``rows`` with the arc templates' weight scaled by ``arcs`` (0: left out)."""
    if not arcs:
        return _fit_logits(X, y, weights, rows[~is_arc[rows]], nb_weight, score, C=C)
    scaled = weights.copy()
    scaled[is_arc] *= arcs
    return _fit_logits(X, y, scaled, rows, nb_weight, score, C=C)


def main(argv: list[str] | None = None) -> int:
    args = benchmark_args(__doc__, argv)
    t0 = time.perf_counter()
    lexicon = vader_lexicon()
    frames = {name: load_sentiment_dataset(name) for name in DATASETS}
    base = cx_augmentation(short_answers=True, litotes=True, care=True, events=True)
    train = shared_train_rows(frames, cx_augmentation(short_answers=True, litotes=True, care=True, events=True,
                                                      arcs=True))
    n_real = int((train["dataset"] != "cx_augment").sum())
    weights = row_weights(train, "dataset-class")
    weights[n_real + len(cx_augmentation(short_answers=True)):] *= NEW_BLOCKS_FACTOR  # as the recipe
    is_arc = np.zeros(len(train), dtype=bool)
    is_arc[n_real + len(base):] = True  # the arc block comes after the shipped templates
    parts = compared_parts(recipe_features(lexicon), train, frames)
    y = np.searchsorted(CLASSES, train["label"].to_numpy())
    settings = [float(v) for v in os.environ.get("CXTEXT_ARC_SCALES", "0 1").split()]
    results = compare_settings(settings, lambda setting, part: parts[part], y=y, weights=weights,
                               datasets=train["dataset"].to_numpy(), n_real=n_real, frames=frames,
                               fit=_fit, n_jobs=args.jobs,
                               fit_options=lambda setting: {"arcs": float(setting), "is_arc": is_arc})
    write_comparison(args.out, "sentiment_arcs", results, t0=t0,
                     title="Fast sentiment: stories and tallies in the templates",
                     intro=(f"Macro-F1 of sentiment-fast 0.10.0's recipe without (0) and with (1) the "
                            f"{int(is_arc.sum())} arc rows. See the script's docstring for the protocol."),
                     row_header="arc templates",
                     validation_title="Validation: 15% of the shared train splits, and the survey dev sets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
