"""The red-flag questions asked again: after pain at the hard stop, or from settings (DOMAIN.md §8).

All six are asked, one at a time (y yes, n or enter no); escape stops, and a question not
reached is left unanswered rather than taken as a no. The answers are kept dated through the
same use case as first start's; a yes brings the "see a clinician first" advice and the home
banner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from rehab_tui.domain.safety import RED_FLAGS

if TYPE_CHECKING:
    from rehab_tui.tui.app import RehabApp


class RedFlagQuestionsScreen(ModalScreen[dict[str, bool]]):
    """Dismisses with the answers given, by question id (empty: none given)."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="red_flag_questions.yes"),
        Binding("n,enter", "answer(False)", "No", id="red_flag_questions.no"),
        Binding("escape", "stop", "Stop asking", id="red_flag_questions.stop"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index = 0
        self.answers: dict[str, bool] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("", id="flag-title", classes="question")
            yield Label("", id="flag-question", classes="detail", markup=False)
            yield Label(
                "[b]y[/b] yes    [b]n[/b] / [b]enter[/b] no    [b]escape[/b] stop", classes="keys"
            )

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        self.query_one("#flag-title", Label).update(
            f"Red-flag questions ({self.index + 1} of {len(RED_FLAGS)})"
        )
        self.query_one("#flag-question", Label).update(RED_FLAGS[self.index].question)

    def action_answer(self, yes: bool) -> None:
        self.answers[RED_FLAGS[self.index].id] = yes
        if self.index + 1 < len(RED_FLAGS):
            self.index += 1
            self._show()
        else:
            self.dismiss(self.answers)

    def action_stop(self) -> None:
        self.dismiss(self.answers)


def ask_red_flag_questions(app: RehabApp) -> None:
    """Ask the six questions; keep the answers given, dated today, and say what a yes means."""

    def answered(answers: dict[str, bool] | None) -> None:
        if not answers:
            return
        said_yes = app.rehab.answer_red_flags(answers)
        app.refresh_homes()
        if said_yes:
            from rehab_tui.tui.dialogs.red_flag import RedFlagScreen

            app.push_screen(RedFlagScreen(f"You answered yes to: {said_yes[0].question}"))

    app.push_screen(RedFlagQuestionsScreen(), answered)
