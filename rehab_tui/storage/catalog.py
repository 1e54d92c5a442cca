"""The exercise library: one exercise file read, validated and laid out as a stage ladder.

Reading the YAML (rehab_tui.storage.exercise_file) costs about 15 ms at every start, most of it importing
PyYAML; so a file read once is kept, as read, in the user's cache folder and used again while the
file and this code are unchanged (the way Python keeps .pyc files). The cache is only a shortcut:
any doubt about it and the file is read again.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from rehab_tui.domain.library import Catalog
from rehab_tui.storage.kept_pickle import KeptPickle, code_version


def default_catalog_path() -> Path:
    """The exercises.yaml shipped in the wheel, or the repository's when run from a checkout."""
    package = Path(__file__).resolve().parents[1]  # a plain path: importlib.resources costs 1 ms
    shipped = package / "data" / "exercises.yaml"
    return shipped if shipped.is_file() else package.parent / "exercises.yaml"


def load_catalog(path: Path | str | None = None, cache_dir: Path | None = None) -> Catalog:
    """Read, validate and lay out an exercise file; raise CatalogError on any mistake.

    With `cache_dir`, a file that was read before and has not changed since is not read again.
    """
    path = Path(path) if path is not None else default_catalog_path()
    cache = CatalogCache(cache_dir, path) if cache_dir is not None else None
    catalog = cache.get() if cache is not None else None
    if catalog is None:
        from rehab_tui.storage.exercise_file import (
            read_exercise_file,  # imports PyYAML: only when needed
        )

        catalog = read_exercise_file(path)
        if cache is not None:
            cache.put(catalog)
    return catalog


class CatalogCache:
    """One exercise file's catalog as last read, keyed by the file's and the reader's stat."""

    READER = (
        "storage/catalog.py",
        "storage/exercise_file.py",
        "storage/ladder_lines.py",
        "domain/library.py",
        "domain/ladder.py",
        "domain/ladder_rules.py",
    )

    def __init__(self, folder: Path, path: Path):
        self.path = path
        self.key = self._key()
        # A short name per path; the key inside is checked, so names that clash only miss.
        # (zlib is loaded already; hashlib would load OpenSSL: 4 ms of every start.)
        name = f"{zlib.crc32(str(path.resolve()).encode()):08x}"
        self.kept = KeptPickle(folder / f"exercises-{name}.pickle", self.key)

    def _key(self) -> tuple[object, ...] | None:
        code = Path(__file__).parents[1]  # the rehab_tui package
        return code_version([self.path.resolve(), *(code / name for name in self.READER)])

    def get(self) -> Catalog | None:
        catalog = self.kept.get() if self.key is not None else None
        return catalog if isinstance(catalog, Catalog) else None

    def put(self, catalog: Catalog) -> None:
        if self.key is not None:
            self.kept.put(catalog)
