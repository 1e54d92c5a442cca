"""A bound on the app's way out: once an exit signal arrives, the process ends within seconds.

Textual's shutdown can block for good when the terminal has gone: its output thread dies on the
closed terminal and the main thread then waits on a queue nobody drains (Textual issue #6692).
SIGTERM then does nothing, and the data folder's writer lock stays held, so every later start
is refused. The first exit signal (closing the terminal, `kill`, Ctrl+C) starts this watchdog;
the normal way out gets GRACE_S. If the process is still there after that, the watchdog finishes
the saves still pending, closes the store (which releases the lock) and ends the process with
os._exit: nothing else of a hung shutdown is worth waiting for.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

GRACE_S = 2.0


class ExitWatchdog:
    """Ends the process `grace_s` after `arm`, unless `disarm` came first (the app ended)."""

    def __init__(self, finish: Callable[[], None], grace_s: float = GRACE_S) -> None:
        self._finish = finish  # saves what is pending and closes the store; must not hang
        self._grace_s = grace_s
        self._ended = threading.Event()
        self._thread: threading.Thread | None = None

    def arm(self, return_code: int) -> None:
        """Start counting; called from a signal handler, so it only starts a thread."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._watch, args=(return_code,), name="exit watchdog", daemon=True
        )
        self._thread.start()

    def disarm(self) -> None:
        """The app ended the normal way: nothing to do."""
        self._ended.set()

    def _watch(self, return_code: int) -> None:
        if self._ended.wait(self._grace_s):
            return
        try:
            self._finish()
        finally:
            os._exit(return_code)
