from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import GridSearchCV
from tests.conftest import write_manifest_as_saved

from cxtext.errors import ConfigError, CxTextError, InputError, ModelIntegrityError
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
    # 120 rows would hold out 12: too few to fit a temperature on, so none is held out
    assert clf.temperature_ == 1.0 and clf.calibration_ == {}
    X, y = _data(repeat=20)  # 300 rows: 30 held out
    calibrated = _small().fit(X, y)
    assert calibrated.temperature_ > 0 and calibrated.calibration_["rows"] == 30


def test_sklearn_contract():
    X, y = _data()
    clf = _small(C=2.0)
    assert clone(clf).get_params()["C"] == 2.0
    with pytest.raises(NotFittedError, match=r"\[CX320\].*FastSentimentClassifier") as info:
        clf.predict(["x"])
    assert isinstance(info.value, CxTextError)  # cxtext's, which is also sklearn's
    grid = GridSearchCV(_small(calibration_size=0.0), {"C": [0.5, 2.0]}, cv=2).fit(X, y)
    assert grid.best_params_["C"] in (0.5, 2.0)


@pytest.mark.parametrize("params", [{"n_features": 3}, {"calibration_size": 0.9}, {"C": 0},
                                    {"nb_weight": 1.5}, {"nb_alpha": 0}])
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
    # laid out for `X @ coef_.T` without a copy of the (classes x 2^20) matrix per batch
    assert clf.coef_.T.flags["C_CONTIGUOUS"] and loaded.coef_.T.flags["C_CONTIGUOUS"]
    weights = folder / "weights.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 1
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError):
        FastSentimentClassifier.load(folder)


@pytest.mark.parametrize("edit", [
    lambda m: m["params"].update(n_features=m["params"]["n_features"] * 2),
    lambda m: m["params"].update(char_ngrams=[0, 0]),
    lambda m: m.update(labels=m["labels"][:2]),
])
def test_a_manifest_that_does_not_fit_its_weights_is_refused(tmp_path, edit):
    """A manifest edited with its card re-rendered passes the hash checks; its parameters must still fit the weights."""
    import json

    from cxtext.errors import ModelVersionError

    X, y = _data()
    folder = _small().fit(X, y).save(tmp_path / "m" / "1.0.0")
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    edit(manifest)
    write_manifest_as_saved(folder, manifest)
    with pytest.raises(ModelVersionError, match=r"CX204.*do not fit the manifest"):
        FastSentimentClassifier.load(folder)


def test_threads_score_batches_in_order_and_are_not_saved(tmp_path, monkeypatch):
    from cxtext.sentiment import fast

    monkeypatch.setattr(fast, "HASH_BATCH", 7)  # 150 texts: 22 batches
    X, y = _data(repeat=10)
    serial = _small().fit(X, y)
    expected = serial.predict_proba(X)
    threaded = clone(serial).set_params(n_jobs=2).fit(X, y)
    assert np.array_equal(threaded.predict_proba(X), expected)
    assert np.array_equal(serial.set_params(n_jobs=-1).predict_proba(X), expected)
    assert threaded.predict_proba([]).shape == (0, 3)
    folder = threaded.save(tmp_path / "m" / "1.0.0")
    assert "n_jobs" not in (folder / "manifest.json").read_text(encoding="utf-8")
    assert FastSentimentClassifier.load(folder).n_jobs is None


@pytest.mark.parametrize("n_jobs", [-2, 1.5, "2", True])
def test_bad_thread_counts_are_named(n_jobs):
    clf = _small().fit(*_data())
    with pytest.raises(ConfigError, match="n_jobs"):
        clf.set_params(n_jobs=n_jobs).predict(["fine"] * 20)


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


def _word_features(texts):
    from cxtext.sentiment.features import TextHasher

    return TextHasher(2**10, (0, 0)).transform(texts)


