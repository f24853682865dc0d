"""Scale and reliability: parallel workers, resumable runs, dask clusters.

* :func:`analyze_stream` -- the ordered chunk loop behind ``cxtext analyze``
  (any executor; duplicate flags and id checks in order, in the caller).
* :func:`process_pool` -- ``--jobs N`` local worker processes, models loaded once each.
* :class:`Checkpoint` -- crash-safe per-chunk commits for ``--resume``.
* :func:`stop_between_chunks` -- Ctrl-C stops at the next chunk boundary, never lost.
* :func:`analyze_dask` -- analyse a ``dask.dataframe.DataFrame`` on a cluster.

Nothing heavy is imported until used (dask only by :func:`analyze_dask`).
"""

from cxtext.engine.checkpoint import Checkpoint
from cxtext.engine.dask_engine import analyze_dask
from cxtext.engine.interrupt import stop_between_chunks
from cxtext.engine.parallel import ordered_map, process_pool
from cxtext.engine.runner import analyze_stream

__all__ = [
    "Checkpoint", "analyze_dask", "analyze_stream", "ordered_map", "process_pool",
    "stop_between_chunks",
]
