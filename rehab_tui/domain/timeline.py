"""Turn a session's prescription into the steps the player walks through, and say where in a
step a given elapsed time falls.

Pure: no clock, no I/O. The player measures elapsed time; this module only interprets it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from rehab_tui.domain.library import Kind, PlannedExercise

LEAD_IN_S = 5.0
SWITCH_SIDES_S = 5.0
# Reps steps wait for the user; for the session progress bar they are assumed to take this long.
SECONDS_PER_CONTACT_ESTIMATE = 1.5


class StepKind(StrEnum):
    LEAD_IN = "lead_in"  # "get ready" before a set, or "switch sides" between sides
    HOLD = "hold"
    TEMPO = "tempo"
    REPS = "reps"
    REST = "rest"

    @property
    def is_work(self) -> bool:
        return self in (StepKind.HOLD, StepKind.TEMPO, StepKind.REPS)


@dataclass(frozen=True)
class Step:
    kind: StepKind
    duration: float | None  # None: the step waits for the user (counted reps)
    exercise_index: int
    set_number: int  # 1-based
    side: str | None  # "left", "right" or None
    label: str  # what the screen says in big letters: "GET READY", "HOLD", "REST"...
    detail: str = ""  # a second line: "Next: Seated heel-raise hold"
    target: int = 0  # hold seconds, or reps, for work steps

    @property
    def estimated_seconds(self) -> float:
        if self.duration is not None:
            return self.duration
        return self.target * SECONDS_PER_CONTACT_ESTIMATE


@dataclass(frozen=True)
class TempoPhase:
    name: str  # UP, TOP, LOWER, RESET
    seconds: int


@dataclass(frozen=True)
class StepState:
    """Where the player is within one step."""

    elapsed: float
    remaining: float | None
    fraction: float  # 0..1 through the step (0 for steps that wait for the user)
    finished: bool
    rep: int = 0  # tempo: the repetition in progress, 1-based
    reps_done: int = 0  # tempo: repetitions completed
    phase: TempoPhase | None = None
    phase_second: int = 0  # tempo: 1-based second within the phase

    @property
    def shown_seconds(self) -> int:
        """The whole seconds a countdown shows: 30 until 29.0 s remain, then 29..., 0 at the end."""
        return max(0, math.ceil(self.remaining - 1e-9)) if self.remaining is not None else 0


@dataclass(frozen=True)
class Timeline:
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
) -> Timeline:
    """Lead-in, work, rest for every set and side; a longer rest names the next exercise.

    `rest_s` (the user's preference) replaces each exercise's rest, except where it plans none.
    """
    exercises = tuple(exercises)
    steps: list[Step] = []
    for ex_index, planned in enumerate(exercises):
        exercise, dose = planned.exercise, planned.dose
        sides = ("left", "right") if exercise.per_side else (None,)
        for set_number in range(1, dose.sets + 1):
            for side in sides:
                first_side = side == sides[0]
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
                steps.append(_work_step(planned, ex_index, set_number, side))
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


def _work_step(planned: PlannedExercise, ex_index: int, set_number: int, side: str | None) -> Step:
    dose = planned.dose
    if planned.kind is Kind.HOLD:
        return Step(
            StepKind.HOLD,
            float(dose.hold_s),
            ex_index,
            set_number,
            side,
            "HOLD",
            "Keep pain at 3/10 or less",
            target=dose.hold_s or 0,
        )
    if planned.kind is Kind.TEMPO:
        assert dose.tempo is not None and dose.reps is not None
        return Step(
            StepKind.TEMPO,
            float(dose.reps * dose.tempo.rep_seconds),
            ex_index,
            set_number,
            side,
            "TEMPO",
            f"Tempo {dose.tempo}",
            target=dose.reps,
        )
    return Step(
        StepKind.REPS,
        None,
        ex_index,
        set_number,
        side,
        "GO",
        "Press d when done",
        target=dose.reps or 0,
    )


def tempo_phases(planned: PlannedExercise) -> tuple[TempoPhase, ...]:
    tempo = planned.dose.tempo
    assert tempo is not None
    phases = (
        TempoPhase("UP", tempo.up),
        TempoPhase("TOP", tempo.top),
        TempoPhase("LOWER", tempo.down),
        TempoPhase("RESET", tempo.bottom),
    )
    return tuple(p for p in phases if p.seconds > 0)


def state_at(timeline: Timeline, index: int, elapsed: float) -> StepState:
    """Where step `index` is after `elapsed` seconds of (unpaused) time in it."""
    step = timeline.steps[index]
    elapsed = max(0.0, elapsed)
    if step.duration is None:
        return StepState(elapsed, None, 0.0, False)
    remaining = max(0.0, step.duration - elapsed)
    fraction = min(1.0, elapsed / step.duration) if step.duration else 1.0
    finished = elapsed >= step.duration
    if step.kind is not StepKind.TEMPO:
        return StepState(elapsed, remaining, fraction, finished)
    planned = timeline.exercises[step.exercise_index]
    assert planned.dose.tempo is not None
    rep_seconds = planned.dose.tempo.rep_seconds
    reps_done = min(step.target, int(elapsed // rep_seconds))
    if finished:
        return StepState(elapsed, 0.0, 1.0, True, step.target, step.target)
    within = elapsed - reps_done * rep_seconds
    start = 0.0
    for phase in tempo_phases(planned):
        if within < start + phase.seconds:
            second = int(within - start) + 1
            return StepState(
                elapsed, remaining, fraction, False, reps_done + 1, reps_done, phase, second
            )
        start += phase.seconds
    raise AssertionError("a tempo repetition's phases cover its whole length")
