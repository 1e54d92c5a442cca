"""The player's smaller promises, driven like a user would with a fake clock: ending mid-hold
keeps the part held, back from a rest gives the hold its get-ready again, the heel-raise test's
count can be corrected and its first side is shown before switching, the footer says Resume
while paused, and the summary explains its star only when a set has one."""

from __future__ import annotations

from textual.widgets import Digits, Label
from textual.widgets._footer import FooterKey

from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.pain import PainScreen
from rehab_tui.tui.screens.player import PlayerScreen
from rehab_tui.tui.screens.summary import SummaryScreen

SIZE = (80, 24)


async def advance(pilot, clock, seconds: float) -> None:
    clock.advance(seconds)
    pilot.app.screen.update_now()
    await pilot.pause()


def shown(app) -> tuple[str, str, str]:
    """The phase word, the big number and the detail line."""
    screen = app.screen
    label = str(screen.query_one("#phase", Label).content)
    detail = str(screen.query_one("#detail", Label).content)
    return label, screen.query_one("#count", Digits).value, detail


def footer_words(app) -> set[str]:
    return {active.binding.description for active in app.screen.active_bindings.values()}


def footer_drawn(app) -> str:
    """The footer's keys as drawn (relabelled in place, not rebuilt: player.py)."""
    return " ".join(str(key.render()) for key in app.screen.query(FooterKey))


async def end_and_rate(pilot) -> SummaryScreen:
    await pilot.press("q", "y")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PainScreen)
    await pilot.press("right", "enter")
    await pilot.pause()
    summary = pilot.app.screen
    assert isinstance(summary, SummaryScreen)
    return summary


def foot(summary: SummaryScreen) -> str:
    return str(summary.query_one("#summary-foot").content)


async def test_ending_mid_hold_keeps_the_part_held_and_explains_its_star(
    mini_catalog, store, clock
):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 5 + 12.34)
        summary = await end_and_rate(pilot)
        await app.workers.wait_for_complete()
        assert "* set ended early ·" in foot(summary)
    session = next(store.sessions())
    (held,) = session["exercises"][0]["sets"]
    assert held["done"] == 12.3 and held["skipped"] is True


async def test_no_star_no_star_note(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 5 + 20 + 3)  # the first hold whole, into its rest
        summary = await end_and_rate(pilot)
        assert "ended early" not in foot(summary)
        assert "enter: back to the home screen" in foot(summary)


async def test_back_from_a_rest_gives_the_hold_its_get_ready(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 5 + 20 + 10)
        assert shown(app)[:2] == ("REST", "20")
        await pilot.press("b")
        assert shown(app)[:2] == ("GET READY", "5")
        await advance(pilot, clock, 5)
        assert shown(app)[:2] == ("HOLD", "20")


async def test_the_footer_says_resume_while_paused(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "Pause" in footer_words(app) and "Resume" not in footer_words(app)
        await pilot.press("space")
        await pilot.pause()
        assert "Resume" in footer_words(app) and "Pause" not in footer_words(app)
        assert "Resume" in footer_drawn(app) and "Pause" not in footer_drawn(app)
        await pilot.press("space")
        await pilot.pause()
        assert "Pause" in footer_words(app)
        assert "Pause" in footer_drawn(app) and "Resume" not in footer_drawn(app)


async def test_the_heel_raise_count_is_corrected_and_the_first_side_shown(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "1")  # the heel-raise test: each side, one rep per 2 s beat
        assert isinstance(app.screen, PlayerScreen)
        await advance(pilot, clock, 5 + 2 * 20 + 0.5)
        assert shown(app)[1] == "20"
        await pilot.press("up", "up")
        assert shown(app)[1] == "22"
        await pilot.press("down")
        assert shown(app)[1] == "21"
        await advance(pilot, clock, 2)  # the metronome counts on from the corrected count
        assert shown(app)[1] == "22"
        await pilot.press("d")
        label, _, detail = shown(app)
        assert label == "SWITCH SIDES" and detail.startswith("Left leg: 22 reps")
        await app.workers.wait_for_complete()
    session = store.active_session()
    assert session is not None
    assert session["exercises"][0]["sets"][0]["done"] == 22


async def test_a_dialog_over_a_running_hold_leaves_the_footer_saying_pause(
    mini_catalog, store, clock
):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        player = app.screen
        await pilot.press("question_mark")  # the help pauses the hold; closing it resumes
        await pilot.pause()
        assert "Pause" in {a.binding.description for a in player.active_bindings.values()}
        await pilot.press("escape", "space", "question_mark")  # paused by the user first
        await pilot.pause()
        assert "Resume" in {a.binding.description for a in player.active_bindings.values()}
