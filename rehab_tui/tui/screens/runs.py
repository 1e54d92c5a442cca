"""Runs (DOMAIN §7): today's running and why, the longest run of the last 30 days, every run
newest first (judged green, amber, red or pending like a session, flagged when it broke the spike
guard), and the minutes run each week for the last 12 weeks.

Its keys log a run (dialogs/log_run.py), play today's level of the walk-run ladder in the
player (rehab_tui.domain.kinds.intervals), and correct a run: pick one, then edit it or delete it
(c, dialogs/edit_run.py; z puts a deleted run back for a short while, tui/undo.py).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static
from textual_plotext.plot import Plot

from rehab_tui.domain.outcomes import Outcome, day_words
from rehab_tui.domain.run_log import describe_kind, weekly_runs
from rehab_tui.domain.running import RunPlan
from rehab_tui.domain.spacing import run_day
from rehab_tui.domain.spike_guard import GUARD_DAYS
from rehab_tui.domain.text import printable
from rehab_tui.services.results import RunLogged
from rehab_tui.services.walk_run import RunRow
from rehab_tui.tui.screens.base import RehabScreen
from rehab_tui.tui.screens.home import VERDICT_STYLE
from rehab_tui.tui.widgets.trend_chart import TrendChart

WEEKS = 12
OUTCOME_VARIABLE = {
    Outcome.GREEN: "text-success",
    Outcome.AMBER: "text-warning",
    Outcome.RED: "text-error",
}


def running_text(running: RunPlan | None) -> Text:
    """Today's running: the verdict, the level, the longest run allowed, and why."""
    text = Text()
    text.append("Running today: ", "bold")
    if running is None:
        return text.append("no advice yet.")
    text.append(f" {running.verdict.upper()} ", f"bold {VERDICT_STYLE[running.verdict]} reverse")
    what = running.level.words if running.level else "continuous running"
    text.append(f"  {what}")
    if running.verdict != "rest":
        text.append(f" · up to {running.longest_min:g} min", "bold")
        if running.longest_km is not None:
            text.append(f" or {running.longest_km:g} km", "bold")
    text.append("\n")
    for reason in running.reasons:
        text.append(f"  Why: {printable(reason)}\n", "italic")
    return text


def longest_text(rows: list[RunRow], today: date) -> Text:
    """The longest run (not a walk) of the last 30 days: the spike guard's yardstick."""
    start = today - timedelta(days=GUARD_DAYS)
    recent = [r.run for r in rows if r.run["kind"] != "walk" and start <= run_day(r.run) <= today]
    text = Text("Longest run of the last 30 days: ", "bold")
    if not recent:
        return text.append("none yet.")
    longest = max(recent, key=lambda run: run["minutes"])
    km = f", {longest['km']:g} km" if longest["km"] is not None else ""
    return text.append(f"{longest['minutes']:g} min{km} on {day_words(run_day(longest))}.")


