"""Text from a user or a file, made safe to show: no control characters reach a terminal.

A note or an exercise name can hold `ESC ] 2 ; ... BEL` (which retitles the terminal) or
`ESC [ 2 J` (which clears it). Wherever such text is shown or exported, `printable` replaces
every control character with a visible stand-in: the escape sequence is then plain, harmless
text, and the reader can see that something odd was there. The saved data is not changed.

`whole_number` reads a whole number the way a user means one: ASCII digits only (`³` and `٣`
pass str.isdigit) and few enough that Python's int-string limit is never reached.
"""

from __future__ import annotations

import re

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
