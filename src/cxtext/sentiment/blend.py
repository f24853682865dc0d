"""A weighted blend of sentiment models' probabilities, kind ``sentiment-blend``.

The ``accurate`` preset's default (``sentiment-accurate`` 0.8.0) pools the
fine-tuned MiniLM (:class:`~cxtext.sentiment.TunedSentimentClassifier`, 0.4.0:
all six layers, trained multi-task with the emotion head) with the hashed n-gram
model (:class:`~cxtext.sentiment.FastSentimentClassifier`, 0.5.0), equal weights.
The two read text differently (contextual embeddings vs. exact words and character
n-grams) and err on different comments. On the shared test splits the blend is
within about 0.01 macro-F1 of the tuned model alone (better on airline tweets,
clothing and restaurant reviews, worse on GoEmotions) and better on our CX idiom
table; see the model card. The fast model adds almost nothing to the accurate pass's time.

The probabilities are pooled log-linearly: a weighted mean of the components'
log-probabilities, renormalised (a weighted geometric mean). Averaging the
probabilities themselves gives the same labels but is underconfident (expected
calibration error 0.056 against 0.037 on the airline test split, and worse on
three of the four shared test sets); no temperature is fitted on top, since no
labelled rows are left that neither component was trained on.

A blend folder stores no weights of its own: its manifest lists each component by
model name and version with the sha256 of the component's ``manifest.json`` (which
in turn pins every file of the component), and :meth:`BlendedSentimentClassifier.load`
refuses a component whose manifest differs (:mod:`cxtext.blending`).

Written here rather than with :class:`sklearn.ensemble.VotingClassifier`: that
class refits its estimators in ``fit`` and cannot hold separately versioned,
already trained components, nor pass the analyzer's shared MiniLM encoding to the
component that reads it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.utils.validation import check_is_fitted

from cxtext._texts import as_texts
from cxtext.blending import BlendMixin
from cxtext.errors import InputError
from cxtext.models import TrainingData

__all__ = ["BlendedSentimentClassifier"]

KIND = "sentiment-blend"


class BlendedSentimentClassifier(BlendMixin, ClassifierMixin, BaseEstimator):
    """Weighted geometric mean of several sentiment models' class probabilities.

    Parameters
    ----------
    estimators : sequence of (str, estimator)
        Named sentiment models with ``predict_proba`` over the same classes.
    weights : sequence of float or None, default=None
        One non-negative weight per estimator (normalised to sum to 1);
        ``None`` weighs them equally.

    Attributes
    ----------
    estimators_ : list of estimator
        The fitted components, in order.
    weights_ : ndarray of shape (n_estimators,)
        The normalised weights.
    classes_ : ndarray of str

    Examples
    --------
    >>> from cxtext.sentiment import FastSentimentClassifier
    >>> texts = ["great staff", "awful wait", "it was ok", "lovely", "rude", "fine"] * 4
    >>> labels = ["positive", "negative", "neutral"] * 8
    >>> words = FastSentimentClassifier(n_features=2**10, char_ngrams=(0, 0), calibration_size=0)
    >>> chars = FastSentimentClassifier(n_features=2**10, calibration_size=0)
    >>> blend = BlendedSentimentClassifier([("words", words), ("chars", chars)]).fit(texts, labels)
    >>> blend.predict_proba(["great staff"]).shape
    (1, 3)
    """

    def __init__(self, estimators: Sequence[tuple[str, Any]] = (), *,
                 weights: Sequence[float] | None = None) -> None:
        self.estimators = estimators
        self.weights = weights

    # -- construction ----------------------------------------------------------------
    def _set_fitted(self, models: list[Any]) -> BlendedSentimentClassifier:
        classes = [list(map(str, m.classes_)) for m in models]
        if any(set(c) != set(classes[0]) for c in classes):
            raise InputError(
                "[CX108] The blended sentiment models predict different classes: "
                f"{classes}. Blend models trained on the same labels."
            )
        self.estimators_ = models
        self.weights_ = self._checked_weights(len(models))
        self.classes_ = np.array(classes[0], dtype=object)
        # column order of each model's probabilities in classes_ order
        self._columns = [[c.index(k) for k in classes[0]] for c in classes]
        return self

    def fit(self, X: Sequence[str], y: Sequence[str], sample_weight: Any = None) -> BlendedSentimentClassifier:
        """Fit a clone of every estimator on ``X``, ``y``.

        Returns
        -------
        BlendedSentimentClassifier
            ``self``.
        """
        self._checked_weights(len(self.estimators))
        models = []
        for _, estimator in self.estimators:
            model = clone(estimator)
            if sample_weight is None:
                model.fit(X, y)
            else:
                model.fit(X, y, sample_weight=sample_weight)
            models.append(model)
        return self._set_fitted(models)

    @classmethod
    def from_fitted(cls, estimators: Sequence[tuple[str, Any]], *,
                    weights: Sequence[float] | None = None) -> BlendedSentimentClassifier:
        """Blend models that are already trained (nothing is refitted).

        Examples
        --------
        >>> from cxtext.sentiment import load_sentiment_model
        >>> fast = load_sentiment_model("fast")
        >>> blend = BlendedSentimentClassifier.from_fitted([("a", fast), ("b", fast)])
        >>> blend.predict(["no problems at all"]).tolist()
        ['positive']
        """
        blend = cls(list(estimators), weights=weights)
        return blend._set_fitted([m for _, m in estimators])

    # -- prediction -------------------------------------------------------------------
    def _pool(self, probas: list[np.ndarray]) -> np.ndarray:
        # Log-linear pooling: a weighted mean of log-probabilities, renormalised.
        log_p = sum(w * np.log(np.clip(np.asarray(p, dtype=float)[:, cols], 1e-12, 1.0))
                    for w, p, cols in zip(self.weights_, probas, self._columns))
        log_p = np.asarray(log_p, dtype=float)
        log_p -= log_p.max(axis=1, keepdims=True)
        out = np.exp(log_p)
        return out / out.sum(axis=1, keepdims=True)

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """Pooled probabilities of the components (see the module docstring), ``classes_`` order."""
        check_is_fitted(self, ["estimators_"])
        texts = as_texts(X, type(self).__name__)
        return self._pool([m.predict_proba(texts) for m in self.estimators_])

    def predict(self, X: Sequence[str]) -> np.ndarray:
        """Most probable label per text."""
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    # -- persistence ------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str], *, components: Sequence[str], name: str,
             version: str, trained_on: Sequence[TrainingData | Mapping[str, Any]] = (),
             metrics: Mapping[str, Any] | None = None, description: str = "") -> Path:
        """Write a blend folder that refers to its components by model name/version.

        Parameters
        ----------
        components : sequence of str
            The model folders of the components, in ``estimators`` order, as
            names under the models directory (``"sentiment-fast/0.2.0"``).
        """
        return self._write_blend(
            path, components, kind=KIND, labels=[str(c) for c in self.classes_], name=name,
            version=version, metrics=metrics, trained_on=trained_on,
            description=description or "Weighted geometric mean of the probabilities of "
            "the sentiment models listed under params.components.")

    @classmethod
    def load(cls, name_or_path: str | os.PathLike[str]) -> BlendedSentimentClassifier:
        """Load a blend folder and its components, each hash-checked against its record."""
        from cxtext.sentiment import load_sentiment_model

        manifest, models, weights = cls._read_blend(name_or_path, kind=KIND, family="sentiment",
                                                    load=load_sentiment_model)
        blend = cls.from_fitted(models, weights=weights)
        blend.manifest_ = manifest
        return blend
