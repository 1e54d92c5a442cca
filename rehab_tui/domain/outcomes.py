"""A session's outcome (green, amber, red or pending) and the thresholds the rules use.

A session's outcome combines the pain during it with the next morning's check-in against the
runner's usual morning pain (the profile's figure, never the last check-in). The
next morning of a session on day D is the check-in dated D+1; a check-in made later (up to
LATE_CHECKIN_DAYS after) can make a session amber or red but never green, so a missed check-in
stays pending. Pure: the plan, the history and the report all judge sessions here.
"""

from __future__ import annotations

import bisect
import functools
from datetime import date, datetime, timedelta
from enum import StrEnum

from msgspec import Struct

from rehab_tui.domain.pain import DEFAULT_LIMITS, PainLimits, PainZone, zone_of
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.record_types import CheckinRecord, RunRecord, SessionRecord

CHECKIN_WINDOW_H = (12, 48)  # a session this many hours ago asks for a morning check-in
LATE_CHECKIN_DAYS = 3  # a check-in up to D+3 can still worsen a session held on day D


class Outcome(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    PENDING = "pending"


class PlanSettings(Struct, frozen=True):
    """Every threshold the plan uses, in one place."""

    limits: PainLimits = DEFAULT_LIMITS
    greens_to_progress: int = 3
    min_days_to_progress: int = 2
    gap_step_days: int = 7
    gap_stage_days: int = 21
    morning_amber_rise: int = 1  # next-morning pain this much above baseline: amber
    morning_red_rise: int = 3  # ... this much: red
    # The gate into stage 4 and running: recent heel-raise and hop tests (DOMAIN §4).
    heel_raises_needed: int = 20
    symmetry_needed: float = 0.9
    test_valid_days: int = 42

    @classmethod
    def for_profile(cls, profile: Profile) -> PlanSettings:
        return cls(
            limits=profile.pain_limits,
            heel_raises_needed=profile.heel_raise_floor,
            symmetry_needed=profile.symmetry_pct / 100,
        )


@functools.lru_cache(maxsize=1024)  # the plan names the same few days for every session
def day_words(day: date) -> str:
    """ "Tue 3 Mar", as the reasons name days."""
    return f"{day:%a} {day.day} {day:%b}"


def session_day(session: SessionRecord) -> date:
    return date.fromisoformat(session["started_at"][:10])


def sentence(text: str) -> str:
    """`text` with its first letter in capitals, to start a reason with a clause."""
    return text[:1].upper() + text[1:]


def next_morning(day: date, checkins: list[CheckinRecord]) -> tuple[int | None, bool]:
    """The morning pain that judges a session held on `day`, and whether it came late.

    The check-in dated the following day if there is one; else the first one dated up to
    LATE_CHECKIN_DAYS later (late: it may only worsen the outcome); else None. For many
    sessions against the same check-ins, CheckinIndex.
    """
    following = (day + timedelta(days=1)).isoformat()
    latest = (day + timedelta(days=LATE_CHECKIN_DAYS)).isoformat()
    later = [c for c in checkins if following <= c["date"] <= latest]
    if not later:
        return None, False
    first = min(later, key=_checkin_day)  # the earliest; the first given of a day's repeats
    return first["pain"], first["date"] != following


def _checkin_day(checkin: CheckinRecord) -> str:
    return checkin["date"]


class CheckinIndex:
    """Check-ins by date, for "the next morning" of many sessions in O(log n) each."""

    def __init__(self, checkins: list[CheckinRecord]):
        ordered = sorted(checkins, key=lambda c: c["date"])
        self.dates = [date.fromisoformat(c["date"]) for c in ordered]
        self.pains = [c["pain"] for c in ordered]

    def next_morning(self, day: date) -> tuple[int | None, bool]:
        """As next_morning (the function), for this index's check-ins."""
        at = bisect.bisect_right(self.dates, day)
        if at < len(self.dates) and self.dates[at] <= day + timedelta(days=LATE_CHECKIN_DAYS):
            return self.pains[at], self.dates[at] != day + timedelta(days=1)
        return None, False


def outcome_of(
    session: SessionRecord,
    checkins: CheckinIndex,
    profile: Profile,
    settings: PlanSettings,
) -> tuple[Outcome, str]:
    """A session's traffic light and the sentence that explains it."""
    day = session_day(session)
    morning, late = checkins.next_morning(day)
    return judge_outcome(day, session.get("pain"), morning, profile.baseline, settings, late=late)


def judge_outcome(
    day: date,
    pain: int | None,
    morning: int | None,
    baseline: int,
    settings: PlanSettings,
    late: bool = False,
) -> tuple[Outcome, str]:
    """The traffic light from pain during, the next morning's pain and the usual morning pain.

    `late`: the morning pain comes from a check-in after the following day, which can make the
    session amber or red but never green.
    """
    limits = settings.limits
    during = f"pain {pain}/10 on {day_words(day)}"  # said only when there is a pain rating
    when = "a later check-in" if late else "next-morning pain"
    if pain is not None and zone_of(pain, limits) is PainZone.RED:
        return Outcome.RED, during
    if morning is not None and morning - baseline >= settings.morning_red_rise:
        return (
            Outcome.RED,
            f"{when} {morning}/10 after {day_words(day)}, {morning - baseline} above your usual {baseline}",
        )
    if pain is not None and zone_of(pain, limits) is PainZone.AMBER:
        return Outcome.AMBER, during
    if morning is not None and morning - baseline >= settings.morning_amber_rise:
        return (
            Outcome.AMBER,
            f"{when} {morning}/10 after {day_words(day)}, above your usual {baseline}",
        )
    if pain is None:
        return Outcome.PENDING, f"no pain rating for {day_words(day)}'s session"
    if morning is None:
        return Outcome.PENDING, f"no next-morning check-in after {day_words(day)} yet"
    if late:
        return (
            Outcome.PENDING,
            f"no check-in the morning after {day_words(day)} (a missed morning is not a green one)",
        )
    return Outcome.GREEN, f"{during}, back to {morning}/10 the next morning"


class CheckinDue(Struct, frozen=True):
    """A morning check-in due: the day of what it follows, and what that was."""

    day: date
    what: str  # "session" or "run"


def checkin_due(
    sessions: list[SessionRecord],
    checkins: list[CheckinRecord],
    now: datetime,
    runs: list[RunRecord] | None = None,
) -> CheckinDue | None:
    """The latest session or run that ended 12-48 h before `now` with no check-in dated after
    its day: the check-in is due for it (DOMAIN §1; a run's next morning as a session's, §7).

    Only on a later day than its own: "this morning" on the session's own day would be the
    morning before it, and a check-in is dated the day it is about.
    """
    ended = [
        (datetime.fromisoformat(s["ended_at"]), session_day(s), "session")
        for s in sessions
        if s["ended_at"]
    ]
    for run in runs or []:
        started = datetime.fromisoformat(run["started_at"])
        ended.append((started + timedelta(minutes=run["minutes"]), started.date(), "run"))
    if not ended:
        return None
    ended_at, day, what = max(ended, key=lambda item: item[0])
    hours = (now - ended_at).total_seconds() / 3600
    if not CHECKIN_WINDOW_H[0] <= hours <= CHECKIN_WINDOW_H[1] or now.date() <= day:
        return None
    if any(c["date"] > day.isoformat() for c in checkins):
        return None
    return CheckinDue(day, what)
