"""The workers that save finished sets, and quitting only once they have.

A set is saved in a thread worker, so a slow disk never stalls a countdown, and only once the
frame that ends it is drawn (after_frame.py). Until its save returns it is kept in
`_pending_saves`: saved once the app has ended, however it ended (`save_pending`), or by the exit
watchdog (a closed terminal) on its way out. Quitting
from the keyboard (ctrl+q, ctrl+c, q) first lets every queued save go without waiting for a frame
that will not come, and waits for them: a set finished just before is never lost.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerState

from rehab_tui.tui.after_frame import AfterFrameApp

if TYPE_CHECKING:
    from rehab_tui.domain.playback import SetResult
    from rehab_tui.services.rehab import Rehab
    from rehab_tui.storage.store import Store


class SavingApp(AfterFrameApp):
    rehab: Rehab
    store: Store

    def __init__(self) -> None:
        super().__init__()
        self._pending_saves: dict[int, Callable[[], None]] = {}
        self._save_numbers = itertools.count()

    def save_set(self, session_id: str, result: SetResult) -> None:
        """Save one finished set off the event loop, once the frame that ends it is drawn."""
        key = next(self._save_numbers)
        save = self._pending_saves[key] = partial(self.rehab.save_set, session_id, result)

        def save_and_forget() -> None:
            drawn.wait()  # the frame that ends the set goes first (after_frame.py)
            save()
            self._pending_saves.pop(key, None)

        drawn = self.frame_drawn()
        name = f"save set {result.set_number} of {result.exercise_id}"
        self.run_worker(save_and_forget, thread=True, exit_on_error=False, group="saves", name=name)

    async def saves_finished(self) -> None:
        """Wait for every set still being saved (the session is rated after its last set)."""
        await self.workers.wait_for_complete([w for w in self.workers if w.group == "saves"])

    async def action_quit(self) -> None:
        """Quit once every finished set is saved."""
        self.flush_after_frame()  # what waits for a frame goes now: none may come
        await self.saves_finished()
        await super().action_quit()

    def save_pending(self) -> None:
        """The sets whose saves have not finished, saved now (again: saving a set twice keeps
        one): once the app has ended, however it ended, before the store closes."""
        for save in list(self._pending_saves.values()):
            with contextlib.suppress(Exception):  # reported already, or the disk is gone
                save()

    def save_pending_and_close(self) -> None:
        """For the exit watchdog, on its own thread: save_pending, then the store closes,
        releasing the lock."""
        self.save_pending()
        self.store.close()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "saves" and event.state is WorkerState.ERROR:
            self.notify(
                f"Could not save a set: {event.worker.error}. Your session continues; "
                "check the data folder (rehab-tui where).",
                title="Not saved",
                severity="error",
                timeout=15,
                markup=False,
            )
