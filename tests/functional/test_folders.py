"""The folders and files rehab-tui makes, and the ones it must leave alone.

It makes its own folders 0700 whatever the umask, never changes the mode of a folder that
exists already (a --data-dir the user chose, the target of a symlink), reads a folder it cannot
write, makes every export private, and clears the temp files a killed write left behind.
"""

from __future__ import annotations

import builtins
import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from rehab_tui.cli.main import main
from rehab_tui.storage import locations
from rehab_tui.storage.catalog import default_catalog_path, load_catalog
from rehab_tui.storage.config import Config


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def umask_000():
    old = os.umask(0)
    yield
    os.umask(old)


def test_an_existing_data_folder_keeps_its_mode(tmp_path, capsys):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    assert run(capsys, "--data-dir", str(shared), "history")[0] == 0
    assert mode(shared) == 0o755, "a reader changes nothing"
    assert run(capsys, "--data-dir", str(shared), "log", "--pain", "2")[0] == 0
    assert mode(shared) == 0o755, "nor does a writer: the folder is the user's"
    assert mode(shared / "sessions") == 0o700, "what rehab-tui makes is private"
    for path in [shared / "rehab.json", *(shared / "sessions").iterdir()]:
        assert mode(path) == 0o600


def test_a_symlinked_data_folder_leaves_its_target_alone(tmp_path, capsys):
    target = tmp_path / "team"
    target.mkdir()
    target.chmod(0o2775)
    link = tmp_path / "link"
    link.symlink_to(target)
    assert run(capsys, "--data-dir", str(link), "log", "--pain", "2")[0] == 0
    assert run(capsys, "--data-dir", str(link), "history")[0] == 0
    assert mode(target) == 0o2775


def test_folders_rehab_tui_makes_are_private_whatever_the_umask(
    private_dirs, tmp_path, capsys, monkeypatch, umask_000
):
    monkeypatch.delenv(locations.DATA_DIR_ENV)  # the XDG data folder, as for most users
    assert run(capsys, "log", "--pain", "2")[0] == 0
    assert run(capsys, "plan")[0] == 0  # keeps the exercise file in the cache folder
    assert Config.load(locations.config_file()).set("bell", False) is None
    for base in ("xdg-data", "xdg-cache", "xdg-config"):
        made = [tmp_path / base, *(tmp_path / base).rglob("*")]
        folders = [path for path in made if path.is_dir()]
        assert folders and all(mode(f) == 0o700 for f in folders), [
            (str(f), oct(mode(f))) for f in folders
        ]
        assert all(mode(f) == 0o600 for f in made if f.is_file())


def read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Every change under `folder` fails as on a read-only file system (EROFS)."""
    inside = str(folder)

    def refuse(path) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    def guarded(real, is_change):
        def call(path, *args, **kwargs):
            if str(path).startswith(inside) and is_change(path, *args):
                refuse(path)
            return real(path, *args, **kwargs)

        return call

    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC

    def mkdir_changes(path, *_):
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
        return True

    monkeypatch.setattr(os, "open", guarded(os.open, lambda _, flags, *a: flags & writing))
    monkeypatch.setattr(os, "mkdir", guarded(os.mkdir, mkdir_changes))
    for name in ("chmod", "unlink", "rmdir", "replace", "rename"):
        monkeypatch.setattr(os, name, guarded(getattr(os, name), lambda *_: True))
    monkeypatch.setattr(
        builtins,
        "open",
        guarded(builtins.open, lambda _, mode="r", *a: any(c in mode for c in "wax+")),
    )


def test_a_read_only_data_folder_can_still_be_read(private_dirs, tmp_path, capsys, monkeypatch):
    assert run(capsys, "log", "--pain", "2", "--note", "before")[0] == 0
    before = {p: p.read_bytes() for p in private_dirs.rglob("*") if p.is_file()}
    read_only(monkeypatch, private_dirs)
    code, out, err = run(capsys, "history")
    assert code == 0 and "before" in out, err
    code, out, err = run(capsys, "export", "--format", "md")
    assert code == 0 and "before" in out, err
    assert run(capsys, "plan")[0] == 0
    code, out, err = run(capsys, "log", "--pain", "3")
    assert code == 1 and "Traceback" not in err
    assert err.splitlines() == [
        f"rehab-tui: cannot write in the data folder {private_dirs}: Read-only file system"
    ]
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in private_dirs.rglob("*") if p.is_file()} == before


def test_an_export_over_a_readable_file_ends_private(private_dirs, tmp_path, capsys):
    path = tmp_path / "report.md"
    path.write_text("an old report")
    path.chmod(0o644)
    assert run(capsys, "export", "--format", "md", "-o", str(path))[0] == 0
    assert mode(path) == 0o600 and path.read_text().startswith("# Achilles rehab report")


def ended_process_id() -> int:
    """The id of a process that has ended: what a temp file of a killed write is named with."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    return int(done.stdout)


def leftovers(folder: Path, name: str) -> tuple[list[Path], Path]:
    """Temp files as a killed write leaves them (this and older versions' names), and one of
    a write in flight in a live process, which must be left alone."""
    folder.mkdir(parents=True, exist_ok=True)
    dead = folder / f".{name}.{ended_process_id()}.140001.tmp"
    old = folder / "tmpk2j4x9.tmp"
    for path in (dead, old):
        path.write_text("half")
    os.utime(old, (1, 1))  # made long ago
    live = folder / f".{name}.{os.getppid()}.140001.tmp"
    live.write_text("in flight")
    return [dead, old], live


def test_the_config_writer_clears_temp_files_a_kill_left(private_dirs):
    path = locations.config_file()
    stale, live = leftovers(path.parent, path.name)
    assert Config.load(path).set("bell", False) is None
    assert not any(p.exists() for p in stale) and live.exists()


def test_the_cache_writer_clears_temp_files_a_kill_left(private_dirs):
    folder = locations.cache_dir()
    stale, live = leftovers(folder, "exercises-0123456789abcdef.pickle")
    load_catalog(default_catalog_path(), cache_dir=folder)
    assert not any(p.exists() for p in stale) and live.exists()
    assert list(folder.glob("exercises-*.pickle")), "the cache was written"


def test_an_export_into_a_pipe_or_through_a_symlink(private_dirs, tmp_path, capsys):
    """`-o >(gzip > x.gz)` is a pipe: written straight through. A symlink is followed."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    assert run(capsys, "export", "--format", "md", "-o", str(fifo))[0] == 0
    reader.join(timeout=10)
    assert got and got[0].startswith("# Achilles rehab report")
    target = tmp_path / "synced" / "report.md"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    assert run(capsys, "export", "--format", "md", "-o", str(link))[0] == 0
    assert link.is_symlink() and target.read_text().startswith("# Achilles rehab report")
    assert mode(target) == 0o600
