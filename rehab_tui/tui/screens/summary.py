"""The session's summary: what was done against the plan, time under load, pain."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from rehab_tui.domain.kinds import rules_for
from rehab_tui.domain.loading import kg
from rehab_tui.domain.pain import PainLimits, zone_of
from rehab_tui.domain.record_types import ExerciseRecord, SessionRecord
from rehab_tui.domain.records import format_duration, sets_done, time_under_load
from rehab_tui.domain.text import printable
from rehab_tui.tui.widgets.pain_scale import zone_colour


def exercise_cell(entry: ExerciseRecord) -> Text:
    """The exercise's name (from the exercise file: never markup) and the weight used on it,
    when one was recorded."""
    text = Text(printable(entry.get("name") or entry["exercise_id"]))
    if "load_kg" in entry:
        text.append(f" · {kg(entry['load_kg'])}", style="bold")
    return text


def summary_table(session: SessionRecord) -> Table:
    table = Table(box=None, padding=(0, 2), expand=False)
    table.add_column("Exercise")
    table.add_column("Sets", justify="right")
    table.add_column("Done / planned")
    for entry in session["exercises"]:
        unit = rules_for(entry["kind"]).unit
        done = " ".join(
            f"{s['done']:g}/{s['planned']}" + ("*" if s["skipped"] else "") for s in entry["sets"]
        )
        per_side = 2 if entry["per_side"] else 1
        table.add_row(
            exercise_cell(entry),
            f"{len(entry['sets'])}/{entry['planned']['sets'] * per_side}",
            f"{done} {unit}" if done else "–",
        )
    return table


def summary_text(
    session: SessionRecord,
    limits: PainLimits,
    colours: dict[str, str],
    saved_test: str | None = None,
) -> Text:
    """`limits`: the profile's, for the pain's zone; `colours`: the theme's variables;
    `saved_test`: a capacity test's result in words, as saved."""
    done, planned = sets_done(session)
    text = Text()
    heading = "Session complete" if session["completed"] else "Session ended early"
    text.append(f"{heading}\n\n", style="bold")
    if saved_test is not None:
        text.append("Test saved: ", style="bold")
        text.append(f"{printable(saved_test)}\n\n")
    text.append(f"Sets done: {done} of {planned}    ")
    text.append(f"Time under load: {format_duration(time_under_load(session))}    ")
    text.append("Pain: ")
    if session["pain"] is None:
        text.append("not rated")
    else:
        pain = session["pain"]
        text.append(
            limits.rating(pain), style=f"bold {zone_colour(colours, zone_of(pain, limits))}"
        )
    if session["note"]:
        text.append(f"\nNote: {printable(session['note'])}")
    return text


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("enter,escape", "app.go_home", "Done", id="summary.go_home"),
        Binding("q", "app.quit", "Quit", id="summary.quit"),
    ]

    def __init__(
        self, session: SessionRecord, limits: PainLimits, saved_test: str | None = None
    ) -> None:
        super().__init__()
        self.session = session
        self.limits = limits
        self.saved_test = saved_test

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static(
                summary_text(self.session, self.limits, self.app.theme_variables, self.saved_test),
                id="summary-head",
            )
            yield Static(summary_table(self.session), id="summary-table")
            starred = any(
                s["skipped"] for entry in self.session["exercises"] for s in entry["sets"]
            )
            star_note = "* set ended early · " if starred else ""
            yield Static(f"[dim]{star_note}enter: back to the home screen[/dim]", id="summary-foot")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Summary"
