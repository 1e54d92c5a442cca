"""Reading a file a user names or edits, bounded: never a device, a pipe or an endless file.

`/dev/zero` or a FIFO given as an exercise file, an import or a preferences file would otherwise
be read forever (a FIFO with no writer would not even open). Only regular files are read, and
no more than the caller's limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotAFileError(OSError):
    """A device, a pipe or a socket where a file was expected."""

    def __init__(self, path: Path):
        super().__init__(errno.EINVAL, "it is a device or a pipe, not a file", str(path))


class TooLargeError(OSError):
    """A file larger than the caller reads."""

    def __init__(self, path: Path, size: int, limit: int):
        self.size = size
        self.limit = limit
        super().__init__(errno.EFBIG, f"it is larger than {limit:,} bytes", str(path))


def read_text(path: Path, limit: int | None = None) -> str:
    """The UTF-8 text of the regular file `path`, of at most `limit` bytes.

    Raises what read_bytes raises, and UnicodeDecodeError.
    """
    return read_bytes(path, limit).decode("utf-8")


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The contents of the regular file `path`, of at most `limit` bytes.

    Raises what opening raises (FileNotFoundError, PermissionError, ...), IsADirectoryError
    for a folder, NotAFileError for anything else that is not a regular file, TooLargeError.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)  # a FIFO opens at once
    with open(fd, "rb") as file:  # closes fd
        kind = os.fstat(fd).st_mode
        if stat.S_ISDIR(kind):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(kind):
            raise NotAFileError(path)
        data = file.read() if limit is None else file.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise TooLargeError(path, os.stat(path).st_size, limit)
    return data
