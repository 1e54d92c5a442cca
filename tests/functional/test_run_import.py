"""`rehab-tui run import`: runs read from GPX, TCX and FIT files (written here, by the same
writers as the benchmark's), each imported once, damaged or foreign files named and skipped."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from benchmarks.run_files import fit_bytes, gpx_text, tcx_text, write_run_files
from rehab_tui.cli.main import main
from rehab_tui.exchange.run_files import RunFileError, read_run_file
from rehab_tui.storage.store import Store

START = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys) -> list[dict]:
    code, out, err = run(capsys, "run", "list", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == 1
    return data["runs"]


@pytest.fixture
def three(tmp_path):
    """A run in each format: 30 min GPX, 40 min TCX, 50 min FIT, a day apart."""
    gpx, tcx, fit = tmp_path / "a.gpx", tmp_path / "b.TCX", tmp_path / "c.fit"
    gpx.write_text(gpx_text(START, 30, 5.0), "utf-8")
    tcx.write_text(tcx_text(START - timedelta(days=1), 40, 6.5), "utf-8")
    fit.write_bytes(fit_bytes(START - timedelta(days=2), 50, 8.25))
    return gpx, tcx, fit


def test_each_format_gives_its_start_elapsed_minutes_and_km(three):
    gpx, tcx, fit = (read_run_file(path) for path in three)
    assert gpx.started == START and gpx.minutes == pytest.approx(30)
    assert gpx.km == pytest.approx(5.0, abs=0.05)  # gpxpy measures along the points
    assert tcx.started == START - timedelta(days=1) and tcx.minutes == pytest.approx(40)
    assert tcx.km == pytest.approx(6.5)
    assert fit.started == START - timedelta(days=2) and fit.minutes == pytest.approx(50)
    assert fit.km == pytest.approx(8.25)


def test_elapsed_time_is_taken_not_the_moving_time(tmp_path):
    """A TCX lap's TotalTimeSeconds is timer time (pauses out); the run is start to finish."""
    path = tmp_path / "paused.tcx"
    text = tcx_text(START, 40, 6.0).replace("<TotalTimeSeconds>2400.0", "<TotalTimeSeconds>1800.0")
    path.write_text(text, "utf-8")
    assert read_run_file(path).minutes == pytest.approx(40)


def test_imported_runs_are_stored_in_local_time_with_their_file_and_pain(capsys, three):
    code, out, err = run(capsys, "run", "import", "--pain", "3", *map(str, three))
    assert code == 0, err
    assert "Imported 3 runs from 3 files." in out
    runs = listed(capsys)
    assert [r["source"] for r in runs] == ["a.gpx", "b.TCX", "c.fit"]  # newest first
    assert {r["pain"] for r in runs} == {3} and {r["kind"] for r in runs} == {"continuous"}
    local = START.astimezone()
    assert runs[0]["started_at"] == local.isoformat(timespec="seconds")
    assert [r["minutes"] for r in runs] == [30.0, 40.0, 50.0]


def test_the_same_run_twice_is_recognised_by_its_start_whatever_the_file(capsys, three, tmp_path):
    assert run(capsys, "run", "import", "--pain", "2", *map(str, three))[0] == 0
    copy = tmp_path / "renamed-by-the-phone.gpx"
    copy.write_text(three[0].read_text("utf-8"), "utf-8")
    also_fit = tmp_path / "same-run.fit"  # the GPX's run, as the watch's own FIT file
    also_fit.write_bytes(fit_bytes(START, 30, 5.0))
    code, out, _ = run(capsys, "run", "import", "--pain", "2", str(copy), str(also_fit))
    assert code == 0
    assert out.count("Already here:") == 2 and "renamed-by-the-phone.gpx" in out
    assert "Imported 0 runs from 2 files; 2 already here." in out
    assert len(listed(capsys)) == 3


def test_duplicates_within_one_import_are_kept_once(capsys, three, tmp_path):
    copy = tmp_path / "again.gpx"
    copy.write_text(three[0].read_text("utf-8"), "utf-8")
    code, out, _ = run(capsys, "run", "import", "--pain", "2", str(three[0]), str(copy))
    assert code == 0 and "Imported 1 run from 2 files; 1 already here." in out


