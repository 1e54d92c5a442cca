"""JSON written a part at a time, byte for byte as `json.dumps(..., indent=2, ensure_ascii=False)`
followed by domain.text.escape_json_controls would write the whole.

The export and `history --json` hold years of records; encoded whole, the records, the text and
Python's slow indenting encoder cost seconds and hundreds of MB. Here each part (a month's
records, say) is encoded by orjson, which indents in C, and written before the next is read.

orjson and the standard library agree on everything the app stores but two things, and a part
holding either is encoded by the standard library instead, so the output never changes:
a float under 1e-4 (Python writes 1e-05, orjson 0.00001 or 1e-5: a part whose text could hold
one, even inside a string, is written again) and a whole number past 64 bits (orjson refuses it).
(A NaN or an infinity, which the record check refuses in every field the app writes, would come
out as null instead of Python's NaN, which is not JSON.)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

# Where orjson's text may differ from json.dumps': "0.0000…", or an exponent such as "1e-5" (a
# pattern led by a literal, which re finds fast; the digit before "e" is looked at afterwards).
_EXPONENT = re.compile(rb"e-\d")
_DIGITS = frozenset(b"0123456789")
# DEL and the C1 controls (U+0080-U+009F, in UTF-8 0xC2 0x80-0x9F), which JSON leaves raw.
_CONTROLS = re.compile(rb"\x7f|\xc2[\x80-\x9f]")


def encode(value: Any, sort_keys: bool = False, depth: int = 0) -> bytes:
    """`value` as JSON indented by 2, each line after the first indented `depth` levels more
    (where it sits in a larger document), with DEL and the C1 controls escaped."""
    return bytes(encoded_view(value, sort_keys, depth))


def encoded_view(value: Any, sort_keys: bool, depth: int) -> memoryview:
    """As encode, but a view of the text: a part of years of history is not copied to be cut
    out of orjson's document."""
    option = orjson.OPT_INDENT_2 | (orjson.OPT_SORT_KEYS if sort_keys else 0)
    nested = value
    for _ in range(depth):  # orjson indents it where it sits: no pass to indent its lines again
        nested = {"": nested}
    try:
        data = orjson.dumps(nested, option=option)
    except orjson.JSONEncodeError:  # a whole number past 64 bits
        data = b""
    if data and not _may_differ(data):  # (its opening and closing hold no number)
        text = _escape_controls(data)
        return memoryview(text)[len(_opening(depth)) : len(text) - len(_closing(depth))]
    data = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=sort_keys).encode()
    if depth:
        data = data.replace(b"\n", b"\n" + b"  " * depth)  # a string holds no raw newline
    return memoryview(_escape_controls(data))


def _opening(depth: int) -> bytes:
    """What orjson writes before a value nested `depth` levels deep in {"": ...}."""
    return b"".join(b"{\n" + b"  " * level + b'"": ' for level in range(1, depth + 1))


def _closing(depth: int) -> bytes:
    """... and after it."""
    return b"".join(b"\n" + b"  " * level + b"}" for level in reversed(range(depth)))


def _may_differ(data: bytes) -> bool:
    # rfind: CPython searches forward for a needle of 6 bytes or more by the two-way algorithm,
    # slow on text this full of zeros; backward, by the simple search (twice as fast here).
    if data.rfind(b"0.0000") >= 0:
        return True
    return any(data[m.start() - 1] in _DIGITS for m in _EXPONENT.finditer(data))


def _escape_controls(data: bytes) -> bytes:
    if b"\x7f" not in data and b"\xc2" not in data:
        return data
    return _CONTROLS.sub(lambda m: b"\\u%04x" % ord(m.group().decode()), data)


class JsonList:
    """A JSON list at `depth` in its document, written a part (a month's records) at a time:
    `part` for each part in turn, then `end`."""

    def __init__(self, sort_keys: bool, depth: int):
        self.sort_keys = sort_keys
        self.depth = depth
        self.closing = b"\n" + b"  " * depth + b"]"
        self.empty = True

    def part(self, items: list[Any]) -> bytes:
        """The text of these items, to follow the parts before them."""
        if not items:
            return b""
        text = encoded_view(items, self.sort_keys, self.depth)  # "[\n    item,\n    item\n  ]"
        opening = b"[" if self.empty else b","
        self.empty = False
        return opening + text[1 : len(text) - len(self.closing)]

    def end(self) -> bytes:
        return b"[]" if self.empty else self.closing


def object_chunks(fields: Iterable[tuple[str, Any]], sort_keys: bool = False) -> Iterator[bytes]:
    """A top-level JSON object of `fields` in the order given; a value that is an iterator of
    bytes is written as it comes (a JsonList at depth 1), any other is encoded whole."""
    opening = b"{"
    for key, value in fields:
        yield opening + b"\n  " + _escape_controls(orjson.dumps(key)) + b": "
        if isinstance(value, Iterator):
            yield from value
        else:
            yield encode(value, sort_keys, depth=1)
        opening = b","
    yield b"{}" if opening == b"{" else b"\n}"
