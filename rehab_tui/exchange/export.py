"""Export: all the data as json (for import), a csv of sessions, sets or runs, or the physio
report.

The json export is the whole data, versioned and deterministic: keys sorted, records in id/date
order, so two exports of the same data differ only in `exported_at`. A saved export is health
data: it is written like every other file the app writes, whole and readable by its owner alone.
"""

from __future__ import annotations

import contextlib
import csv
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, TypedDict

from rehab_tui.domain.plan import Plan
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.record_types import (
    CapacityRecord,
    CheckinRecord,
    ProfileRecord,
    RunRecord,
    SessionRecord,
)
from rehab_tui.domain.review import SessionRow, session_rows
from rehab_tui.domain.text import printable
from rehab_tui.exchange.contracts import EXPORT_SCHEMA
from rehab_tui.exchange.json_stream import JsonList, object_chunks
from rehab_tui.storage.atomic import write_named_file
from rehab_tui.storage.store import Store

FORMATS = ("json", "csv", "md", "html")
PRIVATE_SETTINGS = {"active_session"}  # where this machine is, not part of the user's data


class ExportFile(TypedDict):
    """A json export, as json_chunks writes it (and, checked in full, importing.py reads it)."""

    schema: int
    app: str
    exported_at: str
    profile: ProfileRecord | None
    settings: dict[str, Any]
    sessions: list[SessionRecord]
    checkins: list[CheckinRecord]
    tests: list[CapacityRecord]
    runs: list[RunRecord]


# -- json ------------------------------------------------------------------------------------

# The tables of the month files, in the export's (sorted) order, each with its records' order:
# a record's month file is its id's (or date's) month, so each month sorted in turn, oldest
# month first, is the whole table sorted.
TABLE_ORDER: dict[str, Callable[[Any], Any]] = {
    "checkins": lambda c: c["date"],
    "runs": lambda r: r["id"],
    "sessions": lambda s: s["id"],
    "tests": lambda t: (t["date"], t["id"]),
}
SPOOL_READ = 1 << 20  # bytes: how much of a table's spool is copied out at a time


def json_chunks(store: Store, exported_at: datetime) -> Iterator[bytes]:
    """The json export (ExportFile: keys sorted, indented by 2) as it is written, a part at a
    time, in a memory that does not grow with history: the month files are read once, oldest
    first, and each month's records of each table encoded and put in that table's spool (a
    private temp file, gone when closed); the tables then follow one another in key order."""
    settings = store.settings()
    fields: dict[str, Any] = {
        "schema": EXPORT_SCHEMA,
        "app": "rehab-tui",
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "profile": settings.get("profile"),
        "settings": {
            key: value
            for key, value in settings.items()
            if key not in PRIVATE_SETTINGS and key != "profile"
        },
    }
    with contextlib.ExitStack() as stack:
        spools = {table: stack.enter_context(tempfile.TemporaryFile()) for table in TABLE_ORDER}
        lists = {table: JsonList(sort_keys=True, depth=1) for table in TABLE_ORDER}
        for tables in store.month_tables(oldest_first=True):
            for table, order in TABLE_ORDER.items():
                records = sorted(tables.get(table, {}).values(), key=order)
                spools[table].write(lists[table].part(records))
        for table in TABLE_ORDER:
            fields[table] = _replayed(spools[table], lists[table])
        yield from object_chunks(sorted(fields.items()), sort_keys=True)
        yield b"\n"


def _replayed(spool: IO[bytes], items: JsonList) -> Iterator[bytes]:
    spool.seek(0)
    while chunk := spool.read(SPOOL_READ):
        yield chunk
    yield items.end()


def to_json(store: Store, exported_at: datetime) -> str:
    """The json export as one text (json_chunks, joined)."""
    return b"".join(json_chunks(store, exported_at)).decode("utf-8")


# -- csv -------------------------------------------------------------------------------------

SESSION_COLUMNS = [
    "id",
    "date",
    "started_at",
    "kind",
    "stage",
    "completed",
    "sets_done",
    "sets_planned",
    "under_load_s",
    "pain",
    "next_morning_pain",
    "outcome",
    "note",
]
RUN_COLUMNS = [
    "id",
    "date",
    "started_at",
    "minutes",
    "km",
    "pain",
    "kind",
    "level",
    "note",
    "source",
]
SET_COLUMNS = [
    "session_id",
    "date",
    "exercise_id",
    "exercise",
    "set",
    "side",
    "planned",
    "done",
    "skipped",
    "paused_s",
    "completed_at",
    "load_kg",  # the weight used on a loaded exercise, when recorded
]


