"""The plan's one change at a time: after a gap, after a red, amber, pending or
green day, and the gentler calm dose below the first rung.

Outcomes are judged per *day* here: sessions on one day share one next morning, so a day's
outcome is the worst of its plan sessions, and "two reds in a row" means two red days. A step
back always changes something: below the first rung lies the calm dose; a red at the calm dose
means a rest from loading and, when it repeats, a clinician; a red on below-step work returns to
floor level. Pure.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from msgspec import Struct, field

from rehab_tui.domain.capacity import capacity_gate
from rehab_tui.domain.kinds import describe_dose
from rehab_tui.domain.library import DOSE_LIMITS, Catalog, LadderStep, PlannedExercise
from rehab_tui.domain.loading import add_weight_words, first_weight_words, heavier, new_loaded
from rehab_tui.domain.outcomes import Outcome, PlanSettings, day_words, sentence, session_day
from rehab_tui.domain.record_types import CapacityRecord, SessionRecord
from rehab_tui.domain.spacing import counted, frequency_of

CAPACITY_GATED_STAGE = 4  # entering it needs passed capacity tests (see capacity_gate)
CALM_REST_DAYS = 2  # after a red at the calm dose: this many days without loading
CALM_HOLD_SHORTER_S = 5  # the calm dose: holds this much shorter than the first rung's ...
CALM_FEWER_SETS = 1  # ... and this many sets fewer
MAINTENANCE_FREQUENCY = "2-3 times a week, 48 h apart"  # DOMAIN §3, top of the ladder
MAINTENANCE_MONTHS = 3
SEVERITY = {Outcome.GREEN: 0, Outcome.PENDING: 1, Outcome.AMBER: 2, Outcome.RED: 3}


class Move(Struct, frozen=True):
    """Where the plan goes today and why: a rung, or the calm dose (rung 0, gentler), or rest."""

    rung: int
    decision: str  # a plan.Decision value
    reasons: tuple[str, ...]
    see_clinician: bool = False
    calm: bool = False  # the calm dose below the first rung
    rest: bool = False  # no loading today
    gate: str | None = None  # held at the capacity gate: what is not passed yet
    heavier: tuple[str, ...] = ()  # loaded exercise ids that need more weight today


class Climb(Struct, frozen=True):
    """What a step up needs to know of the runner: their path, their weights, their loads."""

    insertional: bool = False
    weights: bool = True  # False: no weights at home
    loads: dict[str, float] = field(default_factory=dict)  # last weight per exercise id


class Day(Struct, frozen=True):
    """The plan sessions of one day, judged together."""

    day: date
    sessions: tuple[SessionRecord, ...]
    outcome: Outcome
    why: str


def plan_days(planned: list[SessionRecord], outcomes: dict[str, tuple[Outcome, str]]) -> list[Day]:
    """The days with plan sessions, oldest first, each with the worst outcome of its sessions."""
    by_day: dict[date, list[SessionRecord]] = {}
    for session in planned:
        by_day.setdefault(session_day(session), []).append(session)
    days = []
    for day, sessions in sorted(by_day.items()):
        worst = max(sessions, key=lambda s: SEVERITY[outcomes[s["id"]][0]])
        outcome, why = outcomes[worst["id"]]
        days.append(Day(day, tuple(sessions), outcome, why))
    return days


def calm_dose(catalog: Catalog) -> tuple[PlannedExercise, ...]:
    """The first rung made gentler: bent-knee holds only (when it has them), fewer and shorter."""
    first = catalog.ladder[0].exercises
    bent = tuple(p for p in first if "bent" in p.exercise.id) or first
    calmer = []
    for planned in bent:
        dose = planned.dose
        changes = {"sets": max(DOSE_LIMITS["sets"][0], dose.sets - CALM_FEWER_SETS)}
        if dose.hold_s is not None:
            changes["hold_s"] = max(DOSE_LIMITS["hold_s"][0], dose.hold_s - CALM_HOLD_SHORTER_S)
        calmer.append(PlannedExercise(planned.exercise, dose.with_changes(**changes)))
    return tuple(calmer)


def calm_words(catalog: Catalog) -> str:
    doses = dict.fromkeys(f"{describe_dose(p)} {p.exercise.name}" for p in calm_dose(catalog))
    return "the calm dose below the first step, " + " and ".join(doses)


def was_calm(session: SessionRecord, catalog: Catalog) -> bool:
    """Whether a plan session was played at the calm dose (its recorded doses say so)."""
    if session.get("ladder_index") != 0:
        return False
    first = catalog.ladder[0].exercises[0].dose.hold_s
    holds = [e["planned"].get("hold_s") for e in session.get("exercises") or []]
    return first is not None and any(h is not None and h < first for h in holds)


def dose_words(step: LadderStep) -> str:
    """ "5 × 30 s" when every exercise shares a dose, else each one's, joined by "and"."""
    return " and ".join(dict.fromkeys(describe_dose(p) for p in step.exercises))


