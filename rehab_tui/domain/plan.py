"""The pain-guided plan: (catalog, history, check-ins, profile, settings, date) -> today's plan.

Pure: no clock, no I/O, no Textual. It follows the rules the README lists under "The plan, and
why it changes": a session's outcome combines the pain during it with the next morning's
check-in against the person's baseline; three green sessions in a row on at least two days earn
one step up; amber or pending holds; red steps back; two reds in a row step back a stage and
advise a clinician; gaps of 7+ and 21+ days restart lower. One change at a time, and every plan
says why in sentences that name the evidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from rehab_tui.domain.library import Catalog, LadderStep, PlannedExercise
from rehab_tui.domain.pain import (
    DEFAULT_CHOICE,
    DEFAULT_LIMITS,
    LIMIT_CHOICES,
    PainLimits,
    PainZone,
    zone_of,
)
from rehab_tui.domain.record_types import (
    CapacityRecord,
    CheckinRecord,
    SessionKind,
    SessionRecord,
    SidedTestRecord,
)

TENDINOPATHY_TYPES = ("midportion", "insertional")
CHECKIN_WINDOW_H = (12, 48)  # a session this many hours ago asks for a morning check-in
CAPACITY_GATED_STAGE = 4  # entering it needs passed capacity tests (see capacity_gate)


class Outcome(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    PENDING = "pending"


class Decision(StrEnum):
    START = "start"
    PROGRESS = "progress"
    HOLD = "hold"
    REGRESS = "regress"


@dataclass(frozen=True)
class Profile:
    tendinopathy: str = "midportion"  # or "insertional"
    baseline: int = 0  # usual morning pain, 0-10
    limits: str = DEFAULT_CHOICE  # one of pain.LIMIT_CHOICES

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Profile:
        """Read a saved profile (a ProfileRecord, or anything at all from an old or hand-edited
        file); a value that is not valid falls back to its default."""
        data = data or {}
        default = cls()
        tendinopathy, baseline, limits = (
            data.get(k) for k in ("tendinopathy", "baseline", "limits")
        )
        return cls(
            tendinopathy=tendinopathy
            if tendinopathy in TENDINOPATHY_TYPES
            else default.tendinopathy,
            baseline=baseline
            if isinstance(baseline, int) and 0 <= baseline <= 10
            else default.baseline,
            limits=limits if limits in LIMIT_CHOICES else default.limits,
        )

    @property
    def pain_limits(self) -> PainLimits:
        """The pain limits chosen: every zone, limit and sentence about pain comes from them."""
        return PainLimits.for_choice(self.limits)


@dataclass(frozen=True)
class PlanSettings:
    """Every threshold the plan uses, in one place."""

    limits: PainLimits = DEFAULT_LIMITS
    greens_to_progress: int = 3
    min_days_to_progress: int = 2
    gap_step_days: int = 7
    gap_stage_days: int = 21
    morning_amber_rise: int = 1  # next-morning pain this much above baseline: amber
    morning_red_rise: int = 3  # ... this much: red
    # The gate into stage 4: recent heel-raise and hop tests.
    heel_raises_needed: int = 25
    symmetry_needed: float = 0.9
    test_valid_days: int = 42

    @classmethod
    def for_profile(cls, profile: Profile) -> PlanSettings:
        return cls(limits=profile.pain_limits)


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


def day_words(day: date) -> str:
    """ "Tue 3 Mar", as the reasons name days."""
    return f"{day:%a} {day.day} {day:%b}"


def session_day(session: SessionRecord) -> date:
    return date.fromisoformat(session["started_at"][:10])


def outcome_of(
    session: SessionRecord,
    checkins: list[CheckinRecord],
    profile: Profile,
    settings: PlanSettings,
) -> tuple[Outcome, str]:
    """A session's traffic light and the sentence that explains it."""
    day = session_day(session)
    before = [c for c in checkins if date.fromisoformat(c["date"]) <= day]
    baseline = before[-1]["pain"] if before else profile.baseline
    after = [c for c in checkins if day < date.fromisoformat(c["date"]) <= day + timedelta(days=2)]
    morning = after[0]["pain"] if after else None
    return judge_outcome(day, session.get("pain"), morning, baseline, settings)


