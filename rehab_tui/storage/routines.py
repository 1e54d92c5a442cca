"""Routines of one's own: a physio's program in `routines.yaml` (in the config folder).

Each routine names exercises from the exercise file (`use: id`, optionally with its own `dose`)
or defines new ones in the exercise file's format. Mistakes are reported like the exercise
file's: file, line and field. Exercises defined here get ids starting "own:", so they never
clash with the exercise file's and a session of them can be resumed from what it saved.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

from msgspec import Struct
from msgspec.structs import replace
from yaml.nodes import MappingNode, Node

from rehab_tui.domain.library import Catalog, PlannedExercise
from rehab_tui.domain.pain import PainLimits
from rehab_tui.storage.atomic import make_private_dir, write_atomically
from rehab_tui.storage.exercise_file import YamlReader, compose_yaml

OWN_PREFIX = "own:"

# The example file; $stop_above is filled in from the profile's pain limits (routines_template).
TEMPLATE = """\
# Your own routines for rehab-tui: for example the program your physiotherapist gave you.
# Play one from the home screen (r). Check this file with: rehab-tui routines
#
# Each routine has a name and a list of exercises. An exercise is either one from the
# exercise file (see `rehab-tui where`), named with `use:` and optionally given its own dose,
# or one of your own, written like the exercise file's entries.
#
# Doses: sets 1-10, rest_s 0-600 seconds; holds: hold_s 5-120 seconds; tempo and counted
# reps: reps 1-100; tempo as up-top-down-bottom seconds, e.g. 1-0-3-0.

routines:
  - name: Physio program
    note: Twice a day; $stop_above.
    exercises:
      - use: iso-single-straight
        dose: {sets: 5, hold_s: 45, rest_s: 120}
      - id: wall-calf-hold
        name: Wall calf hold
        how_to: Hands on a wall, rise onto both toes and hold, knees straight.
        cues: [Tall posture, Breathe slowly]
        kind: hold
        per_side: false
        insertional_safe: true
        dose: {sets: 3, hold_s: 30, rest_s: 60}
"""


def routines_template(limits: PainLimits) -> str:
    """The example routines file, its note quoting `limits` (the profile's)."""
    return Template(TEMPLATE).substitute(stop_above=limits.stop_above)


class Routine(Struct, frozen=True):
    name: str
    note: str
    exercises: tuple[PlannedExercise, ...]


def load_routines(path: Path, catalog: Catalog) -> list[Routine]:
    """The routines in `path` ([] when there is no file); CatalogError names any mistake."""
    if not path.exists():
        return []
    root = compose_yaml(path)
    reader = YamlReader(path)
    top = reader.mapping(root, "", {"routines"})
    routines: list[Routine] = []
    for index, node in enumerate(reader.sequence(top["routines"], "routines", "routines")):
        field = f"routines[{index}]"
        fields = reader.mapping(node, field, {"name", "exercises"}, {"note"})
        name = reader.text(fields["name"], f"{field}.name", 60)
        if any(r.name == name for r in routines):
            raise reader.fail(
                fields["name"], f"{field}.name", f"another routine is called {name!r}"
            )
        note = reader.text(fields["note"], f"{field}.note", 300) if "note" in fields else ""
        items = reader.sequence(fields["exercises"], f"{field}.exercises", "exercises")
        planned = tuple(
            _planned(reader, item, f"{field}.exercises[{i}]", catalog)
            for i, item in enumerate(items)
        )
        routines.append(Routine(name, note, planned))
    return routines


def _planned(reader: YamlReader, node: Node, field: str, catalog: Catalog) -> PlannedExercise:
    uses = isinstance(node, MappingNode) and any(key.value == "use" for key, _ in node.value)
    if not uses:
        own = reader.exercise(node, field)
        return PlannedExercise(replace(own, id=f"{OWN_PREFIX}{own.id}"), own.dose)
    fields = reader.mapping(node, field, {"use"}, {"dose"})
    exercise_id = reader.text(fields["use"], f"{field}.use", 60)
    exercise = catalog.exercises.get(exercise_id)
    if exercise is None:
        raise reader.fail(
            fields["use"],
            f"{field}.use",
            f"no exercise {exercise_id!r} in the exercise file; use one of its ids "
            "(rehab-tui plan shows some) or define it here with id, name, how_to, cues, kind, "
            "per_side, insertional_safe and dose",
        )
    if "dose" in fields:
        return PlannedExercise(
            exercise, reader.dose(fields["dose"], f"{field}.dose", exercise.kind)
        )
    return PlannedExercise(exercise, exercise.dose)


def ensure_routines_file(path: Path, limits: PainLimits) -> bool:
    """Create the file with a commented example (0600, in a 0700 folder); True if created.

    An existing file is never replaced: it is the user's own.
    """
    if path.exists():
        return False
    make_private_dir(path.parent)
    write_atomically(path, routines_template(limits))
    return True
