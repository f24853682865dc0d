"""A weighted blend of emotion models' probabilities, kind ``emotion-blend``.

The fine-tuned MiniLM (:class:`~cxtext.emotion.TunedEmotionClassifier`) and the
hashed n-gram model (:class:`~cxtext.emotion.FastEmotionClassifier`) read text
differently (contextual meaning vs. exact words such as "thank", "worried",
"confused") and miss different comments, so pooling them beats either alone
(see ``models/recipes/accurate_shared.py`` and the model card for the figures).

Each emotion is pooled independently, as a weighted mean of the components'
log-odds (a logarithmic opinion pool for a yes/no question); the blend then has
its own per-emotion thresholds, tuned on held-out data like any emotion model
(:meth:`tune_thresholds`). Like :class:`cxtext.sentiment.BlendedSentimentClassifier`
its folder stores no weights, only its components' names and manifest hashes
(:mod:`cxtext.blending`), the pool weights and the thresholds.

The fast component costs the accurate pass almost nothing (it hashes the same
clause texts the tuned model encodes, at tens of thousands of texts a second).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from cxtext._texts import as_texts
from cxtext.blending import BlendMixin
from cxtext.emotion.definitions import EMOTIONS
from cxtext.emotion.thresholds import ThresholdMixin
from cxtext.errors import ConfigError, InputError, ModelError
from cxtext.models import TrainingData

__all__ = ["BlendedEmotionClassifier"]

KIND = "emotion-blend"


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


class BlendedEmotionClassifier(BlendMixin, ThresholdMixin, ClassifierMixin, BaseEstimator):
    """Per-emotion weighted mean of several emotion models' log-odds.

    Built from already trained models (:meth:`from_fitted`); nothing is refitted.

    Parameters
    ----------
    estimators : sequence of (str, estimator)
        Named emotion models with ``predict_proba`` over the CX emotions.
    weights : sequence of float or None, default=None
        One non-negative weight per estimator (normalised to sum to 1);
        ``None`` weighs them equally.

    Attributes
    ----------
    estimators_ : list of estimator
    weights_ : ndarray of shape (n_estimators,)
    classes_ : ndarray of str
        The eight CX emotions.
    thresholds_ : ndarray of shape (8,)
        Per-emotion cut-offs on the pooled probabilities (0.5 until tuned).

    Examples
    --------
    >>> from cxtext.emotion import load_emotion_model
    >>> fast = load_emotion_model("fast")
    >>> blend = BlendedEmotionClassifier.from_fitted([("a", fast), ("b", fast)])
    >>> bool(np.allclose(blend.predict_proba(["thank you so much"]),
    ...                  fast.predict_proba(["thank you so much"]), atol=1e-5))
    True
    """

    def __init__(self, estimators: Sequence[tuple[str, Any]] = (), *,
                 weights: Sequence[float] | None = None) -> None:
        self.estimators = estimators
        self.weights = weights

    @classmethod
    def from_fitted(cls, estimators: Sequence[tuple[str, Any]], *,
                    weights: Sequence[float] | None = None,
                    thresholds: Sequence[float] | None = None) -> BlendedEmotionClassifier:
        """Blend emotion models that are already trained; ``thresholds`` default to 0.5."""
        blend = cls(list(estimators), weights=weights)
        models = [m for _, m in estimators]
        for m in models:
            if [str(c) for c in getattr(m, "classes_", [])] != list(EMOTIONS):
                raise InputError(f"[CX108] Every blended emotion model must predict {list(EMOTIONS)}; "
                                 f"{type(m).__name__} predicts {list(getattr(m, 'classes_', []))}.")
        blend.estimators_ = models
        blend.weights_ = blend._checked_weights(len(models))
        blend.classes_ = np.array(EMOTIONS, dtype=object)
        thr = np.full(len(EMOTIONS), 0.5) if thresholds is None else np.asarray(thresholds, dtype=float)
        if thr.shape != (len(EMOTIONS),):
            raise ConfigError(f"[CX301] Give one threshold per emotion ({len(EMOTIONS)}); got {thr.shape}.")
        blend.thresholds_ = thr.astype(np.float32)
        return blend

    def fit(self, X: Any = None, y: Any = None) -> BlendedEmotionClassifier:
        """Not supported: build a blend with :meth:`from_fitted` from trained models."""
        raise ModelError("[CX205] A BlendedEmotionClassifier pools trained models; build it with "
                         "BlendedEmotionClassifier.from_fitted([(name, model), ...]).")

    # -- prediction -------------------------------------------------------------------
    def _pool(self, probas: list[np.ndarray]) -> np.ndarray:
        z = sum(w * _logit(p) for w, p in zip(self.weights_, probas))
        return (1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))).astype(np.float32)

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """Pooled per-emotion probabilities, shape ``(n, 8)``."""
        check_is_fitted(self, ["estimators_"])
        texts = as_texts(X, type(self).__name__)
        return self._pool([m.predict_proba(texts) for m in self.estimators_])

    # -- persistence ------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str], *, components: Sequence[str], name: str,
             version: str, trained_on: Sequence[TrainingData | Mapping[str, Any]] = (),
             metrics: Mapping[str, Any] | None = None, description: str = "") -> Path:
        """Write a blend folder that refers to its components by model name/version.

        Parameters
        ----------
        components : sequence of str
            The components' model folders, in ``estimators`` order, as names under
            the models directory (``"emotion-fast/0.2.0"``).
        """
        return self._write_blend(
            path, components, kind=KIND, labels=EMOTIONS,
            extra_params={"thresholds": [round(float(t), 6) for t in self.thresholds_]},
            name=name, version=version, metrics=metrics, trained_on=trained_on,
            description=description or "Per-emotion weighted mean of the log-odds of "
            "the emotion models listed under params.components.")

    @classmethod
    def load(cls, name_or_path: str | os.PathLike[str]) -> BlendedEmotionClassifier:
        """Load a blend folder and its components, each hash-checked against its record."""
        from cxtext.emotion import load_emotion_model

        manifest, models, weights = cls._read_blend(name_or_path, kind=KIND, family="emotion",
                                                    load=load_emotion_model)
        blend = cls.from_fitted(models, weights=weights, thresholds=manifest.params.get("thresholds"))
        blend.manifest_ = manifest
        return blend
