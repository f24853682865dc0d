"""The ``fast`` emotion model: hashed n-grams, one logistic regression per emotion.

Features are the sentiment model's :class:`~cxtext.sentiment.features.TextHasher`
(word uni/bigrams with negation marking + ``char_wb`` n-grams), idf-weighted and
L2-normalised. The character n-gram extractor (``char_analyzer``) is recorded
in the manifest and checked on load, so a model is never read with features it
was not trained on. Each of the eight CX emotions gets its own binary logistic
regression (one-vs-rest, so a comment can carry several emotions or none), and
its own decision threshold, tuned with :meth:`tune_thresholds`.

Optionally (``nb_alpha``) each emotion's regression sees its features scaled by
that emotion's naive-Bayes log-count ratio, as in NBSVM (Wang & Manning 2012,
"Baselines and Bigrams"), and positive examples can be up-weighted
(``positive_weight``). The ratio scaling is folded into the saved coefficients
(``x * r`` dotted with ``w`` is ``x`` dotted with ``r * w``), so prediction costs
and model size are unchanged. The ratio (:func:`~cxtext.sentiment.features.nb_log_count_ratios`,
shared with the fast sentiment model) is a few lines of numpy written in cxtext:
scikit-learn has no NB-feature-scaling transformer for multi-label targets.

Saved as a versioned model folder: parameters in ``manifest.json``, arrays
(coefficients, intercepts, idf, thresholds) in ``weights.safetensors``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from cxtext._texts import as_texts
from cxtext.emotion.definitions import EMOTIONS
from cxtext.emotion.thresholds import ThresholdMixin
from cxtext.engine.parallel import stack_batches
from cxtext.errors import ConfigError, InputError, ModelError, ModelVersionError, check_fitted
from cxtext.models import TrainingData, load_arrays, load_verified, save_arrays, write_model_dir
from cxtext.sentiment.fast import CHAR_ANALYZERS
from cxtext.sentiment.features import (
    HASH_BATCH,
    TextHasher,
    feature_major,
    idf_l2,
    log_scale,
    nb_log_count_ratios,
)

__all__ = ["FastEmotionClassifier", "nb_log_count_ratios"]

logger = logging.getLogger(__name__)

_HOW_TO_FIT = "Call fit(texts, labels), or load a model with load_emotion_model()."

WEIGHTS_FILE = "weights.safetensors"
KIND = "emotion-fast"
_CXTEXT_RANGE = ">=0.1,<0.2"
#: Extractor of emotion models whose manifest predates ``char_analyzer``: the
#: 0.1.0 models were trained after the rolling extractor replaced ``char_wb``
#: (their recorded dev scores are reproduced exactly with it).
LEGACY_CHAR_ANALYZER = "rolling"


def check_char_analyzer(value: object, owner: str) -> None:
    """Raise ``[CX301]`` unless ``value`` is a character n-gram extractor cxtext has."""
    if value not in CHAR_ANALYZERS:
        raise ConfigError(
            f"[CX301] The 'char_analyzer' parameter of {owner} must be one of "
            f"{list(CHAR_ANALYZERS)}. Got {value!r} instead."
        )


def saved_char_analyzer(params: Mapping[str, Any], folder: Path) -> str:
    """The extractor recorded in a manifest's ``params`` (checked; old manifests: rolling)."""
    value = params.get("char_analyzer", LEGACY_CHAR_ANALYZER)
    if value not in CHAR_ANALYZERS:
        raise ModelVersionError(
            f"[CX204] {str(folder)!r} was trained with a character n-gram extractor this cxtext "
            f"does not have ({value!r}; it has {list(CHAR_ANALYZERS)}). Retrain the model with "
            "this cxtext (models/recipes/emotion_*.py)."
        )
    return str(value)


