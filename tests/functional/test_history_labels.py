"""History says which session a test or a quick timer was, a test's result, and never cuts a
note: in the TUI table (the detail holds the whole note, and the head says so) and in the CLI."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable

from rehab_tui.cli.main import main
from rehab_tui.storage.catalog import load_catalog
from rehab_tui.storage.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.history import HistoryScreen
from rehab_tui.tui.screens.session_detail import SessionDetailScreen
from tests.functional.test_tui_review import plain
from tests.history_data import LONG_NOTE, add_off_plan_sessions, fill_weeks

DAY = date(2026, 3, 1)


async def open_history(pilot) -> HistoryScreen:
    await pilot.press("escape", "h")  # escape: the morning check-in the evening sessions ask for
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, HistoryScreen)
    return pilot.app.screen


def cells_by_stage(table: DataTable) -> dict[str, list[str]]:
    rows = [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]
    return {row[1]: row for row in rows}


async def test_tests_and_timers_say_what_they_were_and_a_test_its_result(catalog, store, clock):
    fill_weeks(store, catalog, DAY)
    add_off_plan_sessions(store, catalog, DAY)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        history = await open_history(pilot)
        rows = cells_by_stage(history.query_one(DataTable))
        hop = rows["hop test"]
        assert hop[2] == "L9 R10" and hop[3] == "–" and hop[4] == "1/10"
        assert rows["quick timer"][6] == "–"  # not "○ pending": no next morning judges it
        assert "Physio's Tuesd…" in rows  # clipped; the detail has the whole name
        assert "test" not in rows and "0 s" not in hop
        assert rows["1 · step 4"][6].endswith("green")
        head = str(history.query_one("#history-head").content)
        assert "whole note" in head
        routine = rows["Physio's Tuesd…"]
        assert routine[7].endswith("…") and len(routine[7]) < len(LONG_NOTE)
        width = sum(
            column.get_render_width(history.query_one(DataTable))
            for column in list(history.query_one(DataTable).columns.values())[:7]
        )
        assert width <= 80 - 4  # the outcome column is on screen at 80 columns


async def test_a_wide_terminal_shows_a_routine_s_whole_name_and_more_of_its_note(
    catalog, store, clock
):
    fill_weeks(store, catalog, DAY)
    add_off_plan_sessions(store, catalog, DAY)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        history = await open_history(pilot)
        table = history.query_one(DataTable)
        rows = cells_by_stage(table)
        routine = next(row for name, row in rows.items() if name.startswith("Physio"))
        assert not routine[1].endswith("…") and len(routine[1]) > 15
        assert len(routine[7]) > 24 and len(routine[7]) < len(LONG_NOTE)
        width = sum(column.get_render_width(table) for column in table.columns.values())
        assert width <= 120 - 2  # every column, the note's too, on screen


async def test_the_detail_names_the_test_and_shows_the_whole_note(catalog, store, clock):
    fill_weeks(store, catalog, DAY)
    add_off_plan_sessions(store, catalog, DAY)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("enter")  # the newest: the routine, with the long note
        detail = app.screen
        assert isinstance(detail, SessionDetailScreen)
        text = " ".join(plain(detail.query_one("#session-detail").content).split())
        assert LONG_NOTE in text and "Physio's Tuesday (not counted by the plan)" in text
        await pilot.press("escape", "down", "down", "enter")
        text = plain(app.screen.query_one("#session-detail").content)
        assert "Hop test: left 9, right 10" in text


def test_cli_history_names_tests_and_timers_and_wraps_the_note(capsys, private_dirs):
    with Store(private_dirs) as store:
        store.acquire_writer_lock()
        catalog = load_catalog()
        fill_weeks(store, catalog, DAY)
        add_off_plan_sessions(store, catalog, DAY)
    assert main(["history", "--since", "2026-03-01"]) == 0
    out = capsys.readouterr().out
    assert "hop test" in out and "Physio's" in out
    words = " ".join(out.replace("│", " ").split())
    assert "left 9," in words and "right 10" in words  # the test's result, not sets done
    assert "quick" in words and "timer" in words and "step 4" in words
    for word in LONG_NOTE.split():
        assert word in words  # wrapped over lines, never cut
