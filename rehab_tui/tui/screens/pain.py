"""After the session: how much did it hurt (0–10), and an optional note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label

from rehab_tui.tui.widgets.pain_scale import PainScale


class PainScreen(Screen):
    BINDINGS = [
        Binding("tab", "app.focus_next", "Next field", show=False),
        Binding("escape", "skip", "Skip rating"),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="pain"):
            yield Label("[b]How much did it hurt during the session?[/b]", id="pain-question")
            yield Label(
                "0 is no pain, 10 the worst imaginable. Press a digit, or use the arrows "
                "(10 is right of 9), then enter.",
                classes="dim",
            )
            yield PainScale(id="scale")
            yield Label("Note (optional; tab to reach it, enter to save):", id="note-label")
            yield Input(
                placeholder="e.g. stiff first thing, easier by set 3", id="note", max_length=500
            )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "How did it feel?"
        self.query_one(PainScale).focus()

    async def on_pain_scale_chosen(self, event: PainScale.Chosen) -> None:
        await self._save(event.value)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        await self._save(self.query_one(PainScale).value)

    async def action_skip(self) -> None:
        await self._save(None)

    async def _save(self, pain: int | None) -> None:
        note = self.query_one("#note", Input).value.strip()
        await self.app.rate_session(self.session_id, pain, note)
