"""The pain-guided plan: (catalog, history, check-ins, profile, settings, date) -> today's plan.

Pure: no clock, no I/O, no Textual. It follows the README's "The plan, and
why it changes": a session's outcome (rehab_tui.domain.outcomes) combines the pain during it with
the next morning's check-in against the usual morning pain of the profile; the ladder moves one
change at a time (rehab_tui.domain.moves: per day, with the calm dose below the first rung); and
on top of that, most cautious first: an open red flag offers no loading; a hard stop
(rehab_tui.domain.hard_stop) steps back and stops running for 14 days; the week-to-week trend
(rehab_tui.domain.trend) holds or steps back; six and twelve weeks without a step up suggest a
review. A plan never says "step up" or "run" together with "see a clinician". Every plan says
why in sentences that name the evidence.

Long because make_plan names every field of the plan it returns, one per line.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from msgspec import Struct, field
from msgspec.structs import replace

from rehab_tui.domain.capacity import gate_failures, visa_a_fall
from rehab_tui.domain.hard_stop import HardStop, hard_stops, latest_hard_stop
from rehab_tui.domain.kinds import describe_dose
from rehab_tui.domain.library import Catalog, LadderStep, PlannedExercise
from rehab_tui.domain.loading import last_loads
from rehab_tui.domain.moves import (
    Climb,
    Move,
    after_gap,
    after_green,
    after_red,
    one_back,
    plan_days,
    stuck_since,
    was_calm,
)
from rehab_tui.domain.moves import (
    Day as PlanDay,
)
from rehab_tui.domain.outcomes import (
    CheckinIndex,
    Outcome,
    PlanSettings,
    outcome_of,
    sentence,
    session_day,
)
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.program import Evidence, today_program
from rehab_tui.domain.record_types import (
    CapacityRecord,
    CheckinRecord,
    RunRecord,
    SessionKind,
    SessionRecord,
)
from rehab_tui.domain.run_advice import RunAdvice, RunInputs, run_advice
from rehab_tui.domain.run_levels import run_outcome
from rehab_tui.domain.running import (
    RunInputsToday,
    RunPlan,
    advice_words,
    run_plan,
)
from rehab_tui.domain.safety import RED_FLAGS
from rehab_tui.domain.spacing import run_day
from rehab_tui.domain.trend import Trend, TrendLevel, morning_trend

__all__ = ["Decision", "Plan", "RunAdvice", "make_plan"]

REVIEW_WEEKS = 6  # this long without a step up: suggest a review with a physiotherapist
FIRM_REVIEW_WEEKS = 12  # ... this long: say it more firmly (de Vos 2021)


class Decision(StrEnum):
    START = "start"
    PROGRESS = "progress"
    HOLD = "hold"
    REGRESS = "regress"
    MAINTAIN = "maintain"  # the top rung's greens: maintenance, 2-3 times a week


# Plan has a field called `date`, which hides the type of that name inside the class.
Day = date


class Plan(Struct, frozen=True):
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
    hard_stop_until: Day | None = None  # the last day without running after a hard stop
    red_flags: tuple[str, ...] = ()  # ids of the red-flag questions answered yes, not cleared
    trend: Trend | None = None  # the weekly means of morning pain and stiffness
    review_suggested: bool = False  # 6+ weeks without a step up
    calm: bool = False  # the calm dose below the first rung
    insertional: bool = False  # the floor-level path for insertional pain
    frequency: str = ""  # how often the stage's sessions count, in words (DOMAIN §3)
    light_day: bool = False  # a light day between heavy or springy sessions (DOMAIN §4)
    next_full_day: Day | None = None  # on a light day: when the stage's own work counts again
    advice: tuple[str, ...] = ()  # around the exercises: how long rehab takes, shoes (DOMAIN §6)
    retest_due: str | None = None  # a capacity test is due, in words
    gate: str | None = None  # held at a capacity gate: what is not passed yet, in words
    phase: str = "rehab"  # "rehab", then "maintenance" after the top rung's greens
    discharge: str | None = None  # the discharge summary, once tests and running say so
    load_kg: dict[str, float] = field(default_factory=dict)  # suggested weight per exercise id
    running: RunPlan | None = None  # today's running: the walk-run ladder and the spike guard


def make_plan(
    catalog: Catalog,
    sessions: list[SessionRecord],
    checkins: list[CheckinRecord],
    profile: Profile,
    today: date,
    settings: PlanSettings | None = None,
    tests: list[CapacityRecord] | None = None,
    red_flags: tuple[str, ...] = (),
    runs: list[RunRecord] | None = None,
) -> Plan:
    """Today's plan. `sessions` and `checkins` may be in any order; later days may be passed.
    `red_flags`: the ids of the red-flag questions answered yes and not cleared by a clinician;
    `runs`: the runs logged or imported (DOMAIN §7), in any order."""
    settings = settings or PlanSettings.for_profile(profile)
    past, checkins, tests = _up_to(today, sessions, checkins, tests or [])
    planned = _on_the_ladder(past)
    index = CheckinIndex(checkins)
    outcomes = {s["id"]: outcome_of(s, index, profile, settings) for s in planned}
    days = plan_days(planned, outcomes)
    runs = sorted((r for r in runs or [] if run_day(r) <= today), key=lambda r: r["started_at"])
    stop = latest_hard_stop(past, checkins, tests, settings.limits, today, runs)
    trend = morning_trend(checkins, profile.baseline, today)
    climb = Climb(profile.tendinopathy == "insertional", profile.weights, last_loads(planned))
    move = _move(catalog, planned, outcomes, days, past, today, settings, tests, climb)
    move = _cautious(catalog, move, planned, days, stop, trend, red_flags, settings)
    move = _after_visa_a(move, planned, tests, today)
    review = _review(planned, today, move)
    step = catalog.ladder[move.rung]
    last = _last_outcome(past, days, runs, checkins, profile, settings)
    failed_tests = tuple(f for f in gate_failures(tests, today, settings) if f.taken)
    inputs = RunInputs(
        *(settings.limits, profile.baseline, red_flags, stop, _checkin_on(checkins, today)),
        *(last, trend, failed_tests),
    )
    advice, running = _running(inputs, runs, (past, checkins, tests), profile, settings, today)
    evidence = Evidence(planned, past, days, outcomes, tests, running.done, runs)
    program = today_program(catalog, move, profile, evidence, today, settings)
    stop_words = (stop.words,) if stop is not None else ()
    reasons = [*move.reasons, *program.reasons, *((review,) if review else ()), *stop_words]
    return Plan(
        date=today,
        step=step,
        stage_name=catalog.stage(step.stage).name,
        exercises=program.exercises,
        decision=Decision(move.decision),
        reasons=tuple(reasons),
        run_advice=advice,
        next_checkin=_next_checkin(planned, outcomes, today),
        see_clinician=move.see_clinician,
        outcomes={sid: o for sid, (o, _) in outcomes.items()},
        hard_stop=stop.words if stop else None,
        hard_stop_until=stop.last_day if stop else None,
        red_flags=red_flags,
        trend=trend,
        review_suggested=review is not None,
        calm=move.calm,
        insertional=profile.tendinopathy == "insertional",
        frequency=program.frequency,
        light_day=program.light_day,
        next_full_day=program.next_full_day,
        advice=program.advice,
        retest_due=program.retest_due,
        gate=move.gate,
        phase=program.phase,
        discharge=program.discharge,
        load_kg=program.load_kg,
        running=running,
    )


def _on_the_ladder(past: list[SessionRecord]) -> list[SessionRecord]:
    """The plan sessions, the only ones that move the ladder."""
    return [
        s for s in past if s.get("kind") == SessionKind.PLAN and s.get("ladder_index") is not None
    ]


def _up_to(
    today: date,
    sessions: list[SessionRecord],
    checkins: list[CheckinRecord],
    tests: list[CapacityRecord],
) -> tuple[list[SessionRecord], list[CheckinRecord], list[CapacityRecord]]:
    """The records up to `today`, oldest first; a session today counts once it has ended."""
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
    return past, checkins, [t for t in tests if t["date"] <= today.isoformat()]


def _move(
    catalog: Catalog,
    planned: list[SessionRecord],
    outcomes: dict[str, tuple[Outcome, str]],
    days: list[PlanDay],
    past: list[SessionRecord],
    today: date,
    settings: PlanSettings,
    tests: list[CapacityRecord],
    climb: Climb,
) -> Move:
    """The ladder's own change: from the gap since the last session and the latest plan day."""
    ladder = catalog.ladder
    if not planned:
        first = (
            f"First session: stage 1 ({catalog.stage(1).name}) starts with "
            f"{describe_dose(ladder[0].exercises[0])} holds to calm the tendon and start loading it."
        )
        return Move(0, "start", (first,))
    rung = min(_last_rung(planned), len(ladder) - 1)
    gap = after_gap(catalog, rung, session_day(past[-1]), today, settings)
    if gap is not None:
        return gap
    latest = days[-1]
    dose = _dose_words(ladder[rung])
    if latest.outcome is Outcome.RED:
        return after_red(catalog, days, rung, today, settings)
    calm = latest.sessions[-1] is planned[-1] and was_calm(planned[-1], catalog)
    if latest.outcome is Outcome.AMBER:
        return Move(rung, "hold", (f"{sentence(latest.why)}: holding at {dose}.",), calm=calm)
    if latest.outcome is Outcome.PENDING:
        reason = f"{sentence(latest.why)}: holding at {dose} until it is in."
        return Move(rung, "hold", (reason,), calm=calm)
    return after_green(catalog, planned, outcomes, rung, today, settings, tests, climb)


