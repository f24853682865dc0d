"""Pause Python's cyclic garbage collector around allocation-heavy work.

Analysing a chunk allocates hundreds of thousands of short-lived containers
(token lists, clause records, mention dicts, per-row emotion lists). Each 700
allocations trigger a collection of the youngest generation, and every tenth of
those a walk over the older ones, which hold the models' vocabularies and
lookup tables. Nearly all of this work finds nothing: the analysis makes almost
no reference cycles (on 20,000 tweets the collector freed a few thousand
objects in all). Measured in one process on 20,000 tweets with the fast preset
(best of 3, interleaved): 2,810 comments/s with the collector on, 3,212/s with it
paused. Memory is bounded because only one chunk's garbage can wait, and the
collector runs as usual once the chunk is done.

The standard library's :func:`gc.disable`/:func:`gc.enable` is all this needs;
the context manager only makes sure a caller's own setting is restored.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block; restore it afterwards.

    Reference counting still frees objects as soon as they are unused; only
    the search for reference cycles waits. A collector that was already
    disabled (by the caller) stays disabled.

    Examples
    --------
    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
