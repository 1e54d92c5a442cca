"""Start-up: the exercise file's cache, and garbage collection paused only while starting."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rehab_tui.cli.parser import EXPORT_FORMATS
from rehab_tui.domain.library import CatalogError
from rehab_tui.exchange import export
from rehab_tui.startup import main as entry_point
from rehab_tui.storage import exercise_file, locations
from rehab_tui.storage.catalog import load_catalog

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every time the exercise file is really read (not taken from the cache)."""
    seen: list[Path] = []
    real = exercise_file.read_exercise_file

    def counting(path: Path):
        seen.append(path)
        return real(path)

    monkeypatch.setattr(exercise_file, "read_exercise_file", counting)
    return seen


@pytest.fixture
def exercises(tmp_path: Path) -> Path:
    path = tmp_path / "exercises.yaml"
    path.write_text((DATA / "mini.yaml").read_text())
    return path


def test_an_unchanged_file_is_read_once(exercises, reads, tmp_path):
    cache = tmp_path / "cache"
    first = load_catalog(exercises, cache_dir=cache)
    second = load_catalog(exercises, cache_dir=cache)
    assert reads == [exercises]
    assert second == first
    (kept,) = cache.iterdir()
    assert kept.stat().st_mode & 0o777 == 0o600 and cache.stat().st_mode & 0o777 == 0o700


def test_a_changed_file_is_read_again(exercises, reads, tmp_path):
    cache = tmp_path / "cache"
    load_catalog(exercises, cache_dir=cache)
    exercises.write_text(exercises.read_text().replace("sets: 2,", "sets: 3,"))
    os.utime(exercises, ns=(1, 1))  # the time set back: the change is still seen
    changed = load_catalog(exercises, cache_dir=cache)
    assert len(reads) == 2
    assert changed.ladder[0].exercises[0].dose.sets == 3


def test_a_mistake_is_never_cached(exercises, reads, tmp_path):
    cache = tmp_path / "cache"
    exercises.write_text("exercises: [\n")
    for _ in range(2):
        with pytest.raises(CatalogError, match="line"):
            load_catalog(exercises, cache_dir=cache)
    assert len(reads) == 2 and not list(cache.glob("*"))


@pytest.mark.parametrize("junk", [b"", b"not a pickle", b"\x80\x05N."])
def test_a_damaged_cache_is_ignored_and_replaced(exercises, reads, tmp_path, junk):
    cache = tmp_path / "cache"
    load_catalog(exercises, cache_dir=cache)
    (kept,) = cache.iterdir()
    kept.write_bytes(junk)
    assert load_catalog(exercises, cache_dir=cache) == load_catalog(exercises)
    load_catalog(exercises, cache_dir=cache)
    assert len(reads) == 3  # the first, the damaged one, and the uncached comparison


def test_an_unwritable_cache_folder_only_costs_time(exercises, reads, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be")
    assert load_catalog(exercises, cache_dir=blocked) == load_catalog(exercises)


def test_the_cli_keeps_its_cache_in_the_user_cache_folder(capsys):
    assert entry_point_with(["plan"]) == 0
    assert list(locations.cache_dir().glob("exercises-*.pickle"))


def test_the_parser_offers_the_formats_the_report_writes():
    assert EXPORT_FORMATS == export.FORMATS


def entry_point_with(argv: list[str]) -> int:
    saved = sys.argv
    sys.argv = ["rehab-tui", *argv]
    try:
        return entry_point()
    finally:
        sys.argv = saved


def test_a_subcommand_freezes_what_start_up_made_without_collecting_it(capsys, monkeypatch):
    """A full collection at a command's start took 7-30 ms of every command."""
    collections: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda *args: collections.append(1) or 0)
    gc.unfreeze()
    assert entry_point_with(["where"]) == 0
    assert collections == [] and gc.get_freeze_count() > 0 and gc.isenabled()


