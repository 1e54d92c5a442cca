"""A small store whose every record is fixed (ids too), for comparing exports byte for byte.

Three months of sessions (one in progress, its sets still in its journal), check-ins (one on the
first of a month, the next morning of the month before's last session), tests, runs, settings
and text that must come out escaped: a note with a tab, DEL, a C1 control, a non-Latin script
and an emoji, and a float Python writes with an exponent (a pause of 1.5e-05 s).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from rehab_tui.domain.library import Catalog
from rehab_tui.domain.records import checkin_record, logged_session, new_session
from rehab_tui.storage.store import Store

FIRST_DAY = date(2026, 1, 27)
NOTES = ["", "tight\tafter the run", "bell\x7f and \x85 next line", "Ахилл 😀 «ok»", ""]


def fill_fixed_store(store: Store, catalog: Catalog) -> None:
    """Sessions every third day from 27 Jan to early Mar 2026, with their records."""
    store.set_setting("profile", {"tendinopathy": "midportion", "baseline": 1, "limits": "strict"})
    store.set_setting("sound", False)
    step = catalog.ladder[0]
    for n in range(14):
        day = FIRST_DAY + timedelta(days=3 * n)
        started = datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC)
        session = logged_session(step.exercises, started, step, n % 4, NOTES[n % len(NOTES)])
        session["id"] = f"{started:%Y%m%d-%H%M%S}-{n:06x}"
        session["exercises"][0]["sets"][0]["paused_s"] = 1.5e-05 if n == 3 else 0.0
        store.add_session(session)
        store.add_checkin(checkin_record(day + timedelta(days=1), n % 3, 10 if n % 2 else None))
        if n % 2 == 0:
            run_start = started.replace(hour=18)
            store.add_run(
                {
                    "id": f"{run_start:%Y%m%d-%H%M%S}-{n:06x}",
                    "started_at": run_start.isoformat(timespec="seconds"),
                    "minutes": 20 + n,
                    "km": None if n == 4 else round((20 + n) / 6, 1),
                    "pain": n % 3,
                    "kind": "continuous",
                    "level": None,
                    "note": NOTES[(n + 1) % len(NOTES)],
                }
            )
        if n % 5 == 0:
            store.add_test(
                {
                    "id": f"{day:%Y%m%d}-120000-{n:06x}",
                    "date": day.isoformat(),
                    "kind": "heel_raise",
                    "left": 15 + n,
                    "right": 16 + n,
                    "pain": n % 3,
                }
            )
    in_progress = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)
    session = new_session(step.exercises, in_progress, step)
    session["id"] = f"{in_progress:%Y%m%d-%H%M%S}-ffffff"
    store.start_session(session)
    done = {"set": 1, "side": None, "planned": 20, "done": 20.0, "skipped": False}
    store.save_set(
        session["id"], 0, {**done, "paused_s": 0.0, "completed_at": "2026-03-12T08:01:00+00:00"}
    )
