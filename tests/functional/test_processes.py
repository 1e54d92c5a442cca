"""Several rehab-tui processes on one data folder at once, as real processes.

One writer (tests/helpers/writer.py: the real store, saving sets one by one while it holds the
writer lock) runs while other processes (tests/helpers/reader.py) open the same folder again
and again, read everything, and try to become the writer too, as `history`, `plan`, `export`,
a second `log` or a second app do. No save of the writer may fail or be lost.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rehab_tui.storage.store import Store

HELPERS = Path(__file__).parents[1] / "helpers"
SETS = 600
READERS = 2


def test_readers_and_refused_writers_never_break_the_writers_saves(tmp_path):
    data = tmp_path / "data"
    writer = subprocess.Popen(
        [sys.executable, str(HELPERS / "writer.py"), str(data), str(SETS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    first = writer.stdout.readline()  # "session ID": the writer holds the lock
    assert first.startswith("session "), first
    readers = [
        subprocess.Popen(
            [sys.executable, str(HELPERS / "reader.py"), str(data)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(READERS)
    ]
    out, err = writer.communicate(timeout=120)
    reads = 0
    for reader in readers:
        reader_out, reader_err = reader.communicate(input="", timeout=60)
        assert reader.returncode == 0 and "Traceback" not in reader_err, reader_err
        reads += int(reader_out.split()[-1])
    assert writer.returncode == 0 and "Traceback" not in err, err
    assert out.splitlines()[-1] == f"committed {SETS}"
    assert reads > 0
    with Store(data) as store:
        (session,) = store.sessions()
        sets = [s["set"] for exercise in session["exercises"] for s in exercise["sets"]]
        assert sets == list(range(1, 101)) * (SETS // 100)  # 100 sets to an exercise
        assert len(store.checkins()) == SETS // 10
