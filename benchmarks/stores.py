"""The 10- and 30-year stores, built once and kept in the user cache folder between runs.

Building thirty years (21,900 sessions) takes a while, and every run needs the same one, so a
store is kept under `platformdirs.user_cache_dir("rehab-tui-bench")`, in a folder named by its
years, the day it ends on (it ends yesterday, with this morning's check-in) and a hash of the
builder's source (benchmarks/history10y.py and the record makers it calls). A store built on
another day or by another builder is stale: it is removed and built again. The cached store is
never written to: each benchmark works on its own copy (`copy_of`).
"""

from __future__ import annotations

import hashlib
import shutil
import time
from datetime import date
from pathlib import Path

import platformdirs

from benchmarks import history10y

COMPLETE = "built.txt"  # written last: a store without it was interrupted and is built again
BUILDER_SOURCES = (
    Path(history10y.__file__),
    Path(history10y.__file__).parents[1] / "rehab_tui" / "domain" / "records.py",
)


def cache_root() -> Path:
    """Where stores are kept; read before the benchmark points XDG_CACHE_HOME at its temp dir."""
    return Path(platformdirs.user_cache_dir("rehab-tui-bench"))


def builder_hash() -> str:
    digest = hashlib.sha256()
    for source in BUILDER_SOURCES:
        digest.update(source.read_bytes() if source.exists() else b"")
    return digest.hexdigest()[:12]


def cached_store(years: int, today: date, root: Path) -> tuple[Path, int, float]:
    """(the store's folder, its sessions, seconds spent building it now: 0 when it was cached)."""
    name = f"{years}y-{today.isoformat()}-{builder_hash()}"
    folder = root / name
    marker = folder / COMPLETE
    if marker.exists():
        return folder, int(marker.read_text().split()[0]), 0.0
    for stale in root.glob(f"{years}y-*"):
        shutil.rmtree(stale, ignore_errors=True)
    building = root / f"{name}.building"
    shutil.rmtree(building, ignore_errors=True)
    started = time.perf_counter()
    sessions = history10y.build(building, today, years)
    building.rename(folder)
    marker.write_text(f"{sessions} sessions\n")
    return folder, sessions, time.perf_counter() - started


def copy_of(store: Path, into: Path) -> Path:
    """A copy to run the app on (it takes the writer's lock, and a session writes)."""
    shutil.copytree(store, into, ignore=shutil.ignore_patterns(COMPLETE))
    return into
