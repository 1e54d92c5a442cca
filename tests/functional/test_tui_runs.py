"""The Runs screen, the "log a run" form and the walk-run player (DOMAIN §7), driven by keys
with a FakeClock: what is shown, what is saved (once), what is refused, and a resume after a
crash."""

from __future__ import annotations

from datetime import datetime

import pytest

from rehab_tui.domain.kinds.intervals import played_run
from rehab_tui.domain.outcomes import Outcome
from rehab_tui.domain.run_log import new_run
from rehab_tui.services.results import ServiceError
from rehab_tui.storage import locations
from rehab_tui.storage.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.log_run import LogRunScreen
from rehab_tui.tui.dialogs.red_flag import RedFlagScreen
from rehab_tui.tui.dialogs.resume import ResumeScreen
from rehab_tui.tui.screens.home import HomeScreen
from rehab_tui.tui.screens.player import PlayerScreen
from rehab_tui.tui.screens.run_pain import RunPainScreen
from rehab_tui.tui.screens.runs import RunsScreen

SIZE = (80, 24)
LEVEL_1_S = 10 * 120  # 10 × (1 min run / 1 min walk)


def at(day: int, hour: int = 18) -> datetime:
    return datetime(2026, 3, day, hour).astimezone()


def ladder_open(store: Store) -> Store:
    """A runner whose entry to the walk-run ladder is met (a brisk 30-minute walk and the hop
    test, both green), checked in this morning: today (Tue 3 Mar) plays level 1."""
    store.add_test(
        {"id": "hop-1", "date": "2026-03-01", "kind": "hop", "left": 10, "right": 10, "pain": 1}
    )
    store.add_run(new_run(at(1), 30, 2.9, 1, "walk"))
    for day in ("2026-03-02", "2026-03-03"):
        store.add_checkin({"date": day, "pain": 0})
    return store


@pytest.fixture
def runner(store: Store) -> Store:
    return ladder_open(store)


class FakeSpeaker:
    program = "fake"

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, words: str) -> None:
        self.said.append(words)


async def tick(pilot, clock, seconds: float, step: float = 1.0) -> None:
    """Move the clock `seconds` in steps, redrawing the player after each."""
    moved = 0.0
    while moved < seconds - 1e-9:
        clock.advance(min(step, seconds - moved))
        moved += step
        pilot.app.screen.update_now()
        await pilot.pause()


def shown(app) -> tuple[str, str]:
    screen = app.screen
    return str(screen.query_one("#phase").content), screen._shown.get("#count")


# -- the Runs screen ---------------------------------------------------------------------------


async def test_the_runs_screen_lists_runs_newest_first_judged_and_flagged(catalog, store, clock):
    store.add_run(new_run(at(1, 7), 20, 4.0, 1))  # Sun 1 Mar, 20 min
    store.add_run(new_run(at(2), 30, 5.0, 4))  # Mon 2 Mar, 30 min: over 22 (the guard), amber
    for day in ("2026-03-02", "2026-03-03"):
        store.add_checkin({"date": day, "pain": 0})
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RunsScreen)
        rows = screen.rows
        assert [r.run["minutes"] for r in rows] == [30, 20]
        assert rows[0].over_guard is not None and rows[1].over_guard is None
        assert [r.outcome for r in rows] == [Outcome.AMBER, Outcome.GREEN]
        head = str(screen.query_one("#runs-today").content)
        assert "Running today:" in head
        assert "Longest run of the last 30 days: 30 min, 5 km on Mon 2 Mar." in head
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_runs_screen_says_why_and_how_long_today(catalog, runner, clock):
    app = RehabApp(catalog, runner, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        running = app.screen.running
        assert running.verdict == "run" and running.level.number == 1
        head = str(app.screen.query_one("#runs-today").content)
        assert "10 × (1 min run / 1 min walk) · up to 20 min" in head
        for reason in running.reasons:
            assert reason.split(" (")[0] in head.replace("\n", " ")


# -- the "log a run" form ------------------------------------------------------------------------


async def open_form(pilot) -> LogRunScreen:
    await pilot.press("u")
    await pilot.pause()
    await pilot.press("l")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, LogRunScreen)
    return form