def test_linear_logits_mix_is_the_weighted_average_of_its_two_parts():
    from sklearn.linear_model import LogisticRegression

    from cxtext.sentiment.fast import fit_linear_logits

    texts, labels = _data(4)
    X = _word_features(texts)
    y = np.searchsorted(["negative", "neutral", "positive"], labels)
    w = np.linspace(0.5, 2.0, len(y))
    multi, multi_b = fit_linear_logits(X, y, C=2.0, sample_weight=w, nb_weight=0.0)
    lr = LogisticRegression(C=2.0, max_iter=300).fit(X, y, sample_weight=w)
    np.testing.assert_allclose(multi, lr.coef_, rtol=1e-5, atol=1e-6)  # 0: the plain regression
    nb, nb_b = fit_linear_logits(X, y, C=2.0, sample_weight=w, nb_weight=1.0)
    half, half_b = fit_linear_logits(X, y, C=2.0, sample_weight=w, nb_weight=0.5)
    np.testing.assert_allclose(half, (multi + nb) / 2, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(half_b, (multi_b + nb_b) / 2, rtol=1e-5, atol=1e-6)
    assert not np.allclose(multi, nb)
    # the NBSVM part alone separates the toy classes too
    assert ((np.asarray(X @ nb.T) + nb_b).argmax(1) == y).mean() == 1.0


def test_nb_part_is_folded_into_the_coefficients_of_a_binary_model():
    from sklearn.linear_model import LogisticRegression

    from cxtext.sentiment.fast import fit_linear_logits
    from cxtext.sentiment.features import nb_log_count_ratios

    texts, labels = _data(4)
    keep = [i for i, v in enumerate(labels) if v != "neutral"]
    X = _word_features([texts[i] for i in keep])
    y = np.array([labels[i] == "positive" for i in keep], dtype=int)
    coef, b = fit_linear_logits(X, y, C=1.0, nb_weight=1.0)
    r = nb_log_count_ratios(X, np.column_stack([1 - y, y]), 1.0)[1]
    lr = LogisticRegression(C=1.0, max_iter=300).fit(X.multiply(r).tocsr(), y)
    expected = lr.decision_function(X.multiply(r).tocsr())
    got = np.asarray(X @ coef.T) + b
    np.testing.assert_allclose(got[:, 1] - got[:, 0], expected, rtol=1e-4, atol=1e-4)


def test_nb_counts_weight_rows_as_repeats():
    import scipy.sparse as sp

    from cxtext.sentiment.features import nb_log_count_ratios

    X = sp.csr_matrix([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0], [1.0, 1.0, 0.0]])
    Y = np.array([[1], [0], [0]])
    repeated = nb_log_count_ratios(sp.vstack([X, X[[2]]]).tocsr(), np.vstack([Y, Y[[2]]]), 1.0)
    np.testing.assert_allclose(nb_log_count_ratios(X, Y, 1.0, sample_weight=np.array([1, 1, 2])), repeated)


def test_models_saved_before_the_nb_part_load_with_nb_weight_zero():
    old = FastSentimentClassifier.load("sentiment-fast/0.4.0")
    assert old.get_params()["nb_weight"] == 0.0
    assert FastSentimentClassifier().get_params()["nb_weight"] == 0.5


def test_tweet_copy_learns_tweet_only_weights_and_survives_a_round_trip(tmp_path):
    # "?" is neutral in tweets and negative elsewhere: only the tweet copy can hold both.
    texts = (["@air where is gate 5?", "@air any news on my refund?", "@air love the crew",
              "@air flight delayed again"] * 10
             + ["where is my refund?", "why is it broken?", "love the fabric", "seams split again"] * 10)
    labels = (["neutral", "neutral", "positive", "negative"] * 10
              + ["negative", "negative", "positive", "negative"] * 10)
    plain = FastSentimentClassifier(n_features=2**10, char_ngrams=(0, 0), calibration_size=0).fit(texts, labels)
    copied = FastSentimentClassifier(n_features=2**10, char_ngrams=(0, 0), calibration_size=0,
                                     tweet_copy=1.0).fit(texts, labels)
    probe = ["@air where is my bag?", "where is my bag?"]
    neutral = list(copied.classes_).index("neutral")
    p_plain, p_copied = plain.predict_proba(probe), copied.predict_proba(probe)
    assert p_copied[0, neutral] - p_copied[1, neutral] > p_plain[0, neutral] - p_plain[1, neutral]
    assert copied.coef_.shape[1] == 2 * 2**10
    loaded = FastSentimentClassifier.load(copied.save(tmp_path / "m", version="1.0.0"))
    assert loaded.get_params()["tweet_copy"] == 1.0
    np.testing.assert_allclose(loaded.predict_proba(probe), p_copied, rtol=1e-6)
    assert FastSentimentClassifier.load("sentiment-fast/0.6.0").get_params()["tweet_copy"] == 0.0


def test_a_lighter_tweet_copy_leans_on_the_shared_weights():
    texts = ["@air where is gate 5?", "@air love the crew", "@air flight delayed again",
             "where is my refund?", "love the fabric", "seams split again"] * 10
    labels = ["neutral", "positive", "negative", "negative", "positive", "negative"] * 10
    kw = {"n_features": 2**10, "char_ngrams": (0, 0), "calibration_size": 0}
    full = FastSentimentClassifier(tweet_copy=1.0, **kw).fit(texts, labels)
    light = FastSentimentClassifier(tweet_copy=0.3, **kw).fit(texts, labels)
    np.testing.assert_allclose(light.idf_[-2**10:], 0.3 * full.idf_[-2**10:], rtol=1e-6)
    copy_share = [np.abs(m.coef_[:, 2**10:] * m.idf_[2**10:]).sum() / np.abs(m.coef_ * m.idf_).sum()
                  for m in (full, light)]
    assert copy_share[1] < copy_share[0]
    with pytest.raises(ConfigError, match="tweet_copy"):
        FastSentimentClassifier(tweet_copy=2.0, **kw).fit(texts, labels)


