"""Read an exercise file (YAML) into typed objects, and lay out the stage ladder.

The YAML is composed into nodes (not loaded into plain dicts) so that every mistake can be
reported with its file, line and field, the way a physio editing the file needs to see it.
Only the safe loader is used, anchors and aliases are refused (they are how YAML bombs work),
and the file size and nesting depth are bounded. The depth is checked on libyaml's event stream
before any node is composed (its composer recurses in C: 300,000 nested `[` crashed it).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from rehab_tui.domain.kinds import REGISTERED, SHARED_DOSE_FIELDS, rules_for
from rehab_tui.domain.ladder import build_ladder
from rehab_tui.domain.library import (
    DOSE_LIMITS,
    Catalog,
    CatalogError,
    Dose,
    Exercise,
    Frequency,
    Kind,
    Level,
    Stage,
    Tempo,
)
from rehab_tui.storage.ladder_lines import check_ladder
from rehab_tui.storage.reading import NotAFileError, TooLargeError, read_text

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# "hold, tempo or reps": every kind's name, for the message when a file names none of them
KIND_NAMES = " or ".join(", ".join(kind.value for kind in Kind).rsplit(", ", 1))

# libyaml's safe loader when PyYAML has it (5x faster; the same nodes and line marks), else PyYAML's.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_exercise_file(path: Path) -> Catalog:
    """Read, validate and lay out an exercise file; raise CatalogError on any mistake."""
    return YamlReader(path).catalog(compose_yaml(path))


def compose_yaml(path: Path) -> Node:
    try:
        text = read_text(path, MAX_FILE_BYTES)
    except TooLargeError as error:
        raise CatalogError(
            path, None, None, f"the file is {error.size:,} bytes; an exercise file is at most 1 MB"
        ) from None
    except FileNotFoundError:
        raise CatalogError(path, None, None, "no such file") from None
    except IsADirectoryError:
        raise CatalogError(path, None, None, "this is a folder, not a file") from None
    except NotAFileError:
        raise CatalogError(path, None, None, "this is a device or a pipe, not a file") from None
    except UnicodeDecodeError:
        raise CatalogError(path, None, None, "the file is not UTF-8 text") from None
    except OSError as error:
        raise CatalogError(path, None, None, f"cannot be read ({error.strerror})") from None
    try:
        _check_depth(path, text)
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = f"not valid YAML: {error.problem or 'this is not valid YAML'}"
        if "nesting depth" in problem:  # PyYAML 6.0.4's own limit, met before ours is seen
            problem = f"nested more than {MAX_DEPTH} levels deep"
        raise CatalogError(path, line, None, problem) from None
    except yaml.YAMLError as error:  # e.g. a control character: its text spans several lines
        problem = str(error).splitlines()[0].rstrip(":")
        raise CatalogError(path, None, None, f"not valid YAML: {problem}") from None
    except RecursionError:
        raise CatalogError(path, None, None, "the YAML is nested too deeply") from None
    if node is None:
        raise CatalogError(path, None, None, "the file is empty; expected exercises and stages")
    _check_shape(path, node)
    return node


def _check_depth(path: Path, text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH from the parser's events, which libyaml makes without
    recursing, before the (recursive) composer sees it. Stops at the first level too deep."""
    depth = 0
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:  # the root collection is depth 0 in _check_shape
                line = event.start_mark.line + 1 if event.start_mark else None
                raise CatalogError(path, line, None, f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_shape(path: Path, root: Node) -> None:
    """Refuse anchors and aliases (how YAML bombs expand) and deep nesting, before reading."""
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        line = node.start_mark.line + 1
        if id(node) in seen:
            raise CatalogError(path, line, None, "anchors and aliases (& and *) are not allowed")
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise CatalogError(path, line, None, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))


