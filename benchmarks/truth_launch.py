"""`rehab-tui` as its installed script starts it, telling the benchmark the player's true instants.

    python benchmarks/truth_launch.py LOG_FILE [rehab-tui arguments...]

The timer at the glass needs the truth a frame is compared with: the instant the countdown's
clock started (when its `Playback` is made, and again when the player starts it afresh at its
first frame drawn: the last of those is the truth), and the instants of a pause and a resume. This wrapper, the benchmark's
own, appends those instants to LOG_FILE as JSON lines, read from the player's clock
(`time.monotonic()`, the system-wide monotonic clock that the benchmark's own stamps use), and
each garbage collection that took 1 ms or more. Nothing in rehab_tui is changed: `Playback`'s
methods are wrapped here, then the command's own entry point (rehab_tui.startup.main) runs.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from typing import Any

from rehab_tui.domain.playback import Playback

LOG = sys.argv.pop(1)


def log(event: str, at: float, **more: Any) -> None:
    with open(LOG, "a", encoding="utf-8") as file:
        file.write(json.dumps({"event": event, "at": at, **more}) + "\n")


def wrap_playback() -> None:
    made, pause, resume = Playback.__init__, Playback.pause, Playback.resume
    start_now = Playback.start_now

    def logged_init(self: Playback, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        log("start", self._started)

    def logged_start_now(self: Playback) -> None:
        start_now(self)
        log("start", self._started)  # the clock started again, at the step's first frame

    def logged_pause(self: Playback) -> None:
        pause(self)
        if self._paused_at is not None:
            log("pause", self._paused_at)

    def logged_resume(self: Playback) -> None:
        paused_at, before = self._paused_at, self.total_paused_s
        resume(self)
        if paused_at is not None:
            log("resume", paused_at + self.total_paused_s - before)

    Playback.__init__ = logged_init  # type: ignore[method-assign]
    Playback.start_now = logged_start_now  # type: ignore[method-assign]
    Playback.pause = logged_pause  # type: ignore[method-assign]
    Playback.resume = logged_resume  # type: ignore[method-assign]


def time_collections() -> None:
    began: list[float] = []

    def on_collection(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[:] = [time.monotonic()]
        elif began and (took := time.monotonic() - began[0]) >= 0.001:
            log("gc", began[0], ms=took * 1000, generation=info["generation"])

    gc.callbacks.append(on_collection)


if __name__ == "__main__":
    wrap_playback()
    time_collections()
    from rehab_tui.startup import main

    sys.argv[0] = "rehab-tui"
    raise SystemExit(main())
