"""The parts of an import's merge that need no open store: records filed by month, and the
changed files written as one step (atomic.write_together)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
    records: Filed,
    added: dict[str, int],
) -> Iterator[tuple[Path, Tables]]:
    """The month files whose tables (`read` from each) gain records they do not hold yet
    (sessions, tests and runs by id, check-ins by date), a month at a time, so that only one
    month's tables are held: each path and its new tables. `added` counts the new records of
    each table as they are found."""
    for month, by_table in sorted(records.items()):
        path = sessions_dir / f"{month}.json"
        tables = read(path)
        new = 0
        for table, filed in by_table.items():
            key = "date" if table == "checkins" else "id"
            count = add_new_docs(tables.setdefault(table, {}), filed, key)
            added[table] = added.get(table, 0) + count
            new += count
        if new:
            yield path, tables


def write_tables_together(changed: Iterable[tuple[Path, Tables]], journal: Path) -> list[Path]:
    """Write these data files' new tables (each made into text as its turn comes), all or none;
    the paths written. SaveError (naming the first) if it fails."""
    paths: list[Path] = []

    def texts() -> Iterator[tuple[Path, str]]:
        for path, tables in changed:
            paths.append(path)
            make_private_dir(path.parent)
            yield path, dump_tables(tables)

    try:
        write_together(texts(), journal)
    except OSError as error:
        raise SaveError(paths[0] if paths else journal, error) from None
    return paths
