"""See a clinician first: shown for a red-flag answer or pain at the hard stop or above.

`show_warnings` is how the TUI shows the warnings rehab_tui.domain.safety decides after a
check-in or a rated session: pain at the hard stop brings this dialog, long morning stiffness a
notification. The CLI prints the same warnings (rehab_tui.cli.records).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, assert_never

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from rehab_tui.domain.safety import LONG_STIFFNESS_ADVICE, SafetyWarning

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


def show_warnings(
    app: App[Any], warnings: Iterable[SafetyWarning], pain: int | None, when: str
) -> None:
    """Show every warning given; `when` ends the pain's sentence ("this morning")."""
    for warning in warnings:
        if warning is SafetyWarning.HARD_STOP:
            app.push_screen(RedFlagScreen(f"You rated the pain {pain}/10 {when}."))
        elif warning is SafetyWarning.LONG_STIFFNESS:
            app.notify(
                LONG_STIFFNESS_ADVICE,
                title="Morning stiffness",
                severity="warning",
                timeout=20,
                markup=False,
            )
        else:
            assert_never(warning)
