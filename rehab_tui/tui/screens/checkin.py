"""The morning check-in: how the tendon feels the morning after a session, and any stiffness."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label

from rehab_tui.tui.widgets.pain_scale import PainScale


class CheckinScreen(Screen):
    BINDINGS = [
        Binding("tab", "app.focus_next", "Next field", show=False),
        Binding("escape", "skip", "Skip for now"),
    ]

    def __init__(self, day: date, session_day: date, baseline: int) -> None:
        super().__init__()
        self.day = day
        self.session_day = session_day
        self.baseline = baseline

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="pain"):
            yield Label(
                f"[b]How does the tendon feel this morning, after {self.session_day:%A}'s "
                "session?[/b]",
                id="pain-question",
            )
            yield Label(
                "Pain right now, 0-10 (it starts at your usual level): a digit or the arrows, then "
                "enter. It decides whether today's plan steps up, holds or steps back.",
                classes="dim",
            )
            yield PainScale(self.baseline, id="scale")
            yield Label("Morning stiffness in minutes (optional; tab to reach it):")
            yield Input(placeholder="e.g. 10", id="stiffness", type="integer", max_length=3)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Morning check-in"
        self.query_one(PainScale).focus()

    def on_pain_scale_chosen(self, event: PainScale.Chosen) -> None:
        self._save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._save()

    def _save(self) -> None:
        text = self.query_one("#stiffness", Input).value.strip()
        stiffness = min(600, int(text)) if text.isdigit() else None
        self.app.save_checkin(self.day, self.query_one(PainScale).value, stiffness)

    def action_skip(self) -> None:
        self.app.action_go_home()
