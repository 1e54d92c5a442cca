"""plan / log / checkin / setup from the command line: the JSON contract and scripted weeks."""

from __future__ import annotations

import json

import pytest

from rehab_tui.cli.main import main
from rehab_tui.storage.store import Store


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def plan(capsys, day: str) -> dict:
    code, out, _ = run(capsys, "plan", "--date", day, "--json")
    assert code == 0
    return json.loads(out)


def test_a_fresh_plan_is_stage_1_holds(capsys):
    data = plan(capsys, "2026-03-02")
    assert set(data) >= {
        "schema",
        "date",
        "stage",
        "stage_name",
        "step",
        "decision",
        "reasons",
        "exercises",
        "run_advice",
        "next_checkin",
    }
    assert data["schema"] == 3 and data["stage"] == 1 and data["decision"] == "start"
    assert data["reasons"] and data["run_advice"]["verdict"] in ("run", "modify", "rest")
    assert data["next_checkin"] == "2026-03-03"
    for exercise in data["exercises"]:
        assert exercise["kind"] == "hold" and 20 <= exercise["hold_s"] <= 30
        assert {"id", "name", "kind", "sets"} <= set(exercise)
        assert not any(w in exercise["name"].lower() for w in ("stretch", "squat", "lunge"))


def test_three_green_days_progress_one_step(capsys):
    for n, day in enumerate(["2026-03-02", "2026-03-03", "2026-03-04"]):
        assert run(capsys, "log", "--pain", "2", "--date", day)[0] == 0
        assert run(capsys, "checkin", "--pain", "0", "--date", f"2026-03-0{n + 3}")[0] == 0
    data = plan(capsys, "2026-03-05")
    assert data["decision"] == "progress" and data["step"] == 2
    assert "3 green sessions in a row on 3 days" in data["reasons"][0]
    assert data["exercises"][0]["hold_s"] == 45


def test_a_red_day_steps_back_and_two_reds_advise_a_clinician(capsys):
    for day in ["2026-03-02", "2026-03-03", "2026-03-04"]:
        run(capsys, "log", "--pain", "1", "--date", day)
    for day in ["2026-03-03", "2026-03-04", "2026-03-05"]:
        run(capsys, "checkin", "--pain", "0", "--date", day)
    run(capsys, "log", "--pain", "6", "--date", "2026-03-05")
    data = plan(capsys, "2026-03-06")
    assert data["decision"] == "regress" and data["step"] == 1
    assert data["reasons"][0].startswith("Pain 6/10 on Thu 5 Mar: stepping back")
    assert data["run_advice"]["verdict"] == "rest"
    run(capsys, "log", "--pain", "7", "--date", "2026-03-06")
    data = plan(capsys, "2026-03-07")
    assert data["see_clinician"] is True and "Two red days in a row" in data["reasons"][0]


def test_pending_and_missed_check_ins_hold(capsys):
    run(capsys, "log", "--pain", "2", "--date", "2026-03-02")
    data = plan(capsys, "2026-03-03")
    assert data["decision"] == "hold" and "No next-morning check-in" in data["reasons"][0]
    assert data["next_checkin"] == "2026-03-03"


def test_setup_insertional_is_used_by_the_plan(capsys, private_dirs):
    code, out, _ = run(
        capsys, "setup", "--type", "insertional", "--baseline", "2", "--limits", "silbernagel"
    )
    assert code == 0 and "insertional" in out and "2/10" in out and "silbernagel" in out
    store = Store(private_dirs)
    assert store.setting("profile") == {
        "tendinopathy": "insertional",
        "baseline": 2,
        "limits": "silbernagel",
        "heel_raise_floor": 20,
        "symmetry_pct": 90,
        "weights": True,
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "--pain", "11"], "pain must be a whole number from 0 to 10, got 11"),
        (["log", "--pain", "-1"], "pain must be a whole number from 0 to 10"),
        (["log", "--pain", "two"], "got 'two'"),
        (["log", "--pain", "2", "--date", "2026-02-30"], "expected a date like 2026-03-03"),
        (["log", "--pain", "2", "--date", "2999-01-01"], "in the future"),
        (["checkin", "--pain", "3.5"], "pain must be a whole number"),
        (["checkin", "--pain", "3", "--stiffness-min", "lots"], "stiffness must be whole minutes"),
        (["checkin", "--pain", "3", "--date", "03/03/2026"], "expected a date"),
        (["setup", "--baseline", "12"], "baseline must be a whole number from 0 to 10"),
        (["plan", "--date", "tomorrow"], "expected a date"),
        (["history", "--since", "yesterday"], "expected a date"),
    ],
)
def test_bad_input_is_one_sentence_exit_1_and_writes_nothing(capsys, private_dirs, args, message):
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert err.startswith("rehab-tui: ") and message in err and err.count("\n") == 1
    sessions = private_dirs / "sessions"
    assert not sessions.exists() or not any(sessions.iterdir())


def test_writes_wait_for_the_running_app(capsys, private_dirs):
    app_store = Store(private_dirs)
    app_store.acquire_writer_lock()
    code, _, err = run(capsys, "log", "--pain", "2")
    assert code == 1 and "another rehab-tui is using" in err
    app_store.close()
    assert run(capsys, "log", "--pain", "2")[0] == 0


def test_pain_7_anywhere_brings_the_red_flag_advice(capsys):
    code, out, _ = run(capsys, "checkin", "--pain", "8", "--date", "2026-03-02")
    assert code == 0 and "Pain 8/10: no running for now" in out and "clinician" in out
    code, out, _ = run(capsys, "log", "--pain", "7", "--date", "2026-03-02")
    assert "Pain 7/10: no running for now, up to and including Sun 15 Mar (14 days)" in out
    code, out, _ = run(capsys, "log", "--pain", "6", "--date", "2026-03-02")
    assert "no running" not in out
