"""Trends: pain during and the next morning against the line of the profile's green limit, the
dose of each session (time held; strength reps; the weight used), load per week, the ladder step
over time, adherence (sessions per week and the streak) and the capacity tests.

The dose charts count one leg, as a physio writes a dose (5 × 45 s each side reads 3 min 45 s),
and only the measures the weeks hold are drawn: a runner on holds sees no empty reps chart, one
without weights no weight chart (with no dose at all, the held chart stays and says so).

Every chart spans the weeks that hold data (from the first one, up to WEEKS), so three weeks of
sessions fill the axis. The pain chart has one row per rating, 0 to 10 (PAIN_CHART_HEIGHT).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual_plotext.plot import Plot

from rehab_tui.domain.loading import kg
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.record_types import CapacityRecord, SessionKind
from rehab_tui.domain.records import format_duration
from rehab_tui.domain.review import (
    NO_DOSE,
    SessionDose,
    SessionRow,
    describe_test,
    streak,
    week_start,
    weekly,
    weeks_with_data,
)
from rehab_tui.domain.text import plural
from rehab_tui.storage.errors import StoreError
from rehab_tui.tui.widgets.trend_chart import TrendChart

if TYPE_CHECKING:
    from rehab_tui.tui.app import RehabApp

WEEKS = 12
# Plotext gives a chart's title, its frame and its x labels four rows: eleven are left for 0-10.
PAIN_CHART_HEIGHT = 11 + 4


class TrendsScreen(Screen[None]):
    CSS_PATH = "trends.tcss"  # read when first shown, not at the app's start
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", id="trends.back"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="trends.help"),
    ]

    def __init__(
        self, rows: list[SessionRow], tests: list[CapacityRecord], profile: Profile, today: date
    ) -> None:
        super().__init__()
        earliest = week_start(today) - timedelta(weeks=WEEKS - 1)
        self.rows = [r for r in reversed(rows) if earliest <= r.day <= today]  # oldest first
        self.all_rows = rows
        self.tests = tests
        self.limits = profile.pain_limits
        self.today = today
        self.span = weeks_with_data(self.rows, WEEKS, today)
        self.weeks = weekly(rows, self.span, today)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="trends-scroll"):
            yield Static(self.head(), id="trends-head")
            yield TrendChart(self.draw_pain, id="pain-chart")
            doses = [r.dose for r in self.rows]
            if any(d.held_s for d in doses) or not any(d.tempo_reps for d in doses):
                yield TrendChart(self.draw_held, id="held-chart")
            if any(d.tempo_reps for d in doses):
                yield TrendChart(self.draw_reps, id="reps-chart")
            if any(d.top_kg is not None for d in doses):
                yield TrendChart(self.draw_weight, id="weight-chart", classes="small-chart")
            yield TrendChart(self.draw_load, id="load-chart")
            yield TrendChart(self.draw_stage, id="stage-chart")
            yield TrendChart(self.draw_sessions, id="sessions-chart")
            yield Static(self.tests_text(), id="tests")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Trends"
        self.query_one("#pain-chart").styles.height = PAIN_CHART_HEIGHT

    def head(self) -> Text:
        text = Text()
        this_week = self.weeks[-1].sessions
        text.append(f"Last {plural(self.span, 'week')}", "bold")
        text.append(
            f" · {plural(len(self.rows), 'session')} · this week {this_week} · streak "
            f"{plural(streak(self.all_rows, self.today), 'day')} (one missed day is forgiven)"
        )
        if not self.rows:
            text.append("\nNo sessions in these weeks yet: the charts fill in as you train.", "dim")
        elif any(r.kind != SessionKind.PLAN and r.dose != NO_DOSE for r in self.rows):
            text.append("\nDose charts: ● the plan's sessions, ◆ a routine or the quick timer.")
        return text

    def _day_axis(self, plt: Plot) -> list[int]:
        """Days before today of each row; the axis runs from the first charted week's Monday."""
        xs = [(r.day - self.today).days for r in self.rows]
        first = -(self.today - self.weeks[0].start).days
        plt.xlim(first, 0)
        every = max(1, (self.span + 3) // 4)  # at most about five labels
        mondays = [w.start for w in self.weeks[::every]]
        ticks: list[float] = [-(self.today - m).days for m in mondays]
        labels = [f"{m:%d %b}" for m in mondays]
        if ticks[-1] != 0:
            if -ticks[-1] <= -first // 10:  # a Monday that close to today would hide its label
                del ticks[-1], labels[-1]
            ticks.append(0)
            labels.append("today")
        plt.xticks(ticks, labels)
        return xs

    def draw_pain(self, plt: Plot) -> None:
        limit = self.limits.green_max
        plt.title(f"Pain during (●) and next morning (○), 0-10; line: your limit {limit}/10")
        xs = self._day_axis(plt)
        during = [(x, r.pain) for x, r in zip(xs, self.rows, strict=True) if r.pain is not None]
        morning = [
            (x, r.morning) for x, r in zip(xs, self.rows, strict=True) if r.morning is not None
        ]
        if during:
            plt.scatter(*zip(*during, strict=True), marker="●", color="red")
        if morning:
            plt.scatter(*zip(*morning, strict=True), marker="○", color="blue")
        plt.hline(limit, "green")
        plt.ylim(0, 10)
        plt.yticks(list(range(11)))  # every rating on its own row

    def _dose_points(
        self, plt: Plot, measure: Callable[[SessionDose], float | None], keep_zero: bool = False
    ) -> list[tuple[float, float]]:
        """Each session's `measure` on the day axis: the plan's sessions joined by a line (●),
        the others apart (◆: a routine, the quick timer), so that a routine's dose on a plan
        day is not read as a jump in the plan's. None (and 0 unless `keep_zero`) is a session
        without that kind of work, not drawn. All the points, oldest first."""
        xs = self._day_axis(plt)
        points: list[tuple[float, float, bool]] = [
            (x, value, row.kind == SessionKind.PLAN)
            for x, row in zip(xs, self.rows, strict=True)
            if (value := measure(row.dose)) is not None and (value or keep_zero)
        ]
        plan = [(x, y) for x, y, on_plan in points if on_plan]
        others = [(x, y) for x, y, on_plan in points if not on_plan]
        if plan:
            plt.plot(*zip(*plan, strict=True), color="cyan", marker="·")
            plt.scatter(*zip(*plan, strict=True), marker="●", color="cyan")
        if others:
            plt.scatter(*zip(*others, strict=True), marker="◆", color="yellow")
        return [(x, y) for x, y, _ in points]

    def draw_held(self, plt: Plot) -> None:
        points = self._dose_points(plt, _held)
        latest = f"latest {format_duration(points[-1][1])}" if points else "none in these weeks"
        plt.title(f"Time held per session: hold × sets, one leg ({latest})")
        top = max((y for _, y in points), default=60.0)
        step = next((s for s in (15, 30, 60, 120, 300, 600) if top / s <= 4), 1200)
        ticks: list[float] = [step * n for n in range(math.ceil(top / step) + 1)]
        plt.ylim(0, ticks[-1])
        plt.yticks(ticks, [_duration_tick(t) for t in ticks])

    def draw_reps(self, plt: Plot) -> None:
        points = self._dose_points(plt, _tempo_reps)
        plt.title(f"Strength reps per session, all sets, one leg (latest {points[-1][1]:g})")
        top = max(y for _, y in points)
        step = next((s for s in (5, 10, 15, 20, 30, 45, 60, 90) if top / s <= 4), 150)
        ticks: list[float] = [step * n for n in range(math.ceil(top / step) + 1)]
        plt.ylim(0, ticks[-1])
        plt.yticks(ticks, [f"{t:g} reps" if t else "0" for t in ticks])

    def draw_weight(self, plt: Plot) -> None:
        points = self._dose_points(plt, _weight, keep_zero=True)  # 0 kg: nothing added that day
        plt.title(f"Heaviest weight used per session (latest {kg(points[-1][1])})")
        top = max(y for _, y in points) or 1.0
        step = next((s for s in (1, 2.5, 5, 10, 20, 50) if top / s <= 3), 100)
        ticks: list[float] = [step * n for n in range(math.ceil(top / step) + 1)]
        plt.ylim(0, ticks[-1])
        plt.yticks(ticks, [kg(t) for t in ticks])

    def _week_bars(self, plt: Plot, values: Sequence[float], color: str) -> None:
        plt.bar(list(range(len(self.weeks))), values, color=color, width=0.6)
        every = max(1, (len(self.weeks) + 3) // 4)
        ticks: list[float] = list(range(0, len(self.weeks), every))
        plt.xticks(ticks, [f"wk of {self.weeks[int(i)].start:%d %b}" for i in ticks])

    def draw_load(self, plt: Plot) -> None:
        seconds = [w.under_load_s for w in self.weeks]
        latest = next((s for s in reversed(seconds) if s), 0.0)
        plt.title(f"Time under load per week (latest {format_duration(latest)})")
        self._week_bars(plt, seconds, "cyan")
        every_min = max(1, math.ceil(max(seconds) / 60 / 3))  # whole minutes, three steps up
        ticks: list[float] = [60 * every_min * n for n in range(4)]
        plt.yticks(ticks, [f"{round(t / 60)} min" if t else "0" for t in ticks])

    def draw_stage(self, plt: Plot) -> None:
        plt.title("Ladder step over time: each dose change")
        xs = self._day_axis(plt)
        points = [(x, r.step, r.stage) for x, r in zip(xs, self.rows, strict=True) if r.step]
        if not points:
            return
        stair_x: list[float] = []
        stair_y: list[float] = []
        for x, step, _ in points:
            if stair_y:  # along at the old step, then up or down: a staircase, not a slope
                stair_x.append(x)
                stair_y.append(stair_y[-1])
            stair_x.append(x)
            stair_y.append(step or 0)
        plt.plot(stair_x, stair_y, color="magenta")
        plt.scatter([p[0] for p in points], [p[1] or 0 for p in points], marker="■")
        stage_of = {step: stage for _, step, stage in points if step is not None}
        steps = sorted(stage_of)
        plt.ylim(steps[0] - 0.5, steps[-1] + 0.5)
        shown: list[float] = list(steps[:: max(1, len(steps) // 8)])  # at most about 8 labels
        plt.yticks(shown, [f"step {int(s)} · stage {stage_of[int(s)]}" for s in shown])

    def draw_sessions(self, plt: Plot) -> None:
        plt.title("Sessions per week")
        counts = [w.sessions for w in self.weeks]
        self._week_bars(plt, counts, "green")
        top = max([*counts, 3])
        plt.yticks(list(range(0, top + 1, max(1, top // 4))))

    def tests_text(self) -> Text:
        text = Text()
        text.append("Capacity tests\n", "bold")
        if not self.tests:
            text.append(
                "None yet. From home, press c: heel raises to fatigue, the hop test, or a VISA-A score.",
                "dim",
            )
        for test in reversed(self.tests[-12:]):
            text.append(f"{test['date']}  {describe_test(test)}\n")
        return text


def _held(dose: SessionDose) -> float:
    return dose.held_s


def _tempo_reps(dose: SessionDose) -> float:
    return dose.tempo_reps


def _weight(dose: SessionDose) -> float | None:
    return dose.top_kg


def _duration_tick(seconds: float) -> str:
    """ "0", "45 s", "2 min", "2 min 30 s": a y label of the seconds-held chart."""
    if not seconds:
        return "0"
    if seconds % 60 == 0:
        return f"{round(seconds / 60)} min"
    return format_duration(seconds) if seconds > 60 else f"{seconds:g} s"


def open_trends(app: RehabApp) -> None:
    """Show the trends of the last WEEKS weeks (from home or history); a damaged month is said."""
    try:
        trends = app.rehab.trends(WEEKS)
    except StoreError as error:
        app.notify(str(error), severity="error", timeout=20, markup=False)
        return
    app.push_screen(TrendsScreen(trends.rows, trends.tests, trends.profile, app.rehab.today()))
