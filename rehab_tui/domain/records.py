"""Session records: the documents the store keeps, built from a prescription and read back.

A record carries everything needed to show, export or resume a session even if the exercise
file changes later: each exercise's planned dose is written into it, not just its id.
"""

from __future__ import annotations

import os
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

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
from rehab_tui.domain.playback import SetResult


def new_session_id(started: datetime) -> str:
    """Sortable by time, and its first six digits name the month file it lives in."""
    return f"{started:%Y%m%d-%H%M%S}-{os.urandom(3).hex()}"


def new_session(
    exercises: tuple[PlannedExercise, ...], started: datetime, step: LadderStep | None
) -> dict[str, Any]:
    return {
        "id": new_session_id(started),
        "kind": "plan" if step is not None else "free",
        "started_at": started.isoformat(timespec="seconds"),
        "ended_at": None,
        "completed": False,
        "stage": step.stage if step else None,
        "ladder_index": step.index if step else None,
        "pain": None,
        "note": "",
        "paused_s": 0.0,
        "exercises": [
            {
                "exercise_id": p.exercise.id,
                "name": p.exercise.name,
                "kind": p.kind.value,
                "per_side": p.exercise.per_side,
                "planned": dose_to_dict(p.dose),
                "sets": [],
                **(
                    {"how_to": p.exercise.how_to, "cues": list(p.exercise.cues)}
                    if p.exercise.id.startswith(SELF_DESCRIBED)
                    else {}
                ),
            }
            for p in exercises
        ],
    }


def dose_to_dict(dose: Dose) -> dict[str, Any]:
    data = {k: v for k, v in asdict(dose).items() if v is not None}
    if dose.tempo is not None:
        data["tempo"] = str(dose.tempo)
    return data


def set_to_dict(result: SetResult) -> dict[str, Any]:
    return {
        "set": result.set_number,
        "side": result.side,
        "planned": result.planned,
        "done": result.done,
        "skipped": result.skipped,
        "paused_s": result.paused_s,
        "completed_at": result.completed_at,
    }


def dose_from_dict(data: dict[str, Any]) -> Dose:
    """A dose as `dose_to_dict` wrote it (an imported one may lack rest_s: the import checks
    only the sets)."""
    tempo = data.get("tempo")
    return Dose(
        sets=data["sets"],
        rest_s=data.get("rest_s", 0),
        hold_s=data.get("hold_s"),
        reps=data.get("reps"),
        tempo=Tempo.parse(tempo) if tempo is not None else None,
    )


def prescription_of(
    session: dict[str, Any], catalog: Catalog, limits: PainLimits
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


def resumable(session: dict[str, Any], catalog: Catalog) -> bool:
    known = known_exercises(catalog)
    return all(
        e["exercise_id"] in known or e["exercise_id"].startswith(SELF_DESCRIBED)
        for e in session["exercises"]
    )


def exercise_from_record(entry: dict[str, Any], dose: Dose, limits: PainLimits) -> Exercise:
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


def saved_sets(session: dict[str, Any]) -> set[tuple[int, int, str | None]]:
    return {
        (index, s["set"], s["side"])
        for index, entry in enumerate(session["exercises"])
        for s in entry["sets"]
    }


def time_under_load(session: dict[str, Any]) -> float:
    """Seconds the tendon worked, as each exercise's kind counts them (seconds held, reps × the
    rep's length for tempo work, nothing for quick contacts)."""
    total = 0.0
    for entry in session["exercises"]:
        done = sum(s["done"] for s in entry["sets"])
        total += rules_for(entry["kind"]).seconds_under_load(entry["planned"], done)
    return total


def sets_done(session: dict[str, Any]) -> tuple[int, int]:
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
) -> dict[str, Any]:
    """A session done away from the app, recorded afterwards as done in full, as planned."""
    session = new_session(exercises, started, step)
    stamp = started.isoformat(timespec="seconds")
    for entry, planned in zip(session["exercises"], exercises, strict=True):
        amount = rules_for(planned.kind).amount(planned.dose)
        sides = ("left", "right") if planned.exercise.per_side else (None,)
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
    session.update(ended_at=stamp, completed=True, pain=pain, note=note, logged=True)
    return session


def checkin_record(day: date, pain: int, stiffness_min: int | None) -> dict[str, Any]:
    record: dict[str, Any] = {"date": day.isoformat(), "pain": pain}
    if stiffness_min is not None:
        record["stiffness_min"] = stiffness_min
    return record