DAMAGED = [
    ("cut.gpx", lambda: gpx_text(START, 30, 5)[:300].encode(), "cut.gpx: damaged, or not a GPX"),
    ("cut.tcx", lambda: tcx_text(START, 30, 5)[:400].encode(), "cut.tcx: damaged, or not a TCX"),
    ("cut.fit", lambda: fit_bytes(START, 30, 5)[:200], "cut.fit: damaged, or not a FIT"),
    ("empty.fit", lambda: b"", "empty.fit: the file is empty"),
    ("empty.gpx", lambda: b"  \n", "empty.gpx: the file is empty"),
    ("photo.fit", lambda: b"\x89PNG\r\n\x1a\n" + bytes(200), "photo.fit: damaged, or not a FIT"),
    ("notes.tcx", lambda: b"just some text", "notes.tcx: damaged, or not a TCX"),
    ("tcx-inside.gpx", lambda: tcx_text(START, 30, 5).encode(), "tcx-inside.gpx: a GPX file"),
    ("untimed.gpx", lambda: gpx_text(START, 30, 5, times=False).encode(), "with no times"),
    ("course.fit", lambda: fit_bytes(START, 30, 5, session=False), "no activity in it"),
    ("ride.fit", lambda: fit_bytes(START, 30, 5, sport="cycling"), "a cycling activity"),
    ("ride.tcx", lambda: tcx_text(START, 30, 5, sport="Biking").encode(), "a biking activity"),
    ("run.txt", lambda: b"30 min", "run.txt: not a .gpx, .tcx or .fit file"),
    ("later.gpx", lambda: gpx_text(START + timedelta(days=9), 30, 5).encode(), "in the future"),
    ("bad\x1b[31m.gpx", lambda: b"<gpx", "bad␛[31m.gpx: damaged"),
]


@pytest.mark.parametrize(("name", "content", "said"), DAMAGED, ids=[d[0] for d in DAMAGED])
def test_a_damaged_or_foreign_file_is_named_and_the_others_still_import(
    capsys, tmp_path, three, name, content, said
):
    bad = tmp_path / name
    bad.write_bytes(content())
    code, out, err = run(capsys, "run", "import", "--pain", "2", str(three[0]), str(bad))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and said in lines[0], err  # one sentence, naming the file
    assert "\x1b" not in err + out
    assert "Imported 1 run from 2 files; 1 could not be read." in out
    assert [r["source"] for r in listed(capsys)] == ["a.gpx"]


def test_a_file_that_is_not_there_or_a_folder_is_named(capsys, tmp_path):
    code, _, err = run(
        capsys, "run", "import", "--pain", "2", str(tmp_path / "x.fit"), str(tmp_path)
    )
    assert code == 1
    assert "x.fit: no such file" in err and "not a .gpx, .tcx or .fit file" in err
    with pytest.raises(RunFileError, match="a folder"):
        (tmp_path / "d.gpx").mkdir()
        read_run_file(tmp_path / "d.gpx")


def test_pain_is_required_and_checked_before_anything_is_read(capsys, three, private_dirs):
    code, _, err = run(capsys, "run", "import", *map(str, three))
    assert code == 1 and "needs --pain N" in err and "does not hold it" in err
    code, _, err = run(capsys, "run", "import", "--pain", "11", *map(str, three))
    assert code == 1 and "pain must be a whole number from 0 to 10" in err
    assert not (private_dirs / "sessions").exists()  # nothing written


def test_pain_at_the_hard_stop_warns_as_after_a_session(capsys, three):
    code, out, _ = run(capsys, "run", "import", "--pain", "7", str(three[0]))
    assert code == 0 and "Pain 7/10: no running for now" in out


def test_a_walk_in_the_file_is_kept_as_a_walk(capsys, tmp_path):
    path = tmp_path / "walk.fit"
    path.write_bytes(fit_bytes(START, 30, 3, sport="walking"))
    assert run(capsys, "run", "import", "--pain", "0", str(path))[0] == 0
    assert listed(capsys)[0]["kind"] == "walk"


def test_a_fit_file_without_distance_gives_none(tmp_path):
    path = tmp_path / "treadmill.fit"
    path.write_bytes(fit_bytes(START, 25, None))
    found = read_run_file(path)
    assert found.km is None and found.minutes == pytest.approx(25)


def test_many_files_import_in_one_write_and_stay_readable(capsys, tmp_path, private_dirs):
    paths = write_run_files(tmp_path / "watch", 40, START)
    code, out, _ = run(capsys, "run", "import", "--pain", "1", *map(str, paths))
    assert code == 0 and "Imported 40 runs from 40 files." in out
    assert "Added" not in out  # many files: the summary only
    with Store(private_dirs) as store:
        assert len(store.runs()) == 40
        assert store.runs(since=(START - timedelta(days=4)).date().isoformat())[0]["minutes"] > 0


def test_no_progress_bar_outside_a_terminal(capsys, tmp_path):
    paths = write_run_files(tmp_path / "watch", 5, START)
    code, _, err = run(capsys, "run", "import", "--pain", "1", *map(str, paths))
    assert code == 0 and err == ""


def test_many_files_show_a_progress_bar_on_stderr_at_a_terminal(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich takes stderr for a terminal
    monkeypatch.delenv("NO_COLOR", raising=False)
    paths = write_run_files(tmp_path / "watch", 5, START)
    code, out, err = run(capsys, "run", "import", "--pain", "1", *map(str, paths))
    assert code == 0 and "Reading run files" in err and "5/5" in err
    assert "Reading run files" not in out
