"""A yes/no question in a small box; enter or y says yes, escape or n says no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.answer_true"),
        Binding("n,escape", "answer(False)", "No", id="confirm.answer_false"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="question")
            if self.detail:
                yield Label(self.detail, classes="detail")
            yield Label("[b]y[/b] / enter: yes    [b]n[/b] / escape: no", classes="keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
