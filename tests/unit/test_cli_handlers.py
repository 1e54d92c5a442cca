"""Every command the parser knows has a handler (they are imported by name, when run)."""

from __future__ import annotations

import argparse

from rehab_tui.cli.main import HANDLERS, handler_for
from rehab_tui.cli.parser import build_parser


def test_every_command_has_a_handler_and_every_handler_a_command():
    (commands,) = [
        action
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    ]
    assert set(HANDLERS) == {None, *commands.choices}
    for command in HANDLERS:
        assert callable(handler_for(command))
