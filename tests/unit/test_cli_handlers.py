"""Every command the parser knows has a handler (they are imported by name, when run). A
command with its own commands has one handler for all of them (test), or one for each of them
named with both words (run: "run log", "run import", ...)."""

from __future__ import annotations

import argparse

from rehab_tui.cli.main import HANDLERS, handler_for
from rehab_tui.cli.parser import build_parser


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(found[0].choices) if found else {}


def test_every_command_has_a_handler_and_every_handler_a_command():
    names: set[str | None] = {None}
    for name, command in _commands(build_parser()).items():
        each = {f"{name} {own}" for own in _commands(command)}
        names |= each if each & set(HANDLERS) else {name}
    assert set(HANDLERS) == names
    for command in HANDLERS:
        assert callable(handler_for(command))


def test_every_run_command_has_its_own_handler():
    run = _commands(build_parser())["run"]
    assert {f"run {own}" for own in _commands(run)} <= set(HANDLERS)
