"""The road back to running (DOMAIN §7) through the pure plan engine: the walk-run ladder's
entry, levels and spacing, a hard stop, a runner who kept running, the spike guard at its edges,
weekly growth, and runs as springy days."""

from __future__ import annotations

from datetime import date, timedelta

from rehab_tui.domain.plan import Plan, make_plan
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.run_levels import LEVELS
from rehab_tui.domain.spike_guard import over_guard
from rehab_tui.storage.catalog import load_catalog

CATALOG = load_catalog()
D0 = date(2026, 3, 2)  # a Monday


def day(n: int) -> str:
    return (D0 + timedelta(days=n)).isoformat()


def run(
    n: int,
    minutes: float = 40,
    pain: int = 1,
    kind: str = "continuous",
    level: int | None = None,
    km: float | None = None,
) -> dict:
    return {
        "id": f"{day(n).replace('-', '')}-180000-{abs(n) % 1000:03d}a",
        "started_at": f"{day(n)}T18:00:00+00:00",
        "minutes": minutes,
        "km": km,
        "pain": pain,
        "kind": kind,
        "level": level,
        "note": "",
    }


def walk(n: int, minutes: float = 30, pain: int = 1) -> dict:
    return run(n, minutes, pain, kind="walk")


def walk_run(n: int, level: int, pain: int = 1) -> dict:
    return run(n, LEVELS[level - 1].minutes, pain, kind="walk_run", level=level)


HOP = {"id": "j", "date": day(0), "kind": "hop", "left": 10, "right": 10, "pain": 1}


def plan(n: int, runs: list, checkins=None, tests=(HOP,), sessions=()) -> Plan:
    checkins = (
        checkins
        if checkins is not None
        else [{"date": day(k), "pain": 0} for k in range(-40, n + 1)]
    )
    return make_plan(
        CATALOG,
        list(sessions),
        checkins,
        Profile(),
        D0 + timedelta(days=n),
        tests=list(tests),
        runs=runs,
    )


def test_a_new_runner_waits_for_the_walk_and_the_hop_test():
    running = plan(0, [], tests=()).running
    assert running.verdict == "rest" and running.because == "entry" and running.longest_min == 0
    said = " ".join(running.reasons)
    assert "brisk 30-minute walk" in said and "the hop test passed" in said
    assert running.level == LEVELS[0]
    only_walk = plan(1, [walk(0)], tests=()).running
    assert only_walk.verdict == "rest" and "brisk 30-minute walk" not in " ".join(only_walk.reasons)


def test_a_walk_of_29_minutes_or_at_amber_pain_does_not_open_the_ladder():
    assert plan(1, [walk(0, minutes=29)]).running.verdict == "rest"
    assert plan(1, [walk(0, pain=4)]).running.verdict == "rest"


def test_the_entry_met_opens_level_1_intervals():
    running = plan(1, [walk(0)]).running
    assert running.verdict == "run" and running.kind == "walk_run"
    assert running.level == LEVELS[0] and running.longest_min == 20
    assert LEVELS[0].words == "10 × (1 min run / 1 min walk)"
    assert "10 × (1 min run / 1 min walk), up to 20 min today" in plan(1, [walk(0)]).run_advice.text


def test_two_green_runs_step_up_a_level_amber_holds_red_steps_down():
    greens = [walk(0), walk_run(1, 1), walk_run(3, 1)]
    assert plan(5, greens).running.level == LEVELS[1]
    amber = [walk(0), walk_run(1, 1), walk_run(3, 1, pain=4)]
    assert plan(5, amber).running.level == LEVELS[0]
    red = [walk(0), walk_run(1, 3), walk_run(3, 3, pain=6)]
    assert plan(5, red).running.level == LEVELS[1]
    assert plan(5, red).running.verdict == "rest"  # a red run: no running today


def test_every_other_day_on_the_ladder():
    runs = [walk(0), walk_run(1, 1)]
    tomorrow = plan(2, runs).running
    assert tomorrow.verdict == "rest" and tomorrow.because == "every_other_day"
    assert any("next run Thu 5 Mar" in r for r in tomorrow.reasons)
    assert plan(3, runs).running.verdict == "run"


