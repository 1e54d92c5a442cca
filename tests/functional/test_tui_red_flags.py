"""Red flags in the app (DOMAIN.md §8): while one is open nothing that loads the tendon starts,
from any key; pain at the hard stop and settings ask the questions again."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rehab_tui.domain.clock import FakeClock
from rehab_tui.domain.pain import DEFAULT_LIMITS
from rehab_tui.domain.quick import QuickTimer
from rehab_tui.domain.safety import LOADING_REFUSED, RED_FLAGS, RedFlagAnswer
from rehab_tui.services.rehab import Rehab
from rehab_tui.services.results import ServiceError
from rehab_tui.storage.routines import ensure_routines_file
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.capacity import CapacityScreen
from rehab_tui.tui.dialogs.red_flag import RedFlagScreen
from rehab_tui.tui.dialogs.red_flag_questions import RedFlagQuestionsScreen
from rehab_tui.tui.dialogs.routines import RoutinesScreen
from rehab_tui.tui.screens.home import HomeScreen
from rehab_tui.tui.screens.settings import SettingsScreen

SIZE = (80, 24)
MORNING = datetime(2026, 3, 3, 7, 30, tzinfo=UTC)


def with_open_red_flag(store) -> None:
    Rehab(store, lambda: None, FakeClock(MORNING)).answer_red_flags({"tiptoe": True})  # type: ignore[arg-type]


def refusals(app) -> list[str]:
    return [n.message for n in app._notifications if n.message == LOADING_REFUSED]


async def test_no_key_starts_loading_while_a_red_flag_is_open(private_dirs, catalog, store):
    from rehab_tui.storage import locations

    with_open_red_flag(store)
    ensure_routines_file(locations.config_dir() / "routines.yaml", DEFAULT_LIMITS)
    app = RehabApp(catalog, store, FakeClock(MORNING))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the quick timer: refused before its form opens
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(refusals(app)) == 1
        await pilot.press("r", "enter")  # a routine: the list opens, playing is refused
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(refusals(app)) == 2
        await pilot.press("c", "1")  # a capacity test
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(refusals(app)) == 3
        await pilot.press("enter")  # the plan
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(refusals(app)) == 4
    assert store.active_session() is None and next(store.sessions(), None) is None


async def test_routines_and_capacity_dialogs_still_open(private_dirs, catalog, store):
    from rehab_tui.storage import locations

    with_open_red_flag(store)
    ensure_routines_file(locations.config_dir() / "routines.yaml", DEFAULT_LIMITS)
    app = RehabApp(catalog, store, FakeClock(MORNING))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)  # following one may still be chosen
        await pilot.press("escape", "c")
        await pilot.pause()
        assert isinstance(app.screen, CapacityScreen)  # a VISA-A score loads nothing


async def test_the_timer_command_does_not_play_while_a_red_flag_is_open(catalog, store):
    with_open_red_flag(store)
    app = RehabApp(catalog, store, FakeClock(MORNING), quick=QuickTimer(hold=30, sets=2))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(refusals(app)) == 1
    assert store.active_session() is None


def test_the_use_cases_refuse_to_start_loading_too(catalog, store):
    with_open_red_flag(store)
    rehab = Rehab(store, catalog, FakeClock(MORNING))
    with pytest.raises(ServiceError, match="red flag is open"):
        rehab.start_plan(rehab.plan())
    with pytest.raises(ServiceError, match="red flag is open"):
        rehab.start_quick_timer(QuickTimer(hold=30, sets=2))
    rehab.clear_red_flags(MORNING.date())
    assert rehab.start_plan(rehab.plan()).session_id


# -- pain at the hard stop, and settings, ask the red-flag questions again -------------------


def home_text(app) -> str:
    return str(app.screen.query_one("#plan").content)


async def test_a_7_rating_asks_the_questions_and_a_yes_opens_the_banner(mini_catalog, store):
    clock = FakeClock(MORNING)
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "q", "y", "7", "enter")  # start, end early, rate 7/10
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)  # today's advice first
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RedFlagQuestionsScreen)
        await pilot.press("n", "y", *["n"] * (len(RED_FLAGS) - 2))
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)  # the yes: see a clinician first
        assert RED_FLAGS[1].question in str(app.screen.query_one(".detail").content)
        await pilot.press("enter", "enter")  # the advice, then the summary
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "RED FLAG: see a clinician first" in home_text(app)
    answers = Rehab(store, mini_catalog, clock).red_flag_answers()
    assert answers["tiptoe"] == RedFlagAnswer(True, MORNING.date())
    assert answers["snap"] == RedFlagAnswer(False, MORNING.date()) and len(answers) == len(
        RED_FLAGS
    )


async def test_settings_ask_the_questions_again(catalog, store):
    clock = FakeClock(MORNING)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert "Red-flag questions" in [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, RedFlagQuestionsScreen)
        await pilot.press("y", "escape")  # a yes, then stop: the rest stay unanswered
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)
        await pilot.press("enter", "escape")  # the advice, then back home from settings
        await pilot.pause()
        assert "RED FLAG: see a clinician first" in home_text(app)
    assert list(Rehab(store, catalog, clock).red_flag_answers()) == ["snap"]
