"""The quick record check: yes or no, whether a record is what RecordChecker would take.

The store checks every record of every file it reads (stored_records.py), an import every
record it brings in, so the check of a valid record must cost little: the walk of
RecordChecker (record_check.py) over a record's type is written out once per type as the
source of one plain function, which reads each field in line and calls nothing for a valid
one. It says only yes or no: a record it refuses is walked again by RecordChecker, which names
the field (it is never laxer than RecordChecker, and a test holds it to taking the same).
"""

from __future__ import annotations

import math
import types
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from functools import cache, partial
from typing import Any, Literal, Union, get_args, get_origin, is_typeddict

from rehab_tui.domain.record_types import MOMENT, Range, RunRecord, SessionRecord, TextForm
from rehab_tui.storage.record_check import (
    TAG,
    TEMPO_KINDS,
    _bare,
    _choices,
    _first,
    fields_of,
    tags_of,
)


def conforms(value: Any, shape: Any) -> bool:
    """Whether `value` is a record of type `shape`, as RecordChecker would find: the same walk,
    compiled once per type into one plain function (_compiled), many times faster, for the
    store's files, every record of which is checked when read. It says only yes or no:
    RecordChecker names what is wrong."""
    return _compiled(shape)(value)


Validator = Callable[[Any], bool]
TEXTS_TAKEN = 1000  # how many of the texts a TextForm took are remembered (_texts_taken)


@cache
def _compiled(shape: Any) -> Validator:
    """The check of `shape` as the source of one function, the walk's every step written out
    in it (a record's fields, a list's items, a number's bounds), so a valid record costs no
    call per field: the per-field calls of a generic walk were most of an export's time."""
    names: dict[str, Any] = {"INF": math.inf, "isfinite": math.isfinite}
    lines = ["def valid(v):", "    try:"]  # a required field missing: a KeyError
    _write_check(_Source(lines, names), shape, "v", 2)
    lines += ["    except KeyError:", "        return False", "    return True"]
    exec("\n".join(lines), names)  # the source is made here, from the record types alone
    valid: Validator = names["valid"]
    return valid


