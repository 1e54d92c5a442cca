"""A daily reminder through the user's own scheduler: a systemd user timer and service, or a
crontab line. Either runs `rehab-tui status --notify`, which shows a desktop notification when a
session or the check-in is due.

Nothing is installed unless asked: the files and lines are made here as text, and installing
them goes through a folder and a command runner that the caller passes in (tests pass their own,
so that no test touches the real user's systemd or crontab).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable, Sequence
from datetime import time
from pathlib import Path

from rehab_tui.services.results import ServiceError
from rehab_tui.storage.atomic import write_atomically

NAME = "rehab-tui-remind"
SERVICE = f"{NAME}.service"
TIMER = f"{NAME}.timer"
CRON_MARK = "# rehab-tui remind"  # ends every crontab line this owns, to find them again
MAX_TIMES = 6
TIME_FORMAT = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")

# Runs a command line with optional input and returns its output; raises CalledProcessError
# when it fails (and OSError when there is no such command).
Runner = Callable[[Sequence[str], str | None], str]


def run_command(command: Sequence[str], given: str | None) -> str:
    """The real runner: the user's own systemctl or crontab."""
    done = subprocess.run(
        list(command), input=given, capture_output=True, text=True, check=True, timeout=30
    )
    return done.stdout


def checked(run: Runner) -> Runner:
    """`run`, with a failure said in one sentence (ServiceError) naming the command."""

    def run_checked(command: Sequence[str], given: str | None) -> str:
        try:
            return run(command, given)
        except subprocess.CalledProcessError as error:
            said = (error.stderr or "").strip() or f"exit status {error.returncode}"
            raise ServiceError(f"`{' '.join(command)}` failed: {said}") from None
        except OSError as error:
            raise ServiceError(f"cannot run {command[0]}: {error.strerror or error}") from None

    return run_checked


def parse_times(text: str) -> list[time]:
    """ "07:30,19:00" -> the times, sorted, each once; ServiceError in one sentence when not."""
    times = set()
    for part in text.split(","):
        match = TIME_FORMAT.fullmatch(part.strip())
        if match is None:
            raise ServiceError(f"expected times like 07:30 or 07:30,19:00, got {text!r}")
        times.add(time(int(match[1]), int(match[2])))
    if len(times) > MAX_TIMES:
        raise ServiceError(f"at most {MAX_TIMES} reminders a day, got {len(times)}")
    return sorted(times)


def unit_folder() -> Path:
    """Where systemd looks for a user's own units: $XDG_CONFIG_HOME/systemd/user."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def _systemd_word(word: str) -> str:
    """One ExecStart word, quoted for systemd: `%` and `$` would be expanded by it."""
    escaped = word.replace("%", "%%").replace("$", "$$")
    if re.fullmatch(r"[\w@%+=:,./-]+", escaped):
        return escaped
    return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_units(times: list[time], command: Sequence[str]) -> dict[str, str]:
    """The service (one run of the command) and the timer (each time of day, every day)."""
    exec_start = " ".join(_systemd_word(word) for word in command)
    service = (
        "[Unit]\nDescription=rehab-tui: a reminder when a session or check-in is due\n\n"
        f"[Service]\nType=oneshot\nExecStart={exec_start}\n"
    )
    calendars = "".join(f"OnCalendar=*-*-* {at:%H:%M}:00\n" for at in times)
    timer = (
        "[Unit]\nDescription=rehab-tui: daily reminders\n\n"
        f"[Timer]\n{calendars}Persistent=false\n\n[Install]\nWantedBy=timers.target\n"
    )
    return {SERVICE: service, TIMER: timer}


def install_commands() -> list[list[str]]:
    return [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", TIMER],
    ]


def remove_commands() -> list[list[str]]:
    return [["systemctl", "--user", "disable", "--now", TIMER]]


def install_systemd(times: list[time], command: Sequence[str], folder: Path, run: Runner) -> None:
    """Write the units into `folder` (whole or not at all) and enable the timer."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in systemd_units(times, command).items():
        write_atomically(folder / name, text)
    for line in install_commands():
        checked(run)(line, None)


def remove_systemd(folder: Path, run: Runner) -> bool:
    """Disable the timer and delete the units; False when there were none."""
    present = [folder / name for name in (TIMER, SERVICE) if (folder / name).exists()]
    if not present:
        return False
    for line in remove_commands():
        checked(run)(line, None)
    for path in present:
        path.unlink()
    checked(run)(["systemctl", "--user", "daemon-reload"], None)
    return True


def systemd_times(folder: Path) -> list[str]:
    """The times of the installed timer ("07:30"), none when there is no timer."""
    timer = folder / TIMER
    if not timer.exists():
        return []
    found = re.findall(r"^OnCalendar=\*-\*-\* (\d\d:\d\d):00$", timer.read_text(), re.M)
    return list(found)


def _cron_word(word: str) -> str:
    """One word of a crontab command, quoted for sh; cron itself reads `%` as a newline."""
    if re.fullmatch(r"[\w@+=:,./-]+", word):
        return word
    return "'" + word.replace("'", "'\\''").replace("%", "\\%") + "'"


def crontab_lines(times: list[time], command: Sequence[str]) -> list[str]:
    words = " ".join(_cron_word(word) for word in command)
    return [f"{at.minute} {at.hour} * * * {words} {CRON_MARK}" for at in times]


def current_crontab(run: Runner) -> list[str]:
    """The user's crontab lines (none when they have no crontab yet: `crontab -l` fails)."""
    try:
        return run(["crontab", "-l"], None).splitlines()
    except subprocess.CalledProcessError:
        return []
    except OSError as error:
        raise ServiceError(f"cannot run crontab: {error.strerror or error}") from None


def with_reminders(crontab: list[str], lines: list[str]) -> str:
    """The crontab with this app's lines replaced by `lines` (the user's own lines kept)."""
    kept = [line for line in crontab if not line.endswith(CRON_MARK)]
    return "".join(f"{line}\n" for line in [*kept, *lines])


def install_cron(times: list[time], command: Sequence[str], run: Runner) -> None:
    new = with_reminders(current_crontab(run), crontab_lines(times, command))
    checked(run)(["crontab", "-"], new)


def remove_cron(run: Runner) -> bool:
    crontab = current_crontab(run)
    if not any(line.endswith(CRON_MARK) for line in crontab):
        return False
    checked(run)(["crontab", "-"], with_reminders(crontab, []))
    return True


def cron_reminders(run: Runner) -> list[str]:
    return [line for line in current_crontab(run) if line.endswith(CRON_MARK)]
