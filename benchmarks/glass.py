"""The glass: a program on a real pseudo-terminal, its output timestamped and emulated.

`Glass` starts a command on a fresh pty of a given size (80×24 by default), reads the master
side, and stamps every chunk with `time.monotonic()` the moment it is read: the system-wide
monotonic clock, the same one the app's `SystemClock` reads, so an instant logged by the app can
be compared with an instant at the glass. Each chunk is fed to a terminal emulator (pyte), so
conditions are checked on the screen a user would see ("this text is visible", "the big number
shows 29"), and the instant a condition first holds is the instant of the chunk that completed
it. Keys are written to the master side as a terminal writes them. The process's resident memory
and CPU time are read from /proc.

What this adds to a measurement is the time this process takes to read and emulate a chunk
(pyte, pure Python: well under a millisecond for a countdown's frame, a few milliseconds for a
full screen of table rows); it is on the side of lateness, never early.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyte

KEYS = {
    "enter": b"\r",
    "esc": b"\x1b",
    "space": b" ",
    "end": b"\x1b[F",
    "home": b"\x1b[H",
    "pagedown": b"\x1b[6~",
    "ctrl+end": b"\x1b[1;5F",
    "tab": b"\t",
    "ctrl+c": b"\x03",
    "ctrl+u": b"\x15",
}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

Condition = Callable[["Glass"], bool]
LIVE: set[Glass] = set()  # closed at exit, so that no app outlives a failed benchmark


class GlassTimeout(RuntimeError):
    """A condition did not hold in time; the message has the screen as it was."""


class Glass:
    """One program on one pty, read as it writes."""

    def __init__(
        self,
        command: list[str],
        env: dict[str, str] | None = None,
        size: tuple[int, int] = (80, 24),
    ) -> None:
        columns, rows = size
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.chunks: list[tuple[float, int]] = []  # (monotonic instant read, bytes)
        self.bytes_out = 0
        self.last_read_at = 0.0
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.master = master
        full_env = {**os.environ, **(env or {})}
        full_env.update(TERM="xterm-256color", COLUMNS=str(columns), LINES=str(rows))
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=full_env, start_new_session=True
        )
        os.close(slave)
        self.pid = self.process.pid
        self.exited = False
        LIVE.add(self)

    # -- reading ------------------------------------------------------------------------

    def read_once(self, timeout: float) -> bool:
        """Read and emulate one chunk if one arrives within `timeout` s; False if none did."""
        if self.exited:
            time.sleep(timeout)
            return False
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the program closed the terminal (it has exited)
            chunk = b""
        at = time.monotonic()
        if not chunk:
            self.exited = True
            return False
        self.last_read_at = at
        self.chunks.append((at, len(chunk)))
        self.bytes_out += len(chunk)
        self.stream.feed(chunk)
        return True

    def wait_for(
        self, condition: Condition, timeout: float = 20.0, what: str = "", fresh: bool = False
    ) -> float:
        """The instant (monotonic) of the chunk with which `condition` first held.

        If it holds already, the instant of the last chunk read (or now, if none was); with
        `fresh`, only a chunk read from now on counts (the answer to a key just sent)."""
        if not fresh and condition(self):
            return self.last_read_at or time.monotonic()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.read_once(min(0.25, deadline - time.monotonic())) and condition(self):
                return self.last_read_at
            if self.exited:
                break
        state = "exited" if self.exited else f"nothing in {timeout:g} s"
        raise GlassTimeout(f"{what or condition!r}: {state}; the screen:\n{self.text()}")

    def settle(self, quiet_s: float = 0.3, most_s: float = 10.0) -> None:
        """Read until the program has written nothing for `quiet_s` (at most `most_s`)."""
        deadline = time.monotonic() + most_s
        while time.monotonic() < deadline and self.read_once(quiet_s):
            pass

    def bytes_between(self, begin: float, end: float) -> int:
        """Bytes written to the terminal between two instants (monotonic)."""
        return sum(size for at, size in list(self.chunks) if begin <= at <= end)

    # -- the screen -----------------------------------------------------------------------

    def lines(self) -> list[str]:
        return list(self.screen.display)

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.lines())

    def shows(self, text: str) -> bool:
        return any(text in line for line in self.lines())

    # -- keys -----------------------------------------------------------------------------

    def press(self, key: str) -> float:
        """Write one key as a terminal sends it; the instant it was written."""
        os.write(self.master, KEYS.get(key, key.encode()))
        return time.monotonic()

    def latency(self, key: str, condition: Condition, timeout: float = 20.0) -> float:
        """Seconds from writing `key` to the screen that satisfies `condition`."""
        self.settle(0.05, 2.0)  # what was on its way before the key is not its answer
        pressed = self.press(key)
        return self.wait_for(condition, timeout, f"after {key!r}", fresh=True) - pressed

    # -- the process ---------------------------------------------------------------------

    def rss_mb(self) -> float:
        """Resident memory now, from /proc/PID/status (VmRSS)."""
        return rss_mb(self.pid)

    def cpu_s(self) -> float:
        """User + system CPU seconds so far, from /proc/PID/stat."""
        return cpu_s(self.pid)

    def close(self, timeout: float = 10.0) -> None:
        """SIGTERM (as a closed terminal window would), drained until it exits; then killed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            if not self.read_once(0.05) and self.exited:
                self.process.wait(max(0.1, deadline - time.monotonic()))
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self in LIVE:
            LIVE.discard(self)
            os.close(self.master)

    def __enter__(self) -> Glass:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


