"""A backup of everything the app records imports again, whole: every session kind (a logged
plan session, a followed routine, the quick timer, a capacity test), their fields, the capacity
tests, the check-ins, the runs (logged, and read from a watch's file) and the profile. (A backup made after following a routine used to be
refused: "sessions[0].kind: expected one of plan, free, test, got 'routine'".)
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

from benchmarks.run_files import fit_bytes
from rehab_tui.cli.main import main
from rehab_tui.domain.clock import FakeClock
from rehab_tui.domain.pain import DEFAULT_LIMITS
from rehab_tui.domain.quick import QuickTimer
from rehab_tui.domain.record_types import SessionKind
from rehab_tui.storage import locations
from rehab_tui.storage.routines import ensure_routines_file
from rehab_tui.storage.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.score import ScoreScreen
from rehab_tui.tui.screens.home import HomeScreen
from rehab_tui.tui.screens.pain import PainScreen
from rehab_tui.tui.screens.player import PlayerScreen
from rehab_tui.tui.screens.summary import SummaryScreen

SIZE = (80, 24)
TODAY = date.today()  # `log` and `checkin` refuse days after the real today


def cli(capsys, *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


async def advance(pilot, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    pilot.app.screen.update_now()
    await pilot.pause()


async def rate(pilot, pain: str) -> None:
    assert isinstance(pilot.app.screen, PainScreen)
    await pilot.press(pain, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SummaryScreen)


async def follow_the_routine(catalog, store: Store, clock: FakeClock) -> None:
    """One set of the followed routine, then ended early and rated."""
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen) and app.screen.own is not None
        await pilot.press("enter")
        assert isinstance(app.screen, PlayerScreen)
        await advance(pilot, clock, 5 + 45 + 0.1)
        await app.workers.wait_for_complete()
        await pilot.press("q", "y")
        await pilot.pause()
        await rate(pilot, "2")


async def play_a_quick_timer(catalog, store: Store, clock: FakeClock) -> None:
    app = RehabApp(catalog, store, clock, quick=QuickTimer(hold=10, sets=1, rest=10))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        await advance(pilot, clock, 5 + 10 + 0.1)
        await rate(pilot, "1")


async def take_the_heel_raise_test_and_a_visa_a_score(catalog, store: Store, clock) -> None:
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "1")
        player = app.screen
        assert isinstance(player, PlayerScreen)
        await advance(pilot, clock, 5 + 2 * 20 + 0.5)
        await pilot.press("d")
        await advance(pilot, clock, 5 + 2 * 24 + 0.5)
        await pilot.press("d")
        await rate(pilot, "2")
        await pilot.press("enter")  # home again
        await pilot.pause()
        await pilot.press("c", "3")
        assert isinstance(app.screen, ScoreScreen)
        await pilot.press("7", "4", "enter")
        await pilot.pause()


async def test_a_backup_of_everything_the_app_records_imports_whole(
    private_dirs, catalog, capsys, tmp_path
):
    cli(capsys, "setup", "--type", "insertional", "--baseline", "1", "--limits", "silbernagel")
    two_days_ago, yesterday = TODAY - timedelta(days=2), TODAY - timedelta(days=1)
    cli(capsys, "log", "--pain", "2", "--date", two_days_ago.isoformat(), "--note", "easy")
    cli(capsys, "checkin", "--pain", "0", "--date", two_days_ago.isoformat())
    cli(capsys, "checkin", "--pain", "1", "--stiffness-min", "10", "--date", yesterday.isoformat())
    ensure_routines_file(locations.routines_file(), DEFAULT_LIMITS)
    cli(capsys, "routines", "--follow", "Physio program")
    cli(capsys, "run", "log", "--min", "20", "--km", "3.1", "--pain", "1",
        "--date", two_days_ago.isoformat(), "--kind", "walk-run", "--level", "2", "--note", "track")  # fmt: skip
    watch_file = tmp_path / "watch.fit"
    watch_file.write_bytes(fit_bytes(datetime.combine(yesterday, time(7)).astimezone(), 31, 5.5))
    cli(capsys, "run", "import", "--pain", "2", str(watch_file))

    clock = FakeClock(datetime.combine(yesterday, time(18)).astimezone(UTC))
    with Store(private_dirs) as store:
        await follow_the_routine(catalog, store, clock)
        await play_a_quick_timer(catalog, store, clock)
        await take_the_heel_raise_test_and_a_visa_a_score(catalog, store, clock)

    history = cli(capsys, "history", "--json")
    sessions = json.loads(history)["sessions"]
    assert {s["kind"] for s in sessions} == set(SessionKind), "every kind is in the backup"
    fields = {key for s in sessions for key in s}
    assert {"routine", "quick", "test", "logged"} <= fields
    runs = json.loads(history)["runs"]
    assert [(r["kind"], r.get("source")) for r in runs] == [
        ("continuous", "watch.fit"),
        ("walk_run", None),
    ]

    backup = tmp_path / "backup.json"
    cli(capsys, "export", "--format", "json", "-o", str(backup))
    elsewhere = str(tmp_path / "elsewhere")
    said = cli(capsys, "--data-dir", elsewhere, "import", str(backup))
    assert "added 4 sessions, 2 check-ins, 2 capacity tests and 2 runs." in said, said

    assert cli(capsys, "--data-dir", elsewhere, "history", "--json") == history
    again = tmp_path / "again.json"
    cli(capsys, "--data-dir", elsewhere, "export", "--format", "json", "-o", str(again))
    before, after = json.loads(backup.read_text()), json.loads(again.read_text())
    for part in ("profile", "sessions", "checkins", "tests", "runs"):
        assert after[part] == before[part], part
    assert before["profile"] == {
        "tendinopathy": "insertional",
        "baseline": 1,
        "limits": "silbernagel",
        "heel_raise_floor": 20,
        "symmetry_pct": 90,
        "weights": True,
    }
    assert [t["kind"] for t in before["tests"]] == ["heel_raise", "visa_a"]
    assert [c.get("stiffness_min") for c in before["checkins"]] == [None, 10]
    assert [r["level"] for r in before["runs"]] == [2, None]
    said = cli(capsys, "--data-dir", elsewhere, "import", str(backup))
    assert "added 0 sessions, 0 check-ins, 0 capacity tests and 0 runs" in said, said
