"""Export and import: json round trips, idempotent merges, csv and reports of any size."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehab_tui.cli.main import main
from rehab_tui.domain.record_types import CapacityRecord, CheckinRecord, SessionKind
from rehab_tui.domain.records import checkin_record, logged_session
from rehab_tui.exchange.export import render, to_json
from rehab_tui.exchange.importing import (
    ExportFileError,
    import_into,
    read_export,
    validate_export,
)
from rehab_tui.services.planning import load_profile, plan_for
from rehab_tui.storage.record_check import RecordChecker, RecordError, check_session
from rehab_tui.storage.record_conforms import conforms, session_conforms
from rehab_tui.storage.store import Store

NOW = datetime(2026, 3, 31, 20, 0, tzinfo=UTC)


def fill(store: Store, catalog, days: int, start: date = date(2026, 1, 1)) -> None:
    """`days` days of sessions (one a day), each with a check-in the next morning."""
    for n in range(days):
        day = start + timedelta(days=n)
        plan = plan_for(store, catalog, day)
        started = datetime(day.year, day.month, day.day, 18, 0, tzinfo=UTC)
        store.add_session(logged_session(plan.exercises, started, plan.step, n % 4, f"day {n}"))
        store.add_checkin(checkin_record(day + timedelta(days=1), n % 3, None))
    store.add_test(
        {"id": "t1", "date": "2026-01-20", "kind": "heel_raise", "left": 18, "right": 24, "pain": 2}
    )
    store.add_test({"id": "t2", "date": "2026-01-21", "kind": "visa_a", "score": 71})


def exported(store: Store) -> dict:
    return json.loads(to_json(store, NOW))


def test_export_import_export_gives_the_same_data(store, catalog, tmp_path):
    fill(store, catalog, 40)
    first = exported(store)
    (tmp_path / "export.json").write_text(to_json(store, NOW))
    with Store(tmp_path / "elsewhere") as other:
        assert import_into(other, read_export(tmp_path / "export.json")) == (40, 40, 2, 0)
        second = exported(other)
    assert second == first


def test_two_exports_differ_only_in_exported_at(store, catalog):
    fill(store, catalog, 5)
    one = to_json(store, NOW)
    two = to_json(store, NOW + timedelta(hours=1))
    assert one != two
    assert one.replace(NOW.isoformat(), "X") == two.replace(
        (NOW + timedelta(hours=1)).isoformat(), "X"
    )
    assert to_json(store, NOW) == one


def test_importing_twice_changes_nothing(store, catalog, tmp_path):
    fill(store, catalog, 10)
    path = tmp_path / "export.json"
    path.write_text(to_json(store, NOW))
    with Store(tmp_path / "b") as other:
        import_into(other, read_export(path))
        before = exported(other)
        assert import_into(other, read_export(path)) == (0, 0, 0, 0)
        assert exported(other) == before


def test_import_through_the_cli_reports_what_it_added(store, catalog, tmp_path, capsys):
    fill(store, catalog, 3)
    path = tmp_path / "export.json"
    path.write_text(to_json(store, NOW))
    store.close()
    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "import", str(path)]) == 0
    assert "added 3 sessions, 3 check-ins, 2 capacity tests and 0 runs." in capsys.readouterr().out
    assert main(["--data-dir", str(other), "import", str(path)]) == 0
    assert "added 0 sessions" in capsys.readouterr().out


def good_export() -> dict:
    return {
        "schema": 1,
        "app": "rehab-tui",
        "exported_at": NOW.isoformat(),
        "profile": {"tendinopathy": "midportion", "baseline": 1, "limits": "strict"},
        "settings": {},
        "sessions": [
            {
                "id": "20260303-080000-1a2b3c",
                "kind": "plan",
                "started_at": "2026-03-03T08:00:00+00:00",
                "ended_at": "2026-03-03T08:20:00+00:00",
                "completed": True,
                "stage": 1,
                "ladder_index": 0,
                "pain": 2,
                "note": "",
                "paused_s": 0.0,
                "exercises": [
                    {
                        "exercise_id": "iso-double-straight",
                        "name": "Double-leg heel-raise hold",
                        "kind": "hold",
                        "per_side": False,
                        "planned": {"sets": 1, "rest_s": 60, "hold_s": 20},
                        "sets": [
                            {
                                "set": 1,
                                "side": None,
                                "planned": 20,
                                "done": 20.0,
                                "skipped": False,
                                "paused_s": 0.0,
                                "completed_at": "2026-03-03T08:01:00+00:00",
                            }
                        ],
                    }
                ],
            }
        ],
        "checkins": [{"date": "2026-03-04", "pain": 1, "stiffness_min": None}],
        "tests": [],
    }


BAD_EXPORTS = [
    (lambda d: d.pop("app"), "not a rehab-tui export"),
    (lambda d: d.update(schema=3), "export schema 3 is newer"),
    (lambda d: d.update(sessions={}), "sessions: expected a list, got an object"),
    (lambda d: d["sessions"][0].update(pain=11), "sessions[0].pain: expected a whole number from 0 to 10, got 11"),
    (lambda d: d["sessions"][0].update(id="x"), "sessions[0].id: expected an id like"),
    (lambda d: d["sessions"][0].update(started_at="yesterday"), "sessions[0].started_at: expected a date and time"),
    (lambda d: d["sessions"][0].update(started_at="2026-03-04T08:00:00+00:00"), "does not match the date in the id"),
    (lambda d: d["sessions"][0]["exercises"][0]["sets"][0].update(done="20"), "sessions[0].exercises[0].sets[0].done"),
    (lambda d: d["sessions"].append(dict(d["sessions"][0])), "sessions[1].id: '20260303-080000-1a2b3c' appears twice"),
    (lambda d: d["checkins"][0].update(date="2026-02-30"), "checkins[0].date: expected a date like"),
    (lambda d: d["checkins"][0].pop("pain"), "checkins[0].pain: missing"),
    (lambda d: d["sessions"][0]["exercises"][0].update(kind="tempo"), "planned.tempo: missing"),
    (lambda d: d["tests"].append({"id": "t", "date": "2026-03-01", "kind": "plank"}), "tests[0].kind: expected one of heel_raise, hop, visa_a, got 'plank'"),
    (lambda d: d["sessions"][0].update(kind="run"), "sessions[0].kind: expected one of plan, free, routine, test, got 'run'"),
    (lambda d: d["sessions"][0].update(quick="yes"), "sessions[0].quick: expected true or false"),
    (lambda d: d["sessions"][0].update(test="plank"), "sessions[0].test: expected one of heel_raise, hop, got 'plank'"),
    (lambda d: d["sessions"][0].update(routine=None), "sessions[0].routine: expected text, got null"),
    (lambda d: d["sessions"][0].pop("exercises"), "sessions[0].exercises: missing"),
    (lambda d: d["sessions"][0].update(paused_s=float("inf")), "sessions[0].paused_s: expected a number of 0 or more, got inf"),
    (lambda d: d["sessions"][0]["exercises"][0]["sets"][0].pop("planned"), "sessions[0].exercises[0].sets[0].planned: missing"),
    (lambda d: d["sessions"][0]["exercises"][0]["sets"][0].update(side="both"), "sets[0].side: expected one of null, left, right, got 'both'"),
    (lambda d: d["checkins"][0].update(date="20260304"), "checkins[0].date: expected a date like 2026-03-03, got '20260304'"),
    (lambda d: d["tests"].append({"id": "t", "date": "2026-03-01", "kind": "hop", "left": 10, "pain": 1}), "tests[0].right: missing"),
    (lambda d: d["tests"].append({"id": "t", "date": "2026-03-01", "kind": "visa_a", "score": 101}), "tests[0].score: expected a whole number from 0 to 100, got 101"),
    # Values that pass a JSON check but would poison the plan, the exports or the app's start.
    (lambda d: d["sessions"][0].update(ladder_index="x"), "sessions[0].ladder_index: expected a whole number of 0 or more, got 'x'"),
    (lambda d: d["sessions"][0].update(ladder_index=-40), "sessions[0].ladder_index: expected a whole number of 0 or more, got -40"),
    (lambda d: d["sessions"][0].update(ladder_index=1.5), "sessions[0].ladder_index: expected a whole number of 0 or more, got 1.5"),
    (lambda d: d["sessions"][0].update(stage="two"), "sessions[0].stage: expected a whole number of 1 or more, got 'two'"),
    (lambda d: d["sessions"][0].update(paused_s=float("nan")), "sessions[0].paused_s: expected a number of 0 or more, got nan"),
    (lambda d: d["sessions"][0].update(ended_at="2026-03-03T08:20:00"), "sessions[0].ended_at: expected a date and time with its UTC offset"),
    (lambda d: d["sessions"][0]["exercises"][0]["sets"][0].update(completed_at="2026-03-03T08:01:00"), "sets[0].completed_at: expected a date and time with its UTC offset"),
    (lambda d: d["checkins"][0].update(date="2026-W10-2"), "checkins[0].date: expected a date like 2026-03-03, got '2026-W10-2'"),
    (lambda d: d["checkins"][0].update(date="2999-03-03"), "checkins[0].date: 2999-03-03 is in the future"),
    (lambda d: d["tests"].append({"id": "t", "date": "2999-03-01", "kind": "visa_a", "score": 50}), "tests[0].date: 2999-03-01 is in the future"),
    (lambda d: d["sessions"][0].update(id="29990303-080000-1a2b3c", started_at="2999-03-03T08:00:00+00:00"), "sessions[0].started_at: 2999-03-03 is in the future"),
    (lambda d: d["sessions"][0].update(ended_at="2999-03-03T08:20:00+00:00"), "sessions[0].ended_at: 2999-03-03 is in the future"),
]  # fmt: skip


@pytest.mark.parametrize(("damage", "message"), BAD_EXPORTS)
def test_a_bad_export_is_named_and_writes_nothing(private_dirs, tmp_path, capsys, damage, message):
    data = good_export()
    validate_export(data, "ok.json")  # the undamaged one is good
    damage(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"rehab-tui: {path}") and message in err, err
    assert len(err.strip().splitlines()) == 1
    assert not list(private_dirs.glob("sessions/*.json")), "nothing is written"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "line 1: not valid JSON"),
        (b'{"schema": 1, "app": "rehab-tui", "sessions": [', "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[1, 2]", "expected a JSON object, got a list"),
    ],
)
def test_a_damaged_export_file_writes_nothing(private_dirs, tmp_path, capsys, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert main(["import", str(path)]) == 1
    assert message in capsys.readouterr().err
    assert not list(private_dirs.glob("sessions/*.json"))


@pytest.mark.parametrize("kind", list(SessionKind))
def test_every_session_kind_and_field_the_app_writes_is_accepted(kind):
    data = good_export()
    extras = {"routine": "Physio program", "quick": True, "test": "hop", "logged": True}
    data["sessions"][0].update(kind=kind.value, **extras)
    data["tests"] = [
        {"id": "t1", "date": "2026-03-03", "kind": "hop", "left": 10, "right": 9, "pain": None},
        {"id": "t2", "date": "2026-03-03", "kind": "visa_a", "score": 80},
    ]
    (session,) = validate_export(data, "ok.json").sessions
    assert session["kind"] == kind and {k: session[k] for k in extras} == extras


def test_an_import_puts_the_fields_in_the_order_the_app_writes_them():
    data = json.loads(json.dumps(good_export(), sort_keys=True))
    (session,) = validate_export(data, "ok.json").sessions
    assert list(session) == list(good_export()["sessions"][0])
    assert list(session["exercises"][0]["sets"][0])[:3] == ["set", "side", "planned"]


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 200)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
PATHS = [
    ("sessions", 0, "pain"), ("sessions", 0, "id"), ("sessions", 0, "exercises"),
    ("sessions", 0, "started_at"), ("checkins", 0, "date"), ("checkins", 0, "pain"),
    ("sessions",), ("checkins",), ("tests",), ("schema",), ("profile",),
]  # fmt: skip


SESSION_PATHS = [
    ("pain",), ("id",), ("exercises",), ("started_at",), ("ended_at",), ("stage",), ("kind",),
    ("ladder_index",), ("paused_s",), ("exercises", 0, "kind"), ("exercises", 0, "planned"),
    ("exercises", 0, "planned", "sets"), ("exercises", 0, "sets"), ("exercises", 0, "sets", 0),
    ("exercises", 0, "sets", 0, "side"), ("exercises", 0, "sets", 0, "done"), ("test",),
]  # fmt: skip


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(PATHS), JSON)
def test_the_import_validator_accepts_or_names_the_field(path, value):
    """Any value anywhere: the validator accepts it or raises ExportFileError, never crashes."""
    data = good_export()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    try:
        validate_export(data, "x.json")
    except ExportFileError as error:
        assert str(error).startswith("x.json: ") and "\n" not in str(error)


@settings(max_examples=100, deadline=None)
@given(JSON)
def test_any_json_document_is_accepted_or_refused_cleanly(value):
    try:
        validate_export(value, "x.json")
    except ExportFileError as error:
        assert str(error).startswith("x.json")


@pytest.mark.parametrize("days", [0, 400])
def test_csv_and_reports_of_empty_and_large_histories(store, catalog, days):
    fill(store, catalog, days)
    plan = plan_for(store, catalog, NOW.date())
    profile = load_profile(store)
    sessions_csv = render("csv", store, plan, profile, NOW, sets=False)
    rows = list(csv.DictReader(io.StringIO(sessions_csv)))
    assert len(rows) == days
    if days:
        assert rows[0]["pain"] == "0" and rows[1]["pain"] == "1"
        assert rows[0]["next_morning_pain"] == "0" and rows[0]["outcome"] in ("green", "amber")
    set_rows = list(
        csv.DictReader(io.StringIO(render("csv", store, plan, profile, NOW, sets=True)))
    )
    assert len(set_rows) == sum(len(e["sets"]) for s in store.sessions() for e in s["exercises"])
    markdown = render("md", store, plan, profile, NOW, sets=False)
    page = render("html", store, plan, profile, NOW, sets=False)
    for text in (markdown, page):
        assert "Where things stand" in text and "Capacity tests" in text
        assert ("No sessions in these weeks" in text) == (days == 0)
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    if days:
        assert "Heel raises to fatigue: left 18, right 24" in markdown


def test_user_text_cannot_break_the_report(store, catalog):
    plan = plan_for(store, catalog, NOW.date())
    started = datetime(2026, 3, 30, 18, 0, tzinfo=UTC)
    store.add_session(
        logged_session(plan.exercises, started, plan.step, 2, "<script>x</script> | *")
    )
    page = render("html", store, plan, load_profile(store), NOW, sets=False)
    assert "<script>" not in page and "&lt;script&gt;" in page
    markdown = render("md", store, plan, load_profile(store), NOW, sets=False)
    assert "\\<script\\>x\\</script\\> \\| \\*" in markdown


def test_export_to_a_file_is_private(store, tmp_path, capsys):
    store.close()
    out = tmp_path / "report.html"
    assert main(["export", "--format", "html", "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    assert f"Wrote {out}" in capsys.readouterr().out


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SESSION_PATHS), JSON)
def test_the_quick_record_check_agrees_with_the_one_that_names_the_field(path, value):
    """The store's quick yes/no check (conforms) takes exactly what RecordChecker takes."""
    session = good_export()["sessions"][0]
    target = session
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    try:
        check_session(RecordChecker("x.json"), session, "session")
        taken = True
    except RecordError:
        taken = False
    assert session_conforms(session) == taken