def _as_matrix(y: Sequence[Sequence[str]] | np.ndarray, n: int) -> np.ndarray:
    from cxtext.emotion.data import labels_to_matrix

    Y = y if isinstance(y, np.ndarray) and y.ndim == 2 else labels_to_matrix(list(y))
    if Y.shape != (n, len(EMOTIONS)):
        raise InputError(
            f"[CX108] Got {n} texts but labels of shape {Y.shape}; pass one list of emotion "
            f"ids per text (or an (n, {len(EMOTIONS)}) 0/1 matrix)."
        )
    return np.asarray(Y, dtype=np.int8)


def _positive_number(value: object) -> bool:
    return (isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
            and bool(np.isfinite(value)) and float(value) > 0)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


class FastEmotionClassifier(ThresholdMixin, ClassifierMixin, BaseEstimator):
    """Multi-label CX emotions from hashed word + character n-grams.

    Parameters
    ----------
    n_features : int, default=2**18
        Hash buckets per feature block (word block and char block).
    char_ngrams : tuple of int, default=(2, 5)
        ``char_wb`` n-gram range; ``(0, 0)`` uses words only.
    C : float, default=2.0
        Inverse regularisation strength of each logistic regression.
    max_chars : int, default=3000
        Characters of each text that are read.
    max_iter : int, default=1000
        Solver iterations per emotion.
    char_analyzer : {"rolling"}, default="rolling"
        Character n-gram extractor (:func:`~cxtext.sentiment.features.char_ngram_counts`),
        recorded in the manifest and checked on load.
    nb_alpha : float or None, default=None
        ``None`` fits on the idf-weighted features as they are. A float > 0 scales
        each emotion's features by its naive-Bayes log-count ratio
        ``log((p / |p|_1) / (q / |q|_1))``, where ``p`` (``q``) is ``nb_alpha`` plus the
        number of positive (negative) training texts containing each feature.
    positive_weight : float, default=1.0
        Weight of the texts that carry an emotion in that emotion's regression
        (``class_weight={0: 1, 1: positive_weight}``); > 1 favours recall.
    n_jobs : int, optional
        Threads that hash and score batches of texts at prediction (``None``:
        one; ``-1`` or ``0``: every core; see
        :func:`cxtext.engine.parallel.stack_batches`). A setting of the run, not
        of the model: :meth:`save` does not record it.

    Attributes
    ----------
    classes_ : ndarray of str
        The emotion ids (:data:`cxtext.emotion.EMOTIONS`), the column order of
        :meth:`predict_proba`.
    coef_ : ndarray of shape (8, n_columns)
    intercept_, thresholds_ : ndarray of shape (8,)
        ``thresholds_`` is 0.5 after ``fit``; call :meth:`tune_thresholds` on
        held-out labelled texts to set per-emotion thresholds.
    idf_ : ndarray of shape (n_columns,)

    Examples
    --------
    >>> clf = FastEmotionClassifier(n_features=2**10, char_ngrams=(0, 0), C=10.0)
    >>> texts = ["thank you so much", "this is so annoying", "i am scared", "ok"] * 6
    >>> labels = [["gratitude"], ["frustration"], ["anxiety"], []] * 6
    >>> clf.fit(texts, labels).predict_proba(["thank you"]).shape
    (1, 8)
    >>> clf.predict(["thank you so much"])
    [['gratitude']]
    """

    def __init__(self, *, n_features: int = 2**18, char_ngrams: tuple[int, int] = (2, 5),
                 C: float = 2.0, max_chars: int = 3000, max_iter: int = 1000,
                 char_analyzer: str = "rolling", nb_alpha: float | None = None,
                 positive_weight: float = 1.0, n_jobs: int | None = None) -> None:
        self.n_features = n_features
        self.char_ngrams = char_ngrams
        self.C = C
        self.max_chars = max_chars
        self.max_iter = max_iter
        self.char_analyzer = char_analyzer
        self.nb_alpha = nb_alpha
        self.positive_weight = positive_weight
        self.n_jobs = n_jobs

    def _hasher(self) -> TextHasher:
        return TextHasher(self.n_features, tuple(self.char_ngrams), self.max_chars)

    def _validate_params(self) -> None:
        if not (isinstance(self.n_features, (int, np.integer)) and 2**8 <= self.n_features <= 2**24):
            raise ConfigError(
                "[CX301] The 'n_features' parameter of FastEmotionClassifier must be an int in "
                f"[256, 16777216]. Got {self.n_features!r} instead."
            )
        if not float(self.C) > 0:
            raise ConfigError(
                f"[CX301] The 'C' parameter of FastEmotionClassifier must be > 0. Got {self.C!r} instead."
            )
        check_char_analyzer(self.char_analyzer, "FastEmotionClassifier")
        if self.nb_alpha is not None and not _positive_number(self.nb_alpha):
            raise ConfigError(
                "[CX301] The 'nb_alpha' parameter of FastEmotionClassifier must be None or a "
                f"number > 0. Got {self.nb_alpha!r} instead."
            )
        if not _positive_number(self.positive_weight):
            raise ConfigError(
                "[CX301] The 'positive_weight' parameter of FastEmotionClassifier must be a "
                f"number > 0. Got {self.positive_weight!r} instead."
            )

    def _weight(self, X_raw: Any, *, in_place: bool = False) -> Any:
        return idf_l2(X_raw.tocsr() if in_place else X_raw.tocsr(copy=True), self.idf_)

    def fit(self, X: Sequence[str], y: Sequence[Sequence[str]] | np.ndarray) -> FastEmotionClassifier:
        """Fit on texts ``X`` with emotion ids ``y`` (one list per text; ``[]`` = none).

        An emotion absent from ``y`` gets a constant, near-zero probability.
        """
        from sklearn.feature_extraction.text import TfidfTransformer
        from sklearn.linear_model import LogisticRegression

        self._validate_params()
        texts = as_texts(X, type(self).__name__)
        Y = _as_matrix(y, len(texts))
        if not len(texts):
            raise InputError("[CX108] No training texts were given.")
        X_raw = self._hasher().transform(texts)
        self.idf_ = TfidfTransformer(norm="l2").fit(X_raw).idf_.astype(np.float32)
        # lbfgs on float32 data stops early (its loss is too coarse): fit in float64
        Xw = self._weight(X_raw).astype(np.float64)
        ratios = None if self.nb_alpha is None else nb_log_count_ratios(X_raw, Y, float(self.nb_alpha))
        pw = float(self.positive_weight)
        class_weight = None if pw == 1.0 else {0: 1.0, 1: pw}
        coef = np.zeros((len(EMOTIONS), Xw.shape[1]), dtype=np.float32)
        intercept = np.full(len(EMOTIONS), -10.0, dtype=np.float32)
        for j, emo in enumerate(EMOTIONS):
            if Y[:, j].min() == Y[:, j].max():
                logger.warning("Emotion %r has %s in the training labels; it gets a constant score.",
                               emo, "no positives" if Y[0, j] == 0 else "only positives")
                intercept[j] = -10.0 if Y[0, j] == 0 else 10.0
                continue
            lr = LogisticRegression(C=float(self.C), max_iter=int(self.max_iter),
                                    class_weight=class_weight)
            if ratios is None:
                lr.fit(Xw, Y[:, j])
                coef[j] = lr.coef_[0]
            else:  # fit on x * r, keep w * r: same logits from the unscaled features
                lr.fit(Xw.multiply(ratios[j]).tocsr(), Y[:, j])
                coef[j] = lr.coef_[0] * ratios[j]
            intercept[j] = lr.intercept_[0]
        self.coef_ = feature_major(coef)
        self.intercept_ = intercept
        self.thresholds_ = np.full(len(EMOTIONS), 0.5, dtype=np.float32)
        self.classes_ = np.array(EMOTIONS, dtype=object)
        return self

    def decision_function(self, X: Sequence[str]) -> np.ndarray:
        """Per-emotion logits, shape ``(n, 8)``."""
        check_fitted(self, ["coef_", "idf_"], _HOW_TO_FIT)
        hasher = self._hasher()

        def logits(batch: Sequence[str]) -> np.ndarray:
            return np.asarray(self._weight(hasher.transform(batch), in_place=True) @ self.coef_.T) + self.intercept_

        return stack_batches(logits, as_texts(X, type(self).__name__), batch_size=HASH_BATCH, n_jobs=self.n_jobs)

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """Independent per-emotion probabilities, shape ``(n, 8)``, columns in ``classes_`` order."""
        return _sigmoid(self.decision_function(X)).astype(np.float32)

    def text_hasher(self) -> TextHasher:
        """The feature hasher this model reads (see :meth:`predict_proba_counts`)."""
        return self._hasher()

    def predict_proba_counts(self, X_counts: Any) -> np.ndarray:
        """:meth:`predict_proba` from raw counts, ``text_hasher().counts(texts)``.

        For callers that hash texts once for several models (the analyzer folds
        the sentiment model's counts into these); ``X_counts`` is not modified.
        """
        check_fitted(self, ["coef_", "idf_"], _HOW_TO_FIT)
        Xw = self._weight(log_scale(X_counts.tocsr(copy=True)), in_place=True)
        return _sigmoid(np.asarray(Xw @ self.coef_.T) + self.intercept_).astype(np.float32)

    # -- persistence -------------------------------------------------------------
    def save(self, path: str | os.PathLike[str], *, name: str = KIND, version: str = "0.1.0",
             trained_on: Sequence[TrainingData | Mapping[str, Any]] = (),
             metrics: Mapping[str, Any] | None = None, description: str = "") -> Path:
        """Write a versioned model folder (safetensors + manifest + card) and return it."""
        check_fitted(self, ["coef_", "idf_", "thresholds_"], _HOW_TO_FIT)
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {"coef": self.coef_, "intercept": self.intercept_, "idf": self.idf_,
                  "thresholds": np.asarray(self.thresholds_, dtype=np.float32)}
        save_arrays(folder / WEIGHTS_FILE, arrays)
        all_metrics = {"thresholds": {e: round(float(t), 4) for e, t in zip(EMOTIONS, self.thresholds_)},
                       **dict(metrics or {})}
        params = self.get_params()
        params.pop("n_jobs")  # how a run uses its cores, not part of the model
        params["char_ngrams"] = list(params["char_ngrams"])
        write_model_dir(folder, name=name, version=version, kind=KIND, cxtext=_CXTEXT_RANGE,
                        params=params, labels=list(EMOTIONS), metrics=all_metrics,
                        trained_on=trained_on,
                        description=description or "Multi-label CX emotions (8 emotions, or none) "
                        "from hashed word and character n-grams, one logistic regression per "
                        "emotion, per-emotion thresholds tuned for F1.")
        return folder

    @classmethod
    def load(cls, name_or_path: str | os.PathLike[str] = "fast") -> FastEmotionClassifier:
        """Load a saved model after checking every file's sha256 against its manifest.

        ``"fast"`` resolves to the latest ``models/emotion-fast/<version>/``.

        Raises
        ------
        ModelVersionError
            ``[CX204]`` when the model was trained with a character n-gram
            extractor this cxtext does not have.
        """
        folder, manifest = load_verified(name_or_path, kind=KIND, family="emotion")
        if tuple(manifest.labels) != EMOTIONS:
            raise ModelError(
                f"[CX205] {str(folder)!r} predicts {manifest.labels}, not the CX emotions "
                f"{list(EMOTIONS)}; it was built for another cxtext emotion set."
            )
        params = dict(manifest.params)
        params["char_ngrams"] = tuple(params.get("char_ngrams", (2, 5)))
        params["char_analyzer"] = saved_char_analyzer(params, folder)
        model = cls(**params)
        arrays = load_arrays(folder / WEIGHTS_FILE)
        model.coef_ = feature_major(arrays["coef"])
        model.intercept_ = arrays["intercept"]
        model.idf_ = arrays["idf"]
        model.thresholds_ = arrays["thresholds"]
        model.classes_ = np.array(EMOTIONS, dtype=object)
        model.manifest_ = manifest
        return model
