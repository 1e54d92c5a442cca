"""Starting the full-screen app: plain, or with a quick timer to play at once.

Textual is imported only here, and only when the app starts, so that the other commands start
fast. A damaged data file is offered to be set aside (full screen) before the app starts again.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from rehab_tui.cli.common import UserError, open_store, read_catalog
from rehab_tui.domain.library import Catalog
from rehab_tui.storage.errors import DamagedFileError
from rehab_tui.storage.json_file import set_aside

if TYPE_CHECKING:
    from rehab_tui.domain.quick import QuickTimer


def cmd_timer(args: argparse.Namespace, out: Console) -> int:
    from rehab_tui.domain.quick import QuickTimer

    timer = QuickTimer(args.hold, args.tempo, args.reps, args.sets, args.rest, args.sides)
    try:
        timer.planned()
    except ValueError as error:
        raise UserError(str(error)) from None
    return run_tui(args, out, quick=timer)


def run_tui(args: argparse.Namespace, out: Console, quick: QuickTimer | None = None) -> int:
    catalog = read_catalog(args)
    notice = None
    while True:
        try:
            return run_app(args, catalog, notice, quick)
        except DamagedFileError as damaged:
            aside = offer_to_set_aside(damaged)
            if aside is None:
                raise
            notice = f"The damaged file was kept as {aside}; a fresh one has been started."


def run_app(
    args: argparse.Namespace, catalog: Catalog, notice: str | None, quick: QuickTimer | None
) -> int:
    from rehab_tui.tui.app import RehabApp  # imported here: Textual is only for the TUI
    from rehab_tui.tui.exit_watchdog import ExitWatchdog

    with open_store(args) as store:
        store.acquire_writer_lock()  # the one writer for as long as the app is open
        app = RehabApp(catalog=catalog, store=store, notice=notice, quick=quick)
        # Reads every file the first screen needs, so that a damaged one is offered to be set
        # aside before the app starts; kept (services.core) for the home screen to show.
        app.rehab.plan()
        # An exit signal bounds the way out: a hung shutdown still saves, unlocks and ends.
        app.exit_watchdog = watchdog = ExitWatchdog(app.save_pending_and_close)
        try:
            app.run()
        finally:
            watchdog.disarm()
            app.save_pending()  # a save still waiting for its set's last frame (a signal)
        return app.return_code or 0


def offer_to_set_aside(damaged: DamagedFileError) -> Path | None:
    """Ask (full screen) whether to keep a damaged file aside; where it went, or None to quit."""
    from rehab_tui.tui.damaged import SET_ASIDE, DamagedFileApp

    if DamagedFileApp(damaged.path, damaged.reason).run() != SET_ASIDE:
        return None
    return set_aside(damaged.path)
