"""`history --json` (a documented contract: README, and HISTORY_SCHEMA) written as it goes.

Sessions come newest first, a month at a time: each month file is read once, its sessions
encoded and written before the next month is read. Its runs are kept (the smallest table, a few
MB after decades) and follow the sessions, sorted whole as `run list` sorts them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from rehab_tui.domain.record_types import RunRecord
from rehab_tui.domain.run_log import newest_first
from rehab_tui.exchange.contracts import HISTORY_SCHEMA
from rehab_tui.exchange.json_stream import JsonList, encode, object_chunks
from rehab_tui.storage.store import Store


def history_chunks(store: Store, since: date | None, limit: int | None) -> Iterator[bytes]:
    """{"schema", "sessions", "runs"}, indented by 2, then a newline: the sessions and runs on
    or after `since`, newest first, at most `limit` of each."""
    day = since.isoformat() if since else None
    runs: list[RunRecord] = []

    def sessions() -> Iterator[bytes]:
        items = JsonList(sort_keys=False, depth=1)
        left = limit or 0
        for tables in store.month_tables(day):
            found = sorted(tables.get("sessions", {}).values(), key=_started, reverse=True)
            if day:
                found = [s for s in found if s["started_at"][:10] >= day]
            if limit:
                found, left = found[:left], left - min(left, len(found))
            yield items.part(found)
            runs.extend(r for r in tables.get("runs", {}).values() if not day or _on(r, day))
        yield items.end()

    def newest_runs() -> Iterator[bytes]:  # after sessions(): every month has been read
        yield encode(newest_first(runs)[:limit], depth=1)

    yield from object_chunks(
        [("schema", HISTORY_SCHEMA), ("sessions", sessions()), ("runs", newest_runs())]
    )
    yield b"\n"


def _started(session: dict[str, str]) -> str:
    return session["started_at"]


def _on(run: RunRecord, day: str) -> bool:
    return run["started_at"][:10] >= day
