"""Home's first frame: its key bar (tui/widgets/key_bar.py) shows the keys Textual's Footer would,
in the same words and places (the home snapshots are unchanged), clickable; and home is not
drawn for nothing during Textual's start-up batch."""

from __future__ import annotations

from textual.widgets import Footer

from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.history import HistoryScreen
from rehab_tui.tui.screens.home import HomeScreen
from rehab_tui.tui.widgets.key_bar import KeyBar

SIZE = (80, 24)


def footer_would_show(screen) -> list[tuple[str, str]]:
    """(key shown, description) of the bindings Textual's Footer draws: shown, one per action."""
    shown: dict[str, tuple[str, str]] = {}
    for _, binding, _enabled, _ in screen.active_bindings.values():
        if binding.show and binding.action not in shown:
            shown[binding.action] = (screen.app.get_key_display(binding), binding.description)
    return list(shown.values())


async def test_home_shows_the_keys_the_footer_would_in_its_first_frame(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not app.screen.query(Footer)
        bar = app.screen.query_one(KeyBar)
        drawn = bar.render().plain
        expected = footer_would_show(app.screen)
        assert [(key.display, key.description) for key in bar.shown_keys()] == expected
        assert drawn == " ".join(f"{key} {words}" for key, words in expected)
        assert drawn.startswith("h History g Trends") and "? Help" in drawn


async def test_home_is_not_drawn_inside_textual_s_start_up_batch(catalog, store, clock):
    """Textual lays out and draws the frames of its start-up batch but never writes them: home
    is shown after it, and its first frame drawn is one written."""
    app = RehabApp(catalog, store, clock)
    drawn: list[tuple[str, int]] = []
    real = app._display

    def display(screen, renderable) -> None:
        if renderable is not None:
            drawn.append((type(screen).__name__, app._batch_count))
        real(screen, renderable)

    app._display = display  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    homes = [batch for name, batch in drawn if name == "HomeScreen"]
    assert homes and homes[0] == 0


async def test_clicking_a_key_presses_it(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        drawn = bar.render().plain
        await pilot.click(KeyBar, offset=(drawn.index("History"), 0))
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_the_key_under_the_mouse_is_highlighted_and_a_gap_presses_nothing(
    catalog, store, clock
):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        plain = bar.render()
        at = plain.plain.index("History")
        await pilot.hover(KeyBar, offset=(at, 0))
        await pilot.pause()
        hovered = bar.render()
        assert hovered.plain == plain.plain
        assert hovered.get_style_at_offset(app.console, at) != plain.get_style_at_offset(
            app.console, at
        )
        gap = plain.plain.index(" g Trends")  # between two keys
        await pilot.click(KeyBar, offset=(gap, 0))
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_remapped_key_is_shown_at_once(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.set_keymap({"home.history": "y"})
        await pilot.pause()
        drawn = f" {app.screen.query_one(KeyBar).render().plain} "
        assert " y History " in drawn and " h History " not in drawn
