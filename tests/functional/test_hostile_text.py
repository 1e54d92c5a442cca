"""Text from a user or a file is shown as plain text: no control character reaches the terminal
(or an export), and no name is read as Rich markup.

A note or an imported exercise name can hold `ESC ] 2 ; ... BEL` (it retitles the terminal),
`ESC [ 2 J` (it clears it) or the one-character C1 CSI; a routine or exercise named `[/] Physio`
or `[/b] Hold` passes `validate` and `routines`, and must not end the app with a MarkupError.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rehab_tui.cli.main import main
from rehab_tui.storage import locations
from rehab_tui.storage.catalog import load_catalog
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.routines import RoutinesScreen
from rehab_tui.tui.screens.history import HistoryScreen
from rehab_tui.tui.screens.player import PlayerScreen
from rehab_tui.tui.screens.session_detail import SessionDetailScreen
from rehab_tui.tui.screens.summary import SummaryScreen

MINI = Path(__file__).parents[1] / "data" / "mini.yaml"
NOTE = "\x1b]2;PWNED\x07 sore \x1b[2J heel \x9b31m"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what a terminal acts on (not \n, \t)
SIZE = (100, 30)


def on_screen(app: RehabApp) -> str:
    """Everything the screen shows (as the SVG a screenshot is), spaces as spaces."""
    return app.export_screenshot().replace("&#160;", " ")


def no_control(text: str) -> bool:
    return CONTROL.search(text) is None


@pytest.fixture
def noted(private_dirs, capsys) -> Path:
    assert main(["log", "--pain", "2", "--date", "2026-03-03", "--note", NOTE]) == 0
    capsys.readouterr()
    return private_dirs


def test_history_shows_no_control_character(noted, capsys):
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "PWNED" in out and no_control(out)
    assert main(["history", "--json"]) == 0
    out = capsys.readouterr().out
    assert no_control(out), "C1 and DEL are written as \\u escapes"
    assert json.loads(out)["sessions"][0]["note"] == NOTE, "the data itself is unchanged"


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "html"])
def test_exports_hold_no_control_character(noted, capsys, tmp_path, fmt):
    path = tmp_path / f"export.{fmt}"
    assert main(["export", "--format", fmt, "-o", str(path)]) == 0
    assert main(["export", "--format", fmt]) == 0
    text = path.read_text(encoding="utf-8")
    assert "PWNED" in text and no_control(text)
    assert no_control(capsys.readouterr().out)
    if fmt == "json":
        assert json.loads(text)["sessions"][0]["note"] == NOTE


def hostile_catalog(tmp_path: Path) -> Path:
    """The mini exercise file with markup and escape sequences in its names."""
    text = (
        MINI.read_text()
        .replace("name: Test hold", 'name: "[/b] Hold \\e]2;PWNED\\a"')
        .replace("how_to: Rise onto your toes and hold.", 'how_to: "[dim]Rise \\e[2J up"')
        .replace("cues: [Breathe]", 'cues: ["[/]", "Breathe \\x9b1m"]')
        .replace("name: Test stage", 'name: "[/] Stage \\e[2J"')
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text)
    return path


ROUTINES = """\
routines:
  - name: "[/] Physio \\e]2;PWNED\\a"
    note: "[b]Twice a day \\e[2J"
    exercises:
      - use: hold-a
"""


def test_names_from_files_are_plain_on_the_command_line(private_dirs, capsys, tmp_path):
    path = hostile_catalog(tmp_path)
    assert main(["validate", str(path)]) == 0
    assert main(["--exercises", str(path), "plan"]) == 0
    out = capsys.readouterr().out
    assert "[/b] Hold" in out and "[/] Stage" in out and no_control(out)
    routines = locations.routines_file()
    routines.parent.mkdir(parents=True)
    routines.write_text(ROUTINES)
    assert main(["--exercises", str(path), "routines"]) == 0
    out = capsys.readouterr().out
    assert "[/] Physio" in out and "[b]Twice a day" in out and no_control(out)
    assert main(["--exercises", str(path), "routines", "--follow", "nope"]) == 1
    err = capsys.readouterr().err
    assert "[/] Physio" in err and no_control(err) and len(err.splitlines()) == 1


async def test_history_and_session_detail_show_the_note_without_control_characters(
    noted, catalog, clock
):
    from rehab_tui.storage.store import Store

    with Store(noted) as store:
        store.acquire_writer_lock()
        store.set_setting("profile", {"tendinopathy": "midportion", "baseline": 0})
        app = RehabApp(catalog, store, clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("h")  # history, from home
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            shown = on_screen(app)
            assert "PWNED" in shown and no_control(shown)
            await pilot.press("enter")
            assert isinstance(app.screen, SessionDetailScreen)
            shown = on_screen(app)
            assert "PWNED" in shown and no_control(shown)


async def test_markup_in_exercise_names_is_shown_as_written(store, clock, tmp_path):
    catalog = load_catalog(hostile_catalog(tmp_path))
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, PlayerScreen), "the player shows; the app did not exit"
        shown = on_screen(app)
        assert "[/b]" in shown and "[dim]Rise" in shown and no_control(shown)
        await pilot.press("q", "y")  # end the session early
        await pilot.pause()
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = on_screen(app)
        assert "[/b]" in shown and no_control(shown)
    assert app.return_code in (None, 0), "the app was not ended by a MarkupError"


async def test_markup_in_a_routine_name_is_shown_as_written(store, clock, tmp_path):
    catalog = load_catalog(hostile_catalog(tmp_path))
    routines = locations.routines_file()
    routines.parent.mkdir(parents=True)
    routines.write_text(ROUTINES)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, RoutinesScreen)
        shown = on_screen(app)
        assert "[/] Physio" in shown and no_control(shown)
        await pilot.press("enter")
        assert isinstance(app.screen, PlayerScreen)
        await pilot.press("escape")
    assert app.return_code in (None, 0), "the app was not ended by a MarkupError"
    assert store.active_session()["routine"] == "[/] Physio \x1b]2;PWNED\x07"
