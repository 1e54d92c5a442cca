"""The JSON contracts of `rehab-tui plan --json` and `history --json`, which users' scripts
read (README: "JSON contract"). Each carries a "schema" number; a change to what a script may
rely on bumps it.
"""

from __future__ import annotations

from typing import TypedDict

from rehab_tui.domain.plan import Plan

HISTORY_SCHEMA = 1
PLAN_SCHEMA = 1


class PlanDoseJson(TypedDict, total=False):
    """The parts of an exercise's entry that only some exercises have."""

    reps: int
    hold_s: int
    tempo: str
    side: str  # "each" for an exercise done on each leg


class PlanExerciseJson(PlanDoseJson):
    id: str
    name: str
    kind: str
    sets: int
    rest_s: int


class RunAdviceJson(TypedDict):
    verdict: str
    text: str


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
        "run_advice": {"verdict": plan.run_advice.verdict, "text": plan.run_advice.text},
        "next_checkin": plan.next_checkin.isoformat(),
        "see_clinician": plan.see_clinician,
    }
