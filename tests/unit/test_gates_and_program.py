"""The capacity gate, retests, VISA-A, light days, weights, maintenance and discharge, each at
its boundary (DOMAIN §3, §4, §6, §9), through the pure plan engine."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rehab_tui.domain.capacity import gate_failures
from rehab_tui.domain.outcomes import PlanSettings
from rehab_tui.domain.plan import Decision, make_plan
from rehab_tui.domain.profile import Profile
from rehab_tui.storage.catalog import load_catalog

CATALOG = load_catalog()
D0 = date(2026, 3, 2)  # a Monday
LAST_HEAVY = CATALOG.first_step_of_stage(4).index - 1  # the rung before the gate
TOP = len(CATALOG.ladder) - 1


def day(n: int) -> str:
    return (D0 + timedelta(days=n)).isoformat()


def s(n: int, rung: int, pain: int = 1, light: bool = False, load: float | None = None) -> dict:
    step = CATALOG.ladder[rung]
    exercises = [
        {
            "exercise_id": p.exercise.id,
            "planned": {"sets": p.dose.sets, "rest_s": p.dose.rest_s},
            **({"load_kg": load} if load is not None and p.exercise.loaded else {}),
        }
        for p in step.exercises
    ]
    return {
        "id": f"{day(n).replace('-', '')}-080000-{rung:06x}",
        "kind": "plan",
        "started_at": f"{day(n)}T08:00:00+00:00",
        "ended_at": f"{day(n)}T08:20:00+00:00",
        "ladder_index": rung,
        "pain": pain,
        "exercises": exercises,
        **({"light": True} if light else {}),
    }


def c(n: int, pain: int = 0) -> dict:
    return {"date": day(n), "pain": pain}


def sided(n: int, kind: str, left: int, right: int, pain: int | None = 1) -> dict:
    return {
        "id": f"{kind}{n}",
        "date": day(n),
        "kind": kind,
        "left": left,
        "right": right,
        "pain": pain,
    }


def ran(n: int, minutes: float = 40, pain: int = 1) -> dict:
    return {
        "id": f"{day(n).replace('-', '')}-180000-aa{n % 100:02d}",
        "started_at": f"{day(n)}T18:00:00+00:00",
        "minutes": minutes,
        "km": None,
        "pain": pain,
        "kind": "continuous",
        "level": None,
        "note": "",
    }


def visa(n: int, score: int) -> dict:
    return {"id": f"v{n}", "date": day(n), "kind": "visa_a", "score": score}


def at_the_gate(tests: list, profile: Profile | None = None, load: float | None = None):
    """Three green heavy sessions 48 h apart at the last rung before springy work."""
    sessions = [s(n, LAST_HEAVY, load=load) for n in (0, 2, 4)]
    checkins = [c(n) for n in range(1, 6)]
    # day 6: a heavy day again (day 5 is a light day, 24 h after day 4)
    return make_plan(
        CATALOG, sessions, checkins, profile or Profile(), D0 + timedelta(days=6), tests=tests
    )


PASSED = [sided(1, "heel_raise", 20, 22), sided(1, "hop", 10, 10, 3)]


def test_the_gate_opens_at_the_boundaries_floor_symmetry_ten_hops_green_pain():
    plan = at_the_gate(PASSED)  # 20 = the floor, 20/22 = 91 %, pain 3 = the green limit
    assert plan.decision is Decision.PROGRESS and plan.step.stage == 4 and plan.gate is None


@pytest.mark.parametrize(
    ("tests", "named"),
    [
        (
            [sided(1, "heel_raise", 19, 22), PASSED[1]],
            "had 19 left and 22 right; 20 each side needed",
        ),
        (
            [sided(1, "heel_raise", 20, 23), PASSED[1]],
            "the weaker side is 87 % of the other, 90 % needed",
        ),
        ([PASSED[0], sided(1, "hop", 3, 10)], "had 3 left and 10 right of 10 hops each side"),
        ([PASSED[0], sided(1, "hop", 10, 9)], "had 10 left and 9 right of 10 hops each side"),
        ([PASSED[0], sided(1, "hop", 10, 10, 4)], "the hop test on Tue 3 Mar hurt 4/10"),
        (
            [PASSED[0], sided(1, "hop", 10, 10, None)],
            "the hop test on Tue 3 Mar has no pain rating",
        ),
        ([PASSED[0]], "no hop test in the last 6 weeks"),
    ],
)
def test_a_gate_not_passed_holds_and_is_named(tests, named):
    plan = at_the_gate(tests)
    assert plan.decision is Decision.HOLD and plan.step.index == LAST_HEAVY
    assert plan.gate is not None and named in plan.gate
    assert any(named in reason for reason in plan.reasons)


def test_the_gate_follows_the_profiles_floor_and_symmetry():
    strict = Profile(heel_raise_floor=25, symmetry_pct=95)
    assert at_the_gate(PASSED, strict).gate is not None
    lenient = Profile(heel_raise_floor=15, symmetry_pct=80)
    assert at_the_gate([sided(1, "heel_raise", 16, 19), PASSED[1]], lenient).gate is None


def test_held_at_the_gate_the_load_keeps_building():
    plan = at_the_gate([], load=20.0)
    said = " ".join(plan.reasons)
    assert "Keep building meanwhile: add about 2.5 kg to Loaded single-leg heel raise" in said
    assert "last time 20 kg, so about 22.5 kg" in said
    assert plan.load_kg["loaded-single-raise"] == 22.5


def test_held_at_the_gate_for_six_weeks_suggests_a_review():
    sessions = [s(n, LAST_HEAVY) for n in range(0, 45, 2)]
    checkins = [c(n) for n in range(1, 46)]
    plan = make_plan(CATALOG, sessions, checkins, Profile(), D0 + timedelta(days=45))
    assert plan.gate is not None and plan.review_suggested


def test_a_failed_hop_test_means_no_running_and_a_failed_heel_raise_test_an_easier_run():
    hop = make_plan(
        CATALOG, [], [], Profile(), D0 + timedelta(days=2), tests=[sided(1, "hop", 10, 10, 5)]
    )
    assert hop.run_advice.verdict == "rest" and hop.run_advice.because == "capacity_test"
    assert "the hop test on Tue 3 Mar hurt 5/10" in hop.run_advice.text
    raises = make_plan(
        CATALOG,
        [],
        [],
        Profile(),
        D0 + timedelta(days=2),
        tests=[sided(1, "heel_raise", 12, 25)],
        runs=[ran(-3)],  # kept running: the failed test, not the ladder's entry, decides
    )
    assert raises.run_advice.verdict == "modify" and raises.run_advice.because == "capacity_test"
    old = make_plan(
        CATALOG, [], [], Profile(), D0 + timedelta(days=44), tests=[sided(1, "hop", 10, 10, 5)]
    )
    assert old.run_advice.because != "capacity_test"  # valid for 6 weeks only


def test_tests_are_valid_for_six_weeks_and_a_retest_is_then_due():
    settings = PlanSettings()
    assert gate_failures(PASSED, D0 + timedelta(days=43), settings) == []
    stale = gate_failures(PASSED, D0 + timedelta(days=44), settings)
    assert [f.taken for f in stale] == [False, False]
    springy = CATALOG.first_step_of_stage(4).index
    sessions, checkins = [s(40, springy)], [c(41)]
    due = make_plan(CATALOG, sessions, checkins, Profile(), D0 + timedelta(days=44), tests=PASSED)
    assert due.retest_due is not None and "A retest is due" in due.retest_due
    fresh = make_plan(CATALOG, sessions, checkins, Profile(), D0 + timedelta(days=43), tests=PASSED)
    assert fresh.retest_due is None


def test_a_visa_a_fall_of_10_is_named_and_holds_a_step_up_that_week():
    sessions = [s(n, 0) for n in (0, 1, 2)]
    checkins = [c(n) for n in (1, 2, 3)]
    fell = [visa(0, 80), visa(3, 70)]
    plan = make_plan(CATALOG, sessions, checkins, Profile(), D0 + timedelta(days=3), tests=fell)
    assert plan.decision is Decision.HOLD
    assert any("VISA-A score fell by 10 points, from 80" in r for r in plan.reasons)
    nine = [visa(0, 80), visa(3, 71)]
    up = make_plan(CATALOG, sessions, checkins, Profile(), D0 + timedelta(days=3), tests=nine)
    assert up.decision is Decision.PROGRESS
    week_later = make_plan(
        CATALOG, sessions, checkins, Profile(), D0 + timedelta(days=11), tests=fell
    )
    assert not any("VISA-A" in r for r in week_later.reasons)


def test_a_light_day_between_heavy_sessions_is_offered_and_not_counted():
    heavy = CATALOG.first_step_of_stage(3).index + 1
    plan = make_plan(CATALOG, [s(0, heavy)], [c(1)], Profile(), D0 + timedelta(days=1))
    assert plan.light_day and plan.next_full_day == D0 + timedelta(days=2)
    assert {p.exercise.id for p in plan.exercises} == set(CATALOG.stage(3).light_day)
    assert any("Next heavy session: Wed 4 Mar" in r for r in plan.reasons)
    # done anyway the next day, heavy: saved, not counted, and said so
    sessions = [s(0, heavy), s(1, heavy), s(3, heavy)]
    later = make_plan(
        CATALOG, sessions, [c(n) for n in (1, 2, 4)], Profile(), D0 + timedelta(days=4)
    )
    assert any("2 of 3 green sessions" in r for r in later.reasons)
    # a light-day session neither counts nor breaks the greens
    with_light = [s(0, heavy), s(1, heavy, light=True), s(2, heavy), s(4, heavy)]
    up = make_plan(
        CATALOG, with_light, [c(n) for n in range(1, 6)], Profile(), D0 + timedelta(days=6)
    )
    assert up.decision is Decision.PROGRESS and up.step.index == heavy + 1


def test_a_red_light_day_still_steps_back():
    heavy = CATALOG.first_step_of_stage(3).index + 1
    plan = make_plan(
        CATALOG,
        [s(0, heavy), s(1, heavy, pain=6, light=True)],
        [c(1), c(2)],
        Profile(),
        D0 + timedelta(days=2),
    )
    assert plan.decision is Decision.REGRESS


def test_no_weights_at_home_never_means_fewer_reps():
    loaded = CATALOG.first_step_of_stage(3).index + 3  # 10 reps with weight
    plan = make_plan(
        CATALOG, [s(0, loaded)], [c(1)], Profile(weights=False), D0 + timedelta(days=2)
    )
    for planned in plan.exercises:
        if planned.exercise.loaded:
            assert planned.dose.reps == 15 and planned.dose.tempo.down == 6
    assert plan.load_kg == {}


def test_insertional_pain_gets_the_shoe_advice_and_floor_level_only():
    plan = make_plan(CATALOG, [], [], Profile(tendinopathy="insertional"), D0)
    assert any("heel lift" in a and "short-term aid" in a for a in plan.advice)
    assert not any("heel lift" in a for a in make_plan(CATALOG, [], [], Profile(), D0).advice)


def test_maintenance_then_discharge_once_tests_pass_and_running_is_back():
    sessions = [s(n, TOP) for n in (0, 2, 4, 7)]
    checkins = [c(n) for n in range(1, 9)]
    today = D0 + timedelta(days=9)
    plan = make_plan(CATALOG, sessions, checkins, Profile(), today, tests=PASSED)
    assert plan.phase == "maintenance" and plan.decision is Decision.MAINTAIN
    assert plan.frequency == "2-3 times a week, 48 h apart" and plan.discharge is None
    assert any("you run 30 minutes continuous" in r for r in plan.reasons)
    done = make_plan(
        CATALOG,
        sessions,
        checkins,
        Profile(),
        today,
        tests=PASSED,
        runs=[ran(5, minutes=30)],
    )
    assert done.discharge is not None and done.discharge.startswith("Ready for discharge")
    red = make_plan(
        CATALOG,
        [*sessions, s(9, TOP, pain=6)],
        [*checkins, c(10)],
        Profile(),
        today + timedelta(days=1),
    )
    assert red.phase == "rehab" and red.decision is Decision.REGRESS


def test_the_first_loaded_rung_says_how_to_choose_a_weight():
    below_step = CATALOG.first_step_of_stage(3).index
    sessions = [s(n, below_step) for n in (0, 2, 4)]
    plan = make_plan(
        CATALOG, sessions, [c(n) for n in range(1, 6)], Profile(), D0 + timedelta(days=6)
    )
    assert plan.decision is Decision.PROGRESS
    assert any("choose a weight that makes the last of 15 reps hard" in r for r in plan.reasons)


def test_after_a_break_of_21_days_springy_work_waits_for_a_fresh_test():
    before_break = [s(0, LAST_HEAVY)]
    tests = [sided(1, "heel_raise", 24, 24), sided(1, "hop", 10, 10)]  # still within 6 weeks
    sessions = [*before_break, *(s(n, LAST_HEAVY) for n in (22, 24, 26))]
    checkins = [c(n) for n in range(1, 29)]
    plan = make_plan(CATALOG, sessions, checkins, Profile(), D0 + timedelta(days=28), tests=tests)
    assert plan.decision is Decision.HOLD and plan.gate is not None
    retaken = [*tests, sided(25, "heel_raise", 24, 24), sided(25, "hop", 10, 10)]
    plan = make_plan(CATALOG, sessions, checkins, Profile(), D0 + timedelta(days=28), tests=retaken)
    assert plan.decision is Decision.PROGRESS and plan.step.stage == 4
