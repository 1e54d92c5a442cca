"""Text made safe to show, and whole numbers read the way a user means them."""

from __future__ import annotations

import json
import re

import pytest

from rehab_tui.domain.text import escape_json_controls, one_line, printable, whole_number

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_printable_makes_every_control_character_visible():
    note = "\x1b]2;PWNED\x07 sore \x1b[2J heel \x9b31m\x7f"
    assert printable(note) == "␛]2;PWNED\ufffd sore ␛[2J heel \ufffd31m\ufffd"
    assert printable("two\nlines\tand a tab") == "two\nlines\tand a tab"
    every = "".join(map(chr, range(0x100)))
    assert not CONTROL.search(printable(every))
    assert len(printable(every)) == len(every), "one mark for one character: spans stay put"
    assert one_line("a\nb\tc\x1b") == "a b c␛"


def test_json_controls_are_escaped_without_changing_the_data():
    data = {"note": "\x1b[2J \x9b1m \x7f é"}
    text = escape_json_controls(json.dumps(data, ensure_ascii=False))
    assert not CONTROL.search(text) and "é" in text
    assert json.loads(text) == data


@pytest.mark.parametrize(
    ("text", "number"),
    [("7", 7), (" 42 ", 42), ("0", 0), ("³", None), ("٣", None), ("1_0", None), ("-1", None),
     ("", None), ("1" * 5000, None), ("123456789", 123456789), ("1234567890", None)],
)  # fmt: skip
def test_whole_numbers_are_ascii_digits_and_short(text, number):
    assert whole_number(text) == number
