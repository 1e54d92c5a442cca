"""The bad-input corpus: each mistake a user can make gets one sentence and exit 1.

Every case runs the real command line in-process and checks: exit code 1, exactly one line on
stderr that contains the expected words (file, line and field where there is one), no traceback,
and no file changed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rehab_tui.cli.main import main
from rehab_tui.domain.records import logged_session
from rehab_tui.storage.catalog import load_catalog
from rehab_tui.storage.store import Store

MINI = (Path(__file__).parents[1] / "data" / "mini.yaml").read_text()

DAY = "2026-03-03"


def bomb() -> str:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


# (case, exercise file text, expected words); {file} is the file's path.
EXERCISE_FILES = [
    ("yaml syntax error", "exercises: [\n  {id: a\n", "{file}, line 3"),
    ("not YAML at all", "\x00\x01\x02", "{file}: not valid YAML"),
    ("empty file", "", "{file}: the file is empty"),
    ("a list, not a mapping", "- a\n- b\n", "expected a mapping"),
    ("no exercises", "stages: []\n", "field exercises: missing"),
    (
        "hold of two hours",
        MINI.replace("hold_s: 20", "hold_s: 7200"),
        "line 10, field exercises[0] (hold-a).dose.hold_s",
    ),
    ("negative hold", MINI.replace("hold_s: 20", "hold_s: -5"), "from 5 to 120"),
    ("hold as words", MINI.replace("hold_s: 20", "hold_s: twenty"), "whole number"),
    ("zero sets", MINI.replace("sets: 2", "sets: 0"), "dose.sets"),
    ("absurd rest", MINI.replace("rest_s: 30", "rest_s: 99999", 1), "dose.rest_s"),
    (
        "unknown kind",
        MINI.replace("kind: hold", "kind: stretch"),
        "line 7, field exercises[0] (hold-a).kind",
    ),
    ("per_side not a bool", MINI.replace("per_side: false", "per_side: maybe", 1), "true or false"),
    ("bad tempo", MINI.replace("tempo: 1-0-3-1", "tempo: slow"), "up-top-down-bottom"),
    ("duplicate id", MINI.replace("id: tempo-b", "id: hold-a"), "duplicate id"),
    (
        "missing name",
        MINI.replace("    name: Test hold\n", ""),
        "line 3, field exercises[0].name: missing",
    ),
    (
        "unknown exercise in a stage",
        MINI.replace("[hold-a, tempo-b, reps-c]", "[hold-a, nope]"),
        "no exercise",
    ),
    (
        "unknown field",
        MINI.replace("cues: [Breathe]", "cues: [Breathe]\n    colour: red"),
        "unknown field",
    ),
    ("name is a number", MINI.replace("name: Test hold", "name: 12"), "expected text"),
    (
        "unknown YAML tag",
        MINI.replace("name: Test hold", "name: !secret Test hold"),
        "line 4, field exercises[0] (hold-a).name: could not determine a constructor for the tag '!secret'",
    ),
    (
        "python object tag",
        MINI.replace("name: Test hold", "name: !!python/object:os.system x"),
        "could not determine a constructor",
    ),
    ("YAML bomb", bomb(), "anchors and aliases"),
    ("deep nesting", "x: " + "[" * 60 + "]" * 60 + "\n", "nested"),
    ("10 MB file", "# " + "x" * 10_000_000 + "\n", "at most 1 MB"),
    (
        "5,000-digit number",
        MINI.replace("hold_s: 20", "hold_s: " + "9" * 5000),
        "line 10, field exercises[0] (hold-a).dose.hold_s: a number far too long",
    ),
    # libyaml's composer recurses in C: this crashed the process before any check could run
    ("300,000 nested [", "exercises: " + "[" * 300_000 + "\n", "nested more than 20 levels"),
]


@pytest.mark.parametrize(
    ("case", "text", "expected"), EXERCISE_FILES, ids=[c[0] for c in EXERCISE_FILES]
)
def test_exercise_file_mistakes(tmp_path, capsys, case, text, expected):
    path = tmp_path / "exercises.yaml"
    path.write_text(text, encoding="utf-8")
    one_sentence(capsys, ["validate", str(path)], expected.format(file=path))
    one_sentence(capsys, ["--exercises", str(path), "plan"], expected.format(file=path))


# (case, arguments, expected words)
ARGUMENTS = [
    ("pain above 10", ["log", "--pain", "11"], "pain must be a whole number from 0 to 10"),
    ("negative pain", ["log", "--pain", "-1"], "pain must be a whole number from 0 to 10"),
    ("pain not a number", ["checkin", "--pain", "lots"], "'lots'"),
    ("pain with a decimal", ["checkin", "--pain", "3.5"], "'3.5'"),
    ("baseline above 10", ["setup", "--baseline", "12"], "baseline must be"),
    ("bad date", ["log", "--pain", "2", "--date", "2026-13-01"], "expected a date like"),
    ("future date", ["checkin", "--pain", "2", "--date", "2999-01-01"], "in the future"),
    ("bad since", ["history", "--since", "2026/01/01"], "expected a date like"),
    ("bad plan date", ["plan", "--date", "yesterday"], "'yesterday'"),
    (
        "negative stiffness",
        ["checkin", "--pain", "2", "--stiffness-min", "-3"],
        "stiffness must be",
    ),
    ("missing exercise file", ["--exercises", "/nonexistent/x.yaml", "plan"], "no such file"),
    ("plan in year 1", ["plan", "--date", "0001-01-01"], "a date from 1970-01-01 to 2999-12-31"),
    ("plan in year 9999", ["plan", "--date", "9999-12-31"], "'9999-12-31'"),
    ("log in year 1", ["log", "--pain", "2", "--date", "0001-01-01"], "'0001-01-01'"),
    ("check-in in year 1", ["checkin", "--pain", "2", "--date", "0001-01-01"], "a date from"),
    ("since year 1", ["history", "--since", "0001-01-01"], "a date from 1970-01-01"),
    (
        "a Unicode digit",  # "³".isdigit() is True, and int("³") raises
        ["checkin", "--pain", "2", "--stiffness-min", "³"],
        "stiffness must be whole minutes from 0 to 600, got '³'",
    ),
    ("a Unicode digit for the timer", ["timer", "--hold", "³"], "--hold must be a whole number"),
    (
        "a Unicode digit in a tempo",
        ["timer", "--tempo", "1-0-³-0", "--reps", "5"],
        "expected four whole seconds",
    ),
    (
        "5,000 digits",  # past Python's int-string limit
        ["checkin", "--pain", "2", "--stiffness-min", "1" * 5000],
        "stiffness must be whole minutes",
    ),
    ("a device as the exercise file", ["--exercises", "/dev/zero", "plan"], "a device or a pipe"),
    ("a device to validate", ["validate", "/dev/zero"], "/dev/zero: this is a device or a pipe"),
    ("a device to import", ["import", "/dev/zero"], "/dev/zero: this is a device or a pipe"),
]


@pytest.mark.parametrize(("case", "argv", "expected"), ARGUMENTS, ids=[c[0] for c in ARGUMENTS])
def test_argument_mistakes(private_dirs, capsys, case, argv, expected):
    one_sentence(capsys, argv, expected)
    assert not list(private_dirs.glob("sessions/*.json")), "nothing may be written"


def wrong_session(**changes: object) -> bytes:
    """A month file of valid JSON whose one session is changed (None: the field left out)."""
    session = {
        "id": "20260303-080000-1a2b3c", "kind": "plan", "started_at": "2026-03-03T08:00:00+00:00",
        "ended_at": "2026-03-03T08:20:00+00:00", "completed": True, "stage": 1, "ladder_index": 0,
        "pain": 2, "note": "", "paused_s": 0.0, "exercises": [],
    }  # fmt: skip
    session.update(changes)
    kept = {key: value for key, value in session.items() if value is not None}
    return json.dumps({"sessions": {"1": kept}}).encode()


# (case, bytes of sessions/2026-03.json or rehab.json, expected words)
DATA_FILES = [
    ("empty month file", "sessions/2026-03.json", b"", "it is empty"),
    (
        "truncated month file",
        "sessions/2026-03.json",
        b'{"sessions": {"1": {"id": "2026',
        "not valid JSON",
    ),
    ("month file not JSON", "sessions/2026-03.json", b"hello", "not valid JSON"),
    ("month file not UTF-8", "sessions/2026-03.json", b"\xff\xfe\x00garbage", "not UTF-8"),
    ("month file a list", "sessions/2026-03.json", b"[1, 2, 3]", "does not hold rehab-tui tables"),
    ("month table not a mapping", "sessions/2026-03.json", b'{"sessions": [1]}', "does not hold"),
    ("main file truncated", "rehab.json", b'{"meta": {"1": {"sch', "not valid JSON"),
    (
        "main file from a newer rehab-tui",
        "rehab.json",
        b'{"meta": {"1": {"schema": 99}}}',
        "schema 99",
    ),
    (
        "main file schema not a number",
        "rehab.json",
        b'{"meta": {"1": {"schema": "x"}}}',
        "schema 'x'",
    ),
    (
        "a 5,000-digit number in a month file",
        "sessions/2026-03.json",
        b'{"sessions": {"1": {"pain": ' + b"9" * 5000 + b"}}}",
        "a number too long to read",
    ),
    # Valid JSON of the wrong shape: named as damaged, never a traceback later.
    (
        "a session without started_at",
        "sessions/2026-03.json",
        wrong_session(started_at=None),
        "the record session 20260303-080000-1a2b3c.started_at: missing",
    ),
    (
        "exercises that are a number",
        "sessions/2026-03.json",
        wrong_session(exercises=5),
        "the record session 20260303-080000-1a2b3c.exercises: expected a list, got a number",
    ),
    (
        "a ladder step that is text",
        "sessions/2026-03.json",
        wrong_session(ladder_index="x"),
        "ladder_index: expected a whole number of 0 or more, got 'x'",
    ),
    (
        "an end time without its UTC offset",
        "sessions/2026-03.json",
        wrong_session(ended_at="2026-03-03T08:20:00"),
        "ended_at: expected a date and time with its UTC offset",
    ),
    (
        "a check-in dated 20260303",
        "sessions/2026-03.json",
        b'{"checkins": {"1": {"date": "20260303", "pain": 1}}}',
        "the record check-in 20260303.date: expected a date like 2026-03-03",
    ),
    (
        "a profile that is a list",
        "rehab.json",
        b'{"meta": {"1": {"schema": 1}}, "settings": {"1": {"key": "profile", "value": [1]}}}',
        "the record setting profile: expected a JSON object, got a list",
    ),
]


@pytest.mark.parametrize(
    ("case", "name", "content", "expected"), DATA_FILES, ids=[c[0] for c in DATA_FILES]
)
def test_damaged_data_files(private_dirs, capsys, case, name, content, expected):
    path = private_dirs / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    one_sentence(capsys, ["history"], f"{path}")
    one_sentence(capsys, ["checkin", "--pain", "2", "--date", DAY], expected)
    assert path.read_bytes() == content, "a damaged file is never written"


# (case, import file text, expected words)
IMPORT_FILES = [
    (
        "a 5,000-digit number",
        '{"app": "rehab-tui", "schema": 1, "sessions": [' + "9" * 5000 + "]}",
        "a number too long",
    ),
    ("nested 100,000 deep", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
]


@pytest.mark.parametrize(
    ("case", "text", "expected"), IMPORT_FILES, ids=[c[0] for c in IMPORT_FILES]
)
def test_import_file_mistakes(private_dirs, tmp_path, capsys, case, text, expected):
    path = tmp_path / "backup.json"
    path.write_text(text)
    one_sentence(capsys, ["import", str(path)], f"{path}")
    one_sentence(capsys, ["import", str(path)], expected)
    assert not list(private_dirs.glob("sessions/*.json")), "nothing may be written"


def test_a_fifo_is_refused_at_once(private_dirs, tmp_path, capsys):
    """A named pipe with no writer would block the open, then the read, for good."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    one_sentence(capsys, ["validate", str(fifo)], f"{fifo}: this is a device or a pipe")
    one_sentence(capsys, ["--exercises", str(fifo), "plan"], "a device or a pipe")
    one_sentence(capsys, ["import", str(fifo)], f"{fifo}: this is a device or a pipe")


