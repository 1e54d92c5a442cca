"""The weight used on a loaded exercise, asked as it starts, before its get-ready (DOMAIN §3
"Heavy means heavy": the app asks and records the load used, in kg).

Prefilled (the last weight recorded, else the plan's suggestion, else 0) and selected, so that
typing a number replaces it; up and down change it by half a kilogram. Enter saves, escape skips
(nothing is recorded).
"""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from rehab_tui.domain.loading import LOAD_STEP_KG, MAX_LOAD_KG, kg, load_problem
from rehab_tui.domain.text import printable
from rehab_tui.services.results import LoadPrompt


def kg_field(value: float) -> str:
    """The weight as the field shows it: 12.5 -> "12.5", 10.0 -> "10"."""
    return f"{value:g}"


class LoadScreen(ModalScreen[float | None]):
    """Asks the weight used on one loaded exercise; dismisses with it (kg), or None: skipped."""

    BINDINGS = [
        Binding("up", "change(1)", "Half a kilo more", id="load.more"),
        Binding("down", "change(-1)", "Half a kilo less", id="load.less"),
        Binding("escape", "skip", "Skip", id="load.skip"),
    ]

    def __init__(self, prompt: LoadPrompt) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        suggested = self.prompt.suggested_kg
        with Vertical(classes="dialog"):
            # The name comes from the exercise file: plain text, never markup.
            yield Label(Content(f"Weight used: {printable(self.prompt.name)}"), classes="question")
            yield Label(
                (f"The plan suggests about {kg(suggested)}. " if suggested is not None else "")
                + "The weight you add (a backpack, a machine), in kg; 0 for none today.",
                classes="detail",
            )
            yield Input(
                kg_field(self.prompt.prefill_kg),
                placeholder="kg",
                restrict=r"[0-9]*[.,]?[0-9]*",
                max_length=5,
                id="load-kg",
            )
            yield Label("", id="load-error")
            yield Label(
                "[b]↑[/b]/[b]↓[/b] 0.5 kg    [b]enter[/b] save    [b]escape[/b] skip",
                classes="keys",
            )

    def typed_kg(self) -> float | None:
        """The weight in the field, or None when it is not a number."""
        text = self.query_one("#load-kg", Input).value.strip().replace(",", ".")
        try:
            return float(text)
        except ValueError:
            return None

    def action_change(self, direction: int) -> None:
        """Half a kilogram up (1) or down (-1); a weight typed between two halves goes to the
        next one that way (12.3 up: 12.5)."""
        typed = self.typed_kg()
        current = typed if typed is not None and math.isfinite(typed) else self.prompt.prefill_kg
        halves = current / LOAD_STEP_KG
        halves = math.floor(halves) + 1 if direction > 0 else math.ceil(halves) - 1
        weight = min(MAX_LOAD_KG, max(0.0, halves * LOAD_STEP_KG))
        field = self.query_one("#load-kg", Input)
        field.value = kg_field(weight)
        field.select_all()  # typing a number next replaces it
        self.query_one("#load-error", Label).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        weight = self.typed_kg()
        problem = load_problem(weight) if weight is not None else "a weight is a number of kg"
        if weight is None or problem is not None:
            self.query_one("#load-error", Label).update(f"Not saved: {problem}.")
            return
        self.dismiss(weight)

    def action_skip(self) -> None:
        self.dismiss(None)
