"""What today's session holds once the plan has chosen its rung: the exercises for this runner
(insertional, no weights), a light day between heavy or springy ones, the weights to use, the
maintenance phase and discharge, retests, and the advice around the exercises (DOMAIN §3, §4,
§6, §9). Pure.
"""

from __future__ import annotations

from datetime import date, timedelta

from msgspec import Struct, field

from rehab_tui.domain.capacity import capacity_gate, retest_due
from rehab_tui.domain.library import Catalog, LadderStep, PlannedExercise
from rehab_tui.domain.loading import bodyweight, last_loads, suggested
from rehab_tui.domain.moves import (
    MAINTENANCE_FREQUENCY,
    MAINTENANCE_MONTHS,
    Day,
    Move,
    calm_dose,
    maintenance_since,
)
from rehab_tui.domain.outcomes import Outcome, PlanSettings, day_words, session_day
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.record_types import CapacityRecord, RunRecord, SessionRecord
from rehab_tui.domain.spacing import light_day, not_counted

HOW_LONG = (
    "Rehab takes 12 weeks at least, often 6 to 12 months: steady loading is what works, so "
    "expect slow weeks."
)
HOW_LONG_DAYS = 14  # the advice says how long rehab takes for this long after the first session
SHOES = (
    "Shoes: a higher heel-to-toe drop, or a small heel lift, eases the tendon for a while. It is "
    "a short-term aid while the tendon settles, not the fix; the loading is."
)
RUNNING_GOAL = "you run 30 minutes continuous within your pain limit"


class Today(Struct, frozen=True):
    exercises: tuple[PlannedExercise, ...]
    reasons: tuple[str, ...]
    frequency: str
    light_day: bool = False
    next_full_day: date | None = None
    advice: tuple[str, ...] = ()
    retest_due: str | None = None
    phase: str = "rehab"
    discharge: str | None = None
    load_kg: dict[str, float] = field(default_factory=dict)


class Evidence(Struct, frozen=True):
    """What the plan holds about the runner, up to today (oldest first)."""

    planned: list[SessionRecord]  # plan sessions on the ladder
    past: list[SessionRecord]  # every session
    days: list[Day]  # the plan's days, judged
    outcomes: dict[str, tuple[Outcome, str]]
    tests: list[CapacityRecord]
    running_done: str | None = None  # the running goal, when reached, in words
    runs: list[RunRecord] = field(default_factory=list)  # springy days for spacing


def today_program(
    catalog: Catalog,
    move: Move,
    profile: Profile,
    evidence: Evidence,
    today: date,
    settings: PlanSettings,
) -> Today:
    """Today's exercises and everything said around them."""
    step = catalog.ladder[move.rung]
    insertional = profile.tendinopathy == "insertional"
    exercises, reasons = _exercises(catalog, step, move, insertional)
    stage = catalog.stage(step.stage)
    light = None
    if exercises and not move.calm:
        what = "heavy" if step.stage < max(s.number for s in catalog.stages) else "springy"
        light = light_day(catalog, evidence.planned, evidence.runs, step.stage, today, what)
    if light is not None:
        exercises = light.exercises
        reasons.append(light.reason)
    if not profile.weights:
        exercises, extra = bodyweight(exercises)
        reasons.extend(extra)
    holding = move.decision not in ("start", "progress", "regress")
    late = not_counted(catalog, evidence.planned) if holding else None
    if late is not None:
        reasons.append(late)
    at_top = move.rung == len(catalog.ladder) - 1 and move.decision != "regress"
    maintenance = (
        maintenance_since(catalog, evidence.planned, evidence.outcomes, settings)
        if at_top
        else None
    )
    discharge, needs = _discharge(maintenance, evidence, today, settings)
    if needs is not None:
        reasons.append(needs)
    loads = suggested(exercises, last_loads(evidence.past), set(move.heavier))
    return Today(
        exercises=exercises,
        reasons=tuple(reasons),
        frequency=MAINTENANCE_FREQUENCY if maintenance else stage.frequency.words,
        light_day=light is not None,
        next_full_day=light.next_full_day if light is not None else None,
        advice=_advice(evidence, profile, move, today),
        retest_due=retest_due(evidence.tests, today, settings)
        if step.stage >= _gated_stage(catalog) or move.gate
        else None,
        phase="maintenance" if maintenance else "rehab",
        discharge=discharge,
        load_kg=loads if profile.weights else {},
    )


def _gated_stage(catalog: Catalog) -> int:
    return max(s.number for s in catalog.stages)


def _exercises(
    catalog: Catalog, step: LadderStep, move: Move, insertional: bool
) -> tuple[tuple[PlannedExercise, ...], list[str]]:
    """None on a rest from loading, the calm dose, or the rung's (floor level for insertional
    pain, said when it differs)."""
    if move.rest:
        return (), []
    if move.calm:
        return calm_dose(catalog), []
    if not insertional or step.insertional_exercises == step.exercises:
        return step.exercises_for(insertional), []
    instead = [p.exercise.name for p in step.exercises if p not in step.insertional_exercises]
    done = [p.exercise.name for p in step.insertional_exercises if p not in step.exercises]
    reason = (
        f"Insertional pain: {' and '.join(done)} instead of {' and '.join(instead)}: floor "
        "level at every stage, the heel never lower than the floor."
    )
    return step.insertional_exercises, [reason]


def _advice(evidence: Evidence, profile: Profile, move: Move, today: date) -> tuple[str, ...]:
    """How long rehab takes (at the start), and the shoe advice where DOMAIN §6 puts it:
    insertional pain, or a tendon that is amber or red."""
    advice = []
    first = session_day(evidence.planned[0]) if evidence.planned else today
    if (today - first).days < HOW_LONG_DAYS:
        advice.append(HOW_LONG)
    latest = evidence.days[-1].outcome if evidence.days else None
    irritated = latest in (Outcome.AMBER, Outcome.RED) or move.decision == "regress"
    if profile.tendinopathy == "insertional" or irritated or move.see_clinician:
        advice.append(SHOES)
    return tuple(advice)


def _discharge(
    since: date | None, evidence: Evidence, today: date, settings: PlanSettings
) -> tuple[str | None, str | None]:
    """In maintenance: the discharge summary once the capacity tests are passed and running is
    back, else what discharge still needs (None, None before maintenance)."""
    if since is None:
        return None, None
    tests_open = capacity_gate(evidence.tests, today, settings)
    if tests_open is None and evidence.running_done:
        first = session_day(evidence.planned[0])
        weeks = (today - first).days // 7
        return (
            f"Ready for discharge: {weeks} weeks since your first session on "
            f"{day_words(first)}, the capacity tests passed, and {evidence.running_done}. Keep "
            f"the maintenance work {MAINTENANCE_FREQUENCY} until "
            f"{day_words(since + timedelta(weeks=4 * MAINTENANCE_MONTHS + 1))} at least."
        ), None
    needs = []
    if tests_open is not None:
        needs.append(f"the capacity tests passed ({tests_open})")
    if not evidence.running_done:
        needs.append(RUNNING_GOAL)
    return (
        None,
        f"Maintenance since {day_words(since)}. Discharge comes when {' and '.join(needs)}.",
    )
