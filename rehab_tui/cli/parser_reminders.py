"""The arguments of the commands that remind a runner away from the app: status, calendar and
remind (parser.py adds them; only argparse is imported, as there)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

MAX_CALENDAR_DAYS = 366

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
    calendar = commands.add_parser(
        "calendar", help="the coming sessions and check-ins as an .ics file for a calendar app"
    )
    calendar.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    calendar.add_argument(
        "--days", type=calendar_days, default=14, metavar="N", help="how many days (default 14)"
    )
    calendar.add_argument("--date", metavar="YYYY-MM-DD", help="the first day (default: today)")
    remind = commands.add_parser(
        "remind", help="a daily desktop reminder through your own scheduler (systemd or cron)"
    )
    what = remind.add_mutually_exclusive_group(required=True)
    what.add_argument("--at", metavar="HH:MM[,HH:MM]", help="remind every day at these times")
    what.add_argument("--off", action="store_true", help="remove the reminder")
    what.add_argument("--show", action="store_true", help="say which reminder is set")
    remind.add_argument(
        "--cron", action="store_true", help="a crontab line instead of a systemd user timer"
    )
    remind.add_argument(
        "--install",
        action="store_true",
        help="install or remove it (without: print the files and commands, change nothing)",
    )


def calendar_days(text: str) -> int:
    """--days: 1 to a year (later days would only repeat the stage's frequency)."""
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 1 <= days <= MAX_CALENDAR_DAYS:
        raise argparse.ArgumentTypeError(f"expected 1 to {MAX_CALENDAR_DAYS} days, got {days}")
    return days
