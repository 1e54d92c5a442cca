"""Shared fixtures. No test touches a real home folder or sleeps through a countdown."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from rehab_tui.domain.clock import FakeClock
from rehab_tui.domain.library import Catalog
from rehab_tui.storage.catalog import load_catalog
from rehab_tui.storage.store import Store

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect every place rehab-tui could write to this test's own folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    data = tmp_path / "data"
    monkeypatch.setenv("REHAB_TUI_DATA_DIR", str(data))
    return data


@pytest.fixture(autouse=True)
def nothing_left_frozen():
    """The app freezes what is alive before a countdown and on home (rehab_tui.gc_pause); a
    frozen object is never collected, so each test's app is handed back to the collector."""
    yield
    gc.unfreeze()


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def mini_catalog() -> Catalog:
    return load_catalog(DATA / "mini.yaml")


@pytest.fixture
def new_store(private_dirs: Path):
    """The data folder of someone who has never opened rehab-tui."""
    store = Store(private_dirs)
    yield store
    store.close()


@pytest.fixture
def store(new_store: Store) -> Store:
    """The data folder of someone who has been through first start (default answers)."""
    new_store.set_setting(
        "profile", {"tendinopathy": "midportion", "baseline": 0, "limits": "strict"}
    )
    return new_store


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow", action="store_true", help="run the long versions (200 kill -9 runs, and more)"
    )
