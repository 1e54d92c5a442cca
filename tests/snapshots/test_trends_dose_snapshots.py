"""The trends screen's dose charts (time held, strength reps, the weight used) over three weeks
that climb from holds to loaded raises, scrolled to them, at 80×24 and 120×40 (review the SVGs)."""

from __future__ import annotations

from datetime import date

import pytest

from rehab_tui.domain.clock import FakeClock
from rehab_tui.storage.catalog import load_catalog
from rehab_tui.storage.store import Store
from rehab_tui.tui.app import RehabApp
from tests.history_data import fill_dose_weeks
from tests.snapshots.test_snapshots import SIZES


@pytest.mark.parametrize("size", SIZES)
def test_trends_dose_charts(snap_compare, private_dirs, size):
    catalog = load_catalog()
    store = Store(private_dirs)
    store.set_setting("profile", {"tendinopathy": "midportion", "baseline": 0, "limits": "strict"})
    fill_dose_weeks(store, catalog, date(2026, 3, 3))
    app = RehabApp(catalog, store, FakeClock())

    async def run_before(pilot):
        await pilot.press("g")
        await pilot.app.workers.wait_for_complete()
        for _ in range(50):  # until the trends screen is laid out (slow on a busy machine)
            await pilot.pause()
            charts = pilot.app.screen.query("#held-chart")
            if charts and charts.first().region.height:
                break
        pilot.app.screen.query_one("#trends-scroll").scroll_to_widget(
            charts.first(), animate=False, top=True, immediate=True
        )
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
