"""See a clinician first: shown for a red-flag answer or pain at the hard stop or above.

`show_warnings` is how the TUI shows the warnings rehab_tui.domain.safety decides after a
check-in or a rated session: pain at the hard stop brings this dialog, then the red-flag
questions again (dialogs/red_flag_questions.py); long morning stiffness a notification. The CLI prints the same warnings (rehab_tui.cli.records).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, assert_never

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from rehab_tui.domain.safety import LONG_STIFFNESS_ADVICE, SafetyWarning

if TYPE_CHECKING:
    from rehab_tui.tui.app import RehabApp

ADVICE = (
    "Stop loading the tendon and see a physiotherapist or doctor first, soon. A sudden snap, "
    "being unable to rise on tiptoe, a gap in the tendon, a hot swollen calf, recent "
    "fluoroquinolone antibiotics or a steroid injection, fever or night pain can mean something "
    "other than a tendinopathy, and some need treatment quickly.\n\n"
    "Until then: no running; cycling or swimming only if they do not hurt."
)


class RedFlagScreen(ModalScreen[None]):
    BINDINGS = [Binding("enter,escape", "close", "I understand", id="red_flag.close")]

    def __init__(self, reason: str, then: Callable[[], None] | None = None) -> None:
        """`then`: what follows once it is closed. Not a push_screen callback: that is run by
        the screen it was pushed from, which a rating or a check-in is just replacing."""
        super().__init__()
        self.reason = reason
        self.then = then

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog red-flag"):
            yield Label("See a clinician first", classes="question")
            yield Label(self.reason, classes="detail")
            yield Label(ADVICE, classes="detail")
            yield Label("enter: I understand", classes="keys")

    def action_close(self) -> None:
        self.dismiss(None)
        if self.then is not None:
            self.app.call_later(self.then)


def show_warnings(
    app: RehabApp, warnings: Iterable[SafetyWarning], pain: int | None, when: str
) -> None:
    """Show every warning given; `when` ends the pain's sentence ("this morning")."""
    for warning in warnings:
        if warning is SafetyWarning.HARD_STOP:
            reason = f"You rated the pain {pain}/10 {when}."
            app.push_screen(RedFlagScreen(reason, app.ask_red_flag_questions))
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
