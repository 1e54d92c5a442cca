"""How the main screens look, at 80×24 and 120×40 (review the SVGs before accepting changes)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from msgspec.structs import replace

from rehab_tui.domain.clock import FakeClock
from rehab_tui.domain.library import PlannedExercise
from rehab_tui.domain.records import new_session
from rehab_tui.services.rehab import Rehab
from rehab_tui.storage.catalog import load_catalog
from rehab_tui.storage.store import Store
from rehab_tui.tui.app import RehabApp
from tests.history_data import fill_weeks

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def no_speech_program(monkeypatch):
    """The settings screen names the machine's speech program: the same on every machine here."""
    monkeypatch.setattr("rehab_tui.tui.cues.find_speech_program", lambda: None)


@pytest.fixture(autouse=True)
def fixed_folders(monkeypatch, private_dirs):
    """Screens that name a folder show the same one in every run (nothing is written there)."""
    home = Path("/home/runner")
    monkeypatch.setattr(
        "rehab_tui.storage.locations.config_dir", lambda: home / ".config/rehab-tui"
    )
    monkeypatch.setattr("rehab_tui.storage.locations.export_dir", lambda: home / "Documents")


TEMPO_RUNG = 6  # stage 2: lower on one leg, floor level


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


# -- every other screen, at both sizes ----------------------------------------------------


def make_app_without_todays_checkin(private_dirs) -> RehabApp:
    catalog = load_catalog()
    store = Store(private_dirs)
    store.set_setting("profile", {"tendinopathy": "midportion", "baseline": 0, "limits": "strict"})
    step = catalog.ladder[TEMPO_RUNG]
    done = new_session(step.exercises, datetime(2026, 3, 2, 18).astimezone(), step)
    store.start_session(done)
    store.finish_session(done["id"], ended_at=done["started_at"], completed=True, pain=2)
    return RehabApp(catalog, store, FakeClock())


def app_with_unfinished_session(private_dirs) -> RehabApp:
    app, _ = make_app(private_dirs)
    step = app.catalog.ladder[0]
    app.store.start_session(new_session(step.exercises, datetime(2026, 3, 3, 7).astimezone(), step))
    return app


def plain_app(private_dirs) -> RehabApp:
    return make_app(private_dirs)[0]


def new_user_app(private_dirs) -> RehabApp:
    return RehabApp(load_catalog(), Store(private_dirs), FakeClock())


# name -> (how to make the app, keys to press)
SCENES = {
    "first_start": (new_user_app, []),
    "checkin": (make_app_without_todays_checkin, []),
    "resume": (app_with_unfinished_session, []),
    "help": (plain_app, ["question_mark"]),
    "end_question": (plain_app, ["enter", "q"]),
    "summary": (plain_app, ["enter", "q", "y", "2", "enter"]),
    "red_flag": (plain_app, ["enter", "q", "y", "8", "enter"]),
    "settings": (plain_app, ["s"]),
    "quick_timer": (plain_app, ["t"]),
    "routines": (plain_app, ["r"]),
    "capacity": (plain_app, ["c"]),
    "visa_a": (plain_app, ["c", "3"]),
    "session_detail": (make_app_with_history, ["h", "enter"]),
    "export": (make_app_with_history, ["h", "e"]),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", SCENES)
def test_screen(snap_compare, private_dirs, scene, size):
    make, keys = SCENES[scene]
    app = make(private_dirs)

    async def run_before(pilot):
        for key in keys:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_too_small(snap_compare, private_dirs):
    assert snap_compare(plain_app(private_dirs), terminal_size=(50, 16))


@pytest.mark.parametrize("size", SIZES)
def test_hold_in_a_light_theme(snap_compare, private_dirs, size):
    app, clock = make_app(private_dirs)
    app.config.values["theme"] = "textual-light"
    app.preferences.apply_theme()  # as when the preferences file names it: before the app runs

    async def run_before(pilot):
        await pilot.press("enter")
        settle(pilot, clock, 5 + 7.5)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_weight_dialog(snap_compare, private_dirs, monkeypatch):
    """As a loaded exercise starts: last time's weight, and the plan's suggestion as a hint."""
    app, _ = make_app(private_dirs)
    loaded = app.catalog.exercises["loaded-single-raise"]
    exercises = (PlannedExercise(loaded, loaded.dose),)
    last_week = new_session(exercises, datetime(2026, 2, 24, 8).astimezone(), None)
    last_week["exercises"][0]["load_kg"] = 12.5
    app.store.add_session(last_week)
    plan = replace(app.rehab.plan(), exercises=exercises, load_kg={loaded.id: 15.0})
    monkeypatch.setattr(Rehab, "plan", lambda self, day=None: plan)
    assert snap_compare(app, terminal_size=(80, 24), press=["enter"])
