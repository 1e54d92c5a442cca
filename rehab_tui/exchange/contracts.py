"""The JSON contracts of `rehab-tui plan --json` and `history --json`, which users' scripts
read (README: "JSON contract"). Each carries a "schema" number; a change to what a script may
rely on bumps it.
"""

from __future__ import annotations

from typing import TypedDict

from rehab_tui.domain.plan import Plan
from rehab_tui.domain.trend import Trend, WeekMeans

HISTORY_SCHEMA = 1
TESTS_SCHEMA = 1  # `test list --json`: {"schema", "tests": the records, newest first}
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
    exercises: list[PlanExerciseJson] = []
    for planned in plan.exercises:
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
        if planned.exercise.id in plan.load_kg:
            some["load_kg"] = plan.load_kg[planned.exercise.id]
        exercises.append(
            {
                "id": planned.exercise.id,
                "name": planned.exercise.name,
                "kind": planned.kind.value,
                "sets": dose.sets,
                **some,
                "rest_s": dose.rest_s,  # last, where the contract has always had it
            }
        )
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