def _cautious(
    catalog: Catalog,
    move: Move,
    planned: list[SessionRecord],
    days: list[PlanDay],
    stop: HardStop | None,
    trend: Trend,
    red_flags: tuple[str, ...],
    settings: PlanSettings,
) -> Move:
    """The ladder's move made safe: a red flag, a hard stop and the trend only ever lower it."""
    last_rung = _last_rung(planned)
    if red_flags:
        asked = [flag.question for flag in RED_FLAGS if flag.id in red_flags]
        reason = (
            f"A red-flag answer is open ({'; '.join(asked)}): see a clinician first. No loading "
            "until you record that a clinician has checked it."
        )
        # Held where the last session was: never a rung the ladder would have stepped up to.
        rung = min(move.rung, last_rung)
        return Move(rung, "hold", (reason,), see_clinician=True, rest=True)
    stopped_since_last = stop is not None and (not days or stop.day >= days[-1].day)
    if stopped_since_last and move.decision != "regress":
        assert stop is not None
        back = one_back(catalog, last_rung, f"pain {stop.pain}/10 {stop.where}", settings)
        move = Move(back.rung, "regress", back.reasons, True, back.calm, move.rest)
    elif stopped_since_last:
        move = Move(move.rung, move.decision, move.reasons, True, move.calm, move.rest)
    if trend.level >= TrendLevel.STEP_BACK and move.decision != "regress":
        back = one_back(catalog, last_rung, trend.reasons[0].split(":")[0], settings)
        move = Move(
            back.rung,
            "regress",
            (*back.reasons, *trend.reasons),
            move.see_clinician,
            back.calm,
            move.rest,
        )
    elif trend.level >= TrendLevel.HOLD and move.decision == "progress":
        move = Move(last_rung, "hold", trend.reasons, move.see_clinician, False, move.rest)
    elif trend.level is not TrendLevel.CLEAR:
        move = Move(
            move.rung,
            move.decision,
            (*move.reasons, *trend.reasons),
            move.see_clinician,
            move.calm,
            move.rest,
        )
    if trend.level is TrendLevel.CLINICIAN:
        move = Move(move.rung, move.decision, move.reasons, True, move.calm, move.rest)
    if move.see_clinician and move.decision == "progress":
        # Never "one step up" beside "see a clinician".
        move = Move(last_rung, "hold", move.reasons, True, False, move.rest)
    return move


