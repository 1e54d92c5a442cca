"""Import of a json export: the whole file is read and checked before anything is written, then
merged by id, so importing twice adds nothing the second time.

Each record is checked against the type the app writes it as (storage/record_check.py walks the record
types), so whatever the app writes (every session kind, every field) imports again.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct

from rehab_tui.domain.record_types import (
    CapacityRecord,
    CheckinRecord,
    ProfileRecord,
    RunRecord,
    SessionRecord,
)
from rehab_tui.exchange.contracts import EXPORT_SCHEMA
from rehab_tui.storage.reading import NotAFileError, TooLargeError, read_bytes
from rehab_tui.storage.record_check import RecordChecker, check_run, check_session
from rehab_tui.storage.record_conforms import conforms, run_conforms, session_conforms
from rehab_tui.storage.record_order import in_app_order
from rehab_tui.storage.store import Store

MAX_IMPORT_BYTES = 100 * 1024 * 1024

__all__ = ["ExportFileError", "ImportData", "import_into", "read_export", "validate_export"]


class ExportFileError(Exception):
    """An import file that cannot be used; the message names the file and the field."""


class ImportData(Struct, frozen=True):
    profile: ProfileRecord | None
    sessions: list[SessionRecord]
    checkins: list[CheckinRecord]
    tests: list[CapacityRecord]
    runs: list[RunRecord]


def read_export(path: Path) -> ImportData:
    """Read and validate a json export completely; ExportFileError names what is wrong.

    Memory grows with the file, as much as one parsed file needs: its bytes are let go once
    parsed (never decoded to text), and the checked records are what is merged."""
    try:
        raw = read_bytes(path, MAX_IMPORT_BYTES)  # a regular file only, bounded
    except TooLargeError:
        raise ExportFileError(f"{path}: the file is larger than 100 MB; not an export") from None
    except FileNotFoundError:
        raise ExportFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ExportFileError(f"{path}: this is a folder, not a file") from None
    except NotAFileError:
        raise ExportFileError(f"{path}: this is a device or a pipe, not a file") from None
    except OSError as error:
        raise ExportFileError(f"{path}: cannot be read ({error.strerror})") from None
    data = _parsed(raw, path)
    del raw  # 100 MB at most, not kept while the records are checked
    return validate_export(data, str(path))


def _parsed(raw: bytes, path: Path) -> Any:
    """The JSON in `raw`, parsed by msgspec (fast, and straight into Python objects: no second
    copy of the file's structure while it parses). A file it refuses (not UTF-8, not JSON, a
    NaN, a lone surrogate, a number past a double) is parsed again by the standard library,
    which says why in the words users have always been given, or reads what msgspec does not."""
    try:
        return msgspec.json.decode(raw)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        pass
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ExportFileError(f"{path}: the file is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ExportFileError(
            f"{path}, line {error.lineno}: not valid JSON ({error.msg}); is it a rehab-tui export?"
        ) from None
    except RecursionError:
        raise ExportFileError(f"{path}: nested too deeply to be a rehab-tui export") from None
    except ValueError:  # thousands of digits: past Python's int-string limit
        raise ExportFileError(f"{path}: it holds a number too long to be in an export") from None


def validate_export(data: Any, source: str, today: date | None = None) -> ImportData:
    """`data` (a parsed json export) checked whole; ExportFileError names the first problem.

    Nothing dated after `today` (the local date) is taken, as `log` and `checkin` take nothing
    in the future: the plan would read it as the latest session or check-in for months.
    """
    check = RecordChecker(source, ExportFileError)
    check.mapping(data, "the file")
    if data.get("app") != "rehab-tui" or "schema" not in data:
        raise check.fail("the file", 'not a rehab-tui export (no "app": "rehab-tui" and "schema")')
    schema = data["schema"]
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise check.fail("schema", f"expected a whole number, got {schema!r}")
    if schema > EXPORT_SCHEMA:
        raise check.fail(
            "schema",
            f"export schema {schema} is newer than this rehab-tui reads ({EXPORT_SCHEMA}); upgrade rehab-tui",
        )
    profile = data.get("profile")
    if profile is not None:
        profile = check.record(profile, ProfileRecord, "profile")
    # Each record is tested quickly (conforms); only one that fails is walked again by the
    # checker that names the field. Either way it comes back in the app's field order.
    sessions = [
        in_app_order(s, SessionRecord)
        if session_conforms(s)
        else check_session(check, s, f"sessions[{i}]")
        for i, s in enumerate(check.items(data, "sessions", "sessions"))
    ]
    checkins: list[CheckinRecord] = [
        in_app_order(c, CheckinRecord)
        if conforms(c, CheckinRecord)
        else check.record(c, CheckinRecord, f"checkins[{i}]")
        for i, c in enumerate(check.items(data, "checkins", "checkins"))
    ]
    tests: list[CapacityRecord] = [
        in_app_order(t, CapacityRecord)
        if conforms(t, CapacityRecord)
        else check.value(t, CapacityRecord, f"tests[{i}]")
        for i, t in enumerate(check.items(data, "tests", "tests"))
    ]
    runs = [
        in_app_order(r, RunRecord) if run_conforms(r) else check_run(check, r, f"runs[{i}]")
        for i, r in enumerate(check.items(data, "runs", "runs"))
    ]
    check.unique(sessions, "sessions", "id")
    check.unique(checkins, "checkins", "date")
    check.unique(tests, "tests", "id")
    check.unique(runs, "runs", "id")
    _nothing_later_than(check, today or date.today(), sessions, checkins, tests, runs)
    return ImportData(profile, sessions, checkins, tests, runs)


def _nothing_later_than(
    check: RecordChecker,
    today: date,
    sessions: list[SessionRecord],
    checkins: list[CheckinRecord],
    tests: list[CapacityRecord],
    runs: list[RunRecord],
) -> None:
    """ExportFileError for the first record dated after `today` (each by its own local date)."""
    dated: list[tuple[str, str | None]] = []
    for i, session in enumerate(sessions):
        dated += [(f"sessions[{i}].started_at", session["started_at"])]
        dated += [(f"sessions[{i}].ended_at", session["ended_at"])]
    dated += [(f"checkins[{i}].date", checkin["date"]) for i, checkin in enumerate(checkins)]
    dated += [(f"tests[{i}].date", test["date"]) for i, test in enumerate(tests)]
    dated += [(f"runs[{i}].started_at", run["started_at"]) for i, run in enumerate(runs)]
    for field, when in dated:
        if when is not None and when[:10] > today.isoformat():
            raise check.fail(field, f"{when[:10]} is in the future; nothing after today is taken")


def import_into(store: Store, data: ImportData) -> tuple[int, int, int, int]:
    """Merge a validated export, all of it or nothing; the profile is taken only when this
    store has none. How many sessions, check-ins, tests and runs were new."""
    return store.merge(data.sessions, data.checkins, data.tests, data.profile, data.runs)
