"""Pain zones: every pain threshold of rehab-tui lives here (DOMAIN.md §1)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PainZone(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True)
class PainLimits:
    """Clinic traffic lights by default (green ≤ 3, amber 4–5, red ≥ 6).

    Silbernagel 2007 allowed up to 5/10: `PainLimits.silbernagel()` keeps red at 6 and above.
    """

    green_max: int = 3
    amber_max: int = 5
    hard_stop: int = 7  # pain this high anywhere: no running, consider a clinician

    @classmethod
    def silbernagel(cls) -> PainLimits:
        return cls(green_max=5, amber_max=5)


def zone_of(pain: int, limits: PainLimits = PainLimits()) -> PainZone:
    if pain <= limits.green_max:
        return PainZone.GREEN
    if pain <= limits.amber_max:
        return PainZone.AMBER
    return PainZone.RED


def check_pain(value: object) -> int:
    """A pain rating as an int 0–10, or ValueError with a sentence a user can act on."""
    if isinstance(value, bool):
        raise ValueError(f"pain must be a whole number from 0 to 10, got {value!r}")
    try:
        pain = int(str(value).strip())
    except ValueError:
        raise ValueError(f"pain must be a whole number from 0 to 10, got {value!r}") from None
    if not 0 <= pain <= 10:
        raise ValueError(f"pain must be a whole number from 0 to 10, got {pain}")
    return pain