def floor_rung(catalog: Catalog, rung: int) -> int | None:
    """The highest rung below `rung` with floor-level work only, when `rung` is below-step."""
    below_step = any(not p.exercise.insertional_safe for p in catalog.ladder[rung].exercises)
    if not below_step:
        return None
    floor = [
        step.index
        for step in catalog.ladder[:rung]
        if all(p.exercise.insertional_safe for p in step.exercises)
    ]
    return floor[-1] if floor else None


def one_back(catalog: Catalog, rung: int, why: str, settings: PlanSettings) -> Move:
    """One rung back (to floor level from below-step work, to the calm dose from the first)."""
    if rung == 0:
        reason = (
            f"{sentence(why)}: stepping back to {calm_words(catalog)}, and "
            f"{settings.limits.keep_within}."
        )
        return Move(0, "regress", (reason,), calm=True)
    floor = floor_rung(catalog, rung)
    lower = floor if floor is not None else rung - 1
    where = "floor level, " if floor is not None else ""
    reason = f"{sentence(why)}: stepping back to {where}{dose_words(catalog.ladder[lower])}."
    return Move(lower, "regress", (reason,))


def after_gap(
    catalog: Catalog, rung: int, last_day: date, today: date, settings: PlanSettings
) -> Move | None:
    """A restart lower after a long enough break, or None; said plainly when nothing is lower."""
    gap = (today - last_day).days
    since = f"{gap} days since your last session on {day_words(last_day)}"
    if gap >= settings.gap_stage_days and catalog.ladder[rung].stage > 1:
        stage = catalog.ladder[rung].stage - 1
        lower = catalog.first_step_of_stage(stage).index
        where = f"at the start of stage {stage} ({catalog.stage(stage).name})"
        return Move(lower, "regress", (f"{since}: restarting {where}.",))
    if gap >= settings.gap_step_days and rung > 0:
        stage_start = catalog.first_step_of_stage(catalog.ladder[rung].stage).index
        lower = stage_start if gap >= settings.gap_stage_days else rung - 1
        where = (
            f"at the start of stage 1 ({catalog.stage(1).name})"
            if gap >= settings.gap_stage_days
            else f"one step lower, at {dose_words(catalog.ladder[lower])}"
        )
        return Move(lower, "regress", (f"{since}: restarting {where}.",))
    if gap >= settings.gap_step_days:
        reason = (
            f"{since}: restarting at {dose_words(catalog.ladder[0])}, the first step; there is "
            "nothing lower on the ladder, so the dose is the same as before."
        )
        return Move(0, "hold", (reason,))
    return None


