import numpy as np
import pytest
from sklearn.base import clone
from tests.conftest import write_manifest_as_saved

from cxtext.emotion import EMOTIONS, FastEmotionClassifier
from cxtext.errors import ConfigError, InputError, ModelError, ModelIntegrityError

TEXTS = ["thank you so much", "this is so annoying", "i am scared and worried",
         "what does this mean", "the order arrived", "you are amazing, brilliant work",
         "so sad and let down", "i am furious, outrageous"] * 5
LABELS = [["gratitude"], ["frustration"], ["anxiety"], ["confusion"], [],
          ["admiration", "delight"], ["disappointment"], ["anger"]] * 5


@pytest.fixture(scope="module")
def fitted() -> FastEmotionClassifier:
    return FastEmotionClassifier(n_features=2**10, char_ngrams=(0, 0), C=10.0).fit(TEXTS, LABELS)


def test_shapes_and_predictions(fitted):
    P = fitted.predict_proba(["thank you", "so annoying", "hello"])
    assert P.shape == (3, 8) and P.dtype == np.float32
    assert ((P >= 0) & (P <= 1)).all()
    assert list(fitted.classes_) == list(EMOTIONS)
    pred = fitted.predict(["thank you so much", "i am furious, outrageous"])
    assert pred == [["gratitude"], ["anger"]]


def test_thresholds_are_applied(fitted):
    model = clone(fitted).fit(TEXTS, LABELS)
    P = model.predict_proba(["the order arrived"])
    model.thresholds_ = np.zeros(8, dtype=np.float32)        # everything passes
    assert model.predict(["the order arrived"]) == [list(EMOTIONS)]
    model.thresholds_ = np.full(8, 1.01, dtype=np.float32)   # nothing passes
    assert model.predict(["thank you so much"]) == [[]]
    model.thresholds_ = np.where(np.arange(8) == 5, P[0, 5], 1.01).astype(np.float32)
    assert model.predict(["the order arrived"]) == [["gratitude"]]


def test_tune_thresholds_sets_per_emotion_values(fitted):
    model = clone(fitted).fit(TEXTS, LABELS).tune_thresholds(TEXTS, LABELS)
    assert model.thresholds_.shape == (8,)
    assert all(v == 1.0 for v in model.threshold_f1_.values())
    assert model.predict(TEXTS[:8]) == [sorted(lab, key=EMOTIONS.index) for lab in LABELS[:8]]


def test_matrix_labels_and_bad_input():
    from cxtext.emotion.data import labels_to_matrix

    a = FastEmotionClassifier(n_features=2**10, char_ngrams=(0, 0)).fit(TEXTS, LABELS)
    b = FastEmotionClassifier(n_features=2**10, char_ngrams=(0, 0)).fit(TEXTS, labels_to_matrix(LABELS))
    np.testing.assert_array_equal(a.predict_proba(TEXTS[:8]), b.predict_proba(TEXTS[:8]))
    with pytest.raises(InputError, match="CX108"):
        FastEmotionClassifier().fit(TEXTS, LABELS[:3])
    with pytest.raises(ConfigError, match="CX301"):
        FastEmotionClassifier(C=0).fit(TEXTS, LABELS)


def test_sklearn_clone_and_params():
    model = FastEmotionClassifier(n_features=2**12, C=3.0)
    params = model.get_params()
    assert params["n_features"] == 2**12 and params["C"] == 3.0 and params["char_ngrams"] == (2, 5)
    assert clone(model).get_params() == params
    assert model.set_params(C=1.5).C == 1.5


def test_save_load_round_trip(fitted, tmp_path):
    fitted.thresholds_ = np.linspace(0.2, 0.6, 8).astype(np.float32)
    folder = fitted.save(tmp_path / "emotion-fast" / "0.0.1", version="0.0.1",
                         metrics={"note": "synthetic"})
    loaded = FastEmotionClassifier.load(folder)
    np.testing.assert_array_equal(loaded.predict_proba(TEXTS), fitted.predict_proba(TEXTS))
    np.testing.assert_array_equal(loaded.thresholds_, fitted.thresholds_)
    assert loaded.get_params() == fitted.get_params()
    assert loaded.manifest_.kind == "emotion-fast"
    assert loaded.manifest_.metrics["thresholds"]["anger"] == pytest.approx(0.2)
    assert fitted.coef_.T.flags["C_CONTIGUOUS"] and loaded.coef_.T.flags["C_CONTIGUOUS"]


def test_tampered_weights_refused(fitted, tmp_path):
    folder = fitted.save(tmp_path / "m", version="0.0.1")
    weights = folder / "weights.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="CX203"):
        FastEmotionClassifier.load(folder)


def test_wrong_kind_refused(tmp_path):
    from cxtext.models import write_model_dir

    write_model_dir(tmp_path, name="x", version="0.0.1", kind="sentiment-fast", cxtext=">=0.1,<0.2",
                    params={})
    with pytest.raises(ModelError, match="CX205"):
        FastEmotionClassifier.load(tmp_path)


