"""Make the README's screenshots from the real app: `python docs/screenshots.py [FOLDER]`.

Each is the app as a user sees it at 100×30, on the same fixed data and fake clock as the snapshot
tests (tests/snapshots/test_snapshots.py), saved as SVG in docs/ (or FOLDER).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.snapshots.test_run_snapshots import runner_app  # noqa: E402
from tests.snapshots.test_snapshots import TEMPO_RUNG, make_app, make_app_with_history, settle  # noqa: E402

SIZE = (100, 30)


async def shoot(
    name: str,
    folder: Path,
    data: Path,
    keys=(),
    rung: int = 0,
    after_s=0.0,
    history=False,
    runner=False,
):
    data.mkdir(parents=True)
    if runner:
        app, clock = runner_app(data)
    elif history:
        app, clock = make_app_with_history(data), None
    else:
        app, clock = make_app(data, rung)
    async with app.run_test(size=SIZE) as pilot:
        for key in keys:
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
        if after_s:
            settle(pilot, clock, after_s)
            await pilot.pause()
        app.save_screenshot(filename=f"{name}.svg", path=str(folder))


async def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["XDG_CONFIG_HOME"] = str(root / "config")  # never the user's own settings
        os.environ["XDG_CACHE_HOME"] = str(root / "cache")
        await shoot("home", folder, root / "home")
        await shoot("hold", folder, root / "hold", ["enter"], after_s=5 + 7.5)
        await shoot("tempo", folder, root / "tempo", ["enter"], rung=TEMPO_RUNG, after_s=12.5)
        await shoot("pain", folder, root / "pain", ["enter", "q", "y", "2"])
        await shoot("history", folder, root / "history", ["h"], history=True)
        await shoot("trends", folder, root / "trends", ["g"], history=True)
        await shoot("settings", folder, root / "settings", ["s"])
        await shoot("runs", folder, root / "runs", ["u"], runner=True)
    print(f"wrote 8 screenshots to {folder}")


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"))
