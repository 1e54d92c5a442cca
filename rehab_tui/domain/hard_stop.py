"""The hard stop: pain at the hard-stop limit anywhere -- a session of any kind
(the plan's, a routine, the quick timer, a capacity test), a capacity test's own rating, a
check-in, a run -- means no running for HARD_STOP_DAYS days from that date, whatever comes after.

Computed from the stored history every time, so it survives restarts and later green sessions:
the plan's lookback (services/planning.py) is longer than the window.
"""

from __future__ import annotations

from datetime import date, timedelta

from msgspec import Struct

from rehab_tui.domain.outcomes import day_words
from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.record_types import CapacityRecord, CheckinRecord, RunRecord, SessionRecord

HARD_STOP_DAYS = 14  # days without running from the day of the pain, that day included


class HardStop(Struct, frozen=True):
    day: date  # when the pain was given
    pain: int
    where: str  # "during the session on Mon 2 Mar", "at the check-in on Tue 3 Mar"

    @property
    def last_day(self) -> date:
        """The last day without running (HARD_STOP_DAYS days from `day`, both included)."""
        return self.day + timedelta(days=HARD_STOP_DAYS - 1)

    @property
    def words(self) -> str:
        """The plan's sentence: what happened, the end date, the red-flag advice."""
        return (
            f"Pain {self.pain}/10 {self.where}: no running for {HARD_STOP_DAYS} days, up to and "
            f"including {day_words(self.last_day)} (low-impact only: cycling, swimming, pool "
            "running). If it came on suddenly, with a snap, swelling, or you cannot rise on "
            "tiptoe, see a clinician first."
        )


def latest_hard_stop(
    sessions: list[SessionRecord],
    checkins: list[CheckinRecord],
    tests: list[CapacityRecord],
    limits: PainLimits,
    today: date,
    runs: list[RunRecord] | None = None,
) -> HardStop | None:
    """The latest pain at the hard-stop limit whose window still covers `today`, else None."""
    found = hard_stops(sessions, checkins, tests, limits, runs or [])
    current = [h for h in found if h.day <= today <= h.last_day]
    return max(current, key=lambda h: (h.day, h.pain)) if current else None


def hard_stops(
    sessions: list[SessionRecord],
    checkins: list[CheckinRecord],
    tests: list[CapacityRecord],
    limits: PainLimits,
    runs: list[RunRecord],
) -> list[HardStop]:
    """Every pain at the hard-stop limit: sessions, check-ins, tests and runs."""
    found: list[HardStop] = []
    for session in sessions:
        pain = session.get("pain")
        day = date.fromisoformat(session["started_at"][:10])
        if pain is not None and pain >= limits.hard_stop:
            found.append(HardStop(day, pain, f"during the session on {day_words(day)}"))
    for checkin in checkins:
        day = date.fromisoformat(checkin["date"])
        if checkin["pain"] >= limits.hard_stop:
            found.append(HardStop(day, checkin["pain"], f"at the check-in on {day_words(day)}"))
    for test in tests:
        test_pain = test.get("pain")
        day = date.fromisoformat(test["date"])
        if isinstance(test_pain, int) and test_pain >= limits.hard_stop:
            found.append(HardStop(day, test_pain, f"in the capacity test on {day_words(day)}"))
    for run in runs:
        day = date.fromisoformat(run["started_at"][:10])
        if run["pain"] >= limits.hard_stop:
            found.append(HardStop(day, run["pain"], f"during the run on {day_words(day)}"))
    return found
