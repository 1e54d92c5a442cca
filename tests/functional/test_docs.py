"""The README's screenshots come from the real app, by the project's own script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ("home", "hold", "tempo", "pain", "history", "trends", "settings")


def test_the_script_draws_every_main_screen(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "docs/screenshots.py"), str(tmp_path)], check=True)
    words = {
        "home": "Running",
        "hold": "HOLD",
        "tempo": "LOWER",
        "pain": "hurt",
        "history": "Date",
        "trends": "Pain",
        "settings": "Pain limits",
    }
    for name in SHOTS:
        svg = (tmp_path / f"{name}.svg").read_text()
        assert words[name] in svg.replace("&#160;", " "), name


def test_the_readme_shows_the_screenshots_it_has():
    readme = (ROOT / "README.md").read_text()
    for name in SHOTS:
        assert f"docs/{name}.svg" in readme and (ROOT / "docs" / f"{name}.svg").exists()
