"""Help: every key of the screen underneath and the app's own, read from the live bindings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static


@dataclass(frozen=True)
class KeyHelp:
    keys: str  # as shown to the user: "space", "y / enter"
    description: str
    action: str
    enabled: bool


def described_bindings(screen: Screen[Any]) -> list[KeyHelp]:
    """Every binding of `screen` (and the app) that has a description, once per action."""
    found: dict[str, KeyHelp] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.action in found:
            continue
        keys = binding.key_display or " / ".join(
            screen.app.get_key_display(Binding(key.strip(), "")) for key in binding.key.split(",")
        )
        found[binding.action] = KeyHelp(keys, binding.description, binding.action, active.enabled)
    return list(found.values())


def key_table(screen: Screen[Any]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for key in described_bindings(screen):
        table.add_row(key.keys, key.description)
    table.add_row("ctrl+p", "Command palette: every action by name")
    table.add_row("ctrl+q", "Quit rehab-tui at once")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close help", id="help.close")]

    def __init__(self, under: Screen[Any]) -> None:
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
