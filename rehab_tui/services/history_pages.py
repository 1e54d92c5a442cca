"""The history screen's rows a page at a time, newest first: a few months per page.

With 30 years of twice-daily sessions, building every row (and Textual measuring each) took
4.5 s and held a quarter of a gigabyte; a screen shows twenty. The newest page is built at once,
older ones as the table is scrolled towards them, each month file read once per walk.

A row's outcome needs the next morning's check-in, up to three days later: in its own month or
in the month after it, which is the month read just before (newest first), so each month's
check-ins are carried over to the next (older) page.
"""

from __future__ import annotations

from collections.abc import Iterator

from rehab_tui.domain.profile import Profile
from rehab_tui.domain.record_types import CheckinRecord, SessionRecord
from rehab_tui.domain.review import SessionRow, session_rows

PAGE_ROWS = 60  # three screens of rows at 80×24: months are read until a page has these


class HistoryPages:
    """Rows of history a page at a time, newest first (see the module docstring)."""

    def __init__(
        self,
        months: Iterator[tuple[list[SessionRecord], list[CheckinRecord]]],
        profile: Profile,
    ) -> None:
        self._months = months  # each month's sessions and check-ins, newest month first
        self._profile = profile
        self._newer_checkins: list[CheckinRecord] = []  # the month read before: the next one's
        self.done = False  # every month read

    def next_page(self, rows: int = PAGE_ROWS) -> list[SessionRow]:
        """The next (older) rows, newest first: whole months, until there are `rows` or no more
        months (then `done`). StoreError if a month cannot be read."""
        page: list[SessionRow] = []
        while len(page) < rows and not self.done:
            month = next(self._months, None)
            if month is None:
                self.done = True
                break
            sessions, checkins = month
            page += session_rows(sessions, checkins + self._newer_checkins, self._profile)
            self._newer_checkins = checkins
        return page
