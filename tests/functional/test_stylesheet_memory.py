"""The app's stylesheet remembers what it parsed (rehab_tui/tui/stylesheet.py): the rules are
those a plain Textual stylesheet makes, in every theme, and app.tcss is parsed once at start;
what a run parsed is kept in the cache folder for the next, which parses nothing."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

from rehab_tui.storage import locations
from rehab_tui.tui import stylesheet as remembering
from rehab_tui.tui.app import RehabApp

APP_TCSS = str(Path(remembering.__file__).with_name("app.tcss"))


def rules_of(stylesheet: Stylesheet) -> list[tuple[str, str, bool, int]]:
    """Each rule's selectors, declarations and precedence, comparable across stylesheets."""
    return [
        (
            repr(rule.selector_set),
            repr(sorted(rule.styles.get_rules().items())),
            rule.is_default_rules,
            rule.tie_breaker,
        )
        for rule in stylesheet.rules
    ]


def plain_rules(app: RehabApp) -> list[tuple[str, str, bool, int]]:
    """What Textual's own Stylesheet makes of the app's sources, with the same variables."""
    plain = Stylesheet(variables=app.stylesheet._variables)
    for read_from, (css, is_default, tie_breaker, scope) in app.stylesheet.source.items():
        plain.add_source(
            css,
            read_from=read_from,
            is_default_css=is_default,
            tie_breaker=tie_breaker,
            scope=scope,
        )
    plain.parse()
    return rules_of(plain)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources really parsed (not taken from memory), by their file or class."""
    seen: list[str] = []
    real = Stylesheet._parse_rules

    def counting(self, css, read_from, *args, **kwargs):
        seen.append(str(read_from[0]))
        return real(self, css, read_from, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "_parse_rules", counting)
    monkeypatch.setattr(remembering, "_RULES", type(remembering._RULES)(1024))
    return seen


async def test_app_tcss_is_parsed_once_at_start_and_the_rules_are_textuals(
    catalog, store, clock, parses
):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.stylesheet, remembering.RememberingStylesheet)
        assert parses.count(APP_TCSS) == 1
        assert rules_of(app.stylesheet) == plain_rules(app)


@pytest.mark.parametrize("theme", ["nord", "textual-light"])
async def test_a_theme_chosen_before_start_is_the_first_parse(
    catalog, store, clock, parses, theme, tmp_path
):
    config = tmp_path / "xdg-config" / "rehab-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'theme = "{theme}"\n')
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == theme
        assert parses.count(APP_TCSS) == 1
        assert rules_of(app.stylesheet) == plain_rules(app)


async def test_changing_theme_changes_the_colours_and_coming_back_reuses_the_parse(
    catalog, store, clock, parses
):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dark = rules_of(app.stylesheet)
        app.theme = "textual-light"
        await pilot.pause()
        light = rules_of(app.stylesheet)
        assert parses.count(APP_TCSS) == 2  # (plain_rules parses too: counted after)
        assert light != dark and light == plain_rules(app)
        app.theme = "textual-dark"
        await pilot.pause()
        assert rules_of(app.stylesheet) == dark
        assert parses.count(APP_TCSS) == 3


async def test_a_screen_s_own_rules_are_read_when_it_is_first_shown(catalog, store, clock):
    """Home's start parses app.tcss alone; history's rules come with history, the player's (as
    the player's widget defaults) with the first session."""
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        files = {Path(str(where)).name for where, _ in app.stylesheet.source}
        assert "app.tcss" in files and not {name for name in files if name != "app.tcss"} & {
            path.name for path in Path(APP_TCSS).parent.rglob("*.tcss")
        }
        assert not any("PlayerScreen" in str(where) for where in app.stylesheet.source)
        await pilot.press("h")
        await pilot.pause()
        assert "history.tcss" in {Path(str(where)).name for where, _ in app.stylesheet.source}
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert any("PlayerScreen" in str(where) for where in app.stylesheet.source)
        stage = app.screen.query_one("#stage")
        assert stage.styles.min_height is not None and stage.styles.min_height.value == 9


# -- the rules kept between runs (KeptRules) --------------------------------------------------


def kept_file() -> Path:
    return locations.cache_dir() / "stylesheet-rules.pickle"


async def run_home(catalog, store, clock) -> RehabApp:
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)  # past the first frame: what it parsed is kept then
    return app


def forget_this_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process starts: nothing parsed in memory."""
    monkeypatch.setattr(remembering, "_RULES", type(remembering._RULES)(1024))


async def test_the_next_start_parses_nothing_and_its_rules_are_textuals(
    catalog, store, clock, parses, monkeypatch
):
    await run_home(catalog, store, clock)
    assert parses.count(APP_TCSS) == 1 and kept_file().is_file()
    forget_this_run(monkeypatch)
    parses.clear()
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert parses == []
        assert rules_of(app.stylesheet) == plain_rules(app)


async def test_rules_parsed_after_the_first_frame_are_kept_at_the_end(
    catalog, store, clock, parses, monkeypatch
):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        await pilot.press("h")  # history's own rules, parsed now
        await pilot.pause()
    forget_this_run(monkeypatch)
    parses.clear()
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert not [source for source in parses if source.endswith("history.tcss")]
        assert rules_of(app.stylesheet) == plain_rules(app)


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"\x80\x05 not a pickle"),
        lambda path: path.write_bytes(path.read_bytes()[:-100]),  # cut short
        lambda path: path.write_bytes(pickle.dumps((("other", "code"), {}))),  # other Textual
        lambda path: path.write_bytes(pickle.dumps((pickle.loads(path.read_bytes())[0], []))),
    ],
)
async def test_a_kept_file_in_doubt_is_parsed_again_and_rewritten(
    catalog, store, clock, parses, monkeypatch, damage
):
    await run_home(catalog, store, clock)
    damage(kept_file())
    forget_this_run(monkeypatch)
    parses.clear()
    await run_home(catalog, store, clock)
    assert parses.count(APP_TCSS) == 1
    forget_this_run(monkeypatch)
    parses.clear()
    await run_home(catalog, store, clock)
    assert parses == []  # written whole again


@pytest.mark.parametrize("rules", [b"garbage", pickle.dumps([1, "two"]), pickle.dumps({})])
async def test_a_kept_sources_rules_that_are_not_rules_are_parsed(
    catalog, store, clock, parses, monkeypatch, rules
):
    await run_home(catalog, store, clock)
    key, kept = pickle.loads(kept_file().read_bytes())
    kept_file().write_bytes(pickle.dumps((key, dict.fromkeys(kept, rules))))
    forget_this_run(monkeypatch)
    parses.clear()
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert parses.count(APP_TCSS) == 1
        assert rules_of(app.stylesheet) == plain_rules(app)


async def test_textual_s_code_out_of_reach_only_means_parsing(
    catalog, store, clock, parses, monkeypatch, tmp_path
):
    """A Textual installed without its sources (a frozen app) has no version to key rules by."""
    import textual.css.model

    monkeypatch.setattr(textual.css.model, "__file__", str(tmp_path / "gone" / "model.py"))
    app = await run_home(catalog, store, clock)
    assert parses.count(APP_TCSS) == 1 and not kept_file().exists()
    assert rules_of(app.stylesheet) == plain_rules(app)


async def test_a_cache_folder_that_cannot_be_written_only_means_parsing(
    catalog, store, clock, parses, monkeypatch
):
    locations.cache_dir().parent.mkdir(parents=True, exist_ok=True)
    locations.cache_dir().write_text("a file where the folder would be")
    app = await run_home(catalog, store, clock)
    assert rules_of(app.stylesheet) == plain_rules(app)
