"""Run every benchmark, print a table, and end with the one-line summary.

    python -m benchmarks           the full run: more launches, 10 years beside 30, one at a time
    python -m benchmarks --quick   about two minutes once the stores are cached (on a product
                                   that meets its goals: a slow export makes it longer)

Each figure is compared with an anchor measured in the same run (machines here are noisy). The
last line is `bench: key=value ...`; the exit code is 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks import (
    exports,
    glass_session,
    glass_timer,
    history10y,
    history_costs,
    run_files,
    startup,
    stores,
    timer,
)
from benchmarks.history_costs import median, paired_ratio

# The goals of issue 18 ("Flat in the size of history, exact at the glass"), and those kept.
GOALS = {
    "ttff_ratio": 1.25,
    "ttff_ratio_30y": 1.3,
    "timer_glass_max_err_ms": 20,
    "timer_max_err_ms": 50,
    "gc_pause_max_ms": 5,
    "history_first_ms_30y": 150,
    "trends_ms_30y": 150,
    "export_json_s_30y": 1.0,
    "export_peak_mb_30y": 120,
    "rss_after_history_ratio_30y": 1.5,
    "cpu_pct": 0.8,
    "save_ms_10y": 10,
    "plan_ratio_10y": 1.2,
    "run_plan_ratio_10y": 1.2,
}
# The summary line's keys, in order: every goal's, then figures reported without one.
SUMMARY = (
    "ttff_ratio",
    "ttff_ratio_10y",
    "ttff_ratio_30y",
    "timer_glass_max_err_ms",
    "timer_first_ms",
    "timer_end_ms",
    "timer_max_err_ms",
    "gc_pause_max_ms",
    "history_first_ms_30y",
    "history_all_s_30y",
    "trends_ms_30y",
    "key_h_ms",
    "key_g_ms",
    "key_help_ms",
    "key_space_ms",
    "key_esc_ms",
    "key_enter_ms",
    "export_json_s_30y",
    "export_peak_mb_30y",
    "history_json_s_30y",
    "history_json_peak_mb_30y",
    "import_s_30y",
    "import_peak_mb_30y",
    "rss_home_mb_30y",
    "rss_after_history_ratio_30y",
    "cpu_pct",
    "anchor_cpu_pct",
    "bytes_per_s",
    "anchor_bytes_per_s",
    "save_ms_10y",
    "plan_ratio_10y",
    "run_plan_ratio_10y",
)


class Report:
    """The figures by key, and the table's rows: (measure, figure, anchor and detail, goal)."""

    def __init__(self) -> None:
        self.figures: dict[str, float] = {}
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, measure: str, key: str | None, figure: str, detail: str) -> None:
        goal = f"≤ {GOALS[key]:g}" if key in GOALS else ""
        self.rows.append((measure, figure, detail, goal))

    def missed(self) -> list[str]:
        return [key for key, goal in GOALS.items() if not self.figures[key] <= goal]

    def summary(self) -> str:
        return "bench: " + " ".join(f"{key}={self.figures[key]:.2f}" for key in SUMMARY)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer launches; 30 years only")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still close every app it started
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 132)
    began = time.perf_counter()
    cache = stores.cache_root()  # before XDG_CACHE_HOME points into the temp folder
    report = Report()
    with tempfile.TemporaryDirectory(prefix="rehab-bench-") as tmp:
        root = Path(tmp)
        os.environ["XDG_CONFIG_HOME"] = str(root / "config")  # never the user's own settings
        os.environ["XDG_CACHE_HOME"] = str(root / "cache")
        run(report, root, cache, args.quick, console)
    table = Table("measure", "figure", "anchor, detail", "goal", title="rehab-tui benchmarks")
    for row in report.rows:
        table.add_row(*row)
    console.print(table)
    missed = report.missed()
    elapsed = time.perf_counter() - began
    console.print(f"GOALS MISSED: {', '.join(missed)}" if missed else "all goals met")
    console.print(f"{'--quick' if args.quick else 'full'} run in {elapsed:.0f} s")
    print(report.summary())
    return 1 if missed else 0


