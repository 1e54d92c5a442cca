"""The quick timer before the first start: a physio's paper program plays in one command on a
fresh install, and the welcome and the red-flag questions come before the plan is first shown."""

from __future__ import annotations

from datetime import UTC, datetime

from rehab_tui.domain.clock import FakeClock
from rehab_tui.domain.quick import QuickTimer
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.quick_timer import QuickTimerScreen
from rehab_tui.tui.screens.first_start import FirstStartScreen
from rehab_tui.tui.screens.home import HomeScreen
from rehab_tui.tui.screens.pain import PainScreen
from rehab_tui.tui.screens.player import PlayerScreen
from rehab_tui.tui.screens.summary import SummaryScreen

SIZE = (80, 24)
MORNING = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


async def advance(pilot, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    pilot.app.screen.update_now()
    await pilot.pause()


async def finish_the_timer(pilot, clock: FakeClock) -> None:
    """Plays the one 10 s hold to its end, then rates it 1/10 and leaves the summary."""
    assert isinstance(pilot.app.screen, PlayerScreen)
    await advance(pilot, clock, 5 + 10 + 0.1)
    await pilot.app.workers.wait_for_complete()
    assert isinstance(pilot.app.screen, PainScreen)
    await pilot.press("1", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SummaryScreen)
    await pilot.press("enter")
    await pilot.pause()


def stack_names(app) -> list[str]:
    return [type(screen).__name__ for screen in app.screen_stack[1:]]


async def test_the_timer_command_plays_at_once_on_a_fresh_install(catalog, new_store):
    clock = FakeClock(MORNING)
    app = RehabApp(catalog, new_store, clock, quick=QuickTimer(hold=10, sets=1, rest=10))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert stack_names(app) == ["PlayerScreen"]  # no welcome, no questions before it
        await finish_the_timer(pilot, clock)
        # The plan is next: the welcome and its questions come first, never home.
        assert stack_names(app) == ["FirstStartScreen"]
        assert new_store.setting("profile") is None
        await pilot.press("enter", "enter", "enter")  # welcome, tendon, baseline
        for _ in range(6):  # every red-flag question, answered no
            assert app.screen.step == "flags"
            await pilot.press("n")
        await pilot.pause()
        assert stack_names(app) == ["HomeScreen"]
    assert len(new_store.setting("red_flags")) == 6
    assert [s["quick"] for s in new_store.sessions()] == [True]


async def test_t_on_the_welcome_plays_a_timer_and_comes_back_to_the_questions(catalog, new_store):
    clock = FakeClock(MORNING)
    new_store.set_setting("quick_timer", QuickTimer(hold=10, sets=1, rest=10).to_dict())
    app = RehabApp(catalog, new_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, FirstStartScreen)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, QuickTimerScreen)
        await pilot.press("enter")
        await pilot.pause()
        await finish_the_timer(pilot, clock)
        assert stack_names(app) == ["FirstStartScreen"]  # one welcome, where it was
        await pilot.press("s")  # skipping still leads to the plan only now
        await pilot.pause()
        assert stack_names(app) == ["HomeScreen"]


async def test_escape_from_the_summary_never_shows_the_plan_before_the_questions(
    catalog, new_store
):
    clock = FakeClock(MORNING)
    app = RehabApp(catalog, new_store, clock, quick=QuickTimer(hold=10, sets=1, rest=10))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q", "y")  # ended at once
        await pilot.pause()
        await pilot.press("0", "enter", "escape")
        await pilot.pause()
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)
        assert isinstance(app.screen, FirstStartScreen)


async def test_a_session_left_unfinished_is_not_overwritten_by_the_timer(catalog, new_store):
    from rehab_tui.domain.records import new_session

    step = catalog.ladder[0]
    unfinished = new_session(step.exercises, MORNING, step)
    new_store.start_session(unfinished)
    app = RehabApp(catalog, new_store, FakeClock(MORNING), quick=QuickTimer(hold=10, sets=1))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstStartScreen)
    assert new_store.active_session()["id"] == unfinished["id"]