def session_csv_rows(rows: list[SessionRow]) -> Iterator[list[object]]:
    """One row per session of `rows` (newest first, as session_rows makes them), oldest first."""
    for row in reversed(rows):
        yield [
            row.id,
            row.day.isoformat(),
            row.started_at,
            row.kind,
            blank(row.stage),
            "yes" if row.completed else "no",
            row.done,
            row.planned,
            round(row.under_load_s, 1),
            blank(row.pain),
            blank(row.morning),
            row.outcome.value,
            row.note,
        ]


def set_csv_rows(sessions: Iterable[SessionRecord]) -> Iterator[list[object]]:
    """One row per saved set (each side of a per-side set is its own row), oldest first."""
    for session in sorted(sessions, key=lambda s: s["started_at"]):
        for entry in session["exercises"]:
            for done in entry["sets"]:
                yield [
                    session["id"],
                    session["started_at"][:10],
                    entry["exercise_id"],
                    entry.get("name", ""),
                    done["set"],
                    blank(done["side"]),
                    done["planned"],
                    done["done"],
                    "yes" if done["skipped"] else "no",
                    done.get("paused_s", 0.0),
                    done.get("completed_at", ""),
                    blank(entry.get("load_kg")),
                ]


def run_csv_rows(runs: list[RunRecord]) -> Iterator[list[object]]:
    """One row per run, in the order given (oldest first)."""
    for run in runs:
        yield [
            run["id"],
            run["started_at"][:10],
            run["started_at"],
            run["minutes"],
            blank(run["km"]),
            run["pain"],
            run["kind"],
            blank(run["level"]),
            run["note"],
            run.get("source", ""),
        ]


def csv_text(rows: Iterable[Sequence[object]]) -> bytes:
    """Rows as csv, with every control character but newline and tab made visible (a note or a
    name can hold one)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return printable(out.getvalue()).encode("utf-8")


def csv_chunks(store: Store, profile: Profile, sets: bool, runs: bool) -> Iterator[bytes]:
    """The csv of sessions (of sets with `sets`, of runs with `runs`) as it is written, a month
    at a time, oldest first. A session's row needs the check-ins up to LATE_CHECKIN_DAYS after
    it (its next morning), so a month's rows are written once the month after it is read."""
    yield csv_text([RUN_COLUMNS if runs else SET_COLUMNS if sets else SESSION_COLUMNS])
    if runs:  # the smallest table, sorted whole as `run list` sorts it
        yield csv_text(run_csv_rows(store.runs()))
        return
    held: tuple[list[SessionRecord], list[CheckinRecord]] = ([], [])
    for tables in store.month_tables(oldest_first=True):
        sessions = list(tables.get("sessions", {}).values())
        checkins = list(tables.get("checkins", {}).values())
        if sets:
            yield csv_text(set_csv_rows(sessions))
            continue
        yield csv_text(session_csv_rows(session_rows(held[0], held[1] + checkins, profile)))
        held = (sessions, checkins)
    if not sets:
        yield csv_text(session_csv_rows(session_rows(held[0], held[1], profile)))


def blank(value: object) -> object:
    return "" if value is None else value


def export_chunks(
    fmt: str,
    store: Store,
    plan: Callable[[], Plan],
    profile: Profile,
    now: datetime,
    sets: bool = False,
    runs: bool = False,
) -> Iterator[bytes]:
    """The export in one of FORMATS as UTF-8 chunks: json and csv as they are written (history
    is never held whole), a report (md, html: the last weeks) whole. `plan` is asked for by
    a report only."""
    if fmt == "json":
        return json_chunks(store, now)
    if fmt == "csv":
        return csv_chunks(store, profile, sets, runs)
    from rehab_tui.exchange.report import report_blocks, to_html, to_markdown  # reports only

    sessions = list(store.sessions())
    rows = session_rows(sessions, store.checkins(), profile)
    blocks = report_blocks(profile, plan(), rows, store.tests(), now.date(), sessions, store.runs())
    return iter([(to_markdown(blocks) if fmt == "md" else to_html(blocks)).encode("utf-8")])


def render(
    fmt: str,
    store: Store,
    plan: Plan,
    profile: Profile,
    now: datetime,
    sets: bool,
    runs: bool = False,
) -> str:
    """The export in one of FORMATS, as text; a csv of sets or of runs when asked."""
    chunks = export_chunks(fmt, store, lambda: plan, profile, now, sets, runs)
    return b"".join(chunks).decode("utf-8")


def save_export(path: Path, chunks: Iterable[bytes]) -> None:
    """Write an export readable by its owner alone (it is health data), as it is made, replacing
    any old one whole: an old file that others could read is replaced by a private one, and a
    failure part way (a full disk) leaves the old file as it was, the temp file removed. A pipe
    (`-o >(gzip > x.gz)`) is written straight through."""
    write_named_file(path, chunks)


def export_name(fmt: str, day: date) -> str:
    kind = "report" if fmt in ("md", "html") else "data"
    return f"rehab-tui-{kind}-{day.isoformat()}.{fmt}"
