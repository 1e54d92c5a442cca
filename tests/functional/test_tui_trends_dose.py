"""The trends screen's dose charts: the time held (hold × sets, one leg), the strength reps and
the heaviest weight of each session, each drawn only when the weeks hold that kind of work."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from textual.widgets import Static

from rehab_tui.domain.capacity import TESTS
from rehab_tui.domain.record_types import SessionKind
from rehab_tui.domain.records import logged_session, new_session
from rehab_tui.domain.review import session_dose
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.trends import TrendsScreen
from rehab_tui.tui.widgets.trend_chart import TrendChart
from tests.history_data import DOSE_CLIMB, PAINS, add_off_plan_sessions, fill_dose_weeks, fill_weeks

ANSI = re.compile(r"\x1b\[[0-9;]*m")
TODAY = date(2026, 3, 3)  # the fake clock's day


async def open_trends(pilot) -> TrendsScreen:
    await pilot.press("g")
    await pilot.pause()
    trends = pilot.app.screen
    assert isinstance(trends, TrendsScreen)
    return trends


def chart_text(trends: TrendsScreen, chart_id: str) -> str:
    chart = trends.query_one(chart_id, TrendChart)
    return ANSI.sub("", chart.plt.build())


def y_labels(text: str) -> list[str]:
    return [m.group(1).strip() for line in text.splitlines() if (m := re.match(r"(.*?)[┤├]", line))]


def test_a_session_dose_counts_one_leg_and_a_test_none(catalog):
    started = datetime(2026, 3, 2, 8, tzinfo=UTC)
    holds = catalog.ladder[3]  # 5 × 45 s single-leg holds, each side, two exercises
    assert session_dose(logged_session(holds.exercises, started, holds, 1, "")).held_s == 450
    loaded = catalog.ladder[12]  # 3 × 10 loaded raises, two exercises
    session = logged_session(loaded.exercises, started, loaded, 1, "")
    session["exercises"][0]["load_kg"] = 12.5
    session["exercises"][1]["load_kg"] = 20.0
    dose = session_dose(session)
    assert (dose.held_s, dose.tempo_reps, dose.top_kg) == (0, 60, 20.0)
    test = new_session((TESTS["heel_raise"],), started, None, SessionKind.TEST, test="heel_raise")
    test["exercises"][0]["sets"] = session["exercises"][0]["sets"][:2]  # reps, but a test's
    assert session_dose(test) == session_dose(new_session((), started, None))


async def test_the_dose_charts_follow_holds_reps_and_weight(catalog, store, clock):
    fill_dose_weeks(store, catalog, TODAY)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        trends = await open_trends(pilot)
        held = chart_text(trends, "#held-chart")
        assert "Time held per session: hold × sets, one leg (latest 7 min 30 s)" in held
        assert y_labels(held) == ["8 min", "6 min", "4 min", "2 min", "0"]
        assert held.count("●") == sum(1 for rung, _ in DOSE_CLIMB if rung <= 3)
        reps = chart_text(trends, "#reps-chart")
        assert "Strength reps per session, all sets, one leg (latest 60)" in reps
        assert y_labels(reps) == ["90 reps", "60 reps", "30 reps", "0"]
        assert reps.count("●") == sum(1 for rung, _ in DOSE_CLIMB if rung > 3)
        weight = chart_text(trends, "#weight-chart")
        assert "Heaviest weight used per session (latest 12.5 kg)" in weight
        assert y_labels(weight) == ["15 kg", "10 kg", "5 kg", "0 kg"]
        assert weight.count("●") == sum(1 for _, kg in DOSE_CLIMB if kg is not None)
        axis = held.splitlines()[-1].split()  # the x axis spans the weeks with data, as the others
        assert axis[:2] == ["09", "Feb"] and axis[-1] == "today"  # not yesterday's Monday
        assert axis == chart_text(trends, "#pain-chart").splitlines()[-1].split()


async def test_only_the_measures_trained_are_charted(catalog, store, clock):
    fill_weeks(store, catalog, date(2026, 3, 1))  # stage 1: holds only, no weights
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        trends = await open_trends(pilot)
        assert "latest 7 min 30 s" in chart_text(trends, "#held-chart")
        assert not trends.query("#reps-chart") and not trends.query("#weight-chart")


async def test_with_no_sessions_the_held_chart_says_so(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        trends = await open_trends(pilot)
        assert "none in these weeks" in chart_text(trends, "#held-chart")


async def test_a_routine_or_quick_timer_is_drawn_apart_from_the_plans_line(catalog, store, clock):
    fill_weeks(store, catalog, date(2026, 3, 1))
    add_off_plan_sessions(store, catalog, date(2026, 3, 1))  # a hop test, and nothing done
    holds = catalog.ladder[0]  # 5 min held, below the plan's 7 min 30 s that day
    for hour, extras in ((17, {"quick": True}), (19, {"routine": "Physio's Sunday"})):
        session = logged_session(
            holds.exercises, datetime(2026, 3, 1, hour, tzinfo=UTC), None, 1, ""
        )
        kind = SessionKind.FREE if "quick" in extras else SessionKind.ROUTINE
        session.update(kind=kind, **extras)
        store.add_session(session)
    store.add_checkin({"date": TODAY.isoformat(), "pain": 0})  # nothing asked at the start
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        trends = await open_trends(pilot)
        held = chart_text(trends, "#held-chart")
        assert held.count("◆") == 1  # the timer and the routine, on one day (a test: no dose)
        assert held.count("●") == len(PAINS)  # the plan's sessions, on their own line
        head = str(trends.query_one("#trends-head", Static).content)
        assert "● the plan's sessions, ◆ a routine or the quick timer" in head
