"""Closing the terminal ends the app within seconds, its lock released, however Textual shuts down.

The real app runs on a real pseudo-terminal; the terminal is closed (its master side, so the app
gets SIGHUP and a dead tty) right after the first frame, when Textual's shutdown was seen to
block for good. Each time the process must be gone within a few seconds and the data folder free
for the next writer; also when Textual's shutdown is made to block for good.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from rehab_tui.storage.store import Store

TRIES = 10
GONE_WITHIN_S = 3.0


HUNG_SHUTDOWN = Path(__file__).parents[1] / "helpers" / "app_with_a_hung_shutdown.py"


def start_app_on_a_terminal(*command: str) -> tuple[int, int]:
    """(pid, master fd) of `rehab-tui` (or `command`) running on a new 80×24 pseudo-terminal."""
    pid, master = pty.fork()
    if pid == 0:  # the child: the terminal is its stdin, stdout, stderr and controlling tty
        os.environ["TERM"] = "xterm-256color"
        argv = [sys.executable, *(command or ("-m", "rehab_tui"))]
        os.execv(sys.executable, argv)
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, master


def wait_for_first_frame(master: int) -> bytes:
    shown = b""
    deadline = time.monotonic() + 30
    while b"rehab" not in shown.lower() and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                shown += os.read(master, 65536)
            except OSError:
                break
    return shown


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return True
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)  # it hung: end it, so the test can go on and say so
    os.waitpid(pid, 0)
    return False


@pytest.mark.parametrize(
    ("command", "tries"), [((), TRIES), ((str(HUNG_SHUTDOWN),), 3)], ids=["app", "hung-shutdown"]
)
def test_closing_the_terminal_ends_the_app_and_frees_the_data(private_dirs: Path, command, tries):
    with Store(private_dirs) as store:
        store.acquire_writer_lock()
        store.set_setting("profile", {"tendinopathy": "midportion", "baseline": 0})
    hung = []
    for attempt in range(tries):
        pid, master = start_app_on_a_terminal(*command)
        shown = wait_for_first_frame(master)
        assert b"rehab" in shown.lower(), shown[-500:]
        os.close(master)  # the terminal window is closed
        if not gone_within(pid, GONE_WITHIN_S):
            hung.append(attempt)
        with Store(private_dirs) as store:
            store.acquire_writer_lock()  # raises LockedError if the app still held it
    assert not hung, f"the app outlived its terminal in tries {hung} of {tries}"
