"""A VISA-A score taken elsewhere (0-100): the questionnaire itself is not reproduced."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from rehab_tui.domain.text import whole_number


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
