"""The capacity tests: what the player plays, the result it records, and the gate they open
(README, "History, trends and capacity tests").

- Heel raises to fatigue: single leg, one rep per metronome beat (up 1 s, down 1 s); the count
  climbs with the beat and the user presses d on the first rep they cannot keep up with.
  Healthy median about 25 a side.
- Hop test: 10 single-leg hops a side, then a pain rating; the gate into springy work and running.
- VISA-A: a score (0-100) taken elsewhere; the questionnaire itself is not reproduced.

Recent heel-raise and hop tests open springy work (stage 4): `capacity_gate`.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from typing import Final

from msgspec import Struct

from rehab_tui.domain.library import Dose, Exercise, Kind, PlannedExercise, Tempo
from rehab_tui.domain.outcomes import PlanSettings, day_words
from rehab_tui.domain.record_types import (
    CapacityRecord,
    SessionRecord,
    SidedTestKind,
    SidedTestRecord,
    VisaARecord,
)

HEEL_RAISE: Final = "heel_raise"
HOP: Final = "hop"
VISA_A: Final = "visa_a"


def _as_planned(exercise: Exercise) -> PlannedExercise:
    return PlannedExercise(exercise, exercise.dose)


TESTS: dict[SidedTestKind, PlannedExercise] = {
    HEEL_RAISE: _as_planned(
        Exercise(
            id="test-heel-raise",
            name="Heel-raise test (to fatigue)",
            how_to="On one leg, fingertips on a wall: rise as high as you can with each beat and "
            "lower with the next. Press d when you can no longer keep up or rise fully.",
            cues=("Full height every rep", "One beat up, one beat down", "Knee straight"),
            kind=Kind.REPS,
            per_side=True,
            insertional_safe=True,
            dose=Dose(sets=1, rest_s=120, reps=25, tempo=Tempo(1, 0, 1, 0)),
        )
    ),
    HOP: _as_planned(
        Exercise(
            id="test-hop",
            name="Hop test (10 single-leg hops)",
            how_to="On one leg, 10 small hops in place, landing softly. Stop if it hurts; "
            "lower the count with the arrows before pressing d.",
            cues=("Small and springy", "Land softly", "Stop if it hurts"),
            kind=Kind.REPS,
            per_side=True,
            insertional_safe=True,
            dose=Dose(sets=1, rest_s=60, reps=10),
        )
    ),
}

# By id, so a test left unfinished (a quit, a crash) can be resumed like any session.
TEST_EXERCISES = {planned.exercise.id: planned.exercise for planned in TESTS.values()}


def new_test_id(when: datetime) -> str:
    return f"{when:%Y%m%d-%H%M%S}-{os.urandom(3).hex()}"


def test_result(session: SessionRecord, pain: int | None) -> SidedTestRecord | None:
    """The result a finished test session records (None if a side was never done)."""
    test = session.get("test")
    if test is None or test not in TESTS:
        return None
    sides = {s["side"]: int(s["done"]) for s in session["exercises"][0]["sets"]}
    if set(sides) != {"left", "right"}:
        return None
    return {
        "id": session["id"],
        "date": session["started_at"][:10],
        "kind": test,
        "left": sides["left"],
        "right": sides["right"],
        "pain": pain,  # None when the rating was skipped: the stage gate then asks for a test again
    }


# The most a side can record: a hop test is 10 hops; heel raises as the record allows.
MOST_A_SIDE: dict[SidedTestKind, int] = {HEEL_RAISE: 1000, HOP: 10}


def sided_test_record(
    kind: SidedTestKind, left: int, right: int, pain: int, when: datetime
) -> SidedTestRecord:
    """A heel-raise or hop test done away from the player (`rehab-tui test log`)."""
    most = MOST_A_SIDE[kind]
    for side, count in (("left", left), ("right", right)):
        if not 0 <= count <= most:
            raise ValueError(f"{side} must be from 0 to {most}, got {count}")
    if not 0 <= pain <= 10:
        raise ValueError(f"pain must be from 0 to 10, got {pain}")
    return {
        "id": new_test_id(when),
        "date": when.date().isoformat(),
        "kind": kind,
        "left": left,
        "right": right,
        "pain": pain,
    }


def visa_a_record(score: int, when: datetime) -> VisaARecord:
    if not 0 <= score <= 100:
        raise ValueError(f"a VISA-A score is from 0 to 100, got {score}")
    return {
        "id": new_test_id(when),
        "date": when.date().isoformat(),
        "kind": VISA_A,
        "score": score,
    }


class GateFailure(Struct, frozen=True):
    """One reason the capacity gate stays shut: a test missing, failed or unrated."""

    kind: SidedTestKind
    words: str
    taken: bool  # a test was taken and did not pass (False: none recent enough)


HOPS_NEEDED = 10  # the hop test: 10 single-leg hops each side (DOMAIN §4, §9)


def recent_tests(
    tests: list[CapacityRecord], today: date, settings: PlanSettings
) -> list[CapacityRecord]:
    """The tests still valid today (DOMAIN §4: 6 weeks), oldest first."""
    since = (today - timedelta(days=settings.test_valid_days)).isoformat()
    return sorted(
        (t for t in tests if since <= t["date"] <= today.isoformat()), key=lambda t: t["date"]
    )


def gate_failures(
    tests: list[CapacityRecord], today: date, settings: PlanSettings
) -> list[GateFailure]:
    """Why the latest valid heel-raise and hop tests do not open springy work and running.

    Heel raises: at least the floor each side and the weaker side within the symmetry needed
    of the stronger; hops: 10 each side; both rated within the green limit.
    """
    recent = recent_tests(tests, today, settings)
    weeks = settings.test_valid_days // 7
    failures = []
    labels: tuple[tuple[SidedTestKind, str], ...] = (
        (HEEL_RAISE, "heel-raise test"),
        (HOP, "hop test"),
    )
    for kind, label in labels:
        done: list[SidedTestRecord] = [t for t in recent if t["kind"] == kind]
        if not done:
            failures.append(GateFailure(kind, f"no {label} in the last {weeks} weeks", False))
            continue
        latest = done[-1]
        on = f"the {label} on {_day_words(latest['date'])}"
        failures.extend(
            GateFailure(kind, f"{on} {problem}", True)
            for problem in _test_problems(latest, settings)
        )
    return failures


def _test_problems(test: SidedTestRecord, settings: PlanSettings) -> list[str]:
    left, right = test["left"], test["right"]
    weaker, stronger = sorted((left, right))
    problems = []
    if test["kind"] == HOP:
        if weaker < HOPS_NEEDED:
            problems.append(f"had {left} left and {right} right of {HOPS_NEEDED} hops each side")
    elif weaker < settings.heel_raises_needed:
        problems.append(
            f"had {left} left and {right} right; {settings.heel_raises_needed} each side needed"
        )
    elif weaker < stronger * settings.symmetry_needed:
        share = round(100 * weaker / stronger)
        problems.append(
            f"had {left} left and {right} right: the weaker side is {share} % of the other, "
            f"{round(settings.symmetry_needed * 100)} % needed"
        )
    if test["pain"] is None:
        problems.append("has no pain rating")
    elif test["pain"] > settings.limits.green_max:
        problems.append(
            f"hurt {test['pain']}/10, above your green limit of {settings.limits.green_max}"
        )
    return problems


def capacity_gate(tests: list[CapacityRecord], today: date, settings: PlanSettings) -> str | None:
    """None when recent heel-raise and hop tests show readiness for springy work; else why not."""
    failures = gate_failures(tests, today, settings)
    return "; ".join(f.words for f in failures) if failures else None


def retest_due(tests: list[CapacityRecord], today: date, settings: PlanSettings) -> str | None:
    """Past the gate, a test older than its 6 weeks asks for a retest; None when all are valid."""
    stale = [f for f in gate_failures(tests, today, settings) if not f.taken]
    if not stale:
        return None
    kinds = " and ".join("heel-raise" if f.kind == HEEL_RAISE else "hop" for f in stale)
    return (
        f"A retest is due: no {kinds} test in the last {settings.test_valid_days // 7} weeks "
        "(tests are valid for 6 weeks). Take it from home (key c) or with rehab-tui test log."
    )


def visa_a_fall(tests: list[CapacityRecord], today: date) -> str | None:
    """A VISA-A score 10 or more points below the one before it (DOMAIN §9), named while it is
    the latest score and taken in the last VISA_A_NAMED_DAYS days."""
    scores: list[VisaARecord] = sorted(
        (t for t in tests if t["kind"] == VISA_A and t["date"] <= today.isoformat()),
        key=lambda t: t["date"],
    )
    if len(scores) < 2:
        return None
    before, latest = scores[-2], scores[-1]
    fall = before["score"] - latest["score"]
    age = (today - date.fromisoformat(latest["date"])).days
    if fall < VISA_A_FALL or age > VISA_A_NAMED_DAYS:
        return None
    return (
        f"Your VISA-A score fell by {fall} points, from {before['score']} on "
        f"{_day_words(before['date'])} to {latest['score']} on {_day_words(latest['date'])}: "
        "worth telling your physiotherapist; no step up this week."
    )


VISA_A_FALL = 10  # points: a fall this large is named (DOMAIN §9; meaningful change ~14)
VISA_A_NAMED_DAYS = 7  # ... and holds step ups this many days after the score


def _day_words(iso: str) -> str:
    return day_words(date.fromisoformat(iso))
