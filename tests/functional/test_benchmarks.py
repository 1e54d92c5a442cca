"""The benchmarks' own machinery stays working (the figures come from `python -m benchmarks`).

Each piece of the instrument is checked on tiny inputs: the pseudo-terminal driver, the reading
of a big number off an emulated screen, the truth a shown second is compared with, the stores'
cache, a child's peak memory, and the summary line's keys. The full run is not made here.
"""

from __future__ import annotations

import json
import sys
from datetime import date

import pyte
import pytest

from benchmarks import exports, glass_timer, history10y, stores
from benchmarks.__main__ import GOALS, SUMMARY, Report
from benchmarks.glass import Glass, big_number, shows_number, shows_text
from benchmarks.history_costs import median, paired_ratio
from benchmarks.startup import rehab_tui_command
from rehab_tui.services.planning import plan_for
from rehab_tui.storage.catalog import load_catalog
from rehab_tui.storage.store import Store
from rehab_tui.tui.widgets.big_count import draw


def test_the_history_builder_writes_a_store_the_app_reads(tmp_path):
    today = date(2026, 3, 3)
    made = history10y.build(tmp_path, today, years=1)
    assert made == 730
    with Store(tmp_path) as store:
        sessions = list(store.sessions())
        assert len(sessions) == 730 and sessions[0]["started_at"][:10] == "2026-03-02"
        assert store.checkins(since="2026-03-03")[0]["pain"] == 1
        assert len(store.tests()) == 12
        plan = plan_for(store, load_catalog(), today)
    assert plan.reasons


def test_a_store_is_built_once_a_day_and_kept(tmp_path):
    folder, sessions, build_s = stores.cached_store(1, date(2026, 3, 3), tmp_path)
    assert sessions == 730 and build_s > 0
    again = stores.cached_store(1, date(2026, 3, 3), tmp_path)
    assert again == (folder, 730, 0.0)  # cached: not built again
    newer, _, build_s = stores.cached_store(1, date(2026, 3, 4), tmp_path)
    assert build_s > 0 and not folder.exists() and newer.exists()  # a stale day is replaced
    copy = stores.copy_of(newer, tmp_path / "copy")
    with Store(copy) as store:
        assert len(list(store.sessions())) == 730


def test_the_run_import_benchmark_imports_its_files(tmp_path):
    from benchmarks import run_files

    first, again = run_files.import_s(tmp_path, count=6)
    assert first > 0 and again > 0
    with Store(tmp_path / "data") as store:
        assert len(store.runs()) == 6
        assert {run["source"][-3:] for run in store.runs()} == {"gpx", "tcx", "fit"}


@pytest.mark.parametrize("value, scale", [("5", 1), ("29", 2), ("30", 3), ("10", 1)])
def test_a_big_number_is_read_off_the_emulated_screen(value, scale):
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    stream.feed("╭────╮\r\n│ GET READY\r\n".encode())
    for line in draw(value, scale):
        stream.feed(f"│  {line}  │\r\n".encode())  # inside a panel, as the player shows it
    stream.feed("│    ━━━━━╸━━━━  │\r\n".encode())
    assert big_number(screen.display) == value
    assert big_number(["plain text", "  ━━━━━  "]) is None


def test_the_pty_driver_sees_a_marker_and_a_key_echoed():
    program = (
        "import sys, time; sys.stdout.write('\\x1b[2J\\x1b[5;3Hhello glass'); "
        "sys.stdout.flush(); time.sleep(20)"
    )
    with Glass([sys.executable, "-c", program]) as glass:
        seen = glass.wait_for(shows_text("hello glass"), 10)
        assert glass.started_at < seen and glass.lines()[4].startswith("  hello glass")
        assert glass.latency("x", lambda g: "x" in g.text(), 5) < 5  # the terminal's echo
        assert glass.bytes_out > 0 and glass.rss_mb() > 1 and glass.cpu_s() >= 0


