"""Pooling emotion models: log-odds pool, shared encoding, thresholds, pinned components."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import BaseEstimator

from cxtext.emotion import (
    EMOTIONS,
    BlendedEmotionClassifier,
    FastEmotionClassifier,
    load_emotion_model,
)
from cxtext.errors import ConfigError, InputError, ModelError, ModelIntegrityError

TEXTS = ["thank you so much", "I am so angry", "this is confusing", "I was worried sick",
         "what a letdown", "absolutely delighted", "the staff are amazing", "annoying wait"] * 4
LABELS = [["gratitude"], ["anger"], ["confusion"], ["anxiety"], ["disappointment"], ["delight"],
          ["admiration"], ["frustration"]] * 4


class _Fixed(BaseEstimator):
    """The same per-emotion probabilities for every text."""

    def __init__(self, proba=0.5):
        self.proba = proba

    def fit(self, X=None, y=None):
        self.classes_ = np.array(EMOTIONS, dtype=object)
        self.thresholds_ = np.full(len(EMOTIONS), 0.5)
        return self

    def predict_proba(self, X):
        return np.full((len(X), len(EMOTIONS)), self.proba)


def _logit(p):
    return np.log(p / (1 - p))


def test_pools_the_log_odds_with_weights():
    blend = BlendedEmotionClassifier.from_fitted([("a", _Fixed(0.9).fit()), ("b", _Fixed(0.2).fit())],
                                                 weights=[3, 1])
    got = blend.predict_proba(["x", "y"])
    expected = 1 / (1 + np.exp(-(0.75 * _logit(0.9) + 0.25 * _logit(0.2))))
    np.testing.assert_allclose(got, expected, rtol=1e-5)
    assert got.shape == (2, len(EMOTIONS))
    assert blend.classes_.tolist() == list(EMOTIONS)
    np.testing.assert_allclose(blend.thresholds_, 0.5)


def test_thresholds_are_tuned_on_the_pooled_probabilities():
    model = FastEmotionClassifier(n_features=2**10, char_ngrams=(0, 0), C=10.0).fit(TEXTS, LABELS)
    blend = BlendedEmotionClassifier.from_fitted([("m", model)])
    np.testing.assert_allclose(blend.predict_proba(TEXTS), model.predict_proba(TEXTS), atol=1e-5)
    blend.tune_thresholds(TEXTS, LABELS)
    assert blend.predict(["thank you so much"])[0] == ["gratitude"]


def test_bad_weights_classes_thresholds_and_fit_are_named():
    with pytest.raises(ConfigError, match="weights"):
        BlendedEmotionClassifier.from_fitted([("a", _Fixed().fit())], weights=[-1])
    with pytest.raises(ConfigError, match="threshold"):
        BlendedEmotionClassifier.from_fitted([("a", _Fixed().fit())], thresholds=[0.5])
    wrong = _Fixed().fit()
    wrong.classes_ = np.array(["joy"], dtype=object)
    with pytest.raises(InputError, match="must predict"):
        BlendedEmotionClassifier.from_fitted([("a", wrong)])
    with pytest.raises(ModelError, match="from_fitted"):
        BlendedEmotionClassifier().fit(TEXTS, LABELS)


def test_embedding_reader_gets_the_features_and_the_rest_read_text():
    class _Reader(_Fixed):
        encoder_top_ = ("layer",)

        def predict_proba_embeddings(self, F, texts=None):
            assert F.shape == (2, 4)
            return np.full((len(F), len(EMOTIONS)), 0.8)

    blend = BlendedEmotionClassifier.from_fitted([("r", _Reader().fit()), ("t", _Fixed(0.8).fit())])
    assert blend.encoder_top_ == ("layer",)
    np.testing.assert_allclose(blend.predict_proba_embeddings(np.zeros((2, 4)), ["a", "b"]), 0.8, rtol=1e-5)
    with pytest.raises(ModelError, match="MiniLM"):
        BlendedEmotionClassifier.from_fitted([("t", _Fixed().fit())]).encoder()


def test_save_load_round_trip_and_component_pinning(tmp_path, monkeypatch):
    monkeypatch.setenv("CXTEXT_MODELS_DIR", str(tmp_path))
    a = FastEmotionClassifier(n_features=2**10, char_ngrams=(0, 0), C=10.0).fit(TEXTS, LABELS)
    b = FastEmotionClassifier(n_features=2**10, C=1.0).fit(TEXTS, LABELS)
    a.save(tmp_path / "toy-a" / "1.0.0", name="toy-a", version="1.0.0")
    b.save(tmp_path / "toy-b" / "1.0.0", name="toy-b", version="1.0.0")
    blend = BlendedEmotionClassifier.from_fitted([("a", a), ("b", b)], weights=[1, 3])
    blend.tune_thresholds(TEXTS, LABELS)
    folder = blend.save(tmp_path / "toy-emo" / "1.0.0", components=["toy-a/1.0.0", "toy-b/1.0.0"],
                        name="toy-emo", version="1.0.0")
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "manifest.json"]
    loaded = load_emotion_model("toy-emo")
    assert isinstance(loaded, BlendedEmotionClassifier)
    np.testing.assert_allclose(loaded.weights_, [0.25, 0.75])
    np.testing.assert_allclose(loaded.thresholds_, blend.thresholds_, atol=1e-6)
    np.testing.assert_allclose(loaded.predict_proba(TEXTS), blend.predict_proba(TEXTS), atol=1e-5)
    FastEmotionClassifier(n_features=2**10, C=0.1).fit(TEXTS, LABELS).save(
        tmp_path / "toy-b" / "1.0.0", name="toy-b", version="1.0.0")
    with pytest.raises(ModelIntegrityError, match="toy-b"):
        load_emotion_model("toy-emo")
