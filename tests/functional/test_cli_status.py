"""`rehab-tui status [--short] [--notify]` through the real command line, on fixed days: not set
up, a session due, done, a check-in due, the running verdict; the short line fits a status bar;
no control character from the exercise file reaches it; the notification degrades to print."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rehab_tui.cli.main import main
from rehab_tui.cli.status import notify

DATA = Path(__file__).parents[1] / "data"


def cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def status(capsys, *args: str) -> str:
    code, out = cli(capsys, "status", *args)
    assert code == 0
    assert out.endswith("\n") and out.count("\n") == 1  # one line
    return out.strip()


def test_nothing_set_up_yet_says_so_and_exits_0(capsys):
    assert status(capsys) == "rehab: not set up"
    assert status(capsys, "--short", "--date", "2026-03-02") == "rehab: not set up"


def test_a_session_due_then_done_then_the_check_in_next_morning(capsys):
    assert cli(capsys, "setup", "--baseline", "1")[0] == 0
    line = status(capsys, "--date", "2026-03-02")
    assert line.startswith("rehab: stage 1 (") and "step 1: session due" in line
    assert line.endswith("running: rest") and "check-in" not in line
    assert status(capsys, "--short", "--date", "2026-03-02") == "rehab: session due · no run"
    assert cli(capsys, "log", "--date", "2026-03-02", "--pain", "2")[0] == 0
    assert "session done" in status(capsys, "--date", "2026-03-02")
    assert status(capsys, "--short", "--date", "2026-03-02") == "rehab: done · no run"
    assert "session due · check-in due" in status(capsys, "--date", "2026-03-03")
    assert status(capsys, "--short", "--date", "2026-03-03") == "rehab: check-in due · no run"
    assert cli(capsys, "checkin", "--pain", "1", "--date", "2026-03-03")[0] == 0
    assert "check-in" not in status(capsys, "--date", "2026-03-03")


def test_the_longest_allowed_run_is_named_and_the_short_line_fits_30_columns(capsys):
    assert cli(capsys, "setup", "--baseline", "1")[0] == 0
    assert cli(capsys, "run", "log", "--min", "40", "--pain", "1", "--date", "2026-03-01")[0] == 0
    assert cli(capsys, "checkin", "--pain", "0", "--date", "2026-03-02")[0] == 0
    line = status(capsys, "--date", "2026-03-02")
    assert "running: run, up to 44 min" in line
    short = status(capsys, "--short", "--date", "2026-03-02")
    assert short == "rehab: session due · run ≤44m" and len(short) <= 30


def test_no_control_character_from_the_exercise_file_reaches_the_line(capsys, tmp_path):
    hostile = tmp_path / "hostile.yaml"
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    hostile.write_text(
        text.replace("name: Test stage", 'name: "Stage \\e]2;PWNED\\a \\e[2J"'), encoding="utf-8"
    )
    assert cli(capsys, "--exercises", str(hostile), "setup", "--baseline", "1")[0] == 0
    code, out = cli(capsys, "--exercises", str(hostile), "status", "--date", "2026-03-02")
    assert code == 0 and out.startswith("rehab: stage 1 (Stage ") and "PWNED" in out
    assert not any((ord(c) < 32 and c != "\n") or 127 <= ord(c) < 160 for c in out)


def test_notify_uses_notify_send_when_there_is_one_and_prints_when_not(capsys):
    calls: list[list[str]] = []
    assert notify("rehab: session due", calls.append, lambda _: "/usr/bin/notify-send")
    assert calls == [["/usr/bin/notify-send", "--app-name", "rehab-tui", "rehab-tui",
                      "rehab: session due"]]  # fmt: skip
    assert capsys.readouterr().out == ""
    assert not notify("rehab: session due", calls.append, lambda _: None)
    assert capsys.readouterr().out == "rehab-tui: rehab: session due\n"

    def fails(_: list[str]) -> object:
        raise subprocess.CalledProcessError(1, "notify-send")

    assert not notify("a\x1b[2Jb", fails, lambda _: "/usr/bin/notify-send")
    assert "\x1b" not in capsys.readouterr().out


def test_status_never_imports_textual():
    code = (
        "import sys; from rehab_tui.cli.main import main; main(['status']); "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
