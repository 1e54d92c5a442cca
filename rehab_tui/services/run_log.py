"""The run log's use cases: log a run, list runs, import runs from a watch's files.

Part of `Rehab` (services/rehab.py mixes `RunLog` in), kept here so that each module stays
readable; every write takes the writer lock like the rest of Rehab's. The run log's own modules
are imported where used: the app's first frame does not need them. What a run means for the
plan (the walk-run ladder, the spike guard) is the planning's: here runs are recorded, and a
run's pain warns exactly as a session's does (safety.warnings_after).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from rehab_tui.domain.pain import check_pain
from rehab_tui.domain.record_types import RunKind, RunRecord
from rehab_tui.domain.safety import warnings_after
from rehab_tui.domain.text import one_line
from rehab_tui.services.core import UseCaseCore
from rehab_tui.services.planning import red_flags_open
from rehab_tui.services.results import RunLogged, RunsImported, ServiceError

Progress = Callable[[Path], None]  # told after each file is read


class RunLog(UseCaseCore):
    """Runs: logged by hand, listed, imported from GPX, TCX and FIT files."""

    def runs(self, since: date | None = None) -> list[RunRecord]:
        """Runs started on or after `since` (every run without it), oldest first."""
        return self.store.runs(since=since.isoformat() if since else None)

    def over_the_guard(self, runs: Sequence[RunRecord]) -> dict[str, str]:
        """Those of `runs` longer than the spike guard allowed (running.over_guard: 10 % over
        the longest of the 30 days before), by id, with the sentence that says so."""
        from rehab_tui.domain.spacing import run_day
        from rehab_tui.domain.spike_guard import GUARD_DAYS, over_guard

        if not runs:
            return {}
        first = min(run_day(run) for run in runs) - timedelta(days=GUARD_DAYS)
        window = self.store.runs(since=first.isoformat())
        return {run["id"]: why for run in runs if (why := over_guard(run, window)) is not None}

    def log_run(
        self,
        day: date,
        at: time | None,
        minutes: float,
        km: float | None,
        pain: int,
        kind: RunKind = "continuous",
        level: int | None = None,
        note: str = "",
    ) -> RunLogged:
        """Record a run done on `day` (at `at`; now for today without one, else noon)."""
        from rehab_tui.domain.run_log import new_run, start_instant

        now = self.clock.wall()
        if at is not None:
            started = datetime.combine(day, at).astimezone()
        else:
            started = now if day == now.date() else datetime.combine(day, time(12)).astimezone()
        if day > now.date() or started > now:
            raise ServiceError(f"{started:%Y-%m-%d %H:%M} is in the future; log a run once done")
        try:
            run = new_run(started.replace(microsecond=0), minutes, km, pain, kind, level, note)
        except ValueError as error:
            raise ServiceError(str(error)) from None
        self._writing()
        if start_instant(run["started_at"]) in self._starts(day.isoformat()):
            raise ServiceError(f"a run starting at {run['started_at'][:16]} is already logged")
        self.store.add_run(run)
        warnings = warnings_after(pain, None, self.pain_limits())
        over = self.over_the_guard([run]).get(run["id"])
        return RunLogged(run, warnings, self._flagged(), over)

    def import_run_files(
        self, paths: Sequence[Path], pain: int, progress: Progress | None = None
    ) -> RunsImported:
        """Read each file; save every run not already here (by its start, to the second), all
        in one write. A file that gives no run is named in `failed` and nothing of it is kept;
        the others still are. `pain`: the pain during, which no file holds."""
        from rehab_tui.domain.run_log import new_run, start_instant
        from rehab_tui.exchange.run_files import RunFileError, read_run_file

        try:
            check_pain(pain)
        except ValueError as error:
            raise ServiceError(str(error)) from None
        self._writing()
        known = self._starts(None)
        today = self.today()
        added: list[tuple[Path, RunRecord]] = []
        skipped: list[tuple[Path, str]] = []
        failed: list[str] = []
        for path in paths:
            try:
                found = read_run_file(path)
                local = found.started.astimezone().replace(microsecond=0)
                if local.date() > today:
                    raise RunFileError(f"{one_line(str(path))}: the run starts in the future")
                kind: RunKind = "walk" if found.walk else "continuous"
                run = new_run(local, found.minutes, found.km, pain, kind, source=path.name)
            except (RunFileError, ValueError) as error:
                failed.append(str(error))
            else:
                instant = start_instant(run["started_at"])
                if instant in known:
                    skipped.append((path, run["started_at"]))
                else:
                    known.add(instant)
                    added.append((path, run))
            if progress is not None:
                progress(path)
        if added:
            self.store.merge([], [], [], None, [run for _, run in added])
        warnings = warnings_after(pain, None, self.pain_limits()) if added else ()
        return RunsImported(added, skipped, failed, warnings, self._flagged())

    def _starts(self, since: str | None) -> set[int]:
        """The start instants (UTC seconds) of the runs here, on or after `since`."""
        from rehab_tui.domain.run_log import start_instant

        return {start_instant(run["started_at"]) for run in self.store.runs(since)}

    def _flagged(self) -> bool:
        """A red flag is open: a run is still recorded (it happened), with "see a clinician"."""
        return bool(red_flags_open(self.store))