def test_collection_resumes_after_a_subcommand(capsys):
    assert gc.isenabled()
    assert entry_point_with(["where"]) == 0
    assert gc.isenabled()
    assert entry_point_with(["plan", "--date", "not-a-date"]) == 1  # and after an error
    assert gc.isenabled()


def test_collection_resumes_once_the_app_has_drawn(tmp_path):
    """The real command in a subprocess: paused while starting and at the first frame (a full
    collection then costs 35 ms of it), running once the first screen is surely drawn."""
    code = (
        "import gc, sys\n"
        "from rehab_tui.tui.app import RehabApp\n"
        "seen = []\n"
        "def on_ready(self):\n"
        "    seen.append(gc.isenabled())\n"
        "    self.call_after_refresh(lambda: seen.append(gc.isenabled()))\n"
        "    self.set_timer(1.3, lambda: (seen.append(gc.isenabled()), self.exit()))\n"
        "RehabApp.on_ready = on_ready\n"
        "real_run = RehabApp.run\n"
        "RehabApp.run = lambda self, **kw: real_run(self, headless=True)\n"
        "from rehab_tui.startup import main\n"
        "sys.argv = ['rehab-tui']\n"
        "main()\n"
        "print(seen, gc.isenabled())\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == "[False, False, True] True"


def test_a_bare_command_skips_the_parser_and_means_the_same():
    from rehab_tui.cli.main import NO_ARGUMENTS
    from rehab_tui.cli.parser import build_parser

    assert vars(build_parser().parse_args([])) == NO_ARGUMENTS


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "/d"],
        ["--data-dir=/d", "--exercises", "e.yaml"],
        ["--data", "/d"],  # an abbreviation, as argparse allows
        ["--exercises", "e.yaml", "--data-dir", "/a", "--data-dir", "/b"],
        ["--data-dir", "plan"],  # a folder named as a command: the whole parser reads it
        ["--data-dir", "/d", "plan", "--json"],
        ["--data-dir", "/d", "history"],
    ],
)
def test_the_app_s_folder_options_skip_the_parser_and_mean_the_same(argv, monkeypatch):
    from rehab_tui.cli import main as cli_main
    from rehab_tui.cli.parser import build_parser

    built: list[int] = []
    real = cli_main.build_parser
    monkeypatch.setattr(cli_main, "build_parser", lambda: built.append(1) or real())
    assert vars(cli_main.parse(argv)) == vars(build_parser().parse_args(argv))
    names_a_command = any(word in cli_main.COMMANDS for word in argv)
    assert bool(built) == names_a_command


@pytest.mark.parametrize(
    "argv",
    [["--data-dir"], ["--data-dir", "/d", "--no-such"], ["--data-dir", "/d", "word"], ["-h"]],
)
def test_a_mistake_beside_the_folder_options_gets_the_parser_s_own_words(argv, capsys):
    from rehab_tui.cli.main import parse
    from rehab_tui.cli.parser import build_parser

    with pytest.raises(SystemExit) as ours:
        parse(argv)
    said = capsys.readouterr()
    with pytest.raises(SystemExit) as whole:
        build_parser().parse_args(argv)
    assert ours.value.code == whole.value.code
    assert said == capsys.readouterr()


# Loaded by nothing the first screen needs: each costs 1-4 ms of every start (BENCHMARKS.md).
NOT_BEFORE_THE_FIRST_FRAME = (
    "hashlib",
    "tomllib",
    "importlib.resources",
    "yaml",
    "pygal",
    "orjson",
)  # msgspec is imported: the domain's records are its Structs


def test_the_first_screen_loads_no_module_it_does_not_need():
    code = (
        "import sys\n"
        "import rehab_tui.cli.main, rehab_tui.cli.fullscreen, rehab_tui.tui.app\n"
        "import rehab_tui.tui.screens.home\n"
        f"print([m for m in {NOT_BEFORE_THE_FIRST_FRAME!r} if m in sys.modules])\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"
