"""Whether today's plan session is done, and whether another one today would count (DOMAIN §3
frequency): the home screen says so instead of offering the same session again. Pure.

Done means finished and rated: a session ended with no pain rating is still open to question,
and one in progress is offered for resuming elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from msgspec import Struct

from rehab_tui.domain.library import Catalog
from rehab_tui.domain.outcomes import session_day
from rehab_tui.domain.record_types import SessionKind, SessionRecord
from rehab_tui.domain.spacing import counted, frequency_of, is_spaced


class DoneToday(Struct, frozen=True):
    """Today's finished, rated plan sessions (oldest first) and what another would be."""

    sessions: tuple[SessionRecord, ...]
    light: bool  # the latest was a light-day session
    another_counts: bool  # the stage's frequency counts one more today (stage 1: two a day)
    per_day: int  # the sessions a day the stage counts

    @property
    def latest(self) -> SessionRecord:
        return self.sessions[-1]


def done_today(
    catalog: Catalog, sessions: Iterable[SessionRecord], today: date
) -> DoneToday | None:
    """None when no plan session was finished and rated today."""
    done = sorted(
        (
            s
            for s in sessions
            if s["kind"] == SessionKind.PLAN
            and s["completed"]
            and s["pain"] is not None
            and session_day(s) == today
        ),
        key=lambda s: s["started_at"],
    )
    if not done:
        return None
    latest = done[-1]
    light = bool(latest.get("light"))
    frequency = frequency_of(catalog, latest)
    full = [s for s in done if not s.get("light")]
    another_counts = (
        not light and not is_spaced(frequency) and len(counted(full, frequency)) < frequency.per_day
    )
    return DoneToday(tuple(done), light, another_counts, frequency.per_day)
