"""The quick timer: "5 × 30 s holds, a minute's rest" set up in one line, played by the player.

`quick_timer(...)` turns the options (from `rehab-tui timer` or the home screen's form) into one
planned exercise; every mistake is a ValueError with a sentence naming the option.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from rehab_tui.domain.kinds import kind_for_dose, rules_for
from rehab_tui.domain.library import DOSE_LIMITS, Dose, Exercise, Kind, PlannedExercise, Tempo
from rehab_tui.domain.pain import DEFAULT_LIMITS, PainLimits

QUICK_PREFIX = "quick-"


class QuickTimer(Struct, frozen=True):
    """The options as given (a number, or the text typed when it is not one, so that the
    mistake is named); `planned()` checks them."""

    hold: int | str | None = None
    tempo: str | None = None
    reps: int | str | None = None
    sets: int | str = 1
    rest: int | str = 60
    sides: bool = False

    def planned(self, limits: PainLimits = DEFAULT_LIMITS) -> PlannedExercise:
        """The exercise to play, cued with the profile's `limits` (a check alone needs none)."""
        if self.hold is not None and (self.tempo is not None or self.reps is not None):
            raise ValueError(
                "give --hold for a hold timer, or --reps (with --tempo for slow reps), not both"
            )
        if self.tempo is not None and self.reps is None:
            raise ValueError("--tempo needs --reps: how many repetitions a set has")
        if self.hold is None and self.reps is None:
            raise ValueError(
                "say what to time: --hold SECONDS, or --reps N (and --tempo UP-TOP-DOWN-BOTTOM for slow reps)"
            )
        sets = _within("--sets", self.sets, "sets")
        rest = _within("--rest", self.rest, "rest_s")
        if self.hold is not None:
            dose = Dose(sets=sets, rest_s=rest, hold_s=_within("--hold", self.hold, "hold_s"))
        else:
            reps = _within("--reps", self.reps, "reps")
            tempo = None
            if self.tempo is not None:
                try:
                    tempo = Tempo.parse(self.tempo)
                except ValueError as error:
                    raise ValueError(f"--tempo: {error}") from None
            dose = Dose(sets=sets, rest_s=rest, reps=reps, tempo=tempo)
        # The options give a dose's fields; the kind is the one whose dose has exactly those.
        return PlannedExercise(quick_exercise(kind_for_dose(dose), self.sides, dose, limits), dose)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("hold", "tempo", "reps", "sets", "rest", "sides")}

    @classmethod
    def from_dict(cls, data: Any) -> QuickTimer:
        """The last-used values, tolerating anything odd in them (they only prefill a form)."""
        default = cls(hold=30, sets=5, rest=60)
        if not isinstance(data, dict):
            return default
        try:
            found = cls(**{k: data[k] for k in default.to_dict() if k in data})
            found.planned()
        except (TypeError, ValueError):
            return default
        return found


def quick_exercise(kind: Kind, per_side: bool, dose: Dose, limits: PainLimits) -> Exercise:
    rules = rules_for(kind)
    return Exercise(
        id=f"{QUICK_PREFIX}{kind.value}",
        name=f"{rules.quick_name} (quick timer)",
        how_to=rules.quick_how_to,
        cues=(limits.cue,),
        kind=kind,
        per_side=per_side,
        insertional_safe=True,
        dose=dose,
    )


def _within(option: str, value: Any, field: str) -> int:
    low, high = DOSE_LIMITS[field]
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"{option} must be a whole number from {low} to {high}, got {value!r}")
    return value
