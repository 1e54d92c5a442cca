"""The check of the store's own files, read back: each record as the app writes it.

A month file or rehab.json that is valid JSON but holds a record of the wrong shape (a session
without `started_at`, `"exercises": 5`, a profile that is a list, a date like `20260303`) would
otherwise fail later with a traceback, in the plan, an export or a screen. Checked here, it is a
damaged file (json_file.AtomicJSONStorage raises DamagedFileError naming the file and the
record), which the app offers to set aside and the command line names in one sentence.

The check walks the same record types as an import (record_check.RecordChecker). It runs once per
version of a file: the storage remembers the file it checked and the one it wrote itself.
"""

from __future__ import annotations

from typing import Any

from rehab_tui.domain.record_types import (
    SESSION_ID,
    CapacityRecord,
    CheckinRecord,
    ProfileRecord,
)
from rehab_tui.storage.record_check import RecordChecker, check_run, check_session
from rehab_tui.storage.record_conforms import conforms, run_conforms, session_conforms

Tables = dict[str, dict[str, Any]]


def _label(table: str, doc_id: str, doc: Any, key: str, noun: str) -> str:
    """How a record is named in a message: by its id or date when it has one."""
    name = doc.get(key) if isinstance(doc, dict) else None
    return f"{noun} {name}" if isinstance(name, str) else f"{table}[{doc_id}]"


def check_month_tables(tables: Tables) -> None:
    """RecordError for the first session, run, check-in or test that is not what the app writes.

    Each record is first tested quickly (conforms); only one that fails is walked again by
    RecordChecker, which names the field."""
    check = RecordChecker("")
    for doc_id, doc in tables.get("sessions", {}).items():
        if not session_conforms(doc):
            check_session(check, doc, _label("sessions", doc_id, doc, "id", "session"))
    for doc_id, doc in tables.get("runs", {}).items():
        if not run_conforms(doc):
            check_run(check, doc, _label("runs", doc_id, doc, "id", "run"))
    for doc_id, doc in tables.get("checkins", {}).items():
        if not conforms(doc, CheckinRecord):
            check.record(doc, CheckinRecord, _label("checkins", doc_id, doc, "date", "check-in"))
    for doc_id, doc in tables.get("tests", {}).items():
        if not conforms(doc, CapacityRecord):
            check.value(doc, CapacityRecord, _label("tests", doc_id, doc, "id", "test"))


def check_main_tables(tables: Tables) -> None:
    """RecordError for a setting the app could not read back: each is a key and a value, and
    the profile and the session in progress are of their types."""
    check = RecordChecker("")
    for doc_id, doc in tables.get("settings", {}).items():
        field = f"settings[{doc_id}]"
        if not isinstance(doc.get("key"), str) or "value" not in doc:
            raise check.fail(field, "expected a key and a value")
        value, field = doc["value"], f"setting {doc['key']}"
        if doc["key"] == "profile":
            check.record(value, ProfileRecord, field)
        elif doc["key"] == "active_session" and value is not None:
            check.text(value, SESSION_ID, field)
