"""What runs where the models are: analyse one chunk without cross-chunk state.

A worker (a local process of ``--jobs N``, a dask worker, or the parent itself
with ``--jobs 1``) keeps one :class:`~cxtext.analyzer.Analyzer` per set of
options in a module-level cache, so models load once per process and are
reused for every chunk it gets.

Duplicate detection is the one step that depends on the chunks before, so the
worker leaves ``is_duplicate``/``duplicate_of`` blank and the caller fills them
in order with :func:`apply_duplicates` (the detector is fast, ~50k texts/s, and
its hashes are salted per process, so its state never travels between processes).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "analyze_chunk", "analyzer_info", "apply_duplicates", "chunk_ids", "feed_duplicates",
    "get_analyzer", "init_worker", "warm_up",
]

logger = logging.getLogger(__name__)

_ANALYZERS: dict[str, Any] = {}


class _NoDedup:
    """Stands in for the run's DuplicateFinder inside a worker: flags nothing."""

    @staticmethod
    def flag(texts: Sequence[str], ids: Sequence[object],
             skip: Sequence[bool] | None = None) -> tuple[np.ndarray, list[object | None]]:
        return np.zeros(len(texts), dtype=bool), [None] * len(texts)


class _WorkerState:
    dedup = _NoDedup()


def _key(analyzer: Any) -> str | None:
    """Cache key of an analyzer's effective options; ``None`` when it must not be cached.

    Defaults are filled in and ``chunksize`` is ignored. A file or folder option
    (taxonomy YAML, model folder) adds its size and modification time, so a
    long-lived worker notices an edited taxonomy. Objects (a fitted estimator,
    a Taxonomy) are not cached: each task brings its own unpickled copy.
    """
    parts = []
    for name in ("preset", "sentiment", "themes", "emotions", "taxonomy", "redact_pii", "keep_raw_text", "languages"):
        value = getattr(analyzer, name)
        if not (value is None or isinstance(value, (str, bool, tuple, os.PathLike))):
            return None
        parts.append(repr(value))
        if isinstance(value, (str, os.PathLike)) and os.path.exists(value):
            st = os.stat(value)
            parts.append(f"{st.st_size}:{st.st_mtime_ns}")
    return repr(parts)


def get_analyzer(options: Mapping[str, Any]) -> Any:
    """The cached :class:`~cxtext.analyzer.Analyzer` for ``options`` in this process."""
    from cxtext.analyzer import Analyzer

    fresh = Analyzer(**options)  # cheap: nothing loads until first use
    key = _key(fresh)
    analyzer = _ANALYZERS.get(key) if key is not None else None
    if analyzer is None:
        analyzer = fresh
        warm_up(analyzer)
        if key is not None:
            _ANALYZERS[key] = analyzer
        logger.info("Loaded analyzer models in process %d", os.getpid())
    return analyzer


def warm_up(analyzer: Any) -> None:
    """Load ``analyzer``'s models and every lazily imported module, on one dummy row."""
    probe = pd.DataFrame({"text": ["Warm-up: the staff were lovely."], "q": ["Anything else?"]})
    analyzer._analyze_chunk(probe, "text", None, "q", _WorkerState())


def _exit_with_parent() -> None:
    """Exit this worker when the process that started it dies (even by SIGKILL)."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, name="cxtext-parent-watch", daemon=True).start()


def init_worker(options: Mapping[str, Any], torch_threads: int | None = None) -> None:
    """Initializer of a local worker process: ignore Ctrl-C, follow the parent, load models.

    Ctrl-C reaches every process of the terminal's group; the parent handles
    it (and keeps the checkpoint), so workers must not die mid-chunk with a
    traceback of their own. ``torch_threads`` caps torch's intra-op threads
    (the workers share the cores), set before any model runs; ``None`` leaves
    torch alone (not even imported).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    if torch_threads:
        import torch  # spawned workers' models run on it; forked ones get a count only if it is imported

        torch.set_num_threads(int(torch_threads))
    get_analyzer(options)


def analyzer_info(options: Mapping[str, Any]) -> dict[str, Any]:
    """``Analyzer.info()`` for ``options`` (models loaded in this process)."""
    return get_analyzer(options).info()


def chunk_ids(chunk: pd.DataFrame, id: str | None) -> list[Hashable]:
    """The ids duplicate flags point at: the id column, else the row labels."""
    return chunk[id].tolist() if id is not None else chunk.index.tolist()


def analyze_chunk(options: Mapping[str, Any], chunk: pd.DataFrame, text: str, id: str | None,
                  question: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Analyse one chunk; ``is_duplicate``/``duplicate_of`` are left False/None."""
    analyzer = get_analyzer(options)
    analyzer._check_columns(chunk, text, id, question)
    return analyzer._analyze_chunk(chunk, text, id, question, _WorkerState())


def feed_duplicates(finder: Any, comments: pd.DataFrame,
                    ids: Sequence[Hashable]) -> tuple[np.ndarray, list[object | None]]:
    """Run ``finder`` over one analysed chunk; returns its ``(is_duplicate, duplicate_of)``."""
    return finder.flag(comments["text_clean"].tolist(), list(ids),
                       skip=comments["is_non_answer"].to_numpy(dtype=bool).tolist())


def apply_duplicates(finder: Any, comments: pd.DataFrame, ids: Sequence[Hashable]) -> None:
    """Fill ``is_duplicate``/``duplicate_of`` of one analysed chunk, in place, in run order.

    Feeds ``finder`` exactly what :class:`~cxtext.analyzer.Analyzer` feeds its
    own detector (cleaned text, ids, non-answers skipped), so the flags equal a
    serial run's.
    """
    is_dup, dup_of = feed_duplicates(finder, comments, ids)
    comments["is_duplicate"] = np.asarray(is_dup, dtype=bool)
    comments["duplicate_of"] = pd.Series(dup_of, index=comments.index, dtype=object)
