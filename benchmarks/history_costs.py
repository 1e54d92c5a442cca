"""Costs that must not grow with ten years of history: saving a set, the plan. (The history
screen, the exports and memory are measured at the glass and as subprocesses: glass_session.py,
exports.py.)"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from rehab_tui.domain.clock import SystemClock
from rehab_tui.domain.records import new_session
from rehab_tui.services.planning import plan_for
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


def median(values: list[float]) -> float:
    return statistics.median(values)


def paired_ratio(measured: list[float], anchors: list[float]) -> float:
    """The median of each launch's ratio to its anchor's launch of the same round: a minute
    when the host runs slow slows both of a pair, so it moves one ratio, not a median. (The
    ratio of two medians let one slow minute in a run move a figure by 0.1.)"""
    return statistics.median(m / a for m, a in zip(measured, anchors, strict=True))