def test_after_a_hard_stop_no_running_for_14_days_then_the_ladders_start():
    kept = [run(-10), run(-5)]
    stopped = [*kept, run(0, pain=7)]
    during = plan(13, stopped).running
    assert during.verdict == "rest" and during.because == "hard_stop"
    after = plan(14, stopped).running
    assert after.verdict == "rest"  # the red run is still the latest; and the ladder's entry:
    assert any("walk-run ladder opens with 10 ×" in r for r in after.reasons)
    walked = plan(15, [*stopped, walk(14)], tests=[{**HOP, "date": day(14)}]).running
    assert walked.verdict == "run" and walked.level == LEVELS[0]


def test_a_runner_who_kept_running_keeps_it_under_the_spike_guard():
    running = plan(1, [run(-3, minutes=40)]).running
    assert running.verdict == "run" and running.kind == "continuous" and running.level is None
    assert running.longest_min == 44
    assert any("Longest run allowed today: 44 min" in r for r in running.reasons)


def test_the_guard_counts_30_days_back_and_no_further():
    at_edge = plan(30, [run(0, minutes=60), run(20, minutes=40)]).running
    assert at_edge.longest_min == 66
    past_it = plan(31, [run(0, minutes=60), run(20, minutes=40)]).running
    assert past_it.longest_min == 44


def test_a_run_exactly_10_percent_longer_is_within_the_guard_and_more_is_named():
    earlier = [run(0, minutes=40)]
    assert over_guard(run(2, minutes=44), [*earlier, run(2, minutes=44)]) is None
    over = [*earlier, run(2, minutes=44.5)]
    assert over_guard(over[-1], over) is not None
    said = " ".join(plan(3, over).running.reasons)
    assert "more than 10 % longer than the longest of the 30 days before it (40 min)" in said


def test_distances_give_a_longest_km_when_every_recent_run_has_one():
    with_km = plan(3, [run(0, minutes=40, km=8.0), run(2, minutes=30, km=6.0)]).running
    assert with_km.longest_km == 8.8
    without = plan(3, [run(0, minutes=40, km=8.0), run(2, minutes=30)]).running
    assert without.longest_km is None


def test_weekly_minutes_growing_over_20_percent_make_the_run_short_and_easy():
    last_week = [run(-10, minutes=40), run(-8, minutes=40)]
    this_week = [run(-4, minutes=40), run(-2, minutes=40), run(-1, minutes=20)]
    running = plan(0, [*last_week, *this_week]).running
    assert running.verdict == "modify" and running.because == "weekly_growth"


def test_a_break_steps_down_or_starts_again():
    runs = [walk(0), walk_run(2, 4), walk_run(4, 4)]
    assert plan(19, runs).running.level == LEVELS[3]  # 15 days: one lower than the earned 5
    restart = plan(34, runs).running
    assert restart.verdict == "rest" and restart.because == "entry"


def test_a_run_is_a_springy_day_for_heavy_work():
    heavy = CATALOG.first_step_of_stage(3).index + 1
    session = {
        "id": f"{day(-3).replace('-', '')}-080000-000001",
        "kind": "plan",
        "started_at": f"{day(-3)}T08:00:00+00:00",
        "ended_at": f"{day(-3)}T08:20:00+00:00",
        "ladder_index": heavy,
        "pain": 1,
    }
    after_a_run = plan(0, [run(-1)], sessions=[session])
    assert after_a_run.light_day
    assert any("your last run was on Sun 1 Mar" in r for r in after_a_run.reasons)
    assert not plan(0, [run(-2)], sessions=[session]).light_day


def test_a_red_run_makes_running_rest_and_pain_7_on_a_run_is_a_hard_stop():
    red = plan(1, [run(-3), run(0, pain=6)])
    assert red.run_advice.verdict == "rest" and red.run_advice.because == "session"
    stop = plan(1, [run(-3), run(0, pain=7)])
    assert stop.hard_stop_until == D0 + timedelta(days=13)
    assert stop.run_advice.because == "hard_stop"


def test_an_amber_run_puts_a_runner_who_kept_running_back_on_the_ladders_top():
    running = plan(1, [run(-5, minutes=40), run(-3, minutes=40, pain=4)]).running
    assert running.kind == "continuous" and running.level == LEVELS[-1]
    assert running.longest_min == 30 and running.verdict == "modify"


def test_a_run_over_the_guard_never_moves_the_runner_up_the_ladder():
    runs = [walk(0), walk_run(2, 2), walk_run(4, 2), run(6, minutes=30)]  # level 2, then a spike
    running = plan(8, runs).running
    assert running.level == LEVELS[1]  # held at level 2, not placed at 30 minutes continuous
    assert any("more than 10 % longer" in r for r in running.reasons)
