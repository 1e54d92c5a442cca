"""The store's data files, parsed and checked once per version, kept for the next read.

TinyDB reads its whole file on every query (a `get` even reads it twice), so opening the app
used to parse the current month file six times and rehab.json fifteen. Each file is now parsed
(and its records checked, stored_records.py) once per version, and the result kept here, keyed
by the version it was read from: the file's inode, size and modification time, looked up with
one stat on every read. A save replaces the file by a new one (a new inode), so another
process's write is seen at the next read, as before; this process's own writes drop the entry.

What is kept is the parsed tables as `marshal` bytes, each table apart, not the objects themselves: every reader
gets tables of its own, as from a fresh parse (TinyDB changes the tables it reads in place
before it writes them, and readers apply set journals to theirs), at about a third of the cost
of json.loads, in about a tenth of the memory of the objects.

Bounded: rehab.json, and the RECENT_MONTHS newest month files read. The reads that repeat are
of recent months (the plan's 91 days, trends' 13 weeks, the check-in due, the history screen's
first page: five months at most); older months are read once per walk (history as it scrolls,
an export), so keeping all 360 months of 30 years would hold tens of megabytes for reads that do
not come again, and a plain LRU would let one such walk push the recent months out.
"""

from __future__ import annotations

import marshal
import re
import threading
from collections.abc import Collection
from pathlib import Path
from typing import Any

RECENT_MONTHS = 12
MONTH = re.compile(r"\d{4}-\d{2}")

Version = tuple[int, int, int]  # inode, size, mtime in ns
Tables = dict[str, dict[str, Any]]


class ParsedFiles:
    """Parsed, checked data files by path, each valid for one version of its file."""

    def __init__(self, recent_months: int = RECENT_MONTHS) -> None:
        self.recent_months = recent_months
        self._kept: dict[Path, tuple[Version, dict[str, bytes]]] = {}  # tables apart
        self._lock = threading.Lock()  # the history screen reads in a thread

    def get(
        self, path: Path, version: Version, only: Collection[str] | None = None
    ) -> Tables | None:
        """Fresh tables of `path` as parsed at `version` (only the tables named in `only`, when
        given: the runs of a month are not unpacked with its sessions); None when not kept."""
        with self._lock:
            found = self._kept.get(path)
        if found is None or found[0] != version:
            return None
        return {
            name: marshal.loads(frozen)
            for name, frozen in found[1].items()
            if only is None or name in only
        }

    def put(self, path: Path, version: Version, tables: Tables) -> None:
        """Keep `path`'s tables as parsed at `version`, unless it is a month older than the
        RECENT_MONTHS newest kept (the oldest one kept then goes)."""
        try:
            frozen = {name: marshal.dumps(table) for name, table in tables.items()}
        except ValueError:  # nested too deep to keep: read from the file each time, as before
            return
        with self._lock:
            self._kept[path] = (version, frozen)
            months = sorted(p for p in self._kept if MONTH.fullmatch(p.stem))
            for oldest in months[: max(0, len(months) - self.recent_months)]:
                del self._kept[oldest]

    def drop(self, path: Path) -> None:
        with self._lock:
            self._kept.pop(path, None)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    def kept(self) -> list[Path]:
        """The files kept, for tests and measurements."""
        with self._lock:
            return sorted(self._kept)
