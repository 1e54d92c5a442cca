"""Weight in kilograms for loaded exercises (DOMAIN §3 "Heavy means heavy"). Pure.

Heavy slow resistance goes from 15 to 6 repetitions by adding weight (Beyer 2015): a rung that
lowers the reps of a loaded exercise says how much to add, from the weight last recorded. A
runner with no weights at home is never given fewer reps without more weight (that would be a
lighter session called a step up): they keep 15 reps and lower more slowly instead, one second
more for each step the reps would have come down, and are told how a backpack can add weight.

The weight used is asked as a loaded exercise starts (or given to `log --load-kg`) and kept with
the session's exercise: from 0 (none added today) to 500 kg, by half a kilogram.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from msgspec.structs import replace

from rehab_tui.domain.library import LadderStep, PlannedExercise, Tempo
from rehab_tui.domain.record_types import ExerciseRecord, SessionRecord

BODYWEIGHT_REPS = 15  # with no weight to add, the reps stay here, the lowering is 1 s slower ...
HEAVIER_REPS = (12, 10, 8, 6)  # ... and each of these the dose reaches adds 1 s more
MAX_LOWERING_S = 8
LOAD_STEP_KG = 0.5  # the weight dialog's up and down keys, and the steps `log --load-kg` takes
MAX_LOAD_KG = 500.0  # the most a stored record takes (record_types.LoadKg)


def last_loads(sessions: list[SessionRecord]) -> dict[str, float]:
    """The latest weight recorded for each exercise id (sessions oldest first)."""
    loads: dict[str, float] = {}
    for session in sessions:
        for exercise in session.get("exercises") or []:
            if "load_kg" in exercise:
                loads[exercise["exercise_id"]] = exercise["load_kg"]
    return loads


def kg(value: float) -> str:
    """ "12.5 kg", "10 kg"."""
    return f"{value:g} kg"


def heavier(before: LadderStep, after: LadderStep, insertional: bool) -> list[PlannedExercise]:
    """The loaded exercises whose reps fall from `before` to `after`: they need more weight."""
    earlier = {p.exercise.id: p.dose for p in before.exercises_for(insertional)}
    return [
        planned
        for planned in after.exercises_for(insertional)
        if planned.exercise.loaded
        and planned.exercise.id in earlier
        and (planned.dose.reps or 0) < (earlier[planned.exercise.id].reps or 0)
    ]


def new_loaded(before: LadderStep, after: LadderStep, insertional: bool) -> list[PlannedExercise]:
    """The loaded exercises a rung brings in: the runner chooses a first weight."""
    earlier = {p.exercise.id for p in before.exercises_for(insertional)}
    return [
        p
        for p in after.exercises_for(insertional)
        if p.exercise.loaded and p.exercise.id not in earlier
    ]


def first_weight_words(exercises: list[PlannedExercise]) -> str:
    """How to choose the first weight for newly loaded work."""
    reps = max(p.dose.reps or 0 for p in exercises)
    return (
        f"for the loaded work choose a weight that makes the last of {reps} reps hard (a backpack "
        "with books or water bottles: 1 litre is about 1 kg)"
    )


def add_weight_words(exercises: list[PlannedExercise], loads: dict[str, float]) -> str:
    """ "add about 2.5 kg to Loaded single-leg heel raise (last time 10 kg, so about 12.5 kg)"."""
    parts = []
    for planned in exercises:
        exercise = planned.exercise
        step = exercise.load_step_kg or 0.0
        last = loads.get(exercise.id)
        then = f" (last time {kg(last)}, so about {kg(last + step)})" if last else ""
        parts.append(f"add about {kg(step)} to {exercise.name}{then}")
    return "; ".join(parts)


def suggested(
    exercises: tuple[PlannedExercise, ...], loads: dict[str, float], heavier_ids: set[str]
) -> dict[str, float]:
    """The weight to use today for each loaded exercise whose last weight is known."""
    result = {}
    for planned in exercises:
        exercise = planned.exercise
        if exercise.loaded and exercise.id in loads:
            extra = (exercise.load_step_kg or 0.0) if exercise.id in heavier_ids else 0.0
            result[exercise.id] = loads[exercise.id] + extra
    return result


def bodyweight(
    exercises: tuple[PlannedExercise, ...],
) -> tuple[tuple[PlannedExercise, ...], list[str]]:
    """Loaded exercises made for a runner with no weights: 15 reps, a slower lowering."""
    result, reasons = [], []
    for planned in exercises:
        dose, exercise = planned.dose, planned.exercise
        reps = dose.reps or BODYWEIGHT_REPS
        # The weight itself is replaced by one second more on the lowering, and each step the
        # reps would have come down adds another.
        slower = 1 + sum(1 for heavy in HEAVIER_REPS if reps <= heavy)
        if not exercise.loaded or dose.tempo is None:
            result.append(planned)
            continue
        tempo = dose.tempo
        lowering = min(MAX_LOWERING_S, tempo.down + slower)
        slow = Tempo(tempo.up, tempo.top, lowering, tempo.bottom)
        lighter = replace(dose.with_changes(reps=BODYWEIGHT_REPS), tempo=slow)
        result.append(PlannedExercise(exercise, lighter))
        reasons.append(
            f"No weights at home: {exercise.name} stays at {BODYWEIGHT_REPS} reps with a "
            f"{lowering} s lowering instead of {reps} reps with weight. A backpack with "
            "books or water bottles (1 litre is about 1 kg) lets the reps come down instead."
        )
    return tuple(result), reasons


# -- the weight used, as recorded -------------------------------------------------------------


def load_problem(value: float) -> str | None:
    """Why `value` (kg) is not a weight the app records, as the end of a sentence; None if it is."""
    if not math.isfinite(value) or not 0 <= value <= MAX_LOAD_KG or (value / LOAD_STEP_KG) % 1:
        return f"a weight is from 0 to {MAX_LOAD_KG:g} kg in steps of {LOAD_STEP_KG:g} kg"
    return None


def last_load_kg(sessions: Iterable[SessionRecord], exercise_id: str) -> float | None:
    """The weight recorded last for `exercise_id` in `sessions` (newest first, read lazily): the
    first found, so no older session is read; None when it was never recorded."""
    for session in sessions:
        for entry in session["exercises"]:
            if entry["exercise_id"] == exercise_id and "load_kg" in entry:
                return entry["load_kg"]
    return None


def loaded_line(entry: ExerciseRecord) -> str | None:
    """ "Loaded single-leg heel raise: 3 × 6 each side, 12.5 kg" for an exercise done with a
    recorded weight (its planned dose); None without one."""
    if "load_kg" not in entry:
        return None
    planned = entry["planned"]
    reps = planned.get("reps")
    amount = str(reps) if reps is not None else f"{planned.get('hold_s', 0)} s"
    sides = " each side" if entry["per_side"] else ""
    name = entry.get("name") or entry["exercise_id"]
    return f"{name}: {planned['sets']} × {amount}{sides}, {kg(entry['load_kg'])}"
