"""A real 30 s hold on the real clock in the real App (headless), with a pause and a resume.

Every change of the big number is timestamped as it is handed to the screen. The truth it is
compared with: the session's start instant (read when enter is handled) plus the 5 s lead-in,
plus the exact span of the pause, plus the seconds of the hold; a shown second must change when
the true remaining time crosses it. Also measured: the hold's total length against 30 s plus the
pause, and the process's CPU time over the hold.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from textual.widgets import Digits

from rehab_tui.domain.clock import SystemClock
from rehab_tui.domain.timeline import LEAD_IN_S
from rehab_tui.storage.catalog import load_catalog
from rehab_tui.storage.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.pain import PainScreen
from rehab_tui.tui.screens.player import PlayerScreen

HOLD_S = 30
CATALOG = Path(__file__).with_name("hold30.yaml")
PAUSE_AT_S = 10.3  # into the hold
PAUSE_FOR_S = 3.0


async def run_hold(data_dir: Path) -> dict[str, float]:
    store = Store(data_dir)
    store.set_setting("profile", {"tendinopathy": "midportion", "baseline": 0})
    store.set_setting("sound", False)
    app = RehabApp(load_catalog(CATALOG), store, SystemClock())
    shown: list[tuple[float, str]] = []
    original_update = Digits.update

    def recording_update(self: Digits, value: str) -> None:
        shown.append((time.monotonic(), value))
        original_update(self, value)

    Digits.update = recording_update  # type: ignore[method-assign]
    ends: list[float] = []
    original_end = app.end_session

    def recording_end(*args, **kwargs) -> None:
        ends.append(time.monotonic())
        original_end(*args, **kwargs)

    app.end_session = recording_end  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            player = app.screen
            assert isinstance(player, PlayerScreen)
            playback = player.playback
            start = playback._started  # the instant the session began (the lead-in), app's clock
            hold_start = start + LEAD_IN_S
            await asyncio.sleep(hold_start + PAUSE_AT_S - time.monotonic())
            cpu_start, wall_start = time.process_time(), time.monotonic()
            await pilot.press("space")
            paused_at = playback._paused_at
            await asyncio.sleep(PAUSE_FOR_S)
            await pilot.press("space")
            resumed_at = time.monotonic()
            pause = playback.total_paused_s
            while not isinstance(app.screen, PainScreen):
                await asyncio.sleep(0.05)
            (ended,) = ends
            cpu = time.process_time() - cpu_start
            wall = time.monotonic() - wall_start
            await pilot.pause()  # let the pain screen finish mounting before the app closes
    finally:
        Digits.update = original_update  # type: ignore[method-assign]
        store.close()

    lateness = []
    for at, value in shown:
        if not value.isdigit() or at < hold_start - 0.5:
            continue
        seconds = int(value)
        if at < hold_start:  # the "30" that starts the hold
            continue
        # `seconds` is shown from the moment the remaining time drops to it.
        due = hold_start + (HOLD_S - seconds)
        if paused_at is not None and due > paused_at:
            due += pause
        if seconds == HOLD_S:
            due = hold_start
        lateness.append(at - due)
    hold_error = (ended - hold_start) - (HOLD_S + pause)
    return {
        "changes": len(lateness),
        "worst_late_ms": max(lateness) * 1000,
        "earliest_ms": min(lateness) * 1000,
        "hold_error_ms": hold_error * 1000,
        "pause_s": pause,
        "resumed_at": resumed_at,
        "cpu_pct": 100 * cpu / wall,
    }
