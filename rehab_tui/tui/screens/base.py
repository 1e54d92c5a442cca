"""The base of every full screen: the one typed way a screen reaches the app.

`self.app` is typed as a plain Textual App, so a call like `self.app.start_plan(...)` would go
unchecked; screens call `self.rehab_app` instead, which mypy checks against RehabApp. The app's
use cases are `self.rehab_app.rehab` (rehab_tui.services); the app itself does the routing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from rehab_tui.tui.app import RehabApp  # the app imports the home screen: no cycle at run time

ResultType = TypeVar("ResultType")


class RehabScreen(Screen[ResultType]):
    @property
    def rehab_app(self) -> RehabApp:
        return cast("RehabApp", self.app)
