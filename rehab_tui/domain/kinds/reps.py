"""Counted reps: contacts or hops the user counts, pressing d when the set is done ("3 × 10").

The step has no duration: it waits for the user (a dose with a tempo sets a beat to follow). A set records the reps counted, which add no
time under load (they are quick contacts, not sustained loading). The player says "go".
"""

from __future__ import annotations

from rehab_tui.domain.kinds.rules import KindRules
from rehab_tui.domain.library import Dose, Kind, PlannedExercise
from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.steps import Step, StepState


def metronome_s(dose: Dose) -> float | None:
    """Seconds per rep when the reps follow a beat (the heel-raise test's dose has a tempo),
    else None: the user counts at their own pace."""
    return dose.tempo.rep_seconds if dose.tempo is not None else None


class RepsRules(KindRules):
    kind = Kind.REPS
    noun = "reps exercise"
    plan_words = "contacts"
    unit = "reps"
    dose_fields = frozenset({"reps"})
    quick_name = "Reps"
    quick_how_to = "Do the reps at your own pace, then press d."
    keeps_partial_set = False

    def describe(self, dose: Dose) -> str:
        return f"{dose.sets} × {dose.reps}"

    def amount(self, dose: Dose) -> int:
        return dose.reps or 0  # 0 only for a damaged record: the user still counts the set

    def work_step(
        self,
        planned: PlannedExercise,
        exercise_index: int,
        set_number: int,
        side: str | None,
        limits: PainLimits,
    ) -> Step:
        return Step(
            Kind.REPS,
            None,
            exercise_index,
            set_number,
            side,
            "GO",
            "Press d when done",
            target=self.amount(planned.dose),
        )

    def done(self, step: Step, planned: PlannedExercise, measured: float) -> float:
        return float(int(measured))

    def spoken_words(self, step: Step, state: StepState) -> str | None:
        return "go"


RULES = RepsRules()