def test_a_lexicon_block_reads_words_the_ngrams_never_saw_and_survives_a_round_trip(tmp_path):
    # No training text holds "superb" or "dreadful"; only the lexicon knows them.
    lexicon = {"lovely": 2.8, "great": 3.1, "awful": -2.0, "rude": -2.0, "superb": 2.9, "dreadful": -2.7,
               "helpful": 1.8, "slow": -0.5}
    X, y = _data()
    kw = {"n_features": 2**10, "char_ngrams": (0, 0), "calibration_size": 0, "lexicon_min_words": 0}
    plain = FastSentimentClassifier(**kw).fit(X, y)
    with_lexicon = FastSentimentClassifier(lexicon_weight=3.0, lexicon=lexicon, **kw).fit(X, y)
    assert with_lexicon.coef_.shape[1] == plain.coef_.shape[1] + 4
    probe = ["superb", "dreadful"]
    assert list(with_lexicon.predict(probe)) == ["positive", "negative"]
    assert list(plain.predict(probe)) == [plain.predict([""])[0]] * 2  # unseen words: the prior alone
    # the weight scales the lexicon columns' idf, nothing else
    light = FastSentimentClassifier(lexicon_weight=1.0, lexicon=lexicon, **kw).fit(X, y)
    np.testing.assert_allclose(with_lexicon.idf_[-4:], 3 * light.idf_[-4:], rtol=1e-6)
    np.testing.assert_array_equal(with_lexicon.idf_[:-4], plain.idf_)
    # the word list travels in the model folder, hash-checked, with its source in the manifest
    folder = with_lexicon.save(tmp_path / "m", version="1.0.0")
    assert (folder / "lexicon.tsv").is_file() and not (folder / "LEXICON-LICENCE.txt").exists()
    loaded = FastSentimentClassifier.load(folder)
    assert loaded.lexicon_ == lexicon and loaded.get_params()["lexicon_weight"] == 3.0
    np.testing.assert_allclose(loaded.predict_proba(probe), with_lexicon.predict_proba(probe), rtol=1e-6)
    assert loaded.manifest_.trained_on[-1]["data"] == "word valences given to fit"
    with (folder / "lexicon.tsv").open("a", encoding="utf-8") as f:
        f.write("terrible\t-3.0\n")
    with pytest.raises(ModelIntegrityError):
        FastSentimentClassifier.load(folder)
    with pytest.raises(ConfigError, match="lexicon_weight"):
        FastSentimentClassifier(lexicon_weight=-1.0, **kw).fit(X, y)


def test_the_default_lexicon_is_vaders_and_its_licence_is_saved_with_it(tmp_path):
    pytest.importorskip("vaderSentiment")
    X, y = _data()
    model = FastSentimentClassifier(n_features=2**10, char_ngrams=(0, 0), calibration_size=0,
                                    lexicon_weight=1.0).fit(X, y)
    assert model.lexicon_["superb"] > 2 and len(model.lexicon_) > 7000
    folder = model.save(tmp_path / "m", version="1.0.0")
    notice = (folder / "LEXICON-LICENCE.txt").read_text(encoding="utf-8")
    assert "MIT" in notice and "Hutto" in notice
    record = FastSentimentClassifier.load(folder).manifest_.trained_on[-1]
    assert record["licence"] == "MIT" and record["rows"] == len(model.lexicon_)
    # models saved before the lexicon load without one
    old = FastSentimentClassifier.load("sentiment-fast/0.7.0")
    assert old.lexicon_ is None and old.get_params()["lexicon_weight"] == 0.0


def test_texts_come_in_every_shape_a_pipeline_gives(tmp_path):
    """A one-column DataFrame is its rows (not its column names); one string is refused."""
    import pandas as pd

    X, y = _data()
    clf = _small().fit(pd.DataFrame({"text": X}), y)
    frame = pd.DataFrame({"text": X[:5]})
    expected = clf.predict_proba(X[:5])
    for shaped in (frame, frame["text"], frame.to_numpy(), np.asarray(X[:5], dtype=object)):
        assert np.array_equal(clf.predict_proba(shaped), expected)
    assert np.array_equal(clf.predict_proba([None, float("nan")]), clf.predict_proba(["", ""]))
    with pytest.raises(InputError, match="one string"):
        clf.predict("great service")
    with pytest.raises(InputError, match="one column"):
        clf.predict(pd.DataFrame({"a": ["x"], "b": ["y"]}))