async def test_a_run_logged_in_the_form_is_saved_and_listed(catalog, runner, clock):
    app = RehabApp(catalog, runner, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press(*"25", "tab", *"4,2", "tab", "tab", "tab", *"easy loop", "tab", "2")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunsScreen)
        assert app.screen.rows[0].run["minutes"] == 25
        assert form.is_attached is False
    run = runner.runs(None)[-1]
    assert (run["minutes"], run["km"], run["pain"], run["note"]) == (25, 4.2, 2, "easy loop")
    # Today's level is the form's kind until changed.
    assert (run["kind"], run["level"]) == ("walk_run", 1)
    assert run["started_at"].startswith("2026-03-03")


@pytest.mark.parametrize(
    ("minutes", "km", "day", "said"),
    [
        ("", "", "2026-03-03", "Minutes: how long the run took, e.g. 25."),
        ("abc", "", "2026-03-03", "Minutes: a number like 25, got 'abc'."),
        ("0", "", "2026-03-03", "A run's minutes must be more than 0"),
        ("25", "far", "2026-03-03", "Distance (km): a number like 4.2, got 'far'."),
        ("25", "", "3 March", "Date: a date like 2026-03-03, got '3 March'."),
        ("25", "", "2026-03-05", "is in the future"),
    ],
)
async def test_a_mistake_in_the_form_is_one_sentence_and_nothing_is_saved(
    catalog, runner, clock, minutes, km, day, said
):
    before = len(runner.runs(None))
    app = RehabApp(catalog, runner, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one("#run-minutes").value = minutes
        form.query_one("#run-km").value = km
        form.query_one("#run-date").value = day
        form.submit()
        await pilot.pause()
        assert app.screen is form
        error = str(form.query_one("#run-error").content)
        assert said in error and len(error.splitlines()) == 1 and error.endswith("."), error
    assert len(runner.runs(None)) == before


async def test_a_logged_run_at_the_hard_stop_shows_the_sessions_advice(catalog, runner, clock):
    app = RehabApp(catalog, runner, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one("#run-minutes").value = "10"
        form.query_one("#run-pain").value = 7
        form.submit()
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)
        assert "You rated the pain 7/10 during the run." in str(
            app.screen.query_one(".detail").content
        )
    assert runner.runs(None)[-1]["pain"] == 7


# -- the walk-run player -----------------------------------------------------------------------


async def test_the_player_plays_run_and_walk_with_their_cues(catalog, runner, clock):
    speaker = FakeSpeaker()
    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("speech = true\n")
    app = RehabApp(catalog, runner, clock, speaker=speaker)
    async with app.run_test(size=SIZE) as pilot:
        rings = []
        app.cues.ring = lambda: rings.append(clock.now())  # type: ignore[method-assign]
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert shown(app) == ("GET READY", "5")
        await tick(pilot, clock, 5)
        assert shown(app) == ("RUN", "1:00")
        assert app.screen.query_one("#stage").has_class("-flash")
        await tick(pilot, clock, 60)
        assert shown(app) == ("WALK", "1:00")
        assert app.screen.query_one("#stage").has_class("-walk")
        await tick(pilot, clock, 60)
        assert shown(app) == ("RUN", "1:00")
        assert "Repeat 2 of 10" in str(app.screen.query_one("#detail").content)
    assert speaker.said[:4] == ["get ready", "three", "two", "one"]
    assert speaker.said[4:12] == ["run", "three", "two", "one", "walk", "three", "two", "one"]
    assert speaker.said[12] == "run"
    assert len(rings) == 3  # RUN, WALK, RUN: a ring at each change of part


async def test_pausing_stops_the_clock_and_space_resumes(catalog, runner, clock):
    app = RehabApp(catalog, runner, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")  # from home: today is run at a walk-run level
        await pilot.pause()
        await tick(pilot, clock, 5 + 20)
        assert shown(app) == ("RUN", "0:40")
        await pilot.press("space")
        await tick(pilot, clock, 300, step=30)
        assert shown(app) == ("PAUSED · RUN", "0:40")
        await pilot.press("space")
        await tick(pilot, clock, 40)
        assert shown(app) == ("WALK", "1:00")


async def test_a_played_level_is_saved_once_as_a_run_with_its_minutes(catalog, runner, clock):
    app = RehabApp(catalog, runner, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        session_id = app.screen.session_id
        await tick(pilot, clock, 5 + LEVEL_1_S, step=30)
        assert isinstance(app.screen, RunPainScreen)
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RunsScreen)
        assert app.screen.rows[0].run["kind"] == "walk_run"
        with pytest.raises(ServiceError):  # its session is gone: nothing to record again
            app.rehab.finish_walk_run(session_id, 2, "")
    played = [r for r in runner.runs(None) if r["kind"] == "walk_run"]
    assert len(played) == 1
    assert (played[0]["minutes"], played[0]["level"], played[0]["pain"]) == (20.0, 1, 2)
    assert played[0]["started_at"].startswith("2026-03-03T08:00")
    # The session was only the player's journal: history shows the run, not a session too.
    assert list(runner.sessions()) == [] and runner.active_session() is None


async def test_ending_early_records_the_minutes_run_without_the_level(catalog, runner, clock):
    app = RehabApp(catalog, runner, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        await tick(pilot, clock, 5 + 120 + 90, step=15)  # 3 min 30 s: repeat 2's walk
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, RunPainScreen)
        await pilot.press("1", "enter")
        await pilot.pause()
    run = next(r for r in runner.runs(None) if r["kind"] == "walk_run")
    assert run["minutes"] == 3.5 and run["level"] is None  # a part of level 1 is not level 1
    assert "1 of level 1's 10 repeats done in full" in run["note"]


async def test_a_walk_run_resumes_after_a_crash_and_is_recorded_once(catalog, runner, clock):
    app = RehabApp(catalog, runner, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        await tick(pilot, clock, 5 + 2 * 120 + 30, step=15)  # into repeat 3
        await app.workers.wait_for_complete()
    # The app died mid-run: the next start offers to resume at repeat 3.
    app = RehabApp(catalog, runner, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.playback.step.set_number == 3
        assert shown(app) == ("RUN", "1:00")
        await tick(pilot, clock, 8 * 120, step=30)
        assert isinstance(app.screen, RunPainScreen)
        await pilot.press("1", "enter")
        await pilot.pause()
    played = [r for r in runner.runs(None) if r["kind"] == "walk_run"]
    assert [(r["minutes"], r["level"]) for r in played] == [(20.0, 1)]


def test_a_finish_cut_short_after_the_run_was_saved_does_not_save_it_again(
    catalog, runner, clock, monkeypatch
):
    """A crash between saving the run and dropping its session: the next finish drops it."""
    from rehab_tui.domain.playback import SetResult
    from rehab_tui.services.rehab import Rehab

    rehab = Rehab(runner, catalog, clock)
    started = rehab.start_walk_run(rehab.plan().running)
    for number in (1, 2):
        rehab.save_set(
            started.session_id,
            SetResult(
                0,
                "quick-intervals",
                number,
                None,
                "intervals",
                120,
                120.0,
                False,
                0,
                "2026-03-03T08:05:00+00:00",
            ),
        )
    drop = runner.drop_session

    def crash(session_id: str) -> None:
        raise OSError("the power went")

    monkeypatch.setattr(runner, "drop_session", crash)
    with pytest.raises(OSError):
        rehab.finish_walk_run(started.session_id, 1, "")
    monkeypatch.setattr(runner, "drop_session", drop)
    assert runner.active_session() is not None
    assert rehab.finish_walk_run(started.session_id, 1, "") is None  # found: not logged again
    played = [r for r in runner.runs(None) if r["kind"] == "walk_run"]
    assert [r["minutes"] for r in played] == [4.0] and runner.active_session() is None


def test_a_played_session_names_its_run(catalog, runner, clock):
    from rehab_tui.services.rehab import Rehab

    rehab = Rehab(runner, catalog, clock)
    started = rehab.start_walk_run(rehab.plan().running)
    session = runner.session(started.session_id)
    assert played_run(session).minutes == 0
    assert rehab.is_walk_run(started.session_id)


async def test_with_no_walk_run_today_the_keys_say_why(catalog, store, clock):
    app = RehabApp(catalog, store, clock)  # a new runner: the ladder is not open
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("u", "p")
        await pilot.pause()
        assert isinstance(app.screen, RunsScreen)
        assert any("Nothing to play" in n.message for n in app._notifications)


async def test_a_logged_run_over_the_spike_guard_is_saved_and_flagged(catalog, runner, clock):
    runner.add_run(new_run(at(2, 7), 20, None, 1))  # Mon 2 Mar: 20 min, so 22 is the guard
    app = RehabApp(catalog, runner, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one("#run-minutes").value = "30"
        form.submit()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RunsScreen)
        assert screen.rows[0].run["minutes"] == 30 and screen.rows[0].over_guard is not None
        assert any(n.title == "Over the spike guard" for n in app._notifications)