def runs_table(rows: list[RunRow], colours: dict[str, str]) -> Table | Text:
    if not rows:
        return Text(
            "No runs yet. Press l to log one, or import a watch's files: rehab-tui run import FILE.",
            "dim",
        )
    table = Table(box=None, padding=(0, 1), expand=False, title_justify="left")
    for header, justify in (
        ("Date", "left"),
        ("Min", "right"),
        ("km", "right"),
        ("Pain", "right"),
        ("Kind", "left"),
        ("Outcome", "left"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        run = row.run
        colour = colours.get(OUTCOME_VARIABLE.get(row.outcome, ""), "")
        outcome = Text(row.outcome.value, style=f"bold {colour}" if colour else "dim")
        if row.over_guard:
            outcome.append(" ▲ over the guard", "bold")
        table.add_row(
            f"{run_day(run):%a %d %b}",
            f"{run['minutes']:g}",
            "–" if run["km"] is None else f"{run['km']:.1f}",
            str(run["pain"]),
            describe_kind(run),
            outcome,
        )
    return table


class RunsScreen(RehabScreen[None]):
    CSS_PATH = "runs.tcss"  # read when first shown, not at the app's start
    BINDINGS = [
        Binding("l", "log_run", "Log a run", id="runs.log_run"),
        Binding("p", "play", "Play today's level", id="runs.play"),
        Binding("c", "correct_run", "Correct", id="runs.correct_run"),
        Binding("z", "undo", "Undo delete", show=False, id="runs.undo"),
        Binding("escape,q", "app.pop_screen", "Back", id="runs.back"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="runs.help"),
    ]

    def compose(self) -> ComposeResult:
        self._read()
        yield Header()
        with VerticalScroll(id="runs-scroll"):
            yield Static(self._head(), id="runs-today")
            yield Static(self._table(), id="runs-list")
            yield TrendChart(self.draw_weeks, id="runs-chart")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Runs"

    def _read(self) -> None:
        rehab = self.rehab_app.rehab
        self.today = rehab.today()
        self.running = rehab.plan().running
        self.rows = rehab.run_rows()

    def _head(self) -> Text:
        text = running_text(self.running)
        text.append("\n")
        text.append_text(longest_text(self.rows, self.today))
        text.append("\n\n")
        text.append("Runs, newest first ", "bold")
        text.append("(▲: more than 10 % longer than the longest of the 30 days before it)", "dim")
        return text

    def _table(self) -> Table | Text:
        return runs_table(self.rows, self.app.theme_variables)

    def refresh_runs(self) -> None:
        """Read the runs and today's running afresh (after a run is logged or played)."""
        if not self.is_mounted:
            return  # it reads them as it is composed
        self._read()
        self.query_one("#runs-today", Static).update(self._head())
        self.query_one("#runs-list", Static).update(self._table())
        self.query_one("#runs-chart", TrendChart).redraw()

    def draw_weeks(self, plt: Plot) -> None:
        weeks = weekly_runs([r.run for r in self.rows], WEEKS, self.today)
        plt.title(f"Minutes run per week, last {WEEKS} weeks")
        plt.bar(list(range(len(weeks))), [w.minutes for w in weeks], color="cyan", width=0.6)
        ticks: list[float] = [0, 4, 8, len(weeks) - 1]
        plt.xticks(ticks, [f"wk of {weeks[int(i)].start:%d %b}" for i in ticks])

    def action_log_run(self) -> None:
        from rehab_tui.tui.dialogs.log_run import LogRunScreen

        rehab = self.rehab_app.rehab
        running = self.running
        kind = "continuous"
        if running is not None and running.level is not None and not running.level.continuous:
            kind = f"walk_run:{running.level.number}"
        self.app.push_screen(
            LogRunScreen(rehab, self.today, rehab.pain_limits(), kind), self._logged
        )

    def _logged(self, logged: RunLogged | None) -> None:
        if logged is None:
            return
        self.rehab_app.run_saved(logged)

    def action_play(self) -> None:
        self.rehab_app.play_walk_run()

    # -- corrections (dialogs/edit_run.py): pick a run, then edit it or delete it ------------

    def action_correct_run(self) -> None:
        from rehab_tui.tui.dialogs.edit_run import PickRunScreen

        if not self.rows:
            self.app.notify("No runs to correct yet.", timeout=4)
            return
        self.app.push_screen(PickRunScreen([row.run for row in self.rows]), self._picked)

    def _picked(self, picked: tuple[str, str] | None) -> None:
        if picked is not None:
            doing, run_id = picked
            (self._edit if doing == "edit" else self._ask_to_delete)(run_id)

    def _edit(self, run_id: str | None) -> None:
        from rehab_tui.tui.dialogs.edit_run import EditRunScreen

        rehab = self.rehab_app.rehab
        run = next((row.run for row in self.rows if row.run["id"] == run_id), None)
        if run is not None:
            screen = EditRunScreen(rehab, run, rehab.pain_limits())
            self.app.push_screen(screen, self._edited)

    def _edited(self, changed: bool | None) -> None:
        if changed:
            self.refresh_runs()

    def _ask_to_delete(self, run_id: str | None) -> None:
        from rehab_tui.tui.dialogs.confirm import ConfirmScreen
        from rehab_tui.tui.dialogs.edit_run import run_words

        run = next((row.run for row in self.rows if row.run["id"] == run_id), None)
        if run is not None:
            question = ConfirmScreen("Delete this run?", run_words(run))
            self.app.push_screen(question, partial(self._delete_if_sure, run["id"]))

    def _delete_if_sure(self, run_id: str, sure: bool | None) -> None:
        from rehab_tui.tui.undo import offer_undo

        if not sure:
            return
        deleted = self.rehab_app.rehab.delete_run(run_id)
        self.refresh_runs()
        offer_undo(self.rehab_app, deleted)

    def action_undo(self) -> None:
        from rehab_tui.tui.undo import undo

        if undo(self.rehab_app) is not None:
            self.refresh_runs()
