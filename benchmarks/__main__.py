"""Run every benchmark, print a table, and end with the one-line summary.

    python -m benchmarks           the full run (more repetitions, a few minutes)
    python -m benchmarks --quick   under a minute

Each figure is compared with an anchor measured in the same run (machines here are noisy).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks import history10y, history_costs, run_files, startup, timer
from benchmarks.history_costs import median

GOALS = {
    "ttff_ratio": 1.3,
    "timer_max_err_ms": 50,
    "cpu_pct": 3,
    "save_ms_10y": 10,
    "plan_ratio_10y": 1.2,
    "run_plan_ratio_10y": 1.2,
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: under a minute")
    args = parser.parse_args()
    runs = 7 if args.quick else 15
    console = Console(highlight=False)
    rows: list[tuple[str, str, str, str]] = []
    figures: dict[str, float] = {}
    began = time.perf_counter()

    with tempfile.TemporaryDirectory(prefix="rehab-bench-") as tmp:
        root = Path(tmp)
        os.environ["XDG_CONFIG_HOME"] = str(root / "config")  # never the user's own settings
        os.environ["XDG_CACHE_HOME"] = str(root / "cache")
        home = root / "home"
        _profile_only(home)

        console.print("timer: a real 30 s hold with a 3 s pause (about 40 s)…")
        hold = asyncio.run(timer.run_hold(root / "timer"))
        figures["timer_max_err_ms"] = max(hold["worst_late_ms"], abs(hold["hold_error_ms"]))
        figures["cpu_pct"] = hold["cpu_pct"]
        rows += [
            (
                "timer: worst lateness of a shown second",
                f"{hold['worst_late_ms']:.1f} ms",
                f"{int(hold['changes'])} changes, earliest {hold['earliest_ms']:.1f} ms",
                "≤ 50 ms",
            ),
            (
                "timer: hold length error (30 s + pause)",
                f"{hold['hold_error_ms']:+.1f} ms",
                f"pause {hold['pause_s']:.3f} s",
                "≤ 50 ms",
            ),
            (
                "cpu over the hold",
                f"{hold['cpu_pct']:.2f} %",
                "of one core, process time / wall time",
                "≤ 3 %",
            ),
        ]

        console.print(f"start-up: {runs} launches of each app on a pty…")
        app_times, bare_times = startup.measure(home, runs)
        figures["ttff_ratio"] = median(app_times) / median(bare_times)
        rows.append(
            (
                "time to first frame",
                f"{median(app_times) * 1000:.0f} ms",
                f"bare Textual app {median(bare_times) * 1000:.0f} ms; ratio {figures['ttff_ratio']:.2f}",
                "ratio ≤ 1.3",
            )
        )

        console.print("ten years of history: building 7,300 sessions…")
        ten = root / "ten-years"
        started = time.perf_counter()
        sessions = history10y.build(ten, date.today())
        built_s = time.perf_counter() - started
        size_mb = history10y.size_bytes(ten) / 1e6
        rows.append(
            (
                "10-year store",
                f"{sessions:,} sessions",
                f"{size_mb:.1f} MB in {len(list((ten / 'sessions').glob('*.json')))} month files, built in {built_s:.1f} s",
                "",
            )
        )

        saves = history_costs.save_set_ms(ten, 20 if args.quick else 50)
        figures["save_ms_10y"] = median(saves)
        rows.append(
            (
                "save one set, 10 years stored",
                f"{median(saves):.2f} ms",
                f"median of {len(saves)}; max {max(saves):.2f} ms",
                "≤ 10 ms",
            )
        )

        full, empty = history_costs.plan_times(ten, home, runs)
        figures["plan_ratio_10y"] = median(full) / median(empty)
        rows.append(
            (
                "plan --json, 10 years stored",
                f"{median(full) * 1000:.0f} ms",
                f"empty history {median(empty) * 1000:.0f} ms; ratio {figures['plan_ratio_10y']:.2f}",
                "ratio ≤ 1.2",
            )
        )

        full, empty = history_costs.plan_times(ten, home, runs, ("run", "plan"))
        figures["run_plan_ratio_10y"] = median(full) / median(empty)
        rows.append(
            (
                "run plan --json, 10 years of runs and sessions",
                f"{median(full) * 1000:.0f} ms",
                f"empty history {median(empty) * 1000:.0f} ms; "
                f"ratio {figures['run_plan_ratio_10y']:.2f}",
                "ratio ≤ 1.2",
            )
        )

        first, everything = history_costs.history_first_rows_s(ten)
        rows.append(
            (
                "history screen, 10 years",
                f"{first * 1000:.0f} ms",
                f"to the first rows; all {sessions:,} rows in {everything:.2f} s",
                "(no goal yet)",
            )
        )
        for fmt in ("json", "html"):
            rows.append(
                (
                    f"export {fmt}, 10 years",
                    f"{history_costs.export_s(ten, fmt):.2f} s",
                    "in-process",
                    "(no goal yet)",
                )
            )
        console.print("run import: 500 GPX, TCX and FIT files, twice…")
        first, again = run_files.import_s(root / "run-import", 500)
        rows.append(
            (
                "run import, 500 files",
                f"{first:.1f} s",
                f"rehab-tui run import, a new process; again (all duplicates) {again:.1f} s",
                "(no goal yet)",
            )
        )
        rows.append(
            (
                "peak memory (this process)",
                f"{history_costs.peak_memory_mb():.0f} MB",
                "after all of the above",
                "(no goal yet)",
            )
        )

    table = Table("measure", "figure", "detail", "goal", title="rehab-tui benchmarks")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    met = all(figures[name] <= goal for name, goal in GOALS.items())
    console.print(
        f"{'all goals met' if met else 'GOALS MISSED'} in {time.perf_counter() - began:.0f} s"
    )
    print(
        "bench: "
        + " ".join(
            f"{name}={figures[name]:.2f}"
            for name in (
                "ttff_ratio",
                "timer_max_err_ms",
                "cpu_pct",
                "save_ms_10y",
                "plan_ratio_10y",
                "run_plan_ratio_10y",
            )
        )
    )
    return 0 if met else 1


def _profile_only(data_dir: Path) -> None:
    from rehab_tui.storage.store import Store

    with Store(data_dir) as store:
        store.acquire_writer_lock()  # as the app opens it: folders made, schema stamped
        store.set_setting(
            "profile", {"tendinopathy": "midportion", "baseline": 1, "limits": "strict"}
        )


if __name__ == "__main__":
    raise SystemExit(main())