def run(report: Report, root: Path, cache: Path, quick: bool, console: Console) -> None:
    today = date.today()
    home = root / "home"
    _profile_only(home)
    built = {}
    for years in (10, 30):
        console.print(f"{years}-year store (built once a day, kept in {cache})…")
        built[years] = stores.cached_store(years, today, cache)
    ten = stores.copy_of(built[10][0], root / "ten-years")
    thirty = stores.copy_of(built[30][0], root / "thirty-years")
    for years, (folder, sessions, build_s) in built.items():
        size_mb = history10y.size_bytes(folder) / 1e6
        how = f"built in {build_s:.1f} s" if build_s else "cached"
        report.add(
            f"{years}-year store", None, f"{sessions:,} sessions", f"{size_mb:.1f} MB, {how}"
        )

    console.print("start-up: the app on an empty folder, 10 and 30 years, and the bare app…")
    # --quick: 11 launches of each, and 15 plans of each; each ratio the median of a round's
    # (paired_ratio). With 9 launches and 7 plans, and medians' ratios, one run in eight moved a
    # ratio by 0.1 (a plan ratio of 0.91 beside 1.22 in the same minute).
    _start_up(report, {"": home, "_10y": ten, "_30y": thirty}, 11 if quick else 15)
    for years, folder in ((30, thirty),) if quick else ((10, ten), (30, thirty)):
        console.print(f"export, history --json and import at {years} years…")
        _exports(report, folder, root / f"exports-{years}y", years)
    console.print("saving a set and the plan, 10 years stored…")
    _saves_and_plans(report, stores.copy_of(built[10][0], root / "ten-saves"), home, quick)
    if not quick:
        console.print("the app at the glass, 10 years: help, history, trends…")
        _walk(report, ten, 10, today)
    console.print("the app at the glass, 30 years: help, history, trends, then a hold…")
    hold = _walk(report, thirty, 30, today, with_hold=True, scroll_years=1 if quick else 30)
    assert hold is not None
    if quick:
        # The hold after history beside the headless one (timed in its own process, its goal
        # none of the issue's); the hold at the glass alone after them. All three at once, on
        # two cores, their frames met: the collection in the one and the worst frame in the
        # other came out up to three times as long (5 ms, 20 ms) as measured alone.
        console.print("…beside the same hold headless, timed as handed to the widget…")
        headless = _headless_timer_started(root)
        _gc(report, hold.finish())
        _headless_timer(report, headless)
        console.print("`rehab-tui timer --hold 30` beside a bare countdown (45 s)…")
        _glass_timer(report, root)
    else:
        _gc(report, hold.finish())
        console.print("`rehab-tui timer --hold 30` beside a bare countdown (45 s)…")
        _glass_timer(report, root)
        console.print("the same hold headless, timed as handed to the widget (45 s)…")
        _headless_timer(report, _headless_timer_started(root))
        console.print("run import: 500 GPX, TCX and FIT files, twice…")
        first, again = run_files.import_s(root / "run-import", 500)
        report.add(
            "run import, 500 files", None, f"{first:.1f} s", f"again (duplicates) {again:.1f} s"
        )


def _start_up(report: Report, folders: dict[str, Path], runs: int) -> None:
    times = startup.measure_folders(folders, runs)
    bare = median(times["bare"])
    for suffix in folders:
        app = median(times[suffix])
        key = f"ttff_ratio{suffix}"
        report.figures[key] = ratio = paired_ratio(times[suffix], times["bare"])
        what = {"": "an empty folder", "_10y": "10 years", "_30y": "30 years"}[suffix]
        report.add(
            f"time to first frame, {what}",
            key,
            f"{app * 1000:.0f} ms",
            f"bare Textual app {bare * 1000:.0f} ms; ratio {ratio:.2f} (medians' {app / bare:.2f};"
            f" {runs} launches)",
        )


