"""The `rehab-tui` command's entry point: garbage collection waits until start-up is over.

Start-up makes a few hundred thousand objects that live as long as the process (Textual's
modules and stylesheets, the exercise file, the recent history). Collecting while they are being
made scans them again and again: about 45 ms of a 300 ms start (BENCHMARKS.md). Collection
resumes before a subcommand runs, or once the app has drawn its first screen, with those objects
frozen out of later scans so that a collection never stalls a countdown.
"""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    try:
        from rehab_tui.cli import main as run_command

        return run_command()
    finally:
        resume_collection()


def resume_collection() -> None:
    """Collect once, then leave what is alive to the permanent generation. Idempotent."""
    if gc.isenabled():
        return
    gc.collect()
    gc.freeze()
    gc.enable()
