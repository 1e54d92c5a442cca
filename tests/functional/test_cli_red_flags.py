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
