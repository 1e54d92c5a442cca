"""Settings: the pain rules that suit you, the session's timing, sound and looks; saved at once.

The profile (limits, tendinopathy, baseline, the capacity gate, weights) is saved with the data,
so the plan and an export use it; everything else goes to config.toml (rehab_tui.storage.config).
"""

from __future__ import annotations

from typing import Any

from msgspec.structs import asdict
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Label, Select, Switch

from rehab_tui.domain.pain import LIMIT_CHOICES, choice_label
from rehab_tui.tui.screens.base import RehabScreen
from rehab_tui.tui.speech import INSTALL_HINT

PROFILE_CHOICES: dict[str, list[tuple[str, Any]]] = {
    "limits": [(choice_label(choice), choice) for choice in LIMIT_CHOICES],
    "tendinopathy": [("Mid-portion", "midportion"), ("Insertional (at the heel)", "insertional")],
    "baseline": [(f"{n}/10", n) for n in range(11)],
    # The capacity gate into springy work and running (DOMAIN §4), and the equipment at home.
    "heel_raise_floor": [(f"{n} a side", n) for n in range(10, 41, 5)],
    "symmetry_pct": [(f"{n} % of the other side", n) for n in range(70, 101, 5)],
    "weights": [("Yes: a backpack or dumbbells", True), ("No: bodyweight only", False)],
}
PREFERENCE_CHOICES: dict[str, list[tuple[str, Any]]] = {
    "lead_in_s": [(f"{n} s", n) for n in (3, 5, 8, 10, 15, 20, 30)],
    "rest_s": [("As each exercise plans it", 0)]
    + [(f"{n} s", n) for n in (30, 45, 60, 90, 120, 180)],
}
SWITCHES = {
    "bell": "Bell at each phase change",
    "speech": "Spoken cues",
    "flash": "Flash at each phase change",
    "reduced_motion": "Reduced motion",
    "compact": "Compact layout",
}
LABELS = {
    "limits": "Pain limits",
    "tendinopathy": "Tendinopathy",
    "baseline": "Usual morning pain",
    "heel_raise_floor": "Gate: heel raises",
    "symmetry_pct": "Gate: weaker side",
    "weights": "Weights at home",
    "lead_in_s": "Get-ready time",
    "rest_s": "Rest between sets",
    "theme": "Theme",
}


class SettingsScreen(RehabScreen[None]):
    CSS_PATH = "settings.tcss"  # read when first shown, not at the app's start
    BINDINGS = [
        Binding("escape", "back", "Back", id="settings.back"),
        # Not in the footer, which stays as it was: help (?) and the palette list it.
        Binding("f", "red_flags", "Red-flag questions", show=False, id="settings.red_flags"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="settings.help"),
    ]

    def compose(self) -> ComposeResult:
        app = self.rehab_app
        profile = asdict(app.rehab.profile())
        yield Header()
        with VerticalScroll(id="settings"):
            yield Label(
                f"Saved as you change them: the pain rules with your data, the rest in "
                f"{app.config.path.name} (rehab-tui where shows its folder). tab moves; enter "
                "opens a list or flips a switch.",
                classes="dim",
            )
            yield Label("Your tendon and the pain rules", classes="section")
            for key, choices in PROFILE_CHOICES.items():
                yield self._row(key, choices, profile[key])
            yield Label("Sessions", classes="section")
            for key, choices in PREFERENCE_CHOICES.items():
                yield self._row(key, choices, app.config[key])
            yield Label("Sound and looks", classes="section")
            for key, words in SWITCHES.items():
                with Horizontal(classes="setting"):
                    yield Label(words, classes="setting-label")
                    yield Switch(value=app.config[key], id=key)
                    if key == "speech":
                        yield Label(self._speech_note(), id="speech-note", classes="dim")
            themes = [(name, name) for name in sorted(app.available_themes)]
            yield self._row("theme", themes, app.theme)
        yield Footer()

    def _row(self, key: str, choices: list[tuple[str, Any]], value: Any) -> Horizontal:
        """A labelled list of `choices`; a value set elsewhere (setup, a hand-edited file) that
        the list does not have is offered too, in the list's own words."""
        if value not in [v for _, v in choices]:
            words = choices[-1][0].replace(str(choices[-1][1]), str(value), 1)
            choices = [*choices, (words, value)]
        field = Select(choices, value=value, allow_blank=False, id=key)
        return Horizontal(Label(LABELS[key], classes="setting-label"), field, classes="setting")

    def _speech_note(self) -> str:
        speaker = self.rehab_app.cues.speaker
        return f"with {speaker.program}" if speaker is not None else INSTALL_HINT

    def on_mount(self) -> None:
        self.sub_title = "Settings"
        self.query_one(Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        key = event.select.id
        if key is None or event.value is Select.NULL:  # Select.BLANK is False: a real value here
            return
        app = self.rehab_app
        if key in PROFILE_CHOICES:
            if getattr(app.rehab.profile(), key) != event.value:
                app.rehab.change_profile(**{key: event.value})
        elif key == "theme":
            if app.theme != event.value:
                app.theme = str(event.value)  # saved by the app, as a change from the palette is
        elif app.config[key] != event.value:
            app.preferences.save(key, event.value)

    def on_switch_changed(self, event: Switch.Changed) -> None:
        key = event.switch.id
        app = self.rehab_app
        if key is None or app.config[key] == event.value:
            return
        app.preferences.save(key, event.value)
        app.preferences.apply_look()
        if key == "speech" and event.value and app.cues.speaker is None:
            self.notify(f"Spoken cues: {INSTALL_HINT}.", severity="warning", timeout=15)

    def action_red_flags(self) -> None:
        self.rehab_app.ask_red_flag_questions()

    def action_back(self) -> None:
        self.rehab_app.action_go_home()  # the plan may have changed with the limits
