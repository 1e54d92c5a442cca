"""Reading history back from the month files: a month at a time, newest first, each file read
(parsed) once per walk, with the sets of sessions still in progress (their journals) applied.

A part of `Store` (storage/store.py), kept here so that the store stays readable: `Store` mixes
`MonthReading` in (through month_records.MonthRecords) and provides its files (`_db`,
`month_names`, `_sessions_dir`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any, cast

from tinydb import TinyDB

from rehab_tui.domain.record_types import CapacityRecord, CheckinRecord, SessionRecord
from rehab_tui.storage import set_journal as journal
from rehab_tui.storage.json_file import AtomicJSONStorage

MONTH_FILE = re.compile(r"[0-9]{4}-[0-9]{2}\.json")


def months_in(listed: list[str]) -> list[str]:
    """The month files' names among the names `listed` in the sessions folder, newest first."""
    return sorted((name for name in listed if MONTH_FILE.fullmatch(name)), reverse=True)


class MonthReading:
    """Sessions, check-ins and tests read back from the month files, newest month first."""

    _lock: threading.RLock

    @property
    def _sessions_dir(self) -> Path:
        raise NotImplementedError  # Store's

    def _db(self, path: Path) -> TinyDB:
        raise NotImplementedError  # Store's

    def _session_files(self) -> list[str]:
        raise NotImplementedError  # Store's

    def month_files(self) -> list[Path]:
        raise NotImplementedError  # Store's

    def _months(self, table: str, since: str | None) -> Iterator[list[Any]]:
        """One table's documents (records of that table's type), a month at a time, newest month
        first, back to `since`'s month."""
        for tables in self._month_tables(since, only=(table,)):
            yield list(tables.get(table, {}).values())

    def month_tables(
        self, since: str | None = None, oldest_first: bool = False
    ) -> Iterator[dict[str, dict[str, Any]]]:
        """As _month_tables, oldest month first if asked: for a reader that goes through history
        a month at a time, once (an export written as it goes, `history --json`), so the months
        it parses are not kept parsed for a next read (parsed_files.py) that will not come."""
        return self._month_tables(since, oldest_first, keep=False)

    def _month_tables(
        self,
        since: str | None,
        oldest_first: bool = False,
        keep: bool = True,
        only: Collection[str] | None = None,
    ) -> Iterator[dict[str, dict[str, Any]]]:
        """Each month file's tables, read (parsed) once, newest month first (or oldest first),
        back to `since`'s, with the sets of sessions in progress (their journals) in their
        sessions; the months parsed kept parsed (the recent ones) if `keep`; at least the tables
        named in `only` (all when None)."""
        listed = self._session_files()  # listed once: its month files and its journals
        in_progress = journal.journals(self._sessions_dir, listed)
        names = months_in(listed)
        for name in reversed(names) if oldest_first else names:
            if since and name < since[:7]:
                if oldest_first:
                    continue
                return
            path = self._sessions_dir / name
            with self._lock:
                pending = journal.month_journals(in_progress, path.stem)  # before the month
                storage = cast(AtomicJSONStorage, self._db(path).storage)  # the store's own
                if not keep:
                    tables = storage.read_once() or {}
                else:
                    tables = (storage.read_tables(only) if only else storage.read()) or {}
            journal.apply_journals(tables, pending)
            yield tables

    def history_months(self) -> Iterator[tuple[list[SessionRecord], list[CheckinRecord]]]:
        """Each month's sessions and check-ins, newest month first, each file read once and
        only when the next month is asked for: the history screen's pages."""
        for tables in self._month_tables(None, only=("sessions", "checkins")):
            yield (
                list(tables.get("sessions", {}).values()),
                list(tables.get("checkins", {}).values()),
            )

    def recent(
        self, since: str
    ) -> tuple[list[SessionRecord], list[CheckinRecord], list[CapacityRecord]]:
        """Sessions (newest first), check-ins and tests (oldest first) on or after `since`,
        reading each month file once: what the plan needs, at a cost that does not grow with
        the years before `since`."""
        sessions: list[SessionRecord] = []
        checkins: list[CheckinRecord] = []
        tests: list[CapacityRecord] = []
        for tables in self._month_tables(since, only=("sessions", "checkins", "tests")):
            sessions += (
                s for s in tables.get("sessions", {}).values() if s["started_at"][:10] >= since
            )
            checkins += (c for c in tables.get("checkins", {}).values() if c["date"] >= since)
            tests += (t for t in tables.get("tests", {}).values() if t["date"] >= since)
        sessions.sort(key=lambda s: s["started_at"], reverse=True)
        checkins.sort(key=lambda c: c["date"])
        tests.sort(key=lambda t: (t["date"], t["id"]))
        return sessions, checkins, tests

    def sessions(self, since: str | None = None) -> Iterator[SessionRecord]:
        """Every session, newest first; `since` (YYYY-MM-DD) stops at older ones."""
        for docs in self._months("sessions", since):
            for doc in sorted(docs, key=lambda d: d["started_at"], reverse=True):
                if since and doc["started_at"][:10] < since:
                    return
                yield doc
