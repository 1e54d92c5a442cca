"""Holds: an isometric hold timed by a countdown ("5 × 30 s").

The dose gives `hold_s`; a set records the seconds held (to 0.1 s), and all of them count as time
under load. The player says "hold" as it starts and "three, two, one" before it ends.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rehab_tui.domain.kinds.rules import KindRules, countdown_word
from rehab_tui.domain.library import Dose, Kind, PlannedExercise
from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.steps import Step, StepState


class HoldRules(KindRules):
    kind = Kind.HOLD
    noun = "hold"
    plan_words = "hold"
    unit = "s"
    dose_measure = "held_s"
    dose_fields = frozenset({"hold_s"})
    quick_name = "Hold"
    quick_how_to = "Hold the position for the whole countdown; rest when it says rest."

    def describe(self, dose: Dose) -> str:
        return f"{dose.sets} × {dose.hold_s} s"

    def amount(self, dose: Dose) -> int:
        return dose.hold_s or 0  # 0 only for a damaged record: the hold then ends at once

    def work_step(
        self,
        planned: PlannedExercise,
        exercise_index: int,
        set_number: int,
        side: str | None,
        limits: PainLimits,
    ) -> Step:
        return self.timed_step(planned, (exercise_index, set_number, side), "HOLD", limits)

    def done(self, step: Step, planned: PlannedExercise, measured: float) -> float:
        """The seconds held, never more than planned (a late tick is not extra work)."""
        return round(min(measured, float(step.target)), 1)

    def spoken_words(self, step: Step, state: StepState) -> str | None:
        return countdown_word(step, state) or "hold"

    def seconds_under_load(self, planned: Mapping[str, Any], done: float) -> float:
        return done


RULES = HoldRules()
