"""A data file whose records passed the checks is not checked again by the next run while its
content is unchanged (storage/checked_files.py); any change, any doubt, and it is checked."""

from __future__ import annotations

import functools
import pickle
import subprocess
import sys
from datetime import datetime

import pytest

from rehab_tui.domain.records import new_session
from rehab_tui.storage import checked_files, locations
from rehab_tui.storage import store as store_module
from rehab_tui.storage.errors import DamagedFileError
from rehab_tui.storage.store import Store


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose records were really checked, by name."""
    seen: list[str] = []
    for name in ("check_month_tables", "check_main_tables"):
        real = getattr(store_module, name)

        @functools.wraps(real)
        def counting(tables, real=real):
            seen.append(real.__name__)
            return real(tables)

        monkeypatch.setattr(store_module, name, counting)
    return seen


@pytest.fixture
def month(private_dirs, mini_catalog):
    """A data folder with a month of one session, written by the app."""
    with Store(private_dirs) as store:
        store.acquire_writer_lock()
        step = mini_catalog.ladder[0]
        store.start_session(new_session(step.exercises, datetime(2026, 3, 3, 8).astimezone(), step))
    return private_dirs / "sessions" / "2026-03.json"


def a_run(folder) -> list[dict]:
    """What a command reads at start (the sessions), in a store of its own, closed after."""
    with Store(folder, kept_in=locations.cache_dir()) as store:
        return list(store.sessions())


def test_the_next_run_does_not_check_content_that_passed(month, checks):
    first = a_run(month.parent.parent)
    assert "check_month_tables" in checks
    checks.clear()
    assert a_run(month.parent.parent) == first
    assert checks == []


def test_a_change_of_any_byte_is_checked_and_a_bad_record_named_at_every_run(month, checks):
    a_run(month.parent.parent)
    text = month.read_text()
    damaged = text.replace('"completed":false', '"completed":0', 1)
    assert damaged != text
    month.write_text(damaged)
    for _ in range(2):
        checks.clear()
        with pytest.raises(DamagedFileError, match="completed"):
            a_run(month.parent.parent)
        assert "check_month_tables" in checks


def test_same_length_other_bytes_are_checked(month, checks):
    a_run(month.parent.parent)
    text = month.read_text()
    month.write_text(text.replace('"pain":null', '"pain":11  ', 1))  # the same length
    assert len(month.read_text()) == len(text)
    checks.clear()
    with pytest.raises(DamagedFileError, match="pain"):
        a_run(month.parent.parent)


@pytest.mark.parametrize(
    "doubt",
    [
        lambda path: path.write_bytes(b"not a pickle"),
        lambda path: path.write_bytes(pickle.dumps((("other", "code"), []))),
        lambda path: path.write_bytes(pickle.dumps((pickle.loads(path.read_bytes())[0], {}))),
    ],
)
def test_remembered_checks_in_doubt_mean_checking(month, checks, doubt):
    a_run(month.parent.parent)
    doubt(locations.cache_dir() / "checked-files.pickle")
    checks.clear()
    a_run(month.parent.parent)
    assert "check_month_tables" in checks


def test_checks_of_other_code_are_not_taken(month, checks, monkeypatch):
    a_run(month.parent.parent)
    monkeypatch.setattr(checked_files, "_code_version", lambda: ("other checks",))
    checks.clear()
    a_run(month.parent.parent)
    assert "check_month_tables" in checks


def test_what_is_remembered_is_bounded(month, monkeypatch):
    monkeypatch.setattr(checked_files, "REMEMBERED", 3)
    text = month.read_text()
    for note in range(5):
        month.write_text(text.replace('"note":""', f'"note":"{note}"', 1))
        a_run(month.parent.parent)
    _, kept = pickle.loads((locations.cache_dir() / "checked-files.pickle").read_bytes())
    assert len(kept) == 3


def test_the_checking_code_is_every_module_the_checks_run():
    """A change to any module the checks import (a kind's dose fields, a tempo's parse) makes
    the remembered checks another version's."""
    listed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, rehab_tui.storage.store; print('\\n'.join(m.__file__ for n, m in "
            "sys.modules.items() if n.startswith('rehab_tui.') and getattr(m, '__file__', '')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    _, files = checked_files._code_version()
    covered = {name for name, _size, _mtime in files}
    checking = [f for f in listed if "/domain/" in f or "/storage/" in f]
    assert checking and not [f for f in checking if f not in covered]
    assert not [
        f
        for f in listed
        if f not in covered
        and "/domain/" not in f
        and "/storage/" not in f
        and not f.endswith("__init__.py")
    ]


def test_remembered_items_of_another_shape_are_ignored(month, checks):
    a_run(month.parent.parent)
    kept = locations.cache_dir() / "checked-files.pickle"
    key, _ = pickle.loads(kept.read_bytes())
    kept.write_bytes(pickle.dumps((key, [["not", "hashable"], {"a": 1}, "text"])))
    checks.clear()
    assert a_run(month.parent.parent)
    assert "check_month_tables" in checks
