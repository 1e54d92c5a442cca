"""The capacity tests of every month, without reading every month: `sessions/tests-index.json`.

Tests are filed in the month files beside the sessions (a month a test at most, as a rule), so
listing them used to parse every month: 370 files and 450 ms at 30 years, for the dozen results
the trends screen shows. The index keeps each month file's tests beside the version of that
file they were read from (its inode, size and modification time). Listing the tests is then one
small file and a stat of each month file; a month whose file is not the version indexed (new,
changed, gone) is read again, and only that one.

Why a derived index and not the tests moved out of the month files (into rehab.json, say):
nothing about the saved data changes, so there is no migration, an older rehab-tui reads and
writes the same files, and an export, an import or a month set aside as damaged needs no step
of its own. The index can only ever be out of date, never wrong: a missing, damaged or foreign
index is rebuilt from the months (their records checked as every read checks them); a month
written by anyone (an older version, an import, another tool) is re-read because its file
changed. The store's writer updates the entry of each month it saves from the tables it just
wrote, and only the writer saves the index (atomically); another process uses it as it is.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rehab_tui.domain.record_types import CapacityRecord
from rehab_tui.storage.atomic import write_atomically
from rehab_tui.storage.json_file import loads
from rehab_tui.storage.parsed_files import Tables, Version
from rehab_tui.storage.reading import read_text
from rehab_tui.storage.record_conforms import conforms

INDEX_FILE = "tests-index.json"
FORMAT = 1
MOST_BYTES = 16 * 1024 * 1024  # far beyond any real index: a larger file is not ours

Entry = tuple[Version, list[CapacityRecord]]  # a month file's version and its tests


class TestsIndex:
    """Every month's tests, kept by month file version (see the module docstring)."""

    __test__ = False  # a class called Test... that pytest is not to collect

    def __init__(self, sessions_dir: Path, read_month: Callable[[Path], Tables]) -> None:
        self.path = sessions_dir / INDEX_FILE
        self._read_month = read_month  # the store's checked read of one month file
        self._entries: dict[str, Entry] | None = None  # by month ("YYYY-MM"), once loaded
        self._unsaved = False
        # The app brings the index up to date on a thread of its own after its first frame
        # (home.py); a screen that asks meanwhile waits for that rather than doing it twice.
        self._busy = threading.Lock()

    def tests(self, month_files: list[Path], writer: bool) -> list[CapacityRecord]:
        """The tests in `month_files`, each month read only if its file is not as indexed;
        the index saved if it changed and this process is the `writer`."""
        with self._busy:
            return self._tests(month_files, writer)

    def _tests(self, month_files: list[Path], writer: bool) -> list[CapacityRecord]:
        known = self._load()
        entries: dict[str, Entry] = {}
        for path in month_files:
            try:
                version = file_version(path)
            except FileNotFoundError:
                continue  # gone since it was listed (set aside as damaged)
            entry = known.get(path.stem)
            if entry is None or entry[0] != version:
                entry = (version, self._month_tests(path))
                self._unsaved = True
            entries[path.stem] = entry
        self._unsaved |= entries.keys() != known.keys()
        self._entries = entries
        if writer and self._unsaved:
            self._save(entries)
        return [test for _, tests in entries.values() for test in tests]

    def _month_tests(self, path: Path) -> list[CapacityRecord]:
        """A month file's tests. Only its tests are checked: the whole check of its sessions
        and sets would cost ten times as much (2 s, not 0.2 s, for 30 years indexed afresh),
        and a month is checked whole whenever its sessions are read. A file that is not JSON,
        or a test that is not what the app writes, gets the store's whole checked read, which
        names what is wrong."""
        try:
            tables = loads(read_text(path))
            tests = tables.get("tests", {}) if isinstance(tables, dict) else None
        except (OSError, ValueError, RecursionError):
            tests = None
        if not isinstance(tests, dict) or not all(
            conforms(test, CapacityRecord) for test in tests.values()
        ):
            return _tests_of(self._read_month(path))
        return [dict(test) for test in tests.values()]  # type: ignore[misc]

    def written(self, path: Path, version: Version, tables: Tables) -> None:
        """The writer saved the month file `path` (now at `version`) with these tables."""
        # Not behind the lock: a save never waits for the index. An entry set here while the
        # index is being brought up to date may be lost; its month is then read once more.
        if self._entries is not None and path.parent == self.path.parent:
            self._entries[path.stem] = (version, _tests_of(tables))
            self._unsaved = True

    def forget(self) -> None:
        """Read the index file again at the next use (the month files may have been replaced)."""
        self._entries = None

    def _load(self) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = _read_index(self.path)
            self._unsaved = False
        return self._entries

    def _save(self, entries: dict[str, Entry]) -> None:
        months = {
            month: {"file": list(version), "tests": tests}
            for month, (version, tests) in sorted(entries.items())
        }
        text = json.dumps({"format": FORMAT, "months": months}, separators=(",", ":"))
        try:
            write_atomically(self.path, text)
        except OSError:
            return  # only a shortcut: the months are read again next time, and it is tried again
        self._unsaved = False


def file_version(path: Path) -> Version:
    """A month file's version, as json_file tells one version from another."""
    found = os.stat(path)
    return found.st_ino, found.st_size, found.st_mtime_ns


def _tests_of(tables: Tables) -> list[CapacityRecord]:
    return [dict(test) for test in tables.get("tests", {}).values()]  # type: ignore[misc]


def _read_index(path: Path) -> dict[str, Entry]:
    """The index file's entries; none (all months read again) if it is missing, damaged, of
    another format, or holds a test that is not what the app writes."""
    try:
        data = json.loads(read_text(path, MOST_BYTES))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    months = data.get("months")
    if not isinstance(months, dict):
        return {}
    entries: dict[str, Entry] = {}
    for month, entry in months.items():
        found = _entry(entry)
        if found is not None:
            entries[month] = found
    return entries


def _entry(entry: Any) -> Entry | None:
    """One month's entry, if it is whole: a version and tests of the shape the app writes."""
    if not isinstance(entry, dict):
        return None
    version, tests = entry.get("file"), entry.get("tests")
    if not (
        isinstance(version, list)
        and len(version) == 3
        and all(type(n) is int for n in version)
        and isinstance(tests, list)
        and all(conforms(test, CapacityRecord) for test in tests)
    ):
        return None
    return (version[0], version[1], version[2]), tests
