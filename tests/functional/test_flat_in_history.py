"""Costs where the user waits do not grow with the years of history: each month file is parsed
once while it is unchanged, the plan is worked out once per start, history builds the rows of
its first months only, and trends reads the months of its weeks and the tests index."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable

import rehab_tui.services.planning as planning
from benchmarks.history10y import build
from rehab_tui.domain.clock import FakeClock
from rehab_tui.domain.review import session_rows
from rehab_tui.exchange.export import to_json
from rehab_tui.exchange.history_json import history_chunks
from rehab_tui.services.history_pages import PAGE_ROWS
from rehab_tui.services.rehab import Rehab
from rehab_tui.storage import json_file, tests_index
from rehab_tui.storage.errors import DamagedFileError
from rehab_tui.storage.parsed_files import RECENT_MONTHS, ParsedFiles
from rehab_tui.storage.store import Store
from rehab_tui.storage.tests_index import INDEX_FILE
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.history import HistoryScreen
from rehab_tui.tui.screens.home import INDEX_AFTER_START_S, HomeScreen
from rehab_tui.tui.screens.trends import TrendsScreen

TODAY = FakeClock().wall().date()


@pytest.fixture
def parses(monkeypatch) -> Counter[str]:
    """How many times each data file's text is read (and so parsed), by file name."""
    counted: Counter[str] = Counter()
    real = json_file.read_text

    def read_text(path: Path, limit: int | None = None) -> str:
        counted[path.name] += 1
        return real(path, limit)

    def tests_read_text(path: Path, limit: int | None = None) -> str:
        counted[f"tests:{path.name}"] += 1  # a month's tests read alone, for the tests index
        return real(path, limit)

    monkeypatch.setattr(json_file, "read_text", read_text)
    monkeypatch.setattr(tests_index, "read_text", tests_read_text)
    return counted


@pytest.fixture
def years(private_dirs: Path) -> Path:
    """Two years of twice-daily sessions and daily check-ins up to the FakeClock's day."""
    build(private_dirs, TODAY, years=2)
    return private_dirs


def another_process(data_dir: Path, code: str) -> None:
    """Run `code` with `store` open as the writer, in a process of its own."""
    script = "from rehab_tui.storage.store import Store\n"
    script += f"with Store({str(data_dir)!r}) as store:\n    store.acquire_writer_lock()\n"
    script += textwrap.indent(textwrap.dedent(code), "    ")
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)


# -- month files parsed once --------------------------------------------------------------


def test_a_month_file_is_parsed_once_for_many_reads(years, parses):
    with Store(years) as store:
        month = store.month_files()[0]
        session_id = next(store.sessions())["id"]
        for _ in range(20):
            assert store.session(session_id) is not None
            list(store.sessions(since=TODAY.isoformat()))
            store.checkins(since=TODAY.isoformat())
            store.setting("profile")
        assert parses[month.name] == 1
        assert parses["rehab.json"] == 1


def test_each_reader_gets_records_of_its_own(years):
    with Store(years) as store:
        session = next(store.sessions())
        session["exercises"].clear()
        session["note"] = "changed by a caller"
        again = next(store.sessions())
        assert again["exercises"] and again["note"] != "changed by a caller"


def test_another_process_s_write_is_seen_at_the_next_read(years, parses):
    with Store(years) as store:
        assert store.checkins(since=TODAY.isoformat())[-1]["pain"] == 1
        another_process(
            years,
            f"store.add_checkin({{'date': {TODAY.isoformat()!r}, 'pain': 5, "
            "'stiffness_min': None})\n",
        )
        assert store.checkins(since=TODAY.isoformat())[-1]["pain"] == 5
        assert parses[f"{TODAY:%Y-%m}.json"] == 2  # read again once, as it changed


def test_own_writes_are_read_back(years, parses):
    with Store(years) as store:
        store.acquire_writer_lock()
        store.checkins(since=TODAY.isoformat())
        store.add_checkin({"date": TODAY.isoformat(), "pain": 7, "stiffness_min": None})
        assert store.checkins(since=TODAY.isoformat())[-1]["pain"] == 7


