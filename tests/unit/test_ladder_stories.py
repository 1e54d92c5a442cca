"""Twelve-week stories through the plan engine (DOMAIN §3-§4): a runner doing what the plan
says, day by day, at different rhythms, and what the ladder does with it.

Each story logs the plan's session as done in full (domain.records.logged_session, as
`rehab-tui log` does), rates it, and checks in the next morning. Dates are relative to a fixed
Monday so the stories never expire.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import pytest

from rehab_tui.domain.capacity import HEEL_RAISE, HOP
from rehab_tui.domain.plan import Decision, Plan, make_plan
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.records import logged_session
from rehab_tui.storage.catalog import load_catalog

CATALOG = load_catalog()
MONDAY = date(2026, 3, 2)
TOP = len(CATALOG.ladder) - 1
STAGE_3 = CATALOG.first_step_of_stage(3).index


@dataclass
class Story:
    profile: Profile = field(default_factory=Profile)
    sessions: list = field(default_factory=list)
    checkins: list = field(default_factory=list)
    tests: list = field(default_factory=list)
    plans: dict[int, Plan] = field(default_factory=dict)  # day number -> the plan that day

    def plan(self, n: int) -> Plan:
        return make_plan(
            CATALOG,
            self.sessions,
            self.checkins,
            self.profile,
            MONDAY + timedelta(days=n),
            tests=self.tests,
        )

    def session(self, n: int, pain: int = 1, hour: int = 8, load_kg: float | None = None) -> Plan:
        plan = self.plan(n)
        self.plans.setdefault(n, plan)
        if plan.exercises:
            started = datetime.combine(MONDAY + timedelta(days=n), time(hour), UTC)
            record = logged_session(plan.exercises, started, plan.step, pain, "")
            if plan.light_day:
                record["light"] = True
            if load_kg is not None:
                for exercise in record["exercises"]:
                    if any(
                        p.exercise.loaded and p.exercise.id == exercise["exercise_id"]
                        for p in plan.exercises
                    ):
                        exercise["load_kg"] = load_kg
            self.sessions.append(record)
        return plan

    def checkin(self, n: int, pain: int = 0) -> None:
        self.checkins.append({"date": (MONDAY + timedelta(days=n)).isoformat(), "pain": pain})

    def pass_tests(self, n: int) -> None:
        day = (MONDAY + timedelta(days=n)).isoformat()
        self.tests += [
            {"id": f"h{n}", "date": day, "kind": HEEL_RAISE, "left": 24, "right": 25, "pain": 1},
            {"id": f"j{n}", "date": day, "kind": HOP, "left": 10, "right": 10, "pain": 1},
        ]


def live(story: Story, days: int, session_days, per_day: int = 1, tests_every: int = 0) -> Story:
    """Follow the plan for `days` days: sessions on `session_days(n)`, `per_day` of them,
    green, with a morning check-in every day; capacity tests passed every `tests_every` days."""
    for n in range(days):
        story.checkin(n)
        if tests_every and n % tests_every == 0 and n > 0:
            story.pass_tests(n)
        if session_days(n):
            for k in range(per_day):
                story.session(n, hour=8 + 9 * k)
    return story


def first_day_at(story: Story, rung: int) -> int | None:
    days = [n for n, plan in sorted(story.plans.items()) if plan.step.index >= rung]
    return days[0] if days else None


def first_day_in_stage(story: Story, stage: int) -> int | None:
    return first_day_at(story, CATALOG.first_step_of_stage(stage).index)


def three_a_week(n: int) -> bool:
    return n % 7 in (0, 2, 4)


def daily(n: int) -> bool:
    return True


def test_three_a_week_reaches_slow_strength_in_6_weeks_and_heavy_work_in_12():
    story = live(Story(), 7 * 12, three_a_week)
    assert first_day_in_stage(story, 2) < 6 * 7
    assert first_day_in_stage(story, 3) < 12 * 7


def test_daily_and_twice_daily_take_at_least_12_weeks_to_the_top():
    for per_day in (1, 2):
        story = live(Story(), 7 * 20, daily, per_day=per_day, tests_every=28)
        top = first_day_at(story, TOP)
        assert top is not None and top >= 12 * 7, (per_day, top)
        assert first_day_in_stage(story, 2) < 6 * 7
        assert first_day_in_stage(story, 3) < 12 * 7


def test_heavy_and_springy_sessions_that_count_are_48_h_apart():
    story = live(Story(), 7 * 20, daily, per_day=2, tests_every=28)
    full = [s for s in story.sessions if not s.get("light") and s["ladder_index"] >= STAGE_3]
    days = sorted({date.fromisoformat(s["started_at"][:10]) for s in full})
    assert days, "the story reaches heavy work"
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(days))
    # ... and a day in between is a light day that says which work and why
    light = [p for p in story.plans.values() if p.light_day]
    assert light and all(p.next_full_day is not None for p in light)
    assert any("48 h apart" in r and "light day" in r for r in light[0].reasons)


def test_twice_a_day_counts_two_holds_but_one_slow_strength_session_a_day():
    story = live(Story(), 7 * 4, daily, per_day=2)
    stage_1 = first_day_in_stage(story, 2)
    assert stage_1 is not None and stage_1 <= 8  # 4 rungs, two days each
    rungs = {n: p.step.index for n, p in story.plans.items()}
    stage_2_days = [n for n, rung in rungs.items() if CATALOG.ladder[rung].stage == 2]
    # one counted session a day: three days a rung at least
    per_rung: dict[int, list[int]] = {}
    for n in stage_2_days:
        per_rung.setdefault(rungs[n], []).append(n)
    assert all(len(days) >= 3 for rung, days in per_rung.items() if rung < max(per_rung))


def test_a_flare_in_week_5_steps_back_and_never_up_that_week():
    story = Story()
    for n in range(7 * 12):
        flare = n == 7 * 4 + 2
        story.checkin(n, 3 if n == 7 * 4 + 3 else 0)
        if three_a_week(n):
            story.session(n, pain=6 if flare else 1)
    before = story.plans[7 * 4 + 2].step.index
    after = story.plans[7 * 4 + 4]
    assert after.decision is Decision.REGRESS and after.step.index < before
    week = [p for n, p in story.plans.items() if 7 * 4 + 3 <= n < 7 * 5 + 3]
    assert all(p.decision is not Decision.PROGRESS for p in week)
    assert any("Shoes" in a for a in after.advice)  # irritated: the heel-lift aid is offered


def test_no_weights_at_home_keeps_15_reps_and_slows_the_lowering():
    story = live(Story(profile=Profile(weights=False)), 7 * 20, three_a_week, tests_every=28)
    loaded = [
        (p, plan)
        for plan in story.plans.values()
        for p in plan.exercises
        if p.exercise.loaded and not plan.light_day
    ]
    assert loaded, "the story reaches loaded work"
    assert all(p.dose.reps == 15 for p, _ in loaded)
    slowest = max(p.dose.tempo.down for p, _ in loaded)
    assert slowest > 3
    said = [r for _, plan in loaded for r in plan.reasons if "No weights at home" in r]
    assert said and "backpack" in said[0]
    assert not any("add about" in r for plan in story.plans.values() for r in plan.reasons)


def test_with_weights_a_step_up_that_lowers_reps_says_how_much_to_add():
    story = Story()
    for n in range(7 * 20):
        story.checkin(n)
        if three_a_week(n):
            story.session(n, load_kg=10.0)
    said = [r for plan in story.plans.values() for r in plan.reasons if "one step up, 12 reps" in r]
    assert said and "add about 2.5 kg to Loaded single-leg heel raise" in said[0]
    assert "last time 10 kg, so about 12.5 kg" in said[0]
    up = next(
        p for p in story.plans.values() if any("one step up, 12 reps" in r for r in p.reasons)
    )
    assert up.load_kg["loaded-single-raise"] == 12.5


@pytest.mark.parametrize("weights", [True, False])
def test_an_insertional_runner_stays_at_floor_level_and_every_step_up_changes_something(weights):
    profile = Profile(tendinopathy="insertional", weights=weights)
    story = live(Story(profile=profile), 7 * 24, three_a_week, tests_every=28)
    seen = set()
    for plan in story.plans.values():
        assert all(p.exercise.insertional_safe for p in plan.exercises)
        if plan.decision is Decision.PROGRESS:
            dose = tuple((p.exercise.id, p.dose) for p in plan.exercises)
            assert dose not in seen, plan.reasons
        seen.add(tuple((p.exercise.id, p.dose) for p in plan.exercises))
    assert first_day_in_stage(story, 3) is not None
    assert any("Shoes" in a for plan in story.plans.values() for a in plan.advice)


def test_the_top_leads_to_maintenance_two_or_three_times_a_week():
    story = live(Story(), 7 * 40, three_a_week, tests_every=28)
    maintained = [p for p in story.plans.values() if p.phase == "maintenance"]
    assert maintained
    assert maintained[0].frequency == "2-3 times a week, 48 h apart"
    assert any("Discharge comes when" in r for r in maintained[-1].reasons)
    assert maintained[-1].discharge is None  # no running recorded: not discharged


def test_the_first_plan_says_how_long_rehab_takes():
    plan = Story().plan(0)
    assert any("12 weeks at least" in a for a in plan.advice)
