"""The record check: a record read from a file, checked against the type the app writes it as.

It guards both doors records come in by: an import (rehab_tui.exchange.importing) and the store's
own files, read back (rehab_tui.storage.json_file), so that a record of the wrong shape is named
where it is read instead of failing later, deep in the plan or a screen.

There is no second list of fields and kinds here. The record types (rehab_tui.domain
.record_types) are walked at run time: each field's Python type says what JSON value it takes,
and its `Annotated` metadata (a Range, a TextForm) which values; a session kind, an exercise kind
or a side is one of its enum's or Literal's values. So a kind or field added to those types is
accepted on import the day the app starts writing it.

A checked record comes back with its fields in the order the app writes them (the fields every
record has, then the others, each as the type declares them), whatever order the file had them
in: the json export sorts keys, and a restored backup should print the same `history --json` as
the data it was made from. Keys the types do not name are kept, after the others (an export from
a newer rehab-tui may carry more). Every problem is an error (the caller's kind, a RecordError by
default) that names the file and the field: "FILE: sessions[3].pain: expected a whole number from
0 to 10, got 11".
"""

from __future__ import annotations

import math
import types
from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from functools import cache
from typing import (
    Annotated,
    Any,
    Literal,
    NotRequired,
    Required,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

from rehab_tui.domain.kinds import REGISTERED
from rehab_tui.domain.record_types import Range, RunRecord, SessionRecord, TextForm

T = TypeVar("T")

# A union of record types is told apart by this field (the capacity tests: heel_raise, hop, ...).
TAG = "kind"
# The kinds of exercise whose planned dose has a tempo.
TEMPO_KINDS = frozenset(rules.kind for rules in REGISTERED if "tempo" in rules.dose_fields)


class RecordError(ValueError):
    """A record that is not what the app writes; the message names the file and the field."""


@cache
def fields_of(shape: Any) -> tuple[tuple[str, Any, bool], ...]:
    """(key, type, required) for each field of a record type, inherited fields included, in the
    order the app writes them: the required fields, then the others, each in declared order."""
    hints = get_type_hints(shape, include_extras=True)
    fields = [(key, hint, key in shape.__required_keys__) for key, hint in hints.items()]
    return tuple(sorted(fields, key=lambda field: not field[2]))  # a stable sort


def tags_of(shape: type) -> tuple[str, ...]:
    """The values a record type's TAG field takes (its Literal's, or its enum's)."""
    hint = next(hint for key, hint, _ in fields_of(shape) if key == TAG)
    return _choices(_bare(hint)[0])


def _bare(hint: Any) -> tuple[Any, tuple[object, ...]]:
    """A type without NotRequired/Required, and the metadata of its Annotated, if any."""
    while get_origin(hint) in (NotRequired, Required):
        hint = get_args(hint)[0]
    if get_origin(hint) is Annotated:
        return hint.__origin__, hint.__metadata__
    return hint, ()


def _choices(hint: Any) -> tuple[str, ...]:
    if get_origin(hint) is Literal:
        return tuple(get_args(hint))
    return tuple(member.value for member in hint)


def type_name(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), "a number")


