"""A chart for the trends screen: a Plotext plot that draws one series set, redrawn on resize."""

from __future__ import annotations

from collections.abc import Callable

from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot


class TrendChart(PlotextPlot):
    """Give it a function that draws on a fresh Plot; it is called again whenever it resizes."""

    def __init__(
        self, draw: Callable[[Plot], None], *, id: str | None = None, classes: str = "chart"
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._draw = draw

    def on_mount(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        self._draw(plt)
        self.refresh()
