"""The spike guard (DOMAIN §7; Frandsen/Nielsen 2025, BJSM 59:1203): no run more than 10 %
longer than the longest of the last 30 days, and weekly minutes within +20 % of the week
before as a second check. Pure.
"""

from __future__ import annotations

from datetime import date, timedelta

from rehab_tui.domain.outcomes import day_words
from rehab_tui.domain.record_types import RunRecord
from rehab_tui.domain.spacing import run_day

GUARD = 0.10  # no run more than 10 % longer than the longest of the last GUARD_DAYS days
GUARD_DAYS = 30
WEEKLY_GROWTH = 0.20  # the secondary check: weekly minutes up more than this on the week before


def minutes_words(minutes: float) -> str:
    return f"{minutes:g} min"


def over_guard(run: RunRecord, runs: list[RunRecord]) -> str | None:
    """Whether a run was more than 10 % longer than the longest of the 30 days before it."""
    day = run_day(run)
    on_the_day = day.isoformat()
    before = [
        r
        for r in in_window(runs, day, GUARD_DAYS)
        if r["started_at"][:10] < on_the_day and r["kind"] != "walk"
    ]
    if not before or run["kind"] == "walk":
        return None
    longest = max(r["minutes"] for r in before)
    if run["minutes"] <= longest * (1 + GUARD) + 1e-9:
        return None
    return (
        f"your run on {day_words(day)} ({minutes_words(run['minutes'])}) was more than 10 % longer than "
        f"the longest of the 30 days before it ({minutes_words(longest)})"
    )


def longest_allowed(runs: list[RunRecord], today: date) -> tuple[float | None, float | None]:
    """The longest run allowed today by the spike guard: minutes (None with no run in the last
    30 days), and km when every such run has a distance. A run that was itself over the guard
    does not raise it: the next runs keep to the guard from before it."""
    recent = [
        r for r in in_window(runs, today - timedelta(days=1), GUARD_DAYS - 1) if r["kind"] != "walk"
    ]
    recent += [r for r in runs if run_day(r) == today and r["kind"] != "walk"]
    if not recent:
        return None, None
    recent = [r for r in recent if over_guard(r, runs) is None] or recent
    minutes = _floor_half(max(r["minutes"] for r in recent) * (1 + GUARD))
    distances = [r["km"] for r in recent if r["km"] is not None]
    km = (
        round(max(distances) * (1 + GUARD), 1)
        if distances and len(distances) == len(recent)
        else None
    )
    return minutes, km


def weekly_growth(runs: list[RunRecord], today: date) -> str | None:
    """The week's minutes more than 20 % over the week before's (the secondary check)."""
    this_week = sum(r["minutes"] for r in runs if 0 <= (today - run_day(r)).days < 7)
    last_week = sum(r["minutes"] for r in runs if 7 <= (today - run_day(r)).days < 14)
    if last_week <= 0 or this_week <= last_week * (1 + WEEKLY_GROWTH):
        return None
    return (
        f"Your running in the last 7 days ({minutes_words(this_week)}) is more than 20 % over the week "
        f"before ({minutes_words(last_week)}): keep today short and easy, or skip it."
    )


def in_window(runs: list[RunRecord], today: date, days: int) -> list[RunRecord]:
    """The runs of the `days` days before `today`, and today's (by their own dates, compared
    as ISO text: the plan asks this of every run in its window)."""
    start, end = (today - timedelta(days=days)).isoformat(), today.isoformat()
    return [r for r in runs if start <= r["started_at"][:10] <= end]


def _floor_half(minutes: float) -> float:
    """Down to the half minute: never over the guard."""
    return int(minutes * 2 + 1e-9) / 2
