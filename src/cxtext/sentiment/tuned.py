"""The ``accurate`` sentiment model: MiniLM with its top layers fine-tuned.

A frozen encoder with a linear head (:class:`~cxtext.sentiment.EmbeddingSentimentClassifier`)
stops at about 0.74 macro-F1 on airline tweets and reads survey idioms poorly:
mean-pooled general-purpose sentence vectors blur negation and contrast. Here
the top ``n_tuned_layers`` transformer layers of all-MiniLM-L6-v2 are trained
together with the head, while the lower layers stay frozen. That keeps

* the shipped model small: only the tuned layers are stored (about 7 MB per
  layer in float32), the rest comes from the hash-checked PyPI encoder;
* training cheap on a CPU: the frozen layers run once per text and their
  token states are cached, so each epoch only runs the tuned layers;
* the accurate preset at one encoding pass: the frozen lower layers are shared
  with the plain embeddings that themes and emotions read
  (:meth:`cxtext.embeddings.MiniLMEncoder.encode_branches`).

After training, a softmax temperature is fitted on held-out rows so that
``sentiment_confidence`` is calibrated (:mod:`cxtext.sentiment.calibration`).
The loop is a plain ``torch`` loop (AdamW, linear warm-up and decay, class
weights, per-row weights) rather than ``transformers.Trainer``: it trains a
few layers on cached states, which the Trainer has no notion of.
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
from cxtext.errors import ConfigError, InputError
from cxtext.models import TrainingData
from cxtext.sentiment.calibration import calibrate_temperature, calibration_rows, softmax
from cxtext.sentiment.fast import SENTIMENT_LABELS
from cxtext.tuning import (
    TunedTopMixin,
    check_tuning_params,
    frozen_states,
    load_tuned,
    save_tuned,
    top_features,
    train_top,
)

__all__ = ["TunedSentimentClassifier"]

logger = logging.getLogger(__name__)

KIND = "sentiment-tuned"


class TunedSentimentClassifier(TunedTopMixin, ClassifierMixin, BaseEstimator):
    """Three-class sentiment from MiniLM with its top layers fine-tuned.

    Parameters
    ----------
    n_tuned_layers : int, default=2
        Top transformer layers trained (the rest stay frozen and shared).
    epochs : int, default=3
        Passes over the training rows.
    batch_size : int, default=32
        Rows per optimisation step.
    learning_rate : float, default=5e-5
        AdamW learning rate of the tuned layers.
    head_learning_rate : float, default=2e-3
        AdamW learning rate of the linear head.
    feature_scale : float, default=16.0
        The pooled output is a unit vector; the head reads it multiplied by
        this factor so that its logits can move away from zero quickly.
    weight_decay : float, default=0.01
        AdamW weight decay.
    warmup : float, default=0.06
        Share of steps with a linearly rising learning rate.
    class_weight : {"balanced"} or None, default="balanced"
        Class weighting of the loss.
    calibration_size : float, default=0.1
        Share of rows held out to fit the softmax temperature (none when that
        share is under 30 rows).
    max_length : int, default=128
        Token limit per text.
    random_state : int, default=0
        Seed of the row order, dropout and calibration split.
    encoder_dir : str, optional
        Encoder folder (default: the packaged all-MiniLM-L6-v2). For tests.
    encoder_sha256 : str or None, optional
        Hash the encoder weights must have (default: all-MiniLM-L6-v2's).

    Attributes
    ----------
    classes_ : ndarray of str
    tuned_layers_ : list of torch modules
        The fine-tuned top layers (they replace the encoder's own at prediction).
    coef_, intercept_ : ndarray
        Linear head over the pooled, normalised output.
    temperature_ : float
    calibration_ : dict
        ECE before/after temperature scaling on the held-out rows.
    history_ : list of dict
        Mean training loss per epoch.

    Examples
    --------
    >>> clf = TunedSentimentClassifier(epochs=1)                  # doctest: +SKIP
    >>> clf.fit(["great staff", "rude staff", "it is a shop"],
    ...         ["positive", "negative", "neutral"])              # doctest: +SKIP
    >>> clf.predict(["lovely people"])                            # doctest: +SKIP
    array(['positive'], dtype=object)
    """

    def __init__(self, *, n_tuned_layers: int = 2, epochs: int = 3, batch_size: int = 32,
                 learning_rate: float = 5e-5, head_learning_rate: float = 2e-3,
                 feature_scale: float = 16.0, weight_decay: float = 0.01, warmup: float = 0.06,
                 class_weight: str | None = "balanced", calibration_size: float = 0.1,
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
        self.class_weight = class_weight
        self.calibration_size = calibration_size
        self.max_length = max_length
        self.random_state = random_state
        self.encoder_dir = encoder_dir
        self.encoder_sha256 = encoder_sha256

    def _check_params(self) -> None:
        check_tuning_params(self)
        if not 0.0 <= float(self.calibration_size) < 0.5:
            raise ConfigError("[CX301] The 'calibration_size' parameter must be in [0, 0.5). "
                              f"Got {self.calibration_size!r} instead.")
        if self.class_weight not in ("balanced", None):
            raise ConfigError(f"[CX301] class_weight must be 'balanced' or None. Got {self.class_weight!r}.")

    # -- fitting ---------------------------------------------------------------------
    def fit(self, X: Sequence[str], y: Sequence[str],
            sample_weight: Sequence[float] | None = None) -> TunedSentimentClassifier:
        """Fine-tune the top layers and the head on texts ``X`` with labels ``y``."""
        import torch
        from sklearn.model_selection import train_test_split

        self._check_params()
        texts = as_texts(X, type(self).__name__)
        labels = np.asarray([str(v) for v in y], dtype=object)
        if len(texts) != len(labels) or not len(texts):
            raise InputError(f"[CX108] Need one label per text; got {len(texts)} texts and {len(labels)} labels.")
        unknown = sorted(set(labels) - set(SENTIMENT_LABELS))
        if unknown:
            raise InputError(f"[CX108] Unknown sentiment label(s) {unknown}. Use {list(SENTIMENT_LABELS)}.")
        weights = (np.ones(len(texts)) if sample_weight is None
                   else np.asarray(sample_weight, dtype=float))
        if weights.shape != (len(texts),) or (weights < 0).any():
            raise InputError("[CX108] sample_weight needs one non-negative number per text.")
        self.classes_ = np.array([c for c in SENTIMENT_LABELS if c in set(labels)], dtype=object)
        y_idx = np.searchsorted(self.classes_, labels)

        encoder = self.encoder()
        if int(self.n_tuned_layers) > encoder.n_layers:
            raise ConfigError(f"[CX301] n_tuned_layers={self.n_tuned_layers} exceeds the encoder's "
                              f"{encoder.n_layers} layers.")
        rows = np.arange(len(texts))
        cal = np.array([], dtype=int)
        if calibration_rows(len(texts), self.calibration_size):
            stratify = y_idx if np.bincount(y_idx).min() >= 2 else None
            rows, cal = train_test_split(rows, test_size=self.calibration_size,
                                         random_state=int(self.random_state), stratify=stratify)
        states = frozen_states(encoder, texts, encoder.n_layers - int(self.n_tuned_layers))

        counts = np.bincount(y_idx[rows], minlength=len(self.classes_)).astype(float)
        cw = (counts.sum() / (len(counts) * np.maximum(counts, 1)) if self.class_weight == "balanced"
              else np.ones(len(counts)))
        row_w = torch.tensor(weights * cw[y_idx], dtype=torch.float32)
        targets = torch.tensor(y_idx, dtype=torch.long)

        def loss_fn(logits: Any, batch: np.ndarray) -> Any:
            per_row = torch.nn.functional.cross_entropy(logits, targets[batch], reduction="none")
            w = row_w[batch]
            return (per_row * w).sum() / w.sum().clamp(min=1e-9)

        tuned = train_top(encoder, states, rows, len(self.classes_), loss_fn, self.get_params(),
                          name="tuned sentiment")
        self.tuned_layers_ = tuned.layers
        self.coef_, self.intercept_, self.history_ = tuned.coef, tuned.intercept, tuned.history
        self.n_features_in_ = int(encoder.dimension)
        self.temperature_ = 1.0
        self.calibration_: dict[str, Any] = {}
        if len(cal):
            feats = top_features(encoder, states, cal, self.tuned_layers_)
            self.temperature_, self.calibration_ = calibrate_temperature(self._logits(feats), y_idx[cal])
        return self

    # -- prediction ------------------------------------------------------------------
    def _logits(self, F: np.ndarray) -> np.ndarray:
        return np.asarray(F, dtype=np.float32) @ self.coef_.T + self.intercept_

    def predict_proba_embeddings(self, F: np.ndarray) -> np.ndarray:
        """Calibrated probabilities from tuned features (see :meth:`encode`)."""
        check_is_fitted(self, ["coef_"])
        F = np.asarray(F, dtype=np.float32)
        if F.ndim != 2 or F.shape[1] != self.n_features_in_:
            raise InputError(f"[CX108] Expected features with {self.n_features_in_} columns, got shape {F.shape}.")
        return softmax(self._logits(F), self.temperature_)

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """Calibrated class probabilities, columns in ``classes_`` order."""
        return self.predict_proba_embeddings(self.encode(X))

    def predict(self, X: Sequence[str]) -> np.ndarray:
        """Most probable label per text."""
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    # -- persistence -------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str], *, name: str = "sentiment-accurate",
             version: str = "0.2.0", trained_on: Sequence[TrainingData | Mapping[str, Any]] = (),
             metrics: Mapping[str, Any] | None = None, description: str = "",
             top_from: str | None = None) -> Path:
        """Write the tuned layers and head as a versioned model folder (safetensors + manifest + card).

        ``top_from``: a saved model with the very same tuned layers, to borrow
        them from instead of storing them twice (:func:`cxtext.tuning.save_tuned`).
        """
        check_is_fitted(self, ["tuned_layers_"])
        return save_tuned(
            self, path, name=name, version=version, kind=KIND, trained_on=trained_on, top_from=top_from,
            arrays={"temperature": np.array([self.temperature_], dtype=np.float64)},
            metrics={"calibration": self.calibration_, **dict(metrics or {})},
            description=description or (
                f"Three-class sentiment: all-MiniLM-L6-v2 with its top {self.n_tuned_layers} "
                "layers fine-tuned and a linear head over the mean-pooled, normalised "
                "output, temperature-scaled. Only the tuned layers and the head are stored "
                "here; the frozen parts (token embeddings and any untuned lower layers) come "
                "from the hash-checked PyPI encoder."))

    @classmethod
    def load(cls, name_or_path: str | os.PathLike[str] = "accurate", *,
             encoder_dir: str | None = None) -> TunedSentimentClassifier:
        """Load a saved model after checking its files (and its encoder) against the manifest."""
        model, arrays = load_tuned(cls, name_or_path, kind=KIND, family="sentiment",
                                   encoder_dir=encoder_dir)
        model.temperature_ = float(arrays["temperature"][0])
        model.calibration_ = dict(model.manifest_.metrics.get("calibration", {}))
        return model
