"""The use cases (rehab_tui.services.rehab.Rehab) on a real store in a temporary folder."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rehab_tui.domain.capacity import HOP
from rehab_tui.domain.library import CatalogError
from rehab_tui.domain.playback import SetResult
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.quick import QuickTimer
from rehab_tui.domain.safety import RED_FLAGS, RedFlagAnswer, SafetyWarning
from rehab_tui.services.rehab import Rehab
from rehab_tui.services.results import ServiceError
from rehab_tui.storage import locations
from rehab_tui.storage.errors import LockedError
from rehab_tui.storage.routines import ensure_routines_file
from rehab_tui.storage.store import Store

TODAY = date(2026, 3, 3)  # the FakeClock's day


@pytest.fixture
def rehab(store, catalog, clock) -> Rehab:
    return Rehab(store, catalog, clock)


def finished_set(started, index=0, number=1, side=None, done=20.0) -> SetResult:
    planned = started.exercises[index]
    return SetResult(
        index, planned.exercise.id, number, side, planned.kind.value, 20, done, False, 0.0,
        "2026-03-03T08:01:00+00:00",
    )  # fmt: skip


# -- setting up ---------------------------------------------------------------------------


def test_first_start_keeps_the_profile_and_the_red_flag_answers(new_store, catalog, clock):
    rehab = Rehab(new_store, catalog, clock)
    assert rehab.needs_first_start()
    said_yes = rehab.first_start(Profile("insertional", 2), {"snap": False, "tiptoe": True})
    assert said_yes == (RED_FLAGS[1],)
    assert not rehab.needs_first_start() and rehab.profile() == Profile("insertional", 2)
    assert new_store.setting("red_flags") == {
        "snap": {"answer": False, "date": "2026-03-03"},
        "tiptoe": {"answer": True, "date": "2026-03-03"},
    }


def test_a_later_answer_replaces_that_one_only(rehab, clock):
    rehab.answer_red_flags({"snap": True, "gap": False})
    clock.advance(24 * 3600)
    assert rehab.answer_red_flags({"snap": False}) == ()
    assert rehab.red_flag_answers() == {
        "snap": RedFlagAnswer(False, TODAY + timedelta(days=1)),
        "gap": RedFlagAnswer(False, TODAY),
    }


def test_a_profile_is_saved_only_with_a_change(new_store, catalog, clock):
    rehab = Rehab(new_store, catalog, clock)
    assert rehab.change_profile() == Profile() and new_store.setting("profile") is None
    assert rehab.change_profile(limits="silbernagel").limits == "silbernagel"
    assert new_store.setting("profile")["limits"] == "silbernagel"


# -- check-ins and sessions logged afterwards --------------------------------------------------


def test_a_check_in_is_saved_with_its_warnings(rehab, store):
    assert rehab.check_in(TODAY - timedelta(days=1), 2, 10) == ()
    assert rehab.check_in(TODAY, 7, 45) == (
        SafetyWarning.HARD_STOP,
        SafetyWarning.LONG_STIFFNESS,
    )
    assert store.checkins() == [
        {"date": "2026-03-02", "pain": 2, "stiffness_min": 10},
        {"date": "2026-03-03", "pain": 7, "stiffness_min": 45},
    ]


def test_nothing_is_recorded_for_a_day_to_come(rehab, store):
    tomorrow = TODAY + timedelta(days=1)
    with pytest.raises(ServiceError, match="in the future; a check-in is for this morning"):
        rehab.check_in(tomorrow, 1, None)
    with pytest.raises(ServiceError, match="in the future; log a session on or after"):
        rehab.log_session(tomorrow, 1, "")
    assert store.checkins() == [] and list(store.sessions()) == []


def test_a_logged_session_is_the_days_plan_done_in_full(rehab, store):
    logged = rehab.log_session(TODAY - timedelta(days=1), 7, "away")
    assert logged.warnings == (SafetyWarning.HARD_STOP,)
    (session,) = store.sessions()
    assert session["logged"] and session["pain"] == 7 and session["note"] == "away"
    assert session["started_at"] == "2026-03-02T12:00:00" + session["started_at"][19:]
    assert len(session["exercises"]) == len(logged.plan.exercises)


# -- playing --------------------------------------------------------------------------------


def test_a_plan_session_from_start_to_rating(rehab, store, clock):
    started = rehab.start_plan(rehab.plan())
    assert started.kind == "plan" and store.active_session()["id"] == started.session_id
    rehab.save_set(started.session_id, finished_set(started))
    clock.advance(600)
    rehab.end_session(started.session_id, completed=False, paused_s=12.34)
    rated = rehab.rate_session(started.session_id, 2, "fine")
    assert rated.test is None and rated.warnings == ()
    session = rated.session
    assert (session["pain"], session["note"], session["paused_s"]) == (2, "fine", 12.3)
    assert session["ended_at"] == "2026-03-03T08:10:00+00:00"
    assert len(session["exercises"][0]["sets"]) == 1
    assert store.active_session() is None


def test_a_capacity_test_rated_saves_its_result_and_warns(rehab, store):
    started = rehab.start_test(HOP)
    assert started.kind == "test" and store.session(started.session_id)["test"] == HOP
    for side in ("left", "right"):
        rehab.save_set(started.session_id, finished_set(started, side=side, done=10))
    rehab.end_session(started.session_id, completed=True, paused_s=0)
    rated = rehab.rate_session(started.session_id, 8, "")
    assert rated.test is not None and rated.test["kind"] == HOP
    assert store.tests() == [rated.test]
    assert rated.warnings == (SafetyWarning.HARD_STOP,)


def test_a_skipped_rating_warns_of_nothing(rehab):
    started = rehab.start_plan(rehab.plan())
    assert rehab.rate_session(started.session_id, None, "").warnings == ()


def test_a_visa_a_score_is_kept(rehab, store):
    record = rehab.record_visa_a(81)
    assert store.tests() == [record] and record["score"] == 81


def test_the_quick_timer_is_remembered_for_next_time(rehab, store):
    timer = QuickTimer(hold=45, sets=3, rest=90)
    started = rehab.start_quick_timer(timer)
    assert rehab.last_quick_timer() == timer
    session = store.session(started.session_id)
    assert (session["kind"], session["quick"]) == ("free", True)


def test_an_unfinished_session_reopens_with_its_prescription(rehab, store):
    started = rehab.start_plan(rehab.plan())
    unfinished = rehab.unfinished_session()
    assert rehab.can_resume(unfinished)
    assert rehab.reopen(unfinished) == started


# -- routines -------------------------------------------------------------------------------


def test_following_a_routine_and_the_plan_again(rehab):
    ensure_routines_file(locations.routines_file(), rehab.pain_limits())
    routines = rehab.routines()
    assert rehab.own_program(routines) is None
    rehab.follow("Physio program", routines)
    own = rehab.own_program(routines)
    assert rehab.following() == "Physio program" and own.routine.name == "Physio program"
    assert own.reasons
    started = rehab.start_routine(own.routine)
    assert rehab.session(started.session_id)["routine"] == "Physio program"
    rehab.follow(None, routines)
    assert rehab.following() is None and rehab.own_program(routines) is None


def test_only_a_routine_that_is_there_can_be_followed(rehab):
    ensure_routines_file(locations.routines_file(), rehab.pain_limits())
    with pytest.raises(ServiceError, match=r"no routine called 'Gym' in .*; there are: Physio"):
        rehab.follow("Gym", rehab.routines())
    assert rehab.following() is None


# -- export and import --------------------------------------------------------------------------


def test_an_export_imports_into_another_folder(rehab, catalog, clock, tmp_path):
    rehab.log_session(TODAY, 2, "")
    rehab.check_in(TODAY, 1, None)
    path = rehab.export_path(tmp_path, "json")
    assert path.name == "rehab-tui-data-2026-03-03.json"
    rehab.export_to(path, "json")
    assert path.stat().st_mode & 0o777 == 0o600
    with Store(tmp_path / "other") as other:
        imported = Rehab(other, catalog, clock).import_file(path)
        assert (imported.sessions, imported.checkins, imported.skipped) == (1, 1, 0)
        again = Rehab(other, catalog, clock).import_file(path)
        assert (again.sessions, again.skipped) == (0, 1)
    assert "Sessions in the last 6 weeks" in rehab.export("md")


# -- what every write promises -----------------------------------------------------------------


def test_every_write_waits_for_the_one_writer(rehab, private_dirs):
    with Store(private_dirs) as running_app:
        running_app.acquire_writer_lock()
        with pytest.raises(LockedError):
            rehab.check_in(TODAY, 1, None)
    rehab.check_in(TODAY, 1, None)  # once the other has closed


def test_the_exercise_file_is_read_only_by_use_cases_that_need_it(store, clock):
    def broken() -> None:
        raise CatalogError("exercises.yaml", 1, None, "broken")

    rehab = Rehab(store, broken, clock)
    rehab.check_in(TODAY, 1, None)
    assert list(rehab.sessions()) == []
    with pytest.raises(CatalogError):
        rehab.plan()
