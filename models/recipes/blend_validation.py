"""The rows held out to choose a sentiment blend's weights.

A blend's weights are chosen on rows that none of its components trained on.
The shipped components train on every train split, so the weights are chosen
with *fold* components: the same recipes run with ``--without-validation``
(``sentiment_fast.py``, ``accurate_shared.py``), which leave these rows out;
``benchmarks/sentiment_blend_weight.py`` scores the fold blends on them.

The validation rows of each shared dataset's train split:

* GoEmotions: the rows whose text is in the emotion holdout (the 15% of
  train.tsv that ``accurate_shared.py`` keeps out of both of its tasks, see
  :func:`cxtext.emotion.train.goemotions_splits`), so the tuned model has seen
  neither their emotions nor their sentiment;
* the others: 15% of the train split, stratified by label, seed 0.

The test splits stay untouched.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

__all__ = ["validation_index", "without_validation"]


def validation_index(name: str, df: pd.DataFrame, emotion_holdout_texts: set[str]) -> pd.Index:
    """Index labels of the validation rows of dataset ``name`` (frame from ``load_sentiment_dataset``)."""
    from cxtext.sentiment.train import clean_for_model

    train = df[(df["split"] == "train") & df["label"].notna() & df["text"].notna()]
    if name == "goemotions":
        keep = np.array([t in emotion_holdout_texts for t in clean_for_model(train["text"].tolist())])
        return train.index[keep]
    _, val = train_test_split(train.index, test_size=0.15, random_state=0, stratify=train["label"])
    return pd.Index(sorted(val))


def without_validation(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``frames`` with every dataset's validation rows dropped (they leave the train split)."""
    from cxtext.emotion.train import goemotions_splits

    holdout = set(goemotions_splits()["holdout"].texts)
    return {name: df.drop(validation_index(name, df, holdout)) for name, df in frames.items()}
