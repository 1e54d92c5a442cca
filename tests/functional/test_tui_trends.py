"""The trends charts tell the story: one row per pain rating, time under load in minutes, every
ladder step as a staircase, and an x axis that spans the weeks holding data."""

from __future__ import annotations

import re
from datetime import date, timedelta

from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.trends import TrendsScreen
from rehab_tui.tui.widgets.trend_chart import TrendChart
from tests.history_data import PAINS, fill_weeks

ANSI = re.compile(r"\x1b\[[0-9;]*m")


async def open_trends(pilot) -> TrendsScreen:
    await pilot.press("g")
    await pilot.pause()
    trends = pilot.app.screen
    assert isinstance(trends, TrendsScreen)
    return trends


def chart_lines(trends: TrendsScreen, chart_id: str) -> list[str]:
    chart = trends.query_one(chart_id, TrendChart)
    return ANSI.sub("", chart.plt.build()).splitlines()


def row_of(lines: list[str], label: str) -> str:
    """The chart row whose y label is `label`."""
    return next(line for line in lines if re.match(rf"\s*{re.escape(label)}[┤├]", line))


async def test_pain_chart_has_a_row_for_every_rating_so_6_is_drawn_at_6(catalog, store, clock):
    fill_weeks(store, catalog, date(2026, 3, 1))
    store.add_checkin({"date": "2026-03-02", "pain": 6})  # the newest session's next morning
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        trends = await open_trends(pilot)
        lines = chart_lines(trends, "#pain-chart")
        labels = [m.group(1) for line in lines if (m := re.match(r"\s*(\d+)[┤├]", line))]
        assert labels == [str(n) for n in range(10, -1, -1)]  # eleven rows, 10 down to 0
        assert "○" in row_of(lines, "6") and "○" not in row_of(lines, "5")
        assert "─" in row_of(lines, "3")  # the profile's limit line, strict: 3/10


async def test_time_under_load_is_in_minutes_not_fractions(catalog, store, clock):
    fill_weeks(store, catalog, date(2026, 3, 1))
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        trends = await open_trends(pilot)
        text = "\n".join(chart_lines(trends, "#load-chart"))
        assert re.search(r"latest \d+ min \d\d s", text)
        assert re.search(r"\d+ min┤", text)
        assert not re.search(r"\d\.\d\d", text)


async def test_stage_chart_is_a_staircase_of_every_ladder_step(catalog, store, clock):
    fill_weeks(store, catalog, date(2026, 3, 1))
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        trends = await open_trends(pilot)
        steps = [row.step for row in trends.rows]
        assert len(set(steps)) > 2  # the data climbs several steps within stage 1
        assert {row.stage for row in trends.rows} == {1}
        text = "\n".join(chart_lines(trends, "#stage-chart"))
        for step in set(steps):
            assert f"step {step} · stage 1" in text  # each dose change, not one flat stage line


async def test_x_axis_starts_at_the_first_week_with_data(catalog, store, clock):
    fill_weeks(store, catalog, date(2026, 3, 1))  # about five weeks of sessions
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        trends = await open_trends(pilot)
        first = min(row.day for row in trends.rows)
        assert trends.weeks[0].start <= first < trends.weeks[0].start + timedelta(days=7)
        assert len(trends.weeks) < 12
        assert sum(w.sessions for w in trends.weeks) == len(PAINS)
        pain_axis = chart_lines(trends, "#pain-chart")[-1]
        assert f"{trends.weeks[0].start:%d %b}" in pain_axis and "today" in pain_axis


async def test_each_chart_in_view_is_drawn_once_when_trends_opens(
    catalog, store, clock, monkeypatch
):
    """The charts outgrow 80×24: the scrollbar's columns are there from the first layout, so no
    chart is drawn at one width and again two columns narrower (12 ms of the first g)."""
    fill_weeks(store, catalog, date(2026, 3, 1))
    drawn: list[tuple[str | None, int]] = []
    real_render = TrendChart.render

    def render(self):
        drawn.append((self.id, self.size.width))
        return real_render(self)

    monkeypatch.setattr(TrendChart, "render", render)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        trends = await open_trends(pilot)
        await pilot.pause()
        assert trends.query_one("#trends-scroll").max_scroll_y > 0  # it does outgrow the screen
    assert drawn and len(drawn) == len(set(drawn)) == len({chart for chart, _ in drawn})
