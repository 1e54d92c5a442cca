"""The player's count, bars and percentage draw their lines directly (Textual's line API): cell
for cell what Textual draws for them, at every value, size and theme."""

from __future__ import annotations

import pytest
from rich.style import Style
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import ProgressBar
from textual.widgets._progress_bar import Bar, PercentageStatus

from rehab_tui.tui.widgets.big_count import BigCount
from rehab_tui.tui.widgets.quiet_bar import LineBar, LinePercentage, QuietProgressBar

THEMES = ["textual-dark", "textual-light", "ansi-dark"]


def cells(strip: Strip) -> list[tuple[str, Style | None]]:
    return [(char, segment.style) for segment in strip for char in segment.text]


class Bars(App[None]):
    def __init__(self, width: int):
        super().__init__()
        self.css_width = width

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=1000, show_eta=False, id="textual")
        yield QuietProgressBar(total=1000, show_eta=False, id="quiet")

    def on_mount(self) -> None:
        for bar in self.query(Bar):
            bar.styles.width = self.css_width


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", [1, 7, 61])
async def test_the_bar_and_its_percentage_are_textuals_at_every_fill(theme, width):
    app = Bars(width)
    async with app.run_test(size=(100, 6)) as pilot:
        app.theme = theme
        await pilot.pause()
        textual, quiet = app.query_one("#textual", ProgressBar), app.query_one("#quiet")
        assert isinstance(quiet.query_one(Bar), LineBar)
        assert isinstance(quiet.query_one(PercentageStatus), LinePercentage)
        for progress in [*range(0, 1001, 7), 1000]:  # never indeterminate: Textual's own
            for bar in (textual, quiet):
                bar.update(progress=progress)  # bound to their bars and percentages at once
            for part in (Bar, PercentageStatus):
                theirs, ours = textual.query_one(part), quiet.query_one(part)
                assert ours.size == theirs.size
                assert ours.percentage == theirs.percentage is not None
                assert cells(ours.render_line(0)) == cells(theirs.render_line(0)), (progress, part)


class TextualDrawnCount(BigCount):
    """The count drawn by Textual from its render(), as it was before render_line."""

    render_line = Widget.render_line


class Counts(App[None]):
    CSS = "BigCount { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield BigCount("0", id="ours")
        yield TextualDrawnCount("0", id="textual")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", [(80, 24), (120, 40), (30, 8), (9, 6)])
async def test_the_count_is_textuals_at_every_value_size_and_theme(theme, size):
    app = Counts()
    async with app.run_test(size=size) as pilot:
        app.theme = theme
        await pilot.pause()
        ours, textual = app.query_one("#ours", BigCount), app.query_one("#textual", BigCount)
        for value in [*map(str, range(31)), "59", "99", "100", "1:00", "10:30", "-", ""]:
            ours.update(value)
            textual.update(value)
            assert ours.size == textual.size and ours.value == textual.value == value
            for y in range(ours.size.height):
                assert cells(ours.render_line(y)) == cells(textual.render_line(y)), (value, y)


async def test_a_bar_resized_repaints_for_a_progress_it_would_have_drawn_alike_before():
    """What a bar last drew is keyed by its width too: after a resize (drawn anew by Textual at
    the progress then), a progress that fills as many half cells at the new width as the last
    one did at the old is still repainted."""
    app = Bars(10)
    async with app.run_test(size=(100, 6)) as pilot:
        bar = app.query_one("#quiet", QuietProgressBar)
        line = bar.query_one(LineBar)
        bar.update(progress=800)  # 16 half cells of 20
        await pilot.pause()
        line.styles.width = 20
        await pilot.pause()
        repaints: list[int] = []
        real = line.refresh
        line.refresh = lambda *r, **k: repaints.append(1) or real(*r, **k)  # type: ignore[method-assign]
        bar.update(progress=400)  # 16 half cells of 40
        assert repaints
