"""Time from launch to the first drawn screen, in a real pseudo-terminal (80×24).

The app is started on a pty; the clock stops when the screen's text reaches the terminal, i.e.
when a user would see it: for rehab-tui, its home screen's footer ("Check-in"), the last line of
the frame; for the bare Textual app, its text. Each run is then ended with SIGTERM and drained.
Raw bytes are searched (no emulation), so nothing is added to the figure.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

BARE_APP = Path(__file__).with_name("bare_app.py")
BARE_MARKER = b"rehab-tui bare app"
APP_MARKER = b"Check-in"  # in the home screen's footer, its frame's last line


def rehab_tui_command() -> list[str]:
    """The installed `rehab-tui` script beside this Python, as a user would type it."""
    script = Path(sys.executable).with_name("rehab-tui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rehab_tui"]


def time_to_marker(
    command: list[str], marker: bytes, env: dict[str, str], timeout: float = 20
) -> float:
    """Seconds from spawning `command` on a fresh 80×24 pty until `marker` is written to it."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    elapsed = None
    try:
        while elapsed is None:
            if time.perf_counter() - start > timeout:
                raise RuntimeError(
                    f"{command[0]} drew no {marker!r} in {timeout} s: {seen[-300:]!r}"
                )
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    raise RuntimeError(f"{command[0]} exited: {seen[-300:]!r}") from None
                seen += chunk
                if marker in seen:
                    elapsed = time.perf_counter() - start
    finally:
        proc.send_signal(signal.SIGTERM)
        deadline = time.perf_counter() + 10
        while proc.poll() is None and time.perf_counter() < deadline:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(master)
    return elapsed


def measure(data_dir: Path, runs: int) -> tuple[list[float], list[float]]:
    """(rehab-tui times, bare app times), alternated so that drift hits both alike."""
    times = measure_folders({"app": data_dir}, runs)
    return times["app"], times["bare"]


def measure_folders(folders: dict[str, Path], runs: int) -> dict[str, list[float]]:
    """Launch times of rehab-tui on each data folder and of the bare app ("bare"), each round
    launching every one in turn so that drift hits all alike; one warm-up round first."""
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    commands = {
        name: ([*rehab_tui_command(), "--data-dir", str(folder)], APP_MARKER)
        for name, folder in folders.items()
    }
    commands["bare"] = ([sys.executable, str(BARE_APP)], BARE_MARKER)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(runs + 1):
        for name, (command, marker) in commands.items():
            elapsed = time_to_marker(command, marker, env)
            if round_number:  # the first round warms the file cache (and the cache folder)
                times[name].append(elapsed)
    return times
