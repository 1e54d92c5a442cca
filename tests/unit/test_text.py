"""Text made safe to show, and whole numbers read the way a user means them."""

from __future__ import annotations

import io
import json
import re

import pytest

from rehab_tui.domain.text import (
    escape_json_controls,
    one_line,
    pack_phrases,
    plural,
    printable,
    whole_number,
)

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


@pytest.mark.parametrize(
    ("count", "noun", "many", "words"),
    [
        (1, "session", None, "1 session"),
        (0, "session", None, "0 sessions"),
        (2, "day", None, "2 days"),
        (1, "training day", None, "1 training day"),
        (3, "routine", None, "3 routines"),
        (1, "capacity test", None, "1 capacity test"),
        (5, "person", "people", "5 people"),
    ],
)
def test_a_count_agrees_with_its_noun(count, noun, many, words):
    assert plural(count, noun, many) == words


def test_phrases_are_packed_into_lines_and_never_split():
    cues = ["Weight over the big toe", "Hips and knees stay still", "Breathe slowly"]
    assert pack_phrases(cues, 80) == [" · ".join(cues)]
    lines = pack_phrases(cues, 45)
    assert lines == ["Weight over the big toe", "Hips and knees stay still · Breathe slowly"]
    assert all(len(line) <= 45 for line in lines)
    assert pack_phrases(["A phrase longer than the line"], 10) == ["A phrase longer than the line"]
    assert pack_phrases([], 10) == []


def test_hanging_text_is_wrapped_once_per_width(monkeypatch):
    """Textual renders the home screen's text several times before its first frame."""
    from rich.console import Console
    from rich.text import Text

    from rehab_tui.tui.widgets.hanging_text import HangingText

    text = HangingText(Text("  Why: " + "a reason that is long enough to wrap " * 4 + "\nshort"))
    wraps = []
    real = HangingText._wrap
    monkeypatch.setattr(
        HangingText, "_wrap", lambda self, c, w: wraps.append(w) or real(self, c, w)
    )
    console = Console(width=40, file=io.StringIO())
    first = console.render_lines(text, console.options.update_width(40))
    again = console.render_lines(text, console.options.update_width(40))
    console.render_lines(text, console.options.update_width(60))
    assert wraps == [40, 60]
    assert first == again
    assert "".join(s.text for s in first[1]).startswith("       ")  # the hanging indent
