"""A progress bar drawn again only when its progress changes.

Textual's `ProgressBar` calls its own `update()` every second to refresh its estimate of the time
left, and each new estimate redraws the bar: two bars in the player wrote about 0.4 kB a second
to the terminal between the player's own ticks, and woke the app for it. The player shows no
estimate (`show_eta=False`), so that timer is not started, and a bare call does nothing; a change
of progress or total still goes through `ProgressBar.update` as before.

A new progress (or estimate) repaints only the bar and its percentage (their own reactives,
bound to these), not the whole row the bar sits in: the row around them is blank, and every
cell of a repainted region is written to the terminal.
"""

from __future__ import annotations

from typing import Any

from textual.events import Mount
from textual.reactive import reactive
from textual.widgets import ProgressBar


class QuietProgressBar(ProgressBar):
    progress: reactive[float] = reactive(0.0, repaint=False)
    percentage: reactive[float | None] = reactive[float | None](None, repaint=False)
    _display_eta: reactive[int | None] = reactive[int | None](None, repaint=False)  # unshown

    def _on_mount(self, event: Mount) -> None:
        if not self.show_eta:
            # Textual runs each base class's handler after this one unless prevented:
            # ProgressBar's, without its timer, and Widget's, here.
            event.prevent_default()
            self._clock.reset()
            super()._on_mount(event)

    def update(self, **changes: Any) -> None:
        if changes or self.show_eta:
            super().update(**changes)
