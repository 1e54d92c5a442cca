"""Capacity tests: pick one (heel raises to fatigue, the hop test) or record a VISA-A score."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from rehab_tui.domain.capacity import HEEL_RAISE, HOP, VISA_A


class CapacityScreen(ModalScreen[str | None]):
    """Dismisses with the test chosen, or None. `gate`: what passing means, in words."""

    BINDINGS = [
        Binding("1", "choose('heel_raise')", "Heel-raise test", id="capacity.choose_heel_raise"),
        Binding("2", "choose('hop')", "Hop test", id="capacity.choose_hop"),
        Binding("3", "choose('visa_a')", "VISA-A score", id="capacity.choose_visa_a"),
        Binding("escape", "choose(None)", "Cancel", id="capacity.choose_none"),
    ]

    def __init__(self, gate: str) -> None:
        super().__init__()
        self.gate = gate

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
            yield Label(self.gate, classes="detail dim", markup=False)
            yield Label("[b]1[/b] [b]2[/b] [b]3[/b] choose    [b]escape[/b] cancel", classes="keys")

    def action_choose(self, choice: str | None) -> None:
        assert choice in (HEEL_RAISE, HOP, VISA_A, None)
        self.dismiss(choice)
