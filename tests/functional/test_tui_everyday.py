"""Everyday use at 80×24: the quick timer's form whole, help with the app's keys first, and
notices that neither cover the player nor drop a mistake."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Label

from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.quick_timer import QuickTimerScreen

SIZE = (80, 24)


def fully_visible(widget) -> bool:
    """On screen, whole, and not scrolled out of its container."""
    region = widget.region
    screen_region = widget.screen.region
    return (
        region.height > 0
        and screen_region.contains_region(region)
        and all(
            ancestor.region.contains_region(region)
            for ancestor in widget.ancestors
            if hasattr(ancestor, "region") and ancestor is not widget.app
        )
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