def _set_manifest_param(folder, key, value):
    import json

    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if value is None:
        manifest["params"].pop(key)
    else:
        manifest["params"][key] = value
    write_manifest_as_saved(folder, manifest)


def test_char_analyzer_recorded_and_checked(fitted, tmp_path):
    from cxtext.errors import ModelVersionError

    folder = fitted.save(tmp_path / "m", version="0.0.1")
    assert fitted.get_params()["char_analyzer"] == "rolling"
    loaded = FastEmotionClassifier.load(folder)
    assert loaded.manifest_.params["char_analyzer"] == "rolling"
    _set_manifest_param(folder, "char_analyzer", None)  # a manifest from before the key existed
    assert FastEmotionClassifier.load(folder).char_analyzer == "rolling"
    _set_manifest_param(folder, "char_analyzer", "char_wb")
    with pytest.raises(ModelVersionError, match=r"CX204.*'char_wb'.*rolling"):
        FastEmotionClassifier.load(folder)
    with pytest.raises(ConfigError, match="char_analyzer"):
        FastEmotionClassifier(char_analyzer="char_wb", n_features=2**10).fit(TEXTS, LABELS)


@pytest.fixture(scope="module")
def shipped() -> FastEmotionClassifier:
    from cxtext.models import models_root

    if not (models_root() / "emotion-fast").is_dir():
        pytest.skip("shipped emotion-fast model not present")
    return FastEmotionClassifier.load("fast")


def test_shipped_model_quality(shipped):
    from cxtext.sentiment.train import clean_for_model

    texts = clean_for_model(["I was terrified nobody would come",
                             "Thank you so much for your help"])
    pred = shipped.predict(texts)
    assert "anxiety" in pred[0]
    assert "gratitude" in pred[1]
    assert shipped.manifest_.metrics["holdout"]["macro_f1"] > 0.5
    assert shipped.char_analyzer == "rolling"


# -- NB log-count-ratio scaling and positive weights (0.2.0) -------------------------------
def _manual_logits(model, texts, labels, *, ratios=None, class_weight=None):
    """Logits of sklearn logistic regressions fitted by hand on the model's features."""
    from sklearn.linear_model import LogisticRegression

    from cxtext.emotion.data import labels_to_matrix

    Y = labels_to_matrix(labels)
    X_fit = model._weight(model._hasher().transform(texts)).astype(np.float64)
    X_new = model._weight(model._hasher().transform(TEXTS[:8])).astype(np.float64)
    out = []
    for j in range(len(EMOTIONS)):
        r = np.ones(X_fit.shape[1]) if ratios is None else ratios[j]
        lr = LogisticRegression(C=model.C, max_iter=1000, class_weight=class_weight)
        lr.fit(X_fit.multiply(r).tocsr(), Y[:, j])
        out.append(lr.decision_function(X_new.multiply(r).tocsr()))
    return np.column_stack(out)


def test_nb_log_count_ratios():
    import scipy.sparse as sp

    from cxtext.emotion.fast import nb_log_count_ratios

    X = sp.csr_matrix([[2.0, 0.0, 1.0], [0.5, 0.0, 1.0], [0.0, 3.0, 1.0]])
    Y = np.array([[1, 0], [1, 0], [0, 1]])
    r = nb_log_count_ratios(X, Y, 1.0)
    assert r.shape == (2, 3)
    # label 0: p = 1 + [2, 0, 2] = [3, 1, 3], q = 1 + [0, 1, 1] = [1, 2, 2]
    expected = np.log(np.array([3, 1, 3]) / 7) - np.log(np.array([1, 2, 2]) / 5)
    np.testing.assert_allclose(r[0], expected)
    assert r[1, 1] > 0 > r[1, 0]          # feature 1 only in label 1's text, feature 0 never
    # only presence counts, not the value
    np.testing.assert_allclose(nb_log_count_ratios(X * 7, Y, 1.0), r)


def test_defaults_reproduce_plain_logistic_regression(fitted):
    assert fitted.nb_alpha is None and fitted.positive_weight == 1.0
    np.testing.assert_allclose(fitted.decision_function(TEXTS[:8]),
                               _manual_logits(fitted, TEXTS, LABELS), rtol=1e-4, atol=1e-4)


def test_nb_scaling_is_folded_into_coefficients():
    from cxtext.emotion.data import labels_to_matrix
    from cxtext.emotion.fast import nb_log_count_ratios

    model = FastEmotionClassifier(n_features=2**10, char_ngrams=(0, 0), C=10.0, nb_alpha=0.5)
    model.fit(TEXTS, LABELS)
    ratios = nb_log_count_ratios(model._hasher().transform(TEXTS), labels_to_matrix(LABELS), 0.5)
    expected = _manual_logits(model, TEXTS, LABELS, ratios=ratios)
    np.testing.assert_allclose(model.decision_function(TEXTS[:8]), expected, rtol=1e-4, atol=1e-4)
    plain = FastEmotionClassifier(n_features=2**10, char_ngrams=(0, 0), C=10.0).fit(TEXTS, LABELS)
    assert not np.allclose(model.coef_, plain.coef_)
    assert model.coef_.shape == plain.coef_.shape and model.coef_.dtype == np.float32
    assert model.predict(["thank you so much", "i am furious, outrageous"]) == [["gratitude"], ["anger"]]


