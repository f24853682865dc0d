"""Stream analysed chunks in order: parallel workers, in-order duplicate flags, checkpoints.

:func:`analyze_stream` is the one loop behind ``cxtext analyze`` whatever the
engine: chunks are checked here (columns, unique ids across the whole run),
analysed by an executor (none = this process, local processes, or a dask
cluster), then -- strictly in input order -- given their duplicate flags,
committed to the checkpoint and yielded for writing. Every engine and every
``--jobs`` therefore produces the same rows, in the same order, with the same
values as a serial :meth:`cxtext.Analyzer.analyze_chunks` run.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
from collections.abc import Hashable, Iterable, Iterator, Mapping
from concurrent.futures import Executor
from typing import Any

import pandas as pd

from cxtext.engine._worker import (
    analyze_chunk,
    analyzer_info,
    apply_duplicates,
    chunk_ids,
    feed_duplicates,
)
from cxtext.engine.checkpoint import Checkpoint
from cxtext.engine.parallel import auto_jobs, available_cores, ordered_map, process_pool

__all__ = ["analyze_stream", "open_executor"]

logger = logging.getLogger(__name__)

ENGINES = ("local", "dask")

#: Chunks in flight per worker: one being analysed, one queued behind it.
WINDOW_PER_WORKER = 2


def _task(options: Mapping[str, Any], chunk: pd.DataFrame, text: str, id: str | None,
          question: str | None) -> tuple[pd.DataFrame, pd.DataFrame, list[Hashable]]:
    comments, mentions = analyze_chunk(options, chunk, text, id, question)
    return comments, mentions, chunk_ids(chunk, id)


@contextlib.contextmanager
def open_executor(engine: str, jobs: int | None, options: Mapping[str, Any],
                  scheduler: str | None = None) -> Iterator[tuple[Executor | None, int, dict]]:
    """Yield ``(executor, window, info)`` for ``engine`` and shut it down afterwards.

    ``executor`` is ``None`` for ``engine="local", jobs=1`` (analysis runs in
    this process); ``window`` is how many chunks may be in flight; ``info`` is
    the analyzer's :meth:`~cxtext.Analyzer.info` as loaded by a worker.
    ``jobs=None`` chooses: :func:`~cxtext.engine.parallel.auto_jobs` once the
    models are loaded (a local cluster of one worker per available core for dask).
    """
    if engine == "dask":
        from cxtext.engine.dask_engine import dask_client

        with dask_client(scheduler, n_workers=jobs if jobs is not None else available_cores()) as client:
            threads = sum(client.nthreads().values()) or 1
            executor = client.get_executor(pure=False)
            info = executor.submit(analyzer_info, dict(options)).result()
            yield executor, WINDOW_PER_WORKER * threads, info
        return
    info = analyzer_info(options)  # loads the models in this process
    # The models' objects (vocabularies, lookup tables, matchers) live as long as
    # the run: moving them out of the garbage collector's generations spares every
    # later collection a walk over them (5-10% of a fast run) and keeps forked
    # workers from touching, and so copying, the pages that hold them.
    # Undone at the end, so a caller's process is left as it was.
    gc.freeze()
    try:
        if jobs is None:
            from cxtext.embeddings import torch_model_loaded

            jobs = auto_jobs(runs_torch=torch_model_loaded())
            logger.info("Analysing with %d worker process(es) (--jobs not given)", jobs)
        if jobs <= 1:
            yield None, 1, info
            return
        pool = process_pool(jobs, options)
        try:
            yield pool, WINDOW_PER_WORKER * jobs, info
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    finally:
        gc.unfreeze()


def analyze_stream(chunks: Iterable[pd.DataFrame], *, options: Mapping[str, Any], text: str,
                   id: str | None = None, question: str | None = None,
                   executor: Executor | None = None, window: int = 1,
                   checkpoint: Checkpoint | None = None,
                   row_column: bool = True) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """Yield ``(comments, mentions)`` per chunk of ``chunks``, in order.

    Parameters
    ----------
    chunks : iterable of DataFrame
        The table in chunks with a continuing index (as from
        :func:`cxtext.io.iter_table`).
    options : mapping
        Keyword arguments of :class:`~cxtext.Analyzer` (preset, sentiment ...).
    text, id, question : str
        Column names, as for :meth:`~cxtext.Analyzer.analyze`.
    executor : concurrent.futures.Executor, optional
        Where chunks are analysed; ``None``: here, one by one.
    window : int
        Chunks in flight at once (bounds memory).
    checkpoint : Checkpoint, optional
        Replay its committed chunks first, skip that many input chunks, and
        commit every new chunk before yielding it.
    row_column : bool, default=True
        Without ``id``, insert a ``row`` column (the row labels) first, as the
        CLI writes it.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"c": ["Great staff, very helpful and kind", "great staff - very helpful and kind!", "n/a"]})
    >>> [cm[["row", "is_duplicate", "duplicate_of"]].values.tolist()
    ...  for cm, _ in analyze_stream([df.iloc[:1], df.iloc[1:]], options={}, text="c")]
    [[[0, False, None]], [[1, True, 0], [2, False, None]]]
    """
    from cxtext.analyzer import Analyzer, _RunState, free_name

    state = _RunState(id)
    skip = 0
    if checkpoint is not None:
        for part in checkpoint.replay():
            feed_duplicates(state.dedup, part.comments, part.ids)  # rebuild the detector
            if id is not None:
                state.remember_ids(part.ids)
            yield part.comments, part.mentions
        skip = checkpoint.resumed

    def tasks() -> Iterator[tuple[Any, ...]]:
        for chunk in itertools.islice(chunks, skip, None):
            Analyzer._check_columns(chunk, text, id, question)
            if id is not None:
                state.check_ids(chunk[id])
            yield dict(options), chunk, text, id, question

    warned = False
    for comments, mentions, ids in ordered_map(executor, _task, tasks(), window=window):
        apply_duplicates(state.dedup, comments, ids)
        if id is None and row_column:
            if "row" in comments.columns:  # e.g. re-analysing an output written without --id
                kept = free_name(comments.columns, "row_input")
                if not warned:
                    logger.warning("Input column 'row' clashes with the row numbers cxtext writes (no id "
                                   "column given); it is kept as %r.", kept)
                    warned = True
                comments = comments.rename(columns={"row": kept})
            comments.insert(0, "row", comments.index.to_numpy())
        if checkpoint is not None:
            checkpoint.commit(comments, mentions, ids)
        yield comments, mentions
