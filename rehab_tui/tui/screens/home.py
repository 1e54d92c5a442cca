"""Home: today's plan (exercises and dose), the decision and why, and today's run advice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from rehab_tui.domain.kinds import rules_for
from rehab_tui.domain.plan import Decision, Plan
from rehab_tui.domain.record_types import SessionKind
from rehab_tui.domain.text import printable

if TYPE_CHECKING:
    from rehab_tui.storage.routines import Routine  # reads YAML: imported when a routine is used

DECISION_WORDS = {
    Decision.START: ("START", "bold cyan"),
    Decision.PROGRESS: ("STEP UP", "bold green"),
    Decision.HOLD: ("HOLD", "bold yellow"),
    Decision.REGRESS: ("STEP BACK", "bold red"),
}
VERDICT_STYLE = {"run": "green", "modify": "yellow", "rest": "red"}


@dataclass(frozen=True)
class OwnProgram:
    """A routine followed instead of the plan, with what the pain rules advise about it."""

    routine: Routine
    decision: Decision
    reasons: tuple[str, ...]
    see_clinician: bool


def plan_text(plan: Plan, own: OwnProgram | None = None) -> Text:
    step = plan.step
    text = Text()
    if own is None:
        text.append(
            printable(f"Today · Stage {step.stage}: {plan.stage_name} · step {step.index + 1}   "),
            "bold",
        )
        word, style = DECISION_WORDS[plan.decision]
        reasons, see_clinician, exercises = plan.reasons, plan.see_clinician, plan.exercises
    else:
        text.append(printable(f"Today · your own program: {own.routine.name}   "), "bold")
        word, style = DECISION_WORDS[own.decision]
        word = f"THE RULES SAY: {word}"
        reasons = own.reasons + ((plan.hard_stop,) if plan.hard_stop else ())
        see_clinician = own.see_clinician or plan.see_clinician
        exercises = own.routine.exercises
    text.append(f" {word} ", f"{style} reverse")
    text.append("\n")
    if own is not None and own.routine.note:
        text.append(f"  {printable(own.routine.note)}\n", "dim")
    for reason in reasons:
        text.append(f"  Why: {printable(reason)}\n", "italic")
    if see_clinician:
        text.append(
            "  See a physiotherapist or doctor before pushing on: sudden pain, a snap, swelling or "
            "not being able to rise on tiptoe all need a clinician's look.\n",
            "bold red",
        )
    text.append("\n")
    for number, planned in enumerate(exercises, start=1):
        text.append(f"{number}. {printable(planned.exercise.name)}\n", "bold")
        text.append(
            f"   {planned.describe_dose()} · {rules_for(planned.kind).plan_words}, rest {planned.dose.rest_s} s\n"
        )
        text.append(f"   {printable(planned.exercise.how_to)}\n", "dim")
    advice = plan.run_advice
    text.append("\nRunning today: ", "bold")
    text.append(f"{advice.verdict}", f"bold {VERDICT_STYLE[advice.verdict]}")
    text.append(f". {advice.text}\n")
    text.append(f"Next morning check-in: {plan.next_checkin:%a %d %b}\n\n", "dim")
    text.append("Press ", "dim")
    text.append("enter", "bold reverse")
    text.append(" to start.", "dim")
    return text


class HomeScreen(Screen[None]):
    BINDINGS = [
        # The screen itself says "Press enter to start"; the footer keeps room for the rest.
        Binding("enter", "start", "Start", priority=True, show=False, id="home.start"),
        Binding("h", "history", "History", id="home.history"),
        Binding("g", "trends", "Trends", id="home.trends"),
        Binding("t", "quick_timer", "Timer", id="home.quick_timer"),
        Binding("r", "routines", "Routines", id="home.routines"),
        Binding("s", "app.settings", "Settings", id="home.settings"),
        Binding("c", "capacity", "Capacity tests", show=False, id="home.capacity"),
        Binding("m", "app.toggle_sound", "Sound on/off", show=False, id="home.toggle_sound"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="home.help"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    def __init__(self, plan: Plan, own: OwnProgram | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.own = own

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home"):
            yield Static(plan_text(self.plan, self.own), id="plan")
        yield Footer(compact=True)  # eight keys fit in 80 columns

    def on_mount(self) -> None:
        self.sub_title = "Today's session"

    def show_plan(self, plan: Plan, own: OwnProgram | None = None) -> None:
        self.plan = plan
        self.own = own
        self.query_one("#plan", Static).update(plan_text(plan, own))

    def action_start(self) -> None:
        if self.own is not None:
            self.app.start_free(
                self.own.routine.exercises, SessionKind.ROUTINE, routine=self.own.routine.name
            )
        else:
            self.app.start_session(self.plan)

    def action_routines(self) -> None:
        self.app.ask_routines()

    def action_history(self) -> None:
        self.app.show_history()

    def action_trends(self) -> None:
        self.app.show_trends()

    def action_capacity(self) -> None:
        self.app.ask_capacity()

    def action_quick_timer(self) -> None:
        self.app.ask_quick_timer()
