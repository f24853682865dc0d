"""A multi-label emotion model: MiniLM with its top layers fine-tuned.

The same design as the tuned ``accurate`` sentiment model
(:mod:`cxtext.sentiment.tuned`, loop in :mod:`cxtext.tuning`): the top
``n_tuned_layers`` layers of all-MiniLM-L6-v2 and a linear head are trained,
here with one sigmoid output per CX emotion and binary cross-entropy; the lower
layers stay frozen, so in the accurate preset they are shared with sentiment,
themes and the plain embeddings in one encoding pass. Per-emotion thresholds are
tuned afterwards on held-out labelled texts (:class:`~cxtext.emotion.thresholds.ThresholdMixin`).
Only the tuned layers and the head are stored.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from cxtext._texts import as_texts
from cxtext.emotion.definitions import EMOTIONS
from cxtext.emotion.fast import _as_matrix, _sigmoid
from cxtext.emotion.thresholds import ThresholdMixin
from cxtext.errors import InputError, ModelError
from cxtext.models import TrainingData
from cxtext.tuning import (
    TunedTopMixin,
    check_tuning_params,
    frozen_states,
    load_tuned,
    save_tuned,
    train_top,
)

__all__ = ["TunedEmotionClassifier"]

logger = logging.getLogger(__name__)

KIND = "emotion-tuned"


class TunedEmotionClassifier(TunedTopMixin, ThresholdMixin, ClassifierMixin, BaseEstimator):
    """Multi-label CX emotions from MiniLM with its top layers fine-tuned.

    Parameters
    ----------
    n_tuned_layers, epochs, batch_size, learning_rate, head_learning_rate, feature_scale,
    weight_decay, warmup, max_length, random_state, encoder_dir, encoder_sha256
        As in :class:`cxtext.sentiment.TunedSentimentClassifier`.

    Attributes
    ----------
    classes_ : ndarray of str
        The CX emotion ids (:data:`cxtext.emotion.EMOTIONS`).
    thresholds_ : ndarray
        Per-emotion decision thresholds (0.5 until :meth:`tune_thresholds`).
    tuned_layers_, coef_, intercept_, history_
        The tuned layers, the head and the training loss per epoch.

    Examples
    --------
    >>> clf = TunedEmotionClassifier(epochs=1)                            # doctest: +SKIP
    >>> clf.fit(["thank you so much", "I am furious"], [["gratitude"], ["anger"]])  # doctest: +SKIP
    >>> clf.predict(["many thanks"])                                      # doctest: +SKIP
    [['gratitude']]
    """

    def __init__(self, *, n_tuned_layers: int = 2, epochs: int = 2, batch_size: int = 32,
                 learning_rate: float = 8e-5, head_learning_rate: float = 2e-3,
                 feature_scale: float = 16.0, weight_decay: float = 0.01, warmup: float = 0.06,
                 max_length: int = 128, random_state: int = 0, encoder_dir: str | None = None,
                 encoder_sha256: str | None = "default") -> None:
        self.n_tuned_layers = n_tuned_layers
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.head_learning_rate = head_learning_rate
        self.feature_scale = feature_scale
        self.weight_decay = weight_decay
        self.warmup = warmup
        self.max_length = max_length
        self.random_state = random_state
        self.encoder_dir = encoder_dir
        self.encoder_sha256 = encoder_sha256

    def fit(self, X: Sequence[str], y: Sequence[Sequence[str]] | np.ndarray) -> TunedEmotionClassifier:
        """Fine-tune the top layers and the head on texts ``X`` with emotion lists ``y``."""
        import torch

        check_tuning_params(self)
        texts = as_texts(X, type(self).__name__)
        if not texts:
            raise InputError("[CX108] Need at least one labelled text to fit an emotion model.")
        Y = _as_matrix(y, len(texts))
        encoder = self.encoder()
        states = frozen_states(encoder, texts, max(0, encoder.n_layers - int(self.n_tuned_layers)))
        targets = torch.tensor(Y, dtype=torch.float32)

        def loss_fn(logits: Any, batch: np.ndarray) -> Any:
            return torch.nn.functional.binary_cross_entropy_with_logits(logits, targets[batch])

        tuned = train_top(encoder, states, np.arange(len(texts)), len(EMOTIONS), loss_fn,
                          self.get_params(), name="tuned emotions")
        self.tuned_layers_ = tuned.layers
        self.coef_, self.intercept_, self.history_ = tuned.coef, tuned.intercept, tuned.history
        self.classes_ = np.array(EMOTIONS, dtype=object)
        self.thresholds_ = np.full(len(EMOTIONS), 0.5, dtype=np.float32)
        self.n_features_in_ = int(encoder.dimension)
        return self

    def predict_proba_embeddings(self, F: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        """Per-emotion probabilities from tuned features (see :meth:`encode`); ``texts`` unused."""
        check_is_fitted(self, ["coef_"])
        F = np.asarray(F, dtype=np.float32)
        if F.ndim != 2 or F.shape[1] != self.n_features_in_:
            raise InputError(f"[CX108] Expected features with {self.n_features_in_} columns, got shape {F.shape}.")
        return _sigmoid(F @ self.coef_.T + self.intercept_)

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """Per-emotion probabilities, columns in ``classes_`` order."""
        return self.predict_proba_embeddings(self.encode(X))

    def save(self, path: str | os.PathLike[str], *, name: str = "emotion-accurate",
             version: str = "0.2.0", trained_on: Sequence[TrainingData | Mapping[str, Any]] = (),
             metrics: Mapping[str, Any] | None = None, description: str = "",
             top_from: str | None = None) -> Path:
        """Write the tuned layers, head and thresholds as a versioned model folder.

        ``top_from``: a saved model with the very same tuned layers, to borrow
        them from instead of storing them twice (:func:`cxtext.tuning.save_tuned`).
        """
        check_is_fitted(self, ["tuned_layers_"])
        return save_tuned(
            self, path, name=name, version=version, kind=KIND, trained_on=trained_on, top_from=top_from,
            arrays={"thresholds": np.asarray(self.thresholds_, dtype=np.float32)},
            metrics={"threshold_f1": getattr(self, "threshold_f1_", {}), **dict(metrics or {})},
            description=description or (
                f"Eight CX emotions (multi-label): all-MiniLM-L6-v2 with its top "
                f"{self.n_tuned_layers} layers fine-tuned and one sigmoid output per "
                "emotion, per-emotion thresholds tuned on held-out data. Only the tuned "
                "layers and the head are stored; the frozen parts (token embeddings and any "
                "untuned lower layers) come from the hash-checked PyPI encoder."))

    @classmethod
    def load(cls, name_or_path: str | os.PathLike[str] = "accurate", *,
             encoder_dir: str | None = None) -> TunedEmotionClassifier:
        """Load a saved model after checking its files (and its encoder) against the manifest."""
        model, arrays = load_tuned(cls, name_or_path, kind=KIND, family="emotion",
                                   encoder_dir=encoder_dir)
        if list(model.classes_) != list(EMOTIONS):
            raise ModelError(f"[CX205] {model.manifest_.name!r} predicts {list(model.classes_)}, "
                             f"not the CX emotions {list(EMOTIONS)}.")
        model.thresholds_ = np.asarray(arrays["thresholds"], dtype=np.float32)
        return model
