"""Rich text whose wrapped lines keep a hanging indent: a continuation line starts under the
text it continues, not at column 0 ("  Why: ..." continues under the reason, an indented how-to
under its first word).

A paragraph's indent is its leading spaces, and after them a short label ("Why: ", "Tip: ",
"Running today: ") or a number ("1. "). `str()` gives the plain text, as a Text's would."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

# Leading spaces, then a label of a few words and a colon, or a list number.
HANGING_PREFIX = re.compile(r"( *)((?:\d+\. )|(?:[A-Z][A-Za-z -]{0,15}: ))?")
MIN_BODY_WIDTH = 20  # narrower than this, a continuation starts at column 0 after all


def hanging_indent(plain: str, width: int) -> int:
    """How far a paragraph's continuation lines are indented at `width` columns."""
    match = HANGING_PREFIX.match(plain)
    indent = match.end() if match else 0
    return indent if width - indent >= MIN_BODY_WIDTH else 0


class HangingText:
    def __init__(self, text: Text) -> None:
        self.text = text
        # Lines as wrapped at a width: Textual renders a screen's text several times before its
        # first frame (to measure, then to draw), and the home screen's is long.
        self._wrapped: dict[int, list[Text]] = {}

    def __str__(self) -> str:
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if width not in self._wrapped:
            self._wrapped[width] = list(self._wrap(console, width))
        yield from self._wrapped[width]

    def _wrap(self, console: Console, width: int) -> Iterator[Text]:
        for paragraph in self.text.split("\n"):
            indent = hanging_indent(paragraph.plain, width)
            if not indent or paragraph.cell_len <= width:
                yield paragraph
                continue
            head, body = paragraph[:indent], paragraph[indent:]
            for number, line in enumerate(body.wrap(console, width - indent)):
                line.rstrip()
                yield Text.assemble(head if number == 0 else " " * indent, line)
