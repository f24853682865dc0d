"""Run chunk analyses on N local processes (or any executor) and get results in order.

``concurrent.futures.ProcessPoolExecutor`` with an initializer that makes sure
each worker has the models loaded once. On Linux the workers are forked from
the parent after it has loaded the models, so they start at once and share the
model arrays' memory pages (copy-on-write); elsewhere (macOS, Windows), and
whenever a model runs on torch (the accurate preset, embedding themes, theme
models with MiniLM features), they are spawned and load the models themselves
(a few seconds each): a forked child that runs torch after its parent did hangs
on the thread pools it inherited. Each worker gets ``cores // jobs`` torch
threads. Results come back in submission order with a bounded number of chunks
in flight, so memory stays bounded by ``window x chunksize`` rows whatever the
file size.

Any :class:`concurrent.futures.Executor` works, e.g. a dask distributed
``Client.get_executor()`` (see :mod:`cxtext.engine.dask_engine`).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

from cxtext.errors import ConfigError

__all__ = ["AUTO_JOBS_MAX", "auto_jobs", "available_cores", "check_jobs", "ordered_map", "process_pool",
           "stack_batches"]

logger = logging.getLogger(__name__)


#: Most worker processes ``auto_jobs`` starts: each holds its own copy of the
#: per-chunk data and of any model page it writes to (about 0.4 GB per worker).
AUTO_JOBS_MAX = 8


def _cgroup_cpu_quota(root: Path = Path("/sys/fs/cgroup")) -> float | None:
    """Cores allowed by a cgroup CPU quota (containers, CI runners), ``None`` when unlimited."""
    try:  # cgroup v2: "max 100000" or "200000 100000" (quota and period, in microseconds)
        quota, period = (root / "cpu.max").read_text().split()[:2]
        return None if quota == "max" else int(quota) / int(period)
    except (OSError, ValueError):
        pass
    try:  # cgroup v1: a quota of -1 means unlimited
        quota_us = int((root / "cpu" / "cpu.cfs_quota_us").read_text())
        period_us = int((root / "cpu" / "cpu.cfs_period_us").read_text())
        return quota_us / period_us if quota_us > 0 and period_us > 0 else None
    except (OSError, ValueError):
        return None


def available_cores() -> int:
    """CPU cores this process may use: its CPU affinity, capped by a cgroup CPU quota.

    ``os.cpu_count()`` counts the machine's cores; a container limited to two
    of 64 would otherwise start 64 workers that share two cores.

    Examples
    --------
    >>> available_cores() >= 1
    True
    """
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    quota = _cgroup_cpu_quota()
    if quota is not None:
        cores = min(cores, int(quota))  # a fractional core left over is not worth a process
    return max(1, cores)


def auto_jobs(*, runs_torch: bool) -> int:
    """Worker processes for a run whose number of jobs was not given.

    One per available core (at most :data:`AUTO_JOBS_MAX`) for models that run
    without torch, the ``fast`` preset, where workers are forked (Linux) and so
    start at once; 1 when a model runs on torch, which already spreads each
    batch over every core, and on platforms that spawn workers (they load their
    models for seconds each, which pays only on large files: pass ``--jobs``).

    Examples
    --------
    >>> auto_jobs(runs_torch=True)
    1
    >>> 1 <= auto_jobs(runs_torch=False) <= AUTO_JOBS_MAX
    True
    """
    import sys

    if runs_torch or not sys.platform.startswith("linux"):
        return 1
    return min(available_cores(), AUTO_JOBS_MAX)


def check_jobs(jobs: object, *, name: str = "jobs") -> int:
    """Validate ``jobs``: a positive int, or ``-1``/``0`` for every available core.

    ``name`` is the option's name in the error message (``n_jobs`` in the API).

    Examples
    --------
    >>> check_jobs(2)
    2
    >>> check_jobs(0) >= 1
    True
    """
    import numbers

    if isinstance(jobs, bool) or not isinstance(jobs, numbers.Integral) or jobs < -1:
        raise ConfigError(
            f"[CX301] '{name}' must be a positive int (or 0/-1 for every core). Got {jobs!r}."
        )
    if jobs in (0, -1):
        return available_cores()
    return int(jobs)


def stack_batches(score: Callable[[Sequence[Any]], Any], items: Sequence[Any], *, batch_size: int,
                  n_jobs: int | None = None) -> Any:
    """``score`` of ``items`` in batches of ``batch_size``, rows stacked in input order.

    The fast models hash and score texts batch by batch: cache-sized sparse
    matrices make a pass over 10,000+ texts about 1.5x faster than one big
    matrix. ``n_jobs`` threads (``None``: one; ``-1`` or ``0``: every core)
    score batches at once; most of that work is numpy and scipy on arrays,
    which runs outside Python's lock. ``score`` must score rows independently
    and return a 2-D array (an empty ``items`` is scored once, as is).

    Examples
    --------
    >>> import numpy as np
    >>> rows = stack_batches(lambda b: np.array([[len(t)] for t in b]).reshape(-1, 1), ["a", "bb", "ccc"],
    ...                      batch_size=2, n_jobs=2)
    >>> rows.ravel().tolist()
    [1, 2, 3]
    """
    import numpy as np

    starts = range(0, max(len(items), 1), batch_size)
    threads = 1 if n_jobs is None else min(check_jobs(n_jobs, name="n_jobs"), len(starts))
    if threads < 2:
        return np.vstack([score(items[start:start + batch_size]) for start in starts])
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(threads, thread_name_prefix="cxtext-batches") as pool:
        return np.vstack(list(pool.map(lambda start: score(items[start:start + batch_size]), starts)))


def process_pool(jobs: int, options: Mapping[str, Any]) -> Executor:
    """A pool of ``jobs`` worker processes, each with the analyzer for ``options`` loaded.

    Examples
    --------
    >>> from cxtext.engine._worker import analyzer_info
    >>> with process_pool(1, {"preset": "fast"}) as pool:  # doctest: +SKIP
    ...     pool.submit(analyzer_info, {"preset": "fast"}).result()["preset"]
    'fast'
    """
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from cxtext.embeddings import torch_model_loaded
    from cxtext.engine._worker import get_analyzer, init_worker

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    if method == "fork":
        get_analyzer(options)  # load here once; forked workers inherit the loaded models
        if torch_model_loaded():
            # torch's thread pools do not survive a fork: a forked worker that runs the
            # encoder hangs. Spawned workers load their models themselves instead.
            method = "spawn"
            logger.info("Models run on torch: spawning %d workers that load them", jobs)
    threads: int | None = max(1, check_jobs(0) // jobs)  # one torch thread pool per worker, not per core
    if method == "fork" and "torch" not in sys.modules:
        threads = None  # nothing runs torch here (the CLI imported spaCy without it): don't import it
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method),
                               initializer=init_worker, initargs=(dict(options), threads))


def ordered_map(executor: Executor | None, fn: Callable[..., Any],
                argses: Iterable[tuple[Any, ...]], *, window: int = 4) -> Iterator[Any]:
    """``fn(*args)`` for each ``args``, yielded in input order, at most ``window`` in flight.

    With ``executor=None`` the calls run here, one by one, lazily. If the
    consumer stops early or anything raises, pending calls are cancelled.

    Examples
    --------
    >>> list(ordered_map(None, pow, [(2, 3), (3, 2)]))
    [8, 9]
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as ex:
    ...     list(ordered_map(ex, pow, ((i, 2) for i in range(5)), window=2))
    [0, 1, 4, 9, 16]
    """
    if executor is None:
        for args in argses:
            yield fn(*args)
        return
    pending: deque[Future[Any]] = deque()
    try:
        for args in argses:
            pending.append(executor.submit(fn, *args))
            while len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for fut in pending:
            fut.cancel()
