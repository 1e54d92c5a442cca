"""Ten years of twice-daily sessions (7,300, with their sets), daily check-ins, monthly tests
and a run every other day (1,825).

Written straight into the store's file layout (one TinyDB file per month), which takes seconds
instead of the minutes 7,300 separate saves would; `Store` then opens it like any other data.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from rehab_tui.domain.records import checkin_record, logged_session
from rehab_tui.storage.atomic import write_atomically
from rehab_tui.storage.catalog import load_catalog
from rehab_tui.storage.store import MAIN_FILE, SESSIONS_DIR, Store

YEARS = 10


def build(data_dir: Path, today: date, years: int = YEARS) -> int:
    """Fill `data_dir` with `years` years of history ending yesterday; returns the sessions made."""
    catalog = load_catalog()
    with Store(data_dir) as store:
        store.acquire_writer_lock()  # as the app opens it: folders made, schema stamped
        store.set_setting(
            "profile", {"tendinopathy": "midportion", "baseline": 1, "limits": "strict"}
        )
    months: dict[str, dict[str, dict[str, dict]]] = defaultdict(
        lambda: {"sessions": {}, "checkins": {}, "tests": {}, "runs": {}}
    )
    first = today - timedelta(days=365 * years)
    count = 0
    for n in range(365 * years):
        day = first + timedelta(days=n)
        # Walk up the ladder and back: a realistic mix of exercises and doses.
        step = catalog.ladder[(n // 30) % len(catalog.ladder)]
        month = months[day.isoformat()[:7]]
        for hour in (7, 18):
            started = datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)
            session = logged_session(step.exercises, started, step, (n + hour) % 4, "")
            month["sessions"][str(len(month["sessions"]) + 1)] = session
            count += 1
        month["checkins"][str(len(month["checkins"]) + 1)] = checkin_record(day, n % 3, None)
        if n % 2 == 0:
            started = datetime(day.year, day.month, day.day, 12, 30, tzinfo=UTC)
            month["runs"][str(len(month["runs"]) + 1)] = {
                "id": f"{started:%Y%m%d-%H%M%S}-{n:06x}",
                "started_at": started.isoformat(timespec="seconds"),
                "minutes": 30 + n % 10,
                "km": round((30 + n % 10) / 6, 1),
                "pain": n % 3,
                "kind": "continuous",
                "level": None,
                "note": "",
            }
        if day.day == 1:
            month["tests"][str(len(month["tests"]) + 1)] = {
                "id": f"{day:%Y%m%d}-120000-000001",
                "date": day.isoformat(),
                "kind": "heel_raise",
                "left": 15 + n % 12,
                "right": 16 + n % 12,
                "pain": n % 3,
            }
    # This morning's check-in is in, so the app opens on the home screen.
    tables = months[today.isoformat()[:7]]["checkins"]
    tables[str(len(tables) + 1)] = checkin_record(today, 1, None)
    for month, tables in months.items():
        text = json.dumps(tables, ensure_ascii=False, separators=(",", ":"))
        write_atomically(data_dir / SESSIONS_DIR / f"{month}.json", text)
    assert (data_dir / MAIN_FILE).exists()
    return count


def size_bytes(data_dir: Path) -> int:
    return sum(p.stat().st_size for p in (data_dir / SESSIONS_DIR).glob("*.json"))
