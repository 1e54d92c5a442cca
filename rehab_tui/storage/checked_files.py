"""Data files whose records have passed the checks, remembered between runs by their content.

Every start checks the records of the months the plan reads (stored_records.py): about 3 ms at
30 years of history, for files that passed the same checks at the last start and have not
changed since. A file's content is known here by its length and CRC-32 (a tenth of a ms for a
month of twice-daily sessions) and kept in the cache folder (kept_pickle.py) with the checking
code's own version: content that passed is not checked again; content that differs in any
byte, or checks of another version, are checked as always. Only a passed check is remembered,
so a damaged file is named at every start.
"""

from __future__ import annotations

import os
import threading
import zlib
from pathlib import Path

from rehab_tui.storage.kept_pickle import KeptPickle, code_version

Fingerprint = tuple[str, int, int]  # the check's name, the content's length and CRC-32

REMEMBERED = 1024  # 30 years of months, three times over
# The checks read the records with the domain's types and rules (kinds, doses, tempos), and the
# files with the storage's reader: every module of both is the checking code.
CHECKING_CODE = ("domain", "domain/kinds", "storage")


def fingerprint(check: str, content: bytes) -> Fingerprint:
    return (check, len(content), zlib.crc32(content))


class CheckedFiles:
    """The fingerprints of content that passed, read from the cache folder when first asked,
    written back by `keep` when this run added some."""

    def __init__(self, folder: Path | None) -> None:
        key = _code_version()
        self._file = KeptPickle(folder / "checked-files.pickle", key) if folder and key else None
        self._passed: dict[Fingerprint, None] | None = None  # in the order last seen
        self._added = False
        self._lock = threading.Lock()  # the history screen reads in a thread

    def passed(self, seen: Fingerprint) -> bool:
        with self._lock:
            known = self._known()
            if seen not in known:
                return False
            known[seen] = known.pop(seen)  # seen last: the last to be forgotten
            return True

    def add(self, seen: Fingerprint) -> None:
        with self._lock:
            known = self._known()
            known.pop(seen, None)
            known[seen] = None
            self._added = True

    def keep(self) -> None:
        """Remember the REMEMBERED passed checks seen last, when this run added some."""
        with self._lock:
            if self._file is None or not self._added or self._passed is None:
                return
            self._added = False
            self._file.put(list(self._passed)[-REMEMBERED:])

    def _known(self) -> dict[Fingerprint, None]:
        if self._passed is None:
            kept = self._file.get() if self._file is not None else None
            listed = kept if isinstance(kept, list) else []
            self._passed = dict.fromkeys(item for item in listed if type(item) is tuple)
        return self._passed


def _code_version() -> tuple[object, ...] | None:
    package = Path(__file__).parents[1]  # rehab_tui
    try:  # scandir: a glob of these folders took 0.6 ms of every start
        listed = [entry.path for f in CHECKING_CODE for entry in os.scandir(package / f)]
    except OSError:
        return None
    return code_version(sorted(path for path in listed if path.endswith(".py")))
