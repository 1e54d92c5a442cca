"""One JSON data file as TinyDB sees it: read with every kind of damage named, written whole.

A file that cannot be read is reported (DamagedFileError) and left exactly as it is, until the
user chooses to set it aside; a write goes through the one atomic writer, so a crash or a full
disk leaves the old file or the new one, never half of each.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from rehab_tui.storage.atomic import make_private_dir, write_atomically
from rehab_tui.storage.errors import DamagedFileError, SaveError
from rehab_tui.storage.reading import read_text


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file (temp file, fsync, rename)."""

    def __init__(self, path: Path):
        self.path = path

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            text = read_text(self.path)  # a regular file only: never a device or a pipe
        except FileNotFoundError:
            return None
        except UnicodeDecodeError:
            raise DamagedFileError(self.path, "it is not UTF-8 text") from None
        except OSError as error:
            raise DamagedFileError(self.path, error.strerror or str(error)) from None
        if not text.strip():
            # We never write an empty file, so an empty one was damaged by something else.
            raise DamagedFileError(self.path, "it is empty")
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as error:
            line = getattr(error, "lineno", None)
            where = f" (line {line})" if line else ""
            raise DamagedFileError(self.path, f"it is not valid JSON{where}") from None
        except ValueError:  # a number of thousands of digits: past Python's int-string limit
            raise DamagedFileError(self.path, "it holds a number too long to read") from None
        if not isinstance(data, dict) or not all(
            isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
            for table in data.values()
        ):
            raise DamagedFileError(self.path, "it does not hold rehab-tui tables")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        try:
            make_private_dir(self.path.parent)
            write_atomically(self.path, text)
        except OSError as error:
            raise SaveError(self.path, error) from None

    def close(self) -> None:
        pass


def set_aside(path: Path) -> Path:
    """Rename a damaged file out of the way (kept whole, with a timestamp) so a fresh one can start.

    Call it with no Store open on the folder: an open Store may still hold the old file's tables.
    """
    aside = path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
    os.replace(path, aside)
    return aside
