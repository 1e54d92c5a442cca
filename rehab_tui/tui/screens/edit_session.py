"""Correct a past session (its pain during and its note) or the morning check-in after it (its
pain and stiffness), on the rating screen's scale.

Opened from the session's detail (e, m); enter saves through the use cases (Corrections), escape
leaves it as it was. The plan is worked out from the records, so the next plan follows.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.widgets import Input

from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.record_types import CheckinRecord, SessionRecord
from rehab_tui.domain.text import whole_number
from rehab_tui.services.results import ServiceError
from rehab_tui.tui.screens.rating import RatingScreen


class EditSessionScreen(RatingScreen):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="edit_session.cancel")]

    def __init__(
        self, session: SessionRecord, limits: PainLimits, saved: Callable[[], None]
    ) -> None:
        """`saved`: called once the change is saved (the detail reads the session again)."""
        super().__init__(
            "Correct the pain during this session",
            "0 is no pain, 10 the worst imaginable: a digit or the arrows, then enter to save; "
            "escape leaves it as it was.",
            "Note (tab to reach it, enter to save):",
            Input(value=session["note"], id="note", max_length=500),
            limits,
            start=session["pain"] if session["pain"] is not None else 0,
        )
        self.session_id = session["id"]
        self.saved = saved

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = "Correct a session"

    async def submit(self, pain: int, field_text: str) -> None:
        try:
            self.rehab_app.rehab.edit_session(self.session_id, pain, field_text)
        except ServiceError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.app.pop_screen()
        self.saved()

    def action_cancel(self) -> None:
        self.app.pop_screen()


class EditCheckinScreen(RatingScreen):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="edit_checkin.cancel")]

    def __init__(
        self, checkin: CheckinRecord, limits: PainLimits, saved: Callable[[], None]
    ) -> None:
        """`saved`: called once the change is saved (the detail reads the outcome again)."""
        stiffness = checkin.get("stiffness_min")
        super().__init__(
            f"Correct the check-in of {checkin['date']}",
            "Pain that morning, 0-10: a digit or the arrows, then enter to save; escape leaves "
            "it as it was.",
            "Morning stiffness in minutes (tab to reach it; empty: none):",
            Input("" if stiffness is None else str(stiffness), id="stiffness", type="integer"),
            limits,
            start=checkin["pain"],
        )
        self.checkin = checkin
        self.saved = saved

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = "Correct a check-in"

    async def submit(self, pain: int, field_text: str) -> None:
        from datetime import date

        minutes = whole_number(field_text)
        stiffness = None if minutes is None else min(600, minutes)
        day = date.fromisoformat(self.checkin["date"])
        try:
            self.rehab_app.rehab.edit_checkin(day, pain, stiffness, keep_stiffness=False)
        except ServiceError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.app.pop_screen()
        self.saved()

    def action_cancel(self) -> None:
        self.app.pop_screen()