def _exports(report: Report, store: Path, work: Path, years: int) -> None:
    figures = exports.export_and_import(store, work)
    for seconds_key, peak_key, what, detail in (
        (
            "export_json_s",
            "export_peak_mb",
            "export --format json",
            f"{figures['export_mb']:.0f} MB",
        ),
        ("history_json_s", "history_json_peak_mb", "history --json", "to a file"),
        ("import_s", "import_peak_mb", "import of that export", "into an empty folder"),
    ):
        seconds, peak = figures[seconds_key], figures[peak_key]
        report.figures[f"{seconds_key}_{years}y"] = seconds
        report.figures[f"{peak_key}_{years}y"] = peak
        report.add(f"{what}, {years} years", f"{seconds_key}_{years}y", f"{seconds:.2f} s", detail)
        report.add("… its peak memory", f"{peak_key}_{years}y", f"{peak:.0f} MB", "")


def _saves_and_plans(report: Report, ten: Path, home: Path, quick: bool) -> None:
    runs = 15 if quick else 31  # a launch is 0.1 s
    saves = history_costs.save_set_ms(ten, 20 if quick else 50)
    report.figures["save_ms_10y"] = median(saves)
    report.add(
        "save one set, 10 years stored",
        "save_ms_10y",
        f"{median(saves):.2f} ms",
        f"median of {len(saves)}; max {max(saves):.2f} ms",
    )
    for key, words in (("plan_ratio_10y", ("plan",)), ("run_plan_ratio_10y", ("run", "plan"))):
        full, empty = history_costs.plan_times(ten, home, runs, words)
        report.figures[key] = ratio = paired_ratio(full, empty)
        report.add(
            f"{' '.join(words)} --json, 10 years stored",
            key,
            f"{median(full) * 1000:.0f} ms",
            f"empty history {median(empty) * 1000:.0f} ms; ratio {ratio:.2f} (medians'"
            f" {median(full) / median(empty):.2f}; {runs} of each)",
        )


def _walk(
    report: Report,
    store: Path,
    years: int,
    today: date,
    with_hold: bool = False,
    scroll_years: int | None = None,
) -> glass_session.Hold | None:
    """`scroll_years`: how far back history is scrolled (ctrl+end held) before memory is read;
    --quick stops at a year (a page of months loads as it comes into view: scrolling 30 years
    takes a minute), the full run goes to the store's first day."""
    first_day = today - timedelta(days=365 * (scroll_years or years))  # history10y.py's days
    figures, every, hold = glass_session.walk(store, first_day, today, with_hold, FIRST_OPENS)
    each = {key: ", ".join(f"{value:.0f}" for value in values) for key, values in every.items()}
    tag = f"_{years}y"
    ratio = figures["rss_after_history_mb"] / figures["rss_home_mb"]
    report.figures.update(
        {
            f"history_first_ms{tag}": figures["history_first_ms"],
            f"history_all_s{tag}": figures["history_all_s"],
            f"trends_ms{tag}": figures["trends_ms"],
            f"rss_home_mb{tag}": figures["rss_home_mb"],
            f"rss_after_history_ratio{tag}": ratio,
        }
    )
    report.add(
        f"history, {years} years: h to the first rows",
        f"history_first_ms{tag}",
        f"{figures['history_first_ms']:.0f} ms",
        f"median of {FIRST_OPENS} launches ({each['history_first_ms']} ms); to"
        f" {first_day:%d %b %Y} (ctrl+end held) {figures['history_all_s']:.1f} s; esc home "
        f"{figures['key_esc_history_ms']:.0f} ms",
    )
    report.add(
        f"trends, {years} years: g to the first chart",
        f"trends_ms{tag}",
        f"{figures['trends_ms']:.0f} ms",
        f"median of {FIRST_OPENS} launches ({each['trends_ms']} ms); esc home"
        f" {figures['key_esc_trends_ms']:.0f} ms",
    )
    report.add(
        f"app memory after history, {years} years",
        f"rss_after_history_ratio{tag}",
        f"{ratio:.2f}×",
        f"{figures['rss_after_history_mb']:.0f} MB against {figures['rss_home_mb']:.0f} MB at "
        f"home at first ({figures['rss_before_history_mb']:.0f} MB after trends, before h)",
    )
    if with_hold:
        report.figures.update(
            key_h_ms=figures["history_first_ms"],
            key_g_ms=figures["trends_ms"],
            key_help_ms=figures["key_help_ms"],
            key_esc_ms=figures["key_esc_ms"],
            key_enter_ms=figures["key_enter_ms"],
        )
        report.add(
            "keys at the glass, 30 years",
            None,
            f"? {figures['key_help_ms']:.0f} ms",
            f"({each['key_help_ms']} ms); esc (from help) {figures['key_esc_ms']:.0f} ms; enter"
            f" (the quick timer's form to GET READY) {figures['key_enter_ms']:.0f} ms",
        )
    return hold


