"""kill -9 at random moments never damages the data or loses a committed set.

A subprocess runs the real store (tests/helpers/writer.py), saving sets one by one and printing
"committed N" after each save returns. The test kills it with SIGKILL at a random moment, then
opens the data as the app would: it must load, and hold every set that was reported committed.
`pytest --slow` runs 200 kills; the default run does 20.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from rehab_tui.storage.store import Store

WRITER = Path(__file__).parents[1] / "helpers" / "writer.py"
SETS_PER_RUN = 30


def kill_at_random(data_dir: Path, rng: random.Random) -> tuple[str | None, int]:
    """Start the writer, kill -9 it after a random number of commits plus a random few ms."""
    target = rng.randint(0, SETS_PER_RUN)
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), str(SETS_PER_RUN)],
        stdout=subprocess.PIPE,
        text=True,
    )
    session_id, committed = None, 0
    assert proc.stdout is not None
    while committed < target:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith("session "):
            session_id = line.split()[1]
        elif line.startswith("committed "):
            committed = int(line.split()[1])
    time.sleep(rng.uniform(0, 0.004))
    os.kill(proc.pid, signal.SIGKILL)
    rest, _ = proc.communicate()
    # Lines printed between our last read and the kill were committed too.
    for line in rest.splitlines():
        if line.startswith("session "):
            session_id = line.split()[1]
        elif line.startswith("committed "):
            committed = int(line.split()[1])
    return session_id, committed


def test_kill_9_never_loses_a_committed_set(tmp_path, request):
    runs = 200 if request.config.getoption("--slow") else 20
    rng = random.Random(20261123)
    data_dir = tmp_path / "data"
    expected: dict[str, int] = {}
    for run in range(runs):
        session_id, committed = kill_at_random(data_dir, rng)
        if session_id is not None:
            expected[session_id] = committed
        with Store(data_dir) as store:  # loads, or raises DamagedFileError: a failure
            saved = {s["id"]: len(s["exercises"][0]["sets"]) for s in store.sessions()}
            for known, count in expected.items():
                assert saved.get(known, -1) >= count, f"run {run}: {known} lost committed sets"
            checkins = store.checkins()
            assert all(isinstance(c["pain"], int) for c in checkins)
            store.acquire_writer_lock()  # as the next writer (the app, `log`) opens it
            assert not list(data_dir.rglob("*.tmp")), "stray temp files are removed by the writer"
    assert sum(expected.values()) > 0, "some runs must have committed sets before the kill"