class RecordChecker:
    """Checks values read from one file against the record types."""

    def __init__(self, source: str, error: Callable[[str], Exception] = RecordError):
        self.source = source
        self.error = error

    def fail(self, field: str, message: str) -> Exception:
        where = f"{self.source}: {field}" if self.source else field
        return self.error(f"{where}: {message}")

    def mapping(self, value: Any, field: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(field, f"expected a JSON object, got {type_name(value)}")
        return value

    def items(self, data: dict[str, Any], key: str, field: str) -> list[Any]:
        """A list that may be left out (then empty)."""
        value = data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(field, f"expected a list, got {type_name(value)}")
        return value

    def record(self, value: Any, shape: type, field: str) -> Any:
        """`value` as a record of type `shape` (a TypedDict), its fields in the app's order;
        ExportFileError if it is not one."""
        record = self.mapping(value, field)
        checked = {}
        for key, hint, required in fields_of(shape):
            if key in record:
                checked[key] = self.value(record[key], hint, f"{field}.{key}")
            elif required:
                raise self.fail(f"{field}.{key}", "missing")
        return checked | {key: item for key, item in record.items() if key not in checked}

    def value(self, value: Any, hint: Any, field: str, nullable: bool = False) -> Any:
        """`value` checked against its annotated type (records in it put in the app's order)."""
        hint, metadata = _bare(hint)
        origin = get_origin(hint)
        if origin in (Union, types.UnionType):
            members = [arg for arg in get_args(hint) if arg is not type(None)]
            if value is None and len(members) < len(get_args(hint)):
                return value
            if len(members) > 1:
                return self.tagged(value, members, field)
            return self.value(value, members[0], field, nullable=len(get_args(hint)) > 1)
        if is_typeddict(hint):
            return self.record(value, hint, field)
        if origin is list:
            if not isinstance(value, list):
                raise self.fail(field, f"expected a list, got {type_name(value)}")
            item = get_args(hint)[0]
            return [self.value(v, item, f"{field}[{i}]") for i, v in enumerate(value)]
        if origin is Literal or (isinstance(hint, type) and issubclass(hint, Enum)):
            self.choice(value, _choices(hint), field, nullable)
        elif hint is bool:
            if not isinstance(value, bool):
                raise self.fail(field, "expected true or false")
        elif hint in (int, float):
            self.number(value, hint is int, _first(metadata, Range), field)
        elif hint is str:
            self.text(value, _first(metadata, TextForm), field)
        else:  # a record type using a type this walk does not know: a mistake in this module
            raise TypeError(f"{field}: no import check for {hint!r}")
        return value

    def tagged(self, value: Any, shapes: list[Any], field: str) -> Any:
        """A record of one of several types, told apart by its TAG field."""
        record = self.mapping(value, field)
        by_tag = {tag: shape for shape in shapes for tag in tags_of(shape)}
        if TAG not in record:
            raise self.fail(f"{field}.{TAG}", "missing")
        self.choice(record[TAG], tuple(by_tag), f"{field}.{TAG}", nullable=False)
        return self.record(record, by_tag[record[TAG]], field)

    def choice(self, value: Any, allowed: tuple[str, ...], field: str, nullable: bool) -> None:
        if not isinstance(value, str) or value not in allowed:
            words = ", ".join(("null", *allowed) if nullable else allowed)
            raise self.fail(field, f"expected one of {words}, got {value!r}")

    def number(self, value: Any, whole: bool, bounds: Range | None, field: str) -> None:
        low, high = (bounds.low, bounds.high) if bounds else (None, None)
        kind = "a whole number" if whole else "a number"
        if high is not None:
            expected = f"{kind} from {low} to {high}"
        else:
            expected = kind if low is None else f"{kind} of {low} or more"
        fits = (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and (isinstance(value, int) if whole else math.isfinite(value))
            and (low is None or low <= value)
            and (high is None or value <= high)
        )
        if not fits:
            raise self.fail(field, f"expected {expected}, got {value!r}")

    def text(self, value: Any, form: TextForm | None, field: str) -> None:
        if not isinstance(value, str):
            raise self.fail(field, f"expected text, got {type_name(value)}")
        if form is None:
            return
        try:
            form.parse(value)
        except ValueError as error:
            message = (
                str(error) if form.expected is None else f"expected {form.expected}, got {value!r}"
            )
            raise self.fail(field, message) from None

    def unique(self, records: Sequence[Mapping[str, Any]], field: str, key: str) -> None:
        seen: set[Any] = set()
        for i, record in enumerate(records):
            if record[key] in seen:
                raise self.fail(f"{field}[{i}].{key}", f"{record[key]!r} appears twice")
            seen.add(record[key])


def _has_its_tempo(entry: Any) -> bool:
    """A tempo exercise's planned dose has its tempo: time under load reads it."""
    return entry["kind"] not in TEMPO_KINDS or "tempo" in entry["planned"]


def check_session(check: RecordChecker, value: Any, field: str) -> SessionRecord:
    """A session record, and what its type cannot say: its date is its id's, and a tempo
    exercise has a tempo."""
    session: SessionRecord = check.record(value, SessionRecord, field)
    if session["started_at"][:10].replace("-", "") != session["id"][:8]:
        raise check.fail(
            f"{field}.started_at", f"does not match the date in the id {session['id']!r}"
        )
    for i, entry in enumerate(session["exercises"]):
        if not _has_its_tempo(entry):
            raise check.fail(f"{field}.exercises[{i}].planned.tempo", "missing")
    return session


def check_run(check: RecordChecker, value: Any, field: str) -> RunRecord:
    """A run record, and what its type cannot say: its date is its id's (which names its month
    file), and only a walk-run has a level of the ladder."""
    run: RunRecord = check.record(value, RunRecord, field)
    if run["started_at"][:10].replace("-", "") != run["id"][:8]:
        raise check.fail(f"{field}.started_at", f"does not match the date in the id {run['id']!r}")
    if run["level"] is not None and run["kind"] != "walk_run":
        raise check.fail(f"{field}.level", f"only a walk_run has a level, not a {run['kind']}")
    return run


def _first(metadata: tuple[object, ...], kind: type[T]) -> T | None:
    """The first piece of `Annotated` metadata of this kind."""
    return next((m for m in metadata if isinstance(m, kind)), None)