def judge_outcome(
    day: date, pain: int | None, morning: int | None, baseline: int, settings: PlanSettings
) -> tuple[Outcome, str]:
    """The traffic light from pain during, the next morning's pain and the usual morning pain."""
    limits = settings.limits
    during = f"pain {pain}/10 on {day_words(day)}"  # said only when there is a pain rating
    if pain is not None and zone_of(pain, limits) is PainZone.RED:
        return Outcome.RED, during
    if morning is not None and morning - baseline >= settings.morning_red_rise:
        return (
            Outcome.RED,
            f"next-morning pain {morning}/10 after {day_words(day)}, {morning - baseline} above your usual {baseline}",
        )
    if pain is not None and zone_of(pain, limits) is PainZone.AMBER:
        return Outcome.AMBER, during
    if morning is not None and morning - baseline >= settings.morning_amber_rise:
        return (
            Outcome.AMBER,
            f"next-morning pain {morning}/10 after {day_words(day)}, above your usual {baseline}",
        )
    if pain is None:
        return Outcome.PENDING, f"no pain rating for {day_words(day)}'s session"
    if morning is None:
        return Outcome.PENDING, f"no next-morning check-in after {day_words(day)} yet"
    return Outcome.GREEN, f"{during}, back to {morning}/10 the next morning"


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
        rung, decision = 0, Decision.START
        reasons = [
            f"First session: stage 1 ({catalog.stage(1).name}) starts with "
            f"{ladder[0].exercises[0].describe_dose()} holds to calm the tendon and start loading it."
        ]
        see_clinician = False
    else:
        rung, decision, reasons, see_clinician = _decide(
            catalog, past, planned, outcomes, today, settings, tests or []
        )

    step = ladder[rung]
    exercises, swaps = _for_profile(catalog, step, profile)
    reasons += swaps
    latest_pain = _worst_recent_pain(past, checkins)
    hard_stop = None
    if latest_pain is not None and latest_pain[0] >= settings.limits.hard_stop:
        see_clinician = True
        hard_stop = (
            f"Pain {latest_pain[0]}/10 {latest_pain[1]}: no running for now, and if it came on "
            "suddenly, with a snap, swelling, or you cannot rise on tiptoe, see a clinician first."
        )
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


