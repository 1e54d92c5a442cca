"""Capacity tests: pick one (heel raises to fatigue, the hop test) or record a VISA-A score."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from rehab_tui.domain.capacity import HEEL_RAISE, HOP, VISA_A
from rehab_tui.domain.text import whole_number


class CapacityScreen(ModalScreen[str | None]):
    """Dismisses with the test chosen, or None."""

    BINDINGS = [
        Binding("1", "choose('heel_raise')", "Heel-raise test", id="capacity.choose_heel_raise"),
        Binding("2", "choose('hop')", "Hop test", id="capacity.choose_hop"),
        Binding("3", "choose('visa_a')", "VISA-A score", id="capacity.choose_visa_a"),
        Binding("escape", "choose(None)", "Cancel", id="capacity.choose_none"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Capacity tests", classes="question")
            yield Label(
                "[b]1[/b]  Heel raises to fatigue, each leg, with a beat to follow (about 25 is "
                "typical). Warm up first.\n"
                "[b]2[/b]  Hop test: 10 single-leg hops each side, then how much it hurt.\n"
                "[b]3[/b]  Record a VISA-A score (0-100) from a questionnaire you took elsewhere.",
                classes="detail",
            )
            yield Label(
                "Stage 4 (springy work) starts after both tests pass: 25 heel raises each side, "
                "even sides, and pain-free hops.",
                classes="detail dim",
            )
            yield Label("[b]1[/b] [b]2[/b] [b]3[/b] choose    [b]escape[/b] cancel", classes="keys")

    def action_choose(self, choice: str | None) -> None:
        assert choice in (HEEL_RAISE, HOP, VISA_A, None)
        self.dismiss(choice)


class ScoreScreen(ModalScreen[int | None]):
    """Asks for a VISA-A score; dismisses with it, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="score.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("VISA-A score", classes="question")
            yield Label(
                "The score (0-100) from the VISA-A questionnaire, taken with your clinician or "
                "from its published form. Healthy tendons score above 90.",
                classes="detail",
            )
            yield Input(placeholder="0-100", type="integer", max_length=3, id="score")
            yield Label("", id="score-error")
            yield Label("[b]enter[/b] save    [b]escape[/b] cancel", classes="keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        score = whole_number(event.value)  # ASCII digits only: "³" passes str.isdigit
        if score is None or not 0 <= score <= 100:
            self.query_one("#score-error", Label).update("A score is a whole number from 0 to 100.")
            return
        self.dismiss(score)

    def action_cancel(self) -> None:
        self.dismiss(None)
