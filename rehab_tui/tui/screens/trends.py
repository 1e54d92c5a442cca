"""Trends: pain during and the next morning against the line of the profile's green limit, load
per week, stage over time, adherence (sessions per week and the streak) and the capacity tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual_plotext.plot import Plot

from rehab_tui.domain.profile import Profile
from rehab_tui.domain.record_types import CapacityRecord
from rehab_tui.domain.review import SessionRow, describe_test, streak, weekly
from rehab_tui.domain.text import plural
from rehab_tui.storage.errors import StoreError
from rehab_tui.tui.widgets.trend_chart import TrendChart

if TYPE_CHECKING:
    from rehab_tui.tui.app import RehabApp

WEEKS = 12


class TrendsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", id="trends.back"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="trends.help"),
    ]

    def __init__(
        self, rows: list[SessionRow], tests: list[CapacityRecord], profile: Profile, today: date
    ) -> None:
        super().__init__()
        self.rows = [r for r in reversed(rows) if (today - r.day).days < WEEKS * 7]  # oldest first
        self.all_rows = rows
        self.tests = tests
        self.limits = profile.pain_limits
        self.today = today
        self.weeks = weekly(rows, WEEKS, today)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="trends-scroll"):
            yield Static(self.head(), id="trends-head")
            yield TrendChart(self.draw_pain, id="pain-chart")
            yield TrendChart(self.draw_load, id="load-chart")
            yield TrendChart(self.draw_stage, id="stage-chart")
            yield TrendChart(self.draw_sessions, id="sessions-chart")
            yield Static(self.tests_text(), id="tests")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Trends"

    def head(self) -> Text:
        text = Text()
        this_week = self.weeks[-1].sessions
        text.append(f"Last {WEEKS} weeks", "bold")
        text.append(
            f" · {plural(len(self.rows), 'session')} · this week {this_week} · streak "
            f"{plural(streak(self.all_rows, self.today), 'day')} (one missed day is forgiven)"
        )
        if not self.rows:
            text.append("\nNo sessions in these weeks yet: the charts fill in as you train.", "dim")
        return text

    def _day_axis(self, plt: Plot) -> list[int]:
        xs = [(r.day - self.today).days for r in self.rows]
        plt.xlim(-WEEKS * 7, 0)
        plt.xticks([-84, -56, -28, 0], ["12 wk ago", "8 wk", "4 wk", "today"])
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
        marks: list[float] = list(self.limits.marks())
        plt.yticks(marks)

    def _week_bars(self, plt: Plot, values: Sequence[float], color: str) -> None:
        plt.bar(list(range(len(self.weeks))), values, color=color, width=0.6)
        ticks: list[float] = [0, 4, 8, len(self.weeks) - 1]
        plt.xticks(ticks, [f"wk of {self.weeks[int(i)].start:%d %b}" for i in ticks])

    def draw_load(self, plt: Plot) -> None:
        plt.title("Time under load per week (minutes)")
        self._week_bars(plt, [round(w.under_load_s / 60, 1) for w in self.weeks], "cyan")

    def draw_stage(self, plt: Plot) -> None:
        plt.title("Stage (1 calm & load · 2 slow strength · 3 heavy & fast · 4 spring)")
        xs = self._day_axis(plt)
        staged = [(x, r.stage) for x, r in zip(xs, self.rows, strict=True) if r.stage is not None]
        if staged:
            plt.plot(*zip(*staged, strict=True), marker="■", color="magenta")
        plt.ylim(0.5, 4.5)
        plt.yticks([1, 2, 3, 4])

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


def open_trends(app: RehabApp) -> None:
    """Show the trends of the last WEEKS weeks (from home or history); a damaged month is said."""
    try:
        trends = app.rehab.trends(WEEKS)
    except StoreError as error:
        app.notify(str(error), severity="error", timeout=20, markup=False)
        return
    app.push_screen(TrendsScreen(trends.rows, trends.tests, trends.profile, app.rehab.today()))
