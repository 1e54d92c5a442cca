"""The records filed in the month files beside the sessions: morning check-ins, capacity tests
and runs, each saved into its month's file and read back a month at a time.

A part of `Store` (storage/store.py), kept here so that the store stays readable: `Store` mixes
`MonthRecords` in and provides the month files it writes (`_month_db`); they are read back by
month_reading.MonthReading.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from tinydb import Query, TinyDB

from rehab_tui.domain.record_types import CapacityRecord, CheckinRecord, RunRecord
from rehab_tui.storage.month_reading import MonthReading
from rehab_tui.storage.tests_index import TestsIndex


def month_of(record_id: str) -> str:
    """Session and run ids start with their start date (YYYYMMDD-...), which names their
    month's file."""
    return f"{record_id[0:4]}-{record_id[4:6]}"


class MonthRecords(MonthReading):
    """Check-ins, capacity tests and runs: saved into, and read from, the month files."""

    _tests_index: TestsIndex  # Store's

    def _month_db(self, month: str) -> TinyDB:
        raise NotImplementedError  # Store's

    @property
    def is_writer(self) -> bool:
        raise NotImplementedError  # Store's

    # -- morning check-ins --------------------------------------------------------------

    def add_checkin(self, checkin: CheckinRecord) -> None:
        """Save a morning check-in ({"date": "YYYY-MM-DD", "pain", ...}); one per day, latest wins,
        whole: a stiffness the new one does not give is not kept from the old one."""

        def replace(doc: MutableMapping[str, Any]) -> None:
            doc.clear()
            doc.update(checkin)

        with self._lock:
            month = checkin["date"][:7]
            table = self._month_db(month).table("checkins")
            if not table.update(replace, Query().date == checkin["date"]):
                table.insert(checkin)

    def remove_checkin(self, day: str) -> bool:
        """Delete the check-in of `day`; whether there was one. One atomic rewrite of its month."""
        with self._lock:
            return bool(self._month_db(day[:7]).table("checkins").remove(Query().date == day))

    def checkins(self, since: str | None = None) -> list[CheckinRecord]:
        """Check-ins on or after `since` (YYYY-MM-DD), oldest first."""
        found = [c for docs in self._months("checkins", since) for c in docs]
        return sorted(
            (c for c in found if not since or c["date"] >= since), key=lambda c: c["date"]
        )

    # -- capacity tests (heel-raise and hop tests, VISA-A scores) ------------------------

    def add_test(self, record: CapacityRecord) -> None:
        """Save one capacity-test result ({"id", "date": "YYYY-MM-DD", "kind", ...})."""
        with self._lock:
            table = self._month_db(record["date"][:7]).table("tests")
            table.upsert(record, Query().id == record["id"])

    def remove_test(self, test_id: str, day: str) -> bool:
        """Delete the test `test_id` of `day`'s month; whether it was there."""
        with self._lock:
            return bool(self._month_db(day[:7]).table("tests").remove(Query().id == test_id))

    def tests(self, since: str | None = None) -> list[CapacityRecord]:
        """Capacity-test results on or after `since` (YYYY-MM-DD), oldest first: from the tests
        index (tests_index.py), which reads only the month files changed since it was made."""
        with self._lock:
            found = self._tests_index.tests(self.month_files(), self.is_writer)
        return sorted(
            (t for t in found if not since or t["date"] >= since),
            key=lambda t: (t["date"], t["id"]),
        )

    # -- runs ---------------------------------------------------------------------------------

    def add_run(self, run: RunRecord) -> None:
        """Save one run into the month its id (its start) names."""
        with self._lock:
            self._month_db(month_of(run["id"])).table("runs").insert(run)

    def update_run(self, run: RunRecord) -> bool:
        """Replace the run with `run`'s id by `run` (an edit); whether it was there."""
        with self._lock:
            table = self._month_db(month_of(run["id"])).table("runs")
            return bool(table.update(dict(run), Query().id == run["id"]))

    def remove_run(self, run_id: str) -> bool:
        """Delete the run `run_id`; whether it was there."""
        with self._lock:
            return bool(self._month_db(month_of(run_id)).table("runs").remove(Query().id == run_id))

    def runs(self, since: str | None = None) -> list[RunRecord]:
        """Runs started on or after `since` (YYYY-MM-DD, by their own local date), oldest first."""
        found = [r for docs in self._months("runs", since) for r in docs]
        return sorted(
            (r for r in found if not since or r["started_at"][:10] >= since),
            key=lambda r: (r["started_at"], r["id"]),
        )
