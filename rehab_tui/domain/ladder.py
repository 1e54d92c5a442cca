"""The stage ladder laid out from the exercise file's stages: every rung, for mid-portion and
insertional pain alike (DOMAIN §3). Pure.

Each rung changes one dose field by one value, in the order the level writes them. The
insertional path has the same rungs, with floor-level exercises in place of the level's: the
level's own `insertional` list, else each below-step exercise's `insertional_alternative`.
"""

from __future__ import annotations

from rehab_tui.domain.kinds import rules_for
from rehab_tui.domain.library import Dose, Exercise, LadderStep, Level, PlannedExercise, Stage

FIELD_WORDS = {"sets": "{} sets", "hold_s": "hold {} s", "reps": "{} reps", "rest_s": "rest {} s"}


def insertional_ids(level: Level, exercises: dict[str, Exercise]) -> tuple[str, ...]:
    """The exercises of a level for insertional pain."""
    if level.insertional_ids is not None:
        return level.insertional_ids
    swapped = []
    for ex_id in level.exercise_ids:
        exercise = exercises[ex_id]
        alternative = exercise.insertional_alternative
        safe = exercise.insertional_safe or alternative is None
        swapped.append(ex_id if safe else str(alternative))
    return tuple(swapped)


def build_ladder(
    exercises: dict[str, Exercise], stages: tuple[Stage, ...]
) -> tuple[LadderStep, ...]:
    """Every rung of every stage, in order: each rung changes one dose field by one value."""
    ladder: list[LadderStep] = []
    for stage in stages:
        for level_number, level in enumerate(stage.levels, start=1):
            paths = (level.exercise_ids, insertional_ids(level, exercises))
            current = {name: values[0] for name, values in level.progression}
            names = [" and ".join(exercises[i].name for i in ids) for ids in paths]
            rungs: list[tuple[dict[str, int], str | None]] = [(dict(current), None)]
            for name, values in level.progression:
                for value in values[1:]:
                    current[name] = value
                    rungs.append((dict(current), FIELD_WORDS[name].format(value)))
            for step_number, (fields, change) in enumerate(rungs, start=1):
                planned = [
                    tuple(PlannedExercise(exercises[i], _apply(exercises[i], fields)) for i in ids)
                    for ids in paths
                ]
                changes = [change or f"new exercises: {words}" for words in names]
                ladder.append(
                    LadderStep(
                        len(ladder),
                        stage.number,
                        level_number,
                        step_number,
                        planned[0],
                        changes[0],
                        planned[1],
                        changes[1],
                    )
                )
    return tuple(ladder)


def _apply(exercise: Exercise, fields: dict[str, int]) -> Dose:
    """The exercise's own dose with the level's progression values that apply to its kind."""
    rules = rules_for(exercise.kind)
    applicable = {name: value for name, value in fields.items() if rules.applies(name)}
    return exercise.dose.with_changes(**applicable)


def light_day_exercises(
    stage: Stage, exercises: dict[str, Exercise], insertional: bool
) -> tuple[PlannedExercise, ...]:
    """The work offered on the days between a spaced stage's sessions, at each exercise's own
    dose; for insertional pain, a below-step one is swapped for its floor-level alternative."""
    planned = []
    for ex_id in stage.light_day:
        exercise = exercises[ex_id]
        if insertional and not exercise.insertional_safe and exercise.insertional_alternative:
            exercise = exercises[exercise.insertional_alternative]
        planned.append(PlannedExercise(exercise, exercise.dose))
    return tuple(planned)


def load_rule(exercise: Exercise) -> str | None:
    """How a loaded exercise grows (DOMAIN §3: 15RM -> 6RM by adding weight); None if unloaded."""
    if exercise.load_step_kg is None:
        return None
    return f"add about {exercise.load_step_kg:g} kg when the reps drop"
