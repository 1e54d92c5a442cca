"""Help: every key of the screen underneath and the app's own, read from the live bindings."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static


def key_table(screen: Screen) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    seen: set[str] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.action in seen:
            continue
        seen.add(binding.action)
        keys = binding.key_display or screen.app.get_key_display(binding)
        others = [k for k in binding.key.split(",") if k != key]
        shown = " / ".join([keys, *(screen.app.get_key_display(Binding(k, "")) for k in others)])
        table.add_row(shown, binding.description)
    table.add_row("ctrl+p", "Command palette: every action by name")
    table.add_row("ctrl+q", "Quit rehab-tui at once")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close help")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label("Keys", classes="question")
            with VerticalScroll():
                yield Static(key_table(self.under))
            yield Label("escape: close", classes="keys")

    def action_close(self) -> None:
        self.dismiss(None)
