"""The store: atomic, private, partitioned by month, and never overwriting what it cannot read."""

from __future__ import annotations

import json
import math
import stat
from datetime import datetime, timedelta

import pytest

from rehab_tui.domain.playback import SetResult
from rehab_tui.domain.records import new_session, set_to_dict, time_under_load
from rehab_tui.storage.errors import DamagedFileError, LockedError, StoreError
from rehab_tui.storage.store import Store


def a_session(catalog, when=datetime(2026, 3, 3, 8, 0)):
    step = catalog.ladder[0]
    return new_session(step.exercises, when.astimezone(), step)


def a_set(number=1, side=None, done=20.0):
    return set_to_dict(
        SetResult(
            0, "hold-a", number, side, "hold", 20, done, False, 0.0, "2026-03-03T08:01:00+00:00"
        )
    )


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_files_are_private(store, mini_catalog):
    store.start_session(a_session(mini_catalog))
    assert mode(store.data_dir) == 0o700
    assert mode(store.data_dir / "sessions") == 0o700
    for path in [store.main_path, *store.month_files()]:
        assert mode(path) == 0o600, path


def test_sets_are_saved_into_their_session(store, mini_catalog):
    session = a_session(mini_catalog)
    store.start_session(session)
    store.save_set(session["id"], 0, a_set(2))
    store.save_set(session["id"], 0, a_set(1))
    store.save_set(session["id"], 0, a_set(1, done=15.5))  # a set redone after "back"
    saved = store.session(session["id"])
    assert [(s["set"], s["done"]) for s in saved["exercises"][0]["sets"]] == [(1, 15.5), (2, 20.0)]
    assert time_under_load(saved) == 35.5
    assert store.active_session()["id"] == session["id"]


def test_finishing_clears_the_session_in_progress(store, mini_catalog):
    session = a_session(mini_catalog)
    store.start_session(session)
    store.finish_session(session["id"], pain=3, note="fine")
    assert store.active_session() is None
    assert store.session(session["id"])["pain"] == 3


def test_sessions_live_in_monthly_files_newest_first(store, mini_catalog):
    start = datetime(2026, 1, 30, 8, 0)
    ids = []
    for day in range(5):
        session = a_session(mini_catalog, start + timedelta(days=day))
        store.start_session(session)
        ids.append(session["id"])
    assert [p.stem for p in store.month_files()] == ["2026-02", "2026-01"]
    assert [s["id"] for s in store.sessions()] == ids[::-1]
    assert [s["id"] for s in store.sessions(since="2026-02-01")] == ids[:1:-1]


def test_a_write_touches_only_its_month(store, mini_catalog):
    old = a_session(mini_catalog, datetime(2025, 1, 5, 8, 0))
    store.start_session(old)
    old_file = store.month_files()[0]
    before = old_file.stat().st_mtime_ns
    new = a_session(mini_catalog)
    store.start_session(new)
    store.save_set(new["id"], 0, a_set())
    assert old_file.stat().st_mtime_ns == before


@pytest.mark.parametrize(
    "content", ["", "{not json", "[1, 2, 3]", '{"sessions": [1]}', '{"sessions": {"1": 5}}']
)
def test_a_damaged_file_is_reported_and_left_alone(private_dirs, mini_catalog, content):
    with Store(private_dirs) as opened:
        opened.acquire_writer_lock()  # as the app opens it: folders made, schema stamped
    month = private_dirs / "sessions" / "2026-03.json"
    month.write_text(content)
    store = Store(private_dirs)
    session = a_session(mini_catalog)
    with pytest.raises(DamagedFileError) as caught:
        store.start_session(session)
    assert str(month) in str(caught.value)
    assert month.read_text() == content


def test_a_month_file_reads_as_the_standard_library_reads_it(private_dirs):
    """Parsed fast (msgspec), but what only the standard library reads is read as before: a
    whole number past 64 bits stays whole, a NaN or a lone surrogate in a field of no record
    type is kept; and a file that is not JSON is named with its line."""
    with Store(private_dirs) as opened:
        opened.acquire_writer_lock()
    month = private_dirs / "sessions" / "2026-03.json"
    checkin = '{"date": "2026-03-04", "pain": 1, "big": 123456789012345678901234567890, '
    month.write_text('{"checkins": {"1": ' + checkin + '"odd": [NaN, "\\ud800"]}}}')
    with Store(private_dirs) as store:
        [read] = store.checkins()
        assert read["big"] == 123456789012345678901234567890 and isinstance(read["big"], int)
        assert math.isnan(read["odd"][0]) and read["odd"][1] == "\ud800"
    month.write_text('{"checkins": {\n"1": {"date": "2026-03-04", "pain": 1,}}}')
    with Store(private_dirs) as store, pytest.raises(DamagedFileError) as caught:
        store.checkins()
    assert str(caught.value) == (
        f"{month} cannot be read: it is not valid JSON (line 2). It has been left untouched."
    )