def test_history_into_a_closed_pipe_ends_quietly(private_dirs):
    """`rehab-tui history --json | head`: the reader goes away; no traceback, nothing more."""
    with Store(private_dirs) as store:
        store.acquire_writer_lock()
        catalog = load_catalog()
        step = catalog.ladder[0]
        for day in range(1, 29):
            started = datetime(2026, 2, day, 8, tzinfo=UTC)
            store.add_session(logged_session(step.exercises, started, step, 2, "x" * 500))
    proc = subprocess.Popen(
        [sys.executable, "-m", "rehab_tui", "history", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "REHAB_TUI_DATA_DIR": str(private_dirs)},
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().strip() == b"{"  # `head -1`, then the pipe is closed
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=30) == 1
    assert err == "", err


def test_the_corpus_is_large_enough():
    assert len(EXERCISE_FILES) + len(ARGUMENTS) + len(DATA_FILES) + len(IMPORT_FILES) >= 30


def one_sentence(capsys, argv: list[str], expected: str) -> None:
    capsys.readouterr()
    assert main(argv) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("rehab-tui: ")
    assert expected in lines[0], lines[0]
    assert "Traceback" not in captured.err + captured.out


def test_json_documents_in_the_corpus_are_real_json():
    # The damaged cases are damaged on purpose; the wrong-shape ones must still parse as JSON,
    # so they test the shape check and not the parser.
    for _, _, content, expected in DATA_FILES:
        if "hold" in expected or "schema" in expected or "record" in expected:
            json.loads(content)
