"""The kinds of exercise, one module each, found through one registry: `rules_for(kind)`.

A kind's module says everything the domain does differently for it: the dose fields it has and
how a dose is written, the work step the timeline plays and the state within it, the words the
player says, the amount a set records and the time under load it adds up to, and the words and
unit the plan, summary and history use for it. Nothing outside this package branches on a
particular kind but the player's views (tests/unit/test_kinds.py checks); the rest of the app
asks the kind's rules instead.

How to add a kind: name it in `Kind` (rehab_tui/domain/library.py; its value is what exercise
files and stored sessions write), write its module here with a `KindRules` subclass and a
module-level `RULES` (hold.py is the smallest to copy), and add that `RULES` to `REGISTERED`
below. Its `dose_fields` are what an exercise file must give under `dose:` beside sets and rest_s
(a field new to `Dose` needs its limits in DOSE_LIMITS, or a parser like tempo's). Then give it a
view in rehab_tui/tui/widgets/step_views.py (or reuse one), and write exercises with
`kind: <value>` in the YAML.
"""

from __future__ import annotations

from msgspec.structs import fields

from rehab_tui.domain.kinds import hold, intervals, reps, tempo
from rehab_tui.domain.kinds.rules import SHARED_DOSE_FIELDS, KindRules
from rehab_tui.domain.library import Dose, Kind, PlannedExercise

REGISTERED: tuple[KindRules, ...] = (hold.RULES, tempo.RULES, reps.RULES, intervals.RULES)
_BY_KIND: dict[Kind, KindRules] = {rules.kind: rules for rules in REGISTERED}

__all__ = [
    "REGISTERED",
    "SHARED_DOSE_FIELDS",
    "KindRules",
    "describe_dose",
    "kind_for_dose",
    "rules_for",
]


def rules_for(kind: Kind) -> KindRules:
    """The rules of `kind` (a stored "hold" works too: Kind is a string enum)."""
    return _BY_KIND[kind]


def kind_for_dose(dose: Dose) -> Kind:
    """The kind whose dose has exactly the fields `dose` gives (the quick timer's choice)."""
    given = {f.name for f in fields(dose) if getattr(dose, f.name) is not None}
    for rules in REGISTERED:
        if given == SHARED_DOSE_FIELDS | rules.dose_fields:
            return rules.kind
    raise ValueError(f"no kind of exercise has exactly the dose fields {sorted(given)}")


def describe_dose(planned: PlannedExercise) -> str:
    """A short dose as a person writes it: "5 × 30 s each side", "3 × 15 @ 1-0-3-1"."""
    text = rules_for(planned.exercise.kind).describe(planned.dose)
    return f"{text} each side" if planned.exercise.per_side else text
