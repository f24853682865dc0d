"""Lexicon sentiment baselines (VADER, TextBlob) wrapped as estimator-like objects.

Both exist so cxtext's models can be compared with the tools people already
use; they are not part of the analysis pipeline. Each wrapper has ``classes_``,
``predict(texts)`` returning ``negative``/``neutral``/``positive`` and
``decision_function(texts)`` returning the library's own polarity in [-1, 1].
They deliberately have no ``predict_proba``: a lexicon polarity is not a
calibrated probability, so the evaluation harness reports no calibration error
for them.

Three-class rules
-----------------
VADER
    The rule from the VADER README: compound ``>= 0.05`` positive, ``<= -0.05``
    negative, otherwise neutral.
TextBlob
    TextBlob's default ``PatternAnalyzer`` polarity (works offline, no corpora
    needed). TextBlob documents no three-class rule, so cxtext uses the same
    band as VADER: polarity ``>= 0.05`` positive, ``<= -0.05`` negative,
    otherwise neutral (text without opinion words scores exactly 0).

Both libraries come with the ``baselines`` extra (``pip install cxtext[baselines]``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np

from cxtext.errors import ConfigError, NotAvailableError

__all__ = ["BASELINES", "TextBlobSentiment", "VaderSentiment", "load_baseline", "polarity_to_label"]

logger = logging.getLogger(__name__)

_CLASSES = np.array(["negative", "neutral", "positive"], dtype=object)


def polarity_to_label(scores: Sequence[float] | np.ndarray, threshold: float = 0.05) -> np.ndarray:
    """Map polarities in [-1, 1] to labels: ``>= threshold`` positive, ``<= -threshold`` negative.

    Examples
    --------
    >>> polarity_to_label([0.5, 0.01, -0.05]).tolist()
    ['positive', 'neutral', 'negative']
    """
    s = np.asarray(scores, dtype=float)
    out = np.full(s.shape, "neutral", dtype=object)
    out[s >= threshold] = "positive"
    out[s <= -threshold] = "negative"
    return out


def _check_threshold(owner: str, threshold: float) -> None:
    if not 0.0 < float(threshold) < 1.0:
        raise ConfigError(
            f"[CX301] The 'threshold' parameter of {owner} must be in (0, 1). "
            f"Got {threshold!r} instead."
        )


def _missing(package: str) -> NotAvailableError:
    return NotAvailableError(
        f"[CX306] The {package!r} package is not installed. Install the baselines extra: "
        "pip install 'cxtext[baselines]'."
    )


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"


class _LexiconBaseline:
    """Shared plumbing: ``fit`` is a no-op, ``predict`` thresholds ``decision_function``."""

    name = ""
    dist = ""

    def __init__(self, *, threshold: float = 0.05) -> None:
        self.threshold = threshold
        self.classes_ = _CLASSES.copy()

    def fit(self, X: Any = None, y: Any = None) -> _LexiconBaseline:
        """Do nothing (lexicons are not trained); return ``self``."""
        return self

    def decision_function(self, X: Sequence[Any]) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def predict(self, X: Sequence[Any]) -> np.ndarray:
        """Label each text ``negative``/``neutral``/``positive``."""
        _check_threshold(type(self).__name__, self.threshold)
        return polarity_to_label(self.decision_function(X), self.threshold)

    def info(self) -> dict[str, str]:
        """Name and library version, recorded in evaluation reports."""
        return {"name": self.name, "version": _version(self.dist)}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(threshold={self.threshold!r})"


class VaderSentiment(_LexiconBaseline):
    """VADER compound score with the standard ±0.05 thresholds.

    Parameters
    ----------
    threshold : float, default=0.05
        Compound ``>= threshold`` is positive, ``<= -threshold`` negative.

    Examples
    --------
    >>> VaderSentiment().predict(["I love it", "The parcel came on Tuesday", "Awful, rude staff"]).tolist()
    ['positive', 'neutral', 'negative']
    """

    name = "vader"
    dist = "vaderSentiment"

    def _analyzer(self) -> Any:
        if getattr(self, "_sia", None) is None:
            try:
                from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
            except ImportError as exc:
                raise _missing("vaderSentiment") from exc
            self._sia = SentimentIntensityAnalyzer()
        return self._sia

    def decision_function(self, X: Sequence[Any]) -> np.ndarray:
        """VADER compound polarity of each text (missing text scores 0)."""
        sia = self._analyzer()
        return np.array([sia.polarity_scores(_as_text(t))["compound"] for t in X], dtype=float)


class TextBlobSentiment(_LexiconBaseline):
    """TextBlob ``PatternAnalyzer`` polarity with a ±0.05 neutral band.

    Parameters
    ----------
    threshold : float, default=0.05
        Polarity ``>= threshold`` is positive, ``<= -threshold`` negative.

    Examples
    --------
    >>> TextBlobSentiment().predict(["Great staff", "The parcel came on Tuesday", "Terrible app"]).tolist()
    ['positive', 'neutral', 'negative']
    """

    name = "textblob"
    dist = "textblob"

    def _analyzer(self) -> Any:
        if getattr(self, "_pattern", None) is None:
            try:
                from textblob.en.sentiments import PatternAnalyzer
            except ImportError as exc:
                raise _missing("textblob") from exc
            self._pattern = PatternAnalyzer()
        return self._pattern

    def decision_function(self, X: Sequence[Any]) -> np.ndarray:
        """TextBlob polarity of each text (missing text scores 0)."""
        pa = self._analyzer()
        return np.array([pa.analyze(_as_text(t)).polarity for t in X], dtype=float)


def _as_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


BASELINES: dict[str, type[_LexiconBaseline]] = {"vader": VaderSentiment, "textblob": TextBlobSentiment}


def load_baseline(name: str) -> _LexiconBaseline:
    """Return a baseline by name: ``"vader"`` or ``"textblob"``.

    Examples
    --------
    >>> load_baseline("vader")
    VaderSentiment(threshold=0.05)
    """
    key = str(name).strip().lower()
    if key not in BASELINES:
        raise ConfigError(
            f"[CX304] Unknown baseline {name!r}. Available baselines: {', '.join(BASELINES)}."
        )
    return BASELINES[key]()
