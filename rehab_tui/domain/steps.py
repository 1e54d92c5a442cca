"""The steps a session is played as, and where the player is within one.

A step is a lead-in ("get ready", "switch sides"), a rest, or the work of one set; a work step's
kind is its exercise's `Kind`, so a new kind of exercise needs no new kind of step. The kinds'
own modules (rehab_tui.domain.kinds) build work steps and their states from these types.
"""

from __future__ import annotations

import math
from enum import StrEnum

from msgspec import Struct

from rehab_tui.domain.library import Kind

# Reps steps wait for the user; for the session progress bar they are assumed to take this long.
SECONDS_PER_CONTACT_ESTIMATE = 1.5


class StepKind(StrEnum):
    """The steps around the work: the work itself is named by its exercise's Kind."""

    LEAD_IN = "lead_in"  # "get ready" before a set, or "switch sides" between sides
    REST = "rest"


class Step(Struct, frozen=True):
    kind: StepKind | Kind  # a Kind for a work step (one side of one set)
    duration: float | None  # None: the step waits for the user (counted reps)
    exercise_index: int
    set_number: int  # 1-based
    side: str | None  # "left", "right" or None
    label: str  # what the screen says in big letters: "GET READY", "HOLD", "REST"...
    detail: str = ""  # a second line: "Next: Seated heel-raise hold"
    target: int = 0  # the planned amount of a work step: hold seconds, or reps

    @property
    def work_kind(self) -> Kind | None:
        """The exercise's kind when this is a work step, else None."""
        return self.kind if isinstance(self.kind, Kind) else None

    @property
    def is_work(self) -> bool:
        return self.work_kind is not None

    @property
    def estimated_seconds(self) -> float:
        if self.duration is not None:
            return self.duration
        return self.target * SECONDS_PER_CONTACT_ESTIMATE


class TempoPhase(Struct, frozen=True):
    name: str  # UP, TOP, LOWER, RESET
    seconds: int


class StepState(Struct, frozen=True):
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


def timed_state(step: Step, elapsed: float) -> StepState:
    """The state of any step after `elapsed` seconds: a countdown, or waiting for the user."""
    elapsed = max(0.0, elapsed)
    if step.duration is None:
        return StepState(elapsed, None, 0.0, False)
    remaining = max(0.0, step.duration - elapsed)
    fraction = min(1.0, elapsed / step.duration) if step.duration else 1.0
    return StepState(elapsed, remaining, fraction, elapsed >= step.duration)
