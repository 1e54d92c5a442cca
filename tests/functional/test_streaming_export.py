"""The json and csv exports and `history --json` are written as they go, a month at a time, and
come out byte for byte as before they were (tests/data/fixed_store holds what the app wrote when
each was made whole, with Python's json module); a full disk or a damaged month part way leaves
an old export whole.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rehab_tui.cli.main import main
from rehab_tui.domain.record_types import (
    CapacityRecord,
    CheckinRecord,
    RunRecord,
    SessionRecord,
)
from rehab_tui.domain.records import checkin_record, logged_session
from rehab_tui.domain.text import escape_json_controls
from rehab_tui.exchange import export, json_stream
from rehab_tui.exchange.export import json_chunks, to_json
from rehab_tui.exchange.history_json import history_chunks
from rehab_tui.storage import atomic
from rehab_tui.storage.record_check import RecordChecker, check_run, check_session
from rehab_tui.storage.record_order import in_app_order
from rehab_tui.storage.store import Store
from tests.fixed_store import fill_fixed_store
from tests.functional.test_full_disk import Disk

EXPECTED = Path(__file__).parent.parent / "data" / "fixed_store"
CASES = {
    "export.json": ["export", "--format", "json"],
    "export.csv": ["export", "--format", "csv"],
    "sets.csv": ["export", "--format", "csv", "--sets"],
    "runs.csv": ["export", "--format", "csv", "--runs"],
    "history.json": ["history", "--json"],
    "history-since.json": ["history", "--json", "--since", "2026-02-10"],
    "history-limit.json": ["history", "--json", "--limit", "3"],
}


@pytest.fixture
def fixed(store, catalog) -> Path:
    store.acquire_writer_lock()
    fill_fixed_store(store, catalog)
    store.close()
    return store.data_dir


def without_export_time(text: str) -> str:
    first, rest = text.split('"exported_at": "', 1)
    return first + '"exported_at": "EXPORTED_AT' + rest[rest.index('"') :]


@pytest.mark.parametrize("name", list(CASES))
def test_each_output_is_the_same_as_when_it_was_made_whole(fixed, capsysbinary, name):
    assert main(CASES[name]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    if name == "export.json":
        out = without_export_time(out)
    assert out == (EXPECTED / name).read_text("utf-8")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_saved_export_is_the_same_as_before(fixed, tmp_path, capsys, fmt):
    path = tmp_path / f"export.{fmt}"
    assert main(["export", "--format", fmt, "-o", str(path)]) == 0
    text = path.read_text("utf-8")
    if fmt == "json":
        text = without_export_time(text)
    assert text == (EXPECTED / f"export.{fmt}").read_text("utf-8")
    assert path.stat().st_mode & 0o777 == 0o600


def fill_months(store: Store, catalog, months: int) -> None:
    """A logged session a day for `months` months, with its next morning's check-in."""
    step = catalog.ladder[0]
    first = date(2020, 1, 1)
    day = first
    while (day.year - first.year) * 12 + day.month - first.month < months:
        started = datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC)
        store.add_session(logged_session(step.exercises, started, step, 1, "a note"))
        store.add_checkin(checkin_record(day + timedelta(days=1), 1, None))
        day += timedelta(days=1)


class Events(list[str]):
    """What happened, in order: a month file read, a part encoded, a chunk written."""

    def watch(self, monkeypatch: pytest.MonkeyPatch, store: Store) -> None:
        reads = store.month_tables

        def month_tables(*args, **kwargs):
            for tables in reads(*args, **kwargs):
                self.append("read")
                yield tables

        encode = json_stream.encoded_view  # what encode and JsonList.part call

        def encoded(*args, **kwargs):
            self.append("encode")
            return encode(*args, **kwargs)

        monkeypatch.setattr(store, "month_tables", month_tables)
        monkeypatch.setattr(json_stream, "encoded_view", encoded)


def test_the_json_export_encodes_each_month_before_it_reads_the_next(store, catalog, monkeypatch):
    fill_months(store, catalog, 6)
    monkeypatch.setattr(export, "SPOOL_READ", 1 << 16)
    events = Events()
    events.watch(monkeypatch, store)
    chunks = list(json_chunks(store, datetime(2026, 1, 1, tzinfo=UTC)))
    reads = [i for i, event in enumerate(events) if event == "read"]
    assert len(reads) == len(store.month_files()) > 6, "each month file is read once"
    for this, after in itertools.pairwise(reads):
        assert "encode" in events[this:after], "a month's records are encoded before the next"
    whole = b"".join(chunks)
    assert max(len(chunk) for chunk in chunks) <= 1 << 16 < len(whole) / 3, "never all at once"
    assert json.loads(whole)["sessions"][0]["started_at"].startswith("2020-01-01")


def test_history_json_encodes_each_month_before_it_reads_the_next(store, catalog, monkeypatch):
    fill_months(store, catalog, 6)
    events = Events()
    events.watch(monkeypatch, store)
    chunks = history_chunks(store, None, None)
    parts = []
    for chunk in chunks:
        parts.append(chunk)
        events.append("write")
    reads = [i for i, event in enumerate(events) if event == "read"]
    assert len(reads) == len(store.month_files()) > 6
    for this, after in itertools.pairwise(reads):
        assert "write" in events[this:after], "a month's sessions are written before the next"
    assert len(json.loads(b"".join(parts))["sessions"]) == sum(1 for _ in store.sessions())


