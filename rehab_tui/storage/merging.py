"""The parts of an import's merge that need no open store: records filed by month, and the
changed files written as one step (atomic.write_together)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rehab_tui.storage.atomic import make_private_dir, write_together
from rehab_tui.storage.errors import SaveError
from rehab_tui.storage.json_file import Tables, add_new_docs, dump_tables
from rehab_tui.storage.month_records import month_of

Filed = dict[str, dict[str, list[Mapping[str, Any]]]]  # month → table → records


def _month_of_id(record: Mapping[str, Any]) -> str:
    return month_of(record["id"])


def file_by_month(
    sessions: Sequence[Mapping[str, Any]],
    checkins: Sequence[Mapping[str, Any]],
    tests: Sequence[Mapping[str, Any]],
    runs: Sequence[Mapping[str, Any]] = (),
) -> Filed:
    """Each record under the month file it belongs in: a session or a run by its id's date, a
    check-in or a test by its date."""
    by_month: Filed = {}
    filing: list[tuple[str, Sequence[Mapping[str, Any]], Callable[[Any], str]]] = [
        ("sessions", sessions, _month_of_id),
        ("checkins", checkins, lambda r: r["date"][:7]),
        ("tests", tests, lambda r: r["date"][:7]),
        ("runs", runs, _month_of_id),
    ]
    for table, records, month_key in filing:
        for record in records:
            by_month.setdefault(month_key(record), {}).setdefault(table, []).append(record)
    return by_month


def add_new_records(
    read: Callable[[Path], Tables],
    sessions_dir: Path,
    sessions: Sequence[Mapping[str, Any]],
    checkins: Sequence[Mapping[str, Any]],
    tests: Sequence[Mapping[str, Any]],
    runs: Sequence[Mapping[str, Any]] = (),
) -> tuple[dict[Path, Tables], tuple[int, int, int, int]]:
    """The month files' tables (`read` from each) with the records not already there added
    (sessions, tests and runs by id, check-ins by date): those that changed, and how many
    sessions, check-ins, tests and runs were new."""
    added = {"sessions": 0, "checkins": 0, "tests": 0, "runs": 0}
    changed: dict[Path, Tables] = {}
    for month, by_table in sorted(file_by_month(sessions, checkins, tests, runs).items()):
        path = sessions_dir / f"{month}.json"
        tables = read(path)
        for table, records in by_table.items():
            key = "date" if table == "checkins" else "id"
            new = add_new_docs(tables.setdefault(table, {}), records, key)
            added[table] += new
            if new:
                changed[path] = tables
    return changed, (added["sessions"], added["checkins"], added["tests"], added["runs"])


def write_tables_together(changed: dict[Path, Tables], journal: Path) -> None:
    """Write these data files' new tables, all or none; SaveError (naming one) if it fails."""
    if not changed:
        return
    try:
        for path in changed:
            make_private_dir(path.parent)
        write_together({path: dump_tables(tables) for path, tables in changed.items()}, journal)
    except OSError as error:
        raise SaveError(next(iter(changed)), error) from None
