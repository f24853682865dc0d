"""CX emotions: the emotion set, GoEmotions mapping, models and evaluation.

Eight emotions with fixed ids (:data:`EMOTIONS`); a text may carry several or
none. Definitions live in ``emotions.yaml`` (:func:`load_emotion_definitions`).

Models
------
:class:`FastEmotionClassifier`
    Hashed n-grams + one logistic regression per emotion (``models/emotion-fast``).
:class:`EmbeddingEmotionClassifier`
    Heads on MiniLM sentence embeddings (``models/emotion-accurate``); accepts
    precomputed embeddings.
"""

from cxtext.emotion.accurate import EmbeddingEmotionClassifier
from cxtext.emotion.data import GOEMOTIONS_TO_CX, load_goemotions_emotions, map_goemotions_labels
from cxtext.emotion.definitions import EMOTIONS, NONE, Emotion, load_emotion_definitions
from cxtext.emotion.evaluate import evaluate_emotions
from cxtext.emotion.fast import FastEmotionClassifier

__all__ = [
    "EMOTIONS",
    "NONE",
    "Emotion",
    "load_emotion_definitions",
    "GOEMOTIONS_TO_CX",
    "map_goemotions_labels",
    "load_goemotions_emotions",
    "FastEmotionClassifier",
    "EmbeddingEmotionClassifier",
    "evaluate_emotions",
]
