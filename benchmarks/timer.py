"""A real 30 s hold in the real App (headless, `App.run_test()`), timed as handed to the widget.

    python -m benchmarks.timer DATA_DIR [--no-history]   prints one JSON object

A quick timer's 30 s hold is played on the real clock, with a pause (space 10.3 s into the hold,
again 3 s later); without --no-history the history screen is first opened (every row loaded),
scrolled to its end and left with escape. Measured:

- each change of the big number, timestamped as it is handed to the `BigCount` widget (not yet
  at the terminal: benchmarks/glass_timer.py measures that), against the truth: the countdown's
  start (the `Playback`'s own instant) + the 5 s lead-in + the seconds of the hold + the exact span
  of the pause; and the hold's length (start to the end of the session) against 30 s + the pause:
  timer_max_err_ms is the larger.
- every garbage collection during the countdown (lead-in and hold), timed with `gc.callbacks`.
  The process starts as the `rehab-tui` command does, collection paused until the first frame
  (rehab_tui.gc_pause). (gc_pause_max_ms itself is measured at the glass, in the app a user
  runs: benchmarks/glass_session.py.)
- the process's CPU over the hold (from the pause to the end), headless.

It runs in a process of its own so that the benchmark's own objects are not collected with it.
"""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from rehab_tui.gc_pause import pause_collection

HOLD_S = 30
PAUSE_AT_S = 10.3  # into the hold
PAUSE_FOR_S = 3.0


class Collections:
    """Every collection's (start, seconds, generation), timed by gc.callbacks."""

    def __init__(self) -> None:
        self.seen: list[tuple[float, float, int]] = []
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.monotonic()
        else:
            self.seen.append((self._began, time.monotonic() - self._began, info["generation"]))

    def between(self, begin: float, end: float) -> list[tuple[float, float, int]]:
        return [c for c in self.seen if begin <= c[0] <= end]


class Recorder:
    """Each number handed to the player's big count, and the instant the session ends,
    timestamped."""

    def __init__(self, app: Any) -> None:
        from rehab_tui.tui.widgets.big_count import BigCount

        self.shown: list[tuple[float, str]] = []
        self.ends: list[float] = []
        self._update = update = BigCount.update
        end = app.end_session

        def recording_update(widget: BigCount, value: str) -> None:
            self.shown.append((time.monotonic(), value))
            update(widget, value)

        def recording_end(*args: Any, **kwargs: Any) -> None:
            self.ends.append(time.monotonic())
            end(*args, **kwargs)

        BigCount.update = recording_update  # type: ignore[method-assign]
        app.end_session = recording_end

    def restore(self) -> None:
        from rehab_tui.tui.widgets.big_count import BigCount

        BigCount.update = self._update  # type: ignore[method-assign]


async def run_hold(data_dir: Path, open_history: bool = True) -> dict[str, float]:
    from rehab_tui.domain.clock import SystemClock
    from rehab_tui.domain.quick import QuickTimer
    from rehab_tui.domain.timeline import LEAD_IN_S
    from rehab_tui.storage.catalog import load_catalog
    from rehab_tui.storage.store import Store
    from rehab_tui.tui.app import RehabApp
    from rehab_tui.tui.screens.pain import PainScreen
    from rehab_tui.tui.screens.player import PlayerScreen

    collections = Collections()
    gc.callbacks.append(collections)
    store = Store(data_dir)
    app = RehabApp(load_catalog(), store, SystemClock())
    recorder = Recorder(app)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            if open_history:
                await _history_and_back(app, pilot)
            app.start_quick_timer(QuickTimer(hold=HOLD_S))
            await pilot.pause()
            player = app.screen
            assert isinstance(player, PlayerScreen), player
            playback = player.playback
            start = playback._started  # the instant the countdown began (the lead-in)
            hold_start = start + LEAD_IN_S
            await asyncio.sleep(hold_start + PAUSE_AT_S - time.monotonic())
            cpu_start, wall_start = time.process_time(), time.monotonic()
            await pilot.press("space")
            paused_at = playback._paused_at
            await asyncio.sleep(PAUSE_FOR_S)
            await pilot.press("space")
            pause = playback.total_paused_s
            while not isinstance(app.screen, PainScreen):
                await asyncio.sleep(0.05)
            (ended,) = recorder.ends
            cpu = time.process_time() - cpu_start
            wall = time.monotonic() - wall_start
            await pilot.pause()  # let the pain screen finish mounting before the app closes
    finally:
        recorder.restore()
        gc.callbacks.remove(collections)
        store.close()

    lateness = _lateness(recorder.shown, hold_start, paused_at, pause)
    hold_error = (ended - hold_start) - (HOLD_S + pause)
    during = collections.between(start, ended)
    return {
        "changes": len(lateness),
        "worst_late_ms": max(lateness) * 1000,
        "earliest_ms": min(lateness) * 1000,
        "hold_error_ms": hold_error * 1000,
        "pause_s": pause,
        "cpu_pct": 100 * cpu / wall,
        "gc_max_ms": max((seconds for _, seconds, _ in during), default=0.0) * 1000,
        "gc_count": len(during),
        "gc_full": sum(1 for _, _, generation in during if generation == 2),
    }


async def _history_and_back(app: Any, pilot: Any) -> None:
    """History opened from home, every row loaded, scrolled to the end, and left."""
    from rehab_tui.tui.screens.home import HomeScreen

    assert isinstance(app.screen, HomeScreen), app.screen
    await pilot.press("h")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("ctrl+end")
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen), app.screen


def _lateness(
    shown: list[tuple[float, str]], hold_start: float, paused_at: float | None, pause: float
) -> list[float]:
    """Seconds late of each number of the hold handed to the widget (the "30" is due at the
    hold's start; `seconds` from the moment the remaining time drops to it)."""
    lateness = []
    for at, value in shown:
        if not value.isdigit() or at < hold_start:  # the get-ready's numbers
            continue
        seconds = int(value)
        due = hold_start + (HOLD_S - seconds)
        if paused_at is not None and due > paused_at:
            due += pause
        if seconds == HOLD_S:
            due = hold_start
        lateness.append(at - due)
    return lateness


def start(data_dir: Path, open_history: bool = False) -> subprocess.Popen[str]:
    """The hold, begun in a new process (`python -m benchmarks.timer`); see `result`."""
    command = [sys.executable, "-m", "benchmarks.timer", str(data_dir)]
    if not open_history:
        command.append("--no-history")
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[1],
    )


def result(process: subprocess.Popen[str]) -> dict[str, float]:
    out, errors = process.communicate(timeout=600)
    if process.returncode != 0:
        raise RuntimeError(f"the headless hold failed: {errors[-2000:]}")
    return json.loads(out.splitlines()[-1])


if __name__ == "__main__":
    pause_collection()  # as the `rehab-tui` command starts (rehab_tui/startup.py)
    figures = asyncio.run(run_hold(Path(sys.argv[1]), "--no-history" not in sys.argv))
    print(json.dumps(figures))
