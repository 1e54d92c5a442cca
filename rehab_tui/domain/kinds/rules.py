"""What every kind of exercise must say about itself: the `KindRules` each kind's module fills in.

Kept apart from the registry (the package's `__init__`) so that the kinds' modules can import it
while the registry imports them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar, Literal

from rehab_tui.domain.library import Dose, Kind, PlannedExercise
from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.steps import Step, StepState, timed_state

# Dose fields every kind has; a kind's `dose_fields` are the ones it adds.
SHARED_DOSE_FIELDS = frozenset({"sets", "rest_s"})
COUNTDOWN_WORDS = {3: "three", 2: "two", 1: "one"}


class KindRules(ABC):
    """Everything the domain does differently for one kind of exercise.

    One instance per kind (the module's `RULES`); it holds no state, so it is shared freely.
    """

    kind: ClassVar[Kind]
    noun: ClassVar[str]  # one exercise of this kind, in a file mistake: "... is a hold"
    plan_words: ClassVar[str]  # what the day's plan calls this kind of work: "slow reps"
    unit: ClassVar[str]  # the unit of a set's planned and done amount: "s", "reps"
    # The dose fields this kind has beside SHARED_DOSE_FIELDS: an exercise file must give each
    # of them, and a level's progression may grow them.
    dose_fields: ClassVar[frozenset[str]]
    quick_name: ClassVar[str]  # the quick timer's exercise of this kind: "Hold"
    quick_how_to: ClassVar[str]
    # Whether every set has its get-ready before it (intervals: only the first, so that each
    # walk flows into the next run).
    lead_in_each_set: ClassVar[bool] = True
    # Whether a set ended early with the session still counts what was done of it, as `n`
    # does (a hold's seconds, a run's minutes; a counted set's reps are known only at `d`).
    keeps_partial_set: ClassVar[bool] = True
    # The field of a session's dose (review.SessionDose) a set's done amount adds to: the
    # seconds held, or the strength reps; None: not charted as a dose (contacts, intervals).
    dose_measure: ClassVar[Literal["held_s", "tempo_reps"] | None] = None

    @abstractmethod
    def describe(self, dose: Dose) -> str:
        """The dose as a person writes it: "5 × 30 s"."""

    @abstractmethod
    def amount(self, dose: Dose) -> int:
        """What one set plans, in `unit`: the hold seconds, or the reps."""

    @abstractmethod
    def work_step(
        self,
        planned: PlannedExercise,
        exercise_index: int,
        set_number: int,
        side: str | None,
        limits: PainLimits,
    ) -> Step:
        """The step that plays one side of one set."""

    def timed_step(
        self,
        planned: PlannedExercise,
        where: tuple[int, int, str | None],
        label: str,
        limits: PainLimits,
    ) -> Step:
        """A work step timed by the dose's amount in seconds (a hold, a walk-run repeat);
        `where`: the exercise index, the set number and the side."""
        seconds = self.amount(planned.dose)
        exercise_index, set_number, side = where
        return Step(
            self.kind,
            float(seconds),
            exercise_index,
            set_number,
            side,
            label,
            limits.cue,
            target=seconds,
        )

    def state_at(self, step: Step, planned: PlannedExercise, elapsed: float) -> StepState:
        """Where a work step is after `elapsed` unpaused seconds (a plain countdown unless
        the kind has more to say, as tempo's phases do)."""
        return timed_state(step, elapsed)

    @abstractmethod
    def done(self, step: Step, planned: PlannedExercise, measured: float) -> float:
        """The amount a set records as done, from the seconds spent in it or the reps counted."""

    @abstractmethod
    def spoken_words(self, step: Step, state: StepState) -> str | None:
        """What to say at this moment of a work step (see rehab_tui.domain.cues)."""

    def seconds_under_load(self, planned: Mapping[str, Any], done: float) -> float:
        """Seconds the tendon worked in an exercise's saved sets, `done` being the sum of their
        done amounts. `planned` is the dose as the session saved it (records.dose_to_dict): read
        as stored, since the history adds this up for every session ever saved."""
        return 0.0

    def applies(self, field: str) -> bool:
        """Whether this kind's dose has `field`, so that a level's progression changes it."""
        return field in SHARED_DOSE_FIELDS or field in self.dose_fields


def countdown_word(step: Step, state: StepState) -> str | None:
    """The countdown's words ("three", "two", "one") in the last seconds of a timed step longer
    than three seconds; None at other moments."""
    if step.duration is not None and step.duration > 3:
        return COUNTDOWN_WORDS.get(state.shown_seconds)
    return None
