"""Sentiment models (comment and clause level).

* :class:`FastSentimentClassifier` — hashed n-grams + logistic regression (preset ``fast``).
* :class:`EmbeddingSentimentClassifier` — a head over MiniLM embeddings (preset ``accurate``).
* :func:`load_sentiment_model` — load either from a name (``"fast"``, ``"accurate"``) or a folder.
"""

from __future__ import annotations

import os
from typing import Any

from cxtext.sentiment.accurate import EmbeddingSentimentClassifier
from cxtext.sentiment.fast import SENTIMENT_LABELS, FastSentimentClassifier

__all__ = [
    "SENTIMENT_LABELS",
    "FastSentimentClassifier",
    "EmbeddingSentimentClassifier",
    "load_sentiment_model",
]

_KINDS: dict[str, Any] = {
    "sentiment-fast": FastSentimentClassifier,
    "sentiment-accurate": EmbeddingSentimentClassifier,
}


def load_sentiment_model(name_or_path: str | os.PathLike[str]) -> Any:
    """Load a sentiment model by name (``"fast"``, ``"accurate"``) or model folder.

    The folder's manifest says which class it holds; files are hash-checked.

    Examples
    --------
    >>> load_sentiment_model("fast").classes_.tolist()
    ['negative', 'neutral', 'positive']
    """
    from cxtext.errors import ModelError
    from cxtext.models import read_manifest, resolve_model_dir

    folder = resolve_model_dir(name_or_path, kind="sentiment")
    kind = read_manifest(folder).kind
    if kind not in _KINDS:
        raise ModelError(
            f"[CX205] {str(folder)!r} holds a {kind!r} model, not a sentiment model "
            f"({', '.join(_KINDS)})."
        )
    return _KINDS[kind].load(folder)
