"""A pain rating on the 0–10 scale with one optional field beneath it; enter on either saves.

The after-session rating and the morning check-in are both this screen with other words.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Input, Label

from rehab_tui.domain.pain import PainLimits
from rehab_tui.tui.screens.base import RehabScreen
from rehab_tui.tui.widgets.pain_scale import PainScale


class RatingScreen(RehabScreen[None]):
    BINDINGS = [Binding("tab", "app.focus_next", "Next field", show=False, id="rating.focus_next")]

    def __init__(
        self,
        question: str,
        hint: str,
        field_label: str,
        field: Input,
        limits: PainLimits,
        start: int = 0,
    ) -> None:
        """`limits`: the profile's pain limits, which colour and label the scale."""
        super().__init__()
        self.limits = limits
        self.question = question
        self.hint = hint
        self.field_label = field_label
        self.field = field
        self.start = start

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="pain"):
            yield Label(f"[b]{self.question}[/b]", id="pain-question")
            yield Label(self.hint, classes="dim")
            yield PainScale(self.start, limits=self.limits, id="scale")
            yield Label(self.field_label)
            yield self.field
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(PainScale).focus()

    async def on_pain_scale_chosen(self, event: PainScale.Chosen) -> None:
        await self.submit(event.value, self.field.value.strip())

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        await self.submit(self.query_one(PainScale).value, self.field.value.strip())

    async def submit(self, pain: int, field_text: str) -> None:
        raise NotImplementedError
