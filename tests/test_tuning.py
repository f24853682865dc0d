"""The shared fine-tuning loop: batch-order seeds and weight averaging (model soups)."""

from __future__ import annotations

import numpy as np
import pytest

from cxtext.errors import ConfigError
from cxtext.sentiment import TunedSentimentClassifier
from cxtext.tuning import TunedTop, average_tops, frozen_states, top_features, train_top

WORDS = {0: ["bad", "rude", "slow", "awful"], 1: ["good", "kind", "fast", "lovely"]}  # in the tiny vocabulary


def _train(tiny_bert_dir, order_seed):
    """One run of train_top on a two-class toy task; returns the top and the task."""
    import torch

    texts = [f"the staff was {w}" for label in (0, 1) for w in WORDS[label] for _ in range(4)]
    y = torch.tensor([label for label in (0, 1) for _ in WORDS[label] for _ in range(4)])
    est = TunedSentimentClassifier(n_tuned_layers=2, epochs=10, batch_size=8, learning_rate=3e-3,
                                   head_learning_rate=3e-2, encoder_dir=str(tiny_bert_dir),
                                   encoder_sha256=None)
    encoder = est.encoder()
    states = frozen_states(encoder, texts, encoder.n_layers - 2)

    def loss_fn(logits, batch):
        return torch.nn.functional.cross_entropy(logits, y[batch])

    top = train_top(encoder, states, np.arange(len(texts)), 2, loss_fn, est.get_params(),
                    order_seed=order_seed)
    return top, encoder, states, y.numpy()


def _accuracy(top, encoder, states, y):
    F = top_features(encoder, states, np.arange(len(y)), top.layers)
    return float(((F @ top.coef.T + top.intercept).argmax(1) == y).mean())


def _layer_weights(top):
    return np.concatenate([p.detach().numpy().ravel() for layer in top.layers for p in layer.parameters()])


def test_order_seed_repeats_a_run_and_another_seed_moves_it(tiny_bert_dir):
    a, *_ = _train(tiny_bert_dir, order_seed=1)
    again, *_ = _train(tiny_bert_dir, order_seed=1)
    other, *_ = _train(tiny_bert_dir, order_seed=2)
    assert np.array_equal(_layer_weights(a), _layer_weights(again))
    assert np.array_equal(a.coef, again.coef)
    assert not np.allclose(_layer_weights(a), _layer_weights(other))


def test_the_average_of_two_runs_is_their_mean_and_still_a_model(tiny_bert_dir):
    a, encoder, states, y = _train(tiny_bert_dir, order_seed=1)
    b, *_ = _train(tiny_bert_dir, order_seed=2)
    soup = average_tops([a, b])
    assert np.allclose(_layer_weights(soup), (_layer_weights(a) + _layer_weights(b)) / 2, atol=1e-6)
    assert np.allclose(soup.coef, (a.coef + b.coef) / 2)
    assert np.allclose(soup.intercept, (a.intercept + b.intercept) / 2)
    assert [h["member"] for h in soup.history] == [0] * 10 + [1] * 10
    # the members are untouched, the soup's layers are new and frozen
    assert soup.layers[0] is not a.layers[0] and not any(p.requires_grad for p in soup.layers[0].parameters())
    assert min(_accuracy(a, encoder, states, y), _accuracy(b, encoder, states, y)) == 1.0
    # On this toy the learning rate is large and the runs move far apart, so the soup
    # loses a little; it must still read the task (chance is 0.5).
    assert _accuracy(soup, encoder, states, y) >= 0.75


def test_a_top_averaged_with_itself_predicts_as_before(tiny_bert_dir):
    a, encoder, states, y = _train(tiny_bert_dir, order_seed=3)
    F = top_features(encoder, states, np.arange(len(y)), a.layers)
    F_soup = top_features(encoder, states, np.arange(len(y)), average_tops([a, a]).layers)
    assert np.allclose(F, F_soup, atol=1e-6)


def test_tops_of_different_shapes_are_refused(tiny_bert_dir):
    import torch

    a, *_ = _train(tiny_bert_dir, order_seed=1)
    wider = TunedTop(layers=a.layers, coef=np.zeros((3, a.coef.shape[1])), intercept=np.zeros(3), history=[])
    with pytest.raises(ConfigError, match="differ in shape"):
        average_tops([a, wider])
    other_layer = TunedTop(layers=[torch.nn.Linear(3, 3)] * len(a.layers), coef=a.coef, intercept=a.intercept,
                           history=[])
    with pytest.raises(ConfigError, match="layer 0 differs"):
        average_tops([a, other_layer])
    with pytest.raises(ConfigError, match="at least one"):
        average_tops([])
