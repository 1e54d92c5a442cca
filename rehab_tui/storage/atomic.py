"""The one way rehab-tui writes a private file: whole or not at all, readable by the user alone.

Every file the app writes (data, preferences, cache, routines, exports) goes through
`write_atomically` (or `write_streamed`, which takes the content in chunks as it is made: an export
of years of history): a temp file in the same folder, written whole (a short write on a nearly full
disk is carried on, and a failure raises), fsynced, then renamed over the old one, so a crash or a
full disk at any moment leaves the old file or the new one, never half of each. The new file is
0600 even where an old one was readable by others, since the rename replaces it.

The folders it makes are 0700 whatever the umask; a folder that already exists is the user's, and
its mode is never changed.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import threading
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

# A temp file is named after its file, the process and the thread: .NAME.PID.THREAD.tmp
TEMP_SUFFIX = ".tmp"
# A temp file whose writer cannot be told (tmpXXXX.tmp, as older versions named them) is a
# leftover after this long.
LEFTOVER_AGE_S = 3600


def write_atomically(path: Path, content: str | bytes) -> None:
    """Replace `path` with `content` (text is written as UTF-8) so that a crash leaves the old
    or the new file, whole. On an error the old file is untouched and the temp file removed."""
    write_streamed(path, (content.encode("utf-8") if isinstance(content, str) else content,))


def write_streamed(path: Path, chunks: Iterable[bytes]) -> None:
    """Replace `path`, as write_atomically does, with `chunks` written to the temp file as they
    come (an export of years of history is never held whole): still all or nothing, since the
    rename comes after the last chunk and the fsync. An error while writing, or raised by
    `chunks` itself (a month file that cannot be read), leaves the old file untouched and
    removes the temp file."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}{TEMP_SUFFIX}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            os.fchmod(fd, 0o600)
            for chunk in chunks:
                write_all(fd, chunk)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def write_together(files: Iterable[tuple[Path, str]], journal: Path) -> None:
    """Replace several files as one step: after a crash at any moment, all of them are new or
    none is (an import adds to several month files and must not be left half done).

    Each new file (`files` gives each path and its text, and may make them one at a time, so
    that only one is held) is written whole to a temp file beside its old one; then `journal`
    lists them, written atomically: the moment it exists the step is decided. The temp files are
    renamed into place and the journal removed. A crash before the journal leaves only temp
    files, which the next writer removes; a crash after it is finished by the next writer
    (`finish_together`, before it removes temp files). On an error before the journal nothing
    has changed. No files: nothing is written.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in files:
            temp = path.with_name(f".{path.name}.together{TEMP_SUFFIX}")
            staged.append((temp, path))
            _write_whole(temp, text.encode("utf-8"))
        if not staged:
            return
        for folder in {path.parent for _, path in staged}:
            fsync_folder(folder)
        names = [[os.path.relpath(name, journal.parent) for name in pair] for pair in staged]
        write_atomically(journal, json.dumps(names))
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    finish_together(journal)


def finish_together(journal: Path) -> None:
    """Finish the step `journal` records, if there is one: its temp files renamed into place.

    Run by the writer only (it holds the lock), before stray temp files are removed."""
    try:
        pairs = json.loads(journal.read_text("utf-8"))
    except FileNotFoundError:
        return
    except ValueError:  # never written half (it is written atomically): not ours; leave it
        return
    folders = set()
    for temp, path in pairs:
        with contextlib.suppress(FileNotFoundError):  # renamed before the crash
            os.replace(journal.parent / temp, journal.parent / path)
        folders.add((journal.parent / path).parent)
    for folder in folders:
        fsync_folder(folder)
    journal.unlink()
    fsync_folder(journal.parent)


def _write_whole(path: Path, data: bytes) -> None:
    """A new private file, written whole and fsynced; removed again on an error."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            os.fchmod(fd, 0o600)
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def fsync_folder(folder: Path) -> None:
    """Make renames in `folder` last through a power cut."""
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_named_file(path: Path, content: str | Iterable[bytes]) -> None:
    """Write where the user said (an export's -o): text, or chunks as they come, atomically, as
    above, unless `path` is a pipe or a device (`/dev/stdout`, a shell's `>(gzip > x.gz)`),
    which cannot be replaced and is written straight through. A symlink is followed: the file it
    names is replaced, not the link.
    """
    chunks = (content.encode("utf-8"),) if isinstance(content, str) else content
    if path.exists() and not path.is_file():
        with path.open("wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
        return
    write_streamed(path.resolve() if path.is_symlink() else path, chunks)


def write_all(fd: int, data: bytes) -> None:
    """os.write may write less than asked (a nearly full disk): go on until all is written."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # nothing written and no error: the disk has no room left
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def make_private_dir(path: Path) -> None:
    """Make `path` and every missing folder above it, each 0700 whatever the umask.

    A folder that exists already (the user's own, or a shared one a symlink points to) is left
    exactly as it is.
    """
    missing: list[Path] = []
    folder = path
    while not folder.is_dir() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            if folder.is_dir():
                continue  # made meanwhile by another process: theirs
            raise
        os.chmod(folder, 0o700)  # mkdir's mode was narrowed by the umask, never widened


def back_up(data_dir: Path, label: str, paths: list[Path]) -> Path:
    """Copy these data files (in `data_dir`, or a folder of it) into a new backup folder beside
    them, `backup-LABEL-WHEN`, before a migration; the folder made."""
    folder = data_dir / f"backup-{label}-{datetime.now():%Y%m%d-%H%M%S}"
    make_private_dir(folder)
    for path in paths:
        if path.exists():
            copy = folder / path.relative_to(data_dir)
            make_private_dir(copy.parent)
            write_atomically(copy, path.read_text("utf-8"))
    return folder


def remove_stray_temp_files(folder: Path, everyone: bool = False) -> None:
    """Remove temp files left in `folder` by a write that was killed before its rename.

    With `everyone`, every temp file goes: only for a caller that holds the folder's lock, so
    that no other process can be writing there. Otherwise a temp file goes only when the process
    that made it has ended (or, for a name that does not tell, when it is an hour old), so that a
    write in flight in another process is never broken.
    """
    try:
        temps = [*folder.glob(f".*{TEMP_SUFFIX}"), *folder.glob(f"tmp*{TEMP_SUFFIX}")]
    except OSError:
        return
    for temp in temps:
        if everyone or _abandoned(temp):
            with contextlib.suppress(OSError):  # left for the next write to try again
                temp.unlink(missing_ok=True)


def _abandoned(temp: Path) -> bool:
    parts = temp.name.split(".")
    pid = parts[-3] if len(parts) >= 4 and temp.name.startswith(".") else ""
    if pid.isascii() and pid.isdigit():
        return int(pid) != os.getpid() and not _running(int(pid))
    try:
        return time.time() - temp.stat().st_mtime > LEFTOVER_AGE_S
    except OSError:
        return False


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, as another user's process
    return True
