"""The plan engine, scenario by scenario, through the pure module."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest

from rehab_tui.domain.plan import Decision, make_plan
from rehab_tui.domain.profile import Profile
from rehab_tui.storage.catalog import load_catalog

CATALOG = load_catalog()
D0 = date(2026, 3, 2)  # a Monday


def day(n: int) -> str:
    return (D0 + timedelta(days=n)).isoformat()


def s(n: int, rung: int, pain: int | None, hour: int = 8, kind: str = "plan") -> dict:
    return {
        "id": f"{day(n).replace('-', '')}-{hour:02d}0000-{rung:06x}",
        "kind": kind,
        "started_at": f"{day(n)}T{hour:02d}:00:00+00:00",
        "ended_at": f"{day(n)}T{hour:02d}:20:00+00:00",
        "ladder_index": rung if kind == "plan" else None,
        "pain": pain,
    }


def run(n: int, minutes: float = 40, pain: int = 1, kind: str = "continuous") -> dict:
    return {
        "id": f"{day(n).replace('-', '')}-180000-aa{n % 100:02d}",
        "started_at": f"{day(n)}T18:00:00+00:00",
        "minutes": minutes,
        "km": None,
        "pain": pain,
        "kind": kind,
        "level": None,
        "note": "",
    }


# A runner who kept running within the limit (DOMAIN §7): what run advice is weighed against.
KEPT_RUNNING = [run(-5)]


def c(n: int, pain: int) -> dict:
    return {"date": day(n), "pain": pain}


def greens(rung: int, days: list[int], pain: int = 2) -> tuple[list, list]:
    return [s(n, rung, pain) for n in days], [c(n + 1, 0) for n in days]


@dataclass
class Case:
    name: str
    sessions: list = field(default_factory=list)
    checkins: list = field(default_factory=list)
    today: int = 1
    profile: Profile = field(default_factory=Profile)
    rung: int = 0
    decision: Decision = Decision.HOLD
    reason: str = ""
    verdict: str | None = None
    clinician: bool = False
    tests: list = field(default_factory=list)
    runs: list = field(default_factory=lambda: list(KEPT_RUNNING))


def heel(n: int, left: int, right: int, pain: int = 1) -> dict:
    return {
        "id": f"h{n}",
        "date": day(n),
        "kind": "heel_raise",
        "left": left,
        "right": right,
        "pain": pain,
    }


def hop(n: int, pain: int = 0) -> dict:
    return {"id": f"j{n}", "date": day(n), "kind": "hop", "left": 10, "right": 10, "pain": pain}


PASSED = [heel(1, 26, 27), hop(1)]


G3 = greens(0, [0, 1, 2])
CASES = [
    Case(
        "new user", today=0, decision=Decision.START, reason="First session: stage 1", verdict="run"
    ),
    Case(
        "new user with amber baseline",
        today=0,
        profile=Profile(baseline=4),
        decision=Decision.START,
        verdict="modify",
    ),
    Case(
        "a new runner waits for the walk-run ladder's entry",
        today=0,
        decision=Decision.START,
        verdict="rest",
        runs=[],
    ),
    Case("one green", *greens(0, [0]), rung=0, reason="1 of 3 green sessions", verdict="run"),
    Case(
        "three greens on three days",
        *G3,
        today=3,
        rung=1,
        decision=Decision.PROGRESS,
        reason="3 green sessions in a row on 3 days at 5 × 30 s (latest: pain 2/10",
    ),
    Case(
        "progress names what changes",
        *G3,
        today=3,
        rung=1,
        decision=Decision.PROGRESS,
        reason="one step up, hold 45 s",
    ),
    Case(
        "three greens on one day",
        [s(0, 0, 1, 8), s(0, 0, 1, 12), s(0, 0, 1, 18)],
        [c(1, 0)],
        rung=0,
        reason="2 of 3 green sessions",
    ),
    Case(
        "three greens on two days",
        [s(0, 0, 1, 8), s(0, 0, 1, 18), s(1, 0, 1)],
        [c(1, 0), c(2, 0)],
        today=2,
        rung=1,
        decision=Decision.PROGRESS,
        reason="on 2 days",
    ),
    Case(
        "amber pain during",
        [s(0, 2, 4)],
        [c(1, 0)],
        rung=2,
        reason="Pain 4/10 on Mon 2 Mar: holding at 5 × 30 s each side",
        verdict="modify",
    ),
    Case(
        "amber next morning",
        [s(0, 2, 1)],
        [c(1, 1)],
        rung=2,
        reason="Next-morning pain 1/10 after Mon 2 Mar, above your usual 0: holding",
        verdict="modify",
    ),
    Case(
        "red pain during steps back",
        [s(0, 2, 6)],
        [c(1, 1)],
        rung=1,
        decision=Decision.REGRESS,
        reason="Pain 6/10 on Mon 2 Mar: stepping back to 5 × 45 s",
        verdict="rest",
    ),
    Case(
        "red morning rise steps back",
        [s(0, 2, 2)],
        [c(1, 3)],
        rung=1,
        decision=Decision.REGRESS,
        reason="3 above your usual 0",
        verdict="rest",
    ),
    Case(
        "red at the first step goes to the calm dose",
        [s(0, 0, 6)],
        [c(1, 1)],
        rung=0,
        decision=Decision.REGRESS,
        reason="stepping back to the calm dose below the first step, 4 × 25 s",
    ),
    Case(
        "two reds in a row step back a stage",
        [s(0, 12, 6), s(1, 11, 6)],
        [c(1, 1), c(2, 1)],
        today=2,
        rung=4,
        decision=Decision.REGRESS,
        reason="Two red days in a row",
        clinician=True,
        verdict="rest",
    ),
    Case(
        "two reds within stage 1",
        [s(0, 6, 6), s(1, 5, 6)],
        today=2,
        rung=0,
        decision=Decision.REGRESS,
        clinician=True,
    ),
    Case(
        "a red then a green is not two reds",
        [s(0, 6, 6), s(1, 5, 2)],
        [c(2, 0)],
        today=2,
        rung=5,
        reason="1 of 3",
    ),
    Case(
        "pending: no check-in yet",
        [s(0, 3, 2)],
        [],
        today=1,
        rung=3,
        reason="No next-morning check-in after Mon 2 Mar yet: holding at 5 × 45 s each side until it is in",
    ),
    Case(
        "missed check-in is not green",
        [*G3[0], s(3, 0, 1)],
        G3[1],
        today=6,
        rung=0,
        reason="No next-morning check-in after Thu 5 Mar",
    ),
    Case(
        "unrated session is pending",
        [s(0, 3, None)],
        [c(1, 0)],
        rung=3,
        reason="No pain rating for Mon 2 Mar",
    ),
    Case("gap of 6 days changes nothing", *greens(4, [0]), today=6, rung=4, reason="1 of 3"),
    Case(
        "gap of 7 days restarts a step lower",
        *greens(4, [0]),
        today=7,
        rung=3,
        decision=Decision.REGRESS,
        reason="7 days since your last session",
    ),
    Case(
        "gap of 21 days restarts a stage lower",
        *greens(12, [0]),
        today=21,
        rung=4,
        decision=Decision.REGRESS,
        reason="restarting at the start of stage 2",
    ),
    Case(
        "gap of 21 days in stage 1 restarts at its start",
        *greens(6, [0]),
        today=30,
        rung=0,
        decision=Decision.REGRESS,
    ),
    Case(
        "insertional gets floor work in stage 3",
        *greens(9, [0]),
        today=2,
        rung=9,
        profile=Profile(tendinopathy="insertional"),
        reason="Insertional pain: Loaded lowering, floor and Seated loaded heel raise instead of "
        "Lower below the step, straight knee and Lower below the step, bent knee",
    ),
    Case(
        "pain 7 during: rest and red flags",
        [s(0, 5, 7)],
        [c(1, 2)],
        rung=4,
        decision=Decision.REGRESS,
        verdict="rest",
        clinician=True,
        reason="see a clinician first",
    ),
    Case(
        "check-in pain 7: rest",
        [s(0, 5, 2)],
        [c(1, 7)],
        rung=4,
        decision=Decision.REGRESS,
        verdict="rest",
        clinician=True,
        reason="Pain 7/10 at the check-in on Tue 3 Mar",
    ),
    Case(
        "silbernagel: pain 5 is green",
        *greens(0, [0, 1, 2], pain=5),
        today=3,
        rung=1,
        profile=Profile(limits="silbernagel"),
        decision=Decision.PROGRESS,
    ),
    Case(
        "strict: pain 5 is amber", *greens(0, [0, 1, 2], pain=5), today=3, rung=0, verdict="modify"
    ),
    Case(
        "silbernagel: pain 6 is still red",
        [s(0, 3, 6)],
        [c(1, 0)],
        rung=2,
        profile=Profile(limits="silbernagel"),
        decision=Decision.REGRESS,
    ),
    Case(
        "stage 4 is reached after passed capacity tests",
        *greens(14, [0, 2, 4]),
        today=5,
        rung=15,
        decision=Decision.PROGRESS,
        reason="new exercises: Rebound heel raise",
        tests=PASSED,
    ),
    Case(
        "stage 4 waits for the capacity tests",
        *greens(14, [0, 2, 4]),
        today=5,
        rung=14,
        reason="Stage 4 and running wait for the capacity tests: no heel-raise test in the last 6 weeks; "
        "no hop test in the last 6 weeks",
    ),
    Case(
        "too few heel raises hold stage 3",
        *greens(14, [0, 2, 4]),
        today=5,
        rung=14,
        reason="the heel-raise test on Tue 3 Mar had 18 left and 26 right; 20 each side needed",
        tests=[heel(1, 18, 26), hop(1)],
    ),
    Case(
        "an asymmetric test holds stage 3",
        *greens(14, [0, 2, 4]),
        today=5,
        rung=14,
        reason="the weaker side is 62 % of the other, 90 % needed",
        tests=[heel(1, 25, 40), hop(1)],
    ),
    Case(
        "a painful hop test holds stage 3",
        *greens(14, [0, 2, 4]),
        today=5,
        rung=14,
        reason="the hop test on Wed 4 Mar hurt 5/10, above your green limit of 3",
        tests=[heel(1, 30, 30), hop(2, pain=5)],
    ),
    Case(
        "an unrated heel-raise test does not pass",
        *greens(14, [0, 2, 4]),
        today=5,
        rung=14,
        reason="the heel-raise test on Tue 3 Mar has no pain rating",
        tests=[heel(1, 30, 30, pain=None), hop(1)],
    ),
    Case(
        "tests older than six weeks do not count",
        *greens(14, [50, 52, 54]),
        today=55,
        rung=14,
        reason="no heel-raise test in the last 6 weeks",
        tests=PASSED,
    ),
    Case(
        "top of the ladder opens maintenance",
        *greens(20, [0, 2, 4]),
        today=5,
        rung=20,
        decision=Decision.MAINTAIN,
        reason="the top of the ladder: maintenance from here",
    ),
    Case(
        "the count starts again after a change",
        [*G3[0], s(3, 1, 1)],
        [*G3[1], c(4, 0)],
        today=4,
        rung=1,
        reason="1 of 3 green sessions at 5 × 45 s",
    ),
    Case(
        "amber breaks the streak",
        [s(0, 0, 1), s(1, 0, 4), s(2, 0, 1), s(3, 0, 1)],
        [c(1, 0), c(2, 0), c(3, 0), c(4, 0)],
        today=4,
        rung=0,
        reason="2 of 3",
    ),
    Case(
        "a free session's pain counts for run advice",
        [*greens(0, [0])[0], s(1, 0, 8, kind="free")],
        greens(0, [0])[1],
        today=2,
        rung=0,
        decision=Decision.REGRESS,
        reason="stepping back to the calm dose",
        verdict="rest",
        clinician=True,
    ),
    Case(
        "a session today not yet ended is ignored",
        [s(0, 0, 2), {**s(1, 0, None), "ended_at": None}],
        [c(1, 0)],
        today=1,
        rung=0,
        reason="1 of 3",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_scenario(case: Case):
    plan = make_plan(
        CATALOG,
        case.sessions,
        case.checkins,
        case.profile,
        D0 + timedelta(days=case.today),
        tests=case.tests,
        runs=case.runs,
    )
    text = " | ".join(plan.reasons)
    assert plan.step.index == case.rung, text
    assert plan.decision is case.decision, text
    assert case.reason in text
    if case.verdict:
        assert plan.run_advice.verdict == case.verdict, plan.run_advice
    assert plan.see_clinician is case.clinician, text
    assert plan.reasons, "every plan says why"


def test_insertional_never_gets_below_step_work_at_any_step():
    for step in CATALOG.ladder:
        history = [s(0, step.index, 2)], [c(1, 0)]
        plan = make_plan(
            CATALOG, *history, Profile(tendinopathy="insertional"), D0 + timedelta(days=1)
        )
        assert all(p.exercise.insertional_safe for p in plan.exercises), step


def test_a_fresh_plan_is_stage_1_holds_without_stretching():
    plan = make_plan(CATALOG, [], [], Profile(), D0)
    assert plan.step.stage == 1
    for planned in plan.exercises:
        assert planned.exercise.kind == "hold" and 20 <= planned.dose.hold_s <= 30
        words = f"{planned.exercise.name} {planned.exercise.how_to}".lower()
        assert not any(w in words for w in ("stretch", "squat", "lunge"))


def test_next_checkin_is_the_morning_after_a_pending_session():
    assert make_plan(CATALOG, [s(0, 0, 2)], [], Profile(), D0).next_checkin == D0 + timedelta(1)
    plan = make_plan(CATALOG, [s(0, 0, 2)], [c(1, 0)], Profile(), D0 + timedelta(1))
    assert plan.next_checkin == D0 + timedelta(2)


def test_the_plan_does_not_look_at_the_future():
    later = [s(5, 3, 9)]
    plan = make_plan(
        CATALOG,
        [s(0, 0, 2), *later],
        [c(1, 0), c(6, 8)],
        Profile(),
        D0 + timedelta(1),
        runs=[*KEPT_RUNNING, run(4, pain=9)],
    )
    assert plan.step.index == 0 and plan.run_advice.verdict == "run"
