"""The player's dialogs: the weight used on a loaded exercise, help, and ending early.

A base of `PlayerScreen` (screens/player.py), which owns the playback and the redraws. Timers
keep running under a modal, so a hold is paused while a dialog is open, and resumed after only
if it was running before.
"""

from __future__ import annotations

from functools import partial

from rehab_tui.domain.kinds import rules_for
from rehab_tui.domain.playback import Playback
from rehab_tui.domain.timeline import Timeline
from rehab_tui.services.results import ServiceError
from rehab_tui.storage.errors import StoreError
from rehab_tui.tui.screens.base import RehabScreen


class PlayerDialogs(RehabScreen[None]):
    session_id: str
    timeline: Timeline
    playback: Playback
    _weights_asked: set[int]  # exercises whose weight was asked here (by index)
    _resume_later: bool  # a dialog paused a running step, to resume as it closes

    def update_now(self) -> None:
        """Recompute and redraw at once: the player's."""
        raise NotImplementedError

    def _ask_weight(self, exercise_index: int) -> None:
        """The weight used on a loaded exercise, asked once as it starts. The step is paused
        first, so its countdown waits for the answer whole; nothing is asked (and the step runs
        on at once) with no weights at home, or when its weight was recorded before a resume."""
        if exercise_index in self._weights_asked:
            return
        self._weights_asked.add(exercise_index)
        if not self.timeline.exercises[exercise_index].exercise.loaded:
            return
        self._resume_later = not self.playback.paused
        self.playback.pause()
        prompt = self.rehab_app.rehab.load_prompt(self.session_id, exercise_index)
        if prompt is None:
            if self._resume_later:
                self.playback.resume()
            self._resume_later = False
            return
        from rehab_tui.tui.dialogs.load import LoadScreen

        self.app.push_screen(LoadScreen(prompt), partial(self._weight_given, exercise_index))

    def _weight_given(self, exercise_index: int, load_kg: float | None) -> None:
        if load_kg is not None:
            try:
                self.rehab_app.rehab.record_load(self.session_id, exercise_index, load_kg)
            except (ServiceError, StoreError, OSError) as error:
                self.rehab_app.notify(
                    f"Could not save the weight: {error}. Your session continues.",
                    title="Not saved",
                    severity="error",
                    timeout=15,
                    markup=False,
                )
        self.resume_after_modal()

    def action_help(self) -> None:
        from rehab_tui.tui.dialogs.help import HelpScreen

        self.pause_for_modal()
        self.app.push_screen(HelpScreen(self), self.resume_after_modal)

    def action_end_session(self) -> None:
        from rehab_tui.tui.dialogs.confirm import ConfirmScreen

        self.pause_for_modal()
        self.app.push_screen(
            ConfirmScreen(
                "End this session now?",
                "The sets you finished are saved; you will be asked how much it hurt.",
            ),
            self._end_confirmed,
        )

    def _end_confirmed(self, yes: bool | None) -> None:
        if yes:
            self._keep_partial_set()
            self.rehab_app.end_session(
                self.session_id, completed=False, paused_s=self.playback.total_paused_s
            )
        else:
            self.resume_after_modal()

    def _keep_partial_set(self) -> None:
        """Ending early: the set under way is saved as far as it went (a hold's seconds, a
        run's minutes), marked skipped, as `n` saves it; a counted set is known only at `d`."""
        step = self.playback.step
        if step.work_kind is not None and rules_for(step.work_kind).keeps_partial_set:
            for result in self.playback.skip().results:
                self.rehab_app.save_set(self.session_id, result)

    def pause_for_modal(self) -> None:
        self._resume_later = not self.playback.paused
        self.playback.pause()
        self.update_now()

    def resume_after_modal(self, _: object = None) -> None:
        if self._resume_later:
            self.playback.resume()
        self._resume_later = False
        self.update_now()
