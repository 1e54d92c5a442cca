"""The quick timer's form: a hold, tempo or reps timer in one line, last-used values filled in.

Its fields are one row each (compact), so that all of them, the error line and the keys fit in
an 80×24 terminal: tab never reaches a field out of sight."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label

from rehab_tui.domain.quick import QuickTimer
from rehab_tui.domain.text import printable, whole_number

FIELDS = [
    ("hold", "Hold (s)", "blank for reps"),
    ("reps", "Reps", "blank for a hold"),
    ("tempo", "Tempo", "e.g. 1-0-3-0, or blank"),
    ("sets", "Sets", ""),
    ("rest", "Rest (s)", ""),
]


class QuickTimerScreen(ModalScreen[QuickTimer | None]):
    """Dismisses with the timer to play, or None."""

    CSS_PATH = "quick_timer.tcss"  # read when first shown, not at the app's start

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="quick_timer.cancel")]

    def __init__(self, last: QuickTimer) -> None:
        super().__init__()
        self.last = last

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="quick-timer"):
            yield Label("Quick timer", classes="question")
            yield Label(
                "A hold (seconds), or reps (with a tempo for slow reps): up, top, down, bottom "
                "seconds, as coaches write it.",
                classes="detail",
            )
            values = self.last.to_dict()
            for key, label, placeholder in FIELDS:
                with Horizontal(classes="field"):
                    yield Label(label, classes="field-label")
                    value = values[key]
                    yield Input(
                        "" if value is None else str(value),
                        placeholder=placeholder,
                        id=f"q-{key}",
                        compact=True,
                    )
            yield Checkbox(
                "Each side (left, then right)", values["sides"], id="q-sides", compact=True
            )
            yield Label("", id="q-error", classes="-empty")  # a row only when there is an error
            yield Label(
                "[b]enter[/b] start    [b]tab[/b] next field    [b]escape[/b] cancel",
                classes="keys",
            )

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self.submit()

    def submit(self) -> None:
        def number(key: str) -> int | str | None:
            text = self.query_one(f"#q-{key}", Input).value.strip()
            if not text:
                return None
            number = whole_number(text)  # ASCII digits only: "³" passes str.isdigit
            return text if number is None else number

        rest = number("rest")
        timer = QuickTimer(
            hold=number("hold"),
            reps=number("reps"),
            tempo=self.query_one("#q-tempo", Input).value.strip() or None,
            sets=number("sets") or 0,
            rest=0 if rest is None else rest,
            sides=self.query_one("#q-sides", Checkbox).value,
        )
        try:
            timer.planned()
        except ValueError as error:
            message = str(error).replace("--", "")
            # The message quotes what was typed: plain text, never markup.
            error_line = self.query_one("#q-error", Label)
            error_line.update(Content.styled(printable(message), "bold red"))
            error_line.remove_class("-empty")
            return
        self.dismiss(timer)

    def action_cancel(self) -> None:
        self.dismiss(None)
