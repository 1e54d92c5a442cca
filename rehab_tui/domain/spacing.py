"""Which sessions count toward a step up, and the light days between heavy or springy ones
(DOMAIN §3 frequency, §4 spacing). Pure.

Each stage has a frequency (library.Frequency): the isometric stage counts up to two sessions a
day, the slow-strength stage one a day, and heavy (stage 3) and springy (stage 4) work counts only
48 h apart. A session done sooner is kept, and its pain still counts (an amber or red is never
ignored), but a green one does not add to the greens a step up needs. On the days between, the
plan offers the stage's light-day exercises, or rest, and says which and why.

Days, not hours: the plan is made for a day, before anyone knows at what time the session will
be done, so "48 h apart" is read as "two calendar days apart" (Monday, then Wednesday).
"""

from __future__ import annotations

from datetime import date, timedelta

from msgspec import Struct

from rehab_tui.domain.library import Catalog, Frequency, PlannedExercise
from rehab_tui.domain.outcomes import day_words, session_day
from rehab_tui.domain.record_types import RunRecord, SessionRecord


def run_day(run: RunRecord) -> date:
    return date.fromisoformat(run["started_at"][:10])


def frequency_of(catalog: Catalog, session: SessionRecord) -> Frequency:
    """The frequency of the stage a plan session was on."""
    index = min(session.get("ladder_index") or 0, len(catalog.ladder) - 1)
    return catalog.stage(catalog.ladder[index].stage).frequency


def is_spaced(frequency: Frequency) -> bool:
    return frequency.days_apart >= 2


def counted(sessions: list[SessionRecord], frequency: Frequency) -> list[SessionRecord]:
    """Of `sessions` (oldest first, none of them light), those the stage's frequency counts:
    at most `per_day` a day (one when spaced), and `days_apart` days after the last counted."""
    kept: list[SessionRecord] = []
    for session in sessions:
        day = session_day(session)
        if kept:
            last = session_day(kept[-1])
            same_day = sum(1 for s in kept if session_day(s) == day)
            if day == last and (is_spaced(frequency) or same_day >= frequency.per_day):
                continue
            if day != last and (day - last).days < frequency.days_apart:
                continue
        kept.append(session)
    return kept


def last_full_session(catalog: Catalog, planned: list[SessionRecord]) -> SessionRecord | None:
    """The latest plan session that was not a light day, at a spaced stage; None when the
    latest full session was at an unspaced stage (or there is none)."""
    full = [s for s in planned if not s.get("light")]
    if not full or not is_spaced(frequency_of(catalog, full[-1])):
        return None
    return full[-1]


class LightDay(Struct, frozen=True):
    """Today falls between two heavy or springy sessions."""

    exercises: tuple[PlannedExercise, ...]  # the stage's light-day work (empty: rest)
    next_full_day: date
    reason: str


def light_day(
    catalog: Catalog,
    planned: list[SessionRecord],
    runs: list[RunRecord],
    stage_number: int,
    today: date,
    what: str,
) -> LightDay | None:
    """A light day when today's stage is spaced and its last full session, or a run (a springy
    day, DOMAIN §4), was too recent. `what` names the work ("heavy", "springy") in the reason."""
    stage = catalog.stage(stage_number)
    if not is_spaced(stage.frequency):
        return None
    last = last_full_session(catalog, planned)
    days = [session_day(last)] if last is not None else []
    ran = [run_day(r) for r in runs if r["kind"] != "walk" and run_day(r) <= today]
    if not days and not ran:
        return None
    last_day = max(days + ran)
    if ran and max(ran) == last_day and (not days or days[0] < last_day):
        what_then = "run"
    else:
        what_then = f"{what} session"
    apart = stage.frequency.days_apart
    if (today - last_day).days >= apart:
        return None
    next_day = last_day + timedelta(days=apart)
    exercises = tuple(
        PlannedExercise(catalog.exercises[i], catalog.exercises[i].dose) for i in stage.light_day
    )
    when = "today" if last_day == today else f"on {day_words(last_day)}"
    offer = (
        f"a light day: {_names(exercises)} at an easy dose, or rest"
        if exercises
        else "a rest day from loading"
    )
    reason = (
        f"{what.capitalize()} work is {apart * 24} h apart (a run counts as springy) and your "
        f"last {what_then} was {when}: today is {offer}. Next {what} session: "
        f"{day_words(next_day)}."
    )
    return LightDay(exercises, next_day, reason)


def not_counted(catalog: Catalog, planned: list[SessionRecord]) -> str | None:
    """When the latest full session came too soon after the one before to count, say so."""
    full = [s for s in planned if not s.get("light")]
    if len(full) < 2:
        return None
    latest, before = full[-1], full[-2]
    frequency = frequency_of(catalog, latest)
    if counted([before, latest], frequency) != [before]:
        return None
    if frequency_of(catalog, before) != frequency:
        return None
    gap = (session_day(latest) - session_day(before)).days
    days = "1 day" if gap == 1 else f"{gap} days"
    after = "on the same day as the one before" if gap == 0 else f"{days} after the one before"
    spacing = (
        f"{frequency.days_apart * 24} h apart"
        if is_spaced(frequency)
        else f"{frequency.per_day} a day at most"
    )
    return (
        f"Your session on {day_words(session_day(latest))} came {after}: it is saved, but it "
        f"does not count toward a step up (this stage counts sessions {spacing})."
    )


def _names(exercises: tuple[PlannedExercise, ...]) -> str:
    names = [p.exercise.name for p in exercises]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
