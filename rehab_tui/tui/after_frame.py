"""Work held back until the next frame has been drawn.

When a hold ends, the frame that shows it (the rest, the next get-ready, the last count at zero)
is due on the second. The set's save parses and rewrites a month file in a thread, and a thread
shares the interpreter: started in the same instant, it slowed that frame by tens of ms; the
screen after a session takes as long to build. Such work is queued here and runs as soon as the
next frame has been handed to the terminal (Textual calls `post_display_hook` after each one),
or at the latest after LATEST_S (a frame that changed nothing is never drawn). A save's thread
starts at once (so that waiting for the saves, or the app's exit, still waits for it) and waits
on a `FrameDrawn` before it begins.

`call_after_refresh` is not enough: it runs at once when the screen has not yet noted the
change about to be drawn, which is how an update made in the same handler usually stands.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from textual.app import App
from textual.timer import Timer

LATEST_S = 0.1


class FrameDrawn(threading.Event):
    """Set once the next frame is drawn; a thread waits on it LATEST_S at most (the app may be
    closing, with no frame to come)."""

    def wait(self, timeout: float | None = LATEST_S) -> bool:
        return super().wait(timeout)


class AfterFrameApp(App[None]):
    _after_frame: list[Callable[[], object]] | None = None  # made on first use
    _after_frame_latest: Timer | None = None

    def after_frame(self, work: Callable[[], object]) -> None:
        """Run `work` on the event loop once the next frame is drawn."""
        if self._after_frame is None:
            self._after_frame = []
        self._after_frame.append(work)
        if self._after_frame_latest is None:
            self._after_frame_latest = self.set_timer(LATEST_S, self.flush_after_frame)

    def frame_drawn(self) -> FrameDrawn:
        """An event set once the next frame is drawn, for a thread to wait on."""
        drawn = FrameDrawn()
        self.after_frame(drawn.set)
        return drawn

    def post_display_hook(self) -> None:
        super().post_display_hook()
        if self._after_frame:
            self.call_later(self.flush_after_frame)

    def flush_after_frame(self) -> None:
        """Run whatever is still queued, in order, now."""
        if self._after_frame_latest is not None:
            self._after_frame_latest.stop()
            self._after_frame_latest = None
        queued = self._after_frame or []
        while queued:
            queued.pop(0)()
