"""Fine-tuned top layers: learning, saving, loading, refusing tampered files."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone

from cxtext.errors import ConfigError, InputError, ModelIntegrityError
from cxtext.sentiment import TunedSentimentClassifier, load_sentiment_model

POS = ["good", "great", "lovely", "kind", "fast", "easy"]
NEG = ["bad", "rude", "slow", "awful", "late", "broken"]
NEU = ["the staff", "the food", "the delivery", "the service", "it is a wait", "a food"]


def _toy(n_rep=5):
    texts, labels = [], []
    for _ in range(n_rep):
        for a, b in zip(POS, NEU):
            texts += [f"{b} was {a}", f"{b} was very {a}"]
            labels += ["positive", "positive"]
        for a, b in zip(NEG, NEU):
            texts += [f"{b} was {a}", f"{b} was very {a}"]
            labels += ["negative", "negative"]
        for b in NEU:
            texts += [b, f"{b} and {b}"]
            labels += ["neutral", "neutral"]
    return texts, labels


@pytest.fixture(scope="module")
def fitted(tiny_bert_dir):
    texts, labels = _toy(3)
    clf = TunedSentimentClassifier(n_tuned_layers=2, epochs=8, batch_size=16, learning_rate=3e-3,
                                   head_learning_rate=3e-2, encoder_dir=str(tiny_bert_dir),
                                   encoder_sha256=None)
    return clf.fit(texts, labels), texts, labels


def test_learns_a_separable_toy_task(fitted):
    clf, texts, labels = fitted
    assert list(clf.classes_) == ["negative", "neutral", "positive"]
    acc = (clf.predict(texts) == np.array(labels)).mean()
    assert acc > 0.8, acc
    assert clf.history_[-1]["loss"] < clf.history_[0]["loss"]
    proba = clf.predict_proba(["the staff was lovely", "the food was awful"])
    assert np.allclose(proba.sum(1), 1)
    assert proba[0].argmax() == 2 and proba[1].argmax() == 0
    # the toy set is too small to hold out 30 rows for a temperature: none is fitted
    assert clf.temperature_ == 1.0 and clf.calibration_ == {}


def test_frozen_layers_are_untouched(fitted, tiny_bert_dir):
    import torch
    from transformers import BertModel

    clf, _, _ = fitted
    fresh = BertModel.from_pretrained(str(tiny_bert_dir))
    shared = clf.encoder().model
    for a, b in zip(fresh.encoder.layer[:2].parameters(), shared.encoder.layer[:2].parameters()):
        assert torch.equal(a, b)
    tuned = list(clf.tuned_layers_[0].parameters())[0]
    own = list(shared.encoder.layer[2].parameters())[0]
    assert not torch.equal(tuned, own)


def test_save_load_round_trip_and_tamper(fitted, tmp_path, tiny_bert_dir):
    clf, texts, _ = fitted
    folder = clf.save(tmp_path / "m", version="0.0.1", trained_on=[{"data": "toy", "licence": "CC0"}])
    loaded = TunedSentimentClassifier.load(folder, encoder_dir=str(tiny_bert_dir))
    assert np.allclose(loaded.predict_proba(texts[:20]), clf.predict_proba(texts[:20]), atol=1e-5)
    assert loaded.manifest_.kind == "sentiment-tuned"
    assert clone(clf).get_params() == clf.get_params()
    weights = folder / "tuned.safetensors"
    weights.write_bytes(weights.read_bytes()[:-1] + b"\x01")
    with pytest.raises(ModelIntegrityError):
        TunedSentimentClassifier.load(folder, encoder_dir=str(tiny_bert_dir))


def test_bad_params_and_labels_are_clear(tiny_bert_dir):
    kw = {"encoder_dir": str(tiny_bert_dir), "encoder_sha256": None}
    with pytest.raises(ConfigError, match="epochs"):
        TunedSentimentClassifier(epochs=0, **kw).fit(["a"], ["positive"])
    with pytest.raises(ConfigError, match="n_tuned_layers"):
        TunedSentimentClassifier(n_tuned_layers=9, **kw).fit(["good", "bad"], ["positive", "negative"])
    with pytest.raises(InputError, match="Unknown sentiment"):
        TunedSentimentClassifier(**kw).fit(["good"], ["great"])


def test_analyzer_shares_the_lower_layers(fitted):
    import pandas as pd

    import cxtext

    clf, _, _ = fitted
    df = pd.DataFrame({"id": [1, 2, 3], "comment": ["the staff was lovely", "the food was awful", "the food"]})
    result = cxtext.Analyzer(sentiment=clf, emotions=False).analyze(df, text="comment", id="id")
    expected = clf.classes_[clf.predict_proba(df["comment"].tolist()).argmax(1)]
    assert result.comments["sentiment"].tolist() == list(expected)


@pytest.mark.slow
def test_shipped_tuned_model_reads_idioms():
    model = load_sentiment_model("sentiment-accurate/0.16.0")  # the tuned part of "accurate" (0.17.0)
    assert isinstance(model, TunedSentimentClassifier)
    texts = ["No problems at all.", "Couldn't be happier.", "The agent wasn't helpful.",
             "Food great but the service was slow."]
    pred = model.predict(texts).tolist()
    assert pred[:3] == ["positive", "positive", "negative"]


def test_models_saved_with_the_same_top_load_one_shared_copy(fitted, tmp_path, tiny_bert_dir):
    clf, texts, _ = fitted
    first = clf.save(tmp_path / "a", version="0.0.1")
    clf_b = clone(clf)
    for name in ("tuned_layers_", "n_features_in_", "classes_", "history_", "temperature_", "calibration_"):
        setattr(clf_b, name, getattr(clf, name))
    clf_b.coef_, clf_b.intercept_ = clf.coef_[::-1].copy(), clf.intercept_[::-1].copy()  # another head
    second = clf_b.save(tmp_path / "b", version="0.0.1")
    a = TunedSentimentClassifier.load(first, encoder_dir=str(tiny_bert_dir))
    b = TunedSentimentClassifier.load(second, encoder_dir=str(tiny_bert_dir))
    assert a.tuned_layers_ is b.tuned_layers_  # the encoder will run them once for both
    assert np.allclose(b.predict_proba(texts[:6]), clf_b.predict_proba(texts[:6]), atol=1e-5)
    assert not np.allclose(a.predict_proba(texts[:6]), b.predict_proba(texts[:6]))
    other = clone(clf).set_params(random_state=1, epochs=1).fit(texts[:30], _toy(1)[1][:30])
    c = TunedSentimentClassifier.load(other.save(tmp_path / "c", version="0.0.1"),
                                      encoder_dir=str(tiny_bert_dir))
    assert c.tuned_layers_ is not a.tuned_layers_
    # the shared copy lives only as long as a model holds it
    import gc
    import weakref

    shared = weakref.ref(a.tuned_layers_)
    del a, b
    gc.collect()
    assert shared() is None
