"""History, a session's detail, trends, capacity tests and export, driven like a user would."""

from __future__ import annotations

import io
from datetime import date

import pytest
from rich.console import Console
from textual.widgets import DataTable

from rehab_tui.services.history_pages import PAGE_ROWS
from rehab_tui.storage.errors import DamagedFileError
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.capacity import CapacityScreen
from rehab_tui.tui.dialogs.resume import ResumeScreen
from rehab_tui.tui.dialogs.score import ScoreScreen
from rehab_tui.tui.screens.history import HistoryScreen
from rehab_tui.tui.screens.home import HomeScreen
from rehab_tui.tui.screens.pain import PainScreen
from rehab_tui.tui.screens.player import PlayerScreen
from rehab_tui.tui.screens.session_detail import SessionDetailScreen
from rehab_tui.tui.screens.summary import SummaryScreen
from rehab_tui.tui.screens.trends import TrendsScreen
from tests.history_data import PAINS, fill_weeks

SIZE = (80, 24)
TODAY = date(2026, 3, 3)  # the FakeClock's day


def plain(renderable) -> str:
    console = Console(width=100, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()


async def open_history(pilot) -> HistoryScreen:
    await pilot.press("h")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_history_lists_sessions_newest_first_and_opens_one(catalog, store, clock):
    fill_weeks(store, catalog, date(2026, 3, 1))
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        table = history.query_one(DataTable)
        assert table.row_count == len(PAINS)
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == "01 Mar 2026" and first[4] == "1/10" and first[5] == "0/10"
        assert "18 sessions" in str(history.query_one("#history-head").content)
        await pilot.press("down", "enter")
        detail = app.screen
        assert isinstance(detail, SessionDetailScreen)
        text = plain(detail.query_one("#session-detail").content)
        assert "Friday 27 February 2026" in text and "Pain during: 1/10" in text
        assert "Single-leg heel-raise hold" in text
        await pilot.press("escape")
        assert app.screen is history
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_a_routine_s_name_in_brackets_is_shown_as_written(catalog, store, clock):
    """A routine is named by its user: brackets in its name are words, never markup (a "[/]"
    would stop the table with a markup error, a "[b]" would turn bold)."""
    from datetime import UTC, datetime

    from rehab_tui.domain.record_types import SessionKind
    from rehab_tui.domain.records import new_session

    for hour, name in ((17, "[b]heavy[/b]"), (18, "calf [/] sol")):
        routine = new_session(
            catalog.ladder[0].exercises[:1],
            datetime(2026, 3, 2, hour, tzinfo=UTC),
            None,
            SessionKind.ROUTINE,
            routine=name,
        )
        routine.update(ended_at=routine["started_at"], completed=True, pain=1)
        store.add_session(routine)
    store.add_checkin({"date": TODAY.isoformat(), "pain": 0})  # home, not the morning's question
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        table = history.query_one(DataTable)
        labels = [table.get_row_at(row)[1] for row in range(table.row_count)]
        assert [label.plain for label in labels] == ["calf [/] sol", "[b]heavy[/b]"]
        assert not any(label.spans or label.style for label in labels)  # nothing turned bold


@pytest.mark.parametrize("damaged", ["2026-03", "2025-02"])
async def test_a_month_damaged_after_start_is_named_once_and_the_rest_shown(
    catalog, store, clock, damaged
):
    """The newest month (read before the screen's first frame) or an older one past the first
    page (read in a worker as the table scrolls), damaged while the app runs: named once, in a
    notice; the rows read until then stay, and the screen stays up."""
    for last_day in (date(2025, 3, 1), date(2025, 6, 1), date(2025, 9, 1), date(2025, 12, 1)):
        fill_weeks(store, catalog, last_day)
    fill_weeks(store, catalog, date(2026, 3, 1))
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        (store.data_dir / "sessions" / f"{damaged}.json").write_text("{not json")
        history = await open_history(pilot)
        first_page = history.query_one(DataTable).row_count
        while not history.pages.done:
            await pilot.press("ctrl+end")
            await app.workers.wait_for_complete()
            await pilot.pause()
        said = [n.message for n in app._notifications if f"{damaged}.json" in n.message]
        assert len(said) == 1 and "not valid JSON" in said[0]
        rows = history.query_one(DataTable).row_count
        # Four blocks of 18 after February 2025, and 1 March 2025 (its block's last day).
        assert rows == (0 if damaged == "2026-03" else 4 * len(PAINS) + 1)
        assert first_page == (0 if damaged == "2026-03" else PAGE_ROWS)  # the rest: a worker's
        head = str(history.query_one("#history-head").content)
        assert "Older sessions are not shown" in head and "No sessions yet" not in head
        assert (" since " in head) == (rows > 0)  # never a count that reads as the whole
        assert isinstance(app.screen, HistoryScreen)


async def test_a_page_of_a_walk_a_reload_replaced_says_nothing(catalog, store, clock):
    """A worker still reading for the walk before a reload (an undo, a correction) finds a
    damaged month: its page is dropped, and so is its damage (it was said, or will be, by the
    walk that is shown)."""
    fill_weeks(store, catalog, date(2026, 3, 1))
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        history = await open_history(pilot)
        replaced = history.pages
        history.reload()
        stale = DamagedFileError(store.data_dir / "sessions" / "2025-02.json", "it is empty")
        history._page_loaded(replaced, [], stale)
        await pilot.pause()
        assert not history.damaged
        assert not any("2025-02.json" in n.message for n in app._notifications)
        assert history.query_one(DataTable).row_count == len(PAINS)


async def test_history_opened_and_left_at_once_is_no_error(catalog, store, clock):
    fill_weeks(store, catalog, date(2026, 3, 1))
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.press("h", "escape")
        await pilot.pause(0.2)
        assert isinstance(app.screen, HomeScreen)


async def test_history_of_a_new_user_says_so(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        assert history.query_one(DataTable).row_count == 0
        assert "No sessions yet" in str(history.query_one("#history-head").content)


async def test_history_loads_older_years_after_the_first_rows(catalog, store, clock):
    fill_weeks(store, catalog, date(2025, 3, 1))  # a year ago: outside the first 90 days
    fill_weeks(store, catalog, date(2026, 3, 1))
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        table = history.query_one(DataTable)
        assert table.row_count == 2 * len(PAINS)
        last = [str(cell) for cell in table.get_row_at(table.row_count - 1)]
        assert last[0].endswith("2025")


async def test_trends_show_pain_load_stage_sessions_and_tests(catalog, store, clock):
    fill_weeks(store, catalog, date(2026, 3, 1))
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        trends = app.screen
        assert isinstance(trends, TrendsScreen)
        assert len(trends.rows) == len(PAINS)
        assert sum(w.sessions for w in trends.weeks) == len(PAINS)
        assert trends.limits.green_max == 3
        head = str(trends.query_one("#trends-head").content)
        assert "18 sessions" in head and "streak 18 days" in head
        assert "left 19, right 24" in str(trends.query_one("#tests").content)
        for chart in ("#pain-chart", "#load-chart", "#stage-chart", "#sessions-chart"):
            assert trends.query_one(chart).size.height > 5


async def test_a_heel_raise_test_counts_with_the_beat_and_is_saved(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, CapacityScreen)
        await pilot.press("1")
        player = app.screen
        assert isinstance(player, PlayerScreen)
        clock.advance(5 + 2 * 22 + 0.5)  # lead-in, then 22 reps at one every 2 s
        player.update_now()
        await pilot.pause()
        assert player.rep_count == 22
        await pilot.press("d")  # left done; "switch sides"
        clock.advance(5 + 2 * 25 + 1.2)
        player.update_now()
        await pilot.press("d")
        assert isinstance(app.screen, PainScreen)
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    (test,) = store.tests()
    assert (test["kind"], test["left"], test["right"], test["pain"]) == ("heel_raise", 22, 25, 2)
    session = next(store.sessions())
    assert session["kind"] == "test" and session["ended_at"]


async def test_a_visa_a_score_is_recorded_and_checked(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "3")
        assert isinstance(app.screen, ScoreScreen)
        await pilot.press("1", "2", "0", "enter")
        assert isinstance(app.screen, ScoreScreen), "120 is refused"
        assert "0 to 100" in str(app.screen.query_one("#score-error").content)
        await pilot.press("backspace", "backspace", "backspace", "7", "4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert [(t["kind"], t["score"]) for t in store.tests()] == [("visa_a", 74)]


async def test_export_from_history_says_where_the_file_went(
    catalog, store, clock, tmp_path, monkeypatch
):
    monkeypatch.setattr("rehab_tui.storage.locations.export_dir", lambda: tmp_path)
    fill_weeks(store, catalog, date(2026, 3, 1))
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("e", "h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = tmp_path / "rehab-tui-report-2026-03-03.html"
        assert path.exists() and path.stat().st_mode & 0o777 == 0o600
        assert "Sessions in the last 6 weeks" in path.read_text()
        messages = [n.message for n in app._notifications]
        assert f"Saved {path}" in messages


async def test_an_export_that_cannot_be_written_says_why(
    catalog, store, clock, tmp_path, monkeypatch
):
    missing = tmp_path / "no-such-folder"
    monkeypatch.setattr("rehab_tui.storage.locations.export_dir", lambda: missing)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("e", "j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (said,) = [n for n in app._notifications if n.message.startswith("Could not save")]
        assert str(missing / "rehab-tui-data-2026-03-03.json") in said.message
        assert said.severity == "error"


async def test_an_unfinished_capacity_test_can_be_resumed(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "2")
        clock.advance(5 + 1)
        app.screen.update_now()
        await pilot.press("d")  # left side saved, then the app is closed
        await app.workers.wait_for_complete()
    again = RehabApp(catalog, store, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ResumeScreen) and again.screen.can_resume
        await pilot.press("r")
        player = again.screen
        assert isinstance(player, PlayerScreen)
        assert player.playback.step.side == "right"
