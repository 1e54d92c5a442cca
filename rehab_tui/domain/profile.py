"""The runner's profile: where it hurts, their usual morning pain and the pain limits they chose.

Saved with their data (so an export carries it) and read back forgivingly: a value that is not
valid falls back to its default.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeGuard

from msgspec import Struct

from rehab_tui.domain.pain import DEFAULT_CHOICE, LIMIT_CHOICES, PainLimits

TENDINOPATHY_TYPES = ("midportion", "insertional")
HEEL_RAISE_FLOOR_RANGE = (10, 40)  # the gate's floor of single-leg heel raises a side
SYMMETRY_PCT_RANGE = (70, 100)  # ... and the weaker side's share of the stronger one


class Profile(Struct, frozen=True):
    tendinopathy: str = "midportion"  # or "insertional"
    baseline: int = 0  # usual morning pain, 0-10
    limits: str = DEFAULT_CHOICE  # one of pain.LIMIT_CHOICES
    # The capacity gate into springy work and running (DOMAIN §4: ~20 reps, healthy medians 21-25)
    heel_raise_floor: int = 20
    symmetry_pct: int = 90
    weights: bool = True  # False: no weights at home; loaded work grows by tempo instead

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Profile:
        """Read a saved profile (a ProfileRecord, or anything at all from an old or hand-edited
        file); a value that is not valid falls back to its default."""
        data = data or {}
        default = cls()
        tendinopathy, baseline, limits, floor, symmetry, weights = (
            data.get(k)
            for k in (
                "tendinopathy",
                "baseline",
                "limits",
                "heel_raise_floor",
                "symmetry_pct",
                "weights",
            )
        )
        return cls(
            tendinopathy=tendinopathy
            if tendinopathy in TENDINOPATHY_TYPES
            else default.tendinopathy,
            baseline=baseline
            if isinstance(baseline, int) and 0 <= baseline <= 10
            else default.baseline,
            limits=limits if limits in LIMIT_CHOICES else default.limits,
            heel_raise_floor=floor
            if _within(floor, HEEL_RAISE_FLOOR_RANGE)
            else default.heel_raise_floor,
            symmetry_pct=symmetry
            if _within(symmetry, SYMMETRY_PCT_RANGE)
            else default.symmetry_pct,
            weights=weights if isinstance(weights, bool) else default.weights,
        )

    @property
    def pain_limits(self) -> PainLimits:
        """The pain limits chosen: every zone, limit and sentence about pain comes from them."""
        return PainLimits.for_choice(self.limits)


def _within(value: object, limits: tuple[int, int]) -> TypeGuard[int]:
    return (
        isinstance(value, int) and not isinstance(value, bool) and limits[0] <= value <= limits[1]
    )
