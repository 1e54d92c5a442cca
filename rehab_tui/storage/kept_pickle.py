"""A value kept in the user's cache folder to start faster, the way Python keeps .pyc files: read
back only while its key (what it was made from) still matches; any doubt and the caller makes
it again. The folder is the user's own (0700, files 0600), as trusted as the installed code."""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path

from rehab_tui.storage.atomic import make_private_dir, remove_stray_temp_files, write_atomically


class KeptPickle:
    """One file of the cache folder holding (key, value)."""

    def __init__(self, file: Path, key: object) -> None:
        self.file = file
        self.key = key

    def get(self) -> object | None:
        """The value kept under this key, or None (missing, unreadable, from other code)."""
        try:
            with self.file.open("rb") as handle:
                key, value = pickle.load(handle)
        except Exception:
            return None
        return value if key == self.key else None

    def put(self, value: object) -> None:
        """Keep `value` (written whole or not at all); a folder that cannot be written only
        means no shortcut next time."""
        data = pickle.dumps((self.key, value), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            make_private_dir(self.file.parent)
            remove_stray_temp_files(self.file.parent)  # left by a write that was killed
            write_atomically(self.file, data)
        except OSError:
            pass


def code_version(files: Iterable[Path | str]) -> tuple[object, ...] | None:
    """A key for what `files` (the code that made a value) are now: Python's version and each
    file's size and modification time (sizes too: some installers set every time alike). None
    when one cannot be read: then nothing is kept."""
    try:
        stats = [(str(f), os.stat(f)) for f in files]
    except OSError:
        return None
    return (sys.version, [(name, stat.st_size, stat.st_mtime_ns) for name, stat in stats])
