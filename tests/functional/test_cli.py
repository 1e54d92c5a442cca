"""The command line: where, validate, history --json, and one clear sentence for every mistake."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from rehab_tui.cli.main import main
from rehab_tui.domain.playback import SetResult
from rehab_tui.domain.records import new_session, set_to_dict
from rehab_tui.storage.store import Store

DATA = Path(__file__).parents[1] / "data"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_where_prints_the_paths_in_use(capsys, private_dirs):
    code, out, _ = run(capsys, "where")
    assert code == 0 and f"data:      {private_dirs}" in out


def test_data_dir_option_beats_the_environment(capsys, tmp_path):
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "mine"), "where")
    assert code == 0
    assert f"data:      {tmp_path / 'mine'}" in out


def test_validate_the_shipped_file(capsys):
    code, out, _ = run(capsys, "validate")
    assert code == 0 and "OK, 20 exercises, 4 stages" in out


def test_validate_a_broken_file_names_file_line_and_field(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((DATA / "mini.yaml").read_text().replace("hold_s: 20", "hold_s: 7200", 1))
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 1 and out == ""
    assert err.strip() == (
        f"rehab-tui: {bad}, line 10, field exercises[0] (hold-a).dose.hold_s: "
        "expected a whole number from 5 to 120, got 7200"
    )


def test_exercises_option_is_used_by_validate(capsys):
    code, out, _ = run(capsys, "--exercises", str(DATA / "mini.yaml"), "validate")
    assert code == 0 and "3 exercises, 1 stage, " in out  # "1 stage", not "1 stages"


def test_history_json_contract(capsys, private_dirs, mini_catalog):
    store = Store(private_dirs)
    step = mini_catalog.ladder[0]
    older = new_session(step.exercises, datetime(2026, 3, 2, 8).astimezone(), step)
    newer = new_session(step.exercises, datetime(2026, 3, 3, 8).astimezone(), step)
    for session in (older, newer):
        store.start_session(session)
    result = SetResult(
        0, "hold-a", 1, None, "hold", 20, 19.9, True, 1.5, "2026-03-03T08:01:00+00:00"
    )
    store.save_set(newer["id"], 0, set_to_dict(result))
    store.finish_session(
        newer["id"],
        ended_at="2026-03-03T08:20:00+00:00",
        completed=True,
        pain=2,
        note="easy [/oops]",
    )
    store.close()
    code, out, _ = run(capsys, "history", "--json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == 1
    assert [s["id"] for s in data["sessions"]] == [newer["id"], older["id"]]
    first = data["sessions"][0]
    for key in ("id", "started_at", "ended_at", "completed", "pain", "note", "exercises"):
        assert key in first
    assert first["pain"] == 2 and first["completed"] is True and first["note"] == "easy [/oops]"
    exercise = first["exercises"][0]
    assert exercise["exercise_id"] == "hold-a"
    assert exercise["planned"] == {"sets": 2, "hold_s": 20, "rest_s": 30}
    assert exercise["sets"][0] == {
        "set": 1, "side": None, "planned": 20, "done": 19.9, "skipped": True,
        "paused_s": 1.5, "completed_at": "2026-03-03T08:01:00+00:00",
    }  # fmt: skip
    assert data["sessions"][1]["pain"] is None and data["sessions"][1]["ended_at"] is None
    code, out, _ = run(capsys, "history", "--json", "--limit", "1")
    assert len(json.loads(out)["sessions"]) == 1
    code, out, _ = run(capsys, "history", "--json", "--since", "2026-03-03")
    assert [s["id"] for s in json.loads(out)["sessions"]] == [newer["id"]]
    code, out, _ = run(capsys, "history")
    assert "2/10" in out and "[/oops]" in out


def test_history_of_a_damaged_file_is_one_sentence(capsys, private_dirs):
    with Store(private_dirs) as opened:
        opened.acquire_writer_lock()  # as the app opens it: folders made, schema stamped
    (private_dirs / "sessions" / "2026-03.json").write_text("{oops")
    code, out, err = run(capsys, "history")
    assert code == 1 and out == "" and "Traceback" not in err
    assert "2026-03.json cannot be read: it is not valid JSON" in err


@pytest.mark.parametrize("args", [["history", "--limit", "0"], ["nonsense"]])
def test_usage_errors_exit_2(capsys, args):
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2


def test_python_dash_m_and_version():
    done = subprocess.run(
        [sys.executable, "-m", "rehab_tui", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("rehab-tui ")


def test_subcommands_do_not_import_textual():
    code = "import sys; from rehab_tui.cli.main import main; main(['where']); print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("False")


def test_where_never_wraps_a_long_path(capsys, tmp_path):
    deep = tmp_path / ("a-rather-long-folder-name-" * 6) / "data"
    code, out, _ = run(capsys, "--data-dir", str(deep), "where")
    assert code == 0 and f"data:      {deep}\n" in out