@atexit.register
def _close_all() -> None:
    for glass in list(LIVE):
        glass.close(timeout=2)


class Reader:
    """Keeps a glass read (and emulated) on a thread of its own, while another is timed."""

    def __init__(self, glass: Glass) -> None:
        self.glass = glass
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while not self._stop.is_set():
            self.glass.read_once(0.1)

    def stop(self) -> Glass:
        self._stop.set()
        self._thread.join()
        return self.glass


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else 0.0


def cpu_s(pid: int) -> float:
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()  # the command's name may hold spaces
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


# -- big numbers ----------------------------------------------------------------------------

BLOCKS = {" ": (False, False), "▀": (True, False), "▄": (False, True), "█": (True, True)}
BORDERS = str.maketrans(dict.fromkeys("│┃║▏▕▎▊▌▐", " "))  # a panel's sides, not pixels
# rehab-tui's big number: a 3×5 pixel font in half blocks, scaled by a whole number
# (rehab_tui/tui/widgets/big_count.py). Written out again here so that the instrument reads the
# screen on its own terms.
FONT = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
}
GLYPHS = {pixels: digit for digit, pixels in FONT.items()}


def big_number(lines: list[str]) -> str | None:
    """The number drawn in half blocks on the screen (the largest such block of lines), or None.

    Lines made only of spaces and half blocks are pixels, two rows a cell; the lit box's height
    is five pixels times the scale, and each glyph is three pixels wide with one between."""
    runs: list[list[str]] = [[]]
    for line in lines:
        body = line.translate(BORDERS)
        if body.strip() and all(char in BLOCKS for char in body):
            runs[-1].append(body)
        elif runs[-1]:
            runs.append([])
    block = max(runs, key=len)
    if not block:
        return None
    pixels = [
        [BLOCKS.get(char, (False, False))[half] for char in line]
        for line in block
        for half in (0, 1)
    ]
    lit_rows = [y for y, row in enumerate(pixels) if any(row)]
    lit_columns = [x for x in range(len(pixels[0])) if any(row[x] for row in pixels)]
    if not lit_rows:
        return None
    top, left = lit_rows[0], lit_columns[0]
    height, width = lit_rows[-1] - top + 1, lit_columns[-1] - left + 1
    if height % 5:
        return None
    scale = height // 5
    if (width // scale + 1) % 4:
        return None
    rows = [
        "".join(
            "#" if pixels[top + y * scale][left + x * scale] else "." for x in range(width // scale)
        )
        for y in range(5)
    ]
    digits = []
    for start in range(0, len(rows[0]), 4):
        glyph = tuple(row[start : start + 3] for row in rows)
        if glyph not in GLYPHS:
            return None
        digits.append(GLYPHS[glyph])
    return "".join(digits)


def shows_number(value: str) -> Condition:
    return lambda glass: big_number(glass.lines()) == value


def shows_text(text: str) -> Condition:
    return lambda glass: glass.shows(text)
