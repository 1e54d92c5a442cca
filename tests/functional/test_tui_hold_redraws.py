"""A hold costs little more than a bare countdown: each second repaints only what changed.

Textual writes every cell of a region it repaints, so the big count (9 rows of the panel's width
at 80×24) repaints only the cells of the glyphs that change; the bars repaint themselves, not
the blank row they sit in; nothing is laid out again (not even as the hold starts, when the phase
word changes); and no widget wakes the app between the player's own ticks.
"""

from __future__ import annotations

from collections import Counter

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Label

from rehab_tui.domain.quick import QuickTimer
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.widgets.big_count import BigCount
from rehab_tui.tui.widgets.one_line import update_in_place
from rehab_tui.tui.widgets.quiet_bar import LineBar, LinePercentage, QuietProgressBar

SIZE = (80, 24)
SECONDS = 12


def hold_app(catalog, new_store, clock) -> RehabApp:
    return RehabApp(catalog, new_store, clock, quick=QuickTimer(hold=30, sets=1, rest=10))


async def test_each_second_of_a_hold_repaints_only_the_count_and_the_bars(
    catalog, new_store, clock, monkeypatch
):
    app = hold_app(catalog, new_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        player = app.screen
        clock.advance(5 + 0.5)  # into the hold: 30 shown
        player.update_now()
        stage = player.query_one("#stage")
        while stage.has_class("-flash"):  # the hold's start flashes the panel, 0.4 s
            await pilot.pause(0.05)
        await pilot.pause()
        count = player.query_one("#count", BigCount)
        refreshed: Counter[str] = Counter()
        laid_out: list[Widget] = []
        count_cells: list[int] = []
        rendered: Counter[str] = Counter()
        real_refresh, real_render = Widget.refresh, Widget._render_content

        def refresh(self, *regions: Region, **kwargs):
            if kwargs.get("layout"):
                laid_out.append(self)
            refreshed[str(self.id)] += 1
            if self is count:
                size = self.size
                count_cells.append(sum(r.area for r in regions) if regions else size.area)
            return real_refresh(self, *regions, **kwargs)

        def render_content(self) -> None:
            rendered[str(self.id)] += 1
            real_render(self)

        monkeypatch.setattr(Widget, "refresh", refresh)
        monkeypatch.setattr(Widget, "_render_content", render_content)
        for _ in range(SECONDS):  # 30 down to 18: two digits all along
            clock.advance(1.0)
            player.update_now()
            await pilot.pause()
        assert laid_out == []
        # The count and the two bars (the session's with its percentage), once a second each.
        assert refreshed == {"count": SECONDS, "bar": 2 * SECONDS, "percentage": SECONDS}
        # Each drawn as lines (test_line_drawn.py): none makes a Textual visual for its change.
        assert rendered == Counter()
        assert max(count_cells) <= count.size.area / 3  # one glyph at most: never the block


async def test_a_bar_repaints_when_a_cell_of_it_changes_and_only_then(catalog, new_store, clock):
    """A half-hour session's bar moves a half cell every 10-20 s, its percentage a point every
    15-20 s: repainted then, not every second; the hold's own bar moves every second."""
    quick = QuickTimer(hold=60, sets=10, rest=120)  # 28 minutes
    app = RehabApp(catalog, new_store, clock, quick=quick)
    async with app.run_test(size=SIZE) as pilot:  # the bars are 32 cells wide at any size
        await pilot.pause()
        player = app.screen
        clock.advance(5 + 0.5)  # into the first hold
        player.update_now()
        while player.query_one("#stage").has_class("-flash"):  # restyled as the flash ends
            await pilot.pause(0.05)
        await pilot.pause()
        parts = {
            "session bar": player.query_one("#session-bar").query_one(LineBar),
            "percentage": player.query_one("#session-bar").query_one(LinePercentage),
            "hold's bar": player.query_one("#step-bar").query_one(LineBar),
        }
        repaints: Counter[str] = Counter()
        changes: Counter[str] = Counter()
        for name, part in parts.items():
            real = part.refresh
            part.refresh = (  # type: ignore[method-assign]
                lambda *r, _name=name, _real=real, **k: repaints.update([_name]) or _real(*r, **k)
            )
        for _ in range(40):
            shown = {name: part.render_line(0).text for name, part in parts.items()}
            clock.advance(1.0)
            player.update_now()
            await pilot.pause()
            changes.update(n for n, part in parts.items() if part.render_line(0).text != shown[n])
        assert repaints == changes
        assert 1 <= changes["session bar"] <= 4
        assert 1 <= changes["percentage"] <= 3
        assert changes["hold's bar"] >= 35  # a 60 s hold: moves every second


@pytest.mark.parametrize("size", [SIZE, (120, 40)])
async def test_the_count_repaints_every_cell_that_changes(catalog, new_store, clock, size):
    app = hold_app(catalog, new_store, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        count = app.screen.query_one("#count", BigCount)
        height = count.size.height
        for old, new in (("30", "29"), ("21", "20"), ("12", "11"), ("5", "4"), ("1:00", "0:59")):
            count.update(old)
            await pilot.pause()
            before = [count.render_line(y).text for y in range(height)]
            regions: list[Region] = []
            real_refresh = count.refresh

            def refresh(*given: Region, _into=regions, _real=real_refresh, **kwargs):
                _into.extend(given)
                return _real(*given, **kwargs)

            count.refresh = refresh  # type: ignore[method-assign]
            count.update(new)
            del count.refresh
            after = [count.render_line(y).text for y in range(height)]
            changed = {
                (x, y)
                for y, (was, now) in enumerate(zip(before, after, strict=True))
                for x, (a, b) in enumerate(zip(was, now, strict=True))
                if a != b
            }
            assert changed, (old, new)
            assert regions, (old, new)
            assert all(any(r.contains(x, y) for r in regions) for x, y in changed), (old, new)


async def test_a_new_width_of_number_repaints_the_whole_count(catalog, new_store, clock):
    app = hold_app(catalog, new_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        count = app.screen.query_one("#count", BigCount)
        count.update("10")
        await pilot.pause()
        calls: list[tuple[Region, ...]] = []
        real_refresh = count.refresh
        count.refresh = lambda *r, **k: calls.append(r) or real_refresh(*r, **k)  # type: ignore[method-assign]
        count.update("9")  # centred anew: everything moves
        assert calls == [()]


async def test_the_bars_set_no_timer_of_their_own(catalog, new_store, clock):
    """Textual's ProgressBar refreshes its estimate every second; the player shows none."""
    app = hold_app(catalog, new_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bars = list(app.screen.query(QuietProgressBar))
        assert len(bars) == 2
        assert all(not list(bar._timers) for bar in bars)


async def test_the_frame_that_starts_the_hold_lays_nothing_out(
    catalog, new_store, clock, monkeypatch
):
    """From the get-ready to the hold the phase word and its detail change, on a frame due on
    the second: they keep their one line each, so the screen is not laid out again for them."""
    app = hold_app(catalog, new_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        player = app.screen
        clock.advance(4.5)  # the get-ready's last second
        player.update_now()
        await pilot.pause()
        phase, detail = player.query_one("#phase", Label), player.query_one("#detail", Label)
        before = (str(phase.visual), str(detail.visual))
        laid_out: list[Widget] = []
        real_refresh = Widget.refresh

        def refresh(self, *regions: Region, **kwargs):
            if kwargs.get("layout"):
                laid_out.append(self)
            return real_refresh(self, *regions, **kwargs)

        monkeypatch.setattr(Widget, "refresh", refresh)
        clock.advance(1.0)  # the hold starts
        player.update_now()
        await pilot.pause()
        assert (str(phase.visual), str(detail.visual)) != before  # both did change
        assert laid_out == []
        assert (phase.size.height, detail.size.height) == (1, 1)


async def test_a_label_whose_new_words_take_more_lines_is_laid_out_again(catalog, new_store, clock):
    app = hold_app(catalog, new_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        detail = app.screen.query_one("#detail", Label)
        width = detail.content_size.width
        update_in_place(detail, "word " * width)  # wraps to more lines
        await pilot.pause()
        assert detail.size.height > 1
        assert "word" in detail.render_line(detail.size.height - 1).text
        update_in_place(detail, "short")  # and back to one
        await pilot.pause()
        assert detail.size.height == 1
