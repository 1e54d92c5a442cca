"""Home once today's session is done, at 80×24 and 120×40 (review the SVGs before accepting)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rehab_tui.domain.records import new_session
from tests.snapshots.test_snapshots import SIZES, make_app


@pytest.mark.parametrize("size", SIZES)
def test_home_when_today_is_done(snap_compare, private_dirs, size):
    app, _ = make_app(private_dirs)
    step = app.rehab.catalog.ladder[0]
    done = new_session(step.exercises, datetime(2026, 3, 3, 7, tzinfo=UTC), step)
    app.rehab.store.start_session(done)
    app.rehab.store.finish_session(done["id"], ended_at=done["started_at"], completed=True, pain=2)
    assert snap_compare(app, terminal_size=size)
