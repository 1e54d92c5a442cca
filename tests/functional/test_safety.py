"""Damaged files in the app, a too-small window, signals, schema migration, two instances."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from rehab_tui.cli.main import main
from rehab_tui.domain.pain import DEFAULT_LIMITS
from rehab_tui.domain.playback import resume_index
from rehab_tui.domain.records import prescription_of, saved_sets
from rehab_tui.domain.timeline import build_timeline
from rehab_tui.storage import store as store_module
from rehab_tui.storage.errors import LockedError, StoreError
from rehab_tui.storage.store import SCHEMA_VERSION, Store
from rehab_tui.tui import exit_watchdog
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.damaged import QUIT, SET_ASIDE, DamagedFileApp
from rehab_tui.tui.dialogs.too_small import TooSmallScreen
from rehab_tui.tui.screens.home import HomeScreen
from rehab_tui.tui.screens.player import PlayerScreen

HELPERS = Path(__file__).parents[1] / "helpers"
MINI = Path(__file__).parents[1] / "data" / "mini.yaml"

# -- a damaged file, met by the app ----------------------------------------------------------


@pytest.mark.parametrize(("key", "choice"), [("k", SET_ASIDE), ("q", QUIT), ("escape", QUIT)])
async def test_the_damaged_file_screen_names_the_file_and_asks(tmp_path, key, choice):
    path = tmp_path / "sessions" / "2026-03.json"
    app = DamagedFileApp(path, "it is not valid JSON (line 1)")
    async with app.run_test(size=(80, 24)) as pilot:
        text = " ".join(str(label.content) for label in app.screen.query("Label"))
        assert str(path) in text and "It is not valid JSON (line 1)." in text
        assert "2026-03" in text and "has not been changed" in text
        await pilot.press(key)
    assert app.return_value == choice


def damage(private_dirs: Path, name: str) -> tuple[Path, bytes]:
    with Store(private_dirs) as opened:
        opened.acquire_writer_lock()  # as the app opens it: folders made, schema stamped
    path = private_dirs / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'{"sessions": {"1": {"id": "2026')
    return path, path.read_bytes()


@pytest.mark.parametrize("name", ["rehab.json", "sessions/2026-11.json"])
def test_quitting_at_a_damaged_file_leaves_it_and_says_so(private_dirs, monkeypatch, capsys, name):
    path, content = damage(private_dirs, name)
    monkeypatch.setattr(DamagedFileApp, "run", lambda self: QUIT)
    monkeypatch.setattr(RehabApp, "run", lambda self: pytest.fail("the app must not start"))
    assert main([]) == 1
    assert f"rehab-tui: {path} cannot be read" in capsys.readouterr().err
    assert path.read_bytes() == content


@pytest.mark.parametrize("name", ["rehab.json", "sessions/2026-11.json"])
def test_keeping_a_damaged_file_aside_starts_fresh(private_dirs, monkeypatch, name):
    path, content = damage(private_dirs, name)
    started: list[RehabApp] = []
    monkeypatch.setattr(DamagedFileApp, "run", lambda self: SET_ASIDE)
    monkeypatch.setattr(RehabApp, "run", lambda self: started.append(self))
    assert main([]) == 0
    (aside,) = path.parent.glob(f"{path.name}.damaged-*")
    assert aside.read_bytes() == content, "the damaged file is kept, byte for byte"
    assert len(started) == 1 and str(aside) in started[0].notice


def test_a_record_of_the_wrong_shape_is_offered_as_a_damaged_file(private_dirs, monkeypatch):
    """Valid JSON that is not what the app writes (`"exercises": 5`): the damaged-file screen
    names the file and the record, instead of a traceback from the plan."""
    with Store(private_dirs) as opened:
        opened.acquire_writer_lock()  # as the app opens it: folders made, schema stamped
    today = date.today()
    session = {
        "id": f"{today:%Y%m%d}-080000-1a2b3c", "kind": "plan",
        "started_at": f"{today}T08:00:00+00:00", "ended_at": None, "completed": False,
        "stage": 1, "ladder_index": 0, "pain": None, "note": "", "paused_s": 0.0, "exercises": 5,
    }  # fmt: skip
    path = private_dirs / "sessions" / f"{today:%Y-%m}.json"
    path.write_text(json.dumps({"sessions": {"1": session}}))
    offered: list[str] = []
    monkeypatch.setattr(DamagedFileApp, "run", lambda self: offered.append(self.reason) or QUIT)
    monkeypatch.setattr(RehabApp, "run", lambda self: pytest.fail("the app must not start"))
    assert main([]) == 1
    assert offered == [
        f"the record session {session['id']}.exercises: expected a list, got a number"
    ]


# -- the window ------------------------------------------------------------------------------


async def test_a_too_small_window_shows_a_message_and_pauses_the_hold(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        player = app.screen
        assert isinstance(player, PlayerScreen)
        await pilot.resize_terminal(50, 15)
        await pilot.pause(0.05)
        assert isinstance(app.screen, TooSmallScreen)
        assert "Make the window larger" in str(app.screen.query_one("#too-small").content)
        assert player.playback.paused
        await pilot.press("space", "n")  # keys do nothing to the hidden player
        assert player.playback.index == 0
        await pilot.resize_terminal(100, 30)
        await pilot.pause(0.05)
        assert app.screen is player and not player.playback.paused


async def test_starting_in_a_small_window_shows_the_message(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause(0.05)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.05)
        assert isinstance(app.screen, HomeScreen)


# -- signals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_ends_the_app_and_leaves_a_resumable_session(private_dirs, mini_catalog, signum):
    proc = subprocess.Popen(
        [sys.executable, str(HELPERS / "app_until_signalled.py"), str(private_dirs), str(MINI)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "READY"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 128 + signum, err
    assert "Traceback" not in err
    with Store(private_dirs) as store:
        session = store.active_session()
        assert session is not None, "the session stays in progress, so it can be resumed"
        assert [s["set"] for s in session["exercises"][0]["sets"]] == [1]
        timeline = build_timeline(
            prescription_of(session, mini_catalog, DEFAULT_LIMITS), limits=DEFAULT_LIMITS
        )
        assert resume_index(timeline, saved_sets(session)) > 0


async def test_the_exit_watchdog_saves_what_is_pending_and_frees_the_data(
    private_dirs, mini_catalog, store, clock, monkeypatch
):
    """When the way out hangs, the watchdog saves the finished sets whose saves had not gone
    through, closes the store (the lock is free) and ends the process with the signal's code."""
    store.acquire_writer_lock()
    real_save, failures = Store.save_set, []

    def failing_once(self, *args):
        if not failures:
            failures.append(args)
            raise StoreError("the disk went away for a moment")
        real_save(self, *args)

    monkeypatch.setattr(Store, "save_set", failing_once)
    ended: list[int] = []
    monkeypatch.setattr(exit_watchdog.os, "_exit", ended.append)
    app = RehabApp(mini_catalog, store, clock)
    app.exit_watchdog = watchdog = exit_watchdog.ExitWatchdog(app.save_pending_and_close, 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        clock.advance(5 + 20 + 1)  # the lead-in and the first hold: its save fails
        app.screen.update_now()
        for _ in range(100):
            if failures:
                break
            await pilot.pause(0.02)
        assert failures, "the first save failed, so the set is still pending"
        watchdog.arm(128 + signal.SIGHUP)
        watchdog._thread.join(5)
    assert ended == [128 + signal.SIGHUP]
    with Store(private_dirs) as other:
        other.acquire_writer_lock()  # the app's store was closed: the lock is free
        session = other.active_session()
        assert session is not None and [s["set"] for s in session["exercises"][0]["sets"]] == [1]


async def test_ctrl_c_quits_and_leaves_the_session_resumable(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        clock.advance(5 + 20 + 1)
        app.screen.update_now()
        await pilot.press("ctrl+c")
        await app.workers.wait_for_complete()
        assert app._exit, "the app is on its way out"
    session = store.active_session()
    assert session is not None and len(session["exercises"][0]["sets"]) == 1


class NotYetDrawn(threading.Event):
    """A frame a save waits for, not drawn before the app has ended."""

    def wait(self, timeout: float | None = None) -> bool:
        return super().wait(1.0)


async def test_a_set_whose_save_still_waits_for_its_frame_is_saved_once_the_app_ends(
    mini_catalog, store, clock
):
    """An exit that is not the quit action (a signal: app.exit) leaves the save waiting for a
    frame that will not come; the command saves what is pending once the app has ended."""
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        app.frame_drawn = NotYetDrawn  # type: ignore[method-assign]
        clock.advance(5 + 20 + 1)
        app.screen.update_now()
        app.exit()
    app.save_pending()
    session = store.active_session()
    assert session is not None and len(session["exercises"][0]["sets"]) == 1


# -- schema ----------------------------------------------------------------------------------


def test_older_data_is_migrated_after_a_backup(private_dirs, monkeypatch):
    with Store(private_dirs) as store:
        store.acquire_writer_lock()  # as the app writes: the schema is stamped
        store.set_setting("sound", True)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)

    def rename_sound(store: Store) -> None:
        store.set_setting("bell", store.setting("sound"))

    monkeypatch.setitem(store_module.MIGRATIONS, SCHEMA_VERSION, rename_sound)
    with Store(private_dirs) as store:
        assert store.setting("bell") is True
    (backup,) = private_dirs.glob(f"backup-before-schema-{SCHEMA_VERSION + 1}-*")
    kept = json.loads((backup / "rehab.json").read_text())
    assert kept["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert json.loads((private_dirs / "rehab.json").read_text())["meta"]["1"]["schema"] == (
        SCHEMA_VERSION + 1
    )
    assert backup.stat().st_mode & 0o777 == 0o700


def test_a_failed_migration_leaves_the_data_as_it_was(private_dirs, monkeypatch):
    with Store(private_dirs) as opened:
        opened.acquire_writer_lock()  # as the app opens it: folders made, schema stamped
    before = (private_dirs / "rehab.json").read_bytes()
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)

    def broken(store: Store) -> None:
        raise StoreError("this migration cannot run")

    monkeypatch.setitem(store_module.MIGRATIONS, SCHEMA_VERSION, broken)
    with pytest.raises(StoreError):
        Store(private_dirs)
    assert (private_dirs / "rehab.json").read_bytes() == before


# -- two instances ---------------------------------------------------------------------------

HOLDER = """
import sys
from rehab_tui.storage.store import Store
store = Store(sys.argv[1])
store.acquire_writer_lock()
store.set_setting("first", 1)
print("LOCKED", flush=True)
sys.stdin.readline()
store.set_setting("second", 2)
store.close()
"""


def test_a_second_instance_is_refused_and_never_clobbers_the_first(private_dirs, capsys):
    first = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(private_dirs)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert first.stdout is not None and first.stdin is not None
    assert first.stdout.readline().strip() == "LOCKED"
    with Store(private_dirs) as second, pytest.raises(LockedError, match="another rehab-tui"):
        second.acquire_writer_lock()
    assert main(["checkin", "--pain", "2", "--date", "2026-03-03"]) == 1
    assert "another rehab-tui is using" in capsys.readouterr().err
    assert main([]) == 1, "a second app does not start"
    first.stdin.write("go\n")
    first.stdin.close()
    assert first.wait(timeout=20) == 0
    with Store(private_dirs) as store:
        assert store.setting("first") == 1 and store.setting("second") == 2
        assert store.checkins() == []
    with Store(private_dirs) as store:
        store.acquire_writer_lock()  # the lock is free once the first has gone
