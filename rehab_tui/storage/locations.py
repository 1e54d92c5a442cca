"""Where rehab-tui keeps its files. Computed when asked, never at import, so tests can redirect."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "rehab-tui"
DATA_DIR_ENV = "REHAB_TUI_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir, else $REHAB_TUI_DATA_DIR, else the platform's user data dir (XDG on Linux)."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    """The user's preferences (rehab_tui.storage.config)."""
    return config_dir() / "config.toml"


def routines_file() -> Path:
    """The user's own routines (rehab_tui.storage.routines)."""
    return config_dir() / "routines.yaml"


def cache_dir() -> Path:
    """Things kept only to start faster (the exercise file as last read); safe to delete."""
    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def export_dir() -> Path:
    """Where the app saves exports: the user's Documents folder if there is one, else home."""
    documents = platformdirs.user_documents_path()
    return documents if documents.is_dir() else Path.home()
