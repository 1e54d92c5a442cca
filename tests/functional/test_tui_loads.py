"""The player asks the weight used as a loaded exercise starts, before its get-ready runs: once,
prefilled, half a kilogram per up or down, enter saves, escape skips; never with no weights at
home, for an unloaded exercise, or again after a resume once the weight is recorded."""

from __future__ import annotations

from datetime import datetime

from msgspec.structs import replace
from textual.widgets import Digits, Input, Label

from rehab_tui.domain.library import Catalog, PlannedExercise
from rehab_tui.domain.records import new_session
from rehab_tui.services.rehab import Rehab
from rehab_tui.storage.routines import Routine
from rehab_tui.storage.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.load import LoadScreen
from rehab_tui.tui.dialogs.resume import ResumeScreen
from rehab_tui.tui.screens.player import PlayerScreen

SIZE = (80, 24)
LOADED = "loaded-single-raise"


def one_set(catalog: Catalog, exercise_id: str) -> PlannedExercise:
    exercise = catalog.exercises[exercise_id]
    return PlannedExercise(exercise, replace(exercise.dose, sets=1, rest_s=10))


def routine(catalog: Catalog, *ids: str) -> Routine:
    return Routine("Heavy", "", tuple(one_set(catalog, i) for i in ids))


def last_week(store: Store, catalog: Catalog, load_kg: float) -> None:
    session = new_session((one_set(catalog, LOADED),), datetime(2026, 2, 24, 8).astimezone(), None)
    session["exercises"][0]["load_kg"] = load_kg
    store.add_session(session)


def shown(app) -> tuple[str, str]:
    screen = app.screen
    return str(screen.query_one("#phase", Label).content), screen.query_one("#count", Digits).value


def field(app) -> str:
    return app.screen.query_one("#load-kg", Input).value


async def start(pilot, *ids: str) -> str:
    app = pilot.app
    started = app.rehab.start_routine(routine(app.catalog, *ids))
    app.play(started)
    await pilot.pause()
    return started.session_id


def recorded(store: Store, session_id: str) -> list[float | None]:
    return [e.get("load_kg") for e in store.session(session_id)["exercises"]]


async def test_prefilled_with_the_last_weight_half_kilo_steps_enter_saves(catalog, store, clock):
    last_week(store, catalog, 12.5)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        session_id = await start(pilot, LOADED)
        assert isinstance(app.screen, LoadScreen)
        question = str(app.screen.query_one(".question", Label).content)
        assert question == "Weight used: Loaded single-leg heel raise"
        assert field(app) == "12.5"
        await pilot.press("up", "up", "up", "down")
        assert field(app) == "13.5"
        clock.advance(60)  # however long the answer takes, the get-ready waits for it
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert shown(app) == ("GET READY", "5")
        assert recorded(store, session_id) == [13.5]
        clock.advance(5)
        app.screen.update_now()
        assert shown(app)[0] != "GET READY"


async def test_digits_typed_replace_the_weight_and_a_wrong_one_is_not_saved(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        session_id = await start(pilot, LOADED)
        assert field(app) == "0"  # nothing recorded before, no plan to suggest one
        await pilot.press("down")
        assert field(app) == "0"  # never below 0
        await pilot.press("1", "2", ".", "3", "enter")
        assert isinstance(app.screen, LoadScreen)
        assert "steps of 0.5 kg" in str(app.screen.query_one("#load-error", Label).content)
        await pilot.press("up")
        assert field(app) == "12.5"
        await pilot.press("2", "2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert recorded(store, session_id) == [22.0]


async def test_escape_records_nothing_and_the_session_plays_on(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        session_id = await start(pilot, LOADED)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert shown(app) == ("GET READY", "5")
        assert recorded(store, session_id) == [None]


async def test_not_asked_with_no_weights_at_home(catalog, store, clock):
    Rehab(store, catalog, clock).change_profile(weights=False)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        session_id = await start(pilot, LOADED)
        assert isinstance(app.screen, PlayerScreen)
        assert shown(app) == ("GET READY", "5")
        assert recorded(store, session_id) == [None]


async def test_asked_as_the_loaded_exercise_starts_not_before_nor_again(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        session_id = await start(pilot, "iso-double-straight", LOADED)
        assert isinstance(app.screen, PlayerScreen)  # the hold takes no weight
        await pilot.press("n", "n", "n")  # get ready, hold, rest: the loaded one starts
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        await pilot.press("up", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and shown(app) == ("GET READY", "5")
        await pilot.press("b", "n")  # back into the rest, and on again: not asked again
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert recorded(store, session_id) == [None, 0.5]


async def test_the_plans_suggestion_is_a_hint(catalog, store, clock, monkeypatch):
    rehab = Rehab(store, catalog, clock)
    plan = replace(rehab.plan(), exercises=(one_set(catalog, LOADED),), load_kg={LOADED: 12.5})
    monkeypatch.setattr(Rehab, "plan", lambda self, day=None: plan)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.play(app.rehab.start_plan(plan))
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        assert field(app) == "12.5"
        hint = str(app.screen.query_one(".detail", Label).content)
        assert hint.startswith("The plan suggests about 12.5 kg.")


async def test_a_resumed_session_is_not_asked_again_once_recorded(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        session_id = await start(pilot, LOADED)
        await pilot.press("up", "up", "enter")
        await pilot.pause()
    # The terminal closed at the get-ready; the next start offers to resume it.
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert shown(app) == ("GET READY", "5")
    assert recorded(store, session_id) == [1.0]


async def test_a_resumed_session_whose_weight_was_skipped_is_asked(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, LOADED)
        await pilot.press("escape")
        await pilot.pause()
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
