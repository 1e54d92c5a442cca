"""The one way rehab-tui writes a private file: whole or not at all, readable by the user alone.

Every file the app writes (data, preferences, cache, routines, exports) goes through
`write_atomically`: a temp file in the same folder, fsynced, then renamed over the old one, so a
crash at any moment leaves the old file or the new one, never half of each. The new file is
0600 even where an old one was readable by others, since the rename replaces it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def write_atomically(path: Path, content: str | bytes) -> None:
    """Replace `path` with `content` (text is written as UTF-8) so that a crash leaves the old
    or the new file, whole. On an error the old file is untouched and the temp file removed."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:  # os.write may write less than asked
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def make_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)
