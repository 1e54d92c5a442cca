"""The week-to-week trend rule for morning pain and stiffness (README, "The plan, and why it
changes").

Morning pain: the mean of the last 7 days' check-ins against the person's usual morning pain
and against the 7 days before. Up by >= 1 on either: no step up, said so. Up by >= 2: one rung
back and no running. Morning stiffness: more than 30 minutes on 3 mornings of the last week, or
clearly rising week over week (the weekly mean up by CLEAR_STIFFNESS_RISE_MIN minutes or more),
holds progress and is named; more than 30 minutes while still rising is a reason to see a
clinician. Pure: the plan asks it, `plan --json` shows its weekly means.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import IntEnum

from msgspec import Struct

from rehab_tui.domain.record_types import CheckinRecord
from rehab_tui.domain.safety import LONG_STIFFNESS_MIN

WEEK_DAYS = 7
PAIN_HOLD_RISE = 1.0  # weekly mean morning pain this much above usual or last week: no step up
PAIN_BACK_RISE = 2.0  # ... this much: one rung back, no running
LONG_STIFFNESS_MORNINGS = 3  # mornings over LONG_STIFFNESS_MIN in a week that hold progress
# "Clearly rising": the weekly mean up by at least a quarter of an hour. A few minutes' change
# is noise in a figure people estimate; fifteen is not.
CLEAR_STIFFNESS_RISE_MIN = 15.0


class TrendLevel(IntEnum):
    """What the trend asks of the plan, in rising order of caution."""

    CLEAR = 0
    HOLD = 1  # no step up (and run advice: modify)
    STEP_BACK = 2  # one rung back, no running
    CLINICIAN = 3  # stiffness over 30 minutes and still rising: see a clinician, no running


class WeekMeans(Struct, frozen=True):
    """The means of one week's check-ins; None when none gave the figure."""

    pain: float | None
    stiffness_min: float | None


class Trend(Struct, frozen=True):
    this_week: WeekMeans  # the 7 days ending today
    last_week: WeekMeans  # the 7 days before them
    level: TrendLevel
    reasons: tuple[str, ...]  # each rule that applies, in a sentence


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _week(checkins: list[CheckinRecord], first: date, last: date) -> list[CheckinRecord]:
    return [c for c in checkins if first.isoformat() <= c["date"] <= last.isoformat()]


def _means(week: list[CheckinRecord]) -> WeekMeans:
    stiffness = [m for c in week if (m := c.get("stiffness_min")) is not None]
    return WeekMeans(_mean([c["pain"] for c in week]), _mean(stiffness))


def morning_trend(checkins: list[CheckinRecord], usual: int, today: date) -> Trend:
    """The trend of the check-ins up to `today` against `usual` (the profile's morning pain)."""
    this = _week(checkins, today - timedelta(days=WEEK_DAYS - 1), today)
    before = _week(
        checkins, today - timedelta(days=2 * WEEK_DAYS - 1), today - timedelta(days=WEEK_DAYS)
    )
    now, then = _means(this), _means(before)
    level, reasons = TrendLevel.CLEAR, []
    if now.pain is not None:
        above_usual = now.pain - usual
        above_before = now.pain - then.pain if then.pain is not None else 0.0
        rise = max(above_usual, above_before)
        against = (
            f"your usual {usual}"
            if above_usual >= above_before or then.pain is None
            else f"{then.pain:.1f} the week before"
        )
        said = f"Morning pain this week averages {now.pain:.1f}/10, up {rise:.1f} on {against}"
        if rise >= PAIN_BACK_RISE:
            level = TrendLevel.STEP_BACK
            reasons.append(f"{said}: one step back and no running until it settles.")
        elif rise >= PAIN_HOLD_RISE:
            level = TrendLevel.HOLD
            reasons.append(f"{said}: no step up until it settles.")
    long_mornings = sum(1 for c in this if (c.get("stiffness_min") or 0) > LONG_STIFFNESS_MIN)
    rising = (
        now.stiffness_min is not None
        and then.stiffness_min is not None
        and now.stiffness_min - then.stiffness_min >= CLEAR_STIFFNESS_RISE_MIN
    )
    if long_mornings and rising:
        level = max(level, TrendLevel.CLINICIAN)
        reasons.append(
            f"Morning stiffness over {LONG_STIFFNESS_MIN} minutes and still rising (this week "
            f"averages {now.stiffness_min:.0f} min, {then.stiffness_min:.0f} the week before): "
            "no step up and no running; please see a physiotherapist or doctor about it."
        )
    elif long_mornings >= LONG_STIFFNESS_MORNINGS or rising:
        level = max(level, TrendLevel.HOLD)
        what = (
            f"over {LONG_STIFFNESS_MIN} minutes on {long_mornings} mornings this week"
            if long_mornings >= LONG_STIFFNESS_MORNINGS
            else f"rising week over week ({then.stiffness_min:.0f} to {now.stiffness_min:.0f} min)"
        )
        reasons.append(f"Morning stiffness {what}: no step up until it eases.")
    return Trend(now, then, level, tuple(reasons))
