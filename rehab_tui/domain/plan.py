"""The pain-guided plan: (catalog, history, check-ins, profile, settings, date) -> today's plan.

Pure: no clock, no I/O, no Textual. It follows the rules the README lists under "The plan, and
why it changes": a session's outcome (rehab_tui.domain.outcomes) combines the pain during it
with the next morning's check-in against the person's baseline; three green sessions in a row on
at least two days earn one step up; amber or pending holds; red steps back; two reds in a row
step back a stage and advise a clinician; gaps of 7+ and 21+ days restart lower. One change at a
time, and every plan says why in sentences that name the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from rehab_tui.domain.capacity import capacity_gate
from rehab_tui.domain.kinds import describe_dose
from rehab_tui.domain.library import Catalog, LadderStep, PlannedExercise
from rehab_tui.domain.outcomes import (
    Outcome,
    PlanSettings,
    day_words,
    outcome_of,
    sentence,
    session_day,
)
from rehab_tui.domain.pain import PainZone, zone_of
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.record_types import (
    CapacityRecord,
    CheckinRecord,
    SessionKind,
    SessionRecord,
)

CAPACITY_GATED_STAGE = 4  # entering it needs passed capacity tests (see capacity_gate)


class Decision(StrEnum):
    START = "start"
    PROGRESS = "progress"
    HOLD = "hold"
    REGRESS = "regress"


@dataclass(frozen=True)
class RunAdvice:
    verdict: str  # run | modify | rest
    text: str


# Plan has a field called `date`, which hides the type of that name inside the class.
Day = date


@dataclass(frozen=True)
class Plan:
    date: Day
    step: LadderStep
    stage_name: str
    exercises: tuple[PlannedExercise, ...]
    decision: Decision
    reasons: tuple[str, ...]
    run_advice: RunAdvice
    next_checkin: Day
    see_clinician: bool = False
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # session id -> outcome
    hard_stop: str | None = None  # pain at the hard stop: said whatever program is followed


def make_plan(
    catalog: Catalog,
    sessions: list[SessionRecord],
    checkins: list[CheckinRecord],
    profile: Profile,
    today: date,
    settings: PlanSettings | None = None,
    tests: list[CapacityRecord] | None = None,
) -> Plan:
    """Today's plan. `sessions` and `checkins` may be in any order; later days may be passed."""
    settings = settings or PlanSettings.for_profile(profile)
    past = sorted(
        (
            s
            for s in sessions
            if session_day(s) < today or (session_day(s) == today and s.get("ended_at"))
        ),
        key=lambda s: s["started_at"],
    )
    checkins = sorted(
        (c for c in checkins if date.fromisoformat(c["date"]) <= today), key=lambda c: c["date"]
    )
    planned = [
        s for s in past if s.get("kind") == SessionKind.PLAN and s.get("ladder_index") is not None
    ]
    outcomes = {s["id"]: outcome_of(s, checkins, profile, settings) for s in planned}
    ladder = catalog.ladder
    if not planned:
        first = (
            f"First session: stage 1 ({catalog.stage(1).name}) starts with "
            f"{describe_dose(ladder[0].exercises[0])} holds to calm the tendon and start loading it."
        )
        rung, decision, reasons, see_clinician = 0, Decision.START, [first], False
    else:
        rung, decision, reasons, see_clinician = _decide(
            catalog, past, planned, outcomes, today, settings, tests or []
        )
    step = ladder[rung]
    exercises, swaps = _for_profile(catalog, step, profile)
    reasons += swaps
    latest_pain = _worst_recent_pain(past, checkins)
    hard_stop = _hard_stop(latest_pain, settings)
    if hard_stop is not None:
        see_clinician = True
        reasons.append(hard_stop)
    last_outcome = outcomes[planned[-1]["id"]][0] if planned else None
    return Plan(
        date=today,
        step=step,
        stage_name=catalog.stage(step.stage).name,
        exercises=exercises,
        decision=decision,
        reasons=tuple(reasons),
        run_advice=_run_advice(last_outcome, latest_pain, profile, settings),
        next_checkin=_next_checkin(planned, outcomes, today),
        see_clinician=see_clinician,
        outcomes={sid: o for sid, (o, _) in outcomes.items()},
        hard_stop=hard_stop,
    )


def _hard_stop(latest_pain: tuple[int, str] | None, settings: PlanSettings) -> str | None:
    """The hard-stop sentence when the worst recent pain reached the limit, else None."""
    if latest_pain is None or latest_pain[0] < settings.limits.hard_stop:
        return None
    return (
        f"Pain {latest_pain[0]}/10 {latest_pain[1]}: no running for now, and if it came on "
        "suddenly, with a snap, swelling, or you cannot rise on tiptoe, see a clinician first."
    )


