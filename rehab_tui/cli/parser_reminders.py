"""The arguments of the commands that remind a runner away from the app: status, calendar and
remind (parser.py adds them; only argparse is imported, as there)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_reminders(commands: Commands) -> None:
    status = commands.add_parser(
        "status", help="one line of what is due today, for a shell prompt or a status bar"
    )
    status.add_argument("--short", action="store_true", help="about 30 columns")
    status.add_argument(
        "--notify",
        action="store_true",
        help="also show a desktop notification when a session or check-in is due",
    )
    status.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
