"""Run the real app headless on a fake clock, finish one set, say READY, then wait for a signal.

Used by tests/functional/test_safety.py: `python app_until_signalled.py DATA_DIR EXERCISES`.
"""

from __future__ import annotations

import sys

from rehab_tui.domain.clock import FakeClock
from rehab_tui.storage.catalog import load_catalog
from rehab_tui.storage.store import Store
from rehab_tui.tui.app import RehabApp


def main() -> int:
    data_dir, exercises = sys.argv[1:3]
    clock = FakeClock()
    with Store(data_dir) as store:
        store.acquire_writer_lock()
        store.set_setting("profile", {"tendinopathy": "midportion", "baseline": 0})
        app = RehabApp(load_catalog(exercises), store, clock)

        async def finish_one_set(pilot) -> None:
            await pilot.press("enter")
            clock.advance(5 + 20 + 1)  # the lead-in and the first hold: into the first rest
            app.screen.update_now()
            await app.workers.wait_for_complete()
            print("READY", flush=True)

        app.run(headless=True, size=(80, 24), auto_pilot=finish_one_set)
        return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
