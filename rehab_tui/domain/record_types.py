"""The saved records' shapes: sessions with their exercises and sets, check-ins, capacity tests
and the profile, exactly as the store keeps them and a json export carries them.

These types are the one definition of a record. mypy checks the code that builds and reads
records against them, and the record check (rehab_tui.storage.record_check) walks the same types at
run time: a field's `Annotated` metadata (a `Range`, a `TextForm`) says which values it takes.
So whatever kind or field the app writes, an export of it can be imported again.

Written without `from __future__ import annotations` so that the annotations are real objects
for that walk.
"""

import re
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Final, Literal, NotRequired, TypedDict

from msgspec import Struct

from rehab_tui.domain.library import Kind, Tempo


class SessionKind(StrEnum):
    """What a session was. A StrEnum, so the stored JSON holds the plain word.

    Records read back from a file hold that plain string, not the member: compare kinds with ==
    (which works for both), never with `is`.
    """

    PLAN = "plan"  # the plan's session for the day; the only kind that moves the ladder
    FREE = "free"  # exercises played outside the plan (the quick timer)
    ROUTINE = "routine"  # one of the user's own routines (a physio's program)
    TEST = "test"  # a capacity test (heel raises to fatigue, hops)
    # Runs are records of their own (RunRecord), not sessions.


# -- what a field accepts, beyond its Python type --------------------------------------------


class Range(Struct, frozen=True):
    """The values a stored number may take, both ends included; no `high`: no upper bound."""

    low: int
    high: int | None = None


class TextForm(Struct, frozen=True):
    """Text written in a set form: `parse` raises ValueError for anything else.

    `expected` names the form for an error message ("a date like 2026-03-03"); None when the
    parser's own sentence says what is wrong.
    """

    parse: Callable[[str], object]
    expected: str | None


SESSION_ID_PATTERN: Final = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{1,32}$")


def _session_id(text: str) -> str:
    if not SESSION_ID_PATTERN.match(text):
        raise ValueError(text)
    return text


def _day(text: str) -> date:
    """Only YYYY-MM-DD: the store files records by their first seven characters (the month)."""
    day = date.fromisoformat(text)
    if day.isoformat() != text:
        raise ValueError(text)
    return day


def _moment(text: str) -> datetime:
    """A date and time with its UTC offset, as the app writes them: one without cannot be
    compared with the app's own (Python refuses to mix the two)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(text)
    return moment


SESSION_ID: Final = TextForm(_session_id, "an id like 20260303-080000-1a2b3c")
DAY: Final = TextForm(_day, "a date like 2026-03-03")
MOMENT: Final = TextForm(
    _moment, "a date and time with its UTC offset, like 2026-03-03T08:00:00+01:00"
)
TEMPO: Final = TextForm(Tempo.parse, None)

Pain = Annotated[int, Range(0, 10)]
Day = Annotated[str, DAY]
Moment = Annotated[str, MOMENT]
Seconds = Annotated[float, Range(0)]
Amount = Annotated[float, Range(0, 100_000)]  # seconds held or reps, in one set
LoadKg = Annotated[float, Range(0, 500)]  # the weight used on a loaded exercise, in kg
Side = Literal["left", "right"]
SidedTestKind = Literal["heel_raise", "hop"]


# -- sessions ----------------------------------------------------------------------------------


class PlannedDose(TypedDict):
    """An exercise's dose as planned, written into the session (library.Dose, None left out)."""

    sets: Annotated[int, Range(1, 100)]
    rest_s: Annotated[int, Range(0)]
    hold_s: NotRequired[Annotated[int, Range(0)]]
    reps: NotRequired[Annotated[int, Range(0)]]
    tempo: NotRequired[Annotated[str, TEMPO]]  # "1-0-3-0"; always there for a tempo exercise
    run_s: NotRequired[Annotated[int, Range(0)]]  # intervals: running seconds of each repeat
    walk_s: NotRequired[Annotated[int, Range(0)]]  # ... and walking seconds


class SetRecord(TypedDict):
    """One side of one set, saved the moment it ends (playback.SetResult)."""

    set: Annotated[int, Range(1, 100)]
    side: Side | None
    planned: Annotated[int, Range(0, 100_000)]
    done: Amount
    skipped: bool  # ended early with "next"
    paused_s: Seconds
    completed_at: Moment


