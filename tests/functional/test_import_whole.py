"""An import is all or nothing: interrupted at any write, it leaves every record added or none.

The import adds to several month files (and may take the profile into rehab.json). Each write is
interrupted in turn, as a kill or a full disk would interrupt it; the next writer to open the
folder finds either none of the export or all of it.
"""

from __future__ import annotations

import contextlib
import copy
import os

import pytest

from rehab_tui.exchange.importing import import_into, validate_export
from rehab_tui.storage.store import Store
from tests.functional.test_report import good_export

MONTHS = ["2026-01", "2026-02", "2026-03"]


def export_over_three_months() -> dict:
    data = good_export()
    first = data["sessions"][0]
    data["sessions"] = []
    for month in MONTHS:
        session = copy.deepcopy(first)
        day = f"{month}-03"
        session["id"] = f"{day.replace('-', '')}-080000-1a2b3c"
        for key in ("started_at", "ended_at"):
            session[key] = day + session[key][10:]
        data["sessions"].append(session)
    data["checkins"] = [{"date": f"{month}-04", "pain": 1} for month in MONTHS]
    return data


class Interrupted(BaseException):
    """Stands for a kill at this moment (a BaseException: nothing may catch it)."""


def test_an_interrupted_import_leaves_all_or_nothing(private_dirs, monkeypatch):
    data = validate_export(export_over_three_months(), "x.json")
    outcomes = set()
    for stop_at in range(1, 12):
        folder = private_dirs / f"try-{stop_at}"
        with Store(folder) as store:
            store.acquire_writer_lock()
            store.add_checkin({"date": "2026-02-10", "pain": 2})  # a month file already there
        calls = 0
        real_replace, real_write = os.replace, os.write

        def counting(real, stop_at=stop_at):
            def step(*args):
                nonlocal calls
                calls += 1
                if calls == stop_at:
                    raise Interrupted
                return real(*args)

            return step

        monkeypatch.setattr(os, "replace", counting(real_replace))
        monkeypatch.setattr(os, "write", counting(real_write))
        with Store(folder) as store:
            store.acquire_writer_lock()
            with contextlib.suppress(Interrupted):
                import_into(store, data)
        monkeypatch.setattr(os, "replace", real_replace)
        monkeypatch.setattr(os, "write", real_write)
        with Store(folder) as store:
            store.acquire_writer_lock()  # the next writer finishes an import that was decided
            sessions = len(list(store.sessions()))
            checkins = len(store.checkins())
            profile = store.setting("profile") is not None
        assert (sessions, checkins, profile) in {(0, 1, False), (3, 4, True)}, stop_at
        outcomes.add(sessions)
        assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp")], "no temp file left"
        assert not (folder / "import-in-progress.json").exists()
    assert outcomes == {0, 3}, "some interruptions come before the import is decided, some after"


@pytest.mark.parametrize("existing", [False, True])
def test_an_import_after_an_import_adds_with_new_ids(private_dirs, existing):
    """The import writes TinyDB's files itself: later saves through TinyDB still work."""
    data = validate_export(export_over_three_months(), "x.json")
    with Store(private_dirs) as store:
        store.acquire_writer_lock()
        if existing:
            store.add_checkin({"date": "2026-03-10", "pain": 2})
        assert import_into(store, data) == (3, 3, 0, 0)
        store.add_checkin({"date": "2026-03-11", "pain": 3})
        assert import_into(store, data) == (0, 0, 0, 0)
        assert len(store.checkins()) == 4 + existing