def test_a_reader_of_one_table_unpacks_only_that_table_of_a_month_kept(years, monkeypatch):
    """The plan reads a month's runs and its check-ins apart from its sessions (the bulk)."""
    unpacked: list[set[str]] = []
    real = ParsedFiles.get

    def get(self, path, version, only=None):
        found = real(self, path, version, only)
        if found is not None:
            unpacked.append(set(found))
        return found

    monkeypatch.setattr(ParsedFiles, "get", get)
    month_start = TODAY.replace(day=1).isoformat()
    with Store(years) as store:
        list(store.sessions(since=month_start))  # parsed and kept
        unpacked.clear()
        assert store.runs(since=month_start) and store.checkins(since=month_start)
        assert unpacked == [{"runs"}, {"checkins"}]


def test_the_month_files_are_listed_newest_first_and_nothing_else(years):
    sessions = years / "sessions"
    (sessions / "2020-13.json.tmp").write_text("{}")
    (sessions / "notes.txt").write_text("mine")
    with Store(years) as store:
        names = store.month_names()
        assert names == sorted(names, reverse=True) and len(names) == 25
        assert all(len(name) == len("2026-11.json") for name in names)
        assert store.month_files() == [sessions / name for name in names]


def test_only_the_recent_months_are_kept(years):
    with Store(years) as store:
        assert len(list(store.sessions())) == 2 * 2 * 365  # every month read
        kept = store._parsed.kept()
        months = sorted(p.stem for p in store.month_files())
        assert sorted(p.stem for p in kept if p != store.main_path) == months[-RECENT_MONTHS:]


def test_a_damaged_month_is_still_reported_after_a_good_read(years):
    with Store(years) as store:
        month = store.month_files()[0]
        list(store.sessions(since=TODAY.isoformat()))
        month.write_text('{"sessions": {"1": {"id": 5}}}')
        with pytest.raises(DamagedFileError):
            list(store.sessions(since=TODAY.isoformat()))


def test_a_walk_through_history_keeps_no_month_parsed(years, parses):
    """An export or `history --json` reads each month once: keeping them parsed would only cost.
    A month kept already is not parsed again, and the app's reads still keep theirs."""
    with Store(years) as store:
        current = store.month_files()[0]
        list(store.sessions(since=TODAY.isoformat()))
        to_json(store, datetime(2026, 3, 5, tzinfo=UTC))
        b"".join(history_chunks(store, None, None))
        assert store._parsed.kept() == sorted([store.main_path, current])
        assert parses[current.name] == 1  # taken from the parsed files by both walks
        assert parses[store.month_files()[-1].name] == 2  # the oldest: once by each walk
        list(store.sessions())
        assert len(store._parsed.kept()) == RECENT_MONTHS + 1


def test_a_damaged_record_in_a_walk_names_its_file_and_field(years):
    with Store(years) as store:
        month = store.month_files()[5]
        tables = json.loads(month.read_text())
        session = next(iter(tables["sessions"].values()))
        session["exercises"][0]["sets"][0]["done"] = "20"
        month.write_text(json.dumps(tables))
        with pytest.raises(DamagedFileError) as caught:
            to_json(store, datetime(2026, 3, 5, tzinfo=UTC))
        assert str(month) in str(caught.value)
        assert f"session {session['id']}.exercises[0].sets[0].done: expected" in str(caught.value)


# -- the plan, once per start ----------------------------------------------------------------


@pytest.fixture
def plans(monkeypatch) -> list[date]:
    """The days the plan was worked out for (by the rules, whoever asked), in order."""
    worked_out: list[date] = []
    real = planning.make_plan

    def make_plan(catalog, sessions, checkins, profile, day, **more):
        worked_out.append(day)
        return real(catalog, sessions, checkins, profile, day, **more)

    monkeypatch.setattr(planning, "make_plan", make_plan)
    return worked_out


def test_the_command_works_the_plan_out_once_on_the_way_to_home(years, plans, monkeypatch):
    from rehab_tui.cli.main import main

    shown = []

    def on_ready(self: RehabApp) -> None:
        shown.append(type(self.screen))
        self.exit()

    real_run = RehabApp.run
    monkeypatch.setattr(RehabApp, "on_ready", on_ready, raising=False)
    monkeypatch.setattr(RehabApp, "run", lambda self, **kw: real_run(self, headless=True))
    monkeypatch.setattr(sys, "argv", ["rehab-tui", "--data-dir", str(years)])
    assert main() == 0
    assert shown == [HomeScreen]
    assert len(plans) == 1


