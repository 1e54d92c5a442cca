"""Preferences: `config.toml` in the user config folder, read at start and saved at each change.

How the app looks, sounds and times its rests lives here; the clinical profile (tendinopathy,
baseline, pain limits) lives with the data, so that an export carries it to the physio.

A hand edit with a mistake never stops the app: each wrong key gets one sentence naming it, and
the default is used for that key. A file that cannot be read as TOML is never overwritten: the
app runs on the defaults and says where the file is wrong.

Saving a change edits the file as it is on disk with tomlkit, which keeps the user's comments,
layout and keys it does not know: only the changed values are rewritten. (tomllib, which reads
it, cannot write; tomlkit is imported only when a preference is saved.) The app keeps the file
as last parsed in the cache folder: importing tomllib took 3.5 ms of every start.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from msgspec import Struct

from rehab_tui.storage.atomic import make_private_dir, remove_stray_temp_files, write_atomically
from rehab_tui.storage.kept_pickle import KeptPickle
from rehab_tui.storage.reading import read_text

DEFAULT_THEME = "textual-dark"
MAX_FILE_BYTES = 1_000_000

# "as planned": the rest the exercise file (or the routine) gives each exercise.
REST_AS_PLANNED = 0


class Setting(Struct, frozen=True):
    """One preference: its default, the values it accepts, and what it does (for the file)."""

    key: str
    default: Any
    comment: str
    choices: tuple[Any, ...] = ()  # the accepted values, when they are few
    whole: tuple[int, int] | None = None  # (lowest, highest), when a whole number
    zero_means: str | None = None  # a whole number may also be 0, meaning this

    @property
    def expected(self) -> str:
        if self.whole is not None:
            words = f"a whole number from {self.whole[0]} to {self.whole[1]}"
            return f"{words}, or 0 for {self.zero_means}" if self.zero_means else words
        if self.choices:
            return "one of " + ", ".join(_toml(choice) for choice in self.choices)
        return "a name in quotes"

    def check(self, value: Any) -> Any:
        """The value if it is one this setting accepts, else ValueError."""
        if isinstance(self.default, bool) != isinstance(value, bool):
            raise ValueError(self.expected)
        if self.whole is not None:
            low, high = self.whole
            fits = isinstance(value, int) and (
                low <= value <= high or (value == 0 and self.zero_means is not None)
            )
        elif self.choices:
            fits = value in self.choices
        else:
            fits = isinstance(value, str) and bool(value.strip())
        if not fits:
            raise ValueError(self.expected)
        return value


SETTINGS: tuple[Setting, ...] = (
    Setting("lead_in_s", 5, "seconds to get ready before each set", whole=(3, 30)),
    Setting(
        "rest_s",
        REST_AS_PLANNED,
        "seconds of rest between sets; 0: as each exercise plans it",
        whole=(10, 600),
        zero_means="as planned",
    ),
    Setting("bell", True, "ring the terminal bell at every phase change", choices=(True, False)),
    Setting("speech", False, "speak the cues (needs espeak-ng or spd-say)", choices=(True, False)),
    Setting("flash", True, "flash the timer panel at every phase change", choices=(True, False)),
    Setting("reduced_motion", False, "no animations and no flashing", choices=(True, False)),
    Setting("compact", False, "less space around things, for small windows", choices=(True, False)),
    Setting("theme", DEFAULT_THEME, "any of Textual's themes (ctrl+p: change theme)"),
)
BY_KEY = {setting.key: setting for setting in SETTINGS}
KEYS_TABLE = "keys"  # [keys]: binding id = "key" (see the help screen for the ids)


class Config:
    """The preferences in effect, where they are kept, and what was wrong with the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.values: dict[str, Any] = {s.key: s.default for s in SETTINGS}
        self.keys: dict[str, str] = {}
        self.problems: list[str] = []
        self._raw: dict[str, Any] = {}  # the file as read: unknown and wrong keys are kept
        self._changed: dict[str, Any] = {}  # what the app has set since it started
        self._writable = True

    @classmethod
    def load(cls, path: Path, kept_in: Path | None = None) -> Config:
        """The file's preferences; with `kept_in` (the cache folder), a file that reads exactly
        as when it was last parsed is not parsed again."""
        config = cls(path)
        config._read(kept_in)
        return config

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def problem(self, message: str) -> None:
        """Note a mistake in the file, to be said when the app starts."""
        self.problems.append(f"{self.path}: {message}")

    def _read(self, kept_in: Path | None) -> None:
        try:
            text = read_text(self.path, MAX_FILE_BYTES)  # a regular file only, bounded
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) else "it is not UTF-8 text"
            self.problem(f"cannot be read ({reason}); using the defaults")
            self._writable = False
            return
        try:
            self._raw = _parsed(text, kept_in)
        except (ValueError, RecursionError) as error:
            self.problem(
                f"not valid TOML ({_toml_problem(error)}); using the defaults, and the file is "
                "left as it is"
            )
            self._writable = False
            return
        for key, value in self._raw.items():
            if key == KEYS_TABLE:
                self._read_keys(value)
                continue
            setting = BY_KEY.get(key)
            if setting is None:
                known = ", ".join(BY_KEY)
                self.problem(f"unknown key {key!r} is ignored (the keys are: {known})")
                continue
            try:
                self.values[key] = setting.check(value)
            except ValueError:
                self.problem(
                    f"{key} must be {setting.expected}, got {_shown(value)}; "
                    f"using {_toml(setting.default)}"
                )

    def _read_keys(self, table: Any) -> None:
        if not isinstance(table, dict):
            self.problem('[keys] must be a table of binding = "key"; ignored')
            return
        for binding_id, keys in table.items():
            if isinstance(keys, str) and keys.strip():
                self.keys[binding_id] = keys
            else:
                self.problem(f'keys.{binding_id} must be a key in quotes, like "h"; ignored')

    def forget_key(self, binding_id: str, reason: str) -> None:
        """A [keys] entry the app cannot use (an unknown binding, say): named, then ignored."""
        self.keys.pop(binding_id, None)
        self.problem(f"keys.{binding_id}: {reason}; ignored")

    def set(self, key: str, value: Any) -> str | None:
        """Change one preference and save the file at once; a sentence if it could not be saved."""
        self.values[key] = BY_KEY[key].check(value)
        self._raw[key] = self.values[key]
        self._changed[key] = self.values[key]
        return self.save()

    def save(self) -> str | None:
        if not self._writable:
            return f"{self.path} was not readable, so it was not changed; the change lasts until you quit"
        try:
            text = self._edited()
        except ValueError as error:
            return f"{self.path} was not changed: {error}"
        except OSError as error:
            return f"{self.path} was not changed: it cannot be read ({error.strerror})"
        try:
            make_private_dir(self.path.parent)
            remove_stray_temp_files(self.path.parent)  # left by a save that was killed
            write_atomically(self.path, text)
        except OSError as error:
            return f"cannot save {self.path}: {error.strerror}"
        return None

    def _edited(self) -> str:
        """The file as it is now with the app's changes: the user's comments, layout and other
        keys kept. A new file is the commented template (render)."""
        try:
            text = read_text(self.path, MAX_FILE_BYTES)
        except FileNotFoundError:
            return self.render()
        import tomlkit  # only here: saving is rare, and tomlkit costs ~70 ms to import
        from tomlkit.exceptions import TOMLKitError

        try:
            document = tomlkit.parse(text)
            for key, value in self._changed.items():
                _toml(value)  # ValueError for a value TOML cannot hold
                document[key] = value
            return tomlkit.dumps(document)
        except (TOMLKitError, RecursionError) as error:
            raise ValueError(f"it is no longer valid TOML ({error})") from None

    def render(self) -> str:
        """The file: every preference with what it does; other keys the user wrote are kept."""
        lines = [
            "# rehab-tui preferences. Change them in the app (s on the home screen) or here;",
            "# a mistake is named when the app starts, and the default is used for that key.",
            "",
        ]
        for setting in SETTINGS:
            lines.append(f"# {setting.comment}")
            lines.append(
                f"{setting.key} = {_toml(self._raw.get(setting.key, self.values[setting.key]))}"
            )
        extra = {k: v for k, v in self._raw.items() if k not in BY_KEY and k != KEYS_TABLE}
        lines += [f"{_toml_key(k)} = {_toml(v)}" for k, v in extra.items()]
        lines += ["", "# Keys: name = key; rehab-tui keys lists the names", "[keys]"]
        raw_keys = self._raw.get(KEYS_TABLE)
        keys = raw_keys if isinstance(raw_keys, dict) else self.keys
        lines += [f"{_toml_key(k)} = {_toml(v)}" for k, v in keys.items()]
        return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    """A TOML value for the scalars a preference can hold; ValueError for anything else."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # JSON's string escapes are valid TOML basic-string escapes
    raise ValueError(f"it holds a value rehab-tui cannot write back ({type(value).__name__})")


def _toml_problem(error: ValueError | RecursionError) -> str:
    import tomllib

    if isinstance(error, tomllib.TOMLDecodeError):
        return str(error)
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return "a number far too long to be one"  # past Python's int-string limit


def _shown(value: Any) -> str:
    try:
        return _toml(value)
    except ValueError:
        return repr(value)


def _toml_key(key: str) -> str:
    bare = key.replace("_", "").replace("-", "").isalnum() and key.isascii()
    return key if bare else json.dumps(key)


def _parsed(text: str, kept_in: Path | None) -> dict[str, Any]:
    """`text` parsed as TOML, or as kept when the same text was last parsed (kept_pickle.py)."""
    kept = KeptPickle(kept_in / "config-toml.pickle", text) if kept_in is not None else None
    parsed = kept.get() if kept is not None else None
    if isinstance(parsed, dict):
        return parsed
    import tomllib  # here: 3.5 ms, paid only when the file is new or has changed

    parsed = tomllib.loads(text)
    if kept is not None:
        kept.put(parsed)
    return parsed
