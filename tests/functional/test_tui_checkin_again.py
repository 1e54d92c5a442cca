"""A skipped morning check-in can be opened again from home (its key, or the palette)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from rehab_tui.domain.clock import FakeClock
from rehab_tui.domain.records import logged_session
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.checkin import CheckinScreen
from rehab_tui.tui.screens.home import HomeScreen

SIZE = (80, 24)
MORNING = datetime(2026, 3, 3, 7, 30, tzinfo=UTC)


def shown_keys(app) -> list[str]:
    """The descriptions the footer shows."""
    return [b.binding.description for b in app.active_bindings.values() if b.binding.show]


def question(app) -> str:
    return str(app.screen.query_one("#pain-question").content)


async def test_a_skipped_check_in_opens_again_from_home(catalog, store):
    step = catalog.ladder[0]
    store.add_session(logged_session(step.exercises, MORNING - timedelta(hours=23), step, 2, ""))
    app = RehabApp(catalog, store, FakeClock(MORNING))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Check-in" in shown_keys(app)
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert "after yesterday's session" in question(app)
        await pilot.press("3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert store.checkins() == [{"date": "2026-03-03", "pain": 3}]


async def test_with_none_due_it_asks_about_this_morning(catalog, store):
    app = RehabApp(catalog, store, FakeClock(MORNING))
    async with app.run_test(size=SIZE) as pilot:
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Check-in" in commands  # the palette offers it too
        await pilot.press("k")
        await pilot.pause()
        assert "How does the tendon feel this morning?[" in question(app)
        await pilot.press("1", "enter")
        await pilot.pause()
    assert store.checkins()[0]["date"] == "2026-03-03"


async def test_the_morning_after_a_run_asks_about_the_run(catalog, store):
    started = MORNING - timedelta(hours=15)
    store.add_run(
        {
            "id": f"{started:%Y%m%d-%H%M%S}-aa01",
            "started_at": started.isoformat(timespec="seconds"),
            "minutes": 30,
            "km": None,
            "pain": 2,
            "kind": "continuous",
            "level": None,
            "note": "",
        }
    )
    app = RehabApp(catalog, store, FakeClock(MORNING))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, CheckinScreen)
        assert "this morning, after yesterday's run?" in question(app)
        await pilot.press("1", "enter")
        await pilot.pause()
    assert store.checkins() == [{"date": "2026-03-03", "pain": 1}]