class YamlReader:
    """Walks the composed YAML, turning nodes into models and mistakes into CatalogErrors."""

    def __init__(self, path: Path):
        self.path = path
        self._scalars = SafeConstructor()

    # -- generic node helpers -------------------------------------------------------------

    def fail(self, node: Node | None, field: str | None, message: str) -> CatalogError:
        line = node.start_mark.line + 1 if node is not None else None
        return CatalogError(self.path, line, field, message)

    def mapping(
        self,
        node: Node,
        field: str,
        required: set[str],
        optional: set[str] | frozenset[str] = frozenset(),
    ) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            raise self.fail(node, field, f"expected a mapping with {', '.join(sorted(required))}")
        result: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node, field)
            if not isinstance(key, str):
                raise self.fail(key_node, field, f"expected a name as a key, got {key!r}")
            name = f"{field}.{key}" if field else key
            if key in result:
                raise self.fail(key_node, name, "this key appears twice")
            if key not in required | optional:
                allowed = ", ".join(sorted(required | optional))
                raise self.fail(key_node, name, f"unknown field; expected one of: {allowed}")
            result[key] = value_node
        missing = sorted(required - result.keys())
        if missing:
            raise self.fail(node, f"{field}.{missing[0]}" if field else missing[0], "missing")
        return result

    def sequence(self, node: Node, field: str, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            raise self.fail(node, field, f"expected a list of {what}")
        if not node.value:
            raise self.fail(node, field, f"expected at least one {what.rstrip('s')}")
        return list(node.value)

    def scalar(self, node: Node, field: str) -> Any:
        if not isinstance(node, ScalarNode):
            raise self.fail(node, field, "expected a single value, not a list or mapping")
        try:
            return self._scalars.construct_object(node)
        except yaml.YAMLError as error:  # an unknown !tag, a bad !!timestamp, ...
            problem = (getattr(error, "problem", None) or "not a value YAML can read").strip()
            raise self.fail(node, field, problem) from None
        except ValueError:  # thousands of digits: past Python's int-string limit
            raise self.fail(node, field, "a number far too long to be one") from None

    def text(self, node: Node, field: str, max_len: int = 200) -> str:
        value = self.scalar(node, field)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(node, field, f"expected text, got {value!r}")
        if len(value) > max_len:
            raise self.fail(node, field, f"expected at most {max_len} characters")
        return value.strip()

    def boolean(self, node: Node, field: str) -> bool:
        value = self.scalar(node, field)
        if not isinstance(value, bool):
            raise self.fail(node, field, f"expected true or false, got {value!r}")
        return value

    def whole(self, node: Node, field: str, limits: tuple[int, int]) -> int:
        value = self.scalar(node, field)
        low, high = limits
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(
                node, field, f"expected a whole number from {low} to {high}, got {value!r}"
            )
        if not low <= value <= high:
            raise self.fail(
                node, field, f"expected a whole number from {low} to {high}, got {value}"
            )
        return value

    # -- the file's own shape -------------------------------------------------------------

    def catalog(self, root: Node) -> Catalog:
        top = self.mapping(root, "", {"exercises", "stages"})
        exercises: dict[str, Exercise] = {}
        for index, node in enumerate(self.sequence(top["exercises"], "exercises", "exercises")):
            exercise = self.exercise(node, f"exercises[{index}]")
            if exercise.id in exercises:
                raise self.fail(node, f"exercises[{index}].id", f"duplicate id {exercise.id!r}")
            exercises[exercise.id] = exercise
        self.check_alternatives(top["exercises"], exercises)
        stage_nodes = self.sequence(top["stages"], "stages", "stages")
        stages = tuple(
            self.stage(node, f"stages[{i}]", i + 1, exercises) for i, node in enumerate(stage_nodes)
        )
        catalog = Catalog(self.path, exercises, stages, build_ladder(exercises, stages))
        check_ladder(self.path, catalog, stage_nodes)  # what DOMAIN §5 says is never prescribed
        return catalog

    def exercise(self, node: Node, field: str) -> Exercise:
        fields = self.mapping(
            node,
            field,
            {"id", "name", "how_to", "cues", "kind", "per_side", "insertional_safe", "dose"},
            {"insertional_alternative", "load_step_kg"},
        )
        ex_id = self.text(fields["id"], f"{field}.id", 60)
        if not ID_PATTERN.match(ex_id):
            raise self.fail(
                fields["id"], f"{field}.id", f"expected lower-case words joined by -, got {ex_id!r}"
            )
        field = f"{field} ({ex_id})"
        kind_text = self.text(fields["kind"], f"{field}.kind")
        try:
            kind = Kind(kind_text)
        except ValueError:
            raise self.fail(
                fields["kind"], f"{field}.kind", f"expected {KIND_NAMES}, got {kind_text!r}"
            ) from None
        cue_nodes = self.sequence(fields["cues"], f"{field}.cues", "cues")
        cues = tuple(self.text(n, f"{field}.cues[{i}]", 80) for i, n in enumerate(cue_nodes))
        alternative = None
        if "insertional_alternative" in fields:
            alternative = self.text(
                fields["insertional_alternative"], f"{field}.insertional_alternative", 60
            )
        return Exercise(
            id=ex_id,
            name=self.text(fields["name"], f"{field}.name", 60),
            how_to=self.text(fields["how_to"], f"{field}.how_to", 160),
            cues=cues,
            kind=kind,
            per_side=self.boolean(fields["per_side"], f"{field}.per_side"),
            insertional_safe=self.boolean(fields["insertional_safe"], f"{field}.insertional_safe"),
            dose=self.dose(fields["dose"], f"{field}.dose", kind),
            insertional_alternative=alternative,
            load_step_kg=self.kilograms(fields, "load_step_kg", field),
        )

    def kilograms(self, fields: dict[str, Node], name: str, field: str) -> float | None:
        """An optional weight in kg, from 0.5 to 50 in steps of 0.5."""
        if name not in fields:
            return None
        value = self.scalar(fields[name], f"{field}.{name}")
        fits = (
            not isinstance(value, bool)
            and isinstance(value, int | float)
            and 0.5 <= value <= 50
            and float(value * 2).is_integer()
        )
        if not fits:
            raise self.fail(
                fields[name],
                f"{field}.{name}",
                f"expected kilograms from 0.5 to 50 in steps of 0.5, got {value!r}",
            )
        return float(value)

    def dose(self, node: Node, field: str, kind: Kind) -> Dose:
        """The dose fields the kind has (rehab_tui.domain.kinds), each one required."""
        fields = self.mapping(node, field, set(SHARED_DOSE_FIELDS | rules_for(kind).dose_fields))
        values = {
            name: self.whole(value, f"{field}.{name}", DOSE_LIMITS[name])
            for name, value in fields.items()
            if name in DOSE_LIMITS
        }
        tempo = None
        if "tempo" in fields:
            text = self.scalar(fields["tempo"], f"{field}.tempo")
            try:
                tempo = Tempo.parse(str(text))
            except ValueError as error:
                raise self.fail(fields["tempo"], f"{field}.tempo", str(error)) from None
        return Dose(tempo=tempo, **values)

    def check_alternatives(self, node: Node, exercises: dict[str, Exercise]) -> None:
        for index, exercise in enumerate(exercises.values()):
            alternative = exercise.insertional_alternative
            if alternative is None:
                continue
            where = node.value[index]
            field = f"exercises[{index}] ({exercise.id}).insertional_alternative"
            if alternative not in exercises:
                raise self.fail(where, field, f"no exercise has the id {alternative!r}")
            if not exercises[alternative].insertional_safe:
                raise self.fail(where, field, f"{alternative!r} is not insertional_safe itself")

    def stage(
        self, node: Node, field: str, expected_number: int, exercises: dict[str, Exercise]
    ) -> Stage:
        fields = self.mapping(
            node,
            field,
            {"number", "name", "goal", "progress_when", "levels"},
            {"frequency", "light_day"},
        )
        number = self.whole(fields["number"], f"{field}.number", (1, 9))
        if number != expected_number:
            raise self.fail(
                fields["number"], f"{field}.number", f"expected stage {expected_number} here"
            )
        level_nodes = self.sequence(fields["levels"], f"{field}.levels", "levels")
        return Stage(
            number=number,
            name=self.text(fields["name"], f"{field}.name", 40),
            goal=self.text(fields["goal"], f"{field}.goal"),
            progress_when=self.text(fields["progress_when"], f"{field}.progress_when"),
            levels=tuple(
                self.level(n, f"{field}.levels[{i}]", exercises) for i, n in enumerate(level_nodes)
            ),
            frequency=self.frequency(fields.get("frequency"), f"{field}.frequency"),
            light_day=self.ids(fields["light_day"], f"{field}.light_day", exercises)
            if "light_day" in fields
            else (),
        )

    def frequency(self, node: Node | None, field: str) -> Frequency:
        known = {"per_day", "days_apart", "per_week"}
        fields = self.mapping(node, field, set(), known) if node else {}
        week = fields.pop("per_week", None)
        counts = {name: self.whole(n, f"{field}.{name}", (1, 3)) for name, n in fields.items()}
        return Frequency(
            **counts, per_week=self.text(week, f"{field}.per_week", 10) if week else ""
        )

    def ids(self, node: Node, field: str, exercises: dict[str, Exercise]) -> tuple[str, ...]:
        """A list of exercise ids, each one in the file."""
        ids = []
        for i, id_node in enumerate(self.sequence(node, field, "ids")):
            ex_id = self.text(id_node, f"{field}[{i}]", 60)
            if ex_id not in exercises:
                raise self.fail(id_node, f"{field}[{i}]", f"no exercise has the id {ex_id!r}")
            ids.append(ex_id)
        return tuple(ids)

    def level(self, node: Node, field: str, exercises: dict[str, Exercise]) -> Level:
        fields = self.mapping(node, field, {"exercises", "progression"}, {"insertional"})
        ids = self.ids(fields["exercises"], f"{field}.exercises", exercises)
        insertional = None
        if "insertional" in fields:
            insertional = self.ids(fields["insertional"], f"{field}.insertional", exercises)
            if len(insertional) != len(ids):
                raise self.fail(
                    fields["insertional"],
                    f"{field}.insertional",
                    f"expected {len(ids)} exercises, one in place of each of the level's",
                )
        progression_node = fields["progression"]
        grows = self.mapping(progression_node, f"{field}.progression", set(), set(DOSE_LIMITS))
        if not grows:
            raise self.fail(progression_node, f"{field}.progression", "expected at least one field")
        progression = []
        kinds = {exercises[i].kind for i in (*ids, *(insertional or ()))}
        for name, values_node in grows.items():
            where = f"{field}.progression.{name}"
            if not any(rules_for(kind).applies(name) for kind in kinds):
                raise self.fail(values_node, where, _grows_nothing(name, kinds))
            value_nodes = self.sequence(values_node, where, "values")
            values = tuple(
                self.whole(n, f"{where}[{i}]", DOSE_LIMITS[name]) for i, n in enumerate(value_nodes)
            )
            progression.append((name, values))
        return Level(ids, tuple(progression), insertional)


def _grows_nothing(name: str, kinds: set[Kind]) -> str:
    """Why a level's progression of `name` is a mistake: no exercise in it has that field."""
    having = [rules for rules in REGISTERED if rules.applies(name)]
    if len(having) == 1:
        return f"no exercise in this level is a {having[0].noun}"
    if len(kinds) == 1:
        return f"every exercise in this level is a {rules_for(next(iter(kinds))).noun}"
    return f"no exercise in this level has {name}"
