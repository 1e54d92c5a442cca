"""`rehab-tui remind --at HH:MM[,HH:MM] | --off | --show [--cron] [--install]`: a daily
reminder through the user's own scheduler (services.reminders makes the files and lines).

Without --install nothing changes: the files or the crontab line are printed with the commands
that would install them. RUNNER and unit_folder are module attributes so that tests replace
them and never reach the real systemd or crontab.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from rehab_tui.cli.common import UserError
from rehab_tui.services import reminders
from rehab_tui.services.reminders import Runner
from rehab_tui.services.results import ServiceError

RUNNER: Runner = reminders.run_command


def cmd_remind(args: argparse.Namespace, out: Console) -> int:
    if args.show:
        return _show(args)
    if args.off:
        return _off(args)
    try:
        times = reminders.parse_times(args.at)
    except ServiceError as error:
        raise UserError(str(error)) from None
    command = reminder_command(args)
    at = ", ".join(f"{t:%H:%M}" for t in times)
    if args.cron:
        if args.install:
            reminders.install_cron(times, command, RUNNER)
            print(f"Reminders every day at {at}: added to your crontab.")
            return 0
        print("Add this to your crontab (`crontab -e`), or run this again with --install:")
        for line in reminders.crontab_lines(times, command):
            print(line)
        return 0
    folder = reminders.unit_folder()
    if args.install:
        reminders.install_systemd(times, command, folder, RUNNER)
        print(f"Reminders every day at {at}: {reminders.TIMER} enabled ({folder}).")
        return 0
    for name, text in reminders.systemd_units(times, command).items():
        print(f"# {folder / name}")
        print(text)
    print("Nothing installed. Run this again with --install, or write these files and run:")
    for step in reminders.install_commands():
        print("  " + " ".join(step))
    return 0


def reminder_command(args: argparse.Namespace) -> list[str]:
    """What the scheduler runs: this very install of rehab-tui (its own Python, so that another
    rehab-tui on the PATH cannot be run instead) on the same data and exercise file."""
    program = [sys.executable, "-m", "rehab_tui"]
    chosen: list[str] = []
    if args.data_dir:
        chosen += ["--data-dir", _absolute(args.data_dir)]
    if args.exercises:
        chosen += ["--exercises", _absolute(args.exercises)]
    return [*program, *chosen, "status", "--notify"]


def _absolute(path: str) -> str:
    return str(Path(path).expanduser().resolve())


def _off(args: argparse.Namespace) -> int:
    if args.cron:
        if not args.install:
            print("Remove the lines ending in", reminders.CRON_MARK, "from your crontab")
            print("(`crontab -e`), or run this again with --install.")
            return 0
        removed = reminders.remove_cron(RUNNER)
        print("Reminders removed from your crontab." if removed else "No reminder was set.")
        return 0
    folder = reminders.unit_folder()
    if not args.install:
        print("Nothing changed. Run this again with --install, or run:")
        for step in reminders.remove_commands():
            print("  " + " ".join(step))
        print(f"  rm {folder / reminders.TIMER} {folder / reminders.SERVICE}")
        return 0
    removed = reminders.remove_systemd(folder, RUNNER)
    print(f"{reminders.TIMER} disabled and removed." if removed else "No reminder was set.")
    return 0


def _show(args: argparse.Namespace) -> int:
    if args.cron:
        lines: Sequence[str] = reminders.cron_reminders(RUNNER)
        print("\n".join(lines) if lines else "No reminder in your crontab.")
        return 0
    times = reminders.systemd_times(reminders.unit_folder())
    if times:
        print(f"Reminders every day at {', '.join(times)} ({reminders.TIMER}).")
    else:
        print("No reminder set (rehab-tui remind --at HH:MM sets one).")
    return 0
