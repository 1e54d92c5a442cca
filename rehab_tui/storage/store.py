"""All of rehab-tui's saved data, behind one class.

Layout of the data folder (0700; every file 0600):

    rehab.json              profile, settings, schema version, the session in progress
    sessions/YYYY-MM.json   that month's sessions (with their exercises and sets), runs,
                            check-ins and capacity tests, one table each
    sessions/ID.sets        the sets of session ID, in progress, until they join its month
    sessions/tests-index.json  every month's capacity tests, by month file version (derived:
                            rebuilt when missing; tests_index.py)
    .lock                   held by the one process allowed to write
    import-in-progress.json only while an import's files are put in place (atomic.write_together)

Only that process changes anything here: it makes the folders (0700; an existing one is left as
it is), removes temp files left by a crash, stamps and migrates the schema, and saves. Any other
process only reads, so `history` or `export` work on a read-only folder, and opening the store
never disturbs a save in flight in the writer.

TinyDB rewrites a whole file on every write, so history is kept in monthly parts, and a set is
appended to its session's journal (set_journal.py), folded into the month when the session ends.
Every other write goes to a temp file in the same folder, is fsynced, and replaces the old file
with os.replace, so a crash at any moment leaves either the old file or the new one, never half of each. A file that cannot be read,
or holds a record of a shape the app does not write, is reported and left exactly as it is.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Unpack, cast

from tinydb import Query, TinyDB

from rehab_tui.domain.record_types import (
    CapacityRecord,
    CheckinRecord,
    ProfileRecord,
    RunRecord,
    SessionChanges,
    SessionRecord,
    SetRecord,
)
from rehab_tui.storage import set_journal as journal
from rehab_tui.storage.atomic import (
    back_up,
    finish_together,
    make_private_dir,
    remove_stray_temp_files,
)
from rehab_tui.storage.checked_files import CheckedFiles
from rehab_tui.storage.errors import LockedError, StoreError
from rehab_tui.storage.json_file import AtomicJSONStorage, Tables, add_new_docs
from rehab_tui.storage.merging import add_new_records, file_by_month, write_tables_together
from rehab_tui.storage.month_reading import months_in
from rehab_tui.storage.month_records import MonthRecords, month_of
from rehab_tui.storage.parsed_files import ParsedFiles, Version
from rehab_tui.storage.stored_records import check_main_tables, check_month_tables
from rehab_tui.storage.tests_index import TestsIndex

SCHEMA_VERSION = 1
MAIN_FILE = "rehab.json"
SESSIONS_DIR = "sessions"
WRITE_JOURNAL = "import-in-progress.json"  # an import's files, until all are in place

# How to bring data of schema N up to N + 1, run in order on open after a backup of every file.
# Schema 1 is the first, so there is nothing to migrate yet; a change to the saved shape bumps
# SCHEMA_VERSION and adds its step here (tests/functional/test_store.py shows how one runs).
# A new table in the month files (as "runs" was) needs no step: files without it read as before,
# and an older rehab-tui reads past it and keeps it when it rewrites the file.
Migration = Callable[["Store"], None]
MIGRATIONS: dict[int, Migration] = {}


class Store(MonthRecords):
    """Sessions, sets, runs, check-ins, tests, settings and the profile, saved atomically in the
    data folder (check-ins, tests and runs: month_records.py)."""

    def __init__(self, data_dir: Path, kept_in: Path | None = None):
        """`kept_in`: the cache folder, where the files' passed checks are remembered between
        runs (checked_files.py)."""
        self.data_dir = Path(data_dir)
        self._lock = threading.RLock()
        self._dbs: dict[Path, TinyDB] = {}
        self._lock_fd: int | None = None
        self._journaled: set[str] = set()  # sessions known to be there, to save sets into
        self._parsed = ParsedFiles()  # the files read last, parsed: not parsed again unchanged
        self._checked_files = CheckedFiles(kept_in)
        self._tests_index = TestsIndex(self._sessions_dir, self._read_tables)
        self._saves = 0  # every save this store makes: data_version
        try:
            if self._check_schema() < SCHEMA_VERSION:
                self.acquire_writer_lock()  # bringing older data up to date is a write
        except BaseException:
            self.close()
            raise

    # -- files --------------------------------------------------------------------------

    @property
    def main_path(self) -> Path:
        return self.data_dir / MAIN_FILE

    @property
    def _sessions_dir(self) -> Path:
        return self.data_dir / SESSIONS_DIR

    def _db(self, path: Path) -> TinyDB:
        with self._lock:
            if path not in self._dbs:
                check = check_main_tables if path == self.main_path else check_month_tables
                self._dbs[path] = TinyDB(
                    path,
                    storage=AtomicJSONStorage,
                    check=check,
                    parsed=self._parsed,
                    on_write=self._saved,
                    checked_files=self._checked_files,
                )
            return self._dbs[path]

    def _saved(self, path: Path, version: Version, tables: Tables) -> None:
        """A data file was saved (AtomicJSONStorage): what is known of the data is out of date."""
        self._saves += 1
        self._tests_index.written(path, version, tables)

    @property
    def is_writer(self) -> bool:
        """Whether this store holds the writer lock (acquire_writer_lock)."""
        return self._lock_fd is not None

    def data_version(self) -> int | None:
        """A number that changes with every save this store makes, for what is worked out from
        the data (the plan) to be kept until then; None when this store is not the writer, as
        then another process may save at any moment."""
        return self._saves if self.is_writer else None

    def _month_db(self, month: str) -> TinyDB:
        """The TinyDB of one month ("YYYY-MM"), whose sessions and check-ins it holds."""
        return self._db(self.data_dir / SESSIONS_DIR / f"{month}.json")

    def month_files(self) -> list[Path]:
        """The monthly history files, newest first."""
        folder = self._sessions_dir
        return [folder / name for name in self.month_names()]

    def month_names(self) -> list[str]:
        """The monthly history files' names, newest first."""
        return months_in(self._session_files())

    def _session_files(self) -> list[str]:
        """The names in the sessions folder, listed (a glob and 360 Paths took 1.5 ms, and the
        plan reads several times); none when there is no history yet."""
        try:
            return os.listdir(self._sessions_dir)
        except OSError:
            return []

    def _check_schema(self) -> int:
        """The data's schema (this version's for new data); StoreError for one it cannot read.

        Only reads: stamping new data and migrating older data are the writer's
        (_bring_up_to_date)."""
        found = self._db(self.main_path).table("meta").get(doc_id=1)
        if found is None:
            return SCHEMA_VERSION
        version = found.get("schema")
        if not isinstance(version, int) or version < 1 or version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.main_path} has data schema {version!r}; this version of "
                f"rehab-tui reads schema {SCHEMA_VERSION}. Upgrade rehab-tui to open it."
            )
        return version

    def _bring_up_to_date(self) -> None:
        """Stamp new data with the schema; migrate older data, after a backup. Writer only."""
        meta = self._db(self.main_path).table("meta")
        found = meta.get(doc_id=1)
        if found is None:
            meta.insert({"schema": SCHEMA_VERSION})
            return
        version = self._check_schema()
        if version < SCHEMA_VERSION:
            back_up(self.data_dir, f"before-schema-{SCHEMA_VERSION}", self._data_files())
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](self)
                meta.update({"schema": step + 1}, doc_ids=[1])

    def _data_files(self) -> list[Path]:
        return [self.main_path, *self.month_files()]

    def acquire_writer_lock(self) -> None:
        """Become the one process that writes here; raise LockedError if another already is.

        Then, and only then, the folder is made ready for writing: missing folders made, temp
        files left by a crash removed (no other process can be writing one now), and the
        schema stamped or brought up to date.
        """
        if self._lock_fd is not None:
            return
        try:
            make_private_dir(self.data_dir / SESSIONS_DIR)
            fd = os.open(self.data_dir / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise StoreError(
                f"cannot write in the data folder {self.data_dir}: {error.strerror}"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise LockedError(
                f"another rehab-tui is using {self.data_dir}; close it first, so that neither "
                "overwrites the other's sessions"
            ) from None
        self._lock_fd = fd
        self._saves += 1
        finish_together(self.data_dir / WRITE_JOURNAL)  # an import a crash interrupted
        with self._lock:
            self._dbs.clear()  # files read before may have been replaced just now
            self._tests_index.forget()
            for session_id in journal.journals(self._sessions_dir, self._session_files()):
                self._fold(session_id)  # left by a crash: its month holds every set again
        for folder in (self.data_dir, self.data_dir / SESSIONS_DIR):
            # Left only by a crash before its rename: the real file is intact.
            remove_stray_temp_files(folder, everyone=True)
        self._bring_up_to_date()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._dbs.clear()
            self._parsed.clear()
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None
        self._checked_files.keep()  # the next run's shortcut: after the data is let go

    # -- settings -----------------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        with self._lock:
            found = self._db(self.main_path).table("settings").get(Query().key == key)
            return found["value"] if found else default

    def settings(self) -> dict[str, Any]:
        """Every setting, by key."""
        with self._lock:
            return {doc["key"]: doc["value"] for doc in self._db(self.main_path).table("settings")}

    def set_setting(self, key: str, value: Any) -> None:
        with self._lock:
            table = self._db(self.main_path).table("settings")
            table.upsert({"key": key, "value": value}, Query().key == key)

    # -- sessions -----------------------------------------------------------------------

    def add_session(self, session: SessionRecord) -> None:
        with self._lock:
            self._month_db(month_of(session["id"])).table("sessions").insert(session)

    def start_session(self, session: SessionRecord) -> None:
        """Save a new session and mark it as the one in progress."""
        with self._lock:
            self.add_session(session)
            self.set_setting("active_session", session["id"])

    def save_set(self, session_id: str, exercise_index: int, result: SetRecord) -> None:
        """Add (or replace, when a set is redone) one set of one exercise of a session: one line
        appended to the session's journal (set_journal.py), folded into its month later."""
        with self._lock:
            journal.append_set(self._journal_of(session_id), exercise_index, result)
            self._saves += 1

    def save_load(self, session_id: str, exercise_index: int, load_kg: float) -> None:
        """The weight used on one exercise of a session (kg): a line of its journal, like a set."""
        with self._lock:
            journal.append_load(self._journal_of(session_id), exercise_index, load_kg)
            self._saves += 1

    def _journal_of(self, session_id: str) -> Path:
        if session_id not in self._journaled and self.session(session_id) is None:
            raise StoreError(f"no session {session_id} to save into")
        self._journaled.add(session_id)
        return journal.journal_path(self._sessions_dir, session_id)

    def _fold(self, session_id: str) -> None:
        """Write a session's journaled sets into its month file, then drop the journal (kept
        aside instead if its session is gone, say with a month file set aside as damaged)."""
        path = journal.journal_path(self._sessions_dir, session_id)
        entries = journal.read_entries(path)
        table = self._month_db(month_of(session_id)).table("sessions")
        if entries and not table.update(
            lambda doc: journal.apply_entries(doc, entries, path), Query().id == session_id
        ):
            return journal.keep_aside(path)
        path.unlink(missing_ok=True)

    def finish_session(self, session_id: str, **fields: Unpack[SessionChanges]) -> None:
        """Close a session with its end time, pain and note; it is no longer in progress."""
        with self._lock:
            self._fold(session_id)
            table = self._month_db(month_of(session_id)).table("sessions")
            table.update(fields, Query().id == session_id)
            if self.setting("active_session") == session_id:
                self.set_setting("active_session", None)

    def update_session(self, session_id: str, **fields: Unpack[SessionChanges]) -> None:
        with self._lock:
            self._fold(session_id)
            self._month_db(month_of(session_id)).table("sessions").update(
                fields, Query().id == session_id
            )

    def drop_session(self, session_id: str) -> None:
        """Remove a session and its journal (the walk-run player's, once its run is saved)."""
        with self._lock:
            self._month_db(month_of(session_id)).table("sessions").remove(Query().id == session_id)
            journal.journal_path(self._sessions_dir, session_id).unlink(missing_ok=True)
            self._journaled.discard(session_id)
            if self.setting("active_session") == session_id:
                self.set_setting("active_session", None)

    def session(self, session_id: str) -> SessionRecord | None:
        with self._lock:
            path = self._sessions_dir / f"{month_of(session_id)}.json"
            sets = journal.journal_path(self._sessions_dir, session_id)
            entries = journal.read_entries(sets)  # before the month: a fold may come in between
            table = self._db(path).table("sessions") if path.exists() else None
            found = table.get(Query().id == session_id) if table is not None else None
            if not found:
                return None
            session = dict(found)  # read afresh from the file: ours to change
            journal.apply_entries(session, entries, sets)
            return cast(SessionRecord, session)

    def active_session(self) -> SessionRecord | None:
        """The session left in progress by a quit or a crash, if there is one."""
        session_id = self.setting("active_session")
        return self.session(session_id) if session_id else None

    # -- import ---------------------------------------------------------------------------

    def merge(
        self,
        sessions: list[SessionRecord],
        checkins: list[CheckinRecord],
        tests: list[CapacityRecord],
        profile: ProfileRecord | None = None,
        runs: Sequence[RunRecord] = (),
    ) -> tuple[int, int, int, int]:
        """Add the records not already here, and the profile when there is none, in one step
        (atomic.write_together): all of them or none. How many sessions, check-ins, tests, runs."""
        with self._lock:
            added = dict.fromkeys(("sessions", "checkins", "tests", "runs"), 0)
            filed = file_by_month(sessions, checkins, tests, runs)
            changed = add_new_records(self._read_tables, self._sessions_dir, filed, added)
            if profile is not None and self.setting("profile") is None:
                main = self._read_tables(self.main_path)
                add_new_docs(
                    main.setdefault("settings", {}), [{"key": "profile", "value": profile}], "key"
                )
                changed = itertools.chain(changed, [(self.main_path, main)])
            self._write_together(changed)
        return added["sessions"], added["checkins"], added["tests"], added["runs"]

    def _read_tables(self, path: Path) -> Tables:
        return self._db(path).storage.read() or {}

    def _write_together(self, changed: Iterable[tuple[Path, Tables]]) -> None:
        """Write these files' new tables as one step; TinyDB reads them afresh afterwards."""
        try:
            written = write_tables_together(changed, self.data_dir / WRITE_JOURNAL)
        except BaseException:
            self._dbs.clear()  # which files changed, if any did, is not known: all read afresh
            raise
        finally:
            self._saves += 1  # the index sees these months changed by their files' versions
        for path in written:
            self._dbs.pop(path, None)  # its tables' cached next ids are out of date