def _decide(
    catalog: Catalog,
    past: list[SessionRecord],
    planned: list[SessionRecord],
    outcomes: dict[str, tuple[Outcome, str]],
    today: date,
    settings: PlanSettings,
    tests: list[CapacityRecord],
) -> tuple[int, Decision, list[str], bool]:
    ladder = catalog.ladder
    latest = planned[-1]
    rung = min(_ladder_index(latest), len(ladder) - 1)
    here = ladder[rung]
    dose = _dose_words(here)
    gap = (today - session_day(past[-1])).days

    if gap >= settings.gap_stage_days:
        stage = max(1, here.stage - 1)
        lower = catalog.first_step_of_stage(stage).index
        return (
            lower,
            Decision.REGRESS,
            [
                f"{gap} days since your last session on {day_words(session_day(past[-1]))}: "
                f"restarting at the start of stage {stage} ({catalog.stage(stage).name})."
            ],
            False,
        )
    if gap >= settings.gap_step_days:
        lower = max(0, rung - 1)
        return (
            lower,
            Decision.REGRESS,
            [
                f"{gap} days since your last session on {day_words(session_day(past[-1]))}: "
                f"restarting one step lower, at {_dose_words(ladder[lower])}."
            ],
            False,
        )

    outcome, why = outcomes[latest["id"]]
    if outcome is Outcome.RED:
        previous = planned[-2] if len(planned) > 1 else None
        if previous is not None and outcomes[previous["id"]][0] is Outcome.RED:
            stage = max(1, here.stage - 1)
            lower = catalog.first_step_of_stage(stage).index
            if lower >= rung:
                lower = max(0, rung - 1)
            return (
                lower,
                Decision.REGRESS,
                [
                    f"Two red sessions in a row ({outcomes[previous['id']][1]}; {why}): stepping "
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
                    f"{_sentence(why)}: already at the first step; holding at {dose}, and "
                    f"{settings.limits.keep_within}."
                ],
                False,
            )
        return (
            lower,
            Decision.REGRESS,
            [f"{_sentence(why)}: stepping back to {_dose_words(ladder[lower])}."],
            False,
        )
    if outcome is Outcome.AMBER:
        return rung, Decision.HOLD, [f"{_sentence(why)}: holding at {dose}."], False
    if outcome is Outcome.PENDING:
        return rung, Decision.HOLD, [f"{_sentence(why)}: holding at {dose} until it is in."], False

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
    if len(streak) >= needed and len(days) >= settings.min_days_to_progress:
        if rung + 1 >= len(ladder):
            return (
                rung,
                Decision.HOLD,
                [
                    f"{len(streak)} green sessions in a row at {dose}: this is the top of the ladder. "
                    "Keep it up and build your running gradually."
                ],
                False,
            )
        up = ladder[rung + 1]
        if up.stage == CAPACITY_GATED_STAGE and ladder[rung].stage < up.stage:
            not_ready = capacity_gate(tests, today, settings)
            if not_ready is not None:
                return (
                    rung,
                    Decision.HOLD,
                    [
                        f"{len(streak)} green sessions in a row at {dose}. Stage {up.stage} starts "
                        f"when the capacity tests are passed: {not_ready}. Take them from home "
                        f"(key c); holding at {dose}."
                    ],
                    False,
                )
        return (
            rung + 1,
            Decision.PROGRESS,
            [
                f"{len(streak)} green sessions in a row on {len(days)} days at {dose} "
                f"(latest: {why}): one step up, {up.change}."
            ],
            False,
        )
    if len(streak) >= needed:
        return (
            rung,
            Decision.HOLD,
            [
                f"{len(streak)} green sessions, but all on {day_words(session_day(latest))}: "
                f"holding at {dose} until they span {settings.min_days_to_progress} days."
            ],
            False,
        )
    return (
        rung,
        Decision.HOLD,
        [f"{_sentence(why)}: {len(streak)} of {needed} green sessions at {dose}; holding."],
        False,
    )


def _ladder_index(session: SessionRecord) -> int:
    """The ladder step of a plan session; make_plan counts only the sessions that have one."""
    index = session["ladder_index"]
    if index is None:
        raise ValueError(f"session {session['id']} is not on the ladder")
    return index


def capacity_gate(tests: list[CapacityRecord], today: date, settings: PlanSettings) -> str | None:
    """None when recent heel-raise and hop tests show readiness for springy work; else why not."""
    since = (today - timedelta(days=settings.test_valid_days)).isoformat()
    recent = [t for t in tests if since <= t["date"] <= today.isoformat()]
    raises: list[SidedTestRecord] = [t for t in recent if t["kind"] == "heel_raise"]
    hops: list[SidedTestRecord] = [t for t in recent if t["kind"] == "hop"]
    missing = []
    if not raises:
        missing.append(f"no heel-raise test in the last {settings.test_valid_days // 7} weeks")
    else:
        latest = raises[-1]
        weaker, stronger = sorted((latest["left"], latest["right"]))
        if weaker < settings.heel_raises_needed:
            missing.append(
                f"{settings.heel_raises_needed} heel raises each side needed, the latest test had "
                f"{latest['left']} left and {latest['right']} right"
            )
        elif weaker < stronger * settings.symmetry_needed:
            missing.append(
                f"the weaker side needs {round(settings.symmetry_needed * 100)} % of the other"
            )
        if latest["pain"] is None:
            missing.append("the heel-raise test has no pain rating")
        elif latest["pain"] > settings.limits.green_max:
            missing.append(f"the heel-raise test hurt {latest['pain']}/10")
    if not hops:
        missing.append("no hop test (10 single-leg hops each side) yet")
    elif hops[-1]["pain"] is None:
        missing.append("the hop test has no pain rating")
    elif hops[-1]["pain"] > settings.limits.green_max:
        missing.append(f"the hop test hurt {hops[-1]['pain']}/10")
    return "; ".join(missing) if missing else None


