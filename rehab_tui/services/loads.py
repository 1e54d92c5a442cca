"""The use cases about the weight used on loaded exercises, for `Rehab` (services/rehab.py),
which keeps one thin method for each: what to ask as a loaded exercise starts, and recording the
answer into a session in progress or a session logged afterwards.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rehab_tui.domain.library import PlannedExercise
from rehab_tui.domain.loading import last_load_kg as last_load_kg  # Rehab's, as it is
from rehab_tui.domain.loading import load_problem
from rehab_tui.domain.record_types import SessionKind, SessionRecord
from rehab_tui.services.results import LoadPrompt, ServiceError

if TYPE_CHECKING:
    from rehab_tui.services.rehab import Rehab


def check_load(load_kg: float) -> None:
    """ServiceError, in one sentence, for a weight the app does not record."""
    problem = load_problem(load_kg)
    if problem is not None:
        raise ServiceError(f"{load_kg:g} kg is not a weight rehab-tui records: {problem}")


def load_prompt(rehab: Rehab, session_id: str, exercise_index: int) -> LoadPrompt | None:
    """What to ask as exercise `exercise_index` of a session starts; None when nothing is asked:
    no weights at home (the profile), not a loaded exercise, or its weight already recorded (a
    resumed session is not asked twice)."""
    session = rehab.store.session(session_id)
    if session is None or not 0 <= exercise_index < len(session["exercises"]):
        return None
    entry = session["exercises"][exercise_index]
    exercise = rehab.catalog.exercises.get(entry["exercise_id"])
    if exercise is None or not exercise.loaded or "load_kg" in entry:
        return None
    if not rehab.profile().weights:
        return None
    suggested = None
    if session["kind"] == SessionKind.PLAN:
        day = date.fromisoformat(session["started_at"][:10])
        suggested = rehab.plan(day).load_kg.get(exercise.id)
    last = last_load_kg(rehab.store.sessions(), exercise.id)
    prefill = last if last is not None else suggested if suggested is not None else 0.0
    return LoadPrompt(exercise.name, prefill, suggested)


def record_load(rehab: Rehab, session_id: str, exercise_index: int, load_kg: float) -> None:
    """Record the weight used on one loaded exercise of a session in progress (kg)."""
    check_load(load_kg)
    session = rehab.store.session(session_id)
    if session is None or not 0 <= exercise_index < len(session["exercises"]):
        raise ServiceError(f"the session {session_id} has no exercise {exercise_index + 1}")
    exercise_id = session["exercises"][exercise_index]["exercise_id"]
    exercise = rehab.catalog.exercises.get(exercise_id)
    if exercise is None or not exercise.loaded:
        raise ServiceError(f"{exercise_id} is not a loaded exercise, so it takes no weight")
    rehab.store.save_load(session_id, exercise_index, float(load_kg))


def add_load(
    session: SessionRecord,
    exercises: tuple[PlannedExercise, ...],
    load_kg: float | None,
    day: date,
) -> None:
    """A logged session's weight (if one was given), on each of its loaded exercises;
    ServiceError when it is not one the app records or the session has no loaded exercise."""
    if load_kg is None:
        return
    check_load(load_kg)
    loaded = [
        entry
        for entry, planned in zip(session["exercises"], exercises, strict=True)
        if planned.exercise.loaded
    ]
    if not loaded:
        raise ServiceError(
            f"the planned session for {day} has no loaded exercise, so there is no weight to record"
        )
    for entry in loaded:
        entry["load_kg"] = float(load_kg)
