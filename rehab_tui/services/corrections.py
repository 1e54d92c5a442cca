"""Corrections: edit or delete a session, a check-in, a capacity test or a run, and undo a delete.

Part of `Rehab` (services/rehab.py mixes `Corrections` in), kept here so that each module stays
readable. Every write takes the writer lock first, like the rest of Rehab's, and each is one
atomic rewrite of the record's month file. The plan is worked out from the records each time,
so a correction changes the next plan with nothing else to update. A delete returns the record
as it was (`Deleted`), which `restore` puts back exactly: the faces' undo.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, NamedTuple, cast

from rehab_tui.domain.pain import check_pain
from rehab_tui.domain.record_types import (
    CapacityRecord,
    CheckinRecord,
    RunRecord,
    SessionRecord,
)
from rehab_tui.domain.records import checkin_record
from rehab_tui.services.core import UseCaseCore
from rehab_tui.services.results import ServiceError


class Deleted(NamedTuple):
    """A record just deleted, as it was: `restore` puts it back."""

    kind: str  # "session", "checkin", "test" or "run"
    record: SessionRecord | CheckinRecord | CapacityRecord | RunRecord
    test: CapacityRecord | None = None  # a test played in the app: its result, gone with it

    def describe(self) -> str:
        """The record in a few words, for "Deleted ..." ("the session of Mon 02 Mar 12:00")."""
        record = cast(dict[str, Any], self.record)
        if self.kind == "checkin":
            return f"the check-in of {date.fromisoformat(record['date']):%a %d %b}"
        if self.kind == "test":
            name = str(record["kind"]).replace("_", " ")
            return f"the {name} test of {date.fromisoformat(record['date']):%a %d %b}"
        started = datetime.fromisoformat(record["started_at"])
        result = "" if self.test is None else " and its test result"
        return f"the {self.kind} of {started:%a %d %b %H:%M}{result}"


def _checked_pain(pain: int) -> int:
    try:
        return check_pain(pain)
    except ValueError as error:
        raise ServiceError(str(error)) from None


class Corrections(UseCaseCore):
    """Edits and deletes of what was recorded, each checked before anything is written."""

    # -- finding ---------------------------------------------------------------------------

    def find_session(self, session_id: str) -> SessionRecord:
        found = self.store.session(session_id) if _is_record_id(session_id) else None
        if found is None:
            raise ServiceError(f"there is no session {session_id!r} (see rehab-tui history)")
        return found

    def checkin_on(self, day: date) -> CheckinRecord | None:
        """The check-in of `day`, if there is one."""
        found = [c for c in self.store.checkins(since=day.isoformat()) if c["date"] == str(day)]
        return found[0] if found else None

    def checkin_after(self, day: date) -> CheckinRecord | None:
        """The check-in that judges a session held on `day` (outcomes.next_morning's)."""
        from rehab_tui.domain.outcomes import LATE_CHECKIN_DAYS

        last = (day + timedelta(days=LATE_CHECKIN_DAYS)).isoformat()
        later = self.store.checkins(since=(day + timedelta(days=1)).isoformat())
        return next((c for c in later if c["date"] <= last), None)

    def find_checkin(self, day: date) -> CheckinRecord:
        found = self.checkin_on(day)
        if found is None:
            raise ServiceError(f"there is no check-in on {day}")
        return found

    def find_test(self, test_id: str) -> CapacityRecord:
        found = [t for t in self.store.tests() if t["id"] == test_id]
        if not found:
            raise ServiceError(f"there is no test {test_id!r} (see rehab-tui test list)")
        return found[0]

    def find_run(self, run_id: str) -> RunRecord:
        since = f"{run_id[0:4]}-{run_id[4:6]}-{run_id[6:8]}" if _is_record_id(run_id) else None
        found = [r for r in self.store.runs(since=since) if r["id"] == run_id] if since else []
        if not found:
            raise ServiceError(f"there is no run {run_id!r} (see rehab-tui run list)")
        return found[0]

    # -- sessions ----------------------------------------------------------------------------

    def _not_in_progress(self, session_id: str) -> None:
        if self.store.setting("active_session") == session_id:
            raise ServiceError(f"session {session_id} is in progress; finish it first")

    def edit_session(self, session_id: str, pain: int, note: str | None = None) -> SessionRecord:
        """Change a session's pain during (and its note, when given); the session as now saved.
        A test played in the app has its result's pain changed too (the stage gate reads it)."""
        pain = _checked_pain(pain)
        session = self.find_session(session_id)
        self._not_in_progress(session_id)
        result = self._result_of(session)
        self._writing()
        self.store.update_session(
            session_id, pain=pain, note=session["note"] if note is None else note
        )
        if result is not None:
            self.store.add_test(cast(CapacityRecord, {**result, "pain": pain}))
        return self.find_session(session_id)

    def delete_session(self, session_id: str) -> Deleted:
        """Delete a session, and a test's result with the test played in it."""
        session = self.find_session(session_id)
        self._not_in_progress(session_id)
        result = self._result_of(session)
        self._writing()
        if result is not None:
            self.store.remove_test(result["id"], result["date"])
        self.store.drop_session(session_id)
        return Deleted("session", session, result)

    def _result_of(self, session: SessionRecord) -> CapacityRecord | None:
        """The result a test session saved (its id is the session's), if any."""
        day = session["started_at"][:10]
        found = [t for t in self.store.tests(since=day) if t["id"] == session["id"]]
        return found[0] if found else None

    # -- check-ins -----------------------------------------------------------------------------

    def edit_checkin(
        self, day: date, pain: int, stiffness_min: int | None = None, keep_stiffness: bool = True
    ) -> tuple[CheckinRecord, CheckinRecord]:
        """Change a check-in's pain and stiffness (None: kept, unless not `keep_stiffness`, as
        from a form whose emptied field means none): the check-in before and after."""
        pain = _checked_pain(pain)
        old = self.find_checkin(day)
        stiffness = stiffness_min
        if stiffness is None and keep_stiffness:
            stiffness = old.get("stiffness_min")
        new = checkin_record(day, pain, stiffness)
        self._writing()
        self.store.add_checkin(new)  # one a day: it replaces the old one
        return old, new

    def delete_checkin(self, day: date) -> Deleted:
        checkin = self.find_checkin(day)
        self._writing()
        self.store.remove_checkin(checkin["date"])
        return Deleted("checkin", checkin)

    # -- capacity tests --------------------------------------------------------------------------

    def delete_test(self, test_id: str) -> Deleted:
        test = self.find_test(test_id)
        self._writing()
        self.store.remove_test(test_id, test["date"])
        return Deleted("test", test)

    # -- runs -------------------------------------------------------------------------------------

    def edit_run(
        self,
        run_id: str,
        minutes: float | None = None,
        km: float | None = None,
        pain: int | None = None,
        note: str | None = None,
    ) -> tuple[RunRecord, RunRecord]:
        """Change what is given of a run's minutes, distance, pain and note: before and after."""
        from rehab_tui.domain.run_log import check_km, check_minutes

        old = self.find_run(run_id)
        new = RunRecord(**old)
        try:
            if minutes is not None:
                new["minutes"] = check_minutes(minutes)
            if km is not None:
                new["km"] = check_km(km)
        except ValueError as error:
            raise ServiceError(str(error)) from None
        if pain is not None:
            new["pain"] = _checked_pain(pain)
        if note is not None:
            new["note"] = note
        self._writing()
        self.store.update_run(new)
        return old, new

    def delete_run(self, run_id: str) -> Deleted:
        run = self.find_run(run_id)
        self._writing()
        self.store.remove_run(run_id)
        return Deleted("run", run)

    # -- undo -------------------------------------------------------------------------------------

    def restore(self, deleted: Deleted) -> None:
        """Put a deleted record back exactly as it was (undo)."""
        self._writing()
        record = deleted.record
        if deleted.kind == "session":
            self.store.add_session(cast(SessionRecord, record))
            if deleted.test is not None:
                self.store.add_test(deleted.test)
        elif deleted.kind == "checkin":
            self.store.add_checkin(cast(CheckinRecord, record))
        elif deleted.kind == "test":
            self.store.add_test(cast(CapacityRecord, record))
        else:
            self.store.add_run(cast(RunRecord, record))


def _is_record_id(text: str) -> bool:
    """Session and run ids start with YYYYMMDD (which names their month file)."""
    return len(text) >= 8 and text[:8].isdigit()
