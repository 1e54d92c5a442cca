"""The settings screen's rows for the capacity gate (heel raises a side, the weaker side's
share) and weights at home: changed by keyboard like the other profile rows, saved at once."""

from __future__ import annotations

from textual.widgets import Select

from rehab_tui.services.planning import load_profile
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.settings import SettingsScreen

SIZE = (80, 24)


async def press(pilot, *keys: str) -> None:
    """Each key once the screen has caught up with the last (a list opens in an overlay)."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_the_gate_and_weights_change_by_keyboard(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert screen.query_one("#limits", Select).has_focus
        await pilot.press("tab", "tab", "tab")  # tendinopathy, baseline, then the floor
        assert screen.query_one("#heel_raise_floor", Select).has_focus
        await press(pilot, "enter", "down", "enter")  # 20 -> 25
        await press(pilot, "tab", "enter", "up", "enter")  # 90 % -> 85 %
        await press(pilot, "tab", "enter", "down", "enter")  # weights: yes -> no
        profile = load_profile(store)
        assert (profile.heel_raise_floor, profile.symmetry_pct, profile.weights) == (25, 85, False)
        assert profile.limits == "strict" and profile.tendinopathy == "midportion"


async def test_a_value_set_from_setup_is_shown_in_the_rows_words(mini_catalog, store, clock):
    store.set_setting(
        "profile", {"tendinopathy": "midportion", "heel_raise_floor": 23, "symmetry_pct": 92}
    )
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        floor = app.screen.query_one("#heel_raise_floor", Select)
        symmetry = app.screen.query_one("#symmetry_pct", Select)
        assert floor.value == 23 and symmetry.value == 92
        assert ("23 a side", 23) in floor._options
        assert ("92 % of the other side", 92) in symmetry._options
        await pilot.press("escape")
    profile = load_profile(store)
    assert (profile.heel_raise_floor, profile.symmetry_pct) == (23, 92)  # unchanged by opening
