"""Ctrl-C that stops a long run cleanly between chunks.

Python's default handler raises ``KeyboardInterrupt`` wherever the main
thread happens to be, and an exception raised inside a destructor or a
garbage-collector callback is printed and *swallowed* ("Exception ignored
in ..."), so an unlucky Ctrl-C can be lost. :func:`stop_between_chunks`
instead records the first Ctrl-C and the chunk loop raises
``KeyboardInterrupt`` itself at the next chunk boundary (within one chunk's
time), after that chunk is committed. A second Ctrl-C stops at once.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["StopFlag", "stop_between_chunks"]

logger = logging.getLogger(__name__)


class StopFlag:
    """Set by the first Ctrl-C; :meth:`check` raises ``KeyboardInterrupt`` once set."""

    def __init__(self) -> None:
        self.requested = False

    def check(self) -> None:
        """Raise ``KeyboardInterrupt`` if a stop was requested."""
        if self.requested:
            raise KeyboardInterrupt


@contextlib.contextmanager
def stop_between_chunks(notify: Callable[[str], None] | None = None) -> Iterator[StopFlag]:
    """Route Ctrl-C (SIGINT) to a :class:`StopFlag` for the duration of the block.

    Outside the main thread (where signal handlers cannot be set) the flag is
    never set and Ctrl-C behaves as usual.

    Examples
    --------
    >>> with stop_between_chunks() as stop:
    ...     stop.requested
    False
    """
    flag = StopFlag()
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return
    say = notify or logger.warning

    def handler(signum: int, frame: Any) -> None:
        if flag.requested:  # second Ctrl-C: stop now
            signal.signal(signal.SIGINT, previous)
            raise KeyboardInterrupt
        flag.requested = True
        say("Stopping after the current chunk (press Ctrl-C again to stop at once).")

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, previous)
