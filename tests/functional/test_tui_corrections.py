"""Corrections in the app: a session's pain and note edited from its detail, a run's from the
Runs screen, a delete asked first, and z putting it back exactly, for a short while and once."""

from __future__ import annotations

from datetime import date, timedelta

from rehab_tui.domain.run_log import new_run
from rehab_tui.services.rehab import Rehab
from rehab_tui.tui import undo
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.confirm import ConfirmScreen
from rehab_tui.tui.dialogs.edit_run import EditRunScreen, PickRunScreen
from rehab_tui.tui.screens.edit_session import EditSessionScreen
from rehab_tui.tui.screens.history import HistoryScreen
from rehab_tui.tui.screens.runs import RunsScreen
from rehab_tui.tui.screens.session_detail import SessionDetailScreen
from tests.functional.test_tui_review import SIZE, open_history, plain
from tests.functional.test_tui_runs import at, ladder_open

TODAY = date(2026, 3, 3)  # the FakeClock's day


def logged(store, catalog, clock, *pains: int) -> Rehab:
    """Sessions logged on the days before today, the last yesterday; this morning checked in
    (so that the app opens on home)."""
    rehab = Rehab(store, catalog, clock)
    for days_ago, pain in enumerate(reversed(pains), start=1):
        rehab.log_session(TODAY - timedelta(days=days_ago), pain, "typo" if pain == 8 else "")
    rehab.check_in(TODAY, 0, None)
    return rehab


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def open_newest(pilot) -> SessionDetailScreen:
    await open_history(pilot)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionDetailScreen)
    return pilot.app.screen


async def test_a_sessions_pain_and_note_are_corrected_from_its_detail(catalog, store, clock):
    logged(store, catalog, clock, 8)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_newest(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, EditSessionScreen)
        await pilot.press("2", "tab", *["backspace"] * 4, *"fine", "enter")
        await pilot.pause()
        assert app.screen is detail
        text = plain(detail.query_one("#session-detail").content)
        assert "Pain during: 2/10" in text and "Note: fine" in text
        (saved,) = store.sessions()
        assert saved["pain"] == 2 and saved["note"] == "fine"
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert [str(c) for c in history.query_one("DataTable").get_row_at(0)][4] == "2/10"


async def test_escape_leaves_the_session_as_it_was(catalog, store, clock):
    logged(store, catalog, clock, 8)
    before = list(store.sessions())
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_newest(pilot)
        await pilot.press("e", "3", "escape")
        assert app.screen is detail
    assert list(store.sessions()) == before


async def test_a_delete_is_asked_first_and_undone_exactly_with_z(catalog, store, clock):
    rehab = logged(store, catalog, clock, 1, 8)
    red_plan = rehab.plan().reasons
    newest = next(store.sessions())
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_newest(pilot)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: nothing deleted
        assert isinstance(app.screen, SessionDetailScreen)
        assert len(list(store.sessions())) == 2
        await pilot.press("d", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert history.query_one("DataTable").row_count == 1
        assert "Deleted the session of Mon 02 Mar 12:00. Press z to undo." in notices(app)
        assert rehab.plan().reasons != red_plan  # the red session no longer steps it back
        await pilot.press("z")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert history.query_one("DataTable").row_count == 2
        assert next(store.sessions()) == newest
        assert rehab.plan().reasons == red_plan
        await pilot.press("z")  # once only
        assert "Nothing to undo." in notices(app)
        assert len(list(store.sessions())) == 2


async def test_the_undo_lapses(catalog, store, clock, monkeypatch):
    logged(store, catalog, clock, 8)
    monkeypatch.setattr(undo, "UNDO_SECONDS", -1.0)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_newest(pilot)
        await pilot.press("d", "y")
        await app.workers.wait_for_complete()
        await pilot.press("z")
        await pilot.pause()
        assert "Nothing to undo." in notices(app)
    assert list(store.sessions()) == []


# -- runs --------------------------------------------------------------------------------------


async def open_runs(app, pilot) -> RunsScreen:
    await pilot.press("u")
    await pilot.pause()
    assert isinstance(app.screen, RunsScreen)
    return app.screen


async def test_a_run_is_picked_and_corrected_from_the_runs_screen(catalog, store, clock):
    runner = ladder_open(store)
    older = new_run(at(1, 7), 20, 4.0, 1)
    runner.add_run(older)
    newest = runner.runs()[-1]  # the walk of Sun 1 Mar 18:00
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        runs = await open_runs(app, pilot)
        await pilot.press("c")
        assert isinstance(app.screen, PickRunScreen)
        await pilot.press("enter")  # the newest, highlighted first
        edit = app.screen
        assert isinstance(edit, EditRunScreen)
        await pilot.press(*["backspace"] * 4, *"35", "tab", "tab", *"hills", "enter")
        await pilot.pause()
        assert app.screen is runs
        assert {run["id"]: run for run in store.runs()}[newest["id"]] == {
            **newest,
            "minutes": 35.0,
            "note": "hills",
        }
        assert "35" in plain(runs.query_one("#runs-list").content)


async def test_a_run_edit_with_a_mistake_says_so_and_saves_nothing(catalog, store, clock):
    ladder_open(store)
    before = store.runs()
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_runs(app, pilot)
        await pilot.press("c", "enter", *["backspace"] * 4, *"0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditRunScreen)
        assert "minutes must be more than 0" in str(app.screen.query_one("#run-error").content)
        await pilot.press("escape")
        assert isinstance(app.screen, RunsScreen)
    assert store.runs() == before


async def test_a_run_delete_is_asked_first_and_undone_with_z(catalog, store, clock):
    ladder_open(store)
    (walk,) = store.runs()
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        runs = await open_runs(app, pilot)
        await pilot.press("c", "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no
        assert app.screen is runs and store.runs() == [walk]
        await pilot.press("c", "d", "y")
        await pilot.pause()
        assert app.screen is runs and store.runs() == []
        assert "No runs yet" in plain(runs.query_one("#runs-list").content)
        assert "Deleted the run of Sun 01 Mar 18:00. Press z to undo." in notices(app)
        await pilot.press("z")
        await pilot.pause()
        assert store.runs() == [walk]
        assert "No runs yet" not in plain(runs.query_one("#runs-list").content)


async def test_the_next_mornings_checkin_is_corrected_from_the_session(catalog, store, clock):
    rehab = logged(store, catalog, clock, 2)  # yesterday, then this morning's check-in (0)
    rehab.edit_checkin(TODAY, 0, 15)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_newest(pilot)
        assert "next morning: 0/10" in plain(detail.query_one("#session-detail").content)
        await pilot.press("m")
        await pilot.press("5", "tab", "backspace", "backspace", "enter")
        await pilot.pause()
        assert app.screen is detail
        assert "next morning: 5/10" in plain(detail.query_one("#session-detail").content)
    assert store.checkins() == [{"date": TODAY.isoformat(), "pain": 5}]  # stiffness emptied


async def test_no_morning_checkin_to_correct_is_said(catalog, store, clock):
    rehab = Rehab(store, catalog, clock)
    rehab.log_session(TODAY, 2, "")  # today: no morning after it yet
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_newest(pilot)
        await pilot.press("m")
        assert app.screen is detail
        assert "No morning check-in after this session to correct." in notices(app)
