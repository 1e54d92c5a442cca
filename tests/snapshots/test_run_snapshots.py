"""How the Runs screen, the "log a run" form and the walk-run player look, at 80×24 and 120×40
(review the SVGs before accepting changes)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from rehab_tui.domain.clock import FakeClock
from rehab_tui.domain.run_log import new_run
from rehab_tui.storage.catalog import load_catalog
from rehab_tui.storage.store import Store
from rehab_tui.tui.app import RehabApp

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def no_speech_program(monkeypatch):
    monkeypatch.setattr("rehab_tui.tui.cues.find_speech_program", lambda: None)


def runner_app(private_dirs) -> tuple[RehabApp, FakeClock]:
    """Five weeks back on the walk-run ladder: the entry walk and hop test, level 1 twice,
    level 2 twice, then a 30-minute run that broke the spike guard and hurt a little."""
    store = Store(private_dirs)
    store.set_setting("profile", {"tendinopathy": "midportion", "baseline": 0, "limits": "strict"})
    store.add_test(
        {"id": "hop-1", "date": "2026-02-01", "kind": "hop", "left": 10, "right": 10, "pain": 1}
    )
    for n in range(35):
        day = date(2026, 1, 28) + timedelta(days=n)
        store.add_checkin({"date": day.isoformat(), "pain": 0})
    runs = [
        (2, 30, 2.8, 1, "walk", None),
        (9, 20, 2.9, 1, "walk_run", 1),
        (11, 20, 3.0, 1, "walk_run", 1),
        (16, 21, 3.3, 2, "walk_run", 2),
        (18, 21, 3.4, 1, "walk_run", 2),
        (24, 30, 5.1, 4, "continuous", None),
    ]
    for day, minutes, km, pain, kind, level in runs:
        started = datetime(2026, 2, day, 18).astimezone()
        store.add_run(new_run(started, minutes, km, pain, kind, level))  # type: ignore[arg-type]
    clock = FakeClock()
    return RehabApp(load_catalog(), store, clock), clock


def open_ladder_app(private_dirs) -> tuple[RehabApp, FakeClock]:
    """Today plays level 1 of the ladder (its entry met two days ago)."""
    store = Store(private_dirs)
    store.set_setting("profile", {"tendinopathy": "midportion", "baseline": 0, "limits": "strict"})
    store.add_test(
        {"id": "hop-1", "date": "2026-03-01", "kind": "hop", "left": 10, "right": 10, "pain": 1}
    )
    store.add_run(new_run(datetime(2026, 3, 1, 18).astimezone(), 30, 2.9, 1, "walk"))
    for day in ("2026-03-02", "2026-03-03"):
        store.add_checkin({"date": day, "pain": 0})
    clock = FakeClock()
    return RehabApp(load_catalog(), store, clock), clock


@pytest.mark.parametrize("size", SIZES)
def test_runs_screen(snap_compare, private_dirs, size):
    app, _ = runner_app(private_dirs)
    assert snap_compare(app, terminal_size=size, press=["u"])


@pytest.mark.parametrize("size", SIZES)
def test_log_a_run_form(snap_compare, private_dirs, size):
    app, _ = open_ladder_app(private_dirs)

    async def run_before(pilot):
        await pilot.press("u", "l", "2", "5", "tab", "f", "a", "r", "enter")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_walk_run_player(snap_compare, private_dirs, size):
    app, clock = open_ladder_app(private_dirs)

    async def run_before(pilot):
        await pilot.press("w")
        await pilot.pause()
        for seconds in (5, 60, 20):  # get ready, the first run, 20 s into the walk
            clock.advance(seconds)
            pilot.app.screen.update_now()
        pilot.app.screen.query_one("#stage").remove_class("-flash")  # 0.4 s of real time

    assert snap_compare(app, terminal_size=size, run_before=run_before)
