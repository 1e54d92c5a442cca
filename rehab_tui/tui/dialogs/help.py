"""Help: the keys of the screen underneath, read from the live bindings, then the few that
every screen has (scrolling, fields, the palette, quitting), each listed once."""

from __future__ import annotations

from typing import Any

from msgspec import Struct
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static


class KeyHelp(Struct, frozen=True):
    keys: str  # as shown to the user: "space", "y / enter"
    description: str
    action: str
    enabled: bool
    own: bool  # declared by rehab-tui (it has an id), not one of Textual's generic keys


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
        found[binding.action] = KeyHelp(
            keys, binding.description, binding.action, active.enabled, binding.id is not None
        )
    return list(found.values())


def own_keys(screen: Screen[Any]) -> list[KeyHelp]:
    """The keys rehab-tui itself declares for `screen` (every one has an id: keys.py remaps by
    it), in the screen's order; Textual's generic ones (scrolling, focus, copy) are not here."""
    return [key for key in described_bindings(screen) if key.own]


def key_table(screen: Screen[Any]) -> Table:
    """The screen's own keys; quit, when the screen has it, with every key that quits."""
    return _table(_own_rows(screen), _key_width(screen))


def general_table(screen: Screen[Any]) -> Table:
    """The keys every screen has, each once (in line with key_table's columns)."""
    return _table(_general_rows(screen), _key_width(screen))


def _own_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    return [
        (f"{key.keys} / {QUIT_KEYS}" if _quits(key) else key.keys, key.description)
        for key in own_keys(screen)
    ]


def _general_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """Quit here only when the screen's own keys do not list it. Ctrl+C quits (app.py); it
    copies only inside a text field, so help never says it copies."""
    rows = [
        ("↑ ↓ pgup pgdn", "Scroll, where there is more to see"),
        ("tab / shift+tab", "Next / previous field or button"),
        ("ctrl+p", "Command palette: every action by name"),
    ]
    if not any(_quits(key) for key in own_keys(screen)):
        rows.append((QUIT_KEYS, "Quit rehab-tui at once (a session stays resumable)"))
    return rows


def _key_width(screen: Screen[Any]) -> int:
    return max(len(keys) for keys, _ in _own_rows(screen) + _general_rows(screen))


def _table(rows: list[tuple[str, str]], key_width: int) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2))
    table.add_column(style="bold", min_width=key_width)
    table.add_column()
    for row in rows:
        table.add_row(*row)
    return table


QUIT_KEYS = "ctrl+q / ctrl+c"


def _quits(key: KeyHelp) -> bool:
    return key.action.removeprefix("app.") == "quit"


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close help", id="help.close")]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label("Keys", classes="question")
            with VerticalScroll():
                # This screen's own keys first: at 80×24 a screen's keys show without scrolling.
                yield Static(key_table(self.under), id="own-keys")
                yield Static(general_table(self.under), id="general-keys")
            yield Label("escape: close", classes="keys")

    def action_close(self) -> None:
        self.dismiss(None)