def test_the_quick_timer_is_read_at_the_glass_with_its_true_start(tmp_path):
    """The real app, through the truth-logging launcher: its first "5" on the emulated screen,
    and the countdown's start logged on the same clock, before that frame arrived."""
    truth = tmp_path / "truth.jsonl"
    command = [sys.executable, str(glass_timer.TRUTH_LAUNCH), str(truth)]
    data = ["--data-dir", str(tmp_path / "data"), "timer", "--hold", "5"]
    with Glass([*command, *data]) as glass:
        shown = glass.wait_for(shows_number("5"), 30, "the get-ready's 5")
        assert glass.shows("GET READY")
    (start,) = [json.loads(line) for line in truth.read_text().splitlines()[:1]]
    assert start["event"] == "start" and glass.started_at < start["at"] < shown


def test_the_truth_of_a_hold_moves_on_by_a_pause():
    due = glass_timer.due_instants(100.0, 3, [(106.5, 108.0)])
    assert due == [
        ("5", 100.0),
        ("4", 101.0),
        ("3", 102.0),
        ("2", 103.0),
        ("1", 104.0),
        ("3", 105.0),
        ("2", 106.0),
        ("1", 108.5),  # 107 plus the pause's 1.5 s
        (glass_timer.END, 109.5),
    ]
    shown = [(100.2, "5"), (101.01, "4"), (103.0, "2"), (104.0, "1")]
    late = glass_timer.lateness(shown, due[:5])
    # "3" never reached the glass: late until the next change ("2") did.
    assert [round(s, 2) for _, s in late] == [0.2, 0.01, 1.0, 0.0, 0.0]


def test_a_childs_time_and_peak_memory_are_its_own(tmp_path):
    seconds, peak_mb = exports.measured([sys.executable, "-c", "x = bytearray(60_000_000)"])
    assert 0 < seconds < 30 and 60 < peak_mb < 200
    with pytest.raises(RuntimeError, match="failed"):
        exports.measured([sys.executable, "-c", "raise SystemExit(3)"])


def test_the_summary_line_has_every_key_and_every_goal_is_on_it():
    assert set(GOALS) <= set(SUMMARY)
    for key in (
        "ttff_ratio",
        "ttff_ratio_30y",
        "ttff_ratio_10y",
        "timer_glass_max_err_ms",
        "gc_pause_max_ms",
        "history_first_ms_30y",
        "trends_ms_30y",
        "export_json_s_30y",
        "export_peak_mb_30y",
        "history_json_s_30y",
        "import_s_30y",
        "rss_after_history_ratio_30y",
        "cpu_pct",
        "bytes_per_s",
        "anchor_cpu_pct",
        "key_h_ms",
        "key_g_ms",
        "key_help_ms",
        "key_space_ms",
        "key_esc_ms",
        "key_enter_ms",
        "save_ms_10y",
        "plan_ratio_10y",
    ):
        assert key in SUMMARY
    report = Report()
    report.figures = {key: 0.5 for key in SUMMARY}  # under every goal
    line = report.summary()
    assert line.startswith("bench: ") and line.count("=") == len(SUMMARY)
    assert report.missed() == []
    report.figures["gc_pause_max_ms"] = 99.0
    assert report.missed() == ["gc_pause_max_ms"]


def test_a_ratio_is_the_median_of_each_round_s_ratio_to_its_anchor():
    # Launches of 100 ms against an anchor of 90 ms, with three rounds in a slow minute (both
    # of each pair 40% slower) among seven: the medians' ratio moves, the paired one does not.
    measured = [0.100, 0.101, 0.140, 0.141, 0.142, 0.099, 0.100]
    anchors = [0.090, 0.090, 0.126, 0.127, 0.128, 0.090, 0.090]
    assert paired_ratio(measured, anchors) == pytest.approx(1.111, abs=0.002)
    assert median(measured) / median(anchors) == pytest.approx(1.122, abs=0.002)
    assert paired_ratio([0.1, 0.3, 0.2], [0.1, 0.1, 0.1]) == pytest.approx(2.0)
    with pytest.raises(ValueError):  # the rounds are paired, never cut short
        paired_ratio([0.1, 0.2], [0.1])


def test_the_command_that_is_benchmarked_is_the_installed_script():
    assert rehab_tui_command()[0].endswith("rehab-tui") or "-m" in rehab_tui_command()
