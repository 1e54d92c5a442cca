"""The history screen's rows a page at a time, newest first: PAGE_ROWS rows a page.

With 30 years of twice-daily sessions, building every row (and Textual measuring each) took
4.5 s and held a quarter of a gigabyte; a screen shows twenty. The newest page is built at once,
older ones as the table is scrolled towards them, each month file read once per walk; a page
is PAGE_ROWS rows and the rest of its last day, the rest of the month it ends in kept for the
next page.

A row's outcome needs the next morning's check-in, up to three days later: in its own month or
in the month after it, which is the month read just before (newest first), so each month's
check-ins are carried over to the next (older) month.
"""

from __future__ import annotations

from collections.abc import Iterator

from rehab_tui.domain.profile import Profile
from rehab_tui.domain.record_types import CheckinRecord, SessionRecord
from rehab_tui.domain.review import SessionRow, session_rows
from rehab_tui.storage.errors import StoreError

PAGE_ROWS = 60  # three screens of rows at 80×24: a page is these rows (and the rest of a day)


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
        self._months_left = True
        self._read: list[SessionRow] = []  # rows of the months read, not given out yet
        self.done = False  # every row given out
        # A month that could not be read: the walk ends before it, with every row read until
        # then given out; the reader says it once (take_damage).
        self.damage: StoreError | None = None

    def next_page(self, rows: int = PAGE_ROWS) -> list[SessionRow]:
        """The next (older) `rows` rows, and the rest of the last one's day, newest first, from
        as many more months as it takes (a month's older rows wait for the next page: the table
        measures every row it is given, 10 ms a month, and a screen shows twenty); fewer at the
        end, then `done`."""
        while len(self._read) < rows and self._months_left:
            try:
                month = next(self._months, None)
            except StoreError as error:
                self.damage, month = error, None
            if month is None:
                self._months_left = False
                break
            sessions, checkins = month
            self._read += session_rows(sessions, checkins + self._newer_checkins, self._profile)
            self._newer_checkins = checkins
        cut = rows
        while 0 < cut < len(self._read) and self._read[cut].day == self._read[cut - 1].day:
            cut += 1  # a day's sessions on one page: "since <day>" counts all of that day
        page, self._read = self._read[:cut], self._read[cut:]
        self.done = not self._months_left and not self._read
        return page

    def take_damage(self) -> StoreError | None:
        """The damage that ended the walk, once: None after (and before)."""
        damage, self.damage = self.damage, None
        return damage
