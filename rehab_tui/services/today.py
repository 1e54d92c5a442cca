"""What is due today, in a few words: the plan's session (or done, or a light day), a morning
check-in due, and today's running verdict with the longest run allowed. `rehab-tui status` and
its desktop reminder show it; nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rehab_tui.domain.outcomes import session_day

if TYPE_CHECKING:
    from rehab_tui.services.rehab import Rehab


@dataclass(frozen=True)
class DayStatus:
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
