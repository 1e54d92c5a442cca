"""The focus view (f): only the phase and the count, at 80×24 and 120×40 (review the SVGs)."""

from __future__ import annotations

import pytest

from tests.snapshots.test_snapshots import SIZES, make_app, settle


@pytest.mark.parametrize("size", SIZES)
def test_focus_view(snap_compare, private_dirs, size):
    app, clock = make_app(private_dirs)

    async def run_before(pilot):
        await pilot.press("enter", "f")
        settle(pilot, clock, 5 + 7.5)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
