"""Shown over everything while the terminal is smaller than the app can lay out."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Label

MIN_WIDTH = 60
MIN_HEIGHT = 20


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    """No keys of its own: it goes away by itself when the window is large enough again."""

    def compose(self) -> ComposeResult:
        yield Label("", id="too-small")

    def on_mount(self) -> None:
        self.show_size()

    def on_resize(self, event: events.Resize) -> None:
        self.show_size(event.size)

    def show_size(self, size: Size | None = None) -> None:
        width, height = size or self.app.size
        self.query_one(Label).update(
            f"Make the window larger: rehab-tui needs {MIN_WIDTH}×{MIN_HEIGHT}, "
            f"this one is {width}×{height}. A session in progress is paused."
        )
