"""What the use cases (rehab_tui.services.rehab) return, and the one error they raise.

NamedTuples rather than frozen dataclasses: each dataclass costs about 0.5 ms to define, and
these are imported before the app's first frame (BENCHMARKS.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

    from rehab_tui.domain.library import PlannedExercise
    from rehab_tui.domain.plan import Decision, Plan
    from rehab_tui.domain.profile import Profile
    from rehab_tui.domain.record_types import (
        CapacityRecord,
        RunRecord,
        SessionKind,
        SessionRecord,
        SidedTestRecord,
    )
    from rehab_tui.domain.review import SessionRow
    from rehab_tui.domain.safety import SafetyWarning
    from rehab_tui.storage.routines import Routine


class ServiceError(Exception):
    """A request the rules refuse (a check-in dated in the future, a routine that is not there);
    the message is one sentence for the user."""


class Started(NamedTuple):
    """A session just begun: the player plays `exercises`; `kind` picks the timeline's rests."""

    session_id: str
    exercises: tuple[PlannedExercise, ...]
    kind: SessionKind


class Rated(NamedTuple):
    """A session rated: as saved, the capacity test it was (if one), and what to warn about."""

    session: SessionRecord
    test: SidedTestRecord | None
    warnings: tuple[SafetyWarning, ...]


class LoadPrompt(NamedTuple):
    """The weight to ask for as a loaded exercise starts: prefilled with the last one recorded
    (else the plan's suggestion, else 0); `suggested_kg`: the plan's, for a hint."""

    name: str
    prefill_kg: float
    suggested_kg: float | None


class Logged(NamedTuple):
    """A session done away from the app, recorded as the day's plan done in full (or the
    routine followed instead of the plan, named by `routine`)."""

    plan: Plan
    warnings: tuple[SafetyWarning, ...]
    exercises: tuple[PlannedExercise, ...]
    routine: str | None = None


class Imported(NamedTuple):
    sessions: int
    checkins: int
    tests: int
    skipped: int  # sessions already here
    runs: int = 0


class RunLogged(NamedTuple):
    """A run recorded: as saved, what its pain warns about, whether a red flag is open (the
    run is kept, it happened, but the runner should see a clinician first), and whether it was
    longer than the spike guard allowed (the sentence; None: within it)."""

    run: RunRecord
    warnings: tuple[SafetyWarning, ...]
    see_clinician: bool
    over_guard: str | None = None


class RunsImported(NamedTuple):
    """Run files read: the runs saved (with their file), the files whose run was already here
    (with its start), one sentence per file that gave no run; the pain's warnings; a red flag."""

    added: list[tuple[Path, RunRecord]]
    skipped: list[tuple[Path, str]]
    failed: list[str]
    warnings: tuple[SafetyWarning, ...]
    see_clinician: bool


class OwnProgram(NamedTuple):
    """A routine followed instead of the plan, with what the pain rules advise about it."""

    routine: Routine
    decision: Decision
    reasons: tuple[str, ...]
    see_clinician: bool


class Trends(NamedTuple):
    rows: list[SessionRow]
    tests: list[CapacityRecord]
    profile: Profile
