"""Costs that must not grow with ten years of history: saving a set, the plan; and, reported
without goals yet, the history screen's first rows, an export, and peak memory."""

from __future__ import annotations

import asyncio
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from rehab_tui.domain.clock import SystemClock
from rehab_tui.domain.records import new_session
from rehab_tui.exchange.export import render
from rehab_tui.services.planning import load_profile, plan_for
from rehab_tui.storage.catalog import load_catalog
from rehab_tui.storage.store import Store


def save_set_ms(data_dir: Path, saves: int) -> list[float]:
    """Milliseconds per completed-set save into today's session (fsyncs included)."""
    catalog = load_catalog()
    with Store(data_dir) as store:
        store.acquire_writer_lock()
        plan = plan_for(store, catalog, datetime.now().date())
        session = new_session(plan.exercises, SystemClock().wall(), plan.step)
        store.start_session(session)
        times = []
        for number in range(1, saves + 1):
            result = {
                "set": number,
                "side": None,
                "planned": 30,
                "done": 30.0,
                "skipped": False,
                "paused_s": 0.0,
                "completed_at": SystemClock().wall().isoformat(timespec="seconds"),
            }
            start = time.perf_counter()
            store.save_set(session["id"], 0, result)
            times.append((time.perf_counter() - start) * 1000)
        store.finish_session(
            session["id"], ended_at=SystemClock().wall().isoformat(), pain=1, note=""
        )
    return times


def plan_times(
    data_dir: Path, empty_dir: Path, runs: int, command_words: tuple[str, ...] = ("plan",)
) -> tuple[list[float], list[float]]:
    """Wall seconds of `rehab-tui plan --json` (or `run plan --json`) with the history and with
    none, alternated."""
    script = Path(sys.executable).with_name("rehab-tui")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "rehab_tui"]

    def once(folder: Path) -> float:
        start = time.perf_counter()
        subprocess.run(
            [*command, "--data-dir", str(folder), *command_words, "--json"],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start

    once(data_dir), once(empty_dir)  # warm the file cache
    full, empty = [], []
    for _ in range(runs):
        full.append(once(data_dir))
        empty.append(once(empty_dir))
    return full, empty


def history_first_rows_s(data_dir: Path) -> tuple[float, float]:
    """Seconds from pressing h to the first rows on screen, and to every row, in the real
    (headless) app: each batch of rows is timestamped as the screen adds it."""
    from rehab_tui.tui.app import RehabApp
    from rehab_tui.tui.screens.history import HistoryScreen
    from rehab_tui.tui.screens.home import HomeScreen

    added: list[float] = []
    original = HistoryScreen.add_rows

    def recording_add_rows(self: HistoryScreen, rows: list, more: bool) -> None:
        original(self, rows, more)
        added.append(time.perf_counter())

    async def run() -> tuple[float, float]:
        with Store(data_dir) as store:
            app = RehabApp(load_catalog(), store, SystemClock())
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                assert isinstance(app.screen, HomeScreen), app.screen
                start = time.perf_counter()
                await pilot.press("h")
                await app.workers.wait_for_complete()
                await pilot.pause()
                return added[0] - start, added[-1] - start

    HistoryScreen.add_rows = recording_add_rows  # type: ignore[method-assign]
    try:
        return asyncio.run(run())
    finally:
        HistoryScreen.add_rows = original  # type: ignore[method-assign]


def export_s(data_dir: Path, fmt: str) -> float:
    catalog = load_catalog()
    with Store(data_dir) as store:
        start = time.perf_counter()
        now = SystemClock().wall()
        render(fmt, store, plan_for(store, catalog, now.date()), load_profile(store), now, False)
        return time.perf_counter() - start


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median(values: list[float]) -> float:
    return statistics.median(values)
