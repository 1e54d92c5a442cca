"""The `rehab-tui` command's entry point: garbage collection waits until start-up is over.

Start-up makes a few hundred thousand objects that live as long as the process (Textual's
modules and stylesheets, the exercise file, the recent history). Collecting while they are being
made scans them again and again: about 45 ms of a 300 ms start (BENCHMARKS.md). Collection
resumes before a subcommand runs, or once the app has drawn its first screen, with those objects
frozen out of later scans so that a collection never stalls a countdown.
"""

from __future__ import annotations

from rehab_tui.gc_pause import pause_collection, resume_collection


def main() -> int:
    pause_collection()
    try:
        from rehab_tui.cli.main import main as run_command

        return run_command()
    finally:
        resume_collection()
