"""What the blends of trained models share: weights, the MiniLM readers, pinned components.

A blend (:class:`cxtext.sentiment.BlendedSentimentClassifier`,
:class:`cxtext.emotion.BlendedEmotionClassifier`) stores no weights of its own.
Its manifest lists each component by model name and version with the sha256 of
the component's ``manifest.json`` (which in turn pins every file of the
component); loading refuses a component whose manifest differs, so a blend can
never silently run on a retrained part.

:class:`BlendMixin` holds the rest both blend classes share: checking the pool
weights, and exposing the components that read MiniLM (their tuned top layers,
``encoder_tops_``, and the encoder) so the analyzer's one shared encoding pass
computes each top once and hands every component its own features
(``predict_proba_embeddings``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from cxtext.errors import ConfigError, ModelError, ModelIntegrityError
from cxtext.models import (
    MANIFEST_NAME,
    ModelManifest,
    load_verified,
    resolve_model_dir,
    sha256_file,
    write_model_dir,
)

__all__ = ["BlendMixin", "component_records", "load_components", "read_features"]


class BlendMixin:
    """Weights check and MiniLM access for a blend with ``weights``, ``estimators_`` and ``_pool``."""

    weights: Sequence[float] | None

    def _checked_weights(self, n: int) -> np.ndarray:
        """The weights normalised to sum to 1, or a clear error naming the blend class."""
        name = type(self).__name__
        if n == 0:
            raise ConfigError(f"[CX301] {name} needs at least one estimator.")
        w = np.ones(n) if self.weights is None else np.asarray(self.weights, dtype=float)
        if w.shape != (n,) or not np.all(np.isfinite(w)) or np.any(w < 0) or w.sum() <= 0:
            raise ConfigError(
                f"[CX301] The 'weights' parameter of {name} must be {n} non-negative numbers "
                f"with a positive sum (one per estimator). Got {self.weights!r}."
            )
        return w / w.sum()

    def _encoder_readers(self) -> list[Any]:
        """The components that read MiniLM features, in the blend's order."""
        return [m for m in getattr(self, "estimators_", []) if hasattr(m, "predict_proba_embeddings")]

    def _encoder_reader(self) -> Any | None:
        return next(iter(self._encoder_readers()), None)

    @property
    def encoder_top_(self) -> Any:
        """The fine-tuned top layers of the first component that reads MiniLM (``None`` if none)."""
        return getattr(self._encoder_reader(), "encoder_top_", None)

    @property
    def encoder_tops_(self) -> list[Any]:
        """The fine-tuned top layers of *every* component that reads MiniLM, in order.

        An entry is ``None`` for a component that reads the plain encoder (a head
        over frozen embeddings). The analyzer encodes each top once per batch and
        hands :meth:`predict_proba_embeddings` one feature array per entry.
        """
        return [getattr(m, "encoder_top_", None) for m in self._encoder_readers()]

    def encoder(self) -> Any:
        """The MiniLM encoder of the component that reads it."""
        reader = self._encoder_reader()
        if reader is None or not hasattr(reader, "encoder"):
            raise ModelError("[CX205] No component of this blend reads MiniLM embeddings.")
        return reader.encoder()

    def _component_probas(self, F: Any, texts: list[str]) -> list[np.ndarray]:
        """Each component's probabilities, the MiniLM readers from precomputed features.

        ``F`` is one feature array (read by the first MiniLM reader; the other
        readers encode ``texts`` themselves) or a sequence with one array per
        entry of :attr:`encoder_tops_`.
        """
        readers = self._encoder_readers()
        if isinstance(F, (list, tuple)):
            if len(F) != len(readers):
                raise ConfigError(f"[CX301] Got {len(F)} feature arrays for {len(readers)} components "
                                  "that read MiniLM; pass one per entry of encoder_tops_.")
            features = {id(m): f for m, f in zip(readers, F)}
        else:
            features = {id(readers[0]): F} if readers else {}
        return [read_features(m, features[id(m)], texts) if id(m) in features else m.predict_proba(texts)
                for m in self.estimators_]  # type: ignore[attr-defined]

    def _pool(self, probas: list[np.ndarray]) -> np.ndarray:  # pragma: no cover - each blend defines it
        raise NotImplementedError

    def predict_proba_embeddings(self, F: np.ndarray | Sequence[np.ndarray],
                                 texts: Sequence[str]) -> np.ndarray:
        """Probabilities when the MiniLM features of ``texts`` are already computed.

        Parameters
        ----------
        F : ndarray or sequence of ndarray
            One array per entry of ``encoder_tops_`` (the output of that
            component's own top layers, or the plain embeddings where the entry
            is ``None``); a single array is read by the first such component,
            and the others then encode ``texts`` themselves.
        texts : sequence of str
            Read by the components that do not read MiniLM.
        """
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self, ["estimators_"])
        return self._pool(self._component_probas(F, [str(t) for t in texts]))

    def _write_blend(self, path: str | os.PathLike[str], components: Sequence[str], *, kind: str,
                     labels: Sequence[str], extra_params: Mapping[str, Any] | None = None,
                     **manifest: Any) -> Path:
        """Write the blend folder: component records (+ ``extra_params``), manifest, card."""
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self, ["estimators_"])
        refs = component_records(components, self.weights_)  # type: ignore[attr-defined]
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        write_model_dir(folder, kind=kind, cxtext=">=0.1,<0.2", labels=list(labels),
                        params={"components": refs, **dict(extra_params or {})}, **manifest)
        return folder

    @staticmethod
    def _read_blend(name_or_path: str | os.PathLike[str], *, kind: str, family: str,
                    load: Callable[[Path], Any]) -> tuple[ModelManifest, list[tuple[str, Any]], list[float]]:
        """Hash-check a blend folder and load its pinned components with ``load``."""
        folder, manifest = load_verified(name_or_path, kind=kind, family=family)
        models, weights = load_components(folder, manifest.params.get("components") or [], load)
        return manifest, models, weights