def test_a_saved_export_is_written_in_chunks(store, catalog, monkeypatch, tmp_path):
    fill_months(store, catalog, 6)
    monkeypatch.setattr(export, "SPOOL_READ", 1 << 16)  # a table's spool is copied out so
    sizes: list[int] = []
    write_all = atomic.write_all

    def counted(fd: int, data: bytes) -> None:
        sizes.append(len(data))
        write_all(fd, data)

    monkeypatch.setattr(atomic, "write_all", counted)
    path = tmp_path / "export.json"
    for fmt in ("json", "csv"):
        sizes.clear()
        assert main(["export", "--format", fmt, "-o", str(path)]) == 0
        assert len(sizes) >= 6, "a chunk a month at least"
        # csv: a month at a time; json: its tables copied out of their spools 64 kB at a time
        assert max(sizes) <= min(1 << 16, path.stat().st_size / 3)


def test_a_full_disk_keeps_the_old_export_whole(fixed, tmp_path, capsys, monkeypatch):
    path = tmp_path / "export.json"
    path.write_text("the old export\n")
    Disk(monkeypatch, tmp_path, room=5000)  # some of the new export fits, not all
    assert main(["export", "--format", "json", "-o", str(path)]) == 1
    monkeypatch.undo()
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert captured.err.splitlines() == [f"rehab-tui: cannot write {path}: No space left on device"]
    assert path.read_text() == "the old export\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")], "temp file removed"


def test_a_damaged_month_part_way_keeps_the_old_export_whole(fixed, tmp_path, capsys):
    path = tmp_path / "export.json"
    path.write_text("the old export\n")
    month = fixed / "sessions" / "2026-02.json"
    month.write_text('{"sessions": {"1": {"id": 5}}}')
    assert main(["export", "--format", "json", "-o", str(path)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and len(captured.err.splitlines()) == 1
    assert str(month) in captured.err
    assert path.read_text() == "the old export\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_an_import_keeps_a_whole_number_past_64_bits_exactly(fixed, tmp_path, capsys):
    assert main(["history", "--json"]) == 0
    path = tmp_path / "export.json"
    assert main(["export", "--format", "json", "-o", str(path)]) == 0
    data = json.loads(path.read_text())
    data["sessions"][0]["from_a_newer_version"] = 2**70
    path.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "other"), "import", str(path)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "other"), "history", "--json"]) == 0
    sessions = json.loads(capsys.readouterr().out)["sessions"]
    assert sessions[-1]["from_a_newer_version"] == 2**70


# -- the encoder: the standard library's text, a part at a time ---------------------------

KEYS = st.text(max_size=8)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([1e-05, 1.5e-07, 1e16, 1e22, -0.0, 5e-324, 0.0001])
    | st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


def whole(value: object, sort_keys: bool) -> bytes:
    text = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=sort_keys)
    return escape_json_controls(text).encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(VALUES, max_size=4), max_size=4), VALUES, st.booleans())
def test_parts_written_as_they_go_are_the_whole_documents_text(parts, other, sort_keys):
    items = json_stream.JsonList(sort_keys, depth=1)
    streamed = b"".join(
        json_stream.object_chunks(
            [("a", other), ("items", iter([*map(items.part, parts), items.end()]))], sort_keys
        )
    )
    expected = {"a": other, "items": [item for part in parts for item in part]}
    assert streamed == whole(expected, sort_keys)


def test_an_empty_object_and_the_ends_of_lists():
    assert b"".join(json_stream.object_chunks([])) == whole({}, False)
    items = json_stream.JsonList(sort_keys=False, depth=1)
    assert items.part([]) == b"" and items.end() == b"[]"


# -- an import's records: checked fast, in the app's order --------------------------------


def reversed_keys(value: object) -> object:
    """`value` with every object's keys in reverse order (as another program might write them)."""
    if isinstance(value, dict):
        return {key: reversed_keys(value[key]) for key in reversed(value)}
    if isinstance(value, list):
        return [reversed_keys(item) for item in value]
    return value


def test_a_good_record_is_put_in_the_order_the_field_naming_check_puts_it(fixed):
    with Store(fixed) as store:
        data = json.loads(to_json(store, datetime(2026, 4, 1, tzinfo=UTC)))
    data["tests"].append({"kind": "visa_a", "score": 70, "date": "2026-03-01", "id": "t-v"})
    data["sessions"][0]["from_a_newer_version"] = {"b": 1, "a": 2}
    check = RecordChecker("export.json")
    kinds = {
        "sessions": lambda r, f: check_session(check, r, f),
        "runs": lambda r, f: check_run(check, r, f),
        "checkins": lambda r, f: check.record(r, CheckinRecord, f),
        "tests": lambda r, f: check.value(r, CapacityRecord, f),
    }
    shapes = {
        "sessions": SessionRecord,
        "runs": RunRecord,
        "checkins": CheckinRecord,
        "tests": CapacityRecord,
    }
    for table, slow in kinds.items():
        assert data[table]
        for i, record in enumerate(map(reversed_keys, data[table])):
            fast = in_app_order(record, shapes[table])
            assert json.dumps(fast) == json.dumps(slow(record, f"{table}[{i}]"))


def test_an_import_stages_each_month_file_before_it_makes_the_next(store, monkeypatch):
    from rehab_tui.exchange.importing import import_into, validate_export
    from rehab_tui.storage import merging
    from tests.functional.test_import_whole import MONTHS, export_over_three_months

    events: list[str] = []
    dump, write_whole = merging.dump_tables, atomic._write_whole

    def dumped(tables):
        events.append("made")
        return dump(tables)

    def staged(path, data):
        events.append("staged")
        write_whole(path, data)

    monkeypatch.setattr(merging, "dump_tables", dumped)
    monkeypatch.setattr(atomic, "_write_whole", staged)
    data = validate_export(export_over_three_months(), "export.json", date(2026, 4, 1))
    assert import_into(store, data)[0] == len(MONTHS)
    assert events == ["made", "staged"] * len(MONTHS), "one month's text held at a time"
