"""The quick record check: yes or no, whether a record is what RecordChecker would take.

The store checks every record of every file it reads (stored_records.py), an import every
record it brings in, so the check of a valid record must cost little: the walk of
RecordChecker (record_check.py) over a record's type is written out once per type as one plain
function, which reads each field in line and calls nothing for a valid one (conforms_checks.py,
generated from the record types by conforms_writer.py). It says only yes or no: a record it
refuses is walked again by RecordChecker, which names the field (it is never laxer than
RecordChecker, and a test holds it to taking the same).
"""

from __future__ import annotations

from typing import Any

from rehab_tui.domain.record_types import RunRecord, SessionRecord
from rehab_tui.storage.conforms_checks import CHECKS
from rehab_tui.storage.record_check import TEMPO_KINDS


def conforms(value: Any, shape: Any) -> bool:
    """Whether `value` is a record of type `shape` (one of conforms_writer.CHECKED), as
    RecordChecker would find. It says only yes or no: RecordChecker names what is wrong."""
    return CHECKS[shape](value)


def session_conforms(value: Any) -> bool:
    """Whether check_session would take `value` (conforms, for a session)."""
    if not conforms(value, SessionRecord):
        return False
    if value["started_at"][:10].replace("-", "") != value["id"][:8]:
        return False
    return all(e["kind"] not in TEMPO_KINDS or "tempo" in e["planned"] for e in value["exercises"])


def run_conforms(value: Any) -> bool:
    """Whether check_run would take `value` (conforms, for a run)."""
    return (
        conforms(value, RunRecord)
        and value["started_at"][:10].replace("-", "") == value["id"][:8]
        and (value["level"] is None or value["kind"] == "walk_run")
    )
