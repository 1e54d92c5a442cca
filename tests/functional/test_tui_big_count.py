"""The big countdown scales with the room it has, and the focus view (f) shows only the phase
and the count; both stay exact to the second and fit 80×24."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.text import Text
from textual.geometry import Size
from textual.visual import Visual, visualize
from textual.widgets import Footer, Header

from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.help import key_table
from rehab_tui.tui.widgets.big_count import BigCount, draw, scale_for, top_margin


async def advance(pilot, clock, seconds: float) -> None:
    clock.advance(seconds)
    pilot.app.screen.update_now()
    await pilot.pause()


def test_the_digits_grow_with_the_room_and_never_below_three_rows():
    assert len(draw("20", 1)) == 3
    assert scale_for("20", Size(10, 2)) == 1  # too small: the smallest, as before
    small, large = scale_for("20", Size(70, 8)), scale_for("20", Size(110, 24))
    assert small < large and len(draw("20", large)) <= 24
    assert len(draw("12:30", scale_for("12:30", Size(40, 30)))[0]) <= 40  # width bounds it too


async def test_the_count_is_a_third_of_the_panel_at_120x40_and_fits_80x24(
    mini_catalog, store, clock
):
    for size, least in (((120, 40), 1 / 3), ((80, 24), 0.3)):
        app = RehabApp(mini_catalog, store, clock)
        async with app.run_test(size=size) as pilot:
            await pilot.press("enter")
            await advance(pilot, clock, 5 + 3)
            count = app.screen.query_one("#count", BigCount)
            stage = app.screen.query_one("#stage")
            drawn = draw(count.value, scale_for(count.value, count.content_size))
            assert count.value == "17"
            assert len(drawn) <= count.content_size.height  # whole, not cut
            assert len(drawn) >= least * stage.size.height
            assert app.screen.region.contains_region(stage.region)


async def test_focus_view_shows_only_phase_and_count_and_keeps_time(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 5 + 3)
        before = app.screen.query_one("#count", BigCount).content_size.height
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        for hidden in (Header, Footer):
            assert not screen.query_one(hidden).display
        for selector in ("#exercise", "#session", "#step-bar", "#detail"):
            assert not screen.query_one(selector).region.height, selector
        assert screen.query_one("#phase").region.height == 1
        count = screen.query_one("#count", BigCount)
        assert count.content_size.height > before
        await advance(pilot, clock, 2.0)
        assert count.value == "15"  # the countdown runs on, exact, in the focus view
        await pilot.press("space")  # every key still works
        assert "PAUSED" in str(screen.query_one("#phase").content)
        await pilot.press("space", "f")
        await pilot.pause()
        assert screen.query_one("#exercise").region.height > 0


async def test_focus_is_in_the_footer_and_help(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        footer = {a.binding.description for a in app.screen.active_bindings.values()}
        assert "Focus" in footer
        console = Console(width=80, record=True, file=io.StringIO())
        console.print(key_table(app.screen))
        assert "Focus" in console.export_text()


@pytest.mark.parametrize(
    ("size", "narrowed"), [((80, 24), None), ((120, 40), None), ((80, 24), 12)]
)
async def test_the_count_draws_the_cells_a_rich_text_of_it_drew(
    mini_catalog, store, clock, size, narrowed
):
    """The count is drawn as Textual's Content (faster than a Rich Text): cell for cell and style
    for style what the Rich Text, centred and never wrapped, drew, also when it is cut."""
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 5 + 3)
        count = app.screen.query_one("#count", BigCount)
        if narrowed is not None:
            count.styles.width = narrowed
            await pilot.pause()
        for value in ("17", "9", "12:30", "1:05:00"):
            count.update(value)
            width, height = count.content_size
            lines = draw(value, scale_for(value, count.content_size))
            text = Text(
                "\n" * top_margin(lines, count.content_size) + "\n".join(lines),
                style=count.rich_style,
                justify="center",
            )
            text.no_wrap = True
            style = count.visual_style
            as_rich = Visual.to_strips(count, visualize(count, text), width, height, style)
            as_drawn = Visual.to_strips(count, count.render(), width, height, style)
            assert [list(strip) for strip in as_drawn] == [list(strip) for strip in as_rich]
