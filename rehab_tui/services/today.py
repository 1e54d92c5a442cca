"""What is due today, in a few words: the plan's session (or done, or a light day), a morning
check-in due, and today's running verdict with the longest run allowed. `rehab-tui status` and
its desktop reminder show it; `rehab-tui calendar` writes the coming days. Nothing here prints.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from msgspec import Struct

from rehab_tui.domain.outcomes import session_day
from rehab_tui.domain.text import one_line
from rehab_tui.exchange.calendar import CalendarEvent, ics

if TYPE_CHECKING:
    from rehab_tui.services.rehab import Rehab


class DayStatus(Struct, frozen=True):
    """Today's to-do as `status` says it. `session` is "due", "done", "light" or "none" (not
    set up: nothing is planned yet)."""

    day: date
    set_up: bool
    session: str
    stage: int
    step: int  # 1-based, as README and the plan name ladder steps
    stage_name: str
    checkin_due: bool
    run_verdict: str  # run | modify | rest
    longest_run_min: float

    @property
    def something_due(self) -> bool:
        """A session or a check-in waits: what the desktop reminder is for."""
        return self.checkin_due or self.session == "due"


def day_status(rehab: Rehab) -> DayStatus:
    """Today's status by the services' clock (fast: today's plan reads only recent history)."""
    day = rehab.today()
    set_up = not rehab.needs_first_start() or next(iter(rehab.sessions()), None) is not None
    plan = rehab.plan(day)
    done = any(
        session_day(s) == day and s["completed"] and s["stage"] is not None
        for s in rehab.sessions(since=day)
    )
    session = "none" if not set_up else "done" if done else "light" if plan.light_day else "due"
    running = plan.running
    return DayStatus(
        day=day,
        set_up=set_up,
        session=session,
        stage=plan.step.stage,
        step=plan.step.index + 1,
        stage_name=plan.stage_name,
        checkin_due=set_up and rehab.checkin_due() is not None,
        run_verdict=running.verdict if running else plan.run_advice.verdict,
        longest_run_min=running.longest_min if running else 0.0,
    )


DECIDED_EACH_DAY = (
    "The plan is decided each day by the pain rules (the session before, the next morning's "
    "check-in): run `rehab-tui plan` or open the app that day to see what it is."
)


def coming_events(rehab: Rehab, days: int) -> list[CalendarEvent]:
    """The next `days` days as the rules can tell them now: today's session (with its stage and
    step), tomorrow's check-in, and after that the stage's frequency, said as a guess (nothing
    when nothing is set up)."""
    status = day_status(rehab)
    if not status.set_up:
        return []
    plan = rehab.plan(status.day)
    stage = one_line(f"stage {status.stage} ({status.stage_name})")
    often = one_line(plan.frequency) or "as the plan says"
    events = []
    if status.checkin_due:
        events.append(_checkin(status.day, "the session or run before"))
    if status.session in ("due", "light"):
        what = "a light day" if status.session == "light" else "session"
        exercises = ", ".join(one_line(p.exercise.name) for p in plan.exercises)
        events.append(
            CalendarEvent(
                status.day,
                f"session-{status.day}@rehab-tui",
                f"Rehab {what}: {stage}, step {status.step}",
                f"Today's plan: {exercises}.\n{DECIDED_EACH_DAY}",
            )
        )
    for ahead in range(1, days):
        day = status.day + timedelta(days=ahead)
        events.append(_checkin(day, "a session or run the day before"))
        if ahead == 1:
            continue  # tomorrow hangs on today's session and tomorrow's check-in
        events.append(
            CalendarEvent(
                day,
                f"session-{day}@rehab-tui",
                f"Rehab session? {stage}",
                f"Sessions at {stage} count {often}. {DECIDED_EACH_DAY}",
            )
        )
    return sorted(events, key=lambda event: event.day)


def _checkin(day: date, after: str) -> CalendarEvent:
    return CalendarEvent(
        day,
        f"checkin-{day}@rehab-tui",
        "Rehab: morning check-in",
        f"Rate your Achilles pain and stiffness this morning, after {after}: "
        "`rehab-tui checkin` or the app.",
    )


def calendar_file(rehab: Rehab, days: int) -> bytes:
    """The coming days as an .ics file (exchange.calendar writes the format)."""
    return ics(coming_events(rehab, days), rehab.clock.wall())
