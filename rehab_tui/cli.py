"""The `rehab-tui` command: the TUI by default, and subcommands for scripts.

No business logic lives here: it parses arguments, calls the domain modules and prints. Textual
is imported only when the TUI starts, so the subcommands start fast.
Exit codes: 0 ok, 1 a problem with the user's files or input, 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rehab_tui import locations
from rehab_tui.catalog import Catalog, CatalogError, default_catalog_path, load_catalog
from rehab_tui.records import format_duration, sets_done, time_under_load
from rehab_tui.store import Store, StoreError

HISTORY_SCHEMA = 1


class UserError(Exception):
    """A problem the user can fix; printed as one sentence, exit 1."""


def package_version() -> str:
    try:
        return version("rehab-tui")
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rehab-tui",
        description="A pain-guided Achilles tendinopathy rehab player. "
        "With no command, starts the full-screen app.",
    )
    parser.add_argument("--version", action="version", version=f"rehab-tui {package_version()}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"where to keep data (default: ${locations.DATA_DIR_ENV}, else the user data folder)",
    )
    parser.add_argument(
        "--exercises",
        metavar="FILE",
        help="use this exercise file instead of the one shipped with rehab-tui",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("where", help="print the paths rehab-tui uses")
    validate = commands.add_parser("validate", help="check an exercise file")
    validate.add_argument("file", nargs="?", help="the file to check (default: the one in use)")
    history = commands.add_parser("history", help="list past sessions, newest first")
    history.add_argument("--json", action="store_true", help="print JSON (see the README)")
    history.add_argument(
        "--since", metavar="YYYY-MM-DD", type=parse_date, help="only sessions on or after this date"
    )
    history.add_argument("--limit", metavar="N", type=positive_int, help="at most N sessions")
    return parser


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-03-03, got {text!r}") from None


def positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = Console(highlight=False)
    try:
        handler = {
            None: run_tui,
            "where": cmd_where,
            "validate": cmd_validate,
            "history": cmd_history,
        }[args.command]
        return handler(args, out)
    except (UserError, CatalogError, StoreError) as error:
        print(f"rehab-tui: {error}", file=sys.stderr)  # one line, never wrapped
        return 1
    except KeyboardInterrupt:
        return 130


def catalog_path(args: argparse.Namespace) -> Path:
    return Path(args.exercises) if args.exercises else default_catalog_path()


def open_store(args: argparse.Namespace) -> Store:
    folder = locations.data_dir(args.data_dir)
    try:
        return Store(folder)
    except OSError as error:
        raise UserError(f"cannot use the data folder {folder}: {error.strerror}") from None


def cmd_where(args: argparse.Namespace, out: Console) -> int:
    folder = locations.data_dir(args.data_dir)
    out.print(f"data:      {folder}", markup=False)
    out.print(f"exercises: {catalog_path(args)}", markup=False)
    out.print(f"config:    {locations.config_dir()}", markup=False)
    return 0


def cmd_validate(args: argparse.Namespace, out: Console) -> int:
    path = Path(args.file) if args.file else catalog_path(args)
    catalog = load_catalog(path)
    out.print(
        f"{path}: OK, {len(catalog.exercises)} exercises, {len(catalog.stages)} stages, "
        f"{len(catalog.ladder)} steps on the ladder",
        markup=False,
    )
    return 0


def cmd_history(args: argparse.Namespace, out: Console) -> int:
    store = open_store(args)
    since = args.since.isoformat() if args.since else None
    sessions: list[dict[str, Any]] = []
    for session in store.sessions(since=since):
        sessions.append(session)
        if args.limit and len(sessions) >= args.limit:
            break
    if args.json:
        print(
            json.dumps(
                {"schema": HISTORY_SCHEMA, "sessions": sessions}, indent=2, ensure_ascii=False
            )
        )
        return 0
    if not sessions:
        out.print("No sessions yet. Start one with: rehab-tui")
        return 0
    table = Table("Date", "Sets done", "Under load", "Pain", "Status", "Note")
    table.columns[0].no_wrap = True
    for session in sessions:
        done, planned = sets_done(session)
        pain = "–" if session["pain"] is None else f"{session['pain']}/10"
        status = (
            "in progress"
            if session["ended_at"] is None
            else ("complete" if session["completed"] else "ended early")
        )
        table.add_row(
            session["started_at"][:16].replace("T", " "),
            f"{done}/{planned}",
            format_duration(time_under_load(session)),
            pain,
            status,
            Text(session["note"]),  # the user's own words: never read as markup
        )
    out.print(table)
    return 0


def run_tui(args: argparse.Namespace, out: Console) -> int:
    catalog: Catalog = load_catalog(catalog_path(args))
    store = open_store(args)
    store.acquire_writer_lock()
    from rehab_tui.tui.app import RehabApp  # imported here: Textual is only needed for the TUI

    try:
        RehabApp(catalog=catalog, store=store).run()
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
