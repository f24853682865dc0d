"""Sentiment models (comment and clause level).

* :class:`FastSentimentClassifier` — hashed n-grams + logistic regression (preset ``fast``).
* :class:`TunedSentimentClassifier` — MiniLM with its top layers fine-tuned (preset ``accurate``).
* :class:`BlendedSentimentClassifier` — a weighted geometric mean of models (``accurate`` 0.8.0:
  the tuned MiniLM, whose layers it shares with the accurate emotion model, and the fast model,
  equal weights).
* :class:`EmbeddingSentimentClassifier` — a head over frozen MiniLM embeddings (``accurate`` 0.1.0).
* :func:`load_sentiment_model` — load either from a name (``"fast"``, ``"accurate"``) or a folder.
"""

from __future__ import annotations

import os
from typing import Any

from cxtext.sentiment.accurate import EmbeddingSentimentClassifier
from cxtext.sentiment.blend import BlendedSentimentClassifier
from cxtext.sentiment.fast import SENTIMENT_LABELS, FastSentimentClassifier
from cxtext.sentiment.tuned import TunedSentimentClassifier

__all__ = [
    "SENTIMENT_LABELS",
    "BlendedSentimentClassifier",
    "EmbeddingSentimentClassifier",
    "FastSentimentClassifier",
    "TunedSentimentClassifier",
    "load_sentiment_model",
]

_KINDS: dict[str, Any] = {
    "sentiment-fast": FastSentimentClassifier,
    "sentiment-accurate": EmbeddingSentimentClassifier,
    "sentiment-tuned": TunedSentimentClassifier,
    "sentiment-blend": BlendedSentimentClassifier,
}


def load_sentiment_model(name_or_path: str | os.PathLike[str]) -> Any:
    """Load a sentiment model by name (``"fast"``, ``"accurate"``) or model folder.

    The folder's manifest says which class it holds; files are hash-checked.

    Examples
    --------
    >>> load_sentiment_model("fast").classes_.tolist()
    ['negative', 'neutral', 'positive']
    """
    from cxtext.models import load_by_kind

    return load_by_kind(name_or_path, family="sentiment", classes=_KINDS)
