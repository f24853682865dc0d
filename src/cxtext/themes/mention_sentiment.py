"""Theme-aware mention sentiment learned from ``theme:polarity`` labels.

A mention's sentiment is, by default, the sentiment model's reading of its
clause. That reading ignores what the theme is: "a bit pricey" may be neutral
about the food and negative about the price, and a team's data has its own
habits (on SemEval-2014 restaurants the accurate model reads most neutral
category mentions as positive or negative). When theme labels carry their
polarity (``"food:positive;price:negative"``, the SemEval aspect-category
format), :class:`MentionSentimentHead` learns that correction from them: a
multinomial logistic regression on the log-probabilities of the clause that
holds the theme, with one copy of those inputs per theme (so every theme gets
its own calibration and its own class bias) plus a shared copy.

The head reads the output of one sentiment model, so it is fitted for a named
model (``"sentiment-accurate 0.6.0"``) and is only used when the analysis runs
that same model; with any other model mentions keep the clause sentiment.

It is a handful of numbers per theme, written here rather than wrapped in a
scikit-learn Pipeline so it saves as plain arrays (safetensors) inside the
theme model folder and never unpickles.

Examples
--------
>>> split_polarity("price:negative")
('price', 'negative')
>>> split_polarity("food:pos")
('food', 'positive')
>>> split_polarity("anecdotes/miscellaneous")
('anecdotes/miscellaneous', None)
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator

from cxtext.errors import InputError, check_fitted
from cxtext.sentiment.train import LABEL_ALIASES

__all__ = ["POLARITIES", "POLARITY_ALIASES", "TRAINABLE_POLARITIES", "MentionSentimentHead",
           "model_identity", "normalise_polarity", "split_polarity", "warn_unknown_polarities"]

logger = logging.getLogger(__name__)

#: Polarity suffixes understood in ``theme:polarity`` labels. Only the first
#: three train the head; ``conflict``/``mixed`` mark the theme but no sentiment.
POLARITIES: tuple[str, ...] = ("negative", "neutral", "positive", "conflict", "mixed")
#: The polarities a head learns from.
TRAINABLE_POLARITIES: tuple[str, ...] = ("negative", "neutral", "positive")
#: Every polarity word understood (lower case, single spaces) -> its polarity in
#: :data:`POLARITIES`: the aliases sentiment training accepts
#: (:func:`cxtext.sentiment.train.normalise_labels`: ``neg``/``neu``/``pos``,
#: ``"very negative"`` ...), the polarities themselves and ``+``/``-``.
POLARITY_ALIASES: dict[str, str] = {
    **{p: p for p in POLARITIES}, **LABEL_ALIASES, "+": "positive", "-": "negative",
}
_EPS = 1e-6
# suffix words that are probably meant as a polarity but are not one this reads
_POLARITY_LIKE = frozenset({
    "good", "bad", "ok", "okay", "great", "poor", "fine", "happy", "unhappy", "satisfied",
    "dissatisfied", "unsatisfied", "praise", "complaint", "complain", "favourable", "favorable",
    "unfavourable", "unfavorable", "pos.", "neg.", "neu.", "p", "n", "1", "0", "-1", "+1",
    "positiv", "negativ", "neutre", "positif", "negatif", "négatif", "neutral.", "none",
})


def normalise_polarity(value: object) -> str | None:
    """A polarity word in :data:`POLARITIES`, or ``None`` if ``value`` is not one.

    Case and extra spaces are ignored; aliases are those of :data:`POLARITY_ALIASES`.

    Examples
    --------
    >>> [normalise_polarity(v) for v in ["Pos", "NEGATIVE", "very  negative", "-", "meh", None]]
    ['positive', 'negative', 'negative', 'negative', None, None]
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return POLARITY_ALIASES.get(" ".join(str(value).lower().split()))


