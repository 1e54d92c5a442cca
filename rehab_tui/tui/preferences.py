"""The preferences (rehab_tui.storage.config) as the app applies them: theme, layout, motion
and remapped keys at start, and every change saved at once.

A theme chosen anywhere (the settings screen, the command palette) is remembered; each mistake in
the preferences file (an unknown theme, a key name no binding has) is said once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import App
from textual.theme import Theme

from rehab_tui.domain.text import plural
from rehab_tui.storage.config import Config

# Named in the theme's mistake when they are installed; the settings screen lists every theme.
SUGGESTED_THEMES = ("textual-dark", "textual-light", "nord", "gruvbox", "dracula")


def theme_problem(theme: str, available: Iterable[str], using: str) -> str:
    """A few valid themes and where the full list is, not every one of them."""
    installed = sorted(available)
    names = [n for n in SUGGESTED_THEMES if n in installed and n != using] or installed[:4]
    return (
        f"theme {theme!r} is not one of Textual's themes; using {using}. Others: "
        f"{', '.join(names)}; every one: settings (s) or the palette (ctrl+p, Theme)"
    )


class Preferences:
    def __init__(self, app: App[Any], config: Config) -> None:
        """Made in the app's constructor: the theme is applied at once (apply_theme)."""
        self.app = app
        self.config = config
        self.apply_theme()

    def apply_theme(self) -> None:
        """Before the app runs: its stylesheet is then first parsed in the theme's colours,
        not in Textual's default ones and again in the theme's (a parse takes about 7 ms)."""
        app, config = self.app, self.config
        theme = config["theme"]
        if theme == app.theme:
            return
        if theme in app.available_themes:
            app.theme = theme
            app.stylesheet.set_variables(app.get_css_variables())
        else:
            config.problem(theme_problem(theme, app.available_themes, app.theme))

    def apply_at_start(self) -> None:
        app, config = self.app, self.config
        app.theme_changed_signal.subscribe(app, self._remember_theme)
        self.apply_look()
        if config.keys:
            app.set_keymap(config.keys)
            app.call_after_refresh(self._check_keys)  # reads every screen: after the first frame
        else:
            self._say_problems()

    def apply_look(self) -> None:
        """Compact layout and reduced motion, as the preferences say (also after a change)."""
        self.app.set_class(self.config["compact"], "-compact")
        self.app.animation_level = "none" if self.config["reduced_motion"] else "full"

    def save(self, key: str, value: Any) -> None:
        """Change one preference; saved at once (a sentence if the file could not be written)."""
        problem = self.config.set(key, value)
        if problem is not None:
            self.app.notify(problem, title="Settings file", severity="warning", markup=False)

    def _check_keys(self) -> None:
        from rehab_tui.tui.keys import binding_ids, keymap_conflicts

        known = binding_ids(type(self.app))
        for binding_id in list(self.config.keys):
            if binding_id not in known:
                self.config.forget_key(binding_id, "no key has this name (see: rehab-tui keys)")
        clashes = keymap_conflicts(type(self.app), dict(self.config.keys))
        for binding_id, why in clashes.items():
            self.config.forget_key(binding_id, why)
        if clashes:  # the keymap without the remaps that would take a key away
            self.app.set_keymap(dict(self.config.keys))
        self._say_problems()

    def _say_problems(self) -> None:
        """Every mistake in one notice: one notice each would stack past an 80×24 screen."""
        problems = self.config.problems
        if not problems:
            return
        prefix = f"{self.config.path}: "
        if len(problems) == 1:
            title, message = "Settings file", problems[0]
        else:
            title = f"Settings file: {plural(len(problems), 'mistake')}"
            mistakes = "\n".join(f"• {problem.removeprefix(prefix)}" for problem in problems)
            message = f"In {self.config.path}:\n{mistakes}"
        self.app.notify(message, title=title, severity="error", timeout=30, markup=False)

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name != self.config["theme"]:
            self.save("theme", theme.name)
