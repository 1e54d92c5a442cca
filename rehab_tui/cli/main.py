"""The `rehab-tui` command: the TUI by default, and subcommands for scripts.

No business logic lives here or in the handlers: parser.py reads the arguments, the handlers
(records, reports, files, fullscreen) call the use cases (rehab_tui.services) and print. Only
the module of the command given is imported, so that each command starts as fast as it can.
Exit codes: 0 ok, 1 a problem with the user's files or input, 2 a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable
from typing import cast

from rich.console import Console

from rehab_tui.cli.common import UserError
from rehab_tui.cli.parser import build_parser, parse_folder_options
from rehab_tui.domain.library import CatalogError
from rehab_tui.domain.text import one_line
from rehab_tui.gc_pause import resume_without_collecting
from rehab_tui.services.results import ServiceError
from rehab_tui.storage.errors import StoreError

Handler = Callable[[argparse.Namespace, Console], int]

# command -> (module in rehab_tui.cli, function); None: no command, the full-screen app. A
# command with its own commands (run) is named with its subcommand: "run log".
HANDLERS: dict[str | None, tuple[str, str]] = {
    None: ("fullscreen", "run_tui"),
    "where": ("files", "cmd_where"),
    "keys": ("files", "cmd_keys"),
    "validate": ("files", "cmd_validate"),
    "history": ("reports", "cmd_history"),
    "plan": ("reports", "cmd_plan"),
    "ladder": ("ladder", "cmd_ladder"),
    "log": ("records", "cmd_log"),
    "checkin": ("records", "cmd_checkin"),
    "setup": ("records", "cmd_setup"),
    "delete": ("corrections", "cmd_delete"),
    "edit session": ("corrections", "cmd_edit_session"),
    "edit checkin": ("corrections", "cmd_edit_checkin"),
    "edit run": ("corrections", "cmd_edit_run"),
    "test": ("capacity", "cmd_test"),
    "export": ("reports", "cmd_export"),
    "timer": ("fullscreen", "cmd_timer"),
    "routines": ("files", "cmd_routines"),
    "import": ("reports", "cmd_import"),
    "run log": ("runs", "cmd_run_log"),
    "run import": ("runs", "cmd_run_import"),
    "run list": ("runs", "cmd_run_list"),
    "run plan": ("run_plan", "cmd_run_plan"),
    "status": ("status", "cmd_status"),
    "calendar": ("calendar", "cmd_calendar"),
    "remind": ("remind", "cmd_remind"),
}


def handler_for(command: str | None) -> Handler:
    module, function = HANDLERS[command]
    return cast(Handler, getattr(importlib.import_module(f"rehab_tui.cli.{module}"), function))


def command_of(args: argparse.Namespace) -> str | None:
    """The HANDLERS key of the parsed command line ("run log" for a command's own command)."""
    subcommand = getattr(args, "subcommand", None)
    return f"{args.command} {subcommand}" if subcommand else args.command


# What `build_parser().parse_args([])` gives: a bare `rehab-tui` opens the app without building the
# parser of every subcommand (about 6 ms of every start; a test keeps the two equal).
NO_ARGUMENTS = {"version": None, "data_dir": None, "exercises": None, "command": None}
COMMANDS = {command.split()[0] for command in HANDLERS if command}


def parse(argv: list[str]) -> argparse.Namespace:
    """The command line; the app's own (nothing, or only its folders) without building every
    subcommand's parser."""
    if not argv:
        return argparse.Namespace(**NO_ARGUMENTS)
    if not COMMANDS.intersection(argv) and (found := parse_folder_options(argv)) is not None:
        return found
    return build_parser().parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse(argv)
    if args.command not in (None, "timer"):
        resume_without_collecting()  # the TUI collects once its first screen is drawn
    out = Console(highlight=False, soft_wrap=True)  # paths and sentences are never cut
    try:
        return handler_for(command_of(args))(args, out)
    except (UserError, ServiceError, CatalogError, StoreError) as error:
        return said(str(error))
    except BrokenPipeError:
        # The reader went away (`history --json | head`): nothing more to say, to anyone.
        with contextlib.suppress(OSError, ValueError):  # stdout may have no file descriptor
            # so that the flush at exit does not fail too
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:  # a file the command wrote or read, e.g. on a full disk
        where = f"{error.filename}: " if error.filename else ""
        return said(f"{where}{error.strerror or error}")
    except KeyboardInterrupt:
        return 130


def said(message: str) -> int:
    """Say what went wrong in one line on stderr (never wrapped; no control character)."""
    print(f"rehab-tui: {one_line(message)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
