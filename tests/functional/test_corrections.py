"""Corrections (services/corrections.py): edit and delete a session, a check-in, a test or a run,
each atomic on disk, undone exactly, and the plan worked out again from what is left."""

from __future__ import annotations

import os
from datetime import date, time, timedelta

import pytest

from rehab_tui.services.rehab import Rehab
from rehab_tui.services.results import ServiceError
from rehab_tui.storage import atomic

TODAY = date(2026, 3, 3)  # the FakeClock's day
YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture
def rehab(store, catalog, clock) -> Rehab:
    return Rehab(store, catalog, clock)


def month_file(store):
    return store.data_dir / "sessions" / f"{TODAY:%Y-%m}.json"


# -- sessions -----------------------------------------------------------------------------


def test_deleting_a_red_session_gives_the_plan_back(rehab, store):
    before = rehab.plan()
    rehab.log_session(YESTERDAY, 8, "flare")
    after_red = rehab.plan()
    assert (after_red.step, after_red.reasons) != (before.step, before.reasons)
    (session,) = store.sessions()
    deleted = rehab.delete_session(session["id"])
    assert list(store.sessions()) == []
    again = rehab.plan()
    assert (again.step, again.reasons) == (before.step, before.reasons)
    rehab.restore(deleted)
    assert list(store.sessions()) == [session]  # exactly as it was
    assert rehab.plan().reasons == after_red.reasons


def test_editing_a_sessions_pain_changes_the_plan_and_keeps_the_note(rehab, store):
    rehab.log_session(YESTERDAY, 8, "typo: meant 1")
    red = rehab.plan().reasons
    (session,) = store.sessions()
    edited = rehab.edit_session(session["id"], 1)
    assert edited["pain"] == 1 and edited["note"] == "typo: meant 1"
    assert rehab.plan().reasons != red
    assert rehab.edit_session(session["id"], 1, "fine")["note"] == "fine"
    assert {k: v for k, v in edited.items() if k not in ("pain", "note")} == {
        k: v for k, v in session.items() if k not in ("pain", "note")
    }


def test_an_unknown_id_or_a_bad_pain_writes_nothing(rehab, store):
    rehab.log_session(YESTERDAY, 2, "")
    (session,) = store.sessions()
    for wrong in ("20260302-000000-nope", "nonsense", ""):
        with pytest.raises(ServiceError, match="there is no session"):
            rehab.delete_session(wrong)
    with pytest.raises(ServiceError, match="pain"):
        rehab.edit_session(session["id"], 11)
    assert list(store.sessions()) == [session]


def test_the_session_in_progress_is_not_corrected(rehab, store):
    started = rehab.start_quick_timer(rehab.last_quick_timer())
    with pytest.raises(ServiceError, match="in progress"):
        rehab.delete_session(started.session_id)
    assert store.session(started.session_id) is not None


def test_a_second_log_for_a_day_is_refused_unless_again(rehab, store):
    rehab.log_session(YESTERDAY, 2, "")
    with pytest.raises(ServiceError, match=r"2026-03-02 already has a session .*--again"):
        rehab.log_session(YESTERDAY, 3, "")
    assert len(list(store.sessions())) == 1
    rehab.log_session(YESTERDAY, 3, "second", again=True)
    assert len(list(store.sessions())) == 2


# -- check-ins, tests, runs -----------------------------------------------------------------


def test_a_checkin_is_edited_deleted_and_restored(rehab, store):
    rehab.check_in(YESTERDAY, 4, 20)
    old, new = rehab.edit_checkin(YESTERDAY, 2)
    assert old == {"date": "2026-03-02", "pain": 4, "stiffness_min": 20}
    assert new == {"date": "2026-03-02", "pain": 2, "stiffness_min": 20}
    assert rehab.edit_checkin(YESTERDAY, 2, 5)[1]["stiffness_min"] == 5
    deleted = rehab.delete_checkin(YESTERDAY)
    assert store.checkins() == []
    with pytest.raises(ServiceError, match="no check-in on 2026-03-01"):
        rehab.delete_checkin(YESTERDAY - timedelta(days=1))
    rehab.restore(deleted)
    assert store.checkins() == [{"date": "2026-03-02", "pain": 2, "stiffness_min": 5}]


