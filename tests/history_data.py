"""A few weeks of sessions and check-ins, for the history and trends screens' tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from rehab_tui.domain.library import Catalog
from rehab_tui.domain.records import checkin_record, logged_session, new_session
from rehab_tui.services.planning import plan_for
from rehab_tui.storage.store import Store

PAINS = [2, 1, 3, 2, 4, 2, 1, 2, 3, 2, 1, 1, 2, 2, 1, 0, 1, 1]


def fill_weeks(store: Store, catalog: Catalog, last_day: date) -> None:
    """18 sessions every other day (some notes), each followed by a morning check-in."""
    for n, pain in enumerate(PAINS):
        day = last_day - timedelta(days=2 * (len(PAINS) - 1 - n))
        plan = plan_for(store, catalog, day)
        started = datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC)
        note = "tight after the run" if pain >= 3 else ""
        store.add_session(logged_session(plan.exercises, started, plan.step, pain, note))
        store.add_checkin(checkin_record(day + timedelta(days=1), max(0, pain - 2), None))
    store.add_test(
        {
            "id": "t1",
            "date": last_day.isoformat(),
            "kind": "heel_raise",
            "left": 19,
            "right": 24,
            "pain": 2,
        }
    )


LONG_NOTE = "calf tight on the stairs after work, eased off after the second set of the holds"


def add_off_plan_sessions(store: Store, catalog: Catalog, day: date) -> None:
    """A hop test (left 9, right 10), a quick timer and a routine (with a long note) on `day`."""
    from rehab_tui.domain.capacity import TESTS
    from rehab_tui.domain.record_types import SessionKind

    started = datetime(day.year, day.month, day.day, 18, 0, tzinfo=UTC)
    test = new_session((TESTS["hop"],), started, None, SessionKind.TEST, test="hop")
    stamp = started.isoformat(timespec="seconds")
    test["exercises"][0]["sets"] = [
        {
            "set": 1,
            "side": side,
            "planned": 10,
            "done": done,
            "skipped": False,
            "paused_s": 0,
            "completed_at": stamp,
        }
        for side, done in (("left", 9), ("right", 10))
    ]
    test.update(ended_at=stamp, completed=True, pain=1)
    store.add_session(test)
    plan = plan_for(store, catalog, day)
    quick = new_session(plan.exercises[:1], started + timedelta(hours=1), None, quick=True)
    quick.update(ended_at=stamp, completed=True)
    store.add_session(quick)
    routine = new_session(
        plan.exercises[:1],
        started + timedelta(hours=2),
        None,
        SessionKind.ROUTINE,
        routine="Physio's Tuesday",
    )
    routine.update(ended_at=stamp, completed=True, pain=2, note=LONG_NOTE)
    store.add_session(routine)


# (ladder rung, kg on its loaded exercises) of each session, every other day: holds at 45 s,
# the floor's tempo work, then loaded raises as the weight goes up and the reps come down.
DOSE_CLIMB = [
    (3, None),
    (3, None),
    (5, None),
    (5, None),
    (7, None),
    (9, None),
    (10, 5.0),
    (10, 7.5),
    (11, 10.0),
    (12, 12.5),
    (12, 12.5),
]


def fill_dose_weeks(store: Store, catalog: Catalog, last_day: date) -> None:
    """Three weeks of sessions climbing from holds to loaded raises (DOSE_CLIMB), pain 2 and a
    morning check-in of 1 after each."""
    for n, (rung, load_kg) in enumerate(DOSE_CLIMB):
        day = last_day - timedelta(days=2 * (len(DOSE_CLIMB) - 1 - n))
        step = catalog.ladder[rung]
        started = datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC)
        session = logged_session(step.exercises, started, step, 2, "")
        for entry, planned in zip(session["exercises"], step.exercises, strict=True):
            if load_kg is not None and planned.exercise.loaded:
                entry["load_kg"] = load_kg
        store.add_session(session)
        store.add_checkin(checkin_record(day + timedelta(days=1), 1, None))
