"""`rehab-tui delete ...`, `rehab-tui edit ...`, `log --again` and a second `checkin`: each
correction said in one sentence, an unknown id one sentence and exit 1, nothing written on a
mistake."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest

from rehab_tui.cli.main import main

TODAY = date.today()
DAY = (TODAY - timedelta(days=2)).isoformat()


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys, *args: str) -> str:
    code, out, err = run(capsys, *args)
    assert code == 0, err
    return out


def sessions(capsys) -> list[dict]:
    return json.loads(ok(capsys, "history", "--json"))["sessions"]


def runs(capsys) -> list[dict]:
    return json.loads(ok(capsys, "run", "list", "--json"))["runs"]


def data_files(private_dirs) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((private_dirs / "sessions").glob("*.json"))}


def test_a_session_is_edited_then_deleted_by_its_history_id(capsys):
    ok(capsys, "log", "--pain", "7", "--date", DAY, "--note", "oops")
    (session,) = sessions(capsys)
    said = ok(capsys, "edit", "session", session["id"], "--pain", "2")
    assert said.strip() == f"Session {session['id']}: pain 7/10 → 2/10."
    (edited,) = sessions(capsys)
    assert edited["pain"] == 2 and edited["note"] == "oops"
    said = ok(capsys, "edit", "session", session["id"], "--pain", "2", "--note", "fine")
    assert "note 'oops' → 'fine'" in said
    said = ok(capsys, "delete", "session", session["id"])
    assert said.startswith("Deleted the session of ")
    assert sessions(capsys) == []


def test_a_second_log_for_a_day_says_which_and_needs_again(capsys):
    ok(capsys, "log", "--pain", "2", "--date", DAY)
    (first,) = sessions(capsys)
    code, out, err = run(capsys, "log", "--pain", "3", "--date", DAY)
    assert code == 1 and out == ""
    assert err.strip() == (
        f"rehab-tui: {DAY} already has a session ({first['id']}, pain 2/10); to add a second "
        "one that day use --again, to change it use rehab-tui edit session"
    )
    assert len(sessions(capsys)) == 1
    ok(capsys, "log", "--pain", "3", "--date", DAY, "--again")
    assert len(sessions(capsys)) == 2


def test_a_second_checkin_replaces_the_first_and_says_what_it_was(capsys):
    ok(capsys, "checkin", "--pain", "4", "--stiffness-min", "20", "--date", DAY)
    said = ok(capsys, "checkin", "--pain", "2", "--date", DAY)
    assert "It replaced that day's earlier check-in (pain 4/10, stiff for 20 min)." in said
    first = ok(capsys, "checkin", "--pain", "2", "--date", DAY)  # same values: still said
    assert "earlier check-in (pain 2/10)" in first


def test_a_checkin_is_edited_and_deleted_by_its_date(capsys, private_dirs):
    ok(capsys, "checkin", "--pain", "4", "--stiffness-min", "20", "--date", DAY)
    said = ok(capsys, "edit", "checkin", DAY, "--pain", "1")
    assert said.strip().endswith("pain 4/10, stiff 20 min → pain 1/10, stiff 20 min.")
    said = ok(capsys, "delete", "checkin", DAY)
    assert said.startswith("Deleted the check-in of ")
    code, _, err = run(capsys, "delete", "checkin", DAY)
    assert code == 1 and err.strip() == f"rehab-tui: there is no check-in on {DAY}"


def test_a_run_is_edited_and_deleted_by_its_list_id(capsys):
    ok(capsys, "run", "log", "--min", "30", "--km", "5", "--pain", "2", "--date", DAY)
    (logged,) = runs(capsys)
    said = ok(capsys, "edit", "run", logged["id"], "--min", "32.5", "--note", "hilly")
    assert "30 min, 5 km" in said and "now " in said and "32.5 min, 5 km" in said
    (edited,) = runs(capsys)
    assert edited == {**logged, "minutes": 32.5, "note": "hilly"}
    assert ok(capsys, "delete", "run", logged["id"]).startswith("Deleted the run of ")
    assert runs(capsys) == []


def test_a_test_is_deleted_by_its_list_id(capsys):
    ok(capsys, "test", "log", "visa-a", "--score", "70", "--date", DAY)
    (test,) = json.loads(ok(capsys, "test", "list", "--json"))["tests"]
    assert "Deleted the visa a test of" in ok(capsys, "delete", "test", test["id"])
    assert json.loads(ok(capsys, "test", "list", "--json"))["tests"] == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["delete", "session", "20260101-080000-zzzz"],
            "there is no session '20260101-080000-zzzz'",
        ),
        (["delete", "run", "nope"], "there is no run 'nope' (see rehab-tui run list)"),
        (["delete", "test", "nope"], "there is no test 'nope' (see rehab-tui test list)"),
        (["delete", "checkin", "yesterday"], "expected a date like 2026-03-03"),
        (["edit", "session", "nope", "--pain", "2"], "there is no session 'nope'"),
        (["edit", "checkin", DAY, "--pain", "2"], f"there is no check-in on {DAY}"),
        (["edit", "run", "nope", "--pain", "2"], "there is no run 'nope'"),
        (["edit", "run", "nope"], "edit run needs at least one of --min, --km, --pain and --note"),
    ],
)
def test_a_mistake_is_one_sentence_and_writes_nothing(capsys, private_dirs, args, said):
    ok(capsys, "log", "--pain", "2", "--date", DAY)
    before = data_files(private_dirs)
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert err.startswith(f"rehab-tui: {said}") and err.count("\n") == 1
    assert data_files(private_dirs) == before


def test_a_bad_value_for_a_real_record_writes_nothing(capsys, private_dirs):
    ok(capsys, "log", "--pain", "2", "--date", DAY)
    ok(capsys, "run", "log", "--min", "30", "--pain", "2", "--date", DAY)
    (session,), (logged,) = sessions(capsys), runs(capsys)
    before = data_files(private_dirs)
    for args, said in (
        (["edit", "session", session["id"], "--pain", "11"], "pain must be a whole number"),
        (["edit", "run", logged["id"], "--min", "0"], "--min must be a number more than 0"),
        (["edit", "run", logged["id"], "--km", "-1"], "--km must be a number from 0"),
    ):
        code, _, err = run(capsys, *args)
        assert code == 1 and said in err
    assert data_files(private_dirs) == before


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("reply", "deleted"), [("n\n", False), ("\n", False), ("y\n", True)])
def test_on_a_terminal_a_delete_asks_first(capsys, monkeypatch, reply, deleted):
    ok(capsys, "checkin", "--pain", "4", "--date", DAY)
    monkeypatch.setattr("sys.stdin", Terminal(reply))
    said = ok(capsys, "delete", "checkin", DAY)
    assert f"Delete the checkin {DAY}? [y/N]" in said
    assert ("Deleted the check-in of" in said) is deleted
    assert ("Nothing deleted." in said) is not deleted
    monkeypatch.setattr("sys.stdin", Terminal(""))
    if not deleted:  # --yes does not ask
        assert "Deleted" in ok(capsys, "delete", "checkin", DAY, "--yes")
