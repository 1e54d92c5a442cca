"""The whole session's progress, always visible at the bottom of the player.

`show` is called on every tick of the player: the label is updated (which lays the screen out
again) only when its words change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from rehab_tui.tui.widgets.quiet_bar import QuietProgressBar


class SessionProgress(Horizontal):
    DEFAULT_CSS = """
    SessionProgress { height: 1; }
    SessionProgress > Label { width: auto; margin-right: 2; }
    SessionProgress > ProgressBar { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Label("", id="where")
        yield QuietProgressBar(total=1000, show_eta=False, id="session-bar")

    _where: str | None = None

    def show(self, where: str, fraction: float) -> None:
        if where != self._where:
            self._where = where
            self.query_one("#where", Label).update(where)
        self.query_one("#session-bar", ProgressBar).progress = round(fraction * 1000)
