"""The run log's records (DOMAIN.md §7): a run or a brisk walk, logged by hand or read from a
watch's file, made into the RunRecord the store keeps; and the sums the report shows.

What a run *means* for the plan (the walk-run ladder, the spike guard) is running.py's; this
module only makes and describes the records.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple, get_args

from rehab_tui.domain.pain import check_pain
from rehab_tui.domain.record_types import RunKind, RunRecord
from rehab_tui.domain.review import week_start
from rehab_tui.domain.spacing import run_day

MAX_RUN_MINUTES = 1440  # a day
MAX_RUN_KM = 1000
MAX_LEVEL = 99
RUN_KINDS: tuple[RunKind, ...] = get_args(RunKind)


def kind_from_word(word: str) -> RunKind:
    """A kind as the command line writes it ("walk-run") or as stored ("walk_run");
    ValueError with a sentence for anything else."""
    kind = word.strip().lower().replace("-", "_")
    for known in RUN_KINDS:
        if kind == known:
            return known
    words = ", ".join(k.replace("_", "-") for k in RUN_KINDS)
    raise ValueError(f"a run's kind is one of {words}; got {word!r}")


def check_minutes(minutes: float) -> float:
    if not (math.isfinite(minutes) and 0 < minutes <= MAX_RUN_MINUTES):
        raise ValueError(
            f"a run's minutes must be more than 0 and at most {MAX_RUN_MINUTES}, got {minutes:g}"
        )
    return minutes


def check_km(km: float | None) -> float | None:
    if km is not None and not (math.isfinite(km) and 0 <= km <= MAX_RUN_KM):
        raise ValueError(f"a run's distance must be from 0 to {MAX_RUN_KM} km, got {km:g}")
    return km


def check_level(kind: RunKind, level: int | None) -> int | None:
    if level is None:
        return None
    if kind != "walk_run":
        raise ValueError("a level belongs to a walk-run only (--kind walk-run)")
    if not 1 <= level <= MAX_LEVEL:
        raise ValueError(f"a walk-run level is from 1 to {MAX_LEVEL}, got {level}")
    return level


def run_id(started: datetime, from_file: bool = False) -> str:
    """Like a session's id: its local start time first (which names its month file), then six
    hex digits. A run read from a file gets digits made from its start instant, so the same run
    imported on two machines has one id and a json import merges it once."""
    if from_file:
        import hashlib  # here: loading OpenSSL costs 4 ms, and only an imported run needs it

        instant = started.astimezone(UTC).isoformat(timespec="seconds")
        tail = hashlib.sha256(instant.encode()).hexdigest()[:6]
    else:
        tail = os.urandom(3).hex()
    return f"{started:%Y%m%d-%H%M%S}-{tail}"


def new_run(
    started: datetime,
    minutes: float,
    km: float | None,
    pain: int,
    kind: RunKind = "continuous",
    level: int | None = None,
    note: str = "",
    source: str | None = None,
) -> RunRecord:
    """A run to save; ValueError with one sentence for minutes, a distance or a level it
    cannot have. `started` must carry its UTC offset; `source`: the file it was read from."""
    if started.tzinfo is None:
        raise ValueError("a run's start time needs its UTC offset")
    check_pain(pain)
    record: RunRecord = {
        "id": run_id(started, from_file=source is not None),
        "started_at": started.isoformat(timespec="seconds"),
        "minutes": round(check_minutes(minutes), 1),
        "km": None if km is None else round(check_km(km) or 0.0, 2),
        "pain": pain,
        "kind": kind,
        "level": check_level(kind, level),
        "note": note,
    }
    if source is not None:
        record["source"] = source
    return record


def start_instant(started_at: str) -> int:
    """A run's start as whole UTC seconds: the same run read twice (from two files, or in two
    time zones) has the same one."""
    return int(datetime.fromisoformat(started_at).timestamp())


def describe_kind(run: RunRecord) -> str:
    """ "continuous", "walk-run level 3", "walk"."""
    if run["kind"] == "walk_run":
        return "walk-run" if run["level"] is None else f"walk-run level {run['level']}"
    return run["kind"]


class RunWeek(NamedTuple):
    start: date  # its Monday
    runs: int
    minutes: float
    km: float | None  # None when no run of the week has a distance


def weekly_runs(runs: Iterable[RunRecord], weeks: int, today: date) -> list[RunWeek]:
    """The last `weeks` weeks up to today's, oldest first, empty weeks included."""
    count: defaultdict[date, int] = defaultdict(int)
    minutes: defaultdict[date, float] = defaultdict(float)
    km: dict[date, float] = {}
    for run in runs:
        monday = week_start(run_day(run))
        count[monday] += 1
        minutes[monday] += run["minutes"]
        if run["km"] is not None:
            km[monday] = km.get(monday, 0.0) + run["km"]
    this_week = week_start(today)
    mondays = [this_week - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    return [RunWeek(m, count[m], minutes[m], km.get(m)) for m in mondays]


def newest_first(runs: Sequence[RunRecord]) -> list[RunRecord]:
    return sorted(runs, key=lambda r: (r["started_at"], r["id"]), reverse=True)
