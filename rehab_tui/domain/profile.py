"""The runner's profile: where it hurts, their usual morning pain and the pain limits they chose.

Saved with their data (so an export carries it) and read back forgivingly: a value that is not
valid falls back to its default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rehab_tui.domain.pain import DEFAULT_CHOICE, LIMIT_CHOICES, PainLimits

TENDINOPATHY_TYPES = ("midportion", "insertional")


@dataclass(frozen=True)
class Profile:
    tendinopathy: str = "midportion"  # or "insertional"
    baseline: int = 0  # usual morning pain, 0-10
    limits: str = DEFAULT_CHOICE  # one of pain.LIMIT_CHOICES

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Profile:
        """Read a saved profile (a ProfileRecord, or anything at all from an old or hand-edited
        file); a value that is not valid falls back to its default."""
        data = data or {}
        default = cls()
        tendinopathy, baseline, limits = (
            data.get(k) for k in ("tendinopathy", "baseline", "limits")
        )
        return cls(
            tendinopathy=tendinopathy
            if tendinopathy in TENDINOPATHY_TYPES
            else default.tendinopathy,
            baseline=baseline
            if isinstance(baseline, int) and 0 <= baseline <= 10
            else default.baseline,
            limits=limits if limits in LIMIT_CHOICES else default.limits,
        )

    @property
    def pain_limits(self) -> PainLimits:
        """The pain limits chosen: every zone, limit and sentence about pain comes from them."""
        return PainLimits.for_choice(self.limits)
