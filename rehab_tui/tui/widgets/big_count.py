"""The player's big number, as large as its space allows: readable from the floor or a step two
metres away, where a runner is during a hold.

Textual's `Digits` draws every number 3 rows tall whatever the room; this draws a 3×5 pixel font
in half blocks ("▀", "▄", "█": two square pixels a cell), scaled by a whole number to the largest
size that fits the widget. A figlet font (pyfiglet) would add a dependency for one fixed size per
font; half-block pixels scale to any height and stay solid in the text colour, so they keep the
theme's contrast. At its smallest (scale 1) it is 3 rows, as Digits was, so 80×24 still fits.

A subclass of `Digits`, so `value` and `update()` stay as they were: the player updates it only
when the shown second changes, and a new size is drawn on the next render after a resize. A new
value repaints only the cells that change (from 29 to 28 the 2 stays): Textual writes every cell
of a region it repaints, and the whole widget is 9 rows of the panel's width at 80×24, four
times what the changed glyph takes; its size never depends on the value, so it is never laid out
again for one. It says when it is first drawn (`Shown`, after the frame that shows it has been written), for the
player to start its clock then.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Digits

# Each glyph: 5 rows of pixels, "#" lit. Digits are 3 pixels wide, the colon 1.
FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "-": ("...", "...", "###", "...", "..."),
}
BLANK = ("...",) * 5
GLYPH_ROWS = 5
HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def pixel_rows(value: str) -> list[str]:
    """The number's pixels at scale 1: glyphs side by side, one pixel apart."""
    glyphs = [FONT.get(char, BLANK) for char in value] or [BLANK]
    return [".".join(glyph[row] for glyph in glyphs) for row in range(GLYPH_ROWS)]


def scale_for(value: str, size: Size) -> int:
    """The largest whole scale at which `value` fits `size` (at least 1)."""
    width = len(pixel_rows(value)[0])
    by_width = size.width // width
    by_height = (2 * size.height) // GLYPH_ROWS  # two pixel rows a cell
    return max(1, min(by_width, by_height))


@lru_cache(maxsize=256)
def draw(value: str, scale: int) -> tuple[str, ...]:
    """The lines of half blocks that draw `value` at `scale` (kept: each second's number is
    drawn again to find what changed, and a countdown draws the same numbers every set)."""
    pixels = [
        "".join(char * scale for char in row) for row in pixel_rows(value) for _ in range(scale)
    ]
    if len(pixels) % 2:
        pixels.append("." * len(pixels[0]))
    return tuple(
        "".join(
            HALF_BLOCKS[(top == "#", bottom == "#")]
            for top, bottom in zip(upper, lower, strict=True)
        )
        for upper, lower in zip(pixels[::2], pixels[1::2], strict=True)
    )


def top_margin(lines: Sequence[str], size: Size) -> int:
    """Blank rows above the drawing, which is centred in `size`."""
    return max(0, (size.height - len(lines)) // 2)


def changed_regions(old: str, new: str, size: Size) -> list[Region] | None:
    """The regions (of the widget's content, one a row) where `new` is drawn differently from
    `old`; None when the whole widget must be drawn again (a new scale, or a wider or narrower
    number: everything moves)."""
    if not size:
        return None
    before, after = draw(old, scale_for(old, size)), draw(new, scale_for(new, size))
    width = len(after[0])
    if len(before) != len(after) or len(before[0]) != width or width > size.width:
        return None
    top = top_margin(after, size)
    left = (size.width - width) // 2  # as a centred line is padded (Textual's Content)
    regions = []
    for row, (was, now) in enumerate(zip(before, after, strict=True)):
        differ = [x for x, (a, b) in enumerate(zip(was, now, strict=True)) if a != b]
        if differ and top + row < size.height:
            first, last = differ[0], differ[-1]
            regions.append(Region(left + first, top + row, last - first + 1, 1))
    return regions


class BigCount(Digits):
    """The count, drawn as large as the widget's size allows, centred."""

    DEFAULT_CSS = """
    BigCount { height: 1fr; min-height: 3; width: 1fr; text-align: center; text-wrap: nowrap; }
    """

    class Shown(Message):
        """The count is on screen: Textual sends `Show` once the frame that first lays it out
        has been handed to the terminal."""

    def on_show(self) -> None:
        self.post_message(self.Shown())

    def update(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError("value must be a str")
        changed = changed_regions(self._value, value, self.content_size)
        self._value = value
        if changed is None:
            self.refresh()
        elif changed:
            self.refresh(*changed)

    def render(self) -> RenderResult:
        # What the count looks like in Textual's terms: Content, centred by the CSS, in the
        # widget's style. render_line draws the same cells directly.
        size = self.content_size
        lines = draw(self.value, scale_for(self.value, size))
        return Content("\n" * top_margin(lines, size) + "\n".join(lines))

    def render_line(self, y: int) -> Strip:
        """Row `y`, as Textual draws render()'s centred Content (a test holds the two alike),
        without making that Content and its visual for every row on every new second: they
        were the most of the count's part of a frame."""
        size = self.content_size
        lines = draw(self.value, scale_for(self.value, size))
        top = top_margin(lines, size)
        text = "" if y < top else lines[y - top] if y - top < len(lines) else None
        style = self.visual_style.rich_style
        if text is None:  # below the drawing
            return Strip.blank(size.width, style)
        if len(text) > size.width:  # not even scale 1 fits: Textual crops it
            return super().render_line(y)
        self._dirty_regions.clear()  # nothing is kept drawn: each row is drawn when asked
        left = (size.width - len(text)) // 2
        padding = Style(bgcolor=style.bgcolor)
        return Strip(
            [
                Segment(" " * left, padding),
                Segment(text, style + Style.from_meta({"offset": (0, y)})),  # for a selection
                Segment(" " * (size.width - len(text) - left), padding),
            ],
            size.width,
        )

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return GLYPH_ROWS  # only when its height is auto; the player gives it the room left
