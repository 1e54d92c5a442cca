"""The one place that reads time.

The player asks a clock for a monotonic instant (for countdowns) and for the wall time (for the
timestamps it saves). Tests pass a FakeClock and move it by hand, so no test sleeps.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale: only differences mean anything."""
        ...

    def wall(self) -> datetime:
        """The current local time, timezone-aware."""
        ...


class SystemClock:
    def now(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now(UTC).astimezone()


class FakeClock:
    """A clock that moves only when told to; wall time moves with it."""

    def __init__(self, start: datetime | None = None):
        self._monotonic = 1000.0
        self._wall = start or datetime(2026, 3, 3, 8, 0, tzinfo=UTC)

    def now(self) -> float:
        return self._monotonic

    def wall(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        self._monotonic += seconds
        self._wall += timedelta(seconds=seconds)
