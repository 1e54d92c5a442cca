"""The cues at every phase change: the bell, the flash and spoken words, as the preferences say.

The speech program is looked for when spoken cues are first wanted (a PATH search), then kept,
even when there is none.
"""

from __future__ import annotations

from typing import Any

from textual.app import App

from rehab_tui.storage.config import Config
from rehab_tui.tui.speech import Speaker, find_speech_program


class Cues:
    def __init__(self, app: App[Any], config: Config, speaker: Speaker | None = None) -> None:
        self.app = app
        self.config = config
        self._speaker = speaker
        self._speaker_searched = speaker is not None

    def ring(self) -> None:
        if self.config["bell"]:
            self.app.bell()

    @property
    def flashes(self) -> bool:
        return bool(self.config["flash"] and not self.config["reduced_motion"])

    @property
    def speaker(self) -> Speaker | None:
        """The machine's speech program, or None where there is none."""
        if not self._speaker_searched:
            self._speaker_searched = True
            command = find_speech_program()
            self._speaker = Speaker(command) if command else None
        return self._speaker

    def speak(self, words: str) -> None:
        """Say a cue, if spoken cues are on; returns at once (the voice is another process)."""
        if self.config["speech"] and self.speaker is not None:
            self.speaker.say(words)
