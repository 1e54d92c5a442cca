"""Work held back until the next frame has been drawn.

When a hold ends, the frame that shows it (the rest, the next get-ready, the pain question) is
due on the second. The set's save parses and rewrites a month file in a thread, and a thread
shares the interpreter: started in the same instant, it slowed that frame by tens of ms. Such
work is queued here and runs right after the frame (Textual's `call_after_refresh`), or at once
when something needs it done (`flush`: the rating waits for every save).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App


class AfterFrame:
    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._queued: list[Callable[[], object]] = []

    def __call__(self, work: Callable[[], object]) -> None:
        """Run `work` on the event loop once the next frame is drawn."""
        self._queued.append(work)
        self._app.call_after_refresh(self.flush)

    def flush(self) -> None:
        """Run whatever is still queued, in order, now."""
        while self._queued:
            self._queued.pop(0)()