def _after_visa_a(
    move: Move, planned: list[SessionRecord], tests: list[CapacityRecord], today: date
) -> Move:
    """A VISA-A score that fell by 10 or more is named, and holds a step up that week."""
    fall = visa_a_fall(tests, today)
    if fall is None:
        return move
    if move.decision == "progress":
        last_rung = _last_rung(planned)
        return Move(last_rung, "hold", (fall,), move.see_clinician, False, move.rest)
    return replace(move, reasons=(*move.reasons, fall))


def _review(planned: list[SessionRecord], today: date, move: Move) -> str | None:
    """Six weeks without a step up suggests a review; twelve say it more firmly."""
    since = stuck_since(planned)
    if since is None or move.decision == "progress":
        return None
    weeks = (today - since).days // 7
    if weeks >= FIRM_REVIEW_WEEKS:
        return (
            f"{weeks} weeks without a step up: please book a review with a physiotherapist; "
            "three months of exercise that do not help are a reason to look again."
        )
    if weeks >= REVIEW_WEEKS:
        return (
            f"{weeks} weeks without a step up: a review with a physiotherapist may help find "
            "what holds it back."
        )
    return None


def _last_rung(planned: list[SessionRecord]) -> int:
    """Where the ladder stands: the last full session's rung (a light day's does not move it)."""
    full = [s for s in planned if not s.get("light")] or planned
    return _ladder_index(full[-1]) if full else 0


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


