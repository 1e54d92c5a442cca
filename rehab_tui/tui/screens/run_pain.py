"""After the walk-run player: how much did it hurt during the run (0-10), and a note.

Pain is asked, never skipped: a run's record needs it. Once every repeat's save has finished,
the run is recorded (services/walk_run.py: once, with the minutes actually done) and the Runs
screen shows it, with the hard-stop advice when the pain calls for it.
"""

from __future__ import annotations

from textual.widgets import Input

from rehab_tui.domain.pain import PainLimits
from rehab_tui.services.results import ServiceError
from rehab_tui.storage.errors import StoreError
from rehab_tui.tui.screens.rating import RatingScreen


class RunPainScreen(RatingScreen):
    def __init__(self, session_id: str, limits: PainLimits) -> None:
        super().__init__(
            "How much did it hurt during the run?",
            "0 is no pain, 10 the worst imaginable. Press a digit, or use the arrows "
            "(10 is right of 9), then enter.",
            "Note (optional; tab to reach it, enter to save):",
            Input(placeholder="e.g. treadmill, easy pace", id="note", max_length=500),
            limits,
        )
        self.session_id = session_id

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = "How did the run feel?"

    async def submit(self, pain: int, field_text: str) -> None:
        app = self.rehab_app
        await app.saves_finished()
        try:
            logged = app.rehab.finish_walk_run(self.session_id, pain, field_text)
        except (ServiceError, StoreError, OSError) as error:
            app.notify(
                f"Could not save the run: {error}.",
                title="Not saved",
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        app.back_to_runs()
        if logged is not None:
            app.run_saved(logged)
