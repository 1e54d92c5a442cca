"""Plain data shared by the catalog, the timeline, the store and the screens.

Nothing here does I/O or imports Textual; every class is a frozen record so that a
prescription handed to the player cannot change under it.

The domain's records are msgspec Structs rather than dataclasses: a Struct class is made in C,
where Python 3.11 compiles each of a frozen dataclass's six methods apart (about 0.6 ms a class;
the 42 defined before the first frame took a tenth of start-up, BENCHMARKS.md).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from rehab_tui.domain.text import whole_number


class Kind(StrEnum):
    """How an exercise is performed: its name in files and records. What each kind means (how it
    is timed, described, spoken, recorded) is its module in rehab_tui.domain.kinds."""

    HOLD = "hold"  # an isometric hold, timed by a countdown
    TEMPO = "tempo"  # repetitions paced by a tempo (up, top, down, bottom)
    REPS = "reps"  # contacts or hops counted by the user, who says when they are done
    INTERVALS = "intervals"  # run / walk intervals of the walk-run ladder, each a countdown


# (lowest, highest) accepted for each whole-number dose field; outside is a typo, not a dose.
DOSE_LIMITS: dict[str, tuple[int, int]] = {
    "sets": (1, 10),
    "hold_s": (5, 120),
    "reps": (1, 100),
    "rest_s": (0, 600),
    "run_s": (10, 3600),
    "walk_s": (0, 600),
}


class Tempo(Struct, frozen=True):
    """Seconds for each phase of one repetition, as strength coaches write it: up-top-down-bottom."""

    up: int
    top: int
    down: int
    bottom: int

    @classmethod
    def parse(cls, text: str) -> Tempo:
        """Parse "1-0-3-1"; raise ValueError with a sentence a user can act on."""
        # ASCII digits only ("³" passes str.isdigit), and never past Python's int-string limit
        read = [whole_number(part) for part in str(text).strip().split("-")]
        seconds = [number for number in read if number is not None]
        if len(read) != 4 or len(seconds) != 4:
            raise ValueError(
                f"expected four whole seconds written up-top-down-bottom, like 1-0-3-1, got {text!r}"
            )
        up, top, down, bottom = seconds
        if up + top + down + bottom == 0:
            raise ValueError(f"a repetition must last at least a second, got {text!r}")
        if max(up, top, down, bottom) > 20:
            raise ValueError(f"each phase must be 20 s or less, got {text!r}")
        return cls(up, top, down, bottom)

    @property
    def rep_seconds(self) -> int:
        return self.up + self.top + self.down + self.bottom

    def __str__(self) -> str:
        return f"{self.up}-{self.top}-{self.down}-{self.bottom}"


class Dose(Struct, frozen=True):
    """How much of an exercise: sets, and per set either a hold time or a number of reps."""

    sets: int
    rest_s: int
    hold_s: int | None = None
    reps: int | None = None
    tempo: Tempo | None = None
    run_s: int | None = None  # intervals: the running part of each repeat
    walk_s: int | None = None  # ... and the walking part (0: a continuous run)

    def with_changes(self, **changes: int) -> Dose:
        whole_fields: dict[str, Any] = changes  # replace() would check each against Tempo too
        return replace(self, **whole_fields)


class Exercise(Struct, frozen=True):
    """One entry of the exercise library."""

    id: str
    name: str
    how_to: str
    cues: tuple[str, ...]
    kind: Kind
    per_side: bool
    insertional_safe: bool
    dose: Dose
    insertional_alternative: str | None = None
    # A loaded exercise (a backpack, a machine): the app asks the weight used, and a step up
    # that lowers the reps says to add about this much (DOMAIN: 15RM -> 6RM by adding weight).
    load_step_kg: float | None = None

    @property
    def loaded(self) -> bool:
        return self.load_step_kg is not None


class PlannedExercise(Struct, frozen=True):
    """An exercise with the dose prescribed for one session."""

    exercise: Exercise
    dose: Dose

    @property
    def kind(self) -> Kind:
        return self.exercise.kind


class Level(Struct, frozen=True):
    """A group of exercises done together, and the order in which their dose grows."""

    exercise_ids: tuple[str, ...]
    # Each entry is (dose field, values); the fields grow one at a time, in this order.
    progression: tuple[tuple[str, tuple[int, ...]], ...]
    # For insertional pain: the floor-level exercises done instead, with the same progression
    # (None: each exercise that is not insertional_safe is swapped for its alternative).
    insertional_ids: tuple[str, ...] | None = None


class Frequency(Struct, frozen=True):
    """How often a stage's sessions count toward a step up (DOMAIN §3-§4).

    `per_day`: sessions a day that count (the isometric stage allows two); `days_apart`: days
    between counted sessions (2 for heavy and springy work: 48 h apart). A session done sooner is
    kept but does not count; on the days between, the stage's `light_day` exercises are offered.
    """

    per_day: int = 1
    days_apart: int = 1
    per_week: str = ""  # how many a week the stage aims at, in words ("3", "2-3"), when spaced

    @property
    def words(self) -> str:
        if self.days_apart >= 2:
            week = f"{self.per_week} a week" if self.per_week else "3 a week at most"
            return f"{week}, {self.days_apart * 24} h apart"
        if self.per_day >= 2:
            return "daily, up to twice a day"
        return "daily or every other day"


class Stage(Struct, frozen=True):
    number: int
    name: str
    goal: str
    progress_when: str
    levels: tuple[Level, ...]
    frequency: Frequency = Frequency()
    light_day: tuple[str, ...] = ()  # exercise ids offered between spaced sessions (own dose)


class LadderStep(Struct, frozen=True):
    """One rung of the stage ladder: the smallest change the plan can make is one rung."""

    index: int  # position on the whole ladder, 0-based
    stage: int
    level: int  # 1-based within the stage
    step: int  # 1-based within the level
    exercises: tuple[PlannedExercise, ...]
    change: str  # what changed from the rung below, in words ("hold 25 s", "new exercises")
    # The same rung for insertional pain: floor level, never below a step (DOMAIN §3, §5).
    insertional_exercises: tuple[PlannedExercise, ...] = ()
    insertional_change: str = ""

    def exercises_for(self, insertional: bool) -> tuple[PlannedExercise, ...]:
        return self.insertional_exercises if insertional else self.exercises

    def change_for(self, insertional: bool) -> str:
        return self.insertional_change if insertional else self.change


class CatalogError(Exception):
    """A mistake in an exercise file, located as precisely as the file allows."""

    def __init__(self, path: Path | str, line: int | None, field: str | None, message: str):
        self.path = str(path)
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}, line {self.line}"
        field = f", field {self.field}" if self.field else ""
        return f"{where}{field}: {self.message}"


class Catalog(Struct, frozen=True):
    """The exercise library and its ladder, as loaded from one file."""

    source: Path
    exercises: dict[str, Exercise]
    stages: tuple[Stage, ...]
    ladder: tuple[LadderStep, ...]

    def stage(self, number: int) -> Stage:
        return next(s for s in self.stages if s.number == number)

    def first_step_of_stage(self, number: int) -> LadderStep:
        return next(step for step in self.ladder if step.stage == number)
