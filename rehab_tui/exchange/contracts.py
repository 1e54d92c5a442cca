"""The JSON contracts of `rehab-tui plan --json`, `history --json`, `ladder --json`,
`test list --json`, `run list --json` and the json export, which users' scripts (and
imports) read (README: "Command line"). Each carries a "schema" number; a change to what a
script may rely on bumps it. New fields may be added to the others without a bump; the
export is different: an older rehab-tui imports it, and would silently drop a part it does
not know, so a new part bumps EXPORT_SCHEMA and an older version refuses the file ("upgrade
rehab-tui") instead of losing that part.
"""

from __future__ import annotations

from typing import TypedDict

from rehab_tui.domain.kinds import describe_dose
from rehab_tui.domain.ladder import light_day_exercises, load_rule
from rehab_tui.domain.library import Catalog, PlannedExercise, Stage
from rehab_tui.domain.plan import Plan
from rehab_tui.domain.trend import Trend, WeekMeans

HISTORY_SCHEMA = 1  # a "runs" list was added beside "sessions" (new fields need no bump)
TESTS_SCHEMA = 1  # `test list --json`: {"schema", "tests": the records, newest first}
LADDER_SCHEMA = 1  # `ladder --json`
RUNS_SCHEMA = 1  # `run list --json`: {"schema", "runs": the records, newest first}
# 2: runs (an export of schema 1 has none, and still imports)
EXPORT_SCHEMA = 2
# 2: run_advice.because, hard_stop_until, red_flags, trend, review_suggested
# 3: frequency, light_day, next_full_day, phase, gate, retest_due, discharge, advice, load_kg
#    (and an exercise's load_kg), insertional; decision may be "maintain"
PLAN_SCHEMA = 3


class PlanDoseJson(TypedDict, total=False):
    """The parts of an exercise's entry that only some exercises have."""

    reps: int
    hold_s: int
    tempo: str
    side: str  # "each" for an exercise done on each leg
    load_kg: float  # a loaded exercise whose last weight is known: the weight to use today


class PlanExerciseJson(PlanDoseJson):
    id: str
    name: str
    kind: str
    sets: int
    rest_s: int


class RunAdviceJson(TypedDict):
    verdict: str
    text: str
    because: str  # the input that decided: red_flag, hard_stop, checkin, session, trend, ...


class WeekJson(TypedDict):
    """One week's means of the morning check-ins; null where none gave the figure."""

    morning_pain: float | None
    stiffness_min: float | None


class TrendJson(TypedDict):
    this_week: WeekJson  # the 7 days ending on the plan's date
    last_week: WeekJson  # the 7 days before them
    level: str  # clear, hold, step_back or clinician


class PlanJson(TypedDict):
    schema: int
    date: str
    stage: int
    stage_name: str
    step: int
    decision: str
    reasons: list[str]
    exercises: list[PlanExerciseJson]
    run_advice: RunAdviceJson
    next_checkin: str
    see_clinician: bool
    hard_stop_until: str | None  # the last day without running after pain at the hard stop
    red_flags: list[str]  # the ids of the red-flag questions answered yes and still open
    trend: TrendJson
    review_suggested: bool  # six weeks or more without a step up
    insertional: bool  # the floor-level path for insertional pain
    frequency: str  # how often this stage's sessions count, in words
    light_day: bool  # a light day between heavy or springy sessions (48 h apart)
    next_full_day: str | None  # on a light day: when the stage's own work counts again
    phase: str  # rehab, or maintenance after the top rung's greens
    gate: str | None  # held at the capacity gate into springy work and running: why
    retest_due: str | None  # a capacity test is due (tests are valid for 6 weeks)
    discharge: str | None  # the discharge summary, once tests and running say so
    advice: list[str]  # around the exercises: how long rehab takes, shoes


def plan_json(plan: Plan) -> PlanJson:
    """The plan for a day, as `plan --json` prints it (keys in this order)."""
    exercises = [exercise_json(p, plan.load_kg.get(p.exercise.id)) for p in plan.exercises]
    return {
        "schema": PLAN_SCHEMA,
        "date": plan.date.isoformat(),
        "stage": plan.step.stage,
        "stage_name": plan.stage_name,
        "step": plan.step.index + 1,
        "decision": plan.decision.value,
        "reasons": list(plan.reasons),
        "exercises": exercises,
        "run_advice": {
            "verdict": plan.run_advice.verdict,
            "text": plan.run_advice.text,
            "because": plan.run_advice.because,
        },
        "next_checkin": plan.next_checkin.isoformat(),
        "see_clinician": plan.see_clinician,
        "hard_stop_until": plan.hard_stop_until.isoformat() if plan.hard_stop_until else None,
        "red_flags": list(plan.red_flags),
        "trend": _trend_json(plan.trend),
        "review_suggested": plan.review_suggested,
        "insertional": plan.insertional,
        "frequency": plan.frequency,
        "light_day": plan.light_day,
        "next_full_day": plan.next_full_day.isoformat() if plan.next_full_day else None,
        "phase": plan.phase,
        "gate": plan.gate,
        "retest_due": plan.retest_due,
        "discharge": plan.discharge,
        "advice": list(plan.advice),
    }


