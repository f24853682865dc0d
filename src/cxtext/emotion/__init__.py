"""CX emotions: the emotion set, GoEmotions mapping, models and evaluation.

Eight emotions with fixed ids (:data:`EMOTIONS`); a text may carry several or
none. Definitions live in ``emotions.yaml`` (:func:`load_emotion_definitions`).

Models
------
:class:`FastEmotionClassifier`
    Hashed n-grams + one logistic regression per emotion (``models/emotion-fast``).
:class:`EmbeddingEmotionClassifier`
    Heads on frozen MiniLM sentence embeddings + n-grams (``models/emotion-accurate/0.1.0``).
:class:`TunedEmotionClassifier`
    MiniLM with its top layers fine-tuned, one sigmoid per emotion.
:class:`BlendedEmotionClassifier`
    Pools trained models' per-emotion log-odds (the ``accurate`` default).
"""

from cxtext.emotion.accurate import EmbeddingEmotionClassifier
from cxtext.emotion.blend import BlendedEmotionClassifier
from cxtext.emotion.data import (
    GOEMOTIONS_LABELS,
    GOEMOTIONS_TO_CX,
    load_goemotions_emotions,
    map_goemotions_labels,
)
from cxtext.emotion.definitions import EMOTIONS, NONE, Emotion, load_emotion_definitions
from cxtext.emotion.evaluate import evaluate_emotions, parse_emotion_labels
from cxtext.emotion.fast import FastEmotionClassifier
from cxtext.emotion.tuned import TunedEmotionClassifier

__all__ = [
    "EMOTIONS",
    "GOEMOTIONS_LABELS",
    "GOEMOTIONS_TO_CX",
    "NONE",
    "BlendedEmotionClassifier",
    "EmbeddingEmotionClassifier",
    "Emotion",
    "FastEmotionClassifier",
    "TunedEmotionClassifier",
    "evaluate_emotions",
    "load_emotion_definitions",
    "load_emotion_model",
    "load_goemotions_emotions",
    "map_goemotions_labels",
    "parse_emotion_labels",
]


def load_emotion_model(name_or_path: object) -> object:
    """Load an emotion model by name (``"fast"``, ``"accurate"``) or model folder.

    The folder's manifest says which class it holds; files are hash-checked.

    Examples
    --------
    >>> load_emotion_model("fast").classes_.tolist()[:3]
    ['anger', 'frustration', 'disappointment']
    """
    from cxtext.models import load_by_kind

    return load_by_kind(str(name_or_path), family="emotion", classes={
        "emotion-fast": FastEmotionClassifier, "emotion-accurate": EmbeddingEmotionClassifier,
        "emotion-tuned": TunedEmotionClassifier, "emotion-blend": BlendedEmotionClassifier})
