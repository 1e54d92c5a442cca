"""See a clinician first: shown for a red-flag answer or pain at the hard stop or above."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

ADVICE = (
    "Stop loading the tendon and see a physiotherapist or doctor first, soon. A sudden snap, "
    "being unable to rise on tiptoe, a gap in the tendon, a hot swollen calf, recent "
    "fluoroquinolone antibiotics or a steroid injection, fever or night pain can mean something "
    "other than a tendinopathy, and some need treatment quickly.\n\n"
    "Until then: no running; cycling or swimming only if they do not hurt."
)


class RedFlagScreen(ModalScreen[None]):
    BINDINGS = [Binding("enter,escape", "close", "I understand", id="red_flag.close")]

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog red-flag"):
            yield Label("See a clinician first", classes="question")
            yield Label(self.reason, classes="detail")
            yield Label(ADVICE, classes="detail")
            yield Label("enter: I understand", classes="keys")

    def action_close(self) -> None:
        self.dismiss(None)
