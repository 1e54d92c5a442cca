"""Intervals: the walk-run ladder's run / walk repeats ("10 × (1 min run / 1 min walk)").

The dose gives `run_s` and `walk_s` (0: one continuous run), and `sets` is the number of
repeats. One repeat is one work step: a RUN countdown, then a WALK countdown; only the first
repeat has a get-ready before it, so that the walk flows into the next run. The player says
"run" and "walk" as each part starts, and "three, two, one" before each ends. A repeat records
the seconds spent in it (a repeat cut short by ending the session too: those minutes were
run); running is not time under load.

The walk-run player (DOMAIN §7) plays today's level of the ladder as a session of one such
exercise, so that it has the player's clock, cues and resume-after-crash; at its end the run
is recorded as a run (`played_run`), not as a session.
"""

from __future__ import annotations

from msgspec import Struct

from rehab_tui.domain.kinds.rules import COUNTDOWN_WORDS, KindRules
from rehab_tui.domain.library import Dose, Exercise, Kind, PlannedExercise
from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.record_types import RunKind, SessionRecord
from rehab_tui.domain.run_levels import LEVELS, Level
from rehab_tui.domain.steps import Step, StepState, TempoPhase, timed_state

WALK_RUN_ID = "quick-intervals"  # "quick-": rebuilt from its own record on a resume
PHASE_WORDS = {"RUN": "run", "WALK": "walk"}


def clock_words(seconds: int) -> str:
    """How a run or walk part is written: "1 min", "90 s"."""
    return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds} s"


def interval_phases(dose: Dose) -> tuple[TempoPhase, ...]:
    """The parts of one repeat that last at least a second: RUN, then WALK."""
    phases = (TempoPhase("RUN", dose.run_s or 0), TempoPhase("WALK", dose.walk_s or 0))
    return tuple(p for p in phases if p.seconds > 0)


class IntervalsRules(KindRules):
    kind = Kind.INTERVALS
    noun = "intervals exercise"
    plan_words = "run / walk"
    unit = "s"
    dose_fields = frozenset({"run_s", "walk_s"})
    quick_name = "Walk-run"
    quick_how_to = "Run easily when it says run, walk briskly when it says walk."
    lead_in_each_set = False

    def describe(self, dose: Dose) -> str:
        run, walk = dose.run_s or 0, dose.walk_s or 0
        if not walk:  # as the ladder writes its levels (run_levels.Level.words)
            whole = f"{run // 60} minutes" if run % 60 == 0 else f"{run} s"
            return f"{whole} continuous"
        return f"{dose.sets} × ({clock_words(run)} run / {clock_words(walk)} walk)"

    def amount(self, dose: Dose) -> int:
        return (dose.run_s or 0) + (dose.walk_s or 0)

    def work_step(
        self,
        planned: PlannedExercise,
        exercise_index: int,
        set_number: int,
        side: str | None,
        limits: PainLimits,
    ) -> Step:
        return self.timed_step(planned, (exercise_index, set_number, side), "RUN", limits)

    def state_at(self, step: Step, planned: PlannedExercise, elapsed: float) -> StepState:
        """The countdown, plus the part (RUN or WALK) and the second within it."""
        timed = timed_state(step, elapsed)
        phases = interval_phases(planned.dose)
        if timed.finished or not phases:
            return StepState(timed.elapsed, 0.0, 1.0, True, step.set_number)
        start = 0.0
        for phase in phases:
            if timed.elapsed < start + phase.seconds:
                second = int(timed.elapsed - start) + 1
                return StepState(
                    timed.elapsed,
                    timed.remaining,
                    timed.fraction,
                    False,
                    step.set_number,
                    0,
                    phase,
                    second,
                )
            start += phase.seconds
        raise AssertionError("a repeat's parts cover its whole length")

    def done(self, step: Step, planned: PlannedExercise, measured: float) -> float:
        """The seconds spent in the repeat, never more than planned."""
        return round(min(measured, float(step.target)), 1)

    def spoken_words(self, step: Step, state: StepState) -> str | None:
        """Say "run" or "walk" as the part starts, "three, two, one" in its last seconds."""
        phase = state.phase
        if phase is None:
            return None
        left = phase.seconds - state.phase_second + 1
        if phase.seconds > 3 and left <= 3:
            return COUNTDOWN_WORDS[left]
        return PHASE_WORDS[phase.name]


RULES = IntervalsRules()


# -- the walk-run player ------------------------------------------------------------------------


def repeats_allowed(level: Level, longest_min: float) -> int:
    """The level's repeats that fit within today's longest allowed run (0: not even one)."""
    repeat_min = (level.run_s + level.walk_s) / 60
    return min(level.repeats, int(longest_min / repeat_min + 1e-9))


def walk_run_exercise(level: Level, repeats: int, limits: PainLimits) -> PlannedExercise:
    """Today's level as an exercise for the player: `repeats` of its run / walk."""
    dose = Dose(sets=repeats, rest_s=0, run_s=level.run_s, walk_s=level.walk_s)
    exercise = Exercise(
        id=WALK_RUN_ID,
        name=f"Walk-run, level {level.number}",
        how_to=RULES.quick_how_to,
        cues=(limits.cue,),
        kind=Kind.INTERVALS,
        per_side=False,
        insertional_safe=True,
        dose=dose,
    )
    return PlannedExercise(exercise, dose)


class PlayedRun(Struct, frozen=True):
    """What a played walk-run session was, as a run: its minutes, kind and level, in words."""

    minutes: float
    kind: RunKind
    level: int | None  # only when the whole level was done: a part of it is not that level
    note: str


def played_run(session: SessionRecord) -> PlayedRun | None:
    """The run a walk-run session was (None: the session is not one)."""
    entry = next((e for e in session["exercises"] if e["exercise_id"] == WALK_RUN_ID), None)
    if entry is None:
        return None
    planned = entry["planned"]
    run_s, walk_s = planned.get("run_s", 0), planned.get("walk_s", 0)
    level = next((lv for lv in LEVELS if (lv.run_s, lv.walk_s) == (run_s, walk_s)), None)
    seconds = sum(s["done"] for s in entry["sets"])
    whole = [s for s in entry["sets"] if not s["skipped"]]
    complete = level is not None and len(whole) >= level.repeats
    kind: RunKind = "walk_run" if walk_s else "continuous"
    number = level.number if complete and walk_s and level is not None else None
    note = "played with the walk-run player"
    if level is not None and not complete:
        note += f": {len(whole)} of level {level.number}'s {level.repeats} repeats done in full"
    return PlayedRun(round(seconds / 60, 1), kind, number, note)
