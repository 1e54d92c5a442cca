"""`rehab-tui run plan [--json]` through the real command line (DOMAIN §7): a new runner, a runner
after a hard stop, a runner whose longest recent run was 40 minutes, the walk-run ladder's first
steps, and the spike guard named after a run over it. Each call is a fresh read of the store."""

from __future__ import annotations

import json

from rehab_tui.cli.main import main


def cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def run_plan(capsys, day: str) -> dict:
    code, out = cli(capsys, "run", "plan", "--date", day, "--json")
    assert code == 0
    return json.loads(out)


def test_a_new_runner_is_told_what_opens_the_walk_run_ladder(capsys):
    data = run_plan(capsys, "2026-03-02")
    assert data["schema"] == 1 and data["verdict"] == "rest" and data["because"] == "entry"
    assert data["kind"] == "walk_run" and data["level"] == 1
    assert data["intervals"] == {"run_s": 60, "walk_s": 60, "repeats": 10}
    assert data["longest_min"] == 0
    assert "brisk 30-minute walk" in " ".join(data["reasons"])
    code, out = cli(capsys, "run", "plan", "--date", "2026-03-02")
    assert code == 0 and "running: rest" in out and "10 × (1 min run / 1 min walk)" in out


def test_the_walk_and_the_hop_test_open_level_1_every_other_day(capsys):
    assert cli(capsys, "run", "log", "--kind", "walk", "--min", "30", "--pain", "1",
               "--date", "2026-03-02")[0] == 0  # fmt: skip
    assert cli(capsys, "test", "log", "hop", "--left", "10", "--right", "10", "--pain", "1",
               "--date", "2026-03-02")[0] == 0  # fmt: skip
    cli(capsys, "checkin", "--pain", "0", "--date", "2026-03-03")
    data = run_plan(capsys, "2026-03-03")
    assert data["verdict"] == "run" and data["level"] == 1 and data["longest_min"] == 20
    assert cli(capsys, "run", "log", "--kind", "walk-run", "--level", "1", "--min", "20",
               "--pain", "1", "--date", "2026-03-03")[0] == 0  # fmt: skip
    cli(capsys, "checkin", "--pain", "0", "--date", "2026-03-04")
    assert run_plan(capsys, "2026-03-04")["because"] == "every_other_day"
    assert run_plan(capsys, "2026-03-05")["verdict"] == "run"


def test_after_a_hard_stop_no_running_for_14_days_then_the_ladders_start(capsys):
    cli(capsys, "run", "log", "--min", "40", "--pain", "1", "--date", "2026-02-20")
    cli(capsys, "run", "log", "--min", "40", "--pain", "7", "--date", "2026-03-02")
    during = run_plan(capsys, "2026-03-10")
    assert during["verdict"] == "rest" and during["because"] == "hard_stop"
    assert during["longest_min"] == 0
    after = run_plan(capsys, "2026-03-17")
    assert after["verdict"] == "rest" and after["level"] == 1  # the runs before it no longer count


def test_a_runner_whose_longest_recent_run_was_40_minutes_may_run_44(capsys):
    runs = (("2026-02-17", 40), ("2026-02-20", 30), ("2026-02-25", 40), ("2026-02-28", 35))
    for day, minutes in runs:  # 75 minutes this week against 70 the week before
        cli(capsys, "run", "log", "--min", str(minutes), "--km", str(minutes / 5), "--pain", "1",
            "--date", day)  # fmt: skip
    cli(capsys, "checkin", "--pain", "0", "--date", "2026-03-01")
    data = run_plan(capsys, "2026-03-02")
    assert data["verdict"] == "run" and data["kind"] == "continuous"
    assert data["level"] == "continuous" and data["intervals"] is None
    assert data["longest_min"] == 44 and data["longest_km"] == 8.8
    home = json.loads(cli(capsys, "plan", "--date", "2026-03-02", "--json")[1])
    assert "up to 44 min today" in home["run_advice"]["text"]


def test_a_run_over_the_guard_is_named_in_the_next_plan(capsys):
    cli(capsys, "run", "log", "--min", "40", "--pain", "1", "--date", "2026-02-25")
    cli(capsys, "run", "log", "--min", "50", "--pain", "1", "--date", "2026-02-28")
    data = run_plan(capsys, "2026-03-01")
    assert "more than 10 % longer than the longest of the 30 days before it (40 min)" in " ".join(
        data["reasons"]
    )
    assert data["longest_min"] == 44  # a run over the guard does not raise it
