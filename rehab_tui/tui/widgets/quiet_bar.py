"""A progress bar drawn again only when its progress changes.

Textual's `ProgressBar` calls its own `update()` every second to refresh its estimate of the time
left, and each new estimate redraws the bar: two bars in the player wrote about 0.4 kB a second
to the terminal between the player's own ticks, and woke the app for it. The player shows no
estimate (`show_eta=False`), so that timer is not started, and a bare call does nothing; a change
of progress or total still goes through `ProgressBar.update` as before.

A new progress (or estimate) repaints only the bar and its percentage (their own reactives,
bound to these), not the whole row the bar sits in: the row around them is blank, and every
cell of a repainted region is written to the terminal.

The bar and its percentage are drawn as a line of cells (Textual's line API), as Textual's Bar
and PercentageStatus draw them, without a Rich renderable turned into Textual's visual on every
change: a hold changes both each second, and that was a third of the player's frame.

The bar is repainted only when one of its cells changes (it moves by half cells), and the
percentage only when its whole number does (Textual's own rule for it): the session's bar
moves a half cell every 10-20 s of a half-hour session, and a repaint a second of the row at
the bottom of the screen made the compositor render every widget in between again.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.events import Mount
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widgets import ProgressBar
from textual.widgets._progress_bar import Bar, PercentageStatus


class QuietProgressBar(ProgressBar):
    progress: reactive[float] = reactive(0.0, repaint=False)
    percentage: reactive[float | None] = reactive[float | None](None, repaint=False)
    _display_eta: reactive[int | None] = reactive[int | None](None, repaint=False)  # unshown

    def _on_mount(self, event: Mount) -> None:
        if not self.show_eta:
            # Textual runs each base class's handler after this one unless prevented:
            # ProgressBar's, without its timer, and Widget's, here.
            event.prevent_default()
            self._clock.reset()
            super()._on_mount(event)

    def update(self, **changes: Any) -> None:
        if changes or self.show_eta:
            super().update(**changes)

    def compose(self) -> ComposeResult:
        # ProgressBar's, with the bar and the percentage drawn as lines; no estimate is shown.
        if self.show_bar:
            yield (
                LineBar(id="bar", clock=self._clock)
                .data_bind(ProgressBar.percentage)
                .data_bind(ProgressBar.gradient)
            )
        if self.show_percentage:
            yield LinePercentage(id="percentage").data_bind(ProgressBar.percentage)


class LineBar(Bar):
    """Textual's Bar, its one line made of three runs of cells: the part done, a half cell, the
    rest (Textual's BarRenderable, from 0; a test holds the two alike). Repainted only when
    those cells change."""

    percentage: reactive[float | None] = reactive[float | None](None, repaint=False)
    _drawn: tuple[object, ...] | None = None  # what the last repaint asked for drew

    def watch_percentage(self, percentage: float | None) -> None:
        super().watch_percentage(percentage)  # the indeterminate bar's animation
        drawn = self._cells(percentage)
        if drawn is None or drawn != self._drawn:
            self.refresh()
        self._drawn = drawn

    def _cells(self, percentage: float | None) -> tuple[int, int, bool] | None:
        """What the line shows: its width, the half cells done (-1 for none at all: drawn
        apart from a sliver rounded down to none) and whether complete; None when Textual
        draws it (indeterminate, or in colours)."""
        if percentage is None or self.gradient is not None:
            return None
        width = self.size.width
        end = min(width * percentage, width)
        return width, round(end * 2) if end else -1, percentage >= 1

    def watch_gradient(self) -> None:
        self._drawn = None  # drawn in colours now, or no longer

    def render_line(self, y: int) -> Strip:
        percentage, cells = self.percentage, self._cells(self.percentage)
        if y or percentage is None or cells is None:
            return super().render_line(y)  # indeterminate, or in colours: Textual's own
        width, half_cells, complete = cells
        component = "bar--complete" if complete else "bar--bar"
        colours = self.get_component_rich_style(component)
        base = self.visual_style.rich_style
        done, rest = base + Style(color=colours.color), base + Style(color=colours.bgcolor)
        drawn = self.bar_renderable
        if half_cells < 0:
            return Strip([Segment(drawn.BAR * width, rest)], width)
        end = half_cells / 2  # to the nearest half cell
        whole, half = int(end), end > int(end)
        draw_rest = colours.bgcolor is None or not colours.bgcolor.is_default
        head = drawn.BAR * whole + (drawn.HALF_BAR_RIGHT if half else "")
        tail = "" if half or end == width else (drawn.HALF_BAR_LEFT if draw_rest else " ")
        tail += (drawn.BAR if draw_rest else " ") * (width - whole - 1)
        segments = [Segment(text, style) for text, style in ((head, done), (tail, rest)) if text]
        return Strip(segments, width)


class LinePercentage(PercentageStatus):
    """Textual's PercentageStatus, its one line drawn directly: the figure aligned right in the
    widget's style, the cells before it as Textual pads an aligned line (a test holds the two
    alike). Repainted only when the figure changes."""

    percentage: reactive[int | None] = reactive[int | None](None, repaint=False)

    def watch_percentage(self, old: int | None, new: int | None) -> None:
        # Set on every change of the bar's progress (a binding always sets), most the same.
        if new != old:
            self.refresh()

    def render_line(self, y: int) -> Strip:
        text = "--%" if self.percentage is None else f"{self.percentage}%"
        width = self.size.width
        if y or len(text) > width or self.styles.content_align_horizontal != "right":
            return super().render_line(y)
        style = self.visual_style
        padding = (style + VisualStyle(reverse=False)).rich_style  # as Textual's Strip.align
        figure = style.rich_style + Style.from_meta({"offset": (0, 0)})  # where a selection starts
        segments = [Segment(" " * (width - len(text)), padding), Segment(text, figure)]
        return Strip([segment for segment in segments if segment.text], width)
