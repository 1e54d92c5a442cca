"""Preferences, the settings screen, themes, spoken cues and remapped keys."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys

import pytest
from rich.console import Console
from textual.color import Color
from textual.widgets import Select, Switch

from rehab_tui.domain.cues import spoken_words
from rehab_tui.domain.pain import DEFAULT_LIMITS, PainZone
from rehab_tui.domain.timeline import StepKind, build_timeline, state_at
from rehab_tui.services.planning import load_profile
from rehab_tui.storage import locations
from rehab_tui.storage.config import BY_KEY, SETTINGS, Config
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.help import key_table
from rehab_tui.tui.screens.history import HistoryScreen
from rehab_tui.tui.screens.home import HomeScreen
from rehab_tui.tui.screens.settings import SettingsScreen
from rehab_tui.tui.speech import Speaker
from rehab_tui.tui.widgets.key_bar import KeyBar
from rehab_tui.tui.widgets.pain_scale import zone_colour

SIZE = (80, 24)


def write_config(text: str):
    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# -- the config file --------------------------------------------------------------------


def test_no_file_means_every_default():
    config = Config.load(locations.config_file())
    assert config.values == {s.key: s.default for s in SETTINGS} and config.problems == []


@pytest.fixture
def toml_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import tomllib

    seen: list[str] = []
    real = tomllib.loads

    def counting(text: str, **kwargs):
        seen.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(tomllib, "loads", counting)
    return seen


def test_a_file_read_as_before_is_taken_as_last_parsed(toml_parses):
    path = write_config('theme = "nord"\nlead_in_s = 7\n[keys]\n"home.history" = "y"\n')
    first = Config.load(path, locations.cache_dir())
    again = Config.load(path, locations.cache_dir())
    assert len(toml_parses) == 1
    assert again.values == first.values and again["theme"] == "nord" and again["lead_in_s"] == 7
    assert again.keys == {"home.history": "y"} and again.problems == first.problems == []
    assert again.set("bell", False) is None  # the file as read is what a change is made to
    assert 'theme = "nord"' in path.read_text() and "bell = false" in path.read_text()
    changed = Config.load(path, locations.cache_dir())
    assert len(toml_parses) == 2 and changed["bell"] is False and changed["theme"] == "nord"


def test_a_kept_copy_in_doubt_or_a_file_in_error_is_parsed_each_time(toml_parses):
    path = write_config("lead_in_s = 7\n")
    Config.load(path, locations.cache_dir())
    (locations.cache_dir() / "config-toml.pickle").write_bytes(b"not a pickle")
    assert Config.load(path, locations.cache_dir())["lead_in_s"] == 7
    assert len(toml_parses) == 2
    path.write_text("lead_in_s = \n")
    for _ in range(2):
        config = Config.load(path, locations.cache_dir())
        assert config["lead_in_s"] == 5 and "not valid TOML" in config.problems[0]
    assert len(toml_parses) == 4


def test_each_mistake_is_named_and_that_key_falls_back():
    path = write_config(
        'lead_in_s = "ten"\nbell = "yes"\nrest_s = 5\nlead_in = 3\n'
        'theme = "nord"\n[keys]\n"home.history" = 7\n'
    )
    config = Config.load(path)
    assert config["lead_in_s"] == 5 and config["bell"] is True and config["rest_s"] == 0
    assert config["theme"] == "nord"
    text = "\n".join(config.problems)
    assert f'{path}: lead_in_s must be a whole number from 3 to 30, got "ten"; using 5' in text
    assert 'bell must be one of true, false, got "yes"' in text
    assert "rest_s must be a whole number from 10 to 600, or 0 for as planned, got 5" in text
    assert "unknown key 'lead_in' is ignored" in text
    assert "keys.home.history must be a key in quotes" in text
    assert len(config.problems) == 5


def test_a_file_that_is_not_toml_is_never_overwritten():
    path = write_config("lead_in_s = 5\nbell = \n")
    before = path.read_bytes()
    config = Config.load(path)
    assert "not valid TOML" in config.problems[0] and "line 2" in config.problems[0]
    assert "not changed" in config.set("bell", False)
    assert path.read_bytes() == before and config["bell"] is False  # for this run only


def test_a_change_is_saved_at_once_privately_and_keeps_the_users_own_lines():
    path = write_config(
        'theme = "nord"\nmy_note = "from the physio"\n[keys]\n"home.history" = "y"\n'
    )
    config = Config.load(path)
    assert config.set("lead_in_s", 10) is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700 or path.parent.exists()
    again = Config.load(path)
    assert again["lead_in_s"] == 10 and again["theme"] == "nord"
    assert again.keys == {"home.history": "y"}
    assert 'my_note = "from the physio"' in path.read_text()


def test_a_saved_change_keeps_the_users_comments_and_layout():
    text = (
        "# Mine: quieter in the evening\n"
        "bell = true  # the flat is small\n"
        "\n"
        "# from the physio\n"
        "my_note = 'twice a day'\n"
        "[keys]\n"
        '# y is easier for me\n"home.history" = "y"\n'
    )
    path = write_config(text)
    config = Config.load(path)
    assert config.set("bell", False) is None
    assert config.set("lead_in_s", 10) is None
    saved = [line for line in path.read_text().splitlines() if line]
    expected = [line for line in text.replace("bell = true", "bell = false").splitlines() if line]
    assert [line for line in saved if line in expected] == expected, "every line kept, in order"
    assert "lead_in_s = 10" in saved
    again = Config.load(path)
    assert (
        again["bell"] is False
        and again["lead_in_s"] == 10
        and again.problems
        == [f"{path}: unknown key 'my_note' is ignored (the keys are: {', '.join(BY_KEY)})"]
    )


def test_a_new_file_explains_every_preference():
    config = Config.load(locations.config_file())
    assert config.set("bell", False) is None
    text = locations.config_file().read_text()
    assert "bell = false" in text
    assert all(f"# {setting.comment}" in text for setting in SETTINGS)


# (case, config.toml text): files the app must start beside, on the defaults, saying why
UNREADABLE_PREFERENCES = [
    ("a 5,000-digit number", "lead_in_s = " + "9" * 5000 + "\n", "a number far too long"),
    ("an array nested 100,000 deep", "x = " + "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("a FIFO", None, "a device or a pipe"),
]


@pytest.mark.parametrize(
    ("case", "text", "expected"), UNREADABLE_PREFERENCES, ids=[c[0] for c in UNREADABLE_PREFERENCES]
)
async def test_a_preferences_file_that_cannot_be_read_never_stops_the_app(
    mini_catalog, store, clock, monkeypatch, case, text, expected
):
    path = locations.config_file()
    path.parent.mkdir(parents=True)
    if text is None:
        os.mkfifo(path)  # no writer: opening it to read would block for good
    else:
        path.write_text(text)
    said: list[str] = []
    monkeypatch.setattr(RehabApp, "notify", lambda self, message, **kw: said.append(message))
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.config.values == {s.key: s.default for s in SETTINGS}
        await pilot.press("m")  # a change: kept for this run, the file left as it is
    assert next(m for m in said if str(path) in m).startswith(f"{path}: ")
    assert any(expected in message for message in said), said
    if text is not None:
        assert path.read_text() == text


def test_a_value_outside_the_choices_is_refused_before_saving():
    config = Config.load(locations.config_file())
    with pytest.raises(ValueError):
        config.set("lead_in_s", 2)
    assert not locations.config_file().exists()


# -- the app with its preferences ------------------------------------------------------


async def test_a_mistake_in_the_file_is_said_and_the_app_still_starts(
    mini_catalog, store, clock, monkeypatch
):
    write_config('lead_in_s = "ten"\ntheme = "no-such-theme"\n')
    said: list[str] = []
    monkeypatch.setattr(RehabApp, "notify", lambda self, message, **kw: said.append(message))
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.theme == "textual-dark"
        assert app.timeline_of(mini_catalog.ladder[0].exercises, "plan").steps[0].duration == 5
    assert any("lead_in_s must be" in message for message in said)
    assert any("theme 'no-such-theme' is not one of" in message for message in said)


async def test_theme_limits_and_bell_changed_in_settings_are_kept_after_a_restart(
    mini_catalog, store, clock
):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#theme", Select).value = "textual-light"
        app.screen.query_one("#limits", Select).value = "silbernagel"
        app.screen.query_one("#lead_in_s", Select).value = 10
        await pilot.pause()
        app.screen.query_one("#bell", Switch).focus()
        await pilot.press("enter")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("q")
    again = RehabApp(mini_catalog, store, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"
        assert again.config["bell"] is False and again.config["lead_in_s"] == 10
    assert load_profile(store).limits == "silbernagel"


async def test_a_theme_chosen_from_the_palette_is_remembered(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert 'theme = "nord"' in locations.config_file().read_text()


async def test_the_timing_preferences_shape_the_plans_sessions(mini_catalog, store, clock):
    write_config("lead_in_s = 10\nrest_s = 90\n")
    app = RehabApp(mini_catalog, store, clock)
    exercises = mini_catalog.ladder[0].exercises
    planned = app.timeline_of(exercises, "plan")
    assert planned.steps[0].duration == 10
    rests = [s.duration for s in planned.steps if s.kind is StepKind.REST]
    assert rests and set(rests) == {90}
    routine = app.timeline_of(exercises, "routine")  # a physio's rests stay as given
    assert {s.duration for s in routine.steps if s.kind is StepKind.REST} != {90}


def test_no_color_is_respected(mini_catalog, store, clock, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert RehabApp(mini_catalog, store, clock).no_color


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance."""
    channels = [c / 255 for c in color.rgb]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


