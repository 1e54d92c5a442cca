"""Session records: the documents the store keeps, built from a prescription and read back.

A record carries everything needed to show, export or resume a session even if the exercise
file changes later: each exercise's planned dose is written into it, not just its id. The
records' types are in record_types.py.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import TYPE_CHECKING, Unpack, cast

from rehab_tui.domain.capacity import TEST_EXERCISES
from rehab_tui.domain.kinds import rules_for
from rehab_tui.domain.library import (
    Catalog,
    Dose,
    Exercise,
    Kind,
    LadderStep,
    PlannedExercise,
    Tempo,
)
from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.record_types import (
    CheckinRecord,
    ExerciseRecord,
    PlannedDose,
    SessionExtras,
    SessionKind,
    SessionRecord,
    SetRecord,
    Side,
)

if TYPE_CHECKING:
    from rehab_tui.domain.playback import SetResult  # the player's; imported when it plays


def new_session_id(started: datetime) -> str:
    """Sortable by time, and its first six digits name the month file it lives in."""
    return f"{started:%Y%m%d-%H%M%S}-{os.urandom(3).hex()}"


def new_session(
    exercises: tuple[PlannedExercise, ...],
    started: datetime,
    step: LadderStep | None,
    kind: SessionKind | None = None,
    **extras: Unpack[SessionExtras],
) -> SessionRecord:
    """A session about to start. Its kind is the plan's with a ladder step, else `kind` (free
    unless said); `extras` say what a session outside the plan was (a routine, a test)."""
    session: SessionRecord = {
        "id": new_session_id(started),
        "kind": kind or (SessionKind.PLAN if step is not None else SessionKind.FREE),
        "started_at": started.isoformat(timespec="seconds"),
        "ended_at": None,
        "completed": False,
        "stage": step.stage if step else None,
        "ladder_index": step.index if step else None,
        "pain": None,
        "note": "",
        "paused_s": 0.0,
        "exercises": [exercise_record(p) for p in exercises],
        **extras,
    }
    return session


def exercise_record(planned: PlannedExercise) -> ExerciseRecord:
    exercise = planned.exercise
    entry: ExerciseRecord = {
        "exercise_id": exercise.id,
        "name": exercise.name,
        "kind": planned.kind,
        "per_side": exercise.per_side,
        "planned": dose_to_dict(planned.dose),
        "sets": [],
    }
    if exercise.id.startswith(SELF_DESCRIBED):
        entry["how_to"] = exercise.how_to
        entry["cues"] = list(exercise.cues)
    return entry


def dose_to_dict(dose: Dose) -> PlannedDose:
    """The dose's fields that are set, in Dose's order, the tempo written as "1-0-3-0"."""
    data: PlannedDose = {"sets": dose.sets, "rest_s": dose.rest_s}
    if dose.hold_s is not None:
        data["hold_s"] = dose.hold_s
    if dose.reps is not None:
        data["reps"] = dose.reps
    if dose.tempo is not None:
        data["tempo"] = str(dose.tempo)
    if dose.run_s is not None:
        data["run_s"] = dose.run_s
    if dose.walk_s is not None:
        data["walk_s"] = dose.walk_s
    return data


def set_to_dict(result: SetResult) -> SetRecord:
    return {
        "set": result.set_number,
        "side": cast(Side | None, result.side),  # the timeline names sides "left" and "right"
        "planned": result.planned,
        "done": result.done,
        "skipped": result.skipped,
        "paused_s": result.paused_s,
        "completed_at": result.completed_at,
    }


def dose_from_dict(data: PlannedDose) -> Dose:
    """A dose as `dose_to_dict` wrote it."""
    tempo = data.get("tempo")
    return Dose(
        sets=data["sets"],
        rest_s=data["rest_s"],
        hold_s=data.get("hold_s"),
        reps=data.get("reps"),
        tempo=Tempo.parse(tempo) if tempo is not None else None,
        run_s=data.get("run_s"),
        walk_s=data.get("walk_s"),
    )


def prescription_of(
    session: SessionRecord, catalog: Catalog, limits: PainLimits
) -> tuple[PlannedExercise, ...]:
    """The planned exercises of a saved session, for resuming it; KeyError if one is gone.

    `limits` (the profile's) cue an exercise whose record saved no cues of its own.
    """
    known = known_exercises(catalog)
    planned = []
    for entry in session["exercises"]:
        dose = dose_from_dict(entry["planned"])
        exercise = known.get(entry["exercise_id"]) or exercise_from_record(entry, dose, limits)
        planned.append(PlannedExercise(exercise, dose))
    return tuple(planned)


# Exercises that live in no file the app reads back: the quick timer's and a routine's own.
SELF_DESCRIBED = ("quick-", "own:")


def resumable(session: SessionRecord, catalog: Catalog) -> bool:
    known = known_exercises(catalog)
    return all(
        e["exercise_id"] in known or e["exercise_id"].startswith(SELF_DESCRIBED)
        for e in session["exercises"]
    )


def exercise_from_record(entry: ExerciseRecord, dose: Dose, limits: PainLimits) -> Exercise:
    """An exercise rebuilt from what its session saved (for ones in no exercise file)."""
    if not entry["exercise_id"].startswith(SELF_DESCRIBED):
        raise KeyError(entry["exercise_id"])
    return Exercise(
        id=entry["exercise_id"],
        name=entry.get("name", entry["exercise_id"]),
        how_to=entry.get("how_to", ""),
        cues=tuple(entry.get("cues", ())) or (limits.cue,),
        kind=Kind(entry["kind"]),
        per_side=bool(entry["per_side"]),
        insertional_safe=True,
        dose=dose,
    )


def known_exercises(catalog: Catalog) -> dict[str, Exercise]:
    """The catalog's exercises and the capacity tests' (which are not in the exercise file)."""
    return {**catalog.exercises, **TEST_EXERCISES}


def saved_sets(session: SessionRecord) -> set[tuple[int, int, str | None]]:
    return {
        (index, s["set"], s["side"])
        for index, entry in enumerate(session["exercises"])
        for s in entry["sets"]
    }


def time_under_load(session: SessionRecord) -> float:
    """Seconds the tendon worked, as each exercise's kind counts them (seconds held, reps × the
    rep's length for tempo work, nothing for quick contacts)."""
    total = 0.0
    for entry in session["exercises"]:
        done = sum(s["done"] for s in entry["sets"])
        total += rules_for(entry["kind"]).seconds_under_load(entry["planned"], done)
    return total


def sets_done(session: SessionRecord) -> tuple[int, int]:
    """(sides of sets saved, sides of sets planned) across the session."""
    done = sum(len(entry["sets"]) for entry in session["exercises"])
    planned = sum(
        entry["planned"]["sets"] * (2 if entry["per_side"] else 1) for entry in session["exercises"]
    )
    return done, planned


def format_duration(seconds: float) -> str:
    seconds = round(seconds)
    minutes, secs = divmod(seconds, 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def logged_session(
    exercises: tuple[PlannedExercise, ...],
    started: datetime,
    step: LadderStep | None,
    pain: int,
    note: str,
    kind: SessionKind | None = None,
    **extras: Unpack[SessionExtras],
) -> SessionRecord:
    """A session done away from the app, recorded afterwards as done in full, as planned;
    `kind` and `extras` as for new_session (a routine's, say)."""
    extras["logged"] = True
    session = new_session(exercises, started, step, kind, **extras)
    stamp = started.isoformat(timespec="seconds")
    for entry, planned in zip(session["exercises"], exercises, strict=True):
        amount = rules_for(planned.kind).amount(planned.dose)
        sides: tuple[Side | None, ...] = ("left", "right") if planned.exercise.per_side else (None,)
        entry["sets"] = [
            {
                "set": n,
                "side": side,
                "planned": amount,
                "done": float(amount),
                "skipped": False,
                "paused_s": 0.0,
                "completed_at": stamp,
            }
            for n in range(1, planned.dose.sets + 1)
            for side in sides
        ]
    session["ended_at"] = stamp
    session["completed"] = True
    session["pain"] = pain
    session["note"] = note
    return session


def checkin_record(day: date, pain: int, stiffness_min: int | None) -> CheckinRecord:
    record: CheckinRecord = {"date": day.isoformat(), "pain": pain}
    if stiffness_min is not None:
        record["stiffness_min"] = stiffness_min
    return record