def _dose_words(step: LadderStep) -> str:
    """ "5 × 30 s" when every exercise shares a dose, else each one's, joined by "and"."""
    doses = dict.fromkeys(p.describe_dose() for p in step.exercises)
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


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


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


def checkin_due(
    sessions: list[SessionRecord], checkins: list[CheckinRecord], now: datetime
) -> date | None:
    """The day of a session that ended 12-48 h before `now` with no check-in dated after it."""
    ended = [(s["ended_at"], s) for s in sessions if s["ended_at"]]
    if not ended:
        return None
    ended_at, latest = max(ended, key=lambda pair: pair[0])
    hours = (now - datetime.fromisoformat(ended_at)).total_seconds() / 3600
    day = session_day(latest)
    if not CHECKIN_WINDOW_H[0] <= hours <= CHECKIN_WINDOW_H[1]:
        return None
    if any(c["date"] > day.isoformat() for c in checkins):
        return None
    return day


def own_program_advice(
    sessions: list[SessionRecord],
    checkins: list[CheckinRecord],
    profile: Profile,
    today: date,
    settings: PlanSettings | None = None,
) -> tuple[Decision, list[str], bool]:
    """What the pain rules say about one's own program: the same rules as the plan's, spoken as
    advice, since the doses are the physio's to change. Returns (decision, reasons, see_clinician)."""
    settings = settings or PlanSettings.for_profile(profile)
    own = sorted(
        (s for s in sessions if s.get("kind") == SessionKind.ROUTINE and session_day(s) <= today),
        key=lambda s: s["started_at"],
    )
    if not own:
        return (
            Decision.START,
            [
                "Your own program: after each session the pain rules will say whether to hold, "
                "ease off or see a clinician; they never change your physio's doses."
            ],
            False,
        )
    checkins = sorted(checkins, key=lambda c: c["date"])
    outcomes = [outcome_of(s, checkins, profile, settings) for s in own]
    last, why = outcomes[-1]
    if last is Outcome.RED:
        if len(outcomes) >= 2 and outcomes[-2][0] is Outcome.RED:
            return (
                Decision.REGRESS,
                [
                    f"{_sentence(why)}, the second red session in a row: ease your program well back "
                    "and see your physiotherapist or doctor before going on."
                ],
                True,
            )
        return (
            Decision.REGRESS,
            [
                f"{_sentence(why)}: the rules advise stepping back: fewer sets or shorter holds "
                "until the pain settles, and tell your physio."
            ],
            False,
        )
    if last is not Outcome.GREEN:
        return (
            Decision.HOLD,
            [f"{_sentence(why)}: the rules advise keeping the doses as they are."],
            False,
        )
    streak = []
    for session, (outcome, _) in zip(reversed(own), reversed(outcomes), strict=True):
        if outcome is not Outcome.GREEN:
            break
        streak.append(session)
    days = {session_day(s) for s in streak}
    if len(streak) >= settings.greens_to_progress and len(days) >= settings.min_days_to_progress:
        return (
            Decision.PROGRESS,
            [
                f"{len(streak)} green sessions in a row on {len(days)} days: the tendon is coping; "
                "your physio may add a step (a few seconds, a set, or the next exercise)."
            ],
            False,
        )
    return (
        Decision.HOLD,
        [
            f"{_sentence(why)}: {len(streak)} of {settings.greens_to_progress} green sessions; "
            "keep the doses as they are."
        ],
        False,
    )
