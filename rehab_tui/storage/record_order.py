"""A checked record's fields put in the order the app writes them, fast.

RecordChecker (record_check.py) returns each record it checks with its fields in the app's order
(the fields every record has, then the others, as the type declares them; unknown keys after),
walking the record types value by value, which is slow: seconds for an import of years of
history. A record that `conforms` is already known good, and only needs that order: here it is
given by functions compiled once per type, as `conforms` compiles its checks.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from functools import cache, partial
from typing import Any, Union, get_args, get_origin, is_typeddict

from rehab_tui.storage.record_check import TAG, _bare, fields_of, tags_of


def in_app_order(value: Any, shape: Any) -> Any:
    """A record that conforms to `shape`, as RecordChecker.value returns it (its records in the
    app's field order, unknown keys after), made by functions compiled once per type."""
    order = _orderer(shape)
    return value if order is None else order(value)


Orderer = Callable[[Any], Any]


@cache
def _orderer(hint: Any) -> Orderer | None:
    """What puts a value of type `hint` in the app's order; None: it is kept as it is."""
    hint, _ = _bare(hint)
    if get_origin(hint) in (Union, types.UnionType):
        members = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(members) > 1:
            by_tag = {tag: _orderer(shape) for shape in members for tag in tags_of(shape)}
            return partial(_ordered_tagged, by_tag)
        one = _orderer(members[0])
        return None if one is None else (lambda value: value if value is None else one(value))
    if is_typeddict(hint):
        fields = tuple((key, _orderer(hint)) for key, hint, _ in fields_of(hint))
        return partial(_ordered_record, fields)
    if get_origin(hint) is list:
        item = _orderer(get_args(hint)[0])
        return None if item is None else (lambda value: [item(one) for one in value])
    return None


def _ordered_tagged(by_tag: dict[str, Orderer | None], value: Any) -> Any:
    order = None if value is None else by_tag[value[TAG]]
    return value if order is None else order(value)


def _ordered_record(fields: tuple[tuple[str, Orderer | None], ...], record: Any) -> Any:
    ordered = {}
    for key, order in fields:
        if key in record:
            ordered[key] = record[key] if order is None else order(record[key])
    if len(ordered) == len(record):  # no key the type does not name: the usual case
        return ordered
    return ordered | {key: item for key, item in record.items() if key not in ordered}