Choice = tuple[int, Decision, list[str], bool]  # rung, decision, reasons, see a clinician


def _decide(
    catalog: Catalog,
    past: list[SessionRecord],
    planned: list[SessionRecord],
    outcomes: dict[str, tuple[Outcome, str]],
    today: date,
    settings: PlanSettings,
    tests: list[CapacityRecord],
) -> Choice:
    """The rung for today, from the gap since the last session and the latest outcomes."""
    rung = min(_ladder_index(planned[-1]), len(catalog.ladder) - 1)
    after_gap = _after_gap(catalog, rung, session_day(past[-1]), today, settings)
    if after_gap is not None:
        return after_gap
    outcome, why = outcomes[planned[-1]["id"]]
    dose = _dose_words(catalog.ladder[rung])
    if outcome is Outcome.RED:
        return _after_red(catalog, planned, outcomes, rung, settings)
    if outcome is Outcome.AMBER:
        return rung, Decision.HOLD, [f"{sentence(why)}: holding at {dose}."], False
    if outcome is Outcome.PENDING:
        return rung, Decision.HOLD, [f"{sentence(why)}: holding at {dose} until it is in."], False
    return _after_green(catalog, planned, outcomes, rung, today, settings, tests)


def _after_gap(
    catalog: Catalog, rung: int, last_day: date, today: date, settings: PlanSettings
) -> Choice | None:
    """A restart lower after a long enough break, or None."""
    gap = (today - last_day).days
    since = f"{gap} days since your last session on {day_words(last_day)}"
    if gap >= settings.gap_stage_days:
        stage = max(1, catalog.ladder[rung].stage - 1)
        lower = catalog.first_step_of_stage(stage).index
        where = f"at the start of stage {stage} ({catalog.stage(stage).name})"
        return lower, Decision.REGRESS, [f"{since}: restarting {where}."], False
    if gap >= settings.gap_step_days:
        lower = max(0, rung - 1)
        where = f"one step lower, at {_dose_words(catalog.ladder[lower])}"
        return lower, Decision.REGRESS, [f"{since}: restarting {where}."], False
    return None


def _after_red(
    catalog: Catalog,
    planned: list[SessionRecord],
    outcomes: dict[str, tuple[Outcome, str]],
    rung: int,
    settings: PlanSettings,
) -> Choice:
    """One rung back after a red session; a stage back, and a clinician, after two in a row."""
    ladder = catalog.ladder
    why = outcomes[planned[-1]["id"]][1]
    previous = outcomes[planned[-2]["id"]] if len(planned) > 1 else None
    if previous is not None and previous[0] is Outcome.RED:
        lower = catalog.first_step_of_stage(max(1, ladder[rung].stage - 1)).index
        if lower >= rung:
            lower = max(0, rung - 1)
        return (
            lower,
            Decision.REGRESS,
            [
                f"Two red sessions in a row ({previous[1]}; {why}): stepping "
                f"back to stage {ladder[lower].stage}, {_dose_words(ladder[lower])}. "
                "Please see a physiotherapist or doctor about this tendon."
            ],
            True,
        )
    lower = max(0, rung - 1)
    if lower == rung:
        return (
            rung,
            Decision.HOLD,
            [
                f"{sentence(why)}: already at the first step; holding at "
                f"{_dose_words(ladder[rung])}, and {settings.limits.keep_within}."
            ],
            False,
        )
    reason = f"{sentence(why)}: stepping back to {_dose_words(ladder[lower])}."
    return lower, Decision.REGRESS, [reason], False


def _after_green(
    catalog: Catalog,
    planned: list[SessionRecord],
    outcomes: dict[str, tuple[Outcome, str]],
    rung: int,
    today: date,
    settings: PlanSettings,
    tests: list[CapacityRecord],
) -> Choice:
    """One rung up after enough greens in a row at this dose on enough days, unless a gate or
    the top of the ladder says to hold."""
    ladder = catalog.ladder
    latest = planned[-1]
    why = outcomes[latest["id"]][1]
    dose = _dose_words(ladder[rung])
    streak = []
    for session in reversed(planned):
        if (
            session["ladder_index"] != latest["ladder_index"]
            or outcomes[session["id"]][0] is not Outcome.GREEN
        ):
            break
        streak.append(session)
    days = {session_day(s) for s in streak}
    needed = settings.greens_to_progress
    if len(streak) < needed:
        reason = f"{sentence(why)}: {len(streak)} of {needed} green sessions at {dose}; holding."
        return rung, Decision.HOLD, [reason], False
    if len(days) < settings.min_days_to_progress:
        reason = (
            f"{len(streak)} green sessions, but all on {day_words(session_day(latest))}: "
            f"holding at {dose} until they span {settings.min_days_to_progress} days."
        )
        return rung, Decision.HOLD, [reason], False
    if rung + 1 >= len(ladder):
        reason = (
            f"{len(streak)} green sessions in a row at {dose}: this is the top of the ladder. "
            "Keep it up and build your running gradually."
        )
        return rung, Decision.HOLD, [reason], False
    up = ladder[rung + 1]
    if up.stage == CAPACITY_GATED_STAGE and ladder[rung].stage < up.stage:
        not_ready = capacity_gate(tests, today, settings)
        if not_ready is not None:
            reason = (
                f"{len(streak)} green sessions in a row at {dose}. Stage {up.stage} starts "
                f"when the capacity tests are passed: {not_ready}. Take them from home "
                f"(key c); holding at {dose}."
            )
            return rung, Decision.HOLD, [reason], False
    reason = (
        f"{len(streak)} green sessions in a row on {len(days)} days at {dose} "
        f"(latest: {why}): one step up, {up.change}."
    )
    return rung + 1, Decision.PROGRESS, [reason], False


