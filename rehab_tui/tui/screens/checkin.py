"""The morning check-in: how the tendon feels the morning after a session, and any stiffness.

Asked at start-up when one is due, or opened from home's key (a skipped one, or any morning).
Saved through the use cases, which say what to warn about (pain at the hard stop, long
stiffness); the warnings are shown over the home screen.
"""

from __future__ import annotations

from datetime import date

from textual.binding import Binding
from textual.widgets import Input

from rehab_tui.domain.outcomes import CheckinDue
from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.text import whole_number
from rehab_tui.tui.dialogs.red_flag import show_warnings
from rehab_tui.tui.screens.rating import RatingScreen


class CheckinScreen(RatingScreen):
    BINDINGS = [Binding("escape", "skip", "Skip for now", id="checkin.skip")]

    def __init__(
        self, day: date, due: CheckinDue | None, baseline: int, limits: PainLimits
    ) -> None:
        """`day`: this morning, the day the check-in is dated; `due`: the session or run it
        follows, if one is due (None: opened from home with none due)."""
        after = ""
        if due is not None:
            named = "yesterday's" if (day - due.day).days == 1 else f"{due.day:%A}'s"
            after = f", after {named} {due.what}"
        super().__init__(
            f"How does the tendon feel this morning{after}?",
            "Pain right now, 0-10 (it starts at your usual level): a digit or the arrows, then "
            "enter. It decides whether today's plan steps up, holds or steps back.",
            "Morning stiffness in minutes (optional; tab to reach it):",
            Input(placeholder="e.g. 10", id="stiffness", type="integer", max_length=3),
            limits,
            start=baseline,
        )
        self.day = day

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = "Morning check-in"

    async def submit(self, pain: int, field_text: str) -> None:
        minutes = whole_number(field_text)  # ASCII digits only: "³" passes str.isdigit
        stiffness = None if minutes is None else min(600, minutes)
        app = self.rehab_app
        warnings = app.rehab.check_in(self.day, pain, stiffness)
        app.action_go_home()
        show_warnings(app, warnings, pain, "this morning")

    def action_skip(self) -> None:
        self.rehab_app.action_go_home()
