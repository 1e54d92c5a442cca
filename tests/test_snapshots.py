"""How the main screens look, at 80×24 and 120×40 (review the SVGs before accepting changes)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from rehab_tui.catalog import load_catalog
from rehab_tui.clock import FakeClock
from rehab_tui.records import new_session
from rehab_tui.store import Store
from rehab_tui.tui.app import RehabApp
from tests.history_data import fill_weeks

SIZES = [(80, 24), (120, 40)]
TEMPO_RUNG = 11  # stage 2: lower on one leg, floor level


def make_app(private_dirs, rung: int = 0) -> tuple[RehabApp, FakeClock]:
    catalog = load_catalog()
    store = Store(private_dirs)
    store.set_setting("profile", {"tendinopathy": "midportion", "baseline": 0, "limits": "strict"})
    if rung:
        step = catalog.ladder[rung]
        done = new_session(step.exercises, datetime(2026, 3, 2, 8).astimezone(), step)
        store.start_session(done)
        store.finish_session(done["id"], ended_at=done["started_at"], completed=True, pain=1)
        store.add_checkin({"date": "2026-03-03", "pain": 0})
    clock = FakeClock()
    return RehabApp(catalog, store, clock), clock


def settle(pilot, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    screen = pilot.app.screen
    screen.update_now()
    screen.query_one("#stage").remove_class("-flash")  # the flash lasts 0.4 s of real time


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, private_dirs, size):
    app, _ = make_app(private_dirs)
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_hold(snap_compare, private_dirs, size):
    app, clock = make_app(private_dirs)

    async def run_before(pilot):
        await pilot.press("enter")
        settle(pilot, clock, 5 + 7.5)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_tempo(snap_compare, private_dirs, size):
    app, clock = make_app(private_dirs, TEMPO_RUNG)

    async def run_before(pilot):
        await pilot.press("enter")
        settle(pilot, clock, 5 + 5 + 2.5)  # rep 2, second 2 of the lowering

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_pain(snap_compare, private_dirs, size):
    app, _ = make_app(private_dirs)

    async def run_before(pilot):
        await pilot.press("enter", "q", "y", "4")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def make_app_with_history(private_dirs) -> RehabApp:
    app, _ = make_app(private_dirs)
    fill_weeks(app.store, app.catalog, date(2026, 3, 1))
    return app


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare, private_dirs, size):
    app = make_app_with_history(private_dirs)

    async def run_before(pilot):
        await pilot.press("h")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_trends(snap_compare, private_dirs, size):
    app = make_app_with_history(private_dirs)
    assert snap_compare(app, terminal_size=size, press=["g"])
