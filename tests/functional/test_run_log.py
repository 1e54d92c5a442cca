"""`rehab-tui run log` and `run list`, runs in history, the store's month files, the export and
import, and the physio report."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest

from rehab_tui.cli.main import main
from rehab_tui.domain.clock import FakeClock
from rehab_tui.domain.run_log import new_run, weekly_runs
from rehab_tui.exchange.export import to_json
from rehab_tui.exchange.importing import ExportFileError, import_into, validate_export
from rehab_tui.services.rehab import Rehab
from rehab_tui.services.results import ServiceError
from rehab_tui.storage.errors import StoreError
from rehab_tui.storage.store import Store

TODAY = date.today()
YESTERDAY = TODAY - timedelta(days=1)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys, *args: str) -> str:
    code, out, err = run(capsys, *args)
    assert code == 0, err
    return out


def runs_listed(capsys, *args: str) -> list[dict]:
    return json.loads(ok(capsys, "run", "list", "--json", *args))["runs"]


def test_a_logged_run_is_saved_and_listed(capsys):
    said = ok(
        capsys, "run", "log", "--min", "32.5", "--km", "5.2", "--pain", "2",
        "--date", YESTERDAY.isoformat(), "--time", "07:15", "--note", "easy loop",
    )  # fmt: skip
    assert f"{YESTERDAY:%a %d %b} 07:15, 32.5 min, 5.2 km, continuous, pain 2/10" in said
    (logged,) = runs_listed(capsys)
    assert logged["started_at"].startswith(f"{YESTERDAY}T07:15:00")
    assert (logged["minutes"], logged["km"], logged["pain"]) == (32.5, 5.2, 2)
    assert (logged["kind"], logged["level"], logged["note"]) == ("continuous", None, "easy loop")
    assert logged["id"].startswith(YESTERDAY.strftime("%Y%m%d-071500-"))
    assert "source" not in logged


def test_a_walk_run_keeps_its_level(capsys):
    day = YESTERDAY.isoformat()
    ok(
        capsys,
        "run",
        "log",
        "--min",
        "20",
        "--pain",
        "1",
        "--date",
        day,
        "--kind",
        "walk-run",
        "--level",
        "3",
    )
    ok(
        capsys,
        "run",
        "log",
        "--min",
        "30",
        "--pain",
        "0",
        "--date",
        day,
        "--time",
        "09:00",
        "--kind",
        "walk",
    )
    walk, walk_run = runs_listed(capsys)  # newest first: 12:00 (no time: noon), then 09:00
    assert (walk_run["kind"], walk_run["level"]) == ("walk", None)
    assert (walk["kind"], walk["level"]) == ("walk_run", 3)
    table = ok(capsys, "run", "list")
    assert "walk-run level 3" in table and "walk" in table


MISTAKES = [
    (["--min", "0", "--pain", "2"], "--min must be a number more than 0 and at most 1440, got '0'"),
    (["--min", "1441", "--pain", "2"], "--min must be a number more than 0 and at most 1440"),
    (["--min", "nan", "--pain", "2"], "--min must be a number"),
    (["--min", "thirty", "--pain", "2"], "--min must be a number"),
    (["--min", "30", "--km", "-1", "--pain", "2"], "--km must be a number from 0 to 1000"),
    (["--min", "30", "--km", "1000.5", "--pain", "2"], "--km must be a number from 0 to 1000"),
    (["--min", "30", "--pain", "11"], "pain must be a whole number from 0 to 10"),
    (["--min", "30", "--pain", "2", "--date", "2026-02-30"], "expected a date like 2026-03-03"),
    (["--min", "30", "--pain", "2", "--date", "2999-12-31"], "is in the future"),
    (["--min", "30", "--pain", "2", "--time", "7.30"], "expected a time like 07:30"),
    (["--min", "30", "--pain", "2", "--kind", "sprint"], "one of continuous, walk-run, walk"),
    (["--min", "30", "--pain", "2", "--level", "2"], "--level goes with --kind walk-run only"),
    (["--min", "30", "--pain", "2", "--kind", "walk-run", "--level", "0"], "--level must be"),
    (["--min", "30", "--pain", "2", "--kind", "walk-run", "--level", "100"], "from 1 to 99"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "said"), MISTAKES, ids=[" ".join(m[0]) for m in MISTAKES])
def test_a_mistake_is_one_sentence_exit_1_and_nothing_written(capsys, private_dirs, args, said):
    code, out, err = run(capsys, "run", "log", *args)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and said in err, err
    assert not (private_dirs / "sessions").exists() or not list(
        (private_dirs / "sessions").glob("*.json")
    )


def test_a_run_later_today_is_in_the_future(store, catalog):
    now = datetime(2026, 3, 3, 10, 0, tzinfo=UTC).astimezone()
    rehab = Rehab(store, catalog, FakeClock(now))
    with pytest.raises(ServiceError, match="is in the future"):
        rehab.log_run(now.date(), (now + timedelta(minutes=5)).time(), 30, None, 2)
    rehab.log_run(now.date(), (now - timedelta(minutes=40)).time(), 30, None, 2)
    assert len(rehab.runs()) == 1


def test_the_same_start_is_not_logged_twice(capsys):
    args = [
        "run",
        "log",
        "--min",
        "30",
        "--pain",
        "2",
        "--date",
        YESTERDAY.isoformat(),
        "--time",
        "06:00",
    ]
    ok(capsys, *args)
    code, _, err = run(capsys, *args)
    assert code == 1 and "is already logged" in err
    assert len(runs_listed(capsys)) == 1


def test_pain_at_the_hard_stop_warns_as_after_a_session(capsys):
    said = ok(capsys, "run", "log", "--min", "20", "--pain", "7", "--date", YESTERDAY.isoformat())
    last = YESTERDAY + timedelta(days=13)
    assert f"Pain 7/10: no running for now, up to and including {last:%a %d %b}" in said


def test_with_a_red_flag_open_a_run_is_recorded_with_see_a_clinician_first(capsys):
    ok(capsys, "setup", "--red-flag", "tiptoe=yes")
    said = ok(capsys, "run", "log", "--min", "20", "--pain", "1", "--date", YESTERDAY.isoformat())
    assert "Logged a run" in said and "see a clinician first" in said
    assert len(runs_listed(capsys)) == 1


def test_history_lists_runs_beside_sessions(capsys):
    ok(
        capsys,
        "run",
        "log",
        "--min",
        "25",
        "--pain",
        "1",
        "--date",
        YESTERDAY.isoformat(),
        "--note",
        "hills",
    )
    ok(capsys, "log", "--pain", "2", "--date", YESTERDAY.isoformat())
    history = json.loads(ok(capsys, "history", "--json"))
    assert history["schema"] == 1 and len(history["sessions"]) == 1
    assert [r["note"] for r in history["runs"]] == ["hills"]
    text = ok(capsys, "history")
    assert "Runs" in text and "hills" in text
    since = json.loads(ok(capsys, "history", "--json", "--since", TODAY.isoformat()))
    assert since["runs"] == [] and since["sessions"] == []


def test_run_list_since_and_newest_first(capsys):
    for days in (1, 3, 5):
        day = (TODAY - timedelta(days=days)).isoformat()
        ok(capsys, "run", "log", "--min", str(20 + days), "--pain", "1", "--date", day)
    assert [r["minutes"] for r in runs_listed(capsys)] == [21, 23, 25]
    since = (TODAY - timedelta(days=3)).isoformat()
    assert [r["minutes"] for r in runs_listed(capsys, "--since", since)] == [21, 23]
    assert "No runs yet" in ok(capsys, "run", "list", "--since", TODAY.isoformat())


# -- the store and the record check -----------------------------------------------------------

STARTED = datetime(2026, 3, 3, 7, 30, tzinfo=UTC)


def test_runs_are_kept_in_their_month_file_and_read_back_checked(private_dirs):
    with Store(private_dirs) as store:
        store.acquire_writer_lock()
        store.add_run(new_run(STARTED, 30, 5, 2))
        store.add_run(new_run(STARTED + timedelta(days=31), 20, None, 1, "walk_run", 2))
    month = json.loads((private_dirs / "sessions" / "2026-03.json").read_text())
    assert [r["minutes"] for r in month["runs"].values()] == [30.0]
    assert (private_dirs / "sessions" / "2026-04.json").exists()
    with Store(private_dirs) as store:
        assert [r["kind"] for r in store.runs()] == ["continuous", "walk_run"]
        assert [r["kind"] for r in store.runs(since="2026-04-01")] == ["walk_run"]


def test_whole_numbers_are_numbers_where_a_fraction_may_be(private_dirs):
    """JSON written by hand (or another tool) may say 30 for 30.0 minutes."""
    record = dict(new_run(STARTED, 30, 5, 2))
    record["minutes"], record["km"] = 30, 5
    folder = private_dirs / "sessions"
    folder.mkdir(parents=True)
    (folder / "2026-03.json").write_text(json.dumps({"runs": {"1": record}}))
    with Store(private_dirs) as store:
        assert store.runs()[0]["minutes"] == 30


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"pain": 11}, "run 20260303-073000"),
        ({"kind": "jog"}, "expected one of continuous, walk_run, walk"),
        ({"started_at": "2026-03-04T07:30:00+00:00"}, "does not match the date in the id"),
        ({"level": 2}, "only a walk_run has a level"),
        ({"minutes": "30"}, "minutes: expected a number"),
    ],
)
def test_a_run_of_the_wrong_shape_in_a_month_file_is_named(private_dirs, change, said):
    record = dict(new_run(STARTED, 30, 5, 2)) | change
    folder = private_dirs / "sessions"
    folder.mkdir(parents=True)
    (folder / "2026-03.json").write_text(json.dumps({"runs": {"1": record}}))
    with Store(private_dirs) as store, pytest.raises(StoreError, match=said):
        store.runs()


# -- export, import, report -------------------------------------------------------------------


def test_runs_export_and_import_by_id_all_or_nothing(store, tmp_path):
    store.add_run(new_run(STARTED, 30, 5, 2, note="first"))
    store.add_run(new_run(STARTED + timedelta(days=2), 35, None, 3, "walk"))
    exported = json.loads(to_json(store, datetime(2026, 4, 1, tzinfo=UTC)))
    assert exported["schema"] == 2 and [r["minutes"] for r in exported["runs"]] == [30, 35]
    data = validate_export(exported, "x.json", today=date(2026, 4, 1))
    with Store(tmp_path / "other") as other:
        other.acquire_writer_lock()
        assert import_into(other, data) == (0, 0, 0, 2)
        assert import_into(other, data) == (0, 0, 0, 0)  # importing twice adds nothing
        assert other.runs() == store.runs()
    broken = json.loads(json.dumps(exported))
    broken["runs"][1]["pain"] = 12
    with pytest.raises(ExportFileError, match=r"runs\[1\].pain"):
        validate_export(broken, "x.json", today=date(2026, 4, 1))
    with pytest.raises(ExportFileError, match=r"runs\[0\].started_at: 2026-03-03 is in the future"):
        validate_export(exported, "x.json", today=date(2026, 3, 2))


def test_an_export_of_schema_1_without_runs_still_imports(store):
    data = {"app": "rehab-tui", "schema": 1, "sessions": [], "checkins": [], "tests": []}
    assert validate_export(data, "old.json").runs == []


def test_the_report_has_a_runs_section_with_weekly_minutes(capsys, private_dirs):
    for days, minutes in ((1, 30), (2, 25), (9, 20)):
        day = (TODAY - timedelta(days=days)).isoformat()
        ok(
            capsys,
            "run",
            "log",
            "--min",
            str(minutes),
            "--km",
            "4",
            "--pain",
            "2",
            "--date",
            day,
            "--note",
            "a <b>",
        )
    ok(
        capsys,
        "run",
        "log",
        "--min",
        "15",
        "--pain",
        "1",
        "--kind",
        "walk-run",
        "--level",
        "4",
        "--date",
        YESTERDAY.isoformat(),
        "--time",
        "06:00",
    )
    md = ok(capsys, "export", "--format", "md")
    assert "## Runs in the last 6 weeks" in md
    assert "| Date | Minutes | km | Pain | Kind | Note |" in md
    assert f"| {YESTERDAY:%d %b %Y} | 30 | 4 | 2/10 | continuous | a \\<b\\> |" in md
    assert "walk-run level 4" in md and "Week of      Runs  Minutes" in md
    html = ok(capsys, "export", "--format", "html")
    assert "<h2>Runs in the last 6 weeks</h2>" in html and "a &lt;b&gt;" in html
    assert "Minutes run per week" in html and "<svg" in html  # the weekly minutes as a chart
    empty = str(private_dirs) + "-empty"
    assert "No runs in these weeks." in ok(capsys, "--data-dir", empty, "export", "--format", "md")


def test_weekly_runs_sum_minutes_and_known_distances():
    monday = date(2026, 3, 2)
    runs = [
        new_run(datetime(2026, 3, 3, 7, tzinfo=UTC), 30, 5, 1),
        new_run(datetime(2026, 3, 5, 7, tzinfo=UTC), 20, None, 1),
        new_run(datetime(2026, 3, 10, 7, tzinfo=UTC), 40, None, 1),
    ]
    weeks = weekly_runs(runs, 3, date(2026, 3, 11))
    assert [(w.start, w.runs, w.minutes, w.km) for w in weeks] == [
        (monday - timedelta(weeks=1), 0, 0, None),
        (monday, 2, 50, 5),
        (monday + timedelta(weeks=1), 1, 40, None),
    ]


def test_export_csv_runs_has_one_row_per_run_oldest_first(capsys):
    for days, note in ((2, "first"), (1, "second\x1b[2J")):
        day = (TODAY - timedelta(days=days)).isoformat()
        ok(capsys, "run", "log", "--min", "30", "--pain", "2", "--date", day, "--note", note)
    rows = list(csv.DictReader(io.StringIO(ok(capsys, "export", "--format", "csv", "--runs"))))
    assert [r["note"] for r in rows] == ["first", "second␛[2J"]
    assert rows[0]["date"] == (TODAY - timedelta(days=2)).isoformat()
    assert (rows[0]["minutes"], rows[0]["km"], rows[0]["level"], rows[0]["kind"]) == (
        "30.0", "", "", "continuous",
    )  # fmt: skip
    with pytest.raises(SystemExit) as usage:
        main(["export", "--format", "csv", "--runs", "--sets"])
    assert usage.value.code == 2 and "not allowed with" in capsys.readouterr().err


def test_a_run_over_the_spike_guard_is_saved_and_flagged(capsys):
    for days, minutes in ((5, "30"), (3, "33")):
        day = (TODAY - timedelta(days=days)).isoformat()
        said = ok(capsys, "run", "log", "--min", minutes, "--pain", "1", "--date", day)
        assert "spike guard" not in said  # 33 is within 10 % of 30
    said = ok(capsys, "run", "log", "--min", "40", "--pain", "1", "--date", YESTERDAY.isoformat())
    assert "Over the spike guard: your run on" in said and "(33 min)" in said
    assert "It is saved, and flagged." in said
    assert [r["minutes"] for r in runs_listed(capsys)] == [40, 33, 30]  # JSON: the records
    for listing in (ok(capsys, "run", "list"), ok(capsys, "history")):
        assert listing.count("! Over the spike guard:") == 1
        assert f"{YESTERDAY} 12:00 !" in listing