async def test_pain_zones_are_readable_in_every_built_in_theme(mini_catalog, store, clock):
    """Each zone's colour against the theme's background: at least 3:1 (WCAG, large text)."""
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        for theme in sorted(app.available_themes):
            if theme.startswith("ansi-"):
                continue  # colours are the terminal's own palette, which the app cannot know
            app.theme = theme
            await pilot.pause()
            background = Color.parse(app.theme_variables["background"])
            for zone in PainZone:
                ratio = contrast(Color.parse(zone_colour(app.theme_variables, zone)), background)
                assert ratio >= 3, f"{zone} in {theme}: {ratio:.2f}"


# -- spoken cues ---------------------------------------------------------------------


class FakeSpeaker:
    program = "fake"

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, words: str) -> None:
        self.said.append(words)


def test_the_words_of_a_hold_set(catalog):
    timeline = build_timeline(catalog.ladder[0].exercises[:1], limits=DEFAULT_LIMITS)
    lead_in, hold = timeline.steps[0], timeline.steps[1]
    assert spoken_words(lead_in, state_at(timeline, 0, 0)) == "get ready"
    assert spoken_words(lead_in, state_at(timeline, 0, 2.5)) == "three"
    assert spoken_words(hold, state_at(timeline, 1, 0)) == "hold"
    assert spoken_words(hold, state_at(timeline, 1, hold.duration - 0.5)) == "one"