def test_a_damaged_main_file_stops_the_store_and_is_kept(private_dirs):
    private_dirs.mkdir(parents=True)
    (private_dirs / "rehab.json").write_text('{"meta": {"1": {"schema": 1}')
    with pytest.raises(DamagedFileError, match="not valid JSON"):
        Store(private_dirs)
    assert (private_dirs / "rehab.json").read_text() == '{"meta": {"1": {"schema": 1}'


def test_a_newer_schema_is_refused(private_dirs):
    private_dirs.mkdir(parents=True)
    (private_dirs / "rehab.json").write_text(json.dumps({"meta": {"1": {"schema": 99}}}))
    with pytest.raises(StoreError, match="schema 99"):
        Store(private_dirs)


def test_stray_temp_files_from_a_crash_are_removed(private_dirs, mini_catalog):
    store = Store(private_dirs)
    store.start_session(a_session(mini_catalog))
    store.close()
    stray = private_dirs / "sessions" / ".2026-03.json.123.456.tmp"
    stray.write_text("{half")
    with Store(private_dirs) as reader:  # `history`, `plan`, `export`: they delete nothing
        list(reader.sessions())
    assert stray.exists(), "it could be the writer's save in flight"
    with Store(private_dirs) as opened:
        opened.acquire_writer_lock()  # as the app opens it: folders made, schema stamped
    assert not stray.exists()


def test_one_writer_at_a_time(private_dirs):
    first = Store(private_dirs)
    first.acquire_writer_lock()
    second = Store(private_dirs)
    with pytest.raises(LockedError, match="another rehab-tui"):
        second.acquire_writer_lock()
    first.close()
    second.acquire_writer_lock()
    second.close()


def test_settings_round_trip(store):
    assert store.setting("sound", True) is True
    store.set_setting("sound", False)
    assert store.setting("sound", True) is False


def test_a_set_costs_its_own_size_not_its_months(store, mini_catalog):
    """Saving a set appends one line to its session's journal: the month file is not rewritten
    until the session ends, and every reader sees the set at once."""
    session = a_session(mini_catalog)
    store.start_session(session)
    (month,) = store.month_files()
    before = month.stat()
    journal = store.data_dir / "sessions" / f"{session['id']}.sets"
    for number in range(1, 4):
        store.save_set(session["id"], 0, a_set(number))
        assert journal.stat().st_size < 400 * number, "about the size of the sets"
    after = month.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    with Store(store.data_dir) as reader:
        (seen,) = reader.sessions()
        assert [s["set"] for s in seen["exercises"][0]["sets"]] == [1, 2, 3]
    store.finish_session(session["id"], pain=2, note="")
    assert not journal.exists(), "folded into the month when the session ends"
    assert [s["set"] for s in store.session(session["id"])["exercises"][0]["sets"]] == [1, 2, 3]


def test_a_journal_left_by_a_crash_is_folded_by_the_next_writer(private_dirs, mini_catalog):
    with Store(private_dirs) as store:
        store.acquire_writer_lock()
        session = a_session(mini_catalog)
        store.start_session(session)
        store.save_set(session["id"], 0, a_set(1))
    journal = private_dirs / "sessions" / f"{session['id']}.sets"
    with journal.open("ab") as file:
        file.write(b'{"exercise":0,"set":{"set":2,"si')  # a save cut short: never returned
    with Store(private_dirs) as store:
        store.acquire_writer_lock()
        assert not journal.exists()
        assert [s["set"] for s in store.active_session()["exercises"][0]["sets"]] == [1]


def test_a_journal_whose_session_is_gone_is_kept_not_deleted(private_dirs, mini_catalog):
    """Its month file set aside as damaged, a session's finished sets stay on disk, whole."""
    with Store(private_dirs) as store:
        store.acquire_writer_lock()
        session = a_session(mini_catalog)
        store.start_session(session)
        store.save_set(session["id"], 0, a_set(1))
    journal = private_dirs / "sessions" / f"{session['id']}.sets"
    written = journal.read_bytes()
    (month,) = (private_dirs / "sessions").glob("*.json")
    month.rename(month.with_name(month.name + ".damaged-20260101-000000"))
    with Store(private_dirs) as store:
        store.acquire_writer_lock()
    assert not journal.exists()
    (kept,) = journal.parent.glob(f"{journal.name}.unmatched-*")
    assert kept.read_bytes() == written