def after_red(
    catalog: Catalog, days: list[Day], rung: int, today: date, settings: PlanSettings
) -> Move:
    """After a red day: one rung back; a stage back and a clinician after two red days in a row;
    below the first rung, the calm dose, then rest from loading, then a clinician."""
    latest = days[-1]
    previous = days[-2] if len(days) > 1 else None
    twice = previous is not None and previous.outcome is Outcome.RED
    calm = any(was_calm(s, catalog) for s in latest.sessions)
    clinician = "Please see a physiotherapist or doctor about this tendon."
    if calm:
        resting = (today - latest.day).days <= CALM_REST_DAYS
        text = (
            f"{sentence(latest.why)}, at the calm dose: "
            + (
                f"a rest from loading today (up to {CALM_REST_DAYS} days after it)"
                if resting
                else f"back to {calm_words(catalog)}, {settings.limits.keep_within}"
            )
            + "."
        )
        reasons = (text, clinician) if twice else (text,)
        return Move(0, "regress", reasons, see_clinician=twice, calm=True, rest=resting)
    if not twice:
        return one_back(catalog, rung, latest.why, settings)
    assert previous is not None
    lower = catalog.first_step_of_stage(max(1, catalog.ladder[rung].stage - 1)).index
    lower = min(lower, rung - 1)
    words = (
        calm_words(catalog)
        if lower < 0
        else f"stage {catalog.ladder[lower].stage}, {dose_words(catalog.ladder[lower])}"
    )
    reason = (
        f"Two red days in a row ({previous.why}; {latest.why}): stepping back to {words}. "
        + clinician
    )
    return Move(max(0, lower), "regress", (reason,), see_clinician=True, calm=lower < 0)


def after_green(
    catalog: Catalog,
    planned: list[SessionRecord],
    outcomes: dict[str, tuple[Outcome, str]],
    rung: int,
    today: date,
    settings: PlanSettings,
    tests: list[CapacityRecord],
    climb: Climb,
) -> Move:
    """One rung up after enough greens in a row at this dose on enough days, unless a gate or
    the top of the ladder says to hold."""
    ladder = catalog.ladder
    full = [s for s in planned if not s.get("light")]
    latest = full[-1] if full else planned[-1]
    why = outcomes[latest["id"]][1]
    dose = dose_words(ladder[rung])
    since = maintenance_since(catalog, planned, outcomes, settings)
    if since is not None and since != session_day(latest):  # the day it opened says so below
        reason = (
            f"{sentence(why)}: maintenance since {day_words(since)}, this heavy and springy work "
            f"{MAINTENANCE_FREQUENCY}, for {MAINTENANCE_MONTHS} months or more."
        )
        return Move(rung, "maintain", (reason,))
    in_a_row: list[SessionRecord] = []
    for session in reversed(planned):
        if outcomes[session["id"]][0] is not Outcome.GREEN:
            break
        if session.get("light"):
            continue  # a light day between heavy ones neither counts nor breaks the run
        if session["ladder_index"] != latest["ladder_index"] or was_calm(
            session, catalog
        ) != was_calm(latest, catalog):
            break
        in_a_row.append(session)
    streak = counted(in_a_row[::-1], frequency_of(catalog, latest))
    days = {session_day(s) for s in streak}
    needed = settings.greens_to_progress
    if was_calm(latest, catalog):
        dose = calm_words(catalog)
    if len(streak) < needed:
        reason = f"{sentence(why)}: {len(streak)} of {needed} green sessions at {dose}; holding."
        return Move(rung, "hold", (reason,), calm=was_calm(latest, catalog))
    if len(days) < settings.min_days_to_progress:
        reason = (
            f"{len(streak)} green sessions, but all on {day_words(session_day(latest))}: "
            f"holding at {dose} until they span {settings.min_days_to_progress} days."
        )
        return Move(rung, "hold", (reason,), calm=was_calm(latest, catalog))
    if was_calm(latest, catalog):
        reason = (
            f"{len(streak)} green sessions in a row on {len(days)} days at {dose}: "
            f"back to the first step, {dose_words(ladder[0])}."
        )
        return Move(0, "progress", (reason,))
    fresh = _tests_since_gap(planned, tests, settings)
    return _step_up(catalog, rung, (len(streak), len(days), why), today, settings, fresh, climb)


def _tests_since_gap(
    planned: list[SessionRecord], tests: list[CapacityRecord], settings: PlanSettings
) -> list[CapacityRecord]:
    """The tests taken since the latest break of 21+ days: springy work after such a break
    waits for a fresh capacity test (DOMAIN §2)."""
    days = [session_day(s) for s in planned]
    breaks = [
        after
        for before, after in pairwise(days)
        if (after - before).days >= settings.gap_stage_days
    ]
    if not breaks:
        return tests
    return [t for t in tests if t["date"] >= breaks[-1].isoformat()]


