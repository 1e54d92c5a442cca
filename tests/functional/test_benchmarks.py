"""The benchmarks' own machinery stays working (the figures come from `python -m benchmarks`)."""

from __future__ import annotations

from datetime import date

from benchmarks import history10y
from rehab_tui.services.planning import plan_for
from rehab_tui.storage.catalog import load_catalog
from rehab_tui.storage.store import Store


def test_the_history_builder_writes_a_store_the_app_reads(tmp_path):
    today = date(2026, 3, 3)
    made = history10y.build(tmp_path, today, years=1)
    assert made == 730
    with Store(tmp_path) as store:
        sessions = list(store.sessions())
        assert len(sessions) == 730 and sessions[0]["started_at"][:10] == "2026-03-02"
        assert store.checkins(since="2026-03-03")[0]["pain"] == 1
        assert len(store.tests()) == 12
        plan = plan_for(store, load_catalog(), today)
    assert plan.reasons


def test_the_run_import_benchmark_imports_its_files(tmp_path):
    from benchmarks import run_files

    first, again = run_files.import_s(tmp_path, count=6)
    assert first > 0 and again > 0
    with Store(tmp_path / "data") as store:
        assert len(store.runs()) == 6
        assert {run["source"][-3:] for run in store.runs()} == {"gpx", "tcx", "fit"}
