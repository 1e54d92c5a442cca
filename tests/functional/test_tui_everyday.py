"""Everyday use at 80×24: the quick timer's form whole, help with the app's keys first, and
notices that neither cover the player nor drop a mistake."""

from __future__ import annotations

import io

from rich.console import Console
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Label, Static
from textual.widgets._toast import Toast

from rehab_tui.storage import locations
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.help import HelpScreen
from rehab_tui.tui.dialogs.quick_timer import QuickTimerScreen
from rehab_tui.tui.screens.player import PlayerScreen
from rehab_tui.tui.screens.summary import SummaryScreen
from rehab_tui.tui.widgets.key_bar import KeyBar

SIZE = (80, 24)


def fully_visible(widget) -> bool:
    """On screen, whole, and inside every container's content (not under its border or
    padding, not scrolled out of it)."""
    region = widget.region
    containers = [a for a in widget.ancestors if a is not widget.app and a is not widget.screen]
    return (
        region.height > 0
        and widget.screen.region.contains_region(region)
        and all(container.content_region.contains_region(region) for container in containers)
    )


# -- the quick timer's form -------------------------------------------------------------------


async def open_the_form(pilot) -> QuickTimerScreen:
    await pilot.press("t")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, QuickTimerScreen)
    return form


async def test_every_field_and_the_keys_fit_at_80x24(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_the_form(pilot)
        shown = [*form.query(Input), form.query_one(Checkbox), form.query_one(".keys", Label)]
        assert len(shown) == 7  # hold, reps, tempo, sets, rest; each side; the keys
        assert all(fully_visible(widget) for widget in shown), [
            widget.id for widget in shown if not fully_visible(widget)
        ]


async def test_tab_only_reaches_fields_in_view_and_values_stay_shown(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_the_form(pilot)
        reached = []
        for _ in range(7):
            focused = app.focused
            assert focused is not None and fully_visible(focused), focused
            reached.append(focused.id)
            await pilot.press("tab")
            await pilot.pause()
        assert {"q-hold", "q-rest", "q-sides"} <= set(reached)
        # A mistake adds its sentence; every field, its value and the keys stay in view.
        form.query_one("#q-sets", Input).value = "99"
        form.submit()
        await pilot.pause()
        error = form.query_one("#q-error", Label)
        assert "sets" in str(error.content) and fully_visible(error)
        for field in form.query(Input):
            assert fully_visible(field)
        assert form.query_one("#q-hold", Input).value == "30"
        assert fully_visible(form.query_one(".keys", Label))


# -- help ---------------------------------------------------------------------------------------


def help_text(help_screen) -> tuple[str, str]:
    """The help's two tables as plain text: the screen's own keys, then the general ones."""
    own, general = (
        help_screen.query_one(f"#{name}", Static) for name in ("own-keys", "general-keys")
    )
    return (plain(own), plain(general))


def plain(static) -> str:
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(static.content)
    return console.export_text()


async def test_help_shows_homes_keys_first_without_scrolling(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        own, general = help_text(help_screen)
        for description in ("Start", "History", "Trends", "Timer", "Check-in", "Settings"):
            assert description in own
        assert "Scroll" in general and "Scroll" not in own  # Textual's generic keys after
        assert fully_visible(help_screen.query_one("#own-keys"))
        assert help_screen.query_one(VerticalScroll).scroll_y == 0
        assert fully_visible(help_screen.query_one(".keys", Label))  # escape: close


async def test_help_lists_quit_and_the_palette_once_and_never_says_ctrl_c_copies(
    catalog, store, clock
):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = "\n".join(help_text(app.screen))
        assert "copy" not in text.lower()
        assert text.count("Quit") == 1 and text.lower().count("palette") == 1
        (quit_line,) = [line for line in text.splitlines() if "Quit" in line]
        assert "ctrl+c" in quit_line and "ctrl+q" in quit_line
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert not [title for title in titles if "Copy" in title]


async def test_the_players_help_says_how_to_quit_at_once_beside_end(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "question_mark")
        await pilot.pause()
        own, general = help_text(app.screen)
        assert "End" in own and "Pause" in own
        assert "Quit" in general and "ctrl+c" in general and "copy" not in general.lower()


# -- notices ------------------------------------------------------------------------------------


async def advance(pilot, clock, seconds: float) -> None:
    clock.advance(seconds)
    pilot.app.screen.update_now()
    await pilot.pause()


async def test_a_saved_test_is_in_its_summary_and_nothing_covers_the_next_tests_timer(
    catalog, store, clock
):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("c", "1")  # the heel-raise test: each side, counted
        assert isinstance(app.screen, PlayerScreen)
        await advance(pilot, clock, 5 + 2 * 20 + 0.5)
        await pilot.press("d")
        await advance(pilot, clock, 5 + 2 * 24 + 0.5)
        await pilot.press("d")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("2", "enter")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert "Test saved: Heel raises" in str(summary.query_one("#summary-head").content)
        await pilot.press("enter", "c", "2")  # straight on to the hop test
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert not app.screen.query(Toast), "a notice over the hop test's timer"


FOUR_MISTAKES = 'lead_in_s = "ten"\nbell = "yes"\nrest_s = 5\ntheme = "no-such-theme"\n'


async def test_four_mistakes_in_the_settings_file_are_all_seen_at_80x24(catalog, store, clock):
    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(FOUR_MISTAKES)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for _ in range(3):  # the notice, then its toast on the home screen
            await pilot.pause()
        (toast,) = app.screen.query(Toast)
        # Whole, on screen, its text (inside one row of padding) above the footer.
        footer = app.screen.query_one(KeyBar)
        assert toast.region.height == toast.outer_size.height and toast.region.y >= 0
        assert toast.region.bottom - 1 <= footer.region.y
        (notice,) = app._notifications
        assert notice.title == "Settings file: 4 mistakes" and str(path) in notice.message
        for mistake in ("lead_in_s must be", "bell must be", "rest_s must be", "theme 'no-such"):
            assert mistake in notice.message


async def test_the_theme_mistake_names_a_few_themes_and_where_the_rest_are(catalog, store, clock):
    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "no-such-theme"\n')
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        (notice,) = app._notifications
        named = [name for name in app.available_themes if f" {name}," in notice.message]
        assert 2 <= len(named) <= 6 < len(app.available_themes), notice.message
        assert "settings" in notice.message and "ctrl+p" in notice.message