def exercise_json(planned: PlannedExercise, load_kg: float | None = None) -> PlanExerciseJson:
    """One exercise and its dose (and today's weight, when the plan knows it), as `plan --json`
    and `ladder --json` print it."""
    dose = planned.dose
    some: PlanDoseJson = {}
    if dose.reps is not None:
        some["reps"] = dose.reps
    if dose.hold_s is not None:
        some["hold_s"] = dose.hold_s
    if dose.tempo is not None:
        some["tempo"] = str(dose.tempo)
    if planned.exercise.per_side:
        some["side"] = "each"
    if load_kg is not None:
        some["load_kg"] = load_kg
    return {
        "id": planned.exercise.id,
        "name": planned.exercise.name,
        "kind": planned.kind.value,
        "sets": dose.sets,
        **some,
        "rest_s": dose.rest_s,  # last, where the contract has always had it
    }


class LadderExerciseJson(PlanExerciseJson):
    dose: str  # as a person writes it: "3 × 15 @ 3-0-3-0 each side"
    load_step_kg: float | None  # a loaded exercise: about this much is added when reps drop
    load_rule: str | None  # that, in words


class RungJson(TypedDict):
    step: int  # on the whole ladder, 1-based, as `plan` numbers it
    level: int
    level_step: int
    change: str  # from the rung below
    exercises: list[LadderExerciseJson]


class FrequencyJson(TypedDict):
    per_day: int
    days_apart: int
    words: str


class StageJson(TypedDict):
    number: int
    name: str
    goal: str
    progress_when: str
    frequency: FrequencyJson
    light_day: list[LadderExerciseJson]  # offered between spaced sessions; [] when none
    rungs: list[RungJson]


class LadderJson(TypedDict):
    schema: int
    type: str  # midportion or insertional
    exercise_file: str
    stages: list[StageJson]


def ladder_json(catalog: Catalog, insertional: bool) -> LadderJson:
    """Every rung of one path of the ladder, as `ladder --json` prints it."""
    return {
        "schema": LADDER_SCHEMA,
        "type": "insertional" if insertional else "midportion",
        "exercise_file": str(catalog.source),
        "stages": [_stage_json(catalog, stage, insertional) for stage in catalog.stages],
    }


def _stage_json(catalog: Catalog, stage: Stage, insertional: bool) -> StageJson:
    frequency = stage.frequency
    light_day = light_day_exercises(stage, catalog.exercises, insertional)
    rungs: list[RungJson] = [
        {
            "step": step.index + 1,
            "level": step.level,
            "level_step": step.step,
            "change": step.change_for(insertional),
            "exercises": [_ladder_exercise_json(p) for p in step.exercises_for(insertional)],
        }
        for step in catalog.ladder
        if step.stage == stage.number
    ]
    return {
        "number": stage.number,
        "name": stage.name,
        "goal": stage.goal,
        "progress_when": stage.progress_when,
        "frequency": {
            "per_day": frequency.per_day,
            "days_apart": frequency.days_apart,
            "words": frequency.words,
        },
        "light_day": [_ladder_exercise_json(p) for p in light_day],
        "rungs": rungs,
    }


def _ladder_exercise_json(planned: PlannedExercise) -> LadderExerciseJson:
    return {
        **exercise_json(planned),
        "dose": describe_dose(planned),
        "load_step_kg": planned.exercise.load_step_kg,
        "load_rule": load_rule(planned.exercise),
    }


def _week_json(week: WeekMeans | None) -> WeekJson:
    if week is None:
        return {"morning_pain": None, "stiffness_min": None}
    return {
        "morning_pain": None if week.pain is None else round(week.pain, 1),
        "stiffness_min": None if week.stiffness_min is None else round(week.stiffness_min, 1),
    }


def _trend_json(trend: Trend | None) -> TrendJson:
    return {
        "this_week": _week_json(trend.this_week if trend else None),
        "last_week": _week_json(trend.last_week if trend else None),
        "level": trend.level.name.lower() if trend else "clear",
    }
