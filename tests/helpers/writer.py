"""The real store's writer, run in a subprocess that tests kill at random moments.

`python writer.py DATA_DIR N`: starts a session, saves N sets into it one by one (100 to an
exercise, the most one has, and a check-in every tenth set), and prints "committed K" after each write has returned, so the test knows
exactly what was committed before its kill -9 landed.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta

from rehab_tui.storage.store import Store

START = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
SETS_PER_EXERCISE = 100  # the most an exercise has: the record types allow no more


def main() -> int:
    data_dir, count = sys.argv[1], int(sys.argv[2])
    with Store(data_dir) as store:
        store.acquire_writer_lock()
        # Earlier sessions, so every write rewrites a file of realistic size.
        session_id = f"{START:%Y%m%d-%H%M%S}-{len(list(store.sessions())):06x}"
        store.start_session(
            {
                "id": session_id,
                "kind": "plan",
                "started_at": START.isoformat(),
                "ended_at": None,
                "completed": False,
                "stage": 1,
                "ladder_index": 0,
                "pain": None,
                "note": "",
                "paused_s": 0.0,
                "exercises": [
                    {
                        "exercise_id": "hold-a",
                        "name": "Hold A",
                        "kind": "hold",
                        "per_side": False,
                        "planned": {
                            "sets": min(SETS_PER_EXERCISE, count - first),
                            "rest_s": 60,
                            "hold_s": 30,
                        },
                        "sets": [],
                    }
                    for first in range(0, count, SETS_PER_EXERCISE)
                ],
            }
        )
        print(f"session {session_id}", flush=True)
        for number in range(1, count + 1):
            store.save_set(
                session_id,
                (number - 1) // SETS_PER_EXERCISE,
                {
                    "set": (number - 1) % SETS_PER_EXERCISE + 1,
                    "side": None,
                    "planned": 30,
                    "done": 30.0,
                    "skipped": False,
                    "paused_s": 0.0,
                    "completed_at": (START + timedelta(minutes=number)).isoformat(),
                },
            )
            if number % 10 == 0:
                day = date(2026, 3, 1) + timedelta(days=number // 10)
                store.add_checkin({"date": day.isoformat(), "pain": number % 11})
            print(f"committed {number}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
