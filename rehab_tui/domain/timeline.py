"""Turn a session's prescription into the steps the player walks through, and say where in a
step a given elapsed time falls.

Pure: no clock, no I/O. The player measures elapsed time; this module only interprets it. The
work steps and their states are each kind's own (rehab_tui.domain.kinds).
"""

from __future__ import annotations

from msgspec import Struct

from rehab_tui.domain.kinds import rules_for
from rehab_tui.domain.library import PlannedExercise
from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.steps import Step, StepKind, StepState, timed_state

LEAD_IN_S = 5.0
SWITCH_SIDES_S = 5.0


class Timeline(Struct, frozen=True):
    exercises: tuple[PlannedExercise, ...]
    steps: tuple[Step, ...]

    @property
    def estimated_seconds(self) -> float:
        return sum(step.estimated_seconds for step in self.steps)

    def seconds_before(self, index: int) -> float:
        return sum(step.estimated_seconds for step in self.steps[:index])


def build_timeline(
    exercises: tuple[PlannedExercise, ...] | list[PlannedExercise],
    lead_in_s: float = LEAD_IN_S,
    switch_s: float = SWITCH_SIDES_S,
    rest_s: int | None = None,
    *,
    limits: PainLimits,
) -> Timeline:
    """Lead-in, work, rest for every set and side; a longer rest names the next exercise.

    `rest_s` (the user's preference) replaces each exercise's rest, except where it plans none;
    `limits` (the profile's) give a hold its "keep pain at ..." line.
    """
    exercises = tuple(exercises)
    steps: list[Step] = []
    for ex_index, planned in enumerate(exercises):
        exercise, dose = planned.exercise, planned.dose
        work = rules_for(planned.kind)
        sides = ("left", "right") if exercise.per_side else (None,)
        for set_number in range(1, dose.sets + 1):
            for side in sides:
                first_side = side == sides[0]
                if first_side and set_number > 1 and not work.lead_in_each_set:
                    steps.append(work.work_step(planned, ex_index, set_number, side, limits))
                    continue
                steps.append(
                    Step(
                        StepKind.LEAD_IN,
                        lead_in_s if first_side else switch_s,
                        ex_index,
                        set_number,
                        side,
                        "GET READY" if first_side else "SWITCH SIDES",
                        _side_words(side) if first_side else f"Now the {side} leg",
                    )
                )
                steps.append(work.work_step(planned, ex_index, set_number, side, limits))
            last_set = set_number == dose.sets
            if last_set and ex_index == len(exercises) - 1:
                continue
            rest = rest_s if rest_s and dose.rest_s > 0 else dose.rest_s
            if rest > 0:
                detail = (
                    f"Next: {exercises[ex_index + 1].exercise.name}"
                    if last_set
                    else (f"Next: set {set_number + 1} of {dose.sets}")
                )
                steps.append(
                    Step(
                        StepKind.REST,
                        float(rest),
                        ex_index,
                        set_number,
                        None,
                        "REST",
                        detail,
                    )
                )
    return Timeline(exercises, tuple(steps))


def _side_words(side: str | None) -> str:
    return f"{side.capitalize()} leg first" if side else "Both legs"


def state_at(timeline: Timeline, index: int, elapsed: float) -> StepState:
    """Where step `index` is after `elapsed` seconds of (unpaused) time in it."""
    step = timeline.steps[index]
    if step.work_kind is None:
        return timed_state(step, elapsed)
    planned = timeline.exercises[step.exercise_index]
    return rules_for(step.work_kind).state_at(step, planned, elapsed)
