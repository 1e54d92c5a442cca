"""The walk-run ladder's steps (DOMAIN §7), and how a run is judged and placed on it. Pure.

From 10 x (1 min run / 1 min walk) to 30 minutes continuous. Each level's time on feet is at most
10 % more than the level before's, so that the ladder itself never breaks the spike guard
(rehab_tui.domain.running).
"""

from __future__ import annotations

from msgspec import Struct

from rehab_tui.domain.outcomes import Outcome, PlanSettings, judge_outcome, next_morning
from rehab_tui.domain.record_types import CheckinRecord, RunRecord
from rehab_tui.domain.spacing import run_day


class Level(Struct, frozen=True):
    """One step of the walk-run ladder: intervals, or continuous minutes."""

    number: int  # 1-based
    run_s: int  # the running part of each interval (continuous: the whole run)
    walk_s: int  # 0 when continuous
    repeats: int

    @property
    def continuous(self) -> bool:
        return self.walk_s == 0

    @property
    def minutes(self) -> float:
        """Time on feet: the spike guard's measure."""
        return self.repeats * (self.run_s + self.walk_s) / 60

    @property
    def words(self) -> str:
        if self.continuous:
            return f"{self.run_s // 60} minutes continuous"
        return f"{self.repeats} × ({self.run_s // 60} min run / {self.walk_s // 60} min walk)"


LEVELS = (
    Level(1, 60, 60, 10),
    Level(2, 120, 60, 7),
    Level(3, 180, 60, 5),
    Level(4, 240, 60, 4),
    Level(5, 360, 60, 3),
    Level(6, 540, 60, 2),
    Level(7, 20 * 60, 0, 1),
    Level(8, 22 * 60, 0, 1),
    Level(9, 24 * 60, 0, 1),
    Level(10, 26 * 60, 0, 1),
    Level(11, 28 * 60, 0, 1),
    Level(12, 30 * 60, 0, 1),
)
TOP = LEVELS[-1]


def run_outcome(
    run: RunRecord, checkins: list[CheckinRecord], baseline: int, settings: PlanSettings
) -> tuple[Outcome, str]:
    """A run's traffic light, as a session's (DOMAIN §7)."""
    day = run_day(run)
    morning, late = next_morning(day, checkins)
    outcome, why = judge_outcome(day, run["pain"], morning, baseline, settings, late=late)
    return outcome, why.replace("'s session", "'s run")


def level_of(run: RunRecord) -> Level | None:
    """The ladder step a run was: its walk-run level, or the continuous level its minutes
    reach (None for a walk, a short continuous run, or one beyond the ladder)."""
    if run["kind"] == "walk_run" and run["level"] is not None:
        return LEVELS[min(run["level"], len(LEVELS)) - 1]
    if run["kind"] == "continuous":
        reached = [lv for lv in LEVELS if lv.continuous and lv.minutes <= run["minutes"]]
        return reached[-1] if reached else None
    return None
