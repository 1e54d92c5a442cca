"""`rehab-tui setup` with no flags asks the red-flag questions at a terminal, never in a script."""

from __future__ import annotations

import io
import json
import sys
from datetime import date

import pytest

from rehab_tui.cli.main import main
from rehab_tui.domain.safety import RED_FLAGS
from rehab_tui.storage.store import Store


class Terminal(io.StringIO):
    """Typed answers, on what says it is a terminal."""

    def isatty(self) -> bool:
        return True


def stored_answers(private_dirs) -> object:
    store = Store(private_dirs)
    try:
        return store.setting("red_flags")
    finally:
        store.close()


def test_at_a_terminal_it_asks_all_six(capsys, private_dirs, monkeypatch):
    # enter is no; "maybe" is asked again; the second question gets a yes.
    monkeypatch.setattr(sys, "stdin", Terminal("\nmaybe\ny\nn\nN\nno\n\n"))
    assert main(["setup"]) == 0
    out = capsys.readouterr().out
    assert out.index("Tendinopathy: midportion") < out.index(RED_FLAGS[0].question)
    assert all(flag.question in out for flag in RED_FLAGS)
    assert "Please answer y or n" in out and "Red flags open: tiptoe" in out
    today = date.today().isoformat()
    answers = stored_answers(private_dirs)
    assert answers == {
        flag.id: {"answer": flag.id == "tiptoe", "date": today} for flag in RED_FLAGS
    }
    assert main(["plan", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["red_flags"] == ["tiptoe"]


def test_input_ending_early_keeps_the_answers_given(capsys, private_dirs, monkeypatch):
    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    assert main(["setup"]) == 0
    assert list(stored_answers(private_dirs)) == ["snap"]  # the rest are not taken as no


@pytest.mark.parametrize("args", [[], ["--baseline", "1"]])
def test_a_script_is_never_asked(capsys, private_dirs, monkeypatch, args):
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\ny\n"))  # not a terminal
    assert main(["setup", *args]) == 0
    out = capsys.readouterr().out
    assert "Tendinopathy:" in out and RED_FLAGS[0].question not in out
    assert stored_answers(private_dirs) is None


def test_flags_at_a_terminal_are_not_followed_by_questions(capsys, private_dirs, monkeypatch):
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    assert main(["setup", "--limits", "silbernagel"]) == 0
    assert RED_FLAGS[0].question not in capsys.readouterr().out
    assert stored_answers(private_dirs) is None