async def test_the_player_speaks_each_cue_once_without_waiting(mini_catalog, store, clock):
    speaker = FakeSpeaker()
    write_config("speech = true\n")
    app = RehabApp(mini_catalog, store, clock, speaker=speaker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        for _ in range(30):
            clock.advance(1)
            app.screen.update_now()
            await pilot.pause()
    assert speaker.said[:5] == ["get ready", "three", "two", "one", "hold"]
    assert speaker.said[5:9] == ["three", "two", "one", "rest"]


async def test_spoken_cues_are_off_by_default(mini_catalog, store, clock):
    speaker = FakeSpeaker()
    app = RehabApp(mini_catalog, store, clock, speaker=speaker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        clock.advance(6)
        app.screen.update_now()
        await pilot.pause()
    assert speaker.said == []


def test_the_speaker_returns_while_the_voice_is_still_going(tmp_path):
    voice = tmp_path / "voice"
    voice.write_text("#!/bin/sh\nsleep 5\n")
    voice.chmod(0o755)
    speaker = Speaker((str(voice),))
    speaker.say("hold")
    running = speaker._speaking
    assert running is not None and running.poll() is None  # not awaited
    speaker.say("rest")  # a newer cue cuts the old one off
    assert running.wait(timeout=5) != 0
    speaker._speaking.kill()


async def test_settings_say_how_to_get_a_voice_where_there_is_none(
    mini_catalog, store, clock, monkeypatch
):
    monkeypatch.setattr("rehab_tui.tui.cues.find_speech_program", lambda: None)
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        note = str(app.screen.query_one("#speech-note").content)
        assert "espeak-ng" in note and "install" in note


# -- keys ----------------------------------------------------------------------------


async def test_a_remapped_key_works_and_shows_in_the_footer_and_help(mini_catalog, store, clock):
    write_config('[keys]\n"home.history" = "y"\n')
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer_keys = {key.key for key in app.screen.query_one(KeyBar).shown_keys()}
        assert " y History " in f" {app.screen.query_one(KeyBar).render().plain} "
        assert "y" in footer_keys and "h" not in footer_keys
        console = Console(width=80, record=True, file=io.StringIO())
        console.print(key_table(app.screen))
        assert any(
            line.split()[:2] == ["y", "History"] for line in console.export_text().splitlines()
        )
        await pilot.press("h")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("y")
        assert isinstance(app.screen, HistoryScreen)


async def test_an_unknown_key_name_is_named(mini_catalog, store, clock, monkeypatch):
    write_config('[keys]\n"home.histroy" = "y"\n')
    said: list[str] = []
    monkeypatch.setattr(RehabApp, "notify", lambda self, message, **kw: said.append(message))
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert any("keys.home.histroy: no key has this name" in message for message in said)


async def test_a_remap_onto_a_key_the_screen_already_uses_is_refused_and_named(
    mini_catalog, store, clock, monkeypatch
):
    write_config('[keys]\n"player.toggle_pause" = "n"\n"home.history" = "y"\n')
    said: list[str] = []
    monkeypatch.setattr(RehabApp, "notify", lambda self, message, **kw: said.append(message))
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        # Textual has no public reader of the keymap in use.
        assert dict(app._keymap) == {"home.history": "y"}  # the clash is dropped, the rest kept
    named = [m for m in said if "keys.player.toggle_pause" in m]
    assert named and "n is already 'Next' here (player.next_step)" in named[0]


async def test_the_paused_panel_names_the_remapped_resume_key(mini_catalog, store, clock):
    from textual.widgets import Label

    write_config('[keys]\n"player.toggle_pause" = "p"\n')
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        clock.advance(7)
        app.screen.update_now()
        await pilot.press("p")
        await pilot.pause()
        assert str(app.screen.query_one("#detail", Label).content) == "Press p to resume"


def test_swapping_two_keys_is_no_clash():
    from rehab_tui.tui.app import RehabApp as App
    from rehab_tui.tui.keys import keymap_conflicts

    swap = {"player.toggle_pause": "n", "player.next_step": "space"}
    assert keymap_conflicts(App, swap) == {}
    assert "player.toggle_pause" in keymap_conflicts(App, {"player.toggle_pause": "n"})


def test_the_keys_command_lists_every_name():
    done = subprocess.run(
        [sys.executable, "-m", "rehab_tui", "keys"], capture_output=True, text=True, check=True
    )
    names = ("home.history", "player.toggle_pause", "settings.back", "pain_scale.more")
    dialogs = ("confirm.answer_true", "score.cancel", "red_flag.close", "routines.follow")
    for name in names + dialogs:
        assert name in done.stdout
