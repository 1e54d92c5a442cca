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

from rehab_tui.domain.library import Dose, Exercise, Kind, PlannedExercise, Tempo
from rehab_tui.domain.outcomes import PlanSettings
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


def visa_a_record(score: int, when: datetime) -> VisaARecord:
    if not 0 <= score <= 100:
        raise ValueError(f"a VISA-A score is from 0 to 100, got {score}")
    return {
        "id": new_test_id(when),
        "date": when.date().isoformat(),
        "kind": VISA_A,
        "score": score,
    }


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
