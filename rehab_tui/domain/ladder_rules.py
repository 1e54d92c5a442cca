"""What a ladder must never prescribe (DOMAIN §5), checked on a laid-out catalog. Pure.

The exercise file's reader (rehab_tui.storage.exercise_file) runs these checks, so `validate`
and the app's own loading refuse the same files. Each broken rule is a `LadderProblem`: where it
is (stage, level, which list of the level and the position in it) and one sentence that names
the rung and the exercise; the reader turns it into a CatalogError with the file's line.

- Insertional pain stays at floor level: its path (a level's `insertional` list, or the
  alternatives it falls back to) never goes below the step.
- Nothing below the step (deep dorsiflexion) while the tendon is irritated: stages 1 and 2.
- No calf or Achilles stretching, anywhere on the ladder (it compresses the tendon).
- No rung that repeats an earlier one (the same exercises at the same doses) on either path:
  a repeat dressed as a step up.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from msgspec import Struct

from rehab_tui.domain.ladder import insertional_ids
from rehab_tui.domain.library import Catalog, Dose, Exercise, LadderStep, Level, Stage

IRRITATED_STAGES = (1, 2)  # the stages for a tendon still irritated: no deep dorsiflexion
STRETCH = re.compile(r"\bstretch", re.IGNORECASE)
PATH_NAMES = {False: "mid-portion", True: "insertional"}


class LadderProblem(Struct, frozen=True):
    """One rule broken. `stage` and `level` are 1-based; `field` is the list of the level (or
    stage, for "light_day") the problem is in, `position` the exercise's place in it (None: the
    level as a whole)."""

    stage: int
    level: int | None
    field: str  # "exercises", "insertional", "light_day" or "progression"
    position: int | None
    message: str


def ladder_problems(catalog: Catalog) -> Iterator[LadderProblem]:
    """Every rule the catalog's ladder breaks, in the order of the file."""
    for stage in catalog.stages:
        for number, level in enumerate(stage.levels, start=1):
            yield from _level_problems(stage, number, level, catalog.exercises)
        yield from _light_day_problems(stage, catalog.exercises)
    yield from _repeated_rungs(catalog.ladder)


def first_ladder_problem(catalog: Catalog) -> LadderProblem | None:
    return next(ladder_problems(catalog), None)


def is_stretch(exercise: Exercise) -> bool:
    """A calf or Achilles stretch, by its id, name or instructions."""
    return any(STRETCH.search(text) for text in (exercise.id, exercise.name, exercise.how_to))


def _named(exercise: Exercise) -> str:
    return f"{exercise.name} ({exercise.id})"


def _level_problems(
    stage: Stage, number: int, level: Level, exercises: dict[str, Exercise]
) -> Iterator[LadderProblem]:
    rung = f"stage {stage.number}, level {number}"
    for position, ex_id in enumerate(level.exercise_ids):
        exercise = exercises[ex_id]
        if is_stretch(exercise):
            yield LadderProblem(
                stage.number,
                number,
                "exercises",
                position,
                f"{rung} has {_named(exercise)}, a stretch; calf and Achilles stretching "
                "compresses and irritates the tendon",
            )
        if not exercise.insertional_safe and stage.number in IRRITATED_STAGES:
            yield LadderProblem(
                stage.number,
                number,
                "exercises",
                position,
                f"{rung} has {_named(exercise)}, which goes below the step: deep dorsiflexion "
                f"while the tendon is irritated (stages {IRRITATED_STAGES[0]} and "
                f"{IRRITATED_STAGES[-1]})",
            )
    swapped = insertional_ids(level, exercises)
    for position, ex_id in enumerate(swapped):
        exercise = exercises[ex_id]
        if level.insertional_ids is not None and is_stretch(exercise):
            yield LadderProblem(
                stage.number,
                number,
                "insertional",
                position,
                f"{rung}: the insertional path has {_named(exercise)}, a stretch; calf and "
                "Achilles stretching compresses and irritates the tendon",
            )
        if exercise.insertional_safe:
            continue
        if level.insertional_ids is not None:
            yield LadderProblem(
                stage.number,
                number,
                "insertional",
                position,
                f"{rung}: the insertional path has {_named(exercise)}, which goes below the "
                "step; insertional pain stays at floor level",
            )
        else:
            yield LadderProblem(
                stage.number,
                number,
                "exercises",
                position,
                f"{rung} has {_named(exercise)}, which goes below the step, and gives "
                "insertional pain no floor-level exercise instead (add an insertional list "
                "to the level or an insertional_alternative to the exercise)",
            )


def _light_day_problems(stage: Stage, exercises: dict[str, Exercise]) -> Iterator[LadderProblem]:
    """The exercises of the days between spaced sessions are prescribed too."""
    where = f"stage {stage.number}'s light days"
    for position, ex_id in enumerate(stage.light_day):
        exercise = exercises[ex_id]
        if is_stretch(exercise):
            yield LadderProblem(
                stage.number,
                None,
                "light_day",
                position,
                f"{where} have {_named(exercise)}, a stretch; calf and Achilles stretching "
                "compresses and irritates the tendon",
            )
        if exercise.insertional_safe:
            continue
        if stage.number in IRRITATED_STAGES:
            why = "deep dorsiflexion while the tendon is irritated"
        elif exercise.insertional_alternative is None:
            why = "with no insertional_alternative for insertional pain, which stays at floor level"
        else:
            continue
        yield LadderProblem(
            stage.number,
            None,
            "light_day",
            position,
            f"{where} have {_named(exercise)}, which goes below the step: {why}",
        )


def _repeated_rungs(ladder: tuple[LadderStep, ...]) -> Iterator[LadderProblem]:
    """A rung with the same exercises at the same doses as an earlier rung of its path."""
    for insertional in (False, True):
        seen: dict[frozenset[tuple[tuple[str, Dose], int]], LadderStep] = {}
        for step in ladder:
            planned = step.exercises_for(insertional)
            key = frozenset(Counter((p.exercise.id, p.dose) for p in planned).items())
            earlier = seen.get(key)
            if earlier is None:
                seen[key] = step
                continue
            yield LadderProblem(
                step.stage,
                step.level,
                "insertional" if insertional and step.step == 1 else _field_of(step),
                None,
                f"stage {step.stage}, level {step.level}, step {step.step} "
                f"({PATH_NAMES[insertional]} path, "
                f"{' and '.join(_named(p.exercise) for p in planned)}) repeats stage "
                f"{earlier.stage}, level {earlier.level}, step {earlier.step}: the same "
                "exercises at the same doses, a repeat dressed as a step up",
            )


def _field_of(step: LadderStep) -> str:
    """Where a repeated rung is written: a new level's exercises, or a step of its progression."""
    return "exercises" if step.step == 1 else "progression"
