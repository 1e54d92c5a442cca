"""A progress bar drawn again only when its progress changes.

Textual's `ProgressBar` calls its own `update()` every second to refresh its estimate of the time
left, and each new estimate redraws the bar: two bars in the player wrote about 0.4 kB a second
to the terminal between the player's own ticks, and woke the app for it. The player shows no
estimate (`show_eta=False`), so here that bare call does nothing; a change of progress or total
still goes through `ProgressBar.update` as before.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import ProgressBar


class QuietProgressBar(ProgressBar):
    def update(self, **changes: Any) -> None:
        if changes or self.show_eta:
            super().update(**changes)
