"""Export: all the data as json (for import), a csv of sessions, sets or runs, or the physio
report.

The json export is the whole data, versioned and deterministic: keys sorted, records in id/date
order, so two exports of the same data differ only in `exported_at`. A saved export is health
data: it is written like every other file the app writes, whole and readable by its owner alone.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypedDict

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
from rehab_tui.domain.text import escape_json_controls, printable
from rehab_tui.exchange.contracts import EXPORT_SCHEMA
from rehab_tui.exchange.report import report_blocks, to_html, to_markdown
from rehab_tui.storage.atomic import write_named_file
from rehab_tui.storage.store import Store

FORMATS = ("json", "csv", "md", "html")
PRIVATE_SETTINGS = {"active_session"}  # where this machine is, not part of the user's data


class ExportFile(TypedDict):
    """A json export, as written (and, checked in full, read back by importing.py)."""

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


def export_data(store: Store, exported_at: datetime) -> ExportFile:
    settings = {
        key: value
        for key, value in store.settings().items()
        if key not in PRIVATE_SETTINGS and key != "profile"
    }
    return {
        "schema": EXPORT_SCHEMA,
        "app": "rehab-tui",
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "profile": store.setting("profile"),
        "settings": settings,
        "sessions": sorted(store.sessions(), key=lambda s: s["id"]),
        "checkins": store.checkins(),
        "tests": store.tests(),
        "runs": sorted(store.runs(), key=lambda r: r["id"]),
    }


def to_json(data: ExportFile) -> str:
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)
    return escape_json_controls(text) + "\n"  # the same data, with no control character in it


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


def to_csv(rows: list[SessionRow]) -> str:
    """One row per session, oldest first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SESSION_COLUMNS)
    for row in reversed(rows):
        writer.writerow(
            [
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
        )
    return printable(out.getvalue())  # a note or a name can hold a control character


def sets_to_csv(sessions: list[SessionRecord]) -> str:
    """One row per saved set (each side of a per-side set is its own row), oldest first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SET_COLUMNS)
    for session in sorted(sessions, key=lambda s: s["started_at"]):
        for entry in session["exercises"]:
            for done in entry["sets"]:
                writer.writerow(
                    [
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
                )
    return printable(out.getvalue())  # a note or a name can hold a control character


def runs_to_csv(runs: list[RunRecord]) -> str:
    """One row per run, oldest first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RUN_COLUMNS)
    for run in runs:
        writer.writerow(
            [
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
        )
    return printable(out.getvalue())  # a note or a file name can hold a control character


def blank(value: object) -> object:
    return "" if value is None else value


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
    if fmt == "json":
        return to_json(export_data(store, now))
    if fmt == "csv" and runs:
        return runs_to_csv(store.runs())
    sessions = list(store.sessions())
    if fmt == "csv" and sets:
        return sets_to_csv(sessions)
    rows = session_rows(sessions, store.checkins(), profile)
    if fmt == "csv":
        return to_csv(rows)
    blocks = report_blocks(profile, plan, rows, store.tests(), now.date(), sessions, store.runs())
    return to_markdown(blocks) if fmt == "md" else to_html(blocks)


def save_export(path: Path, text: str) -> None:
    """Write an export readable by its owner alone (it is health data), replacing any old one
    whole: an old file that others could read is replaced by a private one, and a failure part
    way (a full disk) leaves the old file as it was. A pipe (`-o >(gzip > x.gz)`) is written
    straight through."""
    write_named_file(path, text)


def export_name(fmt: str, day: date) -> str:
    kind = "report" if fmt in ("md", "html") else "data"
    return f"rehab-tui-{kind}-{day.isoformat()}.{fmt}"
