"""Looking back: one row per session, weekly totals, the streak, capacity-test results.

Pure functions over the stored records (no store, no Textual), shared by the history and trends
screens and by the physio report. Everything here is linear in the history, so ten years of
sessions (7,300) are summarised in well under a second.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import pairwise

from msgspec import Struct

from rehab_tui.domain.kinds import rules_for
from rehab_tui.domain.loading import kg
from rehab_tui.domain.outcomes import (
    CheckinIndex,
    Outcome,
    PlanSettings,
    day_words,
    judge_outcome,
    session_day,
)
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.record_types import CapacityRecord, CheckinRecord, SessionKind, SessionRecord
from rehab_tui.domain.records import format_duration, sets_done, time_under_load

# A streak forgives one missed day between sessions: twice-weekly heavy days and rest days are
# part of the programme, and a streak that resets over one of them would punish following it.
STREAK_GAP_DAYS = 2
HEEL_RAISE_NORM = 25  # single-leg heel raises, healthy median (Hébert-Losier 2017: 21-25)


class SessionDose(Struct, frozen=True):
    """What a session asked of the tendon, as done: the dose charts' three measures.

    Counted for one leg (an exercise done each side counts its sides' average), so a session of
    5 × 45 s holds each side reads 225 s, as a physio writes the dose, not 450 s.
    """

    held_s: float = 0.0  # isometric holds: seconds held (hold seconds × sets)
    tempo_reps: float = 0.0  # reps paced by a tempo (slow strength, loaded work)
    top_kg: float | None = None  # the heaviest weight recorded on a loaded exercise; None: none


NO_DOSE = SessionDose()


def session_dose(session: SessionRecord) -> SessionDose:
    """The seconds held, tempo reps and heaviest weight of a session (a test has none: its reps
    measure capacity, they are not a dose)."""
    if session.get("kind", SessionKind.PLAN) == SessionKind.TEST:
        return NO_DOSE
    totals = {"held_s": 0.0, "tempo_reps": 0.0}
    weights: list[float] = []
    for entry in session["exercises"]:
        measure = rules_for(entry["kind"]).dose_measure
        if measure is not None:
            sides = 2 if entry["per_side"] else 1
            totals[measure] += sum(s["done"] for s in entry["sets"]) / sides
        if "load_kg" in entry:
            weights.append(entry["load_kg"])
    return SessionDose(**totals, top_kg=max(weights) if weights else None)


def dose_words(dose: SessionDose) -> str:
    """ "7 min 30 s held · 60 reps · 12.5 kg", the measures the session had."""
    parts = [f"{format_duration(dose.held_s)} held"] if dose.held_s else []
    parts += [f"{dose.tempo_reps:g} reps"] if dose.tempo_reps else []
    parts += [kg(dose.top_kg)] if dose.top_kg is not None else []
    return " · ".join(parts)


def dose_changes(rows: list[SessionRow]) -> list[tuple[SessionRow, str]]:
    """The sessions (oldest first) whose dose differs from the one before of their kind (the
    plan's, each routine's and the quick timer's apart), with it in words; a session off the
    plan is named: "Physio heavy day: 36 reps · 6 kg"."""
    changes = []
    before: dict[str, SessionDose] = {}
    for row in rows:
        kind = "" if row.kind == SessionKind.PLAN else row.label
        if row.dose not in (before.get(kind), NO_DOSE):
            before[kind] = row.dose
            named = f"{kind}: " if kind else ""
            changes.append((row, named + dose_words(row.dose)))
    return changes


class SessionRow(Struct, frozen=True):
    id: str
    day: date
    started_at: str
    kind: SessionKind
    stage: int | None
    step: int | None  # the ladder step, 1-based (each dose change); None off the ladder
    done: int
    planned: int
    under_load_s: float
    pain: int | None
    morning: int | None  # the next-morning check-in (up to 3 days after), if any
    outcome: Outcome
    why: str
    completed: bool
    in_progress: bool
    note: str
    label: str  # what the session was, in words ("stage 2 · step 7", "hop test", "quick timer")
    result: str | None  # a capacity test's result ("left 19, right 24"); None for the others
    dose: SessionDose = NO_DOSE  # seconds held, reps and weight, for the dose charts


# What a session off the ladder is called, by kind (a routine's own name comes first).
TEST_WORDS = {"heel_raise": "heel-raise test", "hop": "hop test"}


def session_label(session: SessionRecord) -> str:
    """Which session this was, in words, for the history table and the CLI."""
    kind = session.get("kind", SessionKind.PLAN)
    stage, index = session.get("stage"), session.get("ladder_index")
    if kind == SessionKind.PLAN and stage is not None:
        return f"stage {stage}" if index is None else f"stage {stage} · step {index + 1}"
    if kind == SessionKind.TEST:
        return TEST_WORDS.get(session.get("test", ""), "capacity test")
    if kind == SessionKind.ROUTINE:
        return session.get("routine") or "routine"
    return "quick timer" if session.get("quick") else "free session"


def test_result_words(session: SessionRecord) -> str | None:
    """A test session's result from its sets ("left 19, right 24"), None if not a test or a side
    is missing (the same counts the saved capacity-test record holds)."""
    if session.get("kind", SessionKind.PLAN) != SessionKind.TEST or not session["exercises"]:
        return None
    sides = {s["side"]: int(s["done"]) for s in session["exercises"][0]["sets"]}
    if set(sides) != {"left", "right"}:
        return None
    return f"left {sides['left']}, right {sides['right']}"


def session_rows(
    sessions: list[SessionRecord], checkins: list[CheckinRecord], profile: Profile
) -> list[SessionRow]:
    """One row per session, newest first, each with its outcome as the plan engine sees it."""
    settings = PlanSettings.for_profile(profile)
    index = CheckinIndex(checkins)
    plan_days = {
        session_day(s) for s in sessions if s.get("kind", SessionKind.PLAN) == SessionKind.PLAN
    }
    rows = []
    for session in sorted(sessions, key=lambda s: s["started_at"], reverse=True):
        day = session_day(session)
        morning, late = index.next_morning(day)
        shared = day in plan_days and session.get("kind", SessionKind.PLAN) != SessionKind.PLAN
        if shared:
            morning = None  # one day, one next morning: it judges the day's plan session only
        outcome, why = judge_outcome(
            day, session.get("pain"), morning, profile.baseline, settings, late=late
        )
        if shared and outcome is Outcome.PENDING and session.get("pain") is not None:
            outcome, why = Outcome.GREEN, f"pain {session.get('pain')}/10 on {day_words(day)}"
        done, planned = sets_done(session)
        index_on_ladder = session.get("ladder_index")
        rows.append(
            SessionRow(
                id=session["id"],
                day=day,
                started_at=session["started_at"],
                kind=session.get("kind", SessionKind.PLAN),
                stage=session.get("stage"),
                step=None if index_on_ladder is None else index_on_ladder + 1,
                done=done,
                planned=planned,
                under_load_s=time_under_load(session),
                pain=session.get("pain"),
                morning=morning,
                outcome=outcome,
                why=why,
                completed=bool(session.get("completed")),
                in_progress=session.get("ended_at") is None,
                note=session.get("note", ""),
                label=session_label(session),
                result=test_result_words(session),
                dose=session_dose(session),
            )
        )
    return rows


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


class Week(Struct, frozen=True):
    start: date  # a Monday
    sessions: int
    under_load_s: float
    top_stage: int | None


def weeks_with_data(rows: list[SessionRow], most: int, today: date) -> int:
    """How many weeks a chart spans: from the first week with data to today's, at most `most`
    (at least one), so three weeks of data fill the axis instead of a fifth of it."""
    if not rows:
        return most
    first = week_start(min(row.day for row in rows))
    return max(1, min(most, (week_start(today) - first).days // 7 + 1))


def weekly(rows: list[SessionRow], weeks: int, today: date) -> list[Week]:
    """The last `weeks` weeks up to today's, oldest first, empty weeks included."""
    count: Counter[date] = Counter()
    load: defaultdict[date, float] = defaultdict(float)
    stage: dict[date, int] = {}
    for row in rows:
        monday = week_start(row.day)
        count[monday] += 1
        load[monday] += row.under_load_s
        if row.stage is not None:
            stage[monday] = max(stage.get(monday, 0), row.stage)
    this_week = week_start(today)
    mondays = [this_week - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    return [Week(m, count[m], load[m], stage.get(m)) for m in mondays]


def streak(rows: list[SessionRow], today: date) -> int:
    """Days in the current run of training days, forgiving a single missed day between them."""
    days = sorted({row.day for row in rows if row.day <= today}, reverse=True)
    if not days or (today - days[0]).days > STREAK_GAP_DAYS:
        return 0
    run = 1
    for newer, older in pairwise(days):
        if (newer - older).days > STREAK_GAP_DAYS:
            break
        run += 1
    return run


def describe_test(test: CapacityRecord) -> str:
    """One line for a capacity-test result, as the trends screen and the report show it."""
    if test["kind"] == "visa_a":
        return f"VISA-A score {test['score']}/100 (healthy is above 90)"
    pain = "not rated" if test["pain"] is None else f"{test['pain']}/10"
    if test["kind"] == "heel_raise":
        left, right = test["left"], test["right"]
        weaker, stronger = sorted((left, right))
        symmetry = round(100 * weaker / stronger) if stronger else 0
        return (
            f"Heel raises to fatigue: left {left}, right {right} (norm about {HEEL_RAISE_NORM}; "
            f"symmetry {symmetry} %), pain {pain}"
        )
    return f"Single-leg hops: left {test['left']}, right {test['right']}, pain {pain}"