def split_polarity(label: str) -> tuple[str, str | None]:
    """Split ``"theme:polarity"`` into its theme and polarity (``None`` without one).

    Only a known polarity (:data:`POLARITY_ALIASES`: ``positive``, ``pos``, ``+``,
    ``Very Negative`` ..., any case) after the last ``:`` is split off, and is
    returned as its :data:`POLARITIES` word; labels that merely contain a colon
    are left whole.

    Examples
    --------
    >>> split_polarity("service: Negative")
    ('service', 'negative')
    >>> split_polarity("food:neu")
    ('food', 'neutral')
    >>> split_polarity("time:of day")
    ('time:of day', None)
    """
    text = str(label)
    head, sep, tail = text.rpartition(":")
    polarity = normalise_polarity(tail)
    if sep and head.strip() and polarity is not None:
        return head.strip(), polarity
    return text, None


def warn_unknown_polarities(labels: Iterable[str]) -> list[str]:
    """Warn when labels look like ``theme:<word>`` with a word that is not a polarity.

    Such labels (``food:good``, ``food:bad``) are kept whole, so each becomes a
    theme of its own and no mention sentiment is learned from them. The warning
    is logged when a suffix is a common sentiment word (``good``, ``bad``, ``ok``
    ...), or when a few (at most five) unknown one-word suffixes repeat: one
    follows two themes, or one theme has two of them. A lone ``time:of day``,
    or sub-themes with many different suffixes (``product:battery``,
    ``product:screen`` ...), stay quiet.

    Parameters
    ----------
    labels : iterable of str
        Labels (repeats allowed).

    Returns
    -------
    list of str
        The suspicious labels (empty when nothing was logged).

    Examples
    --------
    >>> warn_unknown_polarities(["food:good", "price:pos"])
    ['food:good']
    >>> warn_unknown_polarities(["food:good", "food:bad"])
    ['food:good', 'food:bad']
    >>> warn_unknown_polarities(["food:yay", "service:yay", "price:pos"])
    ['food:yay', 'service:yay']
    >>> warn_unknown_polarities(["time:of day", "food:positive"])
    []
    """
    themes_of: dict[str, set[str]] = {}  # unknown suffix word -> the themes it follows
    seen: Counter[str] = Counter()
    for label in labels:
        text = str(label)
        head, sep, tail = text.rpartition(":")
        word = tail.strip()
        if (not sep or not head.strip() or not word or len(word.split()) != 1 or len(word) > 20
                or normalise_polarity(word) is not None):
            continue
        themes_of.setdefault(word.lower(), set()).add(head.strip())
        seen[text] += 1
    words_of: dict[str, set[str]] = {}  # theme -> the unknown suffix words after it
    for word, themes in themes_of.items():
        for theme in themes:
            words_of.setdefault(theme, set()).add(word)
    repeated = (any(len(t) >= 2 for t in themes_of.values())
                or any(len(w) >= 2 for w in words_of.values()))
    if not (repeated and len(themes_of) <= 5) and not _POLARITY_LIKE & set(themes_of):
        return []
    suspicious = list(seen)
    example = max(suspicious, key=lambda lab: seen[lab])
    logger.warning(
        "%d label(s) look like theme:polarity but end in a word that is not a polarity (%s; "
        "e.g. %r), so each is trained as a theme of its own and no theme-aware sentiment is "
        "learned from them. If the suffix is a polarity, write one of: positive/pos/+, "
        "negative/neg/-, neutral/neu, conflict/mixed (any case; 'very positive' and the like "
        "also work).", len(suspicious), ", ".join(repr(w) for w in sorted(themes_of)), example)
    return suspicious


def model_identity(model: Any) -> str | None:
    """``"name version"`` of a model loaded from a folder, else ``None``.

    Examples
    --------
    >>> from cxtext.sentiment import load_sentiment_model
    >>> model_identity(load_sentiment_model("sentiment-fast/0.3.0"))
    'sentiment-fast 0.3.0'
    """
    manifest = getattr(model, "manifest_", None)
    if manifest is None:
        return None
    return f"{manifest.name} {manifest.version}"


