"""A nearly full disk: a save is whole or not made, and says so; the old file stays whole.

A fault-injecting os.write stands in for the disk: writes into the data folder get the room
that is left (a short write, as the kernel does on a nearly full disk, without an error), and
then ENOSPC. Everything else, the real CLI and the real app, runs as it does for the user.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

import pytest
from textual.worker import WorkerFailed

from rehab_tui.cli.main import main
from rehab_tui.storage.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.player import PlayerScreen


class Disk:
    """os.open and os.write for files under `folder`, on a disk with `room` bytes left."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path, room: int, chunk: int = 0):
        self.folder = str(folder)
        self.room = room
        self.chunk = chunk  # > 0: no write does more than this, even with room left
        self.fds: set[int] = set()
        self.real_open, self.real_write = os.open, os.write
        monkeypatch.setattr(os, "open", self.open)
        monkeypatch.setattr(os, "write", self.write)

    def open(self, path, flags, mode=0o777, *, dir_fd=None):
        fd = self.real_open(path, flags, mode, dir_fd=dir_fd)
        if str(path).startswith(self.folder) and flags & (os.O_WRONLY | os.O_RDWR):
            self.fds.add(fd)
        return fd

    def write(self, fd, data):
        if fd not in self.fds:
            return self.real_write(fd, data)
        if self.room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        size = min(len(data), self.room, self.chunk or len(data))
        written = self.real_write(fd, bytes(data[:size]))
        self.room -= written
        return written


def month_file(data: Path) -> Path:
    return data / "sessions" / "2026-03.json"


def logged_once(capsys, data: Path) -> bytes:
    assert main(["log", "--pain", "2", "--date", "2026-03-01", "--note", "first"]) == 0
    capsys.readouterr()
    return month_file(data).read_bytes()


def test_a_full_disk_keeps_the_old_month_file_and_says_so(private_dirs, capsys, monkeypatch):
    before = logged_once(capsys, private_dirs)
    Disk(monkeypatch, private_dirs, room=100)
    assert main(["log", "--pain", "3", "--date", "2026-03-02"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert captured.err.splitlines() == [
        f"rehab-tui: could not save {month_file(private_dirs)}: No space left on device"
    ]
    assert month_file(private_dirs).read_bytes() == before, "the only copy is never cut short"
    assert not list(private_dirs.rglob("*.tmp")), "the failed temp file is removed"
    monkeypatch.undo()
    with Store(private_dirs) as store:
        assert [s["note"] for s in store.sessions()] == ["first"]


def test_short_writes_are_carried_on_until_the_file_is_whole(private_dirs, capsys, monkeypatch):
    logged_once(capsys, private_dirs)
    Disk(monkeypatch, private_dirs, room=10**9, chunk=7)  # the kernel may write any part
    assert main(["log", "--pain", "3", "--date", "2026-03-02", "--note", "second"]) == 0
    monkeypatch.undo()
    with Store(private_dirs) as store:
        assert [s["note"] for s in store.sessions()] == ["second", "first"]


async def test_the_app_says_not_saved_and_keeps_the_file(mini_catalog, store, clock, monkeypatch):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, PlayerScreen)
        (month,) = store.month_files()
        before = month.read_bytes()
        Disk(monkeypatch, store.data_dir, room=64)
        clock.advance(5 + 20 + 1)  # the lead-in and the first hold: the set is saved
        app.screen.update_now()
        with contextlib.suppress(WorkerFailed):  # the save's worker fails, as it should
            await app.workers.wait_for_complete()
        await pilot.pause()
        notices = [(n.title, n.message) for n in app._notifications]
        assert any(
            title == "Not saved" and "No space left on device" in message
            for title, message in notices
        ), notices
        assert isinstance(app.screen, PlayerScreen), "the session goes on"
        assert month.read_bytes() == before
        assert not list(store.data_dir.rglob("*.tmp"))
