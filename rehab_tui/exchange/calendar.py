"""The coming sessions and check-ins as an iCalendar (.ics) file a calendar app imports, written
by the icalendar library rather than by hand (line folding, escaping and the required fields are
its job). Events are all-day: the plan names a day, not an hour.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Calendar, Event
from msgspec import Struct

PRODUCT_ID = "-//rehab-tui//coming sessions//EN"


class CalendarEvent(Struct, frozen=True):
    """One all-day event. `uid` stays the same for the same day and kind, so that importing a
    newer file updates an event instead of adding a second one."""

    day: date
    uid: str
    summary: str
    description: str


def ics(events: list[CalendarEvent], stamp: datetime) -> bytes:
    """The calendar file; `stamp` (timezone-aware): when it was made (every event's DTSTAMP)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "rehab-tui")
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy hour
        calendar.add_component(event)
    content: bytes = calendar.to_ical()
    return content
