"""Shown over everything while the terminal is smaller than the app can lay out.

`SizeGuard` puts it up and takes it down as the window changes; a hold in progress is paused
under it (timers keep running under a modal) and resumed after, if it was running.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Label

if TYPE_CHECKING:
    from rehab_tui.tui.screens.player import PlayerScreen

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


class SizeGuard:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.cover: TooSmallScreen | None = None

    def check(self, size: Size | None = None) -> None:
        """Cover the app while it cannot be laid out; `size` when the app has not stored it yet."""
        app = self.app
        small = too_small(*(size or app.size))
        if small and self.cover is None:
            player = self._player()
            if player is not None:
                player.pause_for_modal()
            self.cover = TooSmallScreen()
            app.push_screen(self.cover)
        elif not small and self.cover is not None and app.screen is self.cover:
            self.cover = None
            app.pop_screen()
            player = self._player()
            if player is not None:
                player.resume_after_modal()

    def _player(self) -> PlayerScreen | None:
        """The player, if it is the screen shown (imported only when the size changes)."""
        from rehab_tui.tui.screens.player import PlayerScreen

        return self.app.screen if isinstance(self.app.screen, PlayerScreen) else None
