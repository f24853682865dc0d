"""Evaluate a multi-label emotion model: per-emotion P/R/F1, micro/macro F1, support."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from cxtext.emotion.definitions import EMOTIONS

__all__ = ["emotion_scores", "evaluate_emotions"]


class _Predicts(Protocol):
    def predict(self, X: Sequence[str]) -> list[list[str]]: ...


def emotion_scores(Y_true: np.ndarray, Y_pred: np.ndarray) -> dict[str, Any]:
    """Scores of 0/1 matrices ``(n, 8)`` (columns in :data:`EMOTIONS` order).

    Returns
    -------
    dict
        ``{"per_emotion": {id: {"precision", "recall", "f1", "support"}},
        "macro_f1", "micro_f1", "rows", "rows_with_emotion"}``; values rounded to 4 places.

    Examples
    --------
    >>> Y = np.zeros((2, 8), dtype=int); Y[0, 0] = 1
    >>> emotion_scores(Y, Y)["per_emotion"]["anger"]["f1"]
    1.0
    """
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    Y_true = np.asarray(Y_true).astype(int)
    Y_pred = np.asarray(Y_pred).astype(int)
    p, r, f, s = precision_recall_fscore_support(Y_true, Y_pred, average=None, zero_division=0)
    per = {e: {"precision": round(float(p[j]), 4), "recall": round(float(r[j]), 4),
               "f1": round(float(f[j]), 4), "support": int(s[j])} for j, e in enumerate(EMOTIONS)}
    return {
        "per_emotion": per,
        "macro_f1": round(float(np.mean(f)), 4),
        "micro_f1": round(float(f1_score(Y_true, Y_pred, average="micro", zero_division=0)), 4),
        "rows": len(Y_true),
        "rows_with_emotion": int((Y_true.sum(1) > 0).sum()),
    }


def evaluate_emotions(model: _Predicts, texts: Sequence[str],
                      labels: Sequence[Sequence[str]] | np.ndarray) -> dict[str, Any]:
    """Score ``model.predict(texts)`` against gold emotion ids.

    Parameters
    ----------
    model : object with ``predict(texts) -> list[list[str]]``
        E.g. :class:`~cxtext.emotion.FastEmotionClassifier`.
    texts : sequence of str
        Texts, cleaned as the model expects (see
        :func:`cxtext.sentiment.train.clean_for_model`).
    labels : sequence of list of str, or ndarray of shape (n, 8)
        Gold emotion ids per text (``[]`` for none).

    Returns
    -------
    dict
        See :func:`emotion_scores`.

    Examples
    --------
    >>> class Always:
    ...     def predict(self, X): return [["gratitude"] for _ in X]
    >>> res = evaluate_emotions(Always(), ["thanks", "meh"], [["gratitude"], []])
    >>> res["per_emotion"]["gratitude"]["precision"], res["per_emotion"]["gratitude"]["recall"]
    (0.5, 1.0)
    """
    from cxtext.emotion.data import labels_to_matrix

    Y_true = labels if isinstance(labels, np.ndarray) and labels.ndim == 2 else labels_to_matrix(list(labels))
    Y_pred = labels_to_matrix(model.predict(list(texts)))
    return emotion_scores(Y_true, Y_pred)
