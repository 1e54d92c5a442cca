"""The sets of a session in progress, appended to a small journal instead of rewriting the month.

Saving a set used to rewrite its whole month file (about 30 ms at 1.3 MB), so sets that ended
faster than that queued up, and a kill -9 could lose several. A set is now one line appended to
`sessions/SESSION_ID.sets` and fsynced: its cost is the set's size, not the month's. The store
folds a journal into its month file (one atomic rewrite) when the session ends or changes, and
the next writer folds any journal a crash left; readers apply a journal to what they read, so
every finished set is seen everywhere at once.

The weight used on a loaded exercise (kg), asked as the exercise starts, is a line of the same
journal ({"exercise": 2, "load_kg": 12.5}), so it is as durable as a set, folded with them, and
seen by every reader (a resumed session knows it was given).

A line is written whole or not at all: a failed write (a full disk) is cut back off the file, and
a last line cut short by a crash is a save that never returned, so it is left out.
"""

from __future__ import annotations

import json
import os
from collections.abc import MutableMapping
from datetime import datetime
from pathlib import Path
from typing import Any

from rehab_tui.domain.record_types import LoadKg, SetRecord
from rehab_tui.storage.atomic import fsync_folder, write_all
from rehab_tui.storage.errors import DamagedFileError
from rehab_tui.storage.record_conforms import conforms

SUFFIX = ".sets"

# The exercise's index in the session, and one of its sets or the weight used on it (kg).
Entry = tuple[int, SetRecord | float]


def journal_path(sessions_dir: Path, session_id: str) -> Path:
    return sessions_dir / f"{session_id}{SUFFIX}"


def journals(sessions_dir: Path, listed: list[str]) -> dict[str, Path]:
    """The journals there are, by session id, among the names `listed` in the sessions folder."""
    return {
        name.removesuffix(SUFFIX): sessions_dir / name for name in listed if name.endswith(SUFFIX)
    }


def append_set(path: Path, exercise_index: int, record: SetRecord) -> None:
    """Add one set to a session's journal, durably, before returning."""
    _append(path, {"exercise": exercise_index, "set": record})


def append_load(path: Path, exercise_index: int, load_kg: float) -> None:
    """Add the weight used on one exercise (kg) to a session's journal, durably."""
    _append(path, {"exercise": exercise_index, "load_kg": load_kg})


def _append(path: Path, entry: dict[str, Any]) -> None:
    line = json.dumps(entry, separators=(",", ":"))
    new = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        size = os.fstat(fd).st_size
        try:
            write_all(fd, (line + "\n").encode("utf-8"))
            os.fsync(fd)
        except BaseException:
            os.ftruncate(fd, size)  # never leave half a line for the next one to follow
            raise
    finally:
        os.close(fd)
    if new:
        fsync_folder(path.parent)


def read_entries(path: Path) -> list[Entry]:
    """The sets (and weights) a journal holds, in the order saved; none without a journal."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as error:
        raise DamagedFileError(path, error.strerror or str(error)) from None
    entries = []
    for number, line in enumerate(data.split(b"\n")[:-1], 1):  # the last: cut short, or empty
        try:
            entry = json.loads(line)
        except ValueError:
            raise DamagedFileError(path, f"line {number} is not valid JSON") from None
        if not isinstance(entry, dict):
            entry = {}
        index = entry.get("exercise")
        field, shape = ("load_kg", LoadKg) if "load_kg" in entry else ("set", SetRecord)
        if type(index) is not int or index < 0 or not conforms(entry.get(field), shape):
            raise DamagedFileError(path, f"line {number} is not a set rehab-tui writes")
        entries.append((index, entry[field]))
    return entries


def apply_entries(session: MutableMapping[str, Any], entries: list[Entry], path: Path) -> None:
    """Put each set into its exercise of `session`, replacing one of the same number and side
    (a set redone), and each weight into its exercise (the latest given wins)."""
    for index, change in entries:
        if index >= len(session["exercises"]):
            raise DamagedFileError(path, f"a set of exercise {index + 1}, which the session lacks")
        if isinstance(change, dict):
            add_set(session, index, change)
        else:
            session["exercises"][index]["load_kg"] = change


def keep_aside(path: Path) -> None:
    """A journal whose session is in no month file: renamed, whole, never deleted."""
    os.replace(path, path.with_name(f"{path.name}.unmatched-{datetime.now():%Y%m%d-%H%M%S}"))


def month_journals(in_progress: dict[str, Path], month: str) -> dict[str, tuple[list[Entry], Path]]:
    """The sets in the journals of `month`'s sessions ("YYYY-MM"). Read them before the month
    file: a fold in between then leaves their sets in both, and a set applied twice is one."""
    return {
        session_id: (read_entries(path), path)
        for session_id, path in in_progress.items()
        if f"{session_id[0:4]}-{session_id[4:6]}" == month
    }


def apply_journals(
    tables: dict[str, dict[str, Any]], pending: dict[str, tuple[list[Entry], Path]]
) -> None:
    """Put the journaled sets into their sessions in a month file's tables."""
    for doc in tables.get("sessions", {}).values() if pending else ():
        if doc.get("id") in pending:
            apply_entries(doc, *pending[doc["id"]])


def add_set(session: MutableMapping[str, Any], index: int, result: SetRecord) -> None:
    sets = session["exercises"][index]["sets"]
    key = (result["set"], result["side"])
    kept = [s for s in sets if (s["set"], s["side"]) != key]
    kept.append(result)
    kept.sort(key=lambda s: (s["set"], s["side"] != "left"))
    session["exercises"][index]["sets"] = kept
