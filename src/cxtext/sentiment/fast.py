"""The ``fast`` sentiment model: hashed n-grams, a linear model, temperature scaling.

The linear model is a multinomial logistic regression, optionally averaged with
NBSVM-style one-vs-rest regressions (``nb_weight``; Wang & Manning 2012, "Baselines
and Bigrams"): each class's regression sees the features scaled by that class's
naive-Bayes log-count ratio. Both are linear in the same features, so their
average is folded into one coefficient matrix: prediction cost and model size do
not change. The ratios are :func:`cxtext.sentiment.features.nb_log_count_ratios`,
shared with the fast emotion model.

A polarity lexicon (``lexicon_weight``) adds four feature columns, the counts of
weak and strong positive and negative words (:func:`cxtext.sentiment.features.lexicon_counts`),
scaled by ``lexicon_weight`` before the rows are normalised. The default word
list is VADER's (MIT licence; read from the ``vaderSentiment`` package at fit
time and saved in the model folder, so loading needs no extra package).

Saved as a versioned model folder: parameters in ``manifest.json``, arrays
(coefficients, intercepts, idf weights, temperature) in ``weights.safetensors``
and the lexicon, if any, as ``lexicon.tsv``, so loading never unpickles anything
and every file is hash-checked.
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
from cxtext.engine.parallel import stack_batches
from cxtext.errors import ConfigError, InputError, ModelVersionError, check_fitted
from cxtext.models import TrainingData, load_arrays, load_verified, save_arrays, write_model_dir
from cxtext.sentiment.calibration import calibrate_temperature, calibration_rows, softmax
from cxtext.sentiment.features import (
    HASH_BATCH,
    TextHasher,
    feature_major,
    idf_l2,
    log_scale,
    nb_log_count_ratios,
)

__all__ = ["SENTIMENT_LABELS", "FastSentimentClassifier", "fit_linear_logits", "read_lexicon",
           "vader_lexicon", "write_lexicon"]

logger = logging.getLogger(__name__)

_HOW_TO_FIT = "Call fit(texts, labels), or load a model with FastSentimentClassifier.load()."

SENTIMENT_LABELS = ("negative", "neutral", "positive")
WEIGHTS_FILE = "weights.safetensors"
KIND = "sentiment-fast"
CHAR_ANALYZERS = ("rolling",)
LEXICON_FILE = "lexicon.tsv"
LEXICON_NOTICE = "LEXICON-LICENCE.txt"


def vader_lexicon() -> dict[str, float]:
    """VADER's word valences (Hutto & Gilbert 2014; MIT licence), from the ``vaderSentiment`` package.

    Only training reads it (``pip install 'cxtext[baselines]'``); a saved model
    keeps its own copy.

    Raises
    ------
    ConfigError
        When ``vaderSentiment`` is not installed.
    """
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as exc:  # pragma: no cover - the dev install has it
        raise ConfigError(
            "[CX301] lexicon_weight > 0 without a lexicon needs VADER's word list: "
            "pip install 'cxtext[baselines]', or pass lexicon={word: valence}."
        ) from exc
    return {str(w): float(v) for w, v in SentimentIntensityAnalyzer().lexicon.items()}


def _vader_notice() -> str:
    """The lexicon's licence notice, from the installed ``vaderSentiment`` distribution."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution("vaderSentiment")
        text = dist.read_text("LICENSE.txt") or ""
        version = dist.version
    except PackageNotFoundError:  # pragma: no cover
        text, version = "", "unknown"
    return (f"{LEXICON_FILE} holds the word valences of VADER (vaderSentiment {version}; "
            "C.J. Hutto and E. Gilbert, ICWSM 2014; https://github.com/cjhutto/vaderSentiment), "
            "under this licence:\n\n" + (text.strip() or "MIT License") + "\n")