class ExerciseRecord(TypedDict):
    """One exercise of a session, with everything needed to show or resume it without the file."""

    exercise_id: str
    name: str
    kind: Kind
    per_side: bool
    planned: PlannedDose
    sets: list[SetRecord]
    load_kg: NotRequired[LoadKg]  # the weight used, for a loaded one
    # Exercises in no file the app reads back (the quick timer's, a routine's own) carry these.
    how_to: NotRequired[str]
    cues: NotRequired[list[str]]


class SessionChanges(TypedDict, total=False):
    """The fields of a session that change after it starts (ended, rated, noted)."""

    ended_at: Moment | None
    completed: bool
    paused_s: Seconds
    pain: Pain | None
    note: str


class SessionExtras(TypedDict, total=False):
    """What some sessions say about themselves, beyond what every session has."""

    routine: str  # kind routine: the routine's name
    quick: bool  # kind free: started from the quick timer
    test: SidedTestKind  # kind test: which capacity test
    logged: bool  # recorded afterwards with `rehab-tui log`, as planned, in full
    light: bool  # kind plan: a light day between heavy or springy sessions (not counted)


class SessionRecord(SessionExtras):
    """One session: its plan step (if any), exercises and sets, pain and note (and, from
    SessionExtras, what kind of session outside the plan it was)."""

    id: Annotated[str, SESSION_ID]  # starts with its start time, which names its month file
    kind: SessionKind
    started_at: Moment
    ended_at: Moment | None  # None while in progress
    completed: bool
    stage: Annotated[int, Range(1)] | None  # the plan's stage and ladder step; None off the plan
    ladder_index: Annotated[int, Range(0)] | None
    pain: Pain | None  # None until rated (or when the rating was skipped)
    note: str
    paused_s: Seconds
    exercises: list[ExerciseRecord]


# -- runs ---------------------------------------------------------------------------------------

RunKind = Literal["continuous", "walk_run", "walk"]


class RunRecord(TypedDict):
    """A run (or a brisk walk, the entry to the walk-run ladder), logged or read from a watch's
    file, and judged green, amber or red like a session (DOMAIN §7)."""

    id: Annotated[str, SESSION_ID]  # starts with its start time, which names its month file
    started_at: Moment
    minutes: Annotated[float, Range(0, 1440)]  # time on feet, walking breaks included
    km: Annotated[float, Range(0, 1000)] | None  # None when the distance is not known
    pain: Pain  # pain during, 0-10
    kind: RunKind  # continuous, walk_run (a level of the walk-run ladder), walk
    level: Annotated[int, Range(1, 99)] | None  # the walk-run level (1-based); None otherwise
    note: str
    source: NotRequired[str]  # the file it was imported from (its name only)


# -- check-ins, capacity tests, the profile ----------------------------------------------------


class CheckinRecord(TypedDict):
    """A morning check-in; one a day (the latest wins)."""

    date: Day
    pain: Pain
    stiffness_min: NotRequired[Annotated[int, Range(0, 600)] | None]


class SidedTestRecord(TypedDict):
    """A heel-raise or hop test: what each side managed, and the pain it caused."""

    id: str
    date: Day
    kind: SidedTestKind
    left: Annotated[int, Range(0, 1000)]
    right: Annotated[int, Range(0, 1000)]
    pain: Pain | None  # None when the rating was skipped: the stage gate asks for a test again


class VisaARecord(TypedDict):
    """A VISA-A score, taken with the questionnaire elsewhere."""

    id: str
    date: Day
    kind: Literal["visa_a"]
    score: Annotated[int, Range(0, 100)]


CapacityRecord = SidedTestRecord | VisaARecord


class ProfileRecord(TypedDict, total=False):
    """The clinical profile (profile.Profile), kept with the data so an export carries it.

    Every field may be missing: Profile.from_dict falls back to a default for each.
    """

    tendinopathy: str
    baseline: Pain
    limits: str
    heel_raise_floor: int
    symmetry_pct: int
    weights: bool
