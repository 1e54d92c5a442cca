"""An exercise's cues under its how-to, in as many lines as the width needs, never splitting a
cue: "Breathe slowly" is never left as "Breathe" at the end of one line and "slowly" below.

The cues come from the exercise or routines file: plain text, never markup."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.geometry import Size
from textual.widgets import Label

from rehab_tui.domain.text import pack_phrases, printable


class CueLine(Label):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.cues: tuple[str, ...] = ()

    def show(self, cues: Iterable[str]) -> None:
        self.cues = tuple(printable(cue) for cue in cues)
        self.update(Content.styled(" · ".join(self.cues), "dim"))  # `content`: all on one line

    def _lines(self, width: int) -> list[str]:
        return pack_phrases(self.cues, max(width, 1))

    def render(self) -> Content:  # drawn in lines that fit, not as `content` would wrap
        return Content.styled("\n".join(self._lines(self.content_size.width)), "dim")

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))
