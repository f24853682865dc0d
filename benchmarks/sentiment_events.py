"""Service events and denied faults in the fast model's templates: the evidence behind sentiment-fast 0.10.0.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_events.py [--jobs 2]

Customers often report what happened and leave the verdict implied ("the
parcel never came", "the bin wasn't collected", "the food arrived cold"), and
praise by denying a fault ("the driver was never late", "the room wasn't
dirty"). A bug bash (2026-12-06) found sentiment-fast 0.9.0 reading 10 of 25
plain failure statements as neutral and "The delivery was not late at all" as
negative (0.99). ``models/recipes/cx_augment.py`` gained a block of such
sentences (``events=True``). This script fits sentiment-fast 0.9.0's recipe
(hashed n-grams with the tweet copy and the lexicon block at weight 3 in texts
of 8+ words; NBSVM-averaged logistic regression at C = 2; the shared train
splits plus the templates, every (dataset, class) cell weighted the same, the
template blocks added since 0.6.0 at half weight) without (setting ``0``) and
with (``1``) the new block, and scores both without the test split of any set
trained on, as ``benchmarks/sentiment_regularisation.py`` does:

1. **Validation**: 85/15 split of the shared train splits, stratified by
   (dataset, class), seed 0, and the two hand-written survey dev sets read
   with their prompts.
2. **Leave one dataset out**: train on three sets (plus the templates), score
   macro-F1 on the fourth set's test split.

The block was written after reading the bug bash's misreadings; none of its
sentences is among the templates, the negation table, the idiom set or the
colloquial set, but the idiom set shares constructions ("The refund never
arrived."). Writes ``sentiment_events.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

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

C = 2.0  # sentiment-fast 0.9.0


def _fit(X: Any, y: np.ndarray, weights: np.ndarray, rows: np.ndarray, nb_weight: float, score: list[Any],
         *, scale: float, in_block: np.ndarray) -> list[np.ndarray]:
    """``_fit_logits`` at C = 2 on ``rows``, the block's weights scaled by ``scale`` (0: the block left out)."""
    if not scale:
        return _fit_logits(X, y, weights, rows[~in_block[rows]], nb_weight, score, C=C)
    scaled = weights.copy()
    scaled[in_block] *= scale
    return _fit_logits(X, y, scaled, rows, nb_weight, score, C=C)


def compare_block(argv: list[str] | None, doc: str, *, base: dict[str, bool], block: str, settings: list[float],
                  stem: str, title: str, intro: str, row_header: str) -> int:
    """Fit the fast recipe on the shared train splits plus the templates ``base``, with the template
    block ``block`` (a :func:`cx_augmentation` switch, its rows last) at each weight scale of
    ``settings`` (0: left out; 1: the other new blocks' half weight), and write the comparison to
    ``STEM.md``/``.json``. ``intro`` may hold ``{rows}``, the block's row count."""
    args = benchmark_args(doc, argv)
    t0 = time.perf_counter()
    lexicon = vader_lexicon()
    frames = {name: load_sentiment_dataset(name) for name in DATASETS}
    without = cx_augmentation(**base)
    train = shared_train_rows(frames, cx_augmentation(**base, **{block: True}))
    n_real = int((train["dataset"] != "cx_augment").sum())
    weights = row_weights(train, "dataset-class")
    weights[n_real + len(cx_augmentation(short_answers=True)):] *= NEW_BLOCKS_FACTOR  # as the recipe
    in_block = np.zeros(len(train), dtype=bool)
    in_block[n_real + len(without):] = True  # the block comes after the other templates
    parts = compared_parts(recipe_features(lexicon), train, frames)
    y = np.searchsorted(CLASSES, train["label"].to_numpy())
    results = compare_settings(settings, lambda setting, part: parts[part], y=y, weights=weights,
                               datasets=train["dataset"].to_numpy(), n_real=n_real, frames=frames,
                               fit=_fit, n_jobs=args.jobs,
                               fit_options=lambda setting: {"scale": float(setting), "in_block": in_block})
    write_comparison(args.out, stem, results, t0=t0, title=title, intro=intro.format(rows=int(in_block.sum())),
                     row_header=row_header,
                     validation_title="Validation: 15% of the shared train splits, and the survey dev sets")
    return 0


def main(argv: list[str] | None = None) -> int:
    return compare_block(
        argv, __doc__, base={"short_answers": True, "litotes": True, "care": True}, block="events",
        settings=[0.0, 1.0], stem="sentiment_events",
        title="Fast sentiment: service events and denied faults in the templates",
        intro=("Macro-F1 of sentiment-fast 0.9.0's recipe without (0) and with (1) the {rows} event rows. "
               "See the script's docstring for the protocol."),
        row_header="event templates")


if __name__ == "__main__":
    sys.exit(main())