def test_the_plan_is_worked_out_again_after_any_save(years, catalog, plans):
    with Store(years) as store:
        store.acquire_writer_lock()
        rehab = Rehab(store, catalog, FakeClock())
        first = rehab.plan()
        assert rehab.plan() is first and len(plans) == 1
        rehab.check_in(TODAY, 2, None)
        rehab.plan()
        assert len(plans) == 2
        rehab.plan(TODAY + timedelta(days=1))
        assert len(plans) == 3


def test_a_process_that_is_not_the_writer_keeps_no_plan(years, catalog, plans):
    with Store(years) as store:  # another process may save between two reads
        rehab = Rehab(store, catalog, FakeClock())
        rehab.plan()
        rehab.plan()
        assert len(plans) == 2


# -- history, a page at a time ---------------------------------------------------------------


async def open_history(pilot) -> HistoryScreen:
    await pilot.press("h")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, HistoryScreen)
    return pilot.app.screen


def test_history_pages_are_page_rows_each_cut_inside_a_month_and_lose_no_row(years, catalog):
    """A page is PAGE_ROWS rows and the rest of its last day (the table measures each row it is
    given), the month it ends in carried over to the next page: every row once, newest first,
    as if built all at once, and a day's sessions never split (the head counts "since" a day)."""
    with Store(years) as store:
        rehab = Rehab(store, catalog, FakeClock())
        everything = session_rows(list(store.sessions()), store.checkins(), rehab.profile())
        pages = rehab.history_pages()
        sizes, rows = [], []
        while not pages.done:
            page = pages.next_page()
            sizes.append(len(page))
            rows += page
    assert rows == everything
    # two sessions a day here: a page is 60 rows, or 61 to end with its day
    assert all(PAGE_ROWS <= size <= PAGE_ROWS + 1 for size in sizes[:-1]) and sizes[-1] > 0
    ends = [sum(sizes[: n + 1]) for n in range(len(sizes) - 1)]
    assert all(rows[end - 1].day != rows[end].day for end in ends)  # a day is never split
    with Store(years) as store:
        odd = Rehab(store, catalog, FakeClock()).history_pages()
        first, second = odd.next_page(3), odd.next_page(3)
    assert [len(first), len(second)] == [4, 4] and first[-1].day != second[0].day


async def test_history_builds_only_its_first_months_then_more_as_it_scrolls(years, catalog, parses):
    with Store(years) as store:
        store.acquire_writer_lock()
        app = RehabApp(catalog, store, FakeClock())
        async with app.run_test(size=(80, 24)) as pilot:
            history = await open_history(pilot)
            table = history.query_one(DataTable)
            assert PAGE_ROWS <= table.row_count < 3 * PAGE_ROWS  # not 1,460
            head = str(history.query_one("#history-head").content)
            assert " since " in head and "streak: at least" in head
            read = sum(n for name, n in parses.items() if name[:6] not in ("rehab.", "tests:"))
            assert read <= 4, parses  # the months of the plan and the first page
            first = table.row_count
            await pilot.press("ctrl+end")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert table.row_count > first
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert history.rows == [] and history.pages is None  # nothing kept once gone back


async def test_history_scrolled_to_the_end_has_every_row_as_before_each_month_read_once(
    years, catalog, parses
):
    with Store(years) as store:
        store.acquire_writer_lock()
        everything = session_rows(
            list(store.sessions()), store.checkins(), Rehab(store, catalog, FakeClock()).profile()
        )
        parses.clear()
        app = RehabApp(catalog, store, FakeClock())
        async with app.run_test(size=(80, 24)) as pilot:
            history = await open_history(pilot)
            parses.clear()
            while not history.pages.done:
                await pilot.press("ctrl+end")
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert history.rows == everything  # outcomes across month ends included
            assert history.query_one(DataTable).row_count == len(everything)
            assert max(parses.values()) == 1, parses
            head = str(history.query_one("#history-head").content)
            assert head.startswith("1460 sessions ·") and " since " not in head


# -- trends: its weeks and the tests index ---------------------------------------------------