def test_a_test_is_deleted_and_restored(rehab, store):
    record = rehab.record_visa_a(70, YESTERDAY)
    deleted = rehab.delete_test(record["id"])
    assert store.tests() == []
    with pytest.raises(ServiceError, match="there is no test"):
        rehab.delete_test(record["id"])
    rehab.restore(deleted)
    assert store.tests() == [record]


def test_a_run_is_edited_deleted_and_restored(rehab, store):
    run = rehab.log_run(YESTERDAY, time(7, 15), 30, 5.0, 2, note="easy").run
    old, new = rehab.edit_run(run["id"], minutes=32.5, pain=3)
    assert old == run
    assert new == {**run, "minutes": 32.5, "pain": 3}
    assert store.runs() == [new]
    with pytest.raises(ServiceError, match="minutes"):
        rehab.edit_run(run["id"], minutes=0)
    assert store.runs() == [new]
    deleted = rehab.delete_run(run["id"])
    assert store.runs() == []
    rehab.restore(deleted)
    assert store.runs() == [new]


# -- on disk ----------------------------------------------------------------------------------


def test_edits_and_deletes_replace_the_month_file_whole(rehab, store, monkeypatch):
    """Each correction is one write of a new file renamed over the old: a failure before the
    rename leaves the old file, with the record, as it was."""
    rehab.check_in(YESTERDAY, 4, None)
    run = rehab.log_run(YESTERDAY, time(7), 30, None, 2).run
    path = month_file(store)
    before, real_replace = path.read_bytes(), os.replace

    def no_rename(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", no_rename)
    for correction in (
        lambda: rehab.delete_checkin(YESTERDAY),
        lambda: rehab.edit_checkin(YESTERDAY, 1),
        lambda: rehab.delete_run(run["id"]),
        lambda: rehab.edit_run(run["id"], minutes=40),
    ):
        with pytest.raises(Exception, match="No space left"):
            correction()
        assert path.read_bytes() == before
    monkeypatch.setattr(atomic.os, "replace", real_replace)
    inode = path.stat().st_ino
    rehab.delete_run(run["id"])
    assert path.stat().st_ino != inode  # a new file, renamed into place
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_a_correction_waits_for_the_one_writer(rehab, private_dirs):
    from rehab_tui.storage.errors import LockedError
    from rehab_tui.storage.store import Store

    rehab.check_in(YESTERDAY, 4, None)
    with Store(private_dirs) as other:
        other_rehab = Rehab(other, rehab.catalog, rehab.clock)
        with pytest.raises(LockedError):
            other_rehab.delete_checkin(YESTERDAY)
    assert rehab.checkin_on(YESTERDAY) is not None


def test_a_second_checkin_replaces_the_first_whole(rehab, store):
    rehab.check_in(YESTERDAY, 4, 20)
    rehab.check_in(YESTERDAY, 2, None)
    assert store.checkins() == [{"date": "2026-03-02", "pain": 2}]  # not 20 min kept


def test_a_test_played_in_the_app_goes_and_comes_back_with_its_session(rehab, store):
    from rehab_tui.domain.capacity import HOP
    from rehab_tui.domain.playback import SetResult

    started = rehab.start_test(HOP)
    for side in ("left", "right"):
        done = SetResult(0, started.exercises[0].exercise.id, 1, side, "reps", 10, 10, False, 0.0,
                         "2026-03-03T08:01:00+00:00")  # fmt: skip
        rehab.save_set(started.session_id, done)
    rehab.end_session(started.session_id, completed=True, paused_s=0)
    result = rehab.rate_session(started.session_id, 4, "").test
    assert rehab.edit_session(started.session_id, 1)["pain"] == 1
    assert store.tests() == [{**result, "pain": 1}]  # the gate reads the corrected pain
    deleted = rehab.delete_session(started.session_id)
    assert store.tests() == [] and list(store.sessions()) == []
    assert deleted.describe() == "the session of Tue 03 Mar 08:00 and its test result"
    rehab.restore(deleted)
    assert store.tests() == [{**result, "pain": 1}]
    assert [s["id"] for s in store.sessions()] == [started.session_id]