# The walk up to history's first rows, in as many launches (glass_session.walk): its figures
# were one sample each, and one run in about ten found history's first rows at 150 ms where the
# next runs found 80-110.
FIRST_OPENS = 3


def _gc(report: Report, figures: dict[str, float]) -> None:
    report.figures["gc_pause_max_ms"] = figures["gc_pause_max_ms"]
    report.add(
        "longest garbage collection in a hold after history (30 years)",
        "gc_pause_max_ms",
        f"{figures['gc_pause_max_ms']:.1f} ms",
        f"{int(figures['gc_collections_1ms'])} collections of 1 ms or more in the get-ready "
        "and the 30 s hold (gc.callbacks in the app at the glass)",
    )


def _glass_timer(report: Report, root: Path) -> None:
    hold = glass_timer.hold_at_the_glass(root / "glass-timer")
    report.figures.update(
        timer_glass_max_err_ms=hold["max_err_ms"],
        timer_first_ms=hold["first_ms"],
        timer_end_ms=hold["end_ms"],
        key_space_ms=hold["pause_key_ms"],
        cpu_pct=hold["cpu_pct"],
        anchor_cpu_pct=hold["anchor_cpu_pct"],
        bytes_per_s=hold["bytes_per_s"],
        anchor_bytes_per_s=hold["anchor_bytes_per_s"],
    )
    report.add(
        "timer at the glass: worst lateness of a shown second",
        "timer_glass_max_err_ms",
        f"{hold['max_err_ms']:.1f} ms",
        f"get-ready's first 5: {hold['first_ms']:.0f} ms, get-ready worst "
        f"{hold['lead_in_max_ms']:.0f} ms; hold worst {hold['hold_max_ms']:.0f} ms; the frame "
        f"that ends it {hold['end_ms']:.0f} ms; earliest {hold['earliest_ms']:.0f} ms "
        f"({int(hold['changes'])} changes)",
    )
    report.add(
        "space (pause) at the glass",
        None,
        f"{hold['pause_key_ms']:.0f} ms",
        f"and to resume {hold['resume_key_ms']:.0f} ms; longest collection in that app "
        f"{hold['gc_max_ms']:.0f} ms",
    )
    report.add(
        "CPU over the hold, % of one core",
        "cpu_pct",
        f"{hold['cpu_pct']:.2f} %",
        f"bare 1 Hz big-digit countdown {hold['anchor_cpu_pct']:.2f} % (same {hold['wall_s']:.0f} s)",
    )
    report.add(
        "output to the terminal over the hold",
        None,
        f"{hold['bytes_per_s'] / 1000:.2f} kB/s",
        f"bare countdown {hold['anchor_bytes_per_s'] / 1000:.2f} kB/s",
    )


def _headless_timer_started(root: Path) -> subprocess.Popen[str]:
    folder = root / "headless-timer"
    _profile_only(folder)
    return timer.start(folder)


def _headless_timer(report: Report, process: subprocess.Popen[str]) -> None:
    hold = timer.result(process)
    report.figures["timer_max_err_ms"] = max(hold["worst_late_ms"], abs(hold["hold_error_ms"]))
    report.add(
        "timer headless: worst lateness as handed to the widget",
        "timer_max_err_ms",
        f"{hold['worst_late_ms']:.1f} ms",
        f"hold length {hold['hold_error_ms']:+.1f} ms; CPU {hold['cpu_pct']:.2f} % headless",
    )


def _profile_only(data_dir: Path) -> None:
    from rehab_tui.storage.store import Store

    with Store(data_dir) as store:
        store.acquire_writer_lock()  # as the app opens it: folders made, schema stamped
        store.set_setting(
            "profile", {"tendinopathy": "midportion", "baseline": 1, "limits": "strict"}
        )


if __name__ == "__main__":
    sys.exit(main())