def write_lexicon(path: str | os.PathLike[str], lexicon: Mapping[str, float]) -> None:
    """Write ``word<TAB>valence`` lines, sorted by word (UTF-8)."""
    lines = [f"{w}\t{float(v)!r}" for w, v in sorted(lexicon.items())]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_lexicon(path: str | os.PathLike[str]) -> dict[str, float]:
    r"""Read a ``word<TAB>valence`` file (as written by :meth:`FastSentimentClassifier.save`).

    Raises
    ------
    InputError
        When a line is not a word, a tab and a number.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "lex.tsv"
    >>> _ = path.write_text("good\t1.9\nawful\t-2.5\n", encoding="utf-8")
    >>> read_lexicon(path)
    {'good': 1.9, 'awful': -2.5}
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"[CX108] Lexicon file {str(path)!r} does not exist; give a UTF-8 file of "
                         "'word<TAB>valence' lines.")
    lexicon: dict[str, float] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):  # a BOM is dropped
        if not line.strip():
            continue
        word, _, value = line.partition("\t")
        try:
            lexicon[word] = float(value)
        except ValueError:
            raise InputError(f"[CX108] {str(path)!r} line {number}: expected 'word<TAB>valence', "
                             f"got {line[:60]!r}.") from None
    return lexicon


def fit_linear_logits(X: Any, y: np.ndarray, *, C: float, sample_weight: np.ndarray | None = None,
                      class_weight: str | None = None, nb_weight: float = 0.0, nb_alpha: float = 1.0,
                      n_classes: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Fit the fast model's linear layer on weighted features; return ``(coef, intercept)``.

    Parameters
    ----------
    X : sparse matrix of shape (n, d)
        Features as the model reads them (idf-scaled, L2-normalised rows).
    y : ndarray of int
        Class index of each row, ``0 .. n_classes - 1``.
    C : float
        Inverse regularisation strength of every logistic regression.
    sample_weight : ndarray, optional
        Row weights.
    class_weight : {"balanced"} or None
        Class weighting; for the one-vs-rest part it is folded into the row weights.
    nb_weight : float, default=0.0
        Share of the NBSVM one-vs-rest logits in the averaged logits (0: the
        multinomial regression alone; 1: the NBSVM part alone).
    nb_alpha : float, default=1.0
        Smoothing of the naive-Bayes counts.
    n_classes : int, optional
        Number of classes (default: ``y.max() + 1``).

    Returns
    -------
    coef : ndarray of shape (k, d), float32
        With ``k = n_classes`` (two rows for two classes).
    intercept : ndarray of shape (k,), float32

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> X = sp.csr_matrix(np.array([[1, 0], [0, 1], [1, 0], [0, 1]], dtype=float))
    >>> coef, b = fit_linear_logits(X, np.array([0, 1, 0, 1]), C=1.0, nb_weight=0.5)
    >>> coef.shape, bool(coef[1, 1] > coef[0, 1])
    ((2, 2), True)
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.utils.class_weight import compute_sample_weight

    k = int(n_classes if n_classes is not None else y.max() + 1)
    coef = np.zeros((k, X.shape[1]), dtype=np.float64)
    intercept = np.zeros(k, dtype=np.float64)
    if nb_weight < 1.0:
        lr = LogisticRegression(C=C, class_weight=class_weight, max_iter=300, solver="lbfgs")
        lr.fit(X, y, sample_weight=sample_weight)
        multi, multi_b = lr.coef_, lr.intercept_
        if multi.shape[0] == 1:  # binary: expand to two logit rows
            multi = np.vstack([-multi / 2, multi / 2])
            multi_b = np.array([-multi_b[0] / 2, multi_b[0] / 2])
        coef += (1.0 - nb_weight) * multi
        intercept += (1.0 - nb_weight) * multi_b
    if nb_weight > 0.0:
        weights = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        if class_weight is not None:
            weights = weights * compute_sample_weight(class_weight, y)
        weights = weights / weights.mean()
        one_hot = (y[:, None] == np.arange(k)[None, :]).astype(np.int8)
        ratios = nb_log_count_ratios(X, one_hot, nb_alpha, sample_weight=weights)
        X = X.tocsr()
        for c in range(k) if k > 2 else (1,):
            lr = LogisticRegression(C=C, max_iter=300, solver="lbfgs")
            lr.fit(X.multiply(ratios[c]).tocsr(), one_hot[:, c], sample_weight=weights)
            w_c, b_c = lr.coef_[0] * ratios[c], lr.intercept_[0]
            if k == 2:  # one regression for both rows, as in the multinomial case
                coef[0] -= nb_weight * w_c / 2
                coef[1] += nb_weight * w_c / 2
                intercept += nb_weight * np.array([-b_c / 2, b_c / 2])
            else:
                coef[c] += nb_weight * w_c
                intercept[c] += nb_weight * b_c
    return (np.ascontiguousarray(coef, dtype=np.float32),
            np.ascontiguousarray(intercept, dtype=np.float32))


def _check_shapes(folder: Path, arrays: dict[str, np.ndarray], *, n_columns: int, n_labels: int) -> None:
    """Refuse weights whose shapes disagree with the manifest's parameters and labels.

    The manifest is the one file of a model folder its own hashes cannot cover;
    an edited ``n_features`` or label list would otherwise fail deep in a matrix
    product, or not at all.
    """
    coef, intercept, idf = arrays.get("coef"), arrays.get("intercept"), arrays.get("idf")
    rows = 1 if n_labels == 2 else n_labels  # a two-class logistic regression keeps one row
    if (coef is None or intercept is None or idf is None or coef.ndim != 2
            or coef.shape[1] != n_columns or coef.shape[0] not in (rows, n_labels)
            or intercept.shape[0] != coef.shape[0] or idf.shape[0] != n_columns):
        raise ModelVersionError(
            f"[CX204] {str(folder)!r}: the weights do not fit the manifest (it describes {n_labels} labels "
            f"and {n_columns:,} features; the weights hold "
            f"{'no coef' if coef is None else 'x'.join(map(str, coef.shape))} coefficients). The manifest "
            "was edited or belongs to other weights: restore the folder, or retrain with `cxtext train sentiment`."
        )


class FastSentimentClassifier(ClassifierMixin, BaseEstimator):
    """Three-class sentiment from hashed word + character n-grams.

    Parameters
    ----------
    n_features : int, default=2**19
        Hash buckets per feature block (word block and char block).
    char_ngrams : tuple of int, default=(2, 5)
        ``char_wb`` n-gram range; ``(0, 0)`` uses words only.
    C : float, default=4.0
        Inverse regularisation strength of the logistic regression.
    class_weight : {"balanced"} or None, default="balanced"
        Class weighting of the logistic regression.
    calibration_size : float, default=0.1
        Share of the training rows held out to fit the softmax temperature
        (0 disables calibration; so does a share under 30 rows, see
        :data:`~cxtext.sentiment.calibration.MIN_CALIBRATION_ROWS`).
    max_chars : int, default=3000
        Characters of each text that are read.
    random_state : int, default=0
        Seed of the calibration split.
    char_analyzer : {"rolling"}, default="rolling"
        Character n-gram extractor (:func:`~cxtext.sentiment.features.char_ngram_counts`).
        Recorded in the manifest so a model is never read with features it was
        not trained on.
    nb_weight : float, default=0.5
        Share of NBSVM one-vs-rest logits averaged into the multinomial ones
        (see the module docstring and :func:`fit_linear_logits`; 0 turns them off).
        Chosen without any test split: ``benchmarks/sentiment_nb_features.py``.
    nb_alpha : float, default=1.0
        Smoothing of the naive-Bayes counts behind the NBSVM part.
    tweet_copy : float, default=0.0
        Weight of a copy of the word features given to texts that address an
        ``@handle`` (:class:`~cxtext.sentiment.features.TextHasher`), so the model
        learns tweet-only corrections on top of the weights every text shares
        (0 turns it off). Below 1 the copy's features are scaled down, which makes
        the corrections dearer under the regularisation: the shared weights keep
        what tweets teach about other genres. Texts without a handle are read by
        the shared weights alone.
    lexicon_weight : float, default=0.0
        Weight of four columns counting weak/strong positive/negative lexicon
        words (see the module docstring; 0 turns them off). The words carry a
        genre-free prior to comments unlike the training data.
    lexicon_min_words : int, default=8
        Texts shorter than this (in words) get no lexicon counts.
    lexicon : mapping of str to float, optional
        Word valences on VADER's -4..4 scale; ``None`` (with ``lexicon_weight``
        > 0) reads VADER's list at fit time.
    n_jobs : int, optional
        Threads that hash and score batches of texts at prediction (``None``:
        one; ``-1`` or ``0``: every core this process may use). Most of the work
        (numpy and scipy on arrays) runs outside Python's lock, so two threads
        score about 1.6x as many texts a second on two cores. Leave it at one
        where the cores are already busy, e.g. inside the worker processes of
        ``Analyzer(n_jobs=...)``. A setting of the run, not of the model:
        :meth:`save` does not record it.

    Attributes
    ----------
    classes_ : ndarray of str
        ``["negative", "neutral", "positive"]`` (the labels seen in ``fit``).
    coef_, intercept_, idf_ : ndarray
        Learned weights.
    temperature_ : float
        Softmax temperature fitted on the held-out rows.
    lexicon_ : dict or None
        The word valences read (``None`` when ``lexicon_weight`` is 0).
    calibration_ : dict
        ECE on the held-out rows before and after temperature scaling.

    Examples
    --------
    >>> clf = FastSentimentClassifier(n_features=2**12, char_ngrams=(0, 0))
    >>> texts = ["great service", "awful wait", "it was fine", "lovely staff",
    ...          "terrible app", "the order arrived"] * 5
    >>> labels = ["positive", "negative", "neutral", "positive", "negative", "neutral"] * 5
    >>> clf.fit(texts, labels).predict(["lovely service"])[0]
    'positive'
    """

    def __init__(self, *, n_features: int = 2**19, char_ngrams: tuple[int, int] = (2, 5),
                 C: float = 4.0, class_weight: str | None = "balanced",
                 calibration_size: float = 0.1, max_chars: int = 3000,
                 random_state: int = 0, char_analyzer: str = "rolling",
                 nb_weight: float = 0.5, nb_alpha: float = 1.0, tweet_copy: float = 0.0,
                 lexicon_weight: float = 0.0, lexicon_min_words: int = 8,
                 lexicon: Mapping[str, float] | None = None, n_jobs: int | None = None) -> None:
        self.n_features = n_features
        self.char_ngrams = char_ngrams
        self.C = C
        self.class_weight = class_weight
        self.calibration_size = calibration_size
        self.max_chars = max_chars
        self.random_state = random_state
        self.char_analyzer = char_analyzer
        self.nb_weight = nb_weight
        self.nb_alpha = nb_alpha
        self.tweet_copy = tweet_copy
        self.lexicon_weight = lexicon_weight
        self.lexicon_min_words = lexicon_min_words
        self.lexicon = lexicon
        self.n_jobs = n_jobs

    # -- fitting -----------------------------------------------------------------
    def _lexicon(self) -> dict[str, float] | None:
        """The word valences this model reads: fitted, given, VADER's, or none."""
        if hasattr(self, "lexicon_"):
            return self.lexicon_
        if not float(self.lexicon_weight) > 0:
            return None
        if self.lexicon is None:
            return vader_lexicon()
        return {str(w): float(v) for w, v in self.lexicon.items()}

    def _hasher(self) -> TextHasher:
        lexicon = self._lexicon()
        key = (int(self.n_features), tuple(self.char_ngrams), int(self.max_chars),
               float(self.tweet_copy) > 0, id(lexicon), int(self.lexicon_min_words))
        cached = getattr(self, "_hasher_cache", None)
        if cached is not None and cached[0] == key and cached[1].lexicon is lexicon:
            return cached[1]  # building the lexicon's lookup table costs a few ms
        hasher = TextHasher(key[0], key[1], key[2], tweet_copy=key[3], lexicon=lexicon,
                            lexicon_min_words=key[5])
        self._hasher_cache = (key, hasher)
        return hasher

    def _validate_params(self) -> None:
        if not (isinstance(self.n_features, (int, np.integer)) and 2**8 <= self.n_features <= 2**24):
            raise ConfigError(
                "[CX301] The 'n_features' parameter of FastSentimentClassifier must be an int in "
                f"[256, 16777216]. Got {self.n_features!r} instead."
            )
        if not 0.0 <= float(self.calibration_size) < 0.5:
            raise ConfigError(
                "[CX301] The 'calibration_size' parameter of FastSentimentClassifier must be in "
                f"[0, 0.5). Got {self.calibration_size!r} instead."
            )
        if float(self.C) <= 0:
            raise ConfigError(f"[CX301] The 'C' parameter must be > 0. Got {self.C!r} instead.")
        if not 0.0 <= float(self.nb_weight) <= 1.0:
            raise ConfigError(
                "[CX301] The 'nb_weight' parameter of FastSentimentClassifier must be in [0, 1]. "
                f"Got {self.nb_weight!r} instead."
            )
        if not float(self.nb_alpha) > 0:
            raise ConfigError(
                "[CX301] The 'nb_alpha' parameter of FastSentimentClassifier must be > 0. "
                f"Got {self.nb_alpha!r} instead."
            )
        if not 0.0 <= float(self.tweet_copy) <= 1.0:
            raise ConfigError(
                "[CX301] The 'tweet_copy' parameter of FastSentimentClassifier must be in [0, 1]. "
                f"Got {self.tweet_copy!r} instead."
            )
        if not float(self.lexicon_weight) >= 0:
            raise ConfigError(
                "[CX301] The 'lexicon_weight' parameter of FastSentimentClassifier must be >= 0. "
                f"Got {self.lexicon_weight!r} instead."
            )
        if not (isinstance(self.lexicon_min_words, (int, np.integer)) and self.lexicon_min_words >= 0):
            raise ConfigError(
                "[CX301] The 'lexicon_min_words' parameter of FastSentimentClassifier must be an int "
                f">= 0. Got {self.lexicon_min_words!r} instead."
            )
        if self.char_analyzer not in CHAR_ANALYZERS:
            raise ConfigError(
                f"[CX301] The 'char_analyzer' parameter must be one of {list(CHAR_ANALYZERS)}. "
                f"Got {self.char_analyzer!r} instead."
            )

    def fit(self, X: Sequence[str], y: Sequence[str],
            sample_weight: Sequence[float] | None = None) -> FastSentimentClassifier:
        """Fit on texts ``X`` with labels ``y`` (negative/neutral/positive).

        ``sample_weight`` (optional) weights rows in the logistic regression,
        e.g. to give a small in-domain set more say than a large generic one.
        """
        from sklearn.feature_extraction.text import TfidfTransformer
        from sklearn.model_selection import train_test_split

        self._validate_params()
        texts = as_texts(X, type(self).__name__)
        labels = np.asarray([str(v) for v in y], dtype=object)
        if len(texts) != len(labels):
            raise InputError(f"[CX108] X has {len(texts)} texts but y has {len(labels)} labels.")
        unknown = sorted(set(labels) - set(SENTIMENT_LABELS))
        if unknown:
            raise InputError(
                f"[CX108] Unknown sentiment label(s) {unknown}. Use {list(SENTIMENT_LABELS)}; "
                "map ratings first with cxtext.datasets.rating_to_sentiment."
            )
        self.classes_ = np.array([c for c in SENTIMENT_LABELS if c in set(labels)], dtype=object)
        if len(self.classes_) < 2:
            raise InputError("[CX108] Need at least two sentiment classes to train.")
        y_idx = np.searchsorted(self.classes_, labels)  # classes_ is sorted alphabetically
        if hasattr(self, "lexicon_"):
            del self.lexicon_  # a refit reads the parameters again
        self.lexicon_ = self._lexicon()
        self.lexicon_is_vader_ = self.lexicon_ is not None and self.lexicon is None
        hasher = self._hasher()
        X_raw = hasher.transform(texts)
        idx = np.arange(len(texts))
        cal_idx = np.array([], dtype=int)
        if calibration_rows(len(texts), self.calibration_size):
            idx, cal_idx = train_test_split(idx, test_size=self.calibration_size,
                                            random_state=self.random_state, stratify=y_idx)
        tfidf = TfidfTransformer(sublinear_tf=False, norm="l2").fit(X_raw[idx])
        self.idf_ = tfidf.idf_.astype(np.float32)
        if float(self.tweet_copy) > 0:  # the copy is the last hashed block: scale it by its weight
            end = self.n_features * hasher.n_blocks
            self.idf_[end - self.n_features:end] *= np.float32(self.tweet_copy)
        if hasher.n_lexicon_columns:  # the lexicon columns come last
            self.idf_[-hasher.n_lexicon_columns:] *= np.float32(self.lexicon_weight)
        weights = None if sample_weight is None else np.asarray(sample_weight, dtype=float)[idx]
        coef, self.intercept_ = fit_linear_logits(
            self._weight(X_raw[idx]), y_idx[idx], C=float(self.C), sample_weight=weights,
            class_weight=self.class_weight, nb_weight=float(self.nb_weight),
            nb_alpha=float(self.nb_alpha), n_classes=len(self.classes_))
        self.coef_ = feature_major(coef)
        self.temperature_ = 1.0
        self.calibration_ = {}
        if len(cal_idx):
            self.temperature_, self.calibration_ = calibrate_temperature(
                self._logits(X_raw[cal_idx]), y_idx[cal_idx])
        return self

    # -- prediction --------------------------------------------------------------
    def _weight(self, X_raw: Any, *, in_place: bool = False) -> Any:
        X = X_raw.tocsr() if in_place else X_raw.tocsr(copy=True)
        idf = getattr(self, "idf_", None)
        return idf_l2(X, idf if idf is not None else np.ones(X.shape[1], dtype=np.float32))

    def _logits(self, X_raw: Any, *, in_place: bool = False) -> np.ndarray:
        X = self._weight(X_raw, in_place=in_place)
        return np.asarray(X @ self.coef_.T) + self.intercept_

    def text_hasher(self) -> TextHasher:
        """The feature hasher this model reads (see :meth:`predict_proba_counts`)."""
        return self._hasher()

    def decision_function(self, X: Sequence[str]) -> np.ndarray:
        """Uncalibrated class logits, shape ``(n, n_classes)``."""
        check_fitted(self, ["coef_", "idf_"], _HOW_TO_FIT)
        hasher = self._hasher()
        return stack_batches(lambda batch: self._logits(hasher.transform(batch), in_place=True),
                             as_texts(X, type(self).__name__), batch_size=HASH_BATCH, n_jobs=self.n_jobs)

    def predict_proba_counts(self, X_counts: Any) -> np.ndarray:
        """Calibrated probabilities from raw counts, ``text_hasher().counts(texts)``.

        For callers that hash texts once for several models (the analyzer shares
        the counts with the fast emotion model); ``X_counts`` is not modified.
        """
        check_fitted(self, ["coef_", "idf_"], _HOW_TO_FIT)
        X = log_scale(X_counts.tocsr(copy=True))
        return softmax(self._logits(X, in_place=True), self.temperature_)

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """Calibrated class probabilities, columns in ``classes_`` order."""
        return softmax(self.decision_function(X), self.temperature_)

    def predict(self, X: Sequence[str]) -> np.ndarray:
        """Most probable label per text."""
        proba = self.predict_proba(X)
        return self.classes_[proba.argmax(axis=1)]

    # -- persistence -------------------------------------------------------------
    def save(self, path: str | os.PathLike[str], *, name: str = "sentiment-fast",
             version: str = "1.0.0", trained_on: Sequence[TrainingData | Mapping[str, Any]] = (),
             metrics: Mapping[str, Any] | None = None, description: str = "") -> Path:
        """Write a versioned model folder (safetensors + manifest + card) and return it."""
        check_fitted(self, ["coef_", "idf_"], _HOW_TO_FIT)
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        save_arrays(folder / WEIGHTS_FILE, {
            "coef": self.coef_, "intercept": self.intercept_, "idf": self.idf_,
            "temperature": np.array([self.temperature_], dtype=np.float64)})
        params = self.get_params()
        params.pop("n_jobs")  # how a run uses its cores, not part of the model
        lexicon = getattr(self, "lexicon_", None)
        for stale in (LEXICON_FILE, LEXICON_NOTICE):
            (folder / stale).unlink(missing_ok=True)
        params["lexicon"] = None
        trained_on = list(trained_on)
        if lexicon is not None:
            write_lexicon(folder / LEXICON_FILE, lexicon)
            params["lexicon"] = LEXICON_FILE
            vader = bool(getattr(self, "lexicon_is_vader_", False))
            if vader:  # VADER's list: its licence goes with it
                (folder / LEXICON_NOTICE).write_text(_vader_notice(), encoding="utf-8")
            trained_on.append(TrainingData(
                data="VADER lexicon (Hutto & Gilbert 2014)" if vader else "word valences given to fit",
                licence="MIT" if vader else "unknown", commercial_use=vader, rows=len(lexicon),
                note=f"word valences in {LEXICON_FILE}" + (f" (licence in {LEXICON_NOTICE})" if vader else "")
                     + f"; counted in texts of {self.lexicon_min_words}+ words at weight {float(self.lexicon_weight):g}"))
        all_metrics = {"calibration": self.calibration_, **dict(metrics or {})}
        write_model_dir(folder, name=name, version=version, kind=KIND, cxtext=">=0.1,<0.2",
                        params=params, labels=[str(c) for c in self.classes_],
                        metrics=all_metrics, trained_on=trained_on,
                        description=description or "Three-class sentiment (negative/neutral/"
                        "positive) from hashed word and character n-grams with negation "
                        "scope marking" + (", plus a copy of the word features for texts that "
                                           "address an @handle (tweet-only corrections)"
                                           if float(self.tweet_copy) > 0 else "")
                        + (", plus counts of weak and strong positive and negative words of a "
                           "polarity lexicon (lexicon.tsv)" if lexicon is not None else "")
                        + ", logistic regression (averaged with NBSVM one-vs-rest "
                        "regressions when nb_weight > 0) and temperature scaling.")
        return folder

    @classmethod
    def load(cls, name_or_path: str | os.PathLike[str] = "fast") -> FastSentimentClassifier:
        """Load a saved model after checking every file's sha256 against its manifest."""
        folder, manifest = load_verified(name_or_path, kind=KIND, family="sentiment")
        params = dict(manifest.params)
        if params.get("char_analyzer") not in CHAR_ANALYZERS:
            raise ModelVersionError(
                f"[CX204] {str(folder)!r} was trained with a character n-gram extractor this "
                f"cxtext does not have ({params.get('char_analyzer', 'char_wb')!r}); retrain it "
                "with `cxtext train sentiment`."
            )
        if "char_ngrams" in params:
            params["char_ngrams"] = tuple(params["char_ngrams"])
        params.setdefault("nb_weight", 0.0)  # models saved before the NBSVM part (<= 0.4.0)
        params.setdefault("tweet_copy", 0.0)  # models saved before the tweet copy (<= 0.6.0)
        lexicon_file = params.pop("lexicon", None)  # none in models saved before the lexicon (<= 0.7.0)
        if lexicon_file is not None and (not isinstance(lexicon_file, str) or lexicon_file not in manifest.files):
            raise ModelVersionError(
                f"[CX204] {str(folder)!r} names a lexicon file ({lexicon_file!r}) that its manifest "
                "does not list; the folder is incomplete. Restore it, or retrain with `cxtext train sentiment`."
            )
        model = cls(**params)
        model.lexicon_ = None if lexicon_file is None else read_lexicon(folder / lexicon_file)
        model.lexicon_is_vader_ = (folder / LEXICON_NOTICE).is_file()
        # as fitted: VADER's list is the default (None); any other list is a parameter
        model.lexicon = None if model.lexicon_is_vader_ else model.lexicon_
        arrays = load_arrays(folder / WEIGHTS_FILE)
        _check_shapes(folder, arrays, n_columns=model._hasher().n_columns, n_labels=len(manifest.labels))
        model.coef_ = feature_major(arrays["coef"])
        model.intercept_ = arrays["intercept"]
        model.idf_ = arrays["idf"]
        model.temperature_ = float(arrays["temperature"][0])
        model.classes_ = np.array(manifest.labels, dtype=object)
        model.calibration_ = dict(manifest.metrics.get("calibration", {}))
        model.manifest_ = manifest
        return model
