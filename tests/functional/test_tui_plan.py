"""First start, the morning check-in and red-flag advice, driven through the app."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from rehab_tui.domain.clock import FakeClock
from rehab_tui.domain.outcomes import checkin_due
from rehab_tui.domain.records import logged_session
from rehab_tui.domain.safety import RED_FLAGS
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.red_flag import RedFlagScreen
from rehab_tui.tui.dialogs.red_flag_questions import RedFlagQuestionsScreen
from rehab_tui.tui.screens.checkin import CheckinScreen
from rehab_tui.tui.screens.first_start import FirstStartScreen
from rehab_tui.tui.screens.home import HomeScreen

SIZE = (80, 24)
MORNING = datetime(2026, 3, 3, 7, 30, tzinfo=UTC)


def home_text(app) -> str:
    return str(app.screen.query_one("#plan").content)


async def test_first_start_with_every_default(catalog, new_store):
    app = RehabApp(catalog, new_store, FakeClock(MORNING))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, FirstStartScreen)
        assert "advice, not a diagnosis" in str(app.screen.query_one("#question").content)
        await pilot.press("enter", "enter", "enter", *["enter"] * len(RED_FLAGS))
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "First session" in home_text(app)
    assert new_store.setting("profile") == {
        "tendinopathy": "midportion",
        "baseline": 0,
        "limits": "strict",
        "heel_raise_floor": 20,
        "symmetry_pct": 90,
        "weights": True,
    }


async def test_first_start_insertional_with_a_baseline(catalog, new_store):
    app = RehabApp(catalog, new_store, FakeClock(MORNING))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "i", "enter", "2", "enter", *["n"] * len(RED_FLAGS))
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    profile = new_store.setting("profile")
    assert profile["tendinopathy"] == "insertional" and profile["baseline"] == 2


async def test_first_start_can_be_skipped(catalog, new_store):
    app = RehabApp(catalog, new_store, FakeClock(MORNING))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert new_store.setting("profile")["tendinopathy"] == "midportion"


async def test_a_red_flag_says_see_a_clinician_first(catalog, new_store):
    app = RehabApp(catalog, new_store, FakeClock(MORNING))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "enter", "n", "y")
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)
        assert RED_FLAGS[1].question in str(app.screen.query_one(".detail").content)
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
        text = home_text(app)
        assert "RED FLAG: see a clinician first" in text and "Running today: rest" in text
        assert "An easy run is fine" not in text
    # Kept: a restart shows it again.
    app = RehabApp(catalog, new_store, FakeClock(MORNING))
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, HomeScreen)
        assert "RED FLAG: see a clinician first" in home_text(app)


def yesterday_session(catalog, pain=2):
    step = catalog.ladder[0]
    return logged_session(step.exercises, MORNING - timedelta(hours=23), step, pain, "")


async def test_the_morning_after_a_session_opens_with_a_check_in(catalog, store):
    store.add_session(yesterday_session(catalog))
    app = RehabApp(catalog, store, FakeClock(MORNING))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("1", "tab", *"15", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Pain 2/10 on Mon 2 Mar, back to 1/10 the next morning" not in home_text(app)
        assert "Next-morning pain 1/10 after Mon 2 Mar, above your usual 0: holding" in home_text(
            app
        )
    assert store.checkins() == [{"date": "2026-03-03", "pain": 1, "stiffness_min": 15}]


async def test_no_check_in_twice(catalog, store):
    store.add_session(yesterday_session(catalog))
    store.add_checkin({"date": "2026-03-03", "pain": 0})
    app = RehabApp(catalog, store, FakeClock(MORNING))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert "1 of 3 green sessions" in home_text(app)
        await pilot.pause()


async def test_pain_7_at_check_in_brings_up_the_red_flag_advice(catalog, store):
    store.add_session(yesterday_session(catalog))
    app = RehabApp(catalog, store, FakeClock(MORNING))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, RedFlagQuestionsScreen)  # asked again after the advice
        await pilot.press(*["n"] * len(RED_FLAGS))
        await pilot.pause()
        assert "no running today" in home_text(app).lower()


async def test_pain_7_after_a_session_brings_up_the_red_flag_advice(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "q", "y", "7", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)
        await pilot.press("enter", "escape", "enter")  # the advice, the questions, the summary
        await pilot.pause()
        homes = [s for s in app.screen_stack if isinstance(s, HomeScreen)]
        assert len(homes) == 1 and app.screen is homes[0]
        assert "STEP BACK" in home_text(app) or "already at the first step" in home_text(app)


def test_checkin_due_window():
    session = {"started_at": "2026-03-02T18:00:00+00:00", "ended_at": "2026-03-02T18:30:00+00:00"}
    at = datetime(2026, 3, 2, 18, 30, tzinfo=UTC)
    assert checkin_due([session], [], at + timedelta(hours=11)) is None
    assert checkin_due([session], [], at + timedelta(hours=12)).day.isoformat() == "2026-03-02"
    assert checkin_due([session], [], at + timedelta(hours=48)) is not None
    assert checkin_due([session], [], at + timedelta(hours=49)) is None
    assert (
        checkin_due([session], [{"date": "2026-03-03", "pain": 0}], at + timedelta(hours=14))
        is None
    )
    assert checkin_due([{**session, "ended_at": None}], [], at + timedelta(hours=14)) is None


def test_no_morning_check_in_is_asked_on_the_sessions_own_day():
    early = {"started_at": "2026-03-02T07:00:00+00:00", "ended_at": "2026-03-02T07:20:00+00:00"}
    evening = datetime(2026, 3, 2, 19, 30, tzinfo=UTC)  # 12 h 10 min later, the same day
    assert checkin_due([early], [], evening) is None
    next_morning = datetime(2026, 3, 3, 7, 30, tzinfo=UTC)
    assert checkin_due([early], [], next_morning).day.isoformat() == "2026-03-02"


async def test_an_open_red_flag_is_a_banner_after_a_restart_and_nothing_starts(catalog, store):
    store.set_setting("red_flags", {"tiptoe": {"answer": True, "date": "2026-03-01"}})
    for _ in range(2):  # a restart reads the same stored answer
        app = RehabApp(catalog, store, FakeClock(MORNING))
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.screen, HomeScreen)
            text = home_text(app)
            assert "RED FLAG: see a clinician first" in text and "No loading today." in text
            assert "Running today: rest" in text
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
    assert list(store.sessions()) == []


async def test_a_hard_stop_names_its_last_day_on_home(catalog, store):
    store.add_session(yesterday_session(catalog, pain=7))
    store.add_checkin({"date": "2026-03-03", "pain": 2})
    app = RehabApp(catalog, store, FakeClock(MORNING))
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, HomeScreen)
        assert "NO RUNNING up to and including Sun 15 Mar" in home_text(app)
