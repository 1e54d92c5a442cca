"""What the app shows instead of starting when a data file cannot be read.

The damaged file is never written to. The user chooses: keep it aside (renamed with a timestamp,
so nothing in it is lost and a clinician or a script can still read what survives) and start with
a fresh file, or quit and look at it first.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Label

from rehab_tui.domain.text import printable
from rehab_tui.storage.store import MAIN_FILE

SET_ASIDE = "set-aside"
QUIT = "quit"


def consequence(path: Path) -> str:
    if path.name == MAIN_FILE:
        return (
            "It holds your profile and settings: starting fresh asks the first-start questions "
            "again. Your monthly session files are not touched."
        )
    return f"It holds the sessions and check-ins of {path.stem}: starting fresh leaves that month empty."


class DamagedFileApp(App[str]):
    """A one-question app: set the damaged file aside and start fresh, or quit."""

    TITLE = "rehab-tui"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("k", "choose('set-aside')", "Keep it aside, start fresh"),
        Binding("q,escape", "choose('quit')", "Quit"),
    ]

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__()
        self.path = path
        self.reason = reason

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="dialog", id="damaged"):
            yield Label("A data file cannot be read", classes="question")
            yield Label(
                printable(f"{self.path}\n{self.reason[:1].upper()}{self.reason[1:]}."),
                classes="detail",
                markup=False,
            )
            yield Label(printable(consequence(self.path)), classes="detail", markup=False)
            yield Label(
                "It has not been changed. Press [b]k[/b] to keep it aside (renamed with today's "
                "date and time, nothing deleted) and start fresh, or [b]q[/b] to quit and look "
                "at it first.",
                classes="detail",
            )
        yield Footer()

    def action_choose(self, choice: str) -> None:
        self.exit(choice)