MOMENTS_TAKEN = [
    "2026-03-03T08:00:00+01:00", "2026-03-03T08:00:00.250000-05:30", "2026-03-03T08:00:00Z",
    "2026-03-03 08:00:00+00:00", "20260303T080000+0100", "2026-03-03T08:00+01:00",
]  # fmt: skip
MOMENTS_REFUSED = [
    "2026-03-03T08:00:00", "2026-03-03", "2026-02-30T08:00:00+00:00", "2026-03-03T24:00:00+00:00",
    "", "now", "2026-03-03T08:00:00+25:00",
]  # fmt: skip


@pytest.mark.parametrize("text", MOMENTS_TAKEN + MOMENTS_REFUSED)
@pytest.mark.parametrize("path", [("ended_at",), ("exercises", 0, "sets", 0, "completed_at")])
def test_the_quick_check_reads_a_moment_as_the_one_that_names_the_field(path, text):
    """A moment is tested in line by the quick check: it takes the same texts (an offset
    required) as the parse RecordChecker calls."""
    session = good_export()["sessions"][0]
    target = session
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = text
    try:
        check_session(RecordChecker("x.json"), session, "session")
        taken = True
    except RecordError:
        taken = False
    assert session_conforms(session) == taken == (text in MOMENTS_TAKEN)


OTHER_RECORDS = [
    (CheckinRecord, {"date": "2026-03-04", "pain": 1, "stiffness_min": None}),
    (
        CapacityRecord,
        {"id": "t1", "date": "2026-03-01", "kind": "hop", "left": 9, "right": 12, "pain": 0},
    ),
    (CapacityRecord, {"id": "t2", "date": "2026-03-01", "kind": "visa_a", "score": 80}),
]
OTHER_KEYS = ["date", "pain", "stiffness_min", "id", "kind", "left", "right", "score", "other"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(OTHER_RECORDS), st.sampled_from(OTHER_KEYS), JSON)
def test_the_quick_check_of_check_ins_and_tests_agrees_with_the_one_that_names_the_field(
    shape_and_record, key, value
):
    """As above, for the records beside the sessions: a check-in, a test of either kind (a
    union told apart by its `kind`), `key` one of its fields or one it does not name."""
    shape, good = shape_and_record
    record = good | {key: value}
    try:
        RecordChecker("x.json").value(record, shape, "record")
        taken = True
    except RecordError:
        taken = False
    assert conforms(record, shape) == taken