def _checkin_on(checkins: list[CheckinRecord], today: date) -> int | None:
    same = [c["pain"] for c in checkins if c["date"] == today.isoformat()]
    return same[-1] if same else None


def _last_outcome(
    past: list[SessionRecord],
    days: list[PlanDay],
    runs: list[RunRecord],
    checkins: list[CheckinRecord],
    profile: Profile,
    settings: PlanSettings,
) -> tuple[Outcome, str] | None:
    """The latest day's worst outcome among its sessions (the plan's day, or any kind's pain
    during) and runs."""
    if not past and not runs:
        return None
    last_day = max([*(session_day(s) for s in past[-1:]), *(run_day(r) for r in runs[-1:])])
    index = CheckinIndex(checkins)
    judged = [outcome_of(s, index, profile, settings) for s in past if session_day(s) == last_day]
    judged += [
        run_outcome(r, checkins, profile.baseline, settings) for r in runs if run_day(r) == last_day
    ]
    if days and days[-1].day == last_day:
        judged.append((days[-1].outcome, days[-1].why))
    severity = {Outcome.GREEN: 0, Outcome.PENDING: 1, Outcome.AMBER: 2, Outcome.RED: 3}
    return max(judged, key=lambda j: severity[j[0]])


def _running(
    inputs: RunInputs,
    runs: list[RunRecord],
    history: tuple[list[SessionRecord], list[CheckinRecord], list[CapacityRecord]],
    profile: Profile,
    settings: PlanSettings,
    today: date,
) -> tuple[RunAdvice, RunPlan]:
    """Run / modify / rest from every input (run_advice), then the running rules (the ladder,
    its gates, the spike guard): the most cautious, in one sentence for home."""
    past, checkins, tests = history
    advice = run_advice(inputs)
    stops = hard_stops(past, checkins, tests, settings.limits, runs)
    hop_passed = not any(f.kind == "hop" for f in gate_failures(tests, today, settings))
    today_inputs = RunInputsToday(
        advice.verdict,
        advice.text,
        advice.because,
        hop_passed,
        max((h.day for h in stops if h.day <= today), default=None),
        profile.baseline,
    )
    running = run_plan(runs, checkins, today_inputs, settings, today)
    words = advice_words(running, settings.limits.keep_within, advice.text)
    return RunAdvice(running.verdict, words, running.because), running


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
