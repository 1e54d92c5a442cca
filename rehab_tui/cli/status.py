"""`rehab-tui status [--short] [--notify]`: one line for a shell prompt or a tmux status bar,
and the desktop reminder that `rehab-tui remind` schedules.

Kept light: no Textual import, and today's plan reads only recent history. The stage's name
comes from the exercise file, so every line passes through one_line (no control character
reaches a terminal's status bar). Exit 0 whatever is set up: a prompt must never show an error.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from collections.abc import Callable
from datetime import date, datetime, time

from rich.console import Console

from rehab_tui.cli.common import parse_day, use_cases
from rehab_tui.domain.clock import FakeClock
from rehab_tui.domain.text import one_line
from rehab_tui.services.today import DayStatus, day_status

NOT_SET_UP = "rehab: not set up"
NOTIFY_TITLE = "rehab-tui"

# A notification's runner: the command line to run; raises OSError or CalledProcessError.
Runner = Callable[[list[str]], object]


def cmd_status(args: argparse.Namespace, out: Console) -> int:
    clock = None
    if args.date is not None:
        # A day told: its morning, when a reminder fires and a check-in is due.
        clock = FakeClock(
            datetime.combine(parse_day(args.date, date.today()), time(9)).astimezone()
        )
    with use_cases(args, clock=clock) as rehab:
        status = day_status(rehab)
    line = short_line(status) if args.short else long_line(status)
    print(one_line(line))
    if args.notify and status.something_due:
        notify(long_line(status))
    return 0


def long_line(status: DayStatus) -> str:
    """Everything due today: "rehab: stage 2 (Isometrics) step 5: session due · check-in due ·
    running: run, up to 44 min"."""
    if not status.set_up:
        return NOT_SET_UP
    where = f"stage {status.stage} ({status.stage_name}) step {status.step}"
    session = {
        "due": f"{where}: session due",
        "done": f"{where}: session done",
        "light": f"{where}: a light day",
    }[status.session]
    parts = [session]
    if status.checkin_due:
        parts.append("check-in due")
    parts.append(f"running: {running_words(status)}")
    return "rehab: " + " · ".join(parts)


def short_line(status: DayStatus) -> str:
    """About 30 columns: the first thing to do, and running ("rehab: session due · run ≤44m")."""
    if not status.set_up:
        return NOT_SET_UP
    if status.checkin_due:
        first = "check-in due"
    else:
        first = {"due": "session due", "done": "done", "light": "light day"}[status.session]
    if status.run_verdict == "rest" or status.longest_run_min <= 0:
        run = "no run"
    else:
        run = f"run ≤{status.longest_run_min:.0f}m"
    return f"rehab: {first} · {run}"


def running_words(status: DayStatus) -> str:
    if status.run_verdict == "rest" or status.longest_run_min <= 0:
        return "rest"
    return f"{status.run_verdict}, up to {status.longest_run_min:g} min"


def notify(
    message: str, runner: Runner | None = None, which: Callable[[str], str | None] = shutil.which
) -> bool:
    """Show `message` as a desktop notification through notify-send (libnotify's own command,
    on every desktop that has a notification daemon); False, having printed it, when there is
    none or it fails (a headless box, no session bus): the reminder still says it somewhere."""
    command = which("notify-send")
    run = runner or _run_quietly
    if command is not None:
        try:
            run([command, "--app-name", NOTIFY_TITLE, NOTIFY_TITLE, one_line(message)])
            return True
        except (OSError, subprocess.SubprocessError):
            pass
    print(f"{NOTIFY_TITLE}: {one_line(message)}")
    return False


def _run_quietly(command: list[str]) -> object:
    return subprocess.run(command, check=True, capture_output=True, timeout=10)