def read_features(model: Any, F: Any, texts: list[str]) -> np.ndarray:
    """``model.predict_proba_embeddings`` on ``F``, with ``texts`` when it takes them (a blend).

    Third-party models may define ``predict_proba_embeddings(F)`` alone; the
    analyzer and the blends both call their MiniLM readers through this.
    """
    import inspect

    if "texts" in inspect.signature(model.predict_proba_embeddings).parameters:
        return model.predict_proba_embeddings(F, texts)
    return model.predict_proba_embeddings(F)


def component_records(components: Sequence[str], weights: Sequence[float]) -> list[dict[str, Any]]:
    """``{"model", "weight", "manifest_sha256"}`` per component, for a blend's manifest.

    Parameters
    ----------
    components : sequence of str
        Model folders under the models directory (``"sentiment-fast/0.2.0"``), in
        the blend's estimator order.
    weights : sequence of float
        The blend's (normalised) weights, same order.

    Examples
    --------
    >>> [r["model"] for r in component_records(["sentiment-fast/0.2.0"], [1.0])]
    ['sentiment-fast/0.2.0']
    """
    if len(components) != len(weights):
        raise ConfigError(f"[CX301] Give one component name per estimator ({len(weights)}); "
                          f"got {list(components)!r}.")
    records = []
    for ref, weight in zip(components, weights):
        folder = resolve_model_dir(ref)
        records.append({"model": str(ref), "weight": round(float(weight), 6),
                        "manifest_sha256": sha256_file(folder / MANIFEST_NAME)})
    return records


def load_components(folder: Path, records: Sequence[Mapping[str, Any]],
                    load: Callable[[Path], Any]) -> tuple[list[tuple[str, Any]], list[float]]:
    """Load a blend's components with ``load``, each checked against its record.

    Returns the named models and their weights; raises
    :class:`~cxtext.errors.ModelIntegrityError` naming the component whose
    manifest is not the recorded one.
    """
    models, weights = [], []
    for ref in records:
        component = resolve_model_dir(ref["model"])
        actual = sha256_file(component / MANIFEST_NAME)
        if actual != ref["manifest_sha256"]:
            raise ModelIntegrityError(
                f"[CX203] Refusing to load the blend {str(folder)!r}: its component "
                f"{ref['model']!r} ({str(component)!r}) is not the one it was built from "
                f"(manifest sha256 {actual}, recorded {ref['manifest_sha256']}). Restore "
                "that model folder, or rebuild the blend."
            )
        models.append((str(ref["model"]), load(component)))
        weights.append(float(ref["weight"]))
    if not models:
        raise ModelError(f"[CX205] The blend {str(folder)!r} lists no components.")
    return models, weights
