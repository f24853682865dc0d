"""Per-emotion decision thresholds and the shared multi-label prediction logic.

Both emotion models output one independent probability per emotion; an emotion
is predicted when its probability reaches that emotion's threshold. Thresholds
are tuned on labelled data (GoEmotions dev for the shipped models) to maximise
each emotion's F1 on its own, because the emotions differ a lot in frequency.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from cxtext.emotion.definitions import EMOTIONS
from cxtext.errors import InputError

__all__ = ["ThresholdMixin", "apply_thresholds", "tune_thresholds"]

_GRID = np.round(np.arange(0.02, 0.961, 0.01), 2)


def tune_thresholds(Y: np.ndarray, P: np.ndarray, *,
                    grid: Sequence[float] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Choose, per column, the threshold on ``P`` that maximises F1 against ``Y``.

    Parameters
    ----------
    Y : ndarray of shape (n, k)
        0/1 truth.
    P : ndarray of shape (n, k)
        Probabilities.
    grid : sequence of float, optional
        Candidate thresholds (default 0.02, 0.03, …, 0.96). Ties keep the lowest.

    Returns
    -------
    thresholds, f1 : ndarray of shape (k,)
        The chosen thresholds and the F1 each reaches on ``(Y, P)``. A column with
        no positives keeps 0.5 (F1 0).

    Examples
    --------
    >>> Y = np.array([[1], [1], [0], [0]])
    >>> P = np.array([[0.9], [0.4], [0.3], [0.1]])
    >>> thr, f1 = tune_thresholds(Y, P)
    >>> round(float(thr[0]), 2), float(f1[0])
    (0.31, 1.0)
    """
    Y = np.asarray(Y).astype(bool)
    P = np.asarray(P, dtype=np.float64)
    if Y.shape != P.shape or Y.ndim != 2:
        raise InputError(f"[CX108] Labels {Y.shape} and probabilities {P.shape} must be equal 2-D shapes.")
    cand = np.asarray(grid if grid is not None else _GRID, dtype=np.float64)
    pred = P[:, :, None] >= cand[None, None, :]                 # (n, k, g)
    tp = (pred & Y[:, :, None]).sum(0)
    fp = (pred & ~Y[:, :, None]).sum(0)
    fn = Y.sum(0)[:, None] - tp
    f1 = np.where(tp > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0)
    best = f1.argmax(axis=1)
    thr = np.where(Y.sum(0) > 0, cand[best], 0.5)
    return thr.astype(np.float32), f1[np.arange(len(best)), best]


def apply_thresholds(P: np.ndarray, thresholds: np.ndarray,
                     labels: Sequence[str] = EMOTIONS) -> list[list[str]]:
    """Turn probabilities into label lists (an empty list means no emotion).

    Examples
    --------
    >>> apply_thresholds(np.array([[0.9, 0.1], [0.2, 0.3]]), np.array([0.5, 0.25]), ["a", "b"])
    [['a'], ['b']]
    """
    hits = np.asarray(P) >= np.asarray(thresholds)[None, :]
    return [[labels[j] for j in np.flatnonzero(row)] for row in hits]


class ThresholdMixin:
    """Adds ``predict`` and ``tune_thresholds`` to a model with ``predict_proba``."""

    thresholds_: np.ndarray

    def tune_thresholds(self, X: Sequence[str], y: Sequence[Sequence[str]] | np.ndarray) -> ThresholdMixin:
        """Set ``thresholds_`` to maximise each emotion's F1 on labelled texts ``(X, y)``.

        ``y`` holds lists of emotion ids per text (or an ``(n, 8)`` 0/1 matrix).
        Tune on data the model did not train on (e.g. GoEmotions dev).
        """
        return self.tune_thresholds_from_proba(self.predict_proba(X), y)

    def tune_thresholds_from_proba(self, P: np.ndarray,
                                   y: Sequence[Sequence[str]] | np.ndarray) -> ThresholdMixin:
        """Like :meth:`tune_thresholds`, from already computed probabilities ``P`` (n, 8)."""
        from cxtext.emotion.data import labels_to_matrix

        Y = y if isinstance(y, np.ndarray) and y.ndim == 2 else labels_to_matrix(list(y))
        self.thresholds_, f1 = tune_thresholds(Y, P)
        self.threshold_f1_ = {e: round(float(v), 4) for e, v in zip(EMOTIONS, f1)}
        return self

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def predict(self, X: Sequence[str]) -> list[list[str]]:
        """Emotion ids per text (probability ≥ that emotion's threshold); ``[]`` means none."""
        return apply_thresholds(self.predict_proba(X), self.thresholds_)

    def score(self, X: Sequence[str], y: Sequence[Sequence[str]] | np.ndarray,
              sample_weight: Any = None) -> float:
        """Micro-F1 of :meth:`predict` against ``y`` (lists of emotion ids, or an ``(n, 8)`` 0/1 matrix).

        The multi-label score scikit-learn's tools call (``cross_val_score``,
        ``GridSearchCV`` without ``scoring=``): ``ClassifierMixin.score`` is
        accuracy, which a list of label lists cannot feed. Predictions are label
        lists, so pass ``scoring=`` only as a callable of ``(estimator, X, y)``.
        """
        from sklearn.metrics import f1_score

        from cxtext.emotion.data import labels_to_matrix

        Y = y if isinstance(y, np.ndarray) and y.ndim == 2 else labels_to_matrix(list(y))
        pred = labels_to_matrix(self.predict(X))
        return float(f1_score(Y, pred, average="micro", zero_division=0, sample_weight=sample_weight))
