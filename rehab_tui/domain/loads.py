"""The weight used on a loaded exercise, in kilograms (DOMAIN §3 "Heavy means heavy": the app asks
and records the load used): which values are taken, and how a recorded one is written.

A weight goes by half a kilogram, from 0 (no added weight today) to 500, the bounds the stored
record takes (record_types.ExerciseRecord.load_kg).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from rehab_tui.domain.record_types import ExerciseRecord, SessionRecord

LOAD_STEP_KG = 0.5  # the weight dialog's up and down keys, and the steps `log --load-kg` takes
MAX_LOAD_KG = 500.0


def load_problem(kg: float) -> str | None:
    """Why `kg` is not a weight the app records, as the end of a sentence; None when it is."""
    if not math.isfinite(kg) or not 0 <= kg <= MAX_LOAD_KG or (kg / LOAD_STEP_KG) % 1:
        return f"a weight is from 0 to {MAX_LOAD_KG:g} kg in steps of {LOAD_STEP_KG:g} kg"
    return None


def kg_text(kg: float) -> str:
    """12.5 -> "12.5 kg", 10.0 -> "10 kg"."""
    return f"{kg:g} kg"


def last_load_kg(sessions: Iterable[SessionRecord], exercise_id: str) -> float | None:
    """The weight recorded last for `exercise_id` in `sessions` (newest first): the first found,
    so that no more sessions are read than needed; None when it was never recorded."""
    for session in sessions:
        for entry in session["exercises"]:
            if entry["exercise_id"] == exercise_id and "load_kg" in entry:
                return entry["load_kg"]
    return None


def loaded_line(entry: ExerciseRecord) -> str | None:
    """ "Loaded single-leg heel raise: 3 × 6 each side, 12.5 kg" for an exercise done with a
    recorded weight (its planned dose); None without one."""
    if "load_kg" not in entry:
        return None
    planned = entry["planned"]
    amount = planned.get("reps")
    amount_text = str(amount) if amount is not None else f"{planned.get('hold_s', 0)} s"
    sides = " each side" if entry["per_side"] else ""
    name = entry.get("name") or entry["exercise_id"]
    return f"{name}: {planned['sets']} × {amount_text}{sides}, {kg_text(entry['load_kg'])}"
