"""Tuned-top emotion model: learns, round-trips, refuses tampering, shares the encoding."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

import cxtext
from cxtext.emotion import EMOTIONS, TunedEmotionClassifier, load_emotion_model
from cxtext.errors import InputError, ModelIntegrityError
from cxtext.sentiment import TunedSentimentClassifier

TEXTS = {
    "delight": ["the staff was great", "the food was lovely", "great great service"],
    "anger": ["the staff was awful", "awful rude service", "the delivery was awful"],
    "frustration": ["it is slow", "very slow delivery", "slow and late"],
}


def _toy(rep=4):
    texts, labels = [], []
    for _ in range(rep):
        for emotion, items in TEXTS.items():
            texts += items
            labels += [[emotion]] * len(items)
        texts += ["the food", "a delivery"]
        labels += [[], []]
    return texts, labels


@pytest.fixture(scope="module")
def fitted(tiny_bert_dir):
    texts, labels = _toy()
    clf = TunedEmotionClassifier(epochs=10, batch_size=8, learning_rate=3e-3, head_learning_rate=3e-2,
                                 encoder_dir=str(tiny_bert_dir), encoder_sha256=None)
    clf.fit(texts, labels).tune_thresholds(texts, labels)
    return clf, texts, labels


def test_learns_and_predicts_lists_of_emotions(fitted):
    clf, texts, labels = fitted
    assert clf.classes_.tolist() == list(EMOTIONS)
    proba = clf.predict_proba(texts)
    assert proba.shape == (len(texts), len(EMOTIONS)) and ((proba >= 0) & (proba <= 1)).all()
    pred = clf.predict(texts)
    hits = sum(set(p) == set(t) for p, t in zip(pred, labels))
    assert hits / len(texts) > 0.7, pred
    assert clf.history_[-1]["loss"] < clf.history_[0]["loss"]


def test_round_trip_tamper_and_clone(fitted, tmp_path, tiny_bert_dir):
    clf, texts, _ = fitted
    folder = clf.save(tmp_path / "e", version="0.0.1", trained_on=[{"data": "toy", "licence": "CC0"}])
    loaded = TunedEmotionClassifier.load(folder, encoder_dir=str(tiny_bert_dir))
    assert np.allclose(loaded.predict_proba(texts), clf.predict_proba(texts), atol=1e-5)
    assert np.allclose(loaded.thresholds_, clf.thresholds_)
    assert clone(clf).get_params() == clf.get_params()
    weights = folder / "tuned.safetensors"
    weights.write_bytes(weights.read_bytes()[:-1] + b"\x02")
    with pytest.raises(ModelIntegrityError):
        TunedEmotionClassifier.load(folder, encoder_dir=str(tiny_bert_dir))


def test_bad_labels_are_clear(tiny_bert_dir):
    clf = TunedEmotionClassifier(epochs=1, encoder_dir=str(tiny_bert_dir), encoder_sha256=None)
    with pytest.raises(InputError, match="CX108"):
        clf.fit(["a", "b"], [["anger"]])


def test_analyzer_runs_both_tuned_tops_in_one_pass(fitted, tiny_bert_dir, monkeypatch):
    from cxtext.embeddings import MiniLMEncoder

    emo, texts, _ = fitted
    sent = TunedSentimentClassifier(epochs=1, batch_size=8, encoder_dir=str(tiny_bert_dir),
                                    encoder_sha256=None)
    sent.fit(["the staff was great", "the staff was awful", "the food"] * 4,
             ["positive", "negative", "neutral"] * 4)
    calls = []
    original = MiniLMEncoder.encode_branches

    def counting(self, texts, tops=None, *, base=True, **kwargs):
        calls.append((sorted(tops or {}), base))
        return original(self, texts, tops, base=base, **kwargs)

    monkeypatch.setattr(MiniLMEncoder, "encode_branches", counting)
    df = pd.DataFrame({"c": ["the staff was awful", "great great service"]})
    res = cxtext.Analyzer(sentiment=sent, emotions=emo).analyze(df, text="c")
    assert calls == [(["emotion:0", "sentiment:0"], False)]
    expected = emo.predict(df["c"].tolist())
    assert [sorted(e) for e in res.comments["emotions"]] == [sorted(e) for e in expected]


@pytest.mark.slow
def test_shipped_accurate_models_share_one_tuned_top():
    from cxtext.emotion import BlendedEmotionClassifier
    from cxtext.sentiment import load_sentiment_model

    emotions = load_emotion_model("accurate")
    sentiment = load_sentiment_model("accurate")
    assert isinstance(emotions, BlendedEmotionClassifier)
    # one copy of the tuned layers for both: the accurate pass runs them once
    assert emotions.encoder_top_ is sentiment.encoder_top_
    assert "gratitude" in emotions.predict(["Thank you so much for your help!"])[0]
    assert emotions.manifest_.metrics["holdout"]["macro_f1"] >= 0.60


def test_an_emotion_head_can_borrow_a_sentiment_models_top(fitted, tmp_path, tiny_bert_dir, monkeypatch):
    from cxtext.errors import ConfigError

    monkeypatch.setenv("CXTEXT_MODELS_DIR", str(tmp_path))
    emo, texts, _ = fitted
    # A sentiment model on the emotion model's very layers (as accurate_shared.py trains them).
    sent = TunedSentimentClassifier(n_tuned_layers=emo.n_tuned_layers, encoder_dir=str(tiny_bert_dir),
                                    encoder_sha256=None)
    sent.tuned_layers_, sent.n_features_in_ = emo.tuned_layers_, emo.n_features_in_
    sent.coef_, sent.intercept_ = emo.coef_[:3].copy(), emo.intercept_[:3].copy()
    sent.classes_ = np.array(["negative", "neutral", "positive"], dtype=object)
    sent.history_, sent.temperature_, sent.calibration_ = [], 1.0, {}
    sent.save(tmp_path / "toy-sent" / "1.0.0", version="1.0.0")
    folder = emo.save(tmp_path / "toy-emo" / "1.0.0", version="1.0.0", top_from="toy-sent/1.0.0")
    own = emo.save(tmp_path / "toy-own" / "1.0.0", version="1.0.0")
    assert (folder / "tuned.safetensors").stat().st_size < (own / "tuned.safetensors").stat().st_size / 3

    loaded = TunedEmotionClassifier.load(folder, encoder_dir=str(tiny_bert_dir))
    assert np.allclose(loaded.predict_proba(texts), emo.predict_proba(texts), atol=1e-5)
    sent_loaded = TunedSentimentClassifier.load("toy-sent/1.0.0", encoder_dir=str(tiny_bert_dir))
    assert sent_loaded.tuned_layers_ is loaded.tuned_layers_  # one copy, run once by the encoder

    other = clone(emo).set_params(epochs=1, random_state=3).fit(*_toy(1))
    with pytest.raises(ConfigError, match="not this model's"):
        other.save(tmp_path / "toy-bad" / "1.0.0", version="1.0.0", top_from="toy-sent/1.0.0")
    # retraining the lender in place breaks the pin
    sent.coef_ = sent.coef_ * 2
    sent.save(tmp_path / "toy-sent" / "1.0.0", version="1.0.0")
    with pytest.raises(ModelIntegrityError, match="toy-sent"):
        TunedEmotionClassifier.load(folder, encoder_dir=str(tiny_bert_dir))
