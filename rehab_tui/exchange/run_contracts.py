"""The JSON contract of `rehab-tui run plan --json` (README: "run plan --json"): today's
running, what a script may rely on. A change to it bumps RUN_PLAN_SCHEMA.
"""

from __future__ import annotations

from typing import TypedDict

from rehab_tui.domain.running import RunPlan

RUN_PLAN_SCHEMA = 1


class IntervalsJson(TypedDict):
    run_s: int
    walk_s: int
    repeats: int


class RunPlanJson(TypedDict):
    schema: int
    date: str
    verdict: str  # run | modify | rest
    because: str  # what decided it: red_flag, hard_stop, checkin, session, capacity_test, ...
    kind: str  # walk_run | continuous
    level: int | str  # the walk-run ladder's step (1-12), or "continuous" beyond it
    level_words: str  # "10 × (1 min run / 1 min walk)", "24 minutes continuous", ...
    intervals: IntervalsJson | None  # the walk-run step's intervals; null when continuous
    longest_min: float  # the longest run allowed today (0 when the verdict is rest)
    longest_km: float | None  # ... in km, when the last 30 days' runs have distances
    reasons: list[str]
    ladder_done: str | None  # 30 minutes continuous reached, in words


def run_plan_json(plan: RunPlan) -> RunPlanJson:
    """Today's running, as `run plan --json` prints it (keys in this order)."""
    level = plan.level
    intervals: IntervalsJson | None = None
    if level is not None and not level.continuous:
        intervals = {"run_s": level.run_s, "walk_s": level.walk_s, "repeats": level.repeats}
    return {
        "schema": RUN_PLAN_SCHEMA,
        "date": plan.date.isoformat(),
        "verdict": plan.verdict,
        "because": plan.because,
        "kind": plan.kind,
        "level": level.number if level is not None else "continuous",
        "level_words": level.words if level is not None else "continuous, your own length",
        "intervals": intervals,
        "longest_min": plan.longest_min,
        "longest_km": plan.longest_km,
        "reasons": list(plan.reasons),
        "ladder_done": plan.done,
    }