def _ladder_index(session: SessionRecord) -> int:
    """The ladder step of a plan session; make_plan counts only the sessions that have one."""
    index = session["ladder_index"]
    if index is None:
        raise ValueError(f"session {session['id']} is not on the ladder")
    return index


def _dose_words(step: LadderStep) -> str:
    """ "5 × 30 s" when every exercise shares a dose, else each one's, joined by "and"."""
    doses = dict.fromkeys(describe_dose(p) for p in step.exercises)
    return " and ".join(doses)


def _for_profile(
    catalog: Catalog, step: LadderStep, profile: Profile
) -> tuple[tuple[PlannedExercise, ...], list[str]]:
    """Insertional pain stays at floor level at every stage: below-step work is swapped."""
    if profile.tendinopathy != "insertional":
        return step.exercises, []
    exercises, reasons = [], []
    for planned in step.exercises:
        exercise = planned.exercise
        # The exercise file names an alternative for every exercise not safe for insertional pain.
        if exercise.insertional_safe or exercise.insertional_alternative is None:
            exercises.append(planned)
            continue
        alternative = catalog.exercises[exercise.insertional_alternative]
        exercises.append(PlannedExercise(alternative, planned.dose))
        reasons.append(
            f"Insertional pain: {alternative.name} (floor level) instead of {exercise.name}."
        )
    return tuple(exercises), reasons


def _worst_recent_pain(
    past: list[SessionRecord], checkins: list[CheckinRecord]
) -> tuple[int, str] | None:
    """The worst pain given in the latest session or at a check-in since (or, with no session,
    the latest check-in), and when: pain at the hard stop during, after or the next day counts."""
    rated = []
    if past:
        latest = past[-1]
        since = latest["started_at"][:10]
        if latest["pain"] is not None:
            rated.append((latest["pain"], f"during the session on {since}"))
        rated += [
            (c["pain"], f"at the check-in on {c['date']}") for c in checkins if c["date"] > since
        ]
    elif checkins:
        rated.append((checkins[-1]["pain"], f"at the check-in on {checkins[-1]['date']}"))
    if not rated:
        return None
    pain, when = max(rated, key=lambda r: r[0])
    iso = when.rsplit(" ", 1)[1]
    return pain, when.replace(iso, day_words(date.fromisoformat(iso)))


def _run_advice(
    outcome: Outcome | None,
    latest_pain: tuple[int, str] | None,
    profile: Profile,
    settings: PlanSettings,
) -> RunAdvice:
    limits = settings.limits
    if latest_pain is not None and latest_pain[0] >= limits.hard_stop:
        return RunAdvice(
            "rest",
            "No running for now: cycling, swimming or pool running instead, "
            "and step back until pain settles.",
        )
    if outcome is None:
        zone = zone_of(profile.baseline, limits)
        outcome = {PainZone.GREEN: Outcome.GREEN, PainZone.AMBER: Outcome.AMBER}.get(
            zone, Outcome.RED
        )
    if outcome is Outcome.RED:
        return RunAdvice(
            "rest", "No running today: low-impact only (cycling, swimming, pool running)."
        )
    if outcome is Outcome.AMBER:
        return RunAdvice(
            "modify",
            "Swap the run for cycling, swimming or pool running, or make it short and easy.",
        )
    return RunAdvice(
        "run",
        f"An easy run is fine: {limits.keep_within} during it, and "
        "back to your usual level by the next morning.",
    )


def _next_checkin(
    planned: list[SessionRecord], outcomes: dict[str, tuple[Outcome, str]], today: date
) -> date:
    """The morning after the latest session still waiting for one, else tomorrow."""
    if planned:
        latest = planned[-1]
        day = session_day(latest)
        if outcomes[latest["id"]][0] is Outcome.PENDING and day + timedelta(days=1) >= today:
            return day + timedelta(days=1)
    return today + timedelta(days=1)
