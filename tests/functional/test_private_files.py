"""Every file the app writes (data, preferences, the catalog cache, routines, exports) is written
by storage/atomic.py: whole or not at all, and readable by its owner alone."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from rehab_tui.cli.main import main
from rehab_tui.domain.pain import DEFAULT_LIMITS
from rehab_tui.domain.records import checkin_record
from rehab_tui.exchange.export import save_export
from rehab_tui.storage.catalog import default_catalog_path, load_catalog
from rehab_tui.storage.config import Config
from rehab_tui.storage.routines import ensure_routines_file
from rehab_tui.storage.store import Store

PACKAGE = Path(__file__).parents[2] / "rehab_tui"


@pytest.fixture
def renames(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, Path]]:
    """Every (temp file, file) rename made while the test runs."""
    seen: list[tuple[Path, Path]] = []
    real = os.replace

    def spy(source, target) -> None:
        seen.append((Path(source), Path(target)))
        real(source, target)

    monkeypatch.setattr(os, "replace", spy)
    return seen


def written_atomically(renames: list[tuple[Path, Path]], path: Path) -> bool:
    """`path` was put in place from one of write_atomically's temp files, and is private."""
    temp = re.compile(rf"\.{re.escape(path.name)}\.{os.getpid()}\.\d+\.tmp")
    return any(
        target == path and source.parent == path.parent and temp.fullmatch(source.name)
        for source, target in renames
    ) and (path.stat().st_mode & 0o777 == 0o600)


def test_every_writer_goes_through_the_one_atomic_writer(tmp_path, renames):
    with Store(tmp_path / "data") as store:
        store.acquire_writer_lock()  # as the app and every writing command do
        store.add_checkin(checkin_record(date(2026, 3, 3), 1, None))
    config = Config.load(tmp_path / "config" / "config.toml")
    assert config.set("bell", False) is None
    load_catalog(default_catalog_path(), cache_dir=tmp_path / "cache")
    routines = tmp_path / "config" / "routines.yaml"
    assert ensure_routines_file(routines, DEFAULT_LIMITS)
    export = tmp_path / "export.md"
    save_export(export, "# report\n")

    (cache,) = (tmp_path / "cache").glob("exercises-*.pickle")
    for path in (
        tmp_path / "data" / "sessions" / "2026-03.json",
        tmp_path / "data" / "rehab.json",
        config.path,
        cache,
        routines,
        export,
    ):
        assert written_atomically(renames, path), path


def test_no_module_writes_a_file_another_way():
    """A new writer that opens a file for writing itself would skip the temp file and rename."""
    other_ways = re.compile(
        r"mkstemp|fdopen|\.write_text\(|\.write_bytes\(|\bopen\([^)]*[\"'][wax]b?[\"']"
    )
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "atomic.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if other_ways.search(line)
    ]
    assert offenders == []


def test_an_export_over_an_older_one_is_private(tmp_path):
    path = tmp_path / "rehab-tui-data.json"
    path.write_text("an older export")
    path.chmod(0o644)
    save_export(path, "{}\n")
    assert path.read_text() == "{}\n" and path.stat().st_mode & 0o777 == 0o600


def fail_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)


def fail_part_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first few bytes are written, then the disk is full."""
    real = os.write
    calls = []

    def write(fd: int, data: bytes) -> int:
        calls.append(fd)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real(fd, bytes(data[:5]))

    monkeypatch.setattr(os, "write", write)


@pytest.mark.parametrize("failure", [fail_replace, fail_part_way])
def test_an_interrupted_export_leaves_the_old_file_whole(tmp_path, monkeypatch, failure):
    path = tmp_path / "report.md"
    path.write_text("the report of last week\n")
    failure(monkeypatch)
    with pytest.raises(OSError, match="No space left"):
        save_export(path, "# this week's report\n" * 100)
    assert path.read_text() == "the report of last week\n"
    assert list(tmp_path.iterdir()) == [path], "no temp file is left behind"


def test_the_export_command_says_when_it_could_not_write(store, tmp_path, monkeypatch, capsys):
    store.close()
    path = tmp_path / "report.md"
    path.write_text("the report of last week\n")
    fail_replace(monkeypatch)
    assert main(["export", "--format", "md", "-o", str(path)]) == 1
    assert f"cannot write {path}: No space left on device" in capsys.readouterr().err
    assert path.read_text() == "the report of last week\n"