async def test_trends_read_only_the_months_of_their_weeks(years, catalog, parses):
    with Store(years) as store:
        store.acquire_writer_lock()
        store.tests()  # the index made once (the first time: every month read)
    assert (years / "sessions" / INDEX_FILE).exists()
    parses.clear()
    with Store(years) as store:
        store.acquire_writer_lock()
        app = RehabApp(catalog, store, FakeClock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("g")
            await pilot.pause()
            trends = app.screen
            assert isinstance(trends, TrendsScreen)
            assert len(trends.tests) == 24  # a test a month, two years
    window = (TODAY - timedelta(weeks=13)).isoformat()[:7]
    months = [name for name in parses if name != "rehab.json"]
    assert months and all(name >= window for name in months), months


def test_the_tests_index_sees_a_test_saved_by_another_process(years):
    with Store(years) as store:
        store.acquire_writer_lock()
        assert len(store.tests()) == 24
    with Store(years) as store:
        assert len(store.tests()) == 24
        another_process(
            years,
            "store.add_test({'id': 'late', 'date': '2025-01-15', 'kind': 'visa_a', 'score': 70})\n",
        )
        assert "late" in [t["id"] for t in store.tests()]
        store.acquire_writer_lock()
        another = [t["id"] for t in store.tests()]
        store.remove_test("late", "2025-01-15")
        assert "late" in another and "late" not in [t["id"] for t in store.tests()]


def test_the_writer_keeps_the_index_without_reading_the_month_again(years, parses):
    with Store(years) as store:
        store.acquire_writer_lock()
        store.tests()
        store.add_test({"id": "new", "date": "2025-06-03", "kind": "visa_a", "score": 80})
        parses.clear()
        assert "new" in [t["id"] for t in store.tests()]
        assert parses["2025-06.json"] == parses["tests:2025-06.json"] == 0  # the save updated it
    saved = json.loads((years / "sessions" / INDEX_FILE).read_text())
    assert "new" in [t["id"] for t in saved["months"]["2025-06"]["tests"]]


@pytest.mark.parametrize(
    "index",
    [
        "not json",
        '{"format": 99, "months": {}}',
        '{"format": 1, "months": {"2025-06": {"file": [1, 2, 3], "tests": [{"id": 5}]}}}',
        "[]",
    ],
)
def test_a_damaged_or_foreign_index_is_rebuilt(years, index):
    with Store(years) as store:
        store.acquire_writer_lock()
        expected = store.tests()
        (years / "sessions" / INDEX_FILE).write_text(index)
    with Store(years) as store:
        store.acquire_writer_lock()
        assert store.tests() == expected
    assert json.loads((years / "sessions" / INDEX_FILE).read_text())["format"] == 1


def test_a_month_gone_takes_its_tests_out_of_the_index(years):
    with Store(years) as store:
        store.acquire_writer_lock()
        before = store.tests()
        month = store.data_dir / "sessions" / f"{before[0]['date'][:7]}.json"
        month.unlink()  # as when set aside as damaged
        after = store.tests()
        assert after == before[1:]


def test_a_month_indexed_afresh_has_only_its_tests_read(years, monkeypatch):
    """Indexing 30 years afresh checks the tests of each month, not its sessions and sets."""
    checked: list[str] = []
    real = Store._read_tables
    monkeypatch.setattr(Store, "_read_tables", lambda s, p: checked.append(p.name) or real(s, p))
    with Store(years) as store:
        store.acquire_writer_lock()
        assert len(store.tests()) == 24  # one a month, built so
    assert checked == []


@pytest.mark.parametrize(
    "month_text",
    ['{"tests": {"1": {"id": "t", "date": "2025-06-03", "kind": "visa_a"}}}', "not json"],
)
def test_a_month_whose_tests_are_not_the_app_s_is_reported_as_damaged(years, month_text):
    with Store(years) as store:
        store.acquire_writer_lock()
        month = store.month_files()[3]
        month.write_text(month_text)
        with pytest.raises(DamagedFileError) as raised:
            store.tests()
    assert month.name in str(raised.value)


async def test_home_brings_the_tests_index_up_to_date_after_its_first_frame(years, catalog):
    with Store(years) as store:
        store.acquire_writer_lock()
        app = RehabApp(catalog, store, FakeClock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not (years / "sessions" / INDEX_FILE).exists()  # not before the first frame
            await pilot.pause(INDEX_AFTER_START_S + 0.2)
            await app.workers.wait_for_complete()
            assert isinstance(app.screen, HomeScreen)
            saved = json.loads((years / "sessions" / INDEX_FILE).read_text())
            assert len(saved["months"]) == len(store.month_files())
