"""Home: today's exercises with their dose; enter starts the session."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from rehab_tui.models import Kind, LadderStep

KIND_WORDS = {Kind.HOLD: "hold", Kind.TEMPO: "slow reps", Kind.REPS: "contacts"}


def plan_text(step: LadderStep, stage_name: str) -> Text:
    text = Text()
    text.append(
        f"Today · Stage {step.stage}: {stage_name} · level {step.level}, step {step.step}\n\n",
        style="bold",
    )
    for number, planned in enumerate(step.exercises, start=1):
        text.append(f"{number}. {planned.exercise.name}\n", style="bold")
        text.append(
            f"   {planned.describe_dose()} · {KIND_WORDS[planned.kind]}, "
            f"rest {planned.dose.rest_s} s\n"
        )
        text.append(f"   {planned.exercise.how_to}\n\n", style="dim")
    text.append("Press ", style="dim")
    text.append("enter", style="bold reverse")
    text.append(" to start. Keep pain at 3/10 or less while you work.", style="dim")
    return text


class HomeScreen(Screen):
    BINDINGS = [
        Binding("enter", "start", "Start session", priority=True),
        Binding("m", "app.toggle_sound", "Sound on/off"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, step: LadderStep, stage_name: str) -> None:
        super().__init__()
        self.step = step
        self.stage_name = stage_name

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home"):
            yield Static(plan_text(self.step, self.stage_name), id="plan")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Today's session"

    def action_start(self) -> None:
        self.app.start_session(self.step)
