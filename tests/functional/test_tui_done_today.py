"""Home after today's session: it says the session is done (pain and outcome so far) and what
comes next; enter offers a second session only where the stage counts one, else asks first."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from rehab_tui.domain.pain import DEFAULT_LIMITS
from rehab_tui.domain.record_types import SessionKind
from rehab_tui.domain.today import DoneToday, done_today
from rehab_tui.services.rehab import Rehab
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.confirm import ConfirmScreen
from rehab_tui.tui.screens.home import HomeScreen, plan_text
from rehab_tui.tui.screens.player import PlayerScreen

SIZE = (80, 24)
TODAY = date(2026, 3, 3)  # the fake clock's day


def home_text(app) -> str:
    return str(app.screen.query_one("#plan", Static).content)


async def play_through_and_rate(pilot, pain_key: str) -> None:
    """Today's session from home to the summary, every step skipped with n, rated."""
    await pilot.press("enter")
    while isinstance(pilot.app.screen, PlayerScreen):
        await pilot.press("n", "d")
        await pilot.pause()
    await pilot.press(pain_key, "enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.press("enter")  # the summary, back home
    await pilot.pause()


async def test_home_says_today_is_done_and_an_extra_session_is_asked_first(
    mini_catalog, store, clock
):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        assert "to start." in home_text(app)
        await play_through_and_rate(pilot, "2")
        assert isinstance(app.screen, HomeScreen)
        text = home_text(app)
        assert "Today's session is done: pain 2/10, green so far" in text
        assert "Next: the morning check-in on Wed 04 Mar (k)." in text
        assert "to start." not in text
        assert "extra session: it is saved, but does not count toward a step up" in text
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)


async def test_stage_1_offers_a_second_session_that_counts(catalog, store, clock):
    Rehab(store, catalog, clock).log_session(TODAY, 4, "")
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        text = home_text(app)
        assert "Today's session is done: pain 4/10, amber so far" in text
        assert "for a second session today (this stage counts 2 a day)" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)  # no question: it counts


def session(started_at: str, **changes) -> dict:
    record = {
        "id": started_at,
        "kind": SessionKind.PLAN,
        "started_at": started_at,
        "completed": True,
        "pain": 1,
        "ladder_index": 0,
    }
    return {**record, **changes}


def test_only_finished_rated_plan_sessions_of_today_are_done(catalog):
    at = "2026-03-03T09:00:00+00:00"
    assert done_today(catalog, [], TODAY) is None
    for not_done in (
        session(at, completed=False),
        session(at, pain=None),
        session(at, kind=SessionKind.FREE),
        session("2026-03-02T09:00:00+00:00"),
    ):
        assert done_today(catalog, [not_done], TODAY) is None
    one = done_today(catalog, [session(at)], TODAY)
    assert one is not None and one.another_counts and one.per_day == 2
    two = done_today(catalog, [session(at), session("2026-03-03T18:00:00+00:00")], TODAY)
    assert two is not None and not two.another_counts and len(two.sessions) == 2
    light = done_today(catalog, [session(at, light=True)], TODAY)
    assert light is not None and light.light and not light.another_counts


def test_a_light_day_says_so(catalog, store, clock):
    plan = Rehab(store, catalog, clock).plan()
    light = DoneToday((session("2026-03-03T09:00:00+00:00"),), True, False, 1)
    text = plan_text(plan, done=light, limits=DEFAULT_LIMITS).plain
    assert "Today's light-day session is done: pain 1/10, green so far" in text
    assert "extra session" in text
