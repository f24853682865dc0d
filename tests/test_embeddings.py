"""The encoder's layer-by-layer forward pass and shared-layer branches."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from cxtext.embeddings import MiniLMEncoder, bfloat16_is_native
from cxtext.errors import ConfigError, ModelIntegrityError

TEXTS = ["the staff was lovely", "rude staff and a very late delivery but good food", "",
         "it is not bad at all", "slow"]


@pytest.fixture()
def encoder(tiny_bert_dir):
    return MiniLMEncoder(tiny_bert_dir, expected_sha256=None, precision="float32", batch_size=2)


def test_layer_by_layer_pass_matches_the_model_call(encoder):
    import torch

    model, tok = encoder.model, encoder._tokenizer
    batch = tok(TEXTS, padding=True, truncation=True, return_tensors="pt")
    with torch.inference_mode():
        ref = encoder.pool(model(**batch).last_hidden_state, batch["attention_mask"]).numpy()
    got = encoder.encode(TEXTS)
    assert got.shape == (len(TEXTS), 32)
    assert np.allclose(got, ref, atol=1e-5)
    assert np.allclose(np.linalg.norm(got, axis=1), 1, atol=1e-5)


def test_branch_with_the_encoders_own_top_equals_the_base(encoder):
    top = copy.deepcopy(list(encoder.model.encoder.layer[2:]))
    out = encoder.encode_branches(TEXTS, {"same": top})
    assert np.allclose(out["same"], out["base"], atol=1e-5)
    for p in top[-1].parameters():
        p.data.add_(0.5)
    changed = encoder.encode_branches(TEXTS, {"tuned": top}, base=False)
    assert set(changed) == {"tuned"}
    assert not np.allclose(changed["tuned"], out["base"], atol=1e-3)


def test_order_and_empty_input_are_kept(encoder):
    single = np.vstack([encoder.encode([t]) for t in TEXTS])
    assert np.allclose(encoder.encode(TEXTS), single, atol=1e-5)
    assert encoder.encode([]).shape[0] == 0


def test_hash_mismatch_and_bad_precision_are_refused(tiny_bert_dir):
    with pytest.raises(ModelIntegrityError, match="CX203"):
        MiniLMEncoder(tiny_bert_dir, expected_sha256="0" * 64).encode(["x"])
    with pytest.raises(ConfigError, match="precision"):
        MiniLMEncoder(tiny_bert_dir, expected_sha256=None, precision="float8").encode(["x"])


def test_too_deep_a_top_is_refused(encoder):
    layers = list(encoder.model.encoder.layer) * 2
    with pytest.raises(ConfigError, match="layers"):
        encoder.encode_branches(["x"], {"deep": layers})


@pytest.mark.skipif(not bfloat16_is_native(), reason="CPU has no native bfloat16")
def test_bfloat16_stays_close_to_float32(tiny_bert_dir):
    full = MiniLMEncoder(tiny_bert_dir, expected_sha256=None, precision="float32").encode(TEXTS)
    half = MiniLMEncoder(tiny_bert_dir, expected_sha256=None, precision="bfloat16").encode(TEXTS)
    assert (full * half).sum(1).min() > 0.99


def test_limits_compute_a_branch_for_leading_texts_only(encoder):
    top = copy.deepcopy(list(encoder.model.encoder.layer[2:]))
    full = encoder.encode_branches(TEXTS, {"t": top})
    part = encoder.encode_branches(TEXTS, {"t": top}, limits={"t": 2, "base": 3})
    assert np.allclose(part["t"][:2], full["t"][:2], atol=1e-5)
    assert not part["t"][2:].any()
    assert np.allclose(part["base"][:3], full["base"][:3], atol=1e-5) and not part["base"][3:].any()


def test_branches_sharing_one_top_run_it_once_with_their_own_limits(encoder, monkeypatch):
    top = copy.deepcopy(list(encoder.model.encoder.layer[2:]))
    for p in top[-1].parameters():
        p.data.add_(0.25)
    separate = encoder.encode_branches(TEXTS, {"a": top, "b": copy.deepcopy(top)}, base=False)
    calls = []
    layer_forward = type(top[0]).forward

    def counting(self, *args, **kwargs):
        calls.append(id(self))
        return layer_forward(self, *args, **kwargs)

    monkeypatch.setattr(type(top[0]), "forward", counting)
    shared = encoder.encode_branches(TEXTS, {"a": top, "b": top}, limits={"a": 2}, base=False)
    # The shared top's layers ran once per batch (3 batches of 2), not once per branch.
    assert sum(c == id(top[0]) for c in calls) == 3
    assert np.allclose(shared["b"], separate["b"], atol=1e-5)
    assert np.allclose(shared["a"][:2], separate["a"][:2], atol=1e-5) and not shared["a"][2:].any()
    assert shared["a"] is not shared["b"]