def _step_up(
    catalog: Catalog,
    rung: int,
    streak: tuple[int, int, str],
    today: date,
    settings: PlanSettings,
    tests: list[CapacityRecord],
    climb: Climb,
) -> Move:
    """One rung up after a full streak of greens (count, days, the latest's why); at the top,
    maintenance; at the gate into springy work, a hold that keeps the dose building."""
    greens, days, why = streak
    ladder = catalog.ladder
    dose = dose_words(ladder[rung])
    if rung + 1 >= len(ladder):
        reason = (
            f"{greens} green sessions in a row at {dose}, the top of the ladder: maintenance "
            f"from here, this heavy and springy work {MAINTENANCE_FREQUENCY}, for "
            f"{MAINTENANCE_MONTHS} months or more."
        )
        return Move(rung, "maintain", (reason,))
    up = ladder[rung + 1]
    if up.stage == CAPACITY_GATED_STAGE and ladder[rung].stage < up.stage:
        not_ready = capacity_gate(tests, today, settings)
        if not_ready is not None:
            loaded = [p for p in ladder[rung].exercises_for(climb.insertional) if p.exercise.loaded]
            building = (
                f" Keep building meanwhile: {add_weight_words(loaded, climb.loads)}, "
                "when every set feels manageable."
                if loaded and climb.weights
                else ""
            )
            reason = (
                f"{greens} green sessions in a row at {dose}. Stage {up.stage} and running wait "
                f"for the capacity tests: {not_ready}. Take them from home (key c) or with "
                f"rehab-tui test log; holding at {dose}.{building}"
            )
            building_ids = tuple(p.exercise.id for p in loaded)
            return Move(rung, "hold", (reason,), gate=not_ready, heavier=building_ids)
    more = heavier(ladder[rung], up, climb.insertional)
    new = new_loaded(ladder[rung], up, climb.insertional)
    weight = ""
    if more and climb.weights:
        weight = f": {add_weight_words(more, climb.loads)}"
    elif new and climb.weights:
        weight = f"; {first_weight_words(new)}"
    reason = (
        f"{greens} green sessions in a row on {days} days at {dose} "
        f"(latest: {why}): one step up, {up.change_for(climb.insertional)}{weight}."
    )
    return Move(rung + 1, "progress", (reason,), heavier=tuple(p.exercise.id for p in more))


def maintenance_since(
    catalog: Catalog,
    planned: list[SessionRecord],
    outcomes: dict[str, tuple[Outcome, str]],
    settings: PlanSettings,
) -> date | None:
    """The day the top rung's greens opened maintenance, while the plan is still at the top."""
    top = len(catalog.ladder) - 1
    at_top: list[SessionRecord] = []
    for session in reversed(planned):
        if session.get("ladder_index") != top:
            break
        at_top.insert(0, session)
    frequency = catalog.stage(catalog.ladder[top].stage).frequency
    run: list[SessionRecord] = []
    for session in at_top:
        outcome = outcomes[session["id"]][0]
        if outcome in (Outcome.AMBER, Outcome.RED):
            run = []
        elif outcome is Outcome.GREEN and not session.get("light"):
            run.append(session)
            greens = counted(run, frequency)
            if (
                len(greens) >= settings.greens_to_progress
                and len({session_day(s) for s in greens}) >= settings.min_days_to_progress
            ):
                return session_day(greens[-1])
    return None


def last_step_up(planned: list[SessionRecord]) -> date | None:
    """The day of the latest plan session done at a higher rung than the one before it."""
    ups = [
        session_day(after)
        for before, after in pairwise(planned)
        if (after["ladder_index"] or 0) > (before["ladder_index"] or 0)
    ]
    return ups[-1] if ups else None


def stuck_since(planned: list[SessionRecord]) -> date | None:
    """Since when the plan has not stepped up: the last step up, else the first session seen."""
    if not planned:
        return None
    return last_step_up(planned) or session_day(planned[0])
