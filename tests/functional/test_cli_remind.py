"""`rehab-tui remind` through the real command line with a recording runner in place of
systemctl and crontab, and the unit folder under the test's own XDG_CONFIG_HOME: no test touches
the real user's systemd or crontab. The generated files are checked, and what --install runs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from datetime import time
from pathlib import Path

import pytest

import rehab_tui.cli.remind as remind
from rehab_tui.cli.main import main
from rehab_tui.services import reminders
from rehab_tui.services.results import ServiceError


class FakeScheduler:
    """Records each command; keeps a crontab of its own ("no crontab" until one is written)."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], str | None]] = []
        self.crontab: str | None = None

    def __call__(self, command: Sequence[str], given: str | None) -> str:
        self.calls.append((list(command), given))
        if list(command) == ["crontab", "-l"]:
            if self.crontab is None:
                raise subprocess.CalledProcessError(1, command, stderr="no crontab for you")
            return self.crontab
        if list(command) == ["crontab", "-"]:
            self.crontab = given
        return ""


@pytest.fixture
def scheduler(monkeypatch: pytest.MonkeyPatch) -> FakeScheduler:
    fake = FakeScheduler()
    monkeypatch.setattr(remind, "RUNNER", fake)
    return fake


@pytest.fixture
def units(tmp_path: Path) -> Path:
    return tmp_path / "xdg-config" / "systemd" / "user"  # conftest points XDG_CONFIG_HOME here


def cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_without_install_the_files_and_commands_are_printed_and_nothing_changes(
    capsys, scheduler, units
):
    code, out = cli(capsys, "remind", "--at", "7:30,19:00")
    assert code == 0
    assert f"# {units / 'rehab-tui-remind.timer'}" in out
    assert "OnCalendar=*-*-* 07:30:00\nOnCalendar=*-*-* 19:00:00" in out
    assert f"ExecStart={sys.executable} -m rehab_tui status --notify" in out
    assert "systemctl --user enable --now rehab-tui-remind.timer" in out
    assert scheduler.calls == [] and not units.exists()


def test_install_writes_the_units_and_enables_the_timer_then_off_removes_them(
    capsys, scheduler, units
):
    code, out = cli(capsys, "remind", "--at", "08:15", "--install")
    assert code == 0 and "08:15" in out
    timer = (units / "rehab-tui-remind.timer").read_text()
    assert "OnCalendar=*-*-* 08:15:00\n" in timer and "WantedBy=timers.target" in timer
    service = (units / "rehab-tui-remind.service").read_text()
    assert "Type=oneshot" in service and service.rstrip().endswith("status --notify")
    assert [c for c, _ in scheduler.calls] == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", "rehab-tui-remind.timer"],
    ]
    assert "08:15" in cli(capsys, "remind", "--show")[1]
    scheduler.calls.clear()
    assert cli(capsys, "remind", "--off", "--install")[0] == 0
    assert not any(units.iterdir())
    assert ["systemctl", "--user", "disable", "--now", "rehab-tui-remind.timer"] in [
        c for c, _ in scheduler.calls
    ]
    assert "No reminder set" in cli(capsys, "remind", "--show")[1]


def test_the_reminder_runs_the_same_data_folder(capsys, scheduler, tmp_path):
    data = tmp_path / "my data"
    code, out = cli(capsys, "--data-dir", str(data), "remind", "--at", "07:00")
    assert code == 0 and f'--data-dir "{data}" status --notify' in out


def test_a_crontab_line_is_shown_then_installed_beside_the_users_own_lines(capsys, scheduler):
    code, out = cli(capsys, "remind", "--at", "07:05", "--cron")
    assert code == 0 and scheduler.calls == []
    line = f"5 7 * * * {sys.executable} -m rehab_tui status --notify # rehab-tui remind"
    assert line in out.splitlines()
    scheduler.crontab = "0 3 * * * backup\n"
    assert cli(capsys, "remind", "--at", "07:05", "--cron", "--install")[0] == 0
    assert cli(capsys, "remind", "--at", "21:00", "--cron", "--install")[0] == 0  # replaces
    assert scheduler.crontab is not None
    lines = scheduler.crontab.splitlines()
    assert lines[0] == "0 3 * * * backup" and len(lines) == 2 and lines[1].startswith("0 21 ")
    assert "0 21 * * *" in cli(capsys, "remind", "--show", "--cron")[1]
    assert cli(capsys, "remind", "--off", "--cron", "--install")[0] == 0
    assert scheduler.crontab == "0 3 * * * backup\n"


def test_no_crontab_yet_is_an_empty_one(capsys, scheduler):
    assert cli(capsys, "remind", "--at", "06:00", "--cron", "--install")[0] == 0
    assert scheduler.crontab is not None and scheduler.crontab.startswith("0 6 * * * ")
    assert "No reminder was set" in cli(capsys, "remind", "--off", "--install")[1]


@pytest.mark.parametrize("times", ["24:00", "7", "07:60", "07:30,", "1:1"])
def test_a_bad_time_is_one_sentence_and_exit_1(capsys, scheduler, times):
    assert main(["remind", "--at", times]) == 1
    assert "expected times like 07:30" in capsys.readouterr().err


def test_one_of_at_off_show_is_required():
    with pytest.raises(SystemExit) as stop:
        main(["remind"])
    assert stop.value.code == 2


def test_a_failing_systemctl_is_said_in_one_sentence(capsys, units):
    def fails(command: Sequence[str], given: str | None) -> str:
        raise subprocess.CalledProcessError(1, command, stderr="Failed to connect to bus")

    with pytest.raises(ServiceError, match=r"systemctl --user daemon-reload.*Failed to connect"):
        reminders.install_systemd([time(7)], ["rehab-tui"], units, fails)


def test_systemd_and_cron_expansions_are_escaped():
    service = reminders.systemd_units([time(7)], ["/opt/a b/python", "--data-dir", "/d/50%$x"])
    assert (
        'ExecStart="/opt/a b/python" --data-dir "/d/50%%$$x"' in service["rehab-tui-remind.service"]
    )
    (line,) = reminders.crontab_lines([time(7)], ["/opt/it's", "/d/50%"])
    assert line == "0 7 * * * '/opt/it'\\''s' '/d/50\\%' # rehab-tui remind"
