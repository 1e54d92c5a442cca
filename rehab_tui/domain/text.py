"""Text from a user or a file, made safe to show: no control characters reach a terminal.

A note or an exercise name can hold `ESC ] 2 ; ... BEL` (which retitles the terminal) or
`ESC [ 2 J` (which clears it). Wherever such text is shown or exported, `printable` replaces
every control character with a visible stand-in: the escape sequence is then plain, harmless
text, and the reader can see that something odd was there. The saved data is not changed.

`whole_number` reads a whole number the way a user means one: ASCII digits only (`³` and `٣`
pass str.isdigit) and few enough that Python's int-string limit is never reached.

`plural` agrees a count with its noun; `pack_phrases` lays short phrases (an exercise's cues)
out in lines without splitting one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# C0 controls but tab and newline, DEL, and the C1 controls (U+0080-U+009F; CSI is U+009B).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What a control character is shown as: U+241B SYMBOL FOR ESCAPE for ESC, U+FFFD for the rest.
STAND_IN = {"\x1b": "␛"}
REPLACEMENT = "\ufffd"
MAX_DIGITS = 9


def _stand_in(match: re.Match[str]) -> str:
    return STAND_IN.get(match.group(), REPLACEMENT)


def printable(text: str) -> str:
    """`text` with every control character but newline and tab replaced by a visible mark."""
    return CONTROL.sub(_stand_in, text)


def one_line(text: str) -> str:
    """`text` on one line: newlines and tabs become spaces, other controls a visible mark."""
    return CONTROL.sub(_stand_in, text).replace("\n", " ").replace("\t", " ")


def escape_json_controls(text: str) -> str:
    """JSON text with DEL and the C1 controls written as \\u escapes, which JSON leaves raw
    (it escapes only U+0000-U+001F): the same data, with no control character in it."""
    return re.sub("[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text)


def whole_number(text: str, max_digits: int = MAX_DIGITS) -> int | None:
    """The whole number `text` writes in ASCII digits (spaces around allowed), else None."""
    digits = text.strip()
    if not digits or len(digits) > max_digits or not (digits.isascii() and digits.isdigit()):
        return None
    return int(digits)


def plural(count: int, noun: str, many: str | None = None) -> str:
    """A count and its noun, agreeing: "1 session", "0 sessions", "3 training days".

    `many` is the plural when adding "s" would be wrong ("1 of 8 sets was" is a verb's matter:
    `count == 1` picks it where a sentence needs one)."""
    return f"{count} {noun if count == 1 else many or f'{noun}s'}"


def pack_phrases(phrases: Sequence[str], width: int, separator: str = " · ") -> list[str]:
    """`phrases` joined by `separator` in lines of at most `width` characters, never breaking
    a phrase ("Breathe slowly" stays whole); only a phrase longer than a line is left long."""
    lines: list[str] = []
    for phrase in phrases:
        if lines and len(lines[-1]) + len(separator) + len(phrase) <= width:
            lines[-1] += separator + phrase
        else:
            lines.append(phrase)
    return lines
