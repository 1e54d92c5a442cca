"""Pain limits: the one definition of every pain zone, threshold and limit sentence
(README, "The plan, and why it changes").

The profile chooses the limits: "strict" (the clinic traffic lights, green 0–3, amber 4–5, red
6–10; the default) or "silbernagel" (Silbernagel 2007: green up to 5, red still from 6). Every
zone colour, zone word, scale band and sentence that quotes a pain number asks the `PainLimits`
of the profile's choice, so no screen, report or cue can disagree with the plan.
tests/unit/test_pain.py fails when a pain number is written anywhere else in rehab_tui.
"""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct

PAIN_SCALE = range(0, 11)  # 0 none, 10 the worst imaginable

STRICT = "strict"
SILBERNAGEL = "silbernagel"
LIMIT_CHOICES = (STRICT, SILBERNAGEL)
DEFAULT_CHOICE = STRICT  # clinics that treat runners mostly use it: the safer rule by default


class PainZone(StrEnum):
    """A rating's traffic light; the value is the word the app shows for it."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


# What a rating in each zone means for the session in hand, as the pain scale labels it.
ZONE_ADVICE = {PainZone.GREEN: "OK", PainZone.AMBER: "hold", PainZone.RED: "ease off"}


class PainLimits(Struct, frozen=True):
    """The last green and the last amber rating, and the hard stop.

    Got from a choice (`for_choice`, or a Profile's `pain_limits`), never from numbers of one's own.
    """

    green_max: int
    amber_max: int  # equal to green_max when there is no amber band (the Silbernagel limits)
    hard_stop: int  # pain this high anywhere: no running, and the red-flag advice

    @classmethod
    def for_choice(cls, choice: str) -> PainLimits:
        """The limits a profile's choice names (one of LIMIT_CHOICES)."""
        try:
            return _LIMITS[choice]
        except KeyError:
            raise ValueError(
                f"pain limits must be one of {', '.join(LIMIT_CHOICES)}, got {choice!r}"
            ) from None

    def band(self, zone: PainZone) -> range:
        """The ratings in `zone`, first to last; empty for amber under the Silbernagel limits."""
        first_amber, first_red = self.green_max + 1, self.amber_max + 1
        if zone is PainZone.GREEN:
            return range(PAIN_SCALE.start, first_amber)
        if zone is PainZone.AMBER:
            return range(first_amber, first_red)
        return range(first_red, PAIN_SCALE.stop)

    def bands(self) -> list[tuple[PainZone, range]]:
        """Each zone that has ratings, with them, from green to red (the scale's labels)."""
        return [(zone, self.band(zone)) for zone in PainZone if self.band(zone)]

    def marks(self) -> list[int]:
        """Where a chart's pain axis is labelled: no pain, each zone's last rating."""
        return [PAIN_SCALE.start] + [band[-1] for _, band in self.bands()]

    def rating(self, pain: int) -> str:
        """ "4/10 (amber)": a rating with its zone's word."""
        return f"{pain}/10 ({zone_of(pain, self).value})"

    @property
    def keep_within(self) -> str:
        """The limit as advice in a sentence: "keep pain at 3/10 or less"."""
        return f"keep pain at {self.green_max}/10 or less"

    @property
    def cue(self) -> str:
        """The limit as the player shows it beside an exercise: "Keep pain at 3/10 or less"."""
        return self.keep_within[:1].upper() + self.keep_within[1:]

    @property
    def stop_above(self) -> str:
        """ "stop if the pain goes above 3/10", for a routine's note."""
        return f"stop if the pain goes above {self.green_max}/10"

    @property
    def green_during(self) -> str:
        """ "green up to 3/10 during a session", for a report's account of the limits."""
        return f"green up to {self.green_max}/10 during a session"


_LIMITS = {
    STRICT: PainLimits(green_max=3, amber_max=5, hard_stop=7),
    SILBERNAGEL: PainLimits(green_max=5, amber_max=5, hard_stop=7),
}
DEFAULT_LIMITS = _LIMITS[DEFAULT_CHOICE]


def zone_of(pain: int, limits: PainLimits) -> PainZone:
    if pain <= limits.green_max:
        return PainZone.GREEN
    if pain <= limits.amber_max:
        return PainZone.AMBER
    return PainZone.RED


def scale_label(zone: PainZone) -> str:
    """ "amber: hold": the zone's word and what it means, under its band of the pain scale."""
    return f"{zone.value}: {ZONE_ADVICE[zone]}"


def choice_label(choice: str) -> str:
    """A choice as the settings list offers it: "Strict: pain up to 3/10 during"."""
    limits = PainLimits.for_choice(choice)
    return f"{choice.capitalize()}: pain up to {limits.green_max}/10 during"


def choices_help() -> str:
    """Every choice for the command line's help: "strict: pain 3/10 or less (default); ..."."""
    return "; ".join(
        f"{choice}: pain {PainLimits.for_choice(choice).green_max}/10 or less"
        + (" (default)" if choice == DEFAULT_CHOICE else "")
        for choice in LIMIT_CHOICES
    )


def check_pain(value: object) -> int:
    """A pain rating as an int 0–10, or ValueError with a sentence a user can act on."""
    if isinstance(value, bool):
        raise ValueError(f"pain must be a whole number from 0 to 10, got {value!r}")
    try:
        pain = int(str(value).strip())
    except ValueError:
        raise ValueError(f"pain must be a whole number from 0 to 10, got {value!r}") from None
    if pain not in PAIN_SCALE:
        raise ValueError(f"pain must be a whole number from 0 to 10, got {pain}")
    return pain
