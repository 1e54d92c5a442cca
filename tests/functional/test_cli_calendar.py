"""`rehab-tui calendar [-o FILE] [--days N]` through the real command line on fixed days: the
output parses back with the icalendar library; today's session with its stage and step,
tomorrow's check-in, the stage's frequency after, each saying that the pain rules decide each
day; -o writes the file whole; nothing set up gives an empty calendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from rehab_tui.cli.main import main


def cli(capsysbinary, *args: str) -> tuple[int, bytes]:
    code = main(list(args))
    return code, capsysbinary.readouterr().out


def events(content: bytes) -> list[tuple[date, str, str, str]]:
    calendar = Calendar.from_ical(content)
    return [
        (e.decoded("dtstart"), str(e["summary"]), str(e["description"]), str(e["uid"]))
        for e in calendar.walk("VEVENT")
    ]


def test_the_coming_days_parse_back_with_the_library(capsysbinary):
    assert cli(capsysbinary, "setup", "--baseline", "1")[0] == 0
    code, out = cli(capsysbinary, "calendar", "--date", "2026-03-05", "--days", "4")
    assert code == 0
    found = events(out)
    first = found[0]
    assert first[0] == date(2026, 3, 5) and first[1].startswith("Rehab session: stage 1 (")
    assert first[1].endswith("step 1") and "decided each day by the pain rules" in first[2]
    tomorrow = [e for e in found if e[0] == date(2026, 3, 6)]
    assert [e[1] for e in tomorrow] == ["Rehab: morning check-in"]
    later = [e for e in found if e[0] > date(2026, 3, 6) and e[1].startswith("Rehab session?")]
    assert [e[0] for e in later] == [date(2026, 3, 7), date(2026, 3, 8)]
    assert all("decided each day by the pain rules" in e[2] and " count " in e[2] for e in later)
    assert max(e[0] for e in found) == date(2026, 3, 8)  # --days 4: today and three more
    assert len({e[3] for e in found}) == len(found)  # one uid each, stable by day and kind
    assert (
        cli(capsysbinary, "calendar", "--date", "2026-03-05", "--days", "4")[1].count(
            b"UID:session-2026-03-05@rehab-tui"
        )
        == 1
    )


def test_a_session_done_today_is_not_asked_again_and_a_check_in_due_is(capsysbinary):
    assert cli(capsysbinary, "setup", "--baseline", "1")[0] == 0
    assert cli(capsysbinary, "log", "--date", "2026-03-05", "--pain", "2")[0] == 0
    _, out = cli(capsysbinary, "calendar", "--date", "2026-03-05", "--days", "2")
    assert [(e[0], e[1]) for e in events(out)] == [(date(2026, 3, 6), "Rehab: morning check-in")]
    _, out = cli(capsysbinary, "calendar", "--date", "2026-03-06", "--days", "1")
    assert [e[1].split(":")[0] for e in events(out)] == ["Rehab", "Rehab session"]


def test_o_writes_the_file_atomically_and_says_where(capsysbinary, tmp_path: Path, monkeypatch):
    import rehab_tui.cli.calendar as command

    written: list[Path] = []
    writer = command.write_atomically
    monkeypatch.setattr(command, "write_atomically", lambda p, c: (written.append(p), writer(p, c)))
    assert cli(capsysbinary, "setup", "--baseline", "1")[0] == 0
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "rehab.ics"
    target.write_text("an older calendar")
    code, out = cli(capsysbinary, "calendar", "-o", str(target), "--date", "2026-03-05")
    assert code == 0 and str(target).encode() in out
    assert len(events(target.read_bytes())) > 10  # 14 days by default
    assert [p.name for p in target.parent.iterdir()] == ["rehab.ics"]  # no temp file left
    assert written == [target]  # through the one atomic writer


def test_nothing_set_up_is_an_empty_calendar(capsysbinary):
    code, out = cli(capsysbinary, "calendar")
    assert code == 0 and events(out) == []


@pytest.mark.parametrize("days", ["0", "367", "x"])
def test_days_out_of_range_is_a_usage_error(capsysbinary, days):
    with pytest.raises(SystemExit) as stop:
        main(["calendar", "--days", days])
    assert stop.value.code == 2