class _Source:
    """The function being written: its lines, and the objects its names stand for."""

    def __init__(self, lines: list[str], names: dict[str, Any]):
        self.lines = lines
        self.names = names

    def add(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def name(self, prefix: str, value: Any = None) -> str:
        """A new name (for a variable; for `value`, when given)."""
        name = f"{prefix}{len(self.lines)}_{len(self.names)}"
        self.names[name] = value
        return name


def _write_check(out: _Source, hint: Any, var: str, indent: int) -> None:
    """Lines, at `indent`, that return False unless `var` is a value of `hint`, as
    RecordChecker.value would find."""
    hint, metadata = _bare(hint)
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        members = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(members) < len(get_args(hint)):  # None, or one of the members
            out.add(indent, f"if {var} is not None:")
            indent += 1
        if len(members) > 1:
            by_tag = {tag: _compiled(shape) for shape in members for tag in tags_of(shape)}
            tag, shapes = out.name("tag"), out.name("by_tag", by_tag)
            out.add(indent, f"if type({var}) is not dict: return False")
            out.add(indent, f"{tag} = {var}.get({TAG!r})")
            out.add(indent, f"if not isinstance({tag}, str) or {tag} not in {shapes}: return False")
            out.add(indent, f"if not {shapes}[{tag}]({var}): return False")
        else:
            _write_check(out, members[0], var, indent)
    elif is_typeddict(hint):
        out.add(indent, f"if type({var}) is not dict: return False")
        for key, field_hint, required in fields_of(hint):
            field = out.name("f")
            if required:
                out.add(indent, f"{field} = {var}[{key!r}]")
                _write_check(out, field_hint, field, indent)
            else:
                out.add(indent, f"if {key!r} in {var}:")  # a test, not a call of .get
                out.add(indent + 1, f"{field} = {var}[{key!r}]")
                _write_check(out, field_hint, field, indent + 1)
    elif origin is list:
        item = out.name("item")
        out.add(indent, f"if type({var}) is not list: return False")
        out.add(indent, f"for {item} in {var}:")
        _write_check(out, get_args(hint)[0], item, indent + 1)
    elif origin is Literal or (isinstance(hint, type) and issubclass(hint, Enum)):
        allowed = out.name("allowed", frozenset(_choices(hint)))
        out.add(indent, f"if not isinstance({var}, str) or {var} not in {allowed}: return False")
    elif hint is bool:
        out.add(indent, f"if {var} is not True and {var} is not False: return False")
    elif hint in (int, float):
        _write_number(out, hint is int, _first(metadata, Range), var, indent)
    elif hint is str:
        out.add(indent, f"if not isinstance({var}, str): return False")
        form = _first(metadata, TextForm)
        if form is MOMENT:
            _write_moment(out, var, indent)
        elif form is not None:
            taken = out.name("taken", _texts_taken(form))
            out.add(indent, f"if {var} not in {taken}:")
            out.add(indent + 1, "try:")
            out.add(indent + 2, f"{out.name('parse', form.parse)}({var})")
            out.add(indent + 1, "except ValueError:")
            out.add(indent + 2, "return False")
            out.add(indent + 1, f"if len({taken}) < {TEXTS_TAKEN}: {taken}.add({var})")
    else:
        raise TypeError(f"no record check for {hint!r}")


def _write_moment(out: _Source, var: str, indent: int) -> None:
    """MOMENT's parse in line (a call per text saved; as nearly all moments differ, none is
    remembered): a set's completed_at was a fifth of the check of a session."""
    parse = out.name("fromisoformat", datetime.fromisoformat)
    out.add(indent, "try:")
    out.add(indent + 1, f"if {parse}({var}).tzinfo is None: return False")
    out.add(indent, "except ValueError:")
    out.add(indent + 1, "return False")


@cache
def _texts_taken(form: TextForm) -> set[str]:
    """Texts `form` took (the first TEXTS_TAKEN): its parse is a function of the text alone, and
    a few texts come again and again (a tempo: its parse was half the check of a session)."""
    return set()


def _write_number(out: _Source, whole: bool, bounds: Range | None, var: str, indent: int) -> None:
    """A number's check: a plain int, or where a fraction may be a plain float or int, tested
    in line (bounds that leave out a NaN and the infinities, as _number's isfinite does);
    anything else (a bool, text) by _number."""
    low, high = (bounds.low, bounds.high) if bounds else (-math.inf, None)
    lowest = "-INF <" if bounds is None else f"{low!r} <="
    highest = f" <= {high!r}" if high is not None else ""
    if not whole:  # a fraction is nearly always stored as a float: tested first
        out.add(indent, f"if type({var}) is float:")
        out.add(indent + 1, f"if not ({lowest} {var}{highest or ' < INF'}): return False")
    finite = "" if whole else f"isfinite({var}) and "  # as _number: past a float, an error
    out.add(indent, f"{'if' if whole else 'elif'} type({var}) is int:")
    out.add(indent + 1, f"if not ({finite}{lowest} {var}{highest}): return False")
    rule = out.name("number", partial(_number, whole, low, high))
    out.add(indent, f"elif not {rule}({var}): return False")


def _number(whole: bool, low: float, high: float | None, value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if whole and not isinstance(value, int):
        return False
    if not whole and not math.isfinite(value):
        return False
    return low <= value and (high is None or value <= high)


def session_conforms(value: Any) -> bool:
    """Whether check_session would take `value` (conforms, for a session)."""
    if not conforms(value, SessionRecord):
        return False
    if value["started_at"][:10].replace("-", "") != value["id"][:8]:
        return False
    return all(e["kind"] not in TEMPO_KINDS or "tempo" in e["planned"] for e in value["exercises"])


def run_conforms(value: Any) -> bool:
    """Whether check_run would take `value` (conforms, for a run)."""
    return (
        conforms(value, RunRecord)
        and value["started_at"][:10].replace("-", "") == value["id"][:8]
        and (value["level"] is None or value["kind"] == "walk_run")
    )
