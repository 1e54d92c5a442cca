"""Tempo reps: repetitions paced phase by phase, up-top-down-bottom ("3 × 15 @ 1-0-3-1").

The dose gives `reps` and a `tempo`; the step lasts reps × the rep's seconds, and its state names
the rep, the phase and the second within it. A set records the reps completed, each worth the
rep's seconds under load. The player says "up" and "lower" as those phases start.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from rehab_tui.domain.kinds.rules import KindRules
from rehab_tui.domain.library import Dose, Kind, PlannedExercise, Tempo
from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.steps import Step, StepState, TempoPhase, timed_state

PHASE_WORDS = {"UP": "up", "LOWER": "lower"}


def tempo_of(dose: Dose) -> Tempo:
    if dose.tempo is None:
        raise ValueError("a tempo exercise's dose needs a tempo")
    return dose.tempo


def tempo_phases(planned: PlannedExercise) -> tuple[TempoPhase, ...]:
    """The phases of one rep that last at least a second, in order."""
    tempo = tempo_of(planned.dose)
    phases = (
        TempoPhase("UP", tempo.up),
        TempoPhase("TOP", tempo.top),
        TempoPhase("LOWER", tempo.down),
        TempoPhase("RESET", tempo.bottom),
    )
    return tuple(p for p in phases if p.seconds > 0)


class TempoRules(KindRules):
    kind = Kind.TEMPO
    noun = "tempo exercise"
    plan_words = "slow reps"
    unit = "reps"
    dose_measure = "tempo_reps"
    dose_fields = frozenset({"reps", "tempo"})
    quick_name = "Slow reps"
    quick_how_to = "Move with the cue words: each phase counts its own seconds."

    def describe(self, dose: Dose) -> str:
        return f"{dose.sets} × {dose.reps} @ {dose.tempo}"

    def amount(self, dose: Dose) -> int:
        return dose.reps or 0  # 0 only for a damaged record

    def work_step(
        self,
        planned: PlannedExercise,
        exercise_index: int,
        set_number: int,
        side: str | None,
        limits: PainLimits,
    ) -> Step:
        reps = self.amount(planned.dose)
        return Step(
            Kind.TEMPO,
            float(reps * tempo_of(planned.dose).rep_seconds),
            exercise_index,
            set_number,
            side,
            "TEMPO",
            f"Tempo {planned.dose.tempo}",
            target=reps,
        )

    def state_at(self, step: Step, planned: PlannedExercise, elapsed: float) -> StepState:
        """The countdown, plus the rep in progress, its phase and the second within the phase."""
        timed = timed_state(step, elapsed)
        if timed.finished:
            return StepState(timed.elapsed, 0.0, 1.0, True, step.target, step.target)
        rep_seconds = tempo_of(planned.dose).rep_seconds
        reps_done = min(step.target, int(timed.elapsed // rep_seconds))
        within = timed.elapsed - reps_done * rep_seconds
        start = 0.0
        for phase in tempo_phases(planned):
            if within < start + phase.seconds:
                second = int(within - start) + 1
                return StepState(
                    timed.elapsed,
                    timed.remaining,
                    timed.fraction,
                    False,
                    reps_done + 1,
                    reps_done,
                    phase,
                    second,
                )
            start += phase.seconds
        raise AssertionError("a tempo repetition's phases cover its whole length")

    def done(self, step: Step, planned: PlannedExercise, measured: float) -> float:
        """The reps completed in the seconds spent (a rep cut short does not count)."""
        return float(self.state_at(step, planned, measured).reps_done)

    def spoken_words(self, step: Step, state: StepState) -> str | None:
        return PHASE_WORDS.get(state.phase.name) if state.phase is not None else None

    def seconds_under_load(self, planned: Mapping[str, Any], done: float) -> float:
        return done * rep_seconds(planned["tempo"])


@lru_cache(maxsize=256)
def rep_seconds(tempo: str) -> int:
    """A stored tempo's repetition, in seconds. History holds a handful of tempos, read again
    for each session shown: 364 parses (2 ms) for trends' 13 weeks of twice-daily sessions."""
    return Tempo.parse(tempo).rep_seconds


RULES = TempoRules()