def test_positive_weight_is_class_weight():
    model = FastEmotionClassifier(n_features=2**10, char_ngrams=(0, 0), C=1.0, positive_weight=3.0)
    model.fit(TEXTS, LABELS)
    expected = _manual_logits(model, TEXTS, LABELS, class_weight={0: 1.0, 1: 3.0})
    np.testing.assert_allclose(model.decision_function(TEXTS[:8]), expected, rtol=1e-4, atol=1e-4)
    plain = FastEmotionClassifier(n_features=2**10, char_ngrams=(0, 0), C=1.0).fit(TEXTS, LABELS)
    # up-weighting positives raises every emotion's probabilities on average
    assert (model.predict_proba(TEXTS).mean(0) > plain.predict_proba(TEXTS).mean(0)).all()


@pytest.mark.parametrize("params", [{"nb_alpha": 0}, {"nb_alpha": -1.0}, {"nb_alpha": "1"},
                                    {"nb_alpha": float("nan")}, {"positive_weight": 0},
                                    {"positive_weight": True}, {"positive_weight": None}])
def test_new_params_validated_in_fit(params):
    model = FastEmotionClassifier(n_features=2**10, char_ngrams=(0, 0), **params)
    assert model.get_params()[next(iter(params))] is next(iter(params.values()))  # stored unchanged
    with pytest.raises(ConfigError, match=rf"CX301.*'{next(iter(params))}'"):
        model.fit(TEXTS, LABELS)


def test_new_params_saved_and_restored(tmp_path):
    model = FastEmotionClassifier(n_features=2**10, char_ngrams=(0, 0), C=10.0, nb_alpha=0.5,
                                  positive_weight=2.0).fit(TEXTS, LABELS)
    folder = model.save(tmp_path / "m", version="0.0.1")
    loaded = FastEmotionClassifier.load(folder)
    assert loaded.manifest_.params["nb_alpha"] == 0.5
    assert loaded.manifest_.params["positive_weight"] == 2.0
    assert loaded.get_params() == model.get_params()
    np.testing.assert_array_equal(loaded.predict_proba(TEXTS), model.predict_proba(TEXTS))
    # a manifest from before these keys existed loads with the 0.1.0 behaviour
    _set_manifest_param(folder, "nb_alpha", None)
    _set_manifest_param(folder, "positive_weight", None)
    old = FastEmotionClassifier.load(folder)
    assert old.nb_alpha is None and old.positive_weight == 1.0


def test_batches_and_threads_score_as_one_pass_and_are_not_saved(fitted, tmp_path, monkeypatch):
    from cxtext.emotion import fast

    texts = TEXTS * 3
    whole = fitted.predict_proba(texts)
    monkeypatch.setattr(fast, "HASH_BATCH", 5)  # many batches
    assert np.allclose(fitted.predict_proba(texts), whole, atol=1e-6)
    threaded = clone(fitted).set_params(n_jobs=2).fit(TEXTS, LABELS)  # the same fit (seeds fixed)
    assert np.allclose(threaded.predict_proba(texts), whole, atol=1e-6)
    assert threaded.predict_proba([]).shape == (0, len(EMOTIONS))
    folder = threaded.save(tmp_path / "m", version="0.0.1")
    assert "n_jobs" not in (folder / "manifest.json").read_text(encoding="utf-8")
    assert FastEmotionClassifier.load(folder).n_jobs is None
    with pytest.raises(ConfigError, match="n_jobs"):
        threaded.set_params(n_jobs="2").predict_proba(texts)


def test_score_is_micro_f1_and_cross_validation_runs():
    """sklearn's tools call score(); accuracy cannot read label lists, micro-F1 can."""
    import numpy as np
    from sklearn.model_selection import KFold, cross_val_score

    from cxtext.emotion.data import labels_to_matrix
    from cxtext.emotion.fast import FastEmotionClassifier

    X = ["I am furious", "thank you so much", "meh"] * 40
    y = [["anger"], ["gratitude"], []] * 40
    model = FastEmotionClassifier(n_features=2**12, char_ngrams=(0, 0)).fit(X, y)
    assert model.score(X, y) == model.score(X, labels_to_matrix(y)) == 1.0
    assert model.score(X, [["delight"], ["anxiety"], ["anger"]] * 40) == 0.0
    scores = cross_val_score(FastEmotionClassifier(n_features=2**12, char_ngrams=(0, 0)),
                             np.asarray(X, dtype=object), labels_to_matrix(y), cv=KFold(2))
    assert np.isfinite(scores).all()
