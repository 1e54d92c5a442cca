"""After the session: how much did it hurt (0–10), and an optional note.

The rating is saved once every set's save has finished; then the summary is shown, with a
capacity test's result in it and any warning the rating brings.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from rehab_tui.domain.pain import PainLimits
from rehab_tui.tui.dialogs.red_flag import show_warnings
from rehab_tui.tui.screens.rating import RatingScreen


class PainScreen(RatingScreen):
    BINDINGS = [Binding("escape", "skip", "Skip rating", id="pain.skip")]

    def __init__(self, session_id: str, limits: PainLimits) -> None:
        super().__init__(
            "How much did it hurt during the session?",
            "0 is no pain, 10 the worst imaginable. Press a digit, or use the arrows "
            "(10 is right of 9), then enter.",
            "Note (optional; tab to reach it, enter to save):",
            Input(placeholder="e.g. stiff first thing, easier by set 3", id="note", max_length=500),
            limits,
        )
        self.session_id = session_id

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = "How did it feel?"

    async def submit(self, pain: int | None, field_text: str) -> None:
        from rehab_tui.domain.review import describe_test
        from rehab_tui.tui.screens.summary import SummaryScreen

        app = self.rehab_app
        await app.saves_finished()
        rated = app.rehab.rate_session(self.session_id, pain, field_text)
        # A test's result is part of its summary, not a notice: a notice would still be up,
        # covering the timer, when the next test (the hop test after the heel raises) starts.
        saved = None if rated.test is None else describe_test(rated.test)
        app.switch_screen(SummaryScreen(rated.session, self.limits, saved_test=saved))
        show_warnings(app, rated.warnings, pain, "during the session")

    async def action_skip(self) -> None:
        await self.submit(None, self.field.value.strip())
