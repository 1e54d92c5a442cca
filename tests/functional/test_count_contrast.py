"""The big countdown is readable in every theme the settings offer: the digits' colour against
the background they are drawn on, as the widget's resolved styles give them, has a WCAG contrast
ratio of at least 4.5 during a hold, in its flash and paused, in the focus view. Reduced motion
still turns the flash off."""

from __future__ import annotations

from pathlib import Path

from textual.color import Color

from rehab_tui.domain.clock import FakeClock
from rehab_tui.storage.config import Config
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.widgets.big_count import BigCount

LEAD_IN_AND_INTO_HOLD = 5 + 7.5  # the get-ready, then 7.5 s into the first hold
MIN_CONTRAST = 4.5  # WCAG AA for normal text; the digits are far larger than that


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def contrast(one: Color, other: Color) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_ratio_is_wcags():
    assert round(contrast(Color(0, 0, 0), Color(255, 255, 255)), 2) == 21.0
    assert round(contrast(Color(0x76, 0x76, 0x76), Color(255, 255, 255)), 2) == 4.54


def digits_contrast(count: BigCount) -> float | None:
    """The digits' contrast on what is behind them, in the style the widget draws them with
    (its colour blended over the background of the panel and the screen behind it); None for
    the terminal's own default pair (an ANSI theme draws with the colours the terminal is set
    to, which the app cannot see)."""
    style = count.rich_style
    assert style.color is not None and style.bgcolor is not None
    if style.color.is_default and style.bgcolor.is_default:
        return None
    color, background = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
    return contrast(color, background)


async def test_the_countdown_digits_are_readable_in_every_theme(catalog, store):
    clock = FakeClock()
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # today's session from home
        player = app.screen
        clock.advance(LEAD_IN_AND_INTO_HOLD)
        player.update_now()
        stage, count = player.query_one("#stage"), player.query_one("#count", BigCount)
        assert stage.has_class("-hold") and count.value  # counting down a hold
        themes = sorted(app.available_themes)  # what the settings screen offers
        assert len(themes) > 10
        await pilot.press("f")  # the focus view (its panel has the same colours as the player's)
        assert player.has_class("-focus")
        lowest: dict[str, float] = {}
        for theme in themes:
            app.theme = theme
            for extra in ((), ("-flash",), ("-paused",)):  # the panel's classes, as the player's
                stage.add_class(*extra)
                await pilot.pause()
                ratio = digits_contrast(count)
                if ratio is not None:
                    lowest[theme] = min(ratio, lowest.get(theme, ratio))
                stage.remove_class(*extra)
        assert stage.has_class("-hold") and len(lowest) >= len(themes) - 2  # all but ANSI's
        failures = [
            f"{name}: {ratio:.2f}" for name, ratio in lowest.items() if ratio < MIN_CONTRAST
        ]
    assert not failures, failures


async def test_reduced_motion_still_turns_the_flash_off(catalog, store, tmp_path: Path):
    config = Config(tmp_path / "config.toml")
    config.values["reduced_motion"] = True
    clock = FakeClock()
    app = RehabApp(catalog, store, clock, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        player = app.screen
        clock.advance(LEAD_IN_AND_INTO_HOLD)  # a phase change: get ready -> hold
        player.update_now()
        await pilot.press("f")  # the focus view: only the phase and the count
        await pilot.pause()
        stage = player.query_one("#stage")
        assert stage.has_class("-hold") and not stage.has_class("-flash")
        assert app.animation_level == "none" and player.has_class("-focus")
