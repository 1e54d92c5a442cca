"""`rehab-tui test log` and `test list`: capacity tests recorded from the command line through
the player's use cases (red flags refuse loading, pain at the hard stop warns), with the usual
validation: one sentence, exit 1, nothing written."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from rehab_tui.cli.main import main
from rehab_tui.storage.store import Store


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def stored_tests(private_dirs) -> list:
    with Store(private_dirs) as store:
        return store.tests()


DAY = (date.today() - timedelta(days=3)).isoformat()


def test_a_heel_raise_test_is_saved_as_the_player_saves_one(capsys, private_dirs):
    code, out, err = run(
        capsys, "test", "log", "heel-raise", "--left", "22", "--right", "25", "--pain", "2",
        "--date", DAY,
    )  # fmt: skip
    assert code == 0 and err == ""
    day = date.fromisoformat(DAY)
    assert out == (
        f"Saved for {day:%a %d %b}: Heel raises to fatigue: left 22, right 25 (norm about 25; "
        "symmetry 88 %), pain 2/10.\n"
    )
    (test,) = stored_tests(private_dirs)
    assert {k: test[k] for k in ("date", "kind", "left", "right", "pain")} == {
        "date": DAY, "kind": "heel_raise", "left": 22, "right": 25, "pain": 2,
    }  # fmt: skip
    assert test["id"].startswith(DAY.replace("-", ""))


def test_a_hop_test_and_a_visa_a_score_default_to_today(capsys, private_dirs):
    assert run(capsys, "test", "log", "hop", "--left", "10", "--right", "7", "--pain", "0")[0] == 0
    code, out, _ = run(capsys, "test", "log", "visa-a", "--score", "64")
    assert (
        code == 0
        and out
        == f"Saved for {date.today():%a %d %b}: VISA-A score 64/100 (healthy is above 90).\n"
    )
    by_kind = {t["kind"]: t for t in stored_tests(private_dirs)}  # the same second: any order
    assert set(by_kind) == {"hop", "visa_a"}
    assert {t["date"] for t in by_kind.values()} == {date.today().isoformat()}
    assert by_kind["visa_a"]["score"] == 64
    assert (by_kind["hop"]["left"], by_kind["hop"]["right"]) == (10, 7)


def test_pain_at_the_hard_stop_in_a_test_is_a_hard_stop(capsys):
    code, out, _ = run(
        capsys, "test", "log", "hop", "--left", "10", "--right", "10", "--pain", "7", "--date", DAY
    )
    last = date.fromisoformat(DAY) + timedelta(days=13)
    assert (
        code == 0 and f"Pain 7/10: no running for now, up to and including {last:%a %d %b}" in out
    )
    assert "clinician" in out
    code, out, _ = run(capsys, "plan", "--json")
    assert json.loads(out)["hard_stop_until"] == last.isoformat()


def test_an_open_red_flag_refuses_loading_tests_but_not_a_score(capsys, private_dirs):
    assert run(capsys, "setup", "--red-flag", "tiptoe=yes")[0] == 0
    for kind in ("heel-raise", "hop"):
        code, out, err = run(
            capsys, "test", "log", kind, "--left", "10", "--right", "10", "--pain", "1"
        )
        assert code == 1 and out == ""
        assert err.startswith("rehab-tui: A red flag is open, so nothing that loads the tendon")
    assert stored_tests(private_dirs) == []
    assert run(capsys, "test", "log", "visa-a", "--score", "50")[0] == 0
    assert [t["kind"] for t in stored_tests(private_dirs)] == ["visa_a"]


SIDED = ["--left", "10", "--right", "10", "--pain", "1"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["hop", "--left", "11", "--right", "10", "--pain", "1"],
         "--left must be a whole number of hops from 0 to 10, got '11'"),
        (["hop", "--left", "10", "--right", "-1", "--pain", "1"],
         "--right must be a whole number of hops from 0 to 10, got '-1'"),
        (["heel-raise", "--left", "1001", "--right", "10", "--pain", "1"],
         "--left must be a whole number of heel raises from 0 to 1000, got '1001'"),
        (["heel-raise", "--left", "2.5", "--right", "10", "--pain", "1"], "got '2.5'"),
        (["heel-raise", "--left", "20", "--right", "20", "--pain", "11"],
         "pain must be a whole number from 0 to 10, got 11"),
        (["hop", *SIDED, "--date", "2026-02-30"], "expected a date like 2026-03-03"),
        (["hop", *SIDED, "--date", (date.today() + timedelta(days=1)).isoformat()],
         "is in the future; record a test on or after it happened"),
        (["visa-a", "--score", "101"],
         "a VISA-A score must be a whole number from 0 to 100, got '101'"),
        (["visa-a", "--score", "ninety"], "got 'ninety'"),
        (["visa-a", "--score", "80", "--date", "2999-01-01"], "in the future"),
    ],
)  # fmt: skip
def test_bad_input_is_one_sentence_exit_1_and_writes_nothing(capsys, private_dirs, args, message):
    code, out, err = run(capsys, "test", "log", *args)
    assert code == 1 and out == ""
    assert err.startswith("rehab-tui: ") and message in err and err.count("\n") == 1
    assert not (private_dirs / "sessions").exists() or stored_tests(private_dirs) == []


@pytest.mark.parametrize(
    "args",
    [["test"], ["test", "log"], ["test", "log", "hop", "--left", "3"], ["test", "log", "squat"]],
)
def test_missing_parts_are_usage_errors(capsys, args):
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2


def test_list_is_newest_first_in_words_and_in_json(capsys):
    assert run(capsys, "test", "list") == (
        0,
        "No capacity tests yet. Record one in the app (c on home) or with: rehab-tui test log "
        "heel-raise --left N --right N --pain N\n",
        "",
    )
    older = (date.today() - timedelta(days=10)).isoformat()
    run(capsys, "test", "log", "visa-a", "--score", "70", "--date", older)
    run(capsys, "test", "log", "hop", *SIDED, "--date", DAY)
    code, out, _ = run(capsys, "test", "list")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].startswith(f"{date.fromisoformat(DAY):%a %d %b %Y}  Single-leg hops: left 10")
    assert lines[1].endswith("VISA-A score 70/100 (healthy is above 90)")
    code, out, _ = run(capsys, "test", "list", "--json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == 1
    assert [(t["kind"], t["date"]) for t in data["tests"]] == [("hop", DAY), ("visa_a", older)]
    assert set(data["tests"][0]) == {"id", "date", "kind", "left", "right", "pain"}
    assert set(data["tests"][1]) == {"id", "date", "kind", "score"}
