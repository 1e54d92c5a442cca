"""The screen's keys on one line, drawn as Textual's compact Footer draws them, by one widget.

Textual's Footer is a container of one widget per key, built after the screen's first refresh:
on the home screen (eight keys) that took about 15 ms of the app's start, the last thing before
its first frame. This bar draws the same line, in the same styles (the theme's footer colours),
from the screen's active bindings, and draws it again when they change; a click on a key
presses it, as the Footer's keys do.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class Key(NamedTuple):
    key: str  # the key pressed (as the keymap has it)
    display: str  # as shown ("enter", "?")
    description: str
    enabled: bool


class KeyBar(Widget):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--item", "key-bar--key", "key-bar--description", "key-bar--hover"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--item {
            background: $footer-item-background;
        }
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        &:hover {
            pointer: pointer;
        }
    }
    """
    _hovered: int | None = None  # the key under the mouse, drawn as the Footer's keys hover

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[Any]) -> None:
        self.refresh()

    def shown_keys(self) -> list[Key]:
        """The keys shown, in order: each action once, under its first key."""
        shown: dict[str, Key] = {}
        for _, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                display = self.app.get_key_display(binding)
                shown[binding.action] = Key(binding.key, display, binding.description, enabled)
        return list(shown.values())

    def render(self) -> Text:
        item = self.get_component_rich_style("key-bar--item")
        key_style = item + self.get_component_rich_style("key-bar--key", partial=True)
        words_style = item + self.get_component_rich_style("key-bar--description", partial=True)
        hover = self.get_component_rich_style("key-bar--hover", partial=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        for index, key in enumerate(self.shown_keys()):
            look = Style(dim=not key.enabled) + (hover if index == self._hovered else Style())
            if index:
                line.append(" ")  # the Footer's margin between keys
            line.append(key.display, key_style + look)
            line.append(f" {key.description}", words_style + look)
        return line

    def _key_at(self, x: int) -> int | None:
        start = 0
        for index, key in enumerate(self.shown_keys()):
            end = start + cell_len(key.display) + 1 + cell_len(key.description)
            if start <= x < end:
                return index
            start = end + 1
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._key_at(event.x))

    def on_leave(self) -> None:
        self._hover(None)

    def _hover(self, index: int | None) -> None:
        if index != self._hovered:
            self._hovered = index
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        """Press the key clicked on, as the Footer's keys do (a disabled one rings)."""
        index = self._key_at(event.x)
        if index is None:
            return
        key = self.shown_keys()[index]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
