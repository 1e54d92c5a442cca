"""Red flags from the command line: `setup --red-flag NAME=yes|no` and `--cleared-by-clinician
DATE` write the same stored answers the app's first start does; the plan reads them on every
start, so no restart forgets one; a bad answer writes nothing.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from rehab_tui.cli.main import main
from rehab_tui.storage.store import Store


def plan(capsys) -> dict:
    assert main(["plan", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def setup(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["setup", *args])
    out, err = capsys.readouterr()
    return code, out, err


def stored(private_dirs) -> tuple[object, object, object]:
    store = Store(private_dirs)
    try:
        return (
            store.setting("red_flags"),
            store.setting("red_flags_cleared"),
            store.setting("profile"),
        )
    finally:
        store.close()


def test_a_yes_stays_open_across_starts_until_a_clinician_checks_it(capsys, private_dirs):
    code, out, _ = setup(capsys, "--red-flag", "tiptoe=yes", "--red-flag", "snap=no")
    assert code == 0 and "Red flags open: tiptoe" in out
    for _ in range(2):  # each call reads the store afresh, as a restarted app does
        data = plan(capsys)
        assert data["red_flags"] == ["tiptoe"] and data["exercises"] == []
        assert data["see_clinician"] is True and data["run_advice"]["verdict"] == "rest"
    answers = stored(private_dirs)[0]
    assert isinstance(answers, dict)
    assert answers["tiptoe"]["answer"] is True and answers["snap"]["answer"] is False
    code, out, _ = setup(capsys, "--cleared-by-clinician", date.today().isoformat())
    assert code == 0 and "Red flags open" not in out
    data = plan(capsys)
    assert data["red_flags"] == [] and data["exercises"]
    assert data["run_advice"]["because"] != "red_flag"


def test_a_new_yes_after_a_clearance_opens_again(capsys):
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assert setup(capsys, "--cleared-by-clinician", yesterday)[0] == 0
    assert setup(capsys, "--red-flag", "hot_calf=yes")[0] == 0
    assert plan(capsys)["red_flags"] == ["hot_calf"]
    assert setup(capsys, "--red-flag", "hot_calf=no")[0] == 0
    assert plan(capsys)["red_flags"] == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--red-flag", "tiptoe=maybe"], "a red-flag answer is yes or no, like tiptoe=no"),
        (["--red-flag", "tiptoe"], "a red-flag answer is yes or no"),
        (["--red-flag", "knee=yes"], "there is no red-flag question called 'knee'"),
        (
            ["--red-flag", "snap=yes", "--cleared-by-clinician", "2999-01-01"],
            "2999-01-01 is in the future",
        ),
        (
            [
                "--baseline",
                "2",
                "--red-flag",
                "snap=yes",
                "--cleared-by-clinician",
                (date.today() + timedelta(days=1)).isoformat(),
            ],
            "in the future",
        ),
        (["--cleared-by-clinician", "someday"], "expected a date like 2026-03-03"),
    ],
)
def test_a_bad_answer_is_one_sentence_exit_1_and_writes_nothing(capsys, private_dirs, args, words):
    before = stored(private_dirs)
    code, out, err = setup(capsys, *args)
    assert code == 1 and out == ""
    assert words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert stored(private_dirs) == before


def test_with_a_red_flag_open_there_is_no_session_to_log_and_none_counts(capsys, private_dirs):
    days = [date.today() - timedelta(days=n) for n in (4, 3, 2)]
    assert setup(capsys, "--red-flag", "snap=yes")[0] == 0
    for day in days:
        code = main(["log", "--pain", "1", "--date", day.isoformat()])
        _, err = capsys.readouterr()
        assert code == 1 and len(err.splitlines()) == 1 and "no session to log" in err
    store = Store(private_dirs)
    try:
        assert list(store.sessions()) == []
    finally:
        store.close()


def test_an_open_red_flag_holds_where_the_last_session_was(capsys):
    """Three greens at the first rung would step up; a red flag answered since holds the rung."""
    assert setup(capsys, "--baseline", "0", "--red-flag", "snap=no")[0] == 0
    for n in (4, 3, 2):
        day = date.today() - timedelta(days=n)
        assert main(["log", "--pain", "1", "--date", day.isoformat()]) == 0
        morning = (day + timedelta(days=1)).isoformat()
        assert main(["checkin", "--pain", "0", "--date", morning]) == 0
    capsys.readouterr()
    assert plan(capsys)["decision"] == "progress"
    assert setup(capsys, "--red-flag", "tiptoe=yes")[0] == 0
    held = plan(capsys)
    assert held["step"] == 1 and held["decision"] == "hold" and held["exercises"] == []
