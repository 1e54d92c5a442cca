"""The Runs screen's use cases, for `Rehab` (services/rehab.py keeps one thin method for each):
the runs judged for the list, and the walk-run player's start and end.

The player plays today's level of the walk-run ladder as a session of one intervals exercise
(rehab_tui.domain.kinds.intervals), so that it has the player's clock, cues and
resume-after-crash. That session is only the player's journal: at its end the run is recorded
as a run (the pain during, the minutes done) and the session is dropped, so that history shows
one record of what was one run, and the session's pain is never counted beside the run's. The
run starts when the session started: a second finish (after a crash between the two writes)
finds it already logged and only drops the session, so a run is never recorded twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from msgspec import Struct

from rehab_tui.domain.kinds.intervals import played_run, repeats_allowed, walk_run_exercise
from rehab_tui.domain.library import PlannedExercise
from rehab_tui.domain.outcomes import Outcome, PlanSettings
from rehab_tui.domain.record_types import RunRecord, SessionKind
from rehab_tui.domain.run_levels import run_outcome
from rehab_tui.domain.run_log import newest_first, start_instant
from rehab_tui.domain.running import RunPlan
from rehab_tui.services.results import RunLogged, ServiceError

if TYPE_CHECKING:
    from rehab_tui.services.rehab import Rehab


class RunRow(Struct, frozen=True):
    """One run as the Runs screen lists it: judged like a session, and the spike guard's words
    when it was more than 10 % longer than the longest of the 30 days before it."""

    run: RunRecord
    outcome: Outcome
    why: str
    over_guard: str | None


def run_rows(rehab: Rehab) -> list[RunRow]:
    """Every run, newest first, with its outcome and spike flag."""
    runs = rehab.runs()
    checkins = rehab.checkins()
    profile = rehab.profile()
    settings = PlanSettings.for_profile(profile)
    flagged = rehab.over_the_guard(runs)
    rows = []
    for run in newest_first(runs):
        outcome, why = run_outcome(run, checkins, profile.baseline, settings)
        rows.append(RunRow(run, outcome, why, flagged.get(run["id"])))
    return rows


def playable(running: RunPlan | None) -> str | None:
    """Why today's level cannot be played (None: it can)."""
    if running is None or running.level is None:
        return "no level of the walk-run ladder today: your running is beyond it"
    if running.verdict == "rest":
        return "running rests today; the Runs screen says why"
    if repeats_allowed(running.level, running.longest_min) == 0:
        return (
            f"today's longest allowed run ({running.longest_min:g} min) is shorter than one repeat"
        )
    return None


def walk_run_planned(rehab: Rehab, running: RunPlan | None) -> PlannedExercise:
    """Today's level to play, cut to the repeats the spike guard allows; ServiceError, in one
    sentence, when there is none to play."""
    problem = playable(running)
    if problem is not None:
        raise ServiceError(problem)
    assert running is not None and running.level is not None  # playable() said so
    repeats = repeats_allowed(running.level, running.longest_min)
    return walk_run_exercise(running.level, repeats, rehab.pain_limits())


def finish_walk_run(rehab: Rehab, session_id: str, pain: int, note: str) -> RunLogged | None:
    """Record the walk-run session's run (None: nothing was run, or it was logged already)
    and drop the session. ServiceError when the session is no walk-run. (Rehab takes the
    writer lock first.)"""
    session = rehab.store.session(session_id)
    played = played_run(session) if session is not None else None
    if session is None or played is None:
        raise ServiceError(f"the session {session_id} is not a walk-run in progress")
    started = datetime.fromisoformat(session["started_at"]).astimezone()
    logged = None
    already = {start_instant(r["started_at"]) for r in rehab.runs(started.date())}
    if played.minutes > 0 and start_instant(session["started_at"]) not in already:
        words = "; ".join(text for text in (note.strip(), played.note) if text)
        logged = rehab.log_run(
            started.date(),
            started.time().replace(tzinfo=None),
            played.minutes,
            None,
            pain,
            played.kind,
            played.level,
            words,
        )
    rehab.store.drop_session(session_id)
    return logged


def is_walk_run(rehab: Rehab, session_id: str) -> bool:
    session = rehab.store.session(session_id)
    return (
        session is not None
        and session["kind"] == SessionKind.FREE
        and (played_run(session) is not None)
    )
