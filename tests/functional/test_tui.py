"""The app driven like a user would, with a fake clock: no test waits for a real countdown."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Digits, Label

from rehab_tui.domain.pain import DEFAULT_LIMITS
from rehab_tui.storage import locations
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.confirm import ConfirmScreen
from rehab_tui.tui.dialogs.help import HelpScreen, key_table
from rehab_tui.tui.dialogs.resume import ResumeScreen
from rehab_tui.tui.screens.home import HomeScreen
from rehab_tui.tui.screens.pain import PainScreen
from rehab_tui.tui.screens.player import PlayerScreen
from rehab_tui.tui.screens.summary import SummaryScreen
from rehab_tui.tui.widgets.pain_scale import PainScale

SIZE = (80, 24)


def shown(app) -> tuple[str, str]:
    """The big label and the big number the user sees."""
    screen = app.screen
    label = str(screen.query_one("#phase", Label).content)
    return label, screen.query_one("#count", Digits).value


async def advance(pilot, clock, seconds: float) -> None:
    clock.advance(seconds)
    pilot.app.screen.update_now()
    await pilot.pause()


async def saved(app, store):
    await app.workers.wait_for_complete()
    return store.active_session() or next(store.sessions())


async def test_a_whole_session_from_home_to_summary(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, PlayerScreen)
        assert shown(app) == ("GET READY", "5")
        await advance(pilot, clock, 4.2)
        assert shown(app) == ("GET READY", "1")
        await advance(pilot, clock, 0.8)
        assert shown(app) == ("HOLD", "20")
        await advance(pilot, clock, 19.95)
        assert shown(app) == ("HOLD", "1")
        await advance(pilot, clock, 0.05)
        assert shown(app) == ("REST", "30")
        session = await saved(app, store)
        assert session["exercises"][0]["sets"][0]["done"] == 20.0
        await advance(pilot, clock, 30 + 5 + 20 + 30 + 5)  # set 2, its rest, tempo lead-in
        assert shown(app) == ("UP", "1")
        await advance(pilot, clock, 1.0)
        assert shown(app) == ("LOWER", "3")
        assert "Rep 1 of 2" in str(app.screen.query_one("#tempo").content)
        await advance(pilot, clock, 9.0 + 30 + 5)  # the rest of the tempo set, rest, lead-in
        assert shown(app) == ("GO", "5")
        await pilot.press("down", "d")
        assert shown(app) == ("SWITCH SIDES", "5")
        await advance(pilot, clock, 5)
        await pilot.press("d")
        assert isinstance(app.screen, PainScreen)
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = str(app.screen.query_one("#summary-head").content)
        assert "Session complete" in text and "2/10" in text
    session = next(store.sessions())
    assert session["completed"] is True and session["pain"] == 2 and session["ended_at"]
    assert store.active_session() is None
    sets = [[(s["side"], s["done"]) for s in e["sets"]] for e in session["exercises"]]
    assert sets == [[(None, 20.0), (None, 20.0)], [(None, 2.0)], [("left", 4.0), ("right", 5.0)]]


async def test_pausing_10_s_mid_hold_keeps_the_full_hold(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 5 + 7.5)
        await pilot.press("space")
        await advance(pilot, clock, 10.0)
        assert shown(app) == ("PAUSED · HOLD", "13")
        await pilot.press("space")
        await advance(pilot, clock, 12.45)
        assert shown(app) == ("HOLD", "1")
        await advance(pilot, clock, 0.05)
        assert shown(app) == ("REST", "30")
        session = await saved(app, store)
        first = session["exercises"][0]["sets"][0]
        assert first["done"] == 20.0 and first["paused_s"] == 10.0


async def test_next_and_back(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "n")
        assert shown(app) == ("HOLD", "20")
        await advance(pilot, clock, 6)
        await pilot.press("n")
        assert shown(app) == ("REST", "30")
        session = await saved(app, store)
        assert session["exercises"][0]["sets"][0] == {
            **session["exercises"][0]["sets"][0],
            "done": 6.0,
            "skipped": True,
        }
        await pilot.press("b")  # back from the rest: the hold again, after its get-ready
        assert shown(app) == ("GET READY", "5")
        await advance(pilot, clock, 5)
        assert shown(app) == ("HOLD", "20")
        await advance(pilot, clock, 20)
        session = await saved(app, store)
        assert session["exercises"][0]["sets"][0]["done"] == 20.0  # the redone set replaced it


async def test_modals_pause_the_hold(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 5 + 3)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        clock.advance(60)
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app) == ("HOLD", "17")
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        clock.advance(60)
        await pilot.press("n")
        await pilot.pause()
        assert shown(app) == ("HOLD", "17")


async def test_end_early_keeps_what_was_done(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 25)
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, PainScreen)
        await pilot.press("right", "right", "right", "tab")
        await pilot.press(*"sore at set 2", "enter")
        await pilot.pause()
        assert "Session ended early" in str(app.screen.query_one("#summary-head").content)
    session = next(store.sessions())
    assert session["completed"] is False and session["pain"] == 3
    assert session["note"] == "sore at set 2"
    assert len(session["exercises"][0]["sets"]) == 1


async def test_a_session_left_open_is_offered_for_resuming(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 5 + 20 + 10)
        await app.workers.wait_for_complete()
    # The terminal closed mid-rest: the next start offers to resume at set 2.
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert shown(app) == ("GET READY", "5")
        assert "Set 2 of 2" in str(app.screen.query_one("#set-info", Label).content)


async def test_a_session_left_open_can_be_closed_out(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 5 + 20)
        await app.workers.wait_for_complete()
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PainScreen)
        await pilot.press("1", "enter")
        await pilot.pause()
    session = next(store.sessions())
    assert session["pain"] == 1 and session["completed"] is False
    assert store.active_session() is None


async def test_pain_scale_reaches_10_and_stays_in_range(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PainScreen("20260303-080000-abcdef", DEFAULT_LIMITS))
        await pilot.pause()
        scale = app.screen.query_one(PainScale)
        await pilot.press("9", "right", "right", "right")
        assert scale.value == 10
        await pilot.press("0", "left")
        assert scale.value == 0


async def test_every_player_key_is_in_help_and_the_palette(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        player = app.screen
        titles = {command.title for command in app.get_system_commands(player)}
        for description in ("Pause", "Next", "Back", "Sound", "End", "Help"):
            assert description in titles
        console = Console(width=80, record=True, file=io.StringIO())
        console.print(key_table(player))
        text = console.export_text()
        for line in ("space", "Pause", "n", "Next", "b", "Back", "q", "End", "?", "Help"):
            assert line in text


async def test_mute_is_remembered(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
    assert "bell = false" in locations.config_file().read_text()
    assert RehabApp(mini_catalog, store, clock).config["bell"] is False
