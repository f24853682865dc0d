from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import GridSearchCV

from cxtext.errors import ConfigError, InputError, ModelIntegrityError
from cxtext.sentiment import FastSentimentClassifier
from cxtext.sentiment.calibration import expected_calibration_error
from cxtext.sentiment.train import train_sentiment

POS = ["lovely staff", "great service", "really helpful nurse", "fast and friendly", "excellent app"]
NEG = ["rude staff", "awful service", "waited hours", "slow and unhelpful", "app keeps crashing"]
NEU = ["the parcel came on monday", "i phoned the shop", "my order number", "it was a tuesday", "i used the app"]


def _data(repeat=8):
    texts = (POS + NEG + NEU) * repeat
    labels = (["positive"] * 5 + ["negative"] * 5 + ["neutral"] * 5) * repeat
    return texts, labels


def _small(**kw):
    return FastSentimentClassifier(**{"n_features": 2**12, "char_ngrams": (2, 4), **kw})


def test_fit_predict_proba():
    X, y = _data()
    clf = _small().fit(X, y)
    assert list(clf.classes_) == ["negative", "neutral", "positive"]
    proba = clf.predict_proba(["lovely helpful staff", "rude and slow"])
    assert proba.shape == (2, 3) and np.allclose(proba.sum(axis=1), 1)
    assert list(clf.predict(["lovely helpful staff", "rude and slow"])) == ["positive", "negative"]
    assert clf.temperature_ > 0 and "ece_after" in clf.calibration_


def test_sklearn_contract():
    X, y = _data()
    clf = _small(C=2.0)
    assert clone(clf).get_params()["C"] == 2.0
    with pytest.raises(NotFittedError):
        clf.predict(["x"])
    grid = GridSearchCV(_small(calibration_size=0.0), {"C": [0.5, 2.0]}, cv=2).fit(X, y)
    assert grid.best_params_["C"] in (0.5, 2.0)


@pytest.mark.parametrize("params", [{"n_features": 3}, {"calibration_size": 0.9}, {"C": 0}])
def test_bad_params_are_named(params):
    X, y = _data()
    with pytest.raises(ConfigError, match=next(iter(params))):
        _small(**params).fit(X, y)


def test_unknown_labels_rejected():
    with pytest.raises(InputError, match="Unknown sentiment label"):
        _small().fit(["a", "b"], ["good", "bad"])


def test_save_load_round_trip_and_tamper(tmp_path):
    X, y = _data()
    clf = _small().fit(X, y)
    folder = clf.save(tmp_path / "m" / "1.0.0", trained_on=[{"data": "toy", "licence": "CC0"}])
    loaded = FastSentimentClassifier.load(folder)
    assert np.allclose(loaded.predict_proba(X[:10]), clf.predict_proba(X[:10]), atol=1e-6)
    assert loaded.get_params() == clf.get_params()
    weights = folder / "weights.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 1
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError):
        FastSentimentClassifier.load(folder)


def test_train_sentiment_maps_ratings_and_saves(tmp_path):
    import pandas as pd

    X, y = _data()
    stars = {"positive": 5, "negative": 1, "neutral": 3}
    df = pd.DataFrame({"t": X, "stars": [stars[v] for v in y]})
    model = train_sentiment(df, "t", "stars", scale="5", output=tmp_path / "out",
                            n_features=2**12, char_ngrams=(0, 0))
    assert (tmp_path / "out" / "manifest.json").is_file()
    assert model.predict(["lovely great staff"])[0] == "positive"


def test_temperature_scaling_reduces_ece_of_overconfident_model():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 2000)
    logits = np.eye(3)[y] * 6 + rng.normal(0, 3, (2000, 3))
    from cxtext.sentiment.calibration import fit_temperature, softmax

    t = fit_temperature(logits, y)
    assert expected_calibration_error(softmax(logits, t), y) < expected_calibration_error(softmax(logits), y)
