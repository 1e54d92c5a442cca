"""Exports, `history --json` and import, as a user runs them: the installed command, a new process.

Each is timed (wall seconds, from spawning to its exit) and its peak resident memory read from
the rusage of that child alone (`os.wait4`), so the benchmark's own memory never counts:

- `rehab-tui --data-dir STORE export --format json -o FILE` (three times: the median time)
- `rehab-tui --data-dir STORE history --json > FILE`
- `rehab-tui --data-dir EMPTY import FILE` (the export above, into a new, empty folder)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path

from benchmarks.startup import rehab_tui_command

EXPORT_RUNS = 3


def measured(command: list[str], output: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of `command`; its stdout into `output` (or nowhere)."""
    with open(output or os.devnull, "wb") as stdout:
        began = time.perf_counter()
        child = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    errors = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({child.returncode}): {errors[-500:]}")
    return elapsed, usage.ru_maxrss / 1024  # Linux gives kilobytes


def export_and_import(store: Path, work: Path) -> dict[str, float]:
    """Export, history --json and import, with `store` as the data (not written to)."""
    work.mkdir(parents=True, exist_ok=True)
    rehab_tui = rehab_tui_command()
    exported = work / "export.json"
    figures: dict[str, float] = {}
    # The export (its goal in absolute seconds, with no anchor) three times: the median time,
    # the highest peak. Once, the same command on the same copy took 0.82, 0.55 and 0.54 s.
    export = [*rehab_tui, "--data-dir", str(store), "export", "--format", "json", "-o"]
    runs = [measured([*export, str(exported)]) for _ in range(EXPORT_RUNS)]
    figures["export_json_s"] = statistics.median(seconds for seconds, _ in runs)
    figures["export_peak_mb"] = max(peak for _, peak in runs)
    figures["export_mb"] = exported.stat().st_size / 1e6
    figures["history_json_s"], figures["history_json_peak_mb"] = measured(
        [*rehab_tui, "--data-dir", str(store), "history", "--json"], work / "history.json"
    )
    figures["import_s"], figures["import_peak_mb"] = measured(
        [*rehab_tui, "--data-dir", str(work / "imported"), "import", str(exported)]
    )
    return figures
