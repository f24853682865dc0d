"""The evaluation protocol shared by the emotion recipes and the benchmark.

GoEmotions ``train.tsv`` is split into *fit* (85%) and *holdout* (15%), grouped
by normalised text with seed 0; ``dev.tsv`` tunes the per-emotion thresholds.

* **dev** scores are optimistic: the thresholds were chosen on those rows.
* **holdout** scores are honest: a model fitted on *fit* only, with thresholds
  tuned on dev, scored on rows it never saw in any way.

The shipped models are then refitted on all of ``train.tsv`` and their thresholds
re-tuned on dev, so they have no honest score of their own; the holdout score of
the 85% model is the figure to quote.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["HOLDOUT_SIZE", "PROTOCOL", "SEED", "EmotionSplit", "goemotions_splits"]

HOLDOUT_SIZE = 0.15
SEED = 0
PROTOCOL = (
    "GoEmotions train.tsv split 85/15 into fit/holdout, grouped by normalised text, seed 0; "
    "thresholds tuned per emotion (max F1) on dev.tsv. 'holdout' = model fitted on the 85% "
    "scored on the 15% (honest); 'dev' = scored on the rows used to tune thresholds "
    "(optimistic). The shipped model is refitted on all of train.tsv with thresholds "
    "re-tuned on dev."
)


@dataclass
class EmotionSplit:
    """Cleaned texts, their ``(n, 8)`` emotion matrix and row positions for one split.

    ``rows`` index the frame of :func:`cxtext.emotion.data.load_goemotions_emotions`
    (train rows first, then dev), e.g. to slice a cache of embeddings.
    """

    name: str
    texts: list[str]
    Y: np.ndarray
    rows: np.ndarray

    def __len__(self) -> int:
        return len(self.texts)


def goemotions_splits(root: Path | None = None) -> dict[str, EmotionSplit]:
    """Return the ``train`` (all), ``fit``, ``holdout`` and ``dev`` splits, cleaned for the models.

    Examples
    --------
    >>> splits = goemotions_splits()                       # doctest: +SKIP
    >>> {k: len(v) for k, v in splits.items()}             # doctest: +SKIP
    {'train': 43410, 'fit': 36895, 'holdout': 6515, 'dev': 5426}
    """
    from cxtext.emotion.data import holdout_split, labels_to_matrix, load_goemotions_emotions
    from cxtext.sentiment.train import clean_for_model

    df = load_goemotions_emotions(root)
    clean = np.asarray(clean_for_model(df["text"].tolist()), dtype=object)
    Y = labels_to_matrix(df["emotions"].tolist())
    is_train = (df["split"] == "train").to_numpy()
    train_idx = np.flatnonzero(is_train)
    hold = holdout_split(df["text"].to_numpy()[train_idx].tolist(), test_size=HOLDOUT_SIZE, seed=SEED)
    parts = {
        "train": train_idx,
        "fit": train_idx[~hold],
        "holdout": train_idx[hold],
        "dev": np.flatnonzero(~is_train),
    }
    return {k: EmotionSplit(k, clean[idx].tolist(), Y[idx], idx) for k, idx in parts.items()}