class MentionSentimentHead(BaseEstimator):
    """Per-theme recalibration of clause sentiment, learned from labelled mentions.

    Parameters
    ----------
    C : float, default 0.1
        Inverse regularisation strength of the logistic regression.
    min_pairs : int, default 10
        Labelled mentions a theme needs to get its own inputs; rarer themes keep
        the clause sentiment unchanged.

    Attributes
    ----------
    classes_ : ndarray of str
        Sentiment classes, in the order of the sentiment model it was fitted on.
    themes_ : ndarray of str
        Themes with their own inputs (the ones the head rescores).
    mean_, scale_ : ndarray
        Standardisation of the inputs.
    coef_, intercept_ : ndarray
        Multinomial logistic regression weights, rows in ``classes_`` order.
    counts_ : dict
        Labelled mentions per theme and polarity it was fitted on.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> proba = rng.dirichlet([1, 1, 1], size=60)
    >>> themes = ["price"] * 30 + ["food"] * 30
    >>> y = ["negative", "neutral", "positive"] * 20
    >>> head = MentionSentimentHead().fit(themes, proba, y,
    ...                                   classes=["negative", "neutral", "positive"])
    >>> head.predict_proba(themes[:2], proba[:2]).shape
    (2, 3)
    """

    def __init__(self, *, C: float = 0.1, min_pairs: int = 10) -> None:
        self.C = C
        self.min_pairs = min_pairs

    def _inputs(self, themes: Sequence[str], proba: np.ndarray) -> np.ndarray:
        logp = np.log(np.clip(np.asarray(proba, dtype=np.float64), _EPS, 1.0))
        index = {t: j for j, t in enumerate(self.themes_)}
        onehot = np.zeros((len(themes), len(index)))
        for i, t in enumerate(themes):
            j = index.get(str(t))
            if j is not None:
                onehot[i, j] = 1.0
        crossed = (logp[:, :, None] * onehot[:, None, :]).reshape(len(themes), -1)
        return np.hstack([onehot, logp, crossed])

    def fit(self, themes: Sequence[str], proba: np.ndarray, y: Sequence[str], *,
            classes: Sequence[str]) -> MentionSentimentHead:
        """Learn from labelled mentions.

        Parameters
        ----------
        themes : sequence of str
            Theme of each mention.
        proba : ndarray of shape (n, n_classes)
            The sentiment model's probabilities for each mention's clause.
        y : sequence of str
            Gold polarity of each mention (one of ``classes``).
        classes : sequence of str
            The sentiment model's classes, in its column order.

        Returns
        -------
        MentionSentimentHead
            ``self``.
        """
        from sklearn.linear_model import LogisticRegression

        classes = [str(c) for c in classes]
        proba = np.asarray(proba, dtype=np.float64)
        y = np.asarray([str(v) for v in y], dtype=object)
        themes = [str(t) for t in themes]
        if proba.ndim != 2 or proba.shape != (len(themes), len(classes)) or len(y) != len(themes):
            raise InputError(
                f"[CX108] MentionSentimentHead.fit needs one theme, one row of {len(classes)} "
                f"probabilities and one label per mention; got {len(themes)} themes, probabilities "
                f"of shape {proba.shape} and {len(y)} labels."
            )
        unknown = sorted(set(y) - set(classes))
        if unknown:
            raise InputError(f"[CX108] Mention polarities {unknown} are not sentiment classes "
                             f"{classes}.")
        if len(set(y)) < 2:
            raise InputError("[CX108] Mention polarities need at least two different values to "
                             f"learn from; got only {sorted(set(y))}.")
        counts: dict[str, dict[str, int]] = {}
        for t, v in zip(themes, y):
            counts.setdefault(t, {}).setdefault(v, 0)
            counts[t][v] += 1
        self.themes_ = np.array(sorted(t for t, c in counts.items()
                                       if sum(c.values()) >= int(self.min_pairs)), dtype=object)
        self.classes_ = np.array(classes, dtype=object)
        X = self._inputs(themes, proba)
        self.mean_ = X.mean(axis=0)
        scale = X.std(axis=0)
        self.scale_ = np.where(scale > 0, scale, 1.0)
        lr = LogisticRegression(C=float(self.C), max_iter=5000)
        lr.fit((X - self.mean_) / self.scale_, y)
        # One softmax row per sentiment class, in the sentiment model's order.
        if len(lr.classes_) == 2:  # binary: sigmoid(w.x + b) == softmax of (-w/2, w/2)
            w, b = lr.coef_[0] / 2, lr.intercept_[0] / 2
            rows = {lr.classes_[0]: (-w, -b), lr.classes_[1]: (w, b)}
        else:
            rows = {c: (lr.coef_[j], lr.intercept_[j]) for j, c in enumerate(lr.classes_)}
        coef = np.zeros((len(classes), X.shape[1]))
        intercept = np.full(len(classes), -30.0)  # a class never seen is never predicted
        for k, c in enumerate(classes):
            if c in rows:
                coef[k], intercept[k] = rows[c]
        self.coef_, self.intercept_ = coef, intercept
        self.counts_ = counts
        logger.info("Mention sentiment head fitted on %d mentions; own inputs for %s",
                    len(themes), ", ".join(self.themes_) or "no theme")
        return self

    def _check_fitted(self) -> None:
        check_fitted(self, ["coef_", "themes_", "classes_"], "Call fit(themes, proba, y, classes=...) "
                     "first, or train a ThemeClassifier on theme:polarity labels.")

    def predict_proba(self, themes: Sequence[str], proba: np.ndarray) -> np.ndarray:
        """Rescored probabilities; mentions of themes not in ``themes_`` are returned unchanged.

        Parameters
        ----------
        themes : sequence of str
            Theme of each mention.
        proba : ndarray of shape (n, n_classes)
            Clause probabilities from the sentiment model the head was fitted on.

        Returns
        -------
        ndarray of shape (n, n_classes)
        """
        self._check_fitted()
        proba = np.asarray(proba, dtype=np.float64)
        out = proba.copy()
        mask = np.isin(np.asarray([str(t) for t in themes], dtype=object), self.themes_)
        if not mask.any():
            return out
        sub = [str(t) for t, m in zip(themes, mask) if m]
        X = (self._inputs(sub, proba[mask]) - self.mean_) / self.scale_
        z = X @ self.coef_.T + self.intercept_
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        out[mask] = e / e.sum(axis=1, keepdims=True)
        return out

    # -- persistence as plain arrays -----------------------------------------
    def to_arrays(self) -> dict[str, np.ndarray]:
        """The fitted numbers, for safetensors."""
        self._check_fitted()
        return {"mean": self.mean_, "scale": self.scale_, "coef": self.coef_,
                "intercept": self.intercept_}

    def to_meta(self) -> dict[str, Any]:
        """The fitted labels and counts, for the manifest (JSON)."""
        self._check_fitted()
        return {"classes": [str(c) for c in self.classes_], "themes": [str(t) for t in self.themes_],
                "counts": self.counts_, "params": self.get_params()}

    @classmethod
    def from_saved(cls, arrays: Mapping[str, np.ndarray], meta: Mapping[str, Any]) -> MentionSentimentHead:
        """Rebuild a head from :meth:`to_arrays` and :meth:`to_meta` output."""
        head = cls(**dict(meta.get("params", {})))
        head.classes_ = np.array(meta["classes"], dtype=object)
        head.themes_ = np.array(meta["themes"], dtype=object)
        head.counts_ = dict(meta.get("counts", {}))
        head.mean_ = np.asarray(arrays["mean"], dtype=np.float64)
        head.scale_ = np.asarray(arrays["scale"], dtype=np.float64)
        head.coef_ = np.asarray(arrays["coef"], dtype=np.float64)
        head.intercept_ = np.asarray(arrays["intercept"], dtype=np.float64)
        width = len(head.themes_) * (1 + len(head.classes_)) + len(head.classes_)
        if head.coef_.shape != (len(head.classes_), width) or head.mean_.shape != (width,):
            from cxtext.errors import ModelError

            raise ModelError("[CX202] A saved mention sentiment head does not match its themes and "
                             "classes. Re-save the model.")
        return head

