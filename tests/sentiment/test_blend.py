from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin, clone

from cxtext.errors import ConfigError, InputError, ModelIntegrityError
from cxtext.sentiment import (
    BlendedSentimentClassifier,
    FastSentimentClassifier,
    load_sentiment_model,
)

TEXTS = ["great staff", "awful wait", "it was ok", "lovely people", "so rude", "fine I guess"] * 5
LABELS = ["positive", "negative", "neutral"] * 10


class _Fixed(ClassifierMixin, BaseEstimator):
    """Returns the same probabilities for every text (classes in its own order)."""

    def __init__(self, proba=(0.2, 0.3, 0.5), classes=("negative", "neutral", "positive")):
        self.proba = proba
        self.classes = classes

    def fit(self, X, y):
        self.classes_ = np.array(self.classes, dtype=object)
        return self

    def predict_proba(self, X):
        return np.tile(np.asarray(self.proba, dtype=float), (len(X), 1))


def _small(**kw):
    return FastSentimentClassifier(n_features=2**10, calibration_size=0, **kw)


def test_pools_log_linearly_with_weights_and_aligns_class_order():
    a = _Fixed((0.2, 0.3, 0.5)).fit(TEXTS, LABELS)
    # same distribution, columns listed in another order
    b = _Fixed((0.6, 0.3, 0.1), classes=("positive", "neutral", "negative")).fit(TEXTS, LABELS)
    blend = BlendedSentimentClassifier.from_fitted([("a", a), ("b", b)], weights=[3, 1])
    got = blend.predict_proba(["x", "y"])
    expected = np.array([0.2, 0.3, 0.5]) ** 0.75 * np.array([0.1, 0.3, 0.6]) ** 0.25
    np.testing.assert_allclose(got, np.tile(expected / expected.sum(), (2, 1)))
    assert blend.classes_.tolist() == ["negative", "neutral", "positive"]
    assert blend.predict(["x"]).tolist() == ["positive"]


def test_blend_of_one_model_is_that_model():
    model = _small().fit(TEXTS, LABELS)
    blend = BlendedSentimentClassifier.from_fitted([("only", model)])
    np.testing.assert_allclose(blend.predict_proba(TEXTS), model.predict_proba(TEXTS), atol=1e-9)


def test_sklearn_contract_fit_clones_components():
    words = _small(char_ngrams=(0, 0))
    blend = BlendedSentimentClassifier([("w", words), ("c", _small())], weights=[1, 1])
    assert clone(blend).get_params()["weights"] == [1, 1]
    blend.fit(TEXTS, LABELS)
    assert not hasattr(words, "coef_")  # the given estimator is left unfitted
    proba = blend.predict_proba(TEXTS[:6])
    assert proba.shape == (6, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)


@pytest.mark.parametrize("weights", [[1], [-1, 2], [0, 0], [np.nan, 1]])
def test_bad_weights_are_named(weights):
    with pytest.raises(ConfigError, match="weights"):
        BlendedSentimentClassifier([("a", _Fixed()), ("b", _Fixed())], weights=weights).fit(TEXTS, LABELS)


def test_components_must_share_classes():
    a = _Fixed().fit(TEXTS, LABELS)
    b = _Fixed((0.5, 0.5), classes=("negative", "positive")).fit(TEXTS, LABELS)
    with pytest.raises(InputError, match="different classes"):
        BlendedSentimentClassifier.from_fitted([("a", a), ("b", b)])


def test_embedding_reader_gets_the_features_and_the_rest_read_text():
    class _Reader(_Fixed):
        def predict_proba_embeddings(self, F):
            return np.tile([0.1, 0.1, 0.8], (len(F), 1))

    reader = _Reader().fit(TEXTS, LABELS)
    text_model = _Fixed((0.1, 0.1, 0.8)).fit(TEXTS, LABELS)
    blend = BlendedSentimentClassifier.from_fitted([("r", reader), ("t", text_model)])
    got = blend.predict_proba_embeddings(np.zeros((2, 4)), ["a", "b"])
    np.testing.assert_allclose(got, [[0.1, 0.1, 0.8]] * 2)


def test_several_embedding_readers_each_get_their_own_features():
    class _Reader(_Fixed):
        def __init__(self, proba=(0.2, 0.3, 0.5), classes=("negative", "neutral", "positive"), top=None):
            super().__init__(proba, classes)
            self.top = top

        @property
        def encoder_top_(self):
            return self.top

        def predict_proba_embeddings(self, F):  # the first feature column picks the class
            return np.eye(3)[np.asarray(F)[:, 0].astype(int)]

    a, b = _Reader(top=("a",)).fit(TEXTS, LABELS), _Reader(top=("b",)).fit(TEXTS, LABELS)
    text_model = _Fixed((1 / 3, 1 / 3, 1 / 3)).fit(TEXTS, LABELS)
    blend = BlendedSentimentClassifier.from_fitted([("a", a), ("t", text_model), ("b", b)])
    assert blend.encoder_tops_ == [("a",), ("b",)] and blend.encoder_top_ == ("a",)
    F_a, F_b = np.array([[2.0], [0.0]]), np.array([[2.0], [2.0]])
    got = blend.predict_proba_embeddings([F_a, F_b], ["x", "y"])
    assert got[0].argmax() == 2  # both readers say positive
    np.testing.assert_allclose(got[1, 0], got[1, 2])  # a says negative, b positive: a tie
    assert got[1, 1] < got[1, 0]
    with pytest.raises(ConfigError, match="one per entry of encoder_tops_"):
        blend.predict_proba_embeddings([F_a], ["x", "y"])


def test_save_load_round_trip_and_component_pinning(tmp_path, monkeypatch):
    monkeypatch.setenv("CXTEXT_MODELS_DIR", str(tmp_path))
    words = _small(char_ngrams=(0, 0)).fit(TEXTS, LABELS)
    chars = _small().fit(TEXTS, LABELS)
    words.save(tmp_path / "toy-words" / "1.0.0", name="toy-words", version="1.0.0")
    chars.save(tmp_path / "toy-chars" / "1.0.0", name="toy-chars", version="1.0.0")
    blend = BlendedSentimentClassifier.from_fitted([("w", words), ("c", chars)], weights=[1, 3])
    folder = blend.save(tmp_path / "toy-blend" / "1.0.0", components=["toy-words/1.0.0", "toy-chars/1.0.0"],
                        name="toy-blend", version="1.0.0")
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "manifest.json"]

    loaded = load_sentiment_model("toy-blend")
    assert isinstance(loaded, BlendedSentimentClassifier)
    np.testing.assert_allclose(loaded.weights_, [0.25, 0.75])
    np.testing.assert_allclose(loaded.predict_proba(TEXTS), blend.predict_proba(TEXTS), atol=1e-6)

    # retraining a component in place breaks the pin: the blend refuses to load
    _small(C=0.1).fit(TEXTS, LABELS).save(tmp_path / "toy-chars" / "1.0.0", name="toy-chars",
                                          version="1.0.0")
    with pytest.raises(ModelIntegrityError, match="toy-chars"):
        load_sentiment_model("toy-blend")


def test_shipped_accurate_model_blends_the_tuned_and_fast_models():
    from cxtext.models import read_manifest, resolve_model_dir

    manifest = read_manifest(resolve_model_dir("accurate", kind="sentiment"))
    assert manifest.kind == "sentiment-blend"
    models = [c["model"] for c in manifest.params["components"]]
    assert models == ["sentiment-accurate/0.16.0", "sentiment-fast/0.15.0"]
    assert manifest.metrics["airline_tweets"]["macro_f1"] >= 0.80
