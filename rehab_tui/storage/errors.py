"""What can go wrong with saved data, each error naming the file concerned."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Saved data that cannot be used as it is; the message names the file."""


class DamagedFileError(StoreError):
    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path} cannot be read: {reason}. It has been left untouched.")


class LockedError(StoreError):
    pass


class SaveError(StoreError):
    """A write that failed (a full disk, say): the file on disk is the old one, whole."""

    def __init__(self, path: Path, error: OSError):
        self.path = path
        self.reason = error.strerror or str(error)
        super().__init__(f"could not save {path}: {self.reason}")
