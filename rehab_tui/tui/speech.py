"""Spoken cues said aloud by a speaker that never holds a session up.

The words come from rehab_tui.domain.cues. The speaker starts the machine's speech program as a
separate process and returns at once: the countdown never waits for a voice. A newer cue cuts off one still being spoken.
"""

from __future__ import annotations

import shutil
import subprocess

# Tried in this order; the first one on PATH speaks.
PROGRAMS: tuple[tuple[str, ...], ...] = (
    ("espeak-ng", "-s", "160"),
    ("spd-say",),
    ("say",),  # macOS
)
INSTALL_HINT = (
    "no speech program was found: install espeak-ng (Debian/Ubuntu: sudo apt install espeak-ng) "
    "or speech-dispatcher (spd-say); macOS has say"
)


def find_speech_program() -> tuple[str, ...] | None:
    """The command line (without the words) of the first speech program installed, or None."""
    for command in PROGRAMS:
        path = shutil.which(command[0])
        if path is not None:
            return (path, *command[1:])
    return None


class Speaker:
    """Says words through a speech program, in the background."""

    def __init__(self, command: tuple[str, ...]) -> None:
        self.command = command
        self._speaking: subprocess.Popen[bytes] | None = None

    @property
    def program(self) -> str:
        return self.command[0].rsplit("/", 1)[-1]

    def say(self, words: str) -> None:
        if self._speaking is not None and self._speaking.poll() is None:
            self._speaking.terminate()  # the moment it was for has passed
        try:
            self._speaking = subprocess.Popen(
                [*self.command, words],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # a Ctrl+C for the app is not the voice's
            )
        except OSError:
            self._speaking = None  # uninstalled while running: the bell and the flash remain
