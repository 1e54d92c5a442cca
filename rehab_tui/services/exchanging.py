"""The use cases of export and import (the exchange modules are imported where used: they
cost the first frame nothing)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path

from rehab_tui.services.core import UseCaseCore
from rehab_tui.services.results import Imported


class ExchangeCases(UseCaseCore):
    # -- export and import ----------------------------------------------------------------

    def export(self, fmt: str, sets: bool = False, runs: bool = False) -> str:
        """Everything, or a report, as text in one of the export formats."""
        return b"".join(self.export_chunks(fmt, sets, runs)).decode("utf-8")

    def export_chunks(self, fmt: str, sets: bool = False, runs: bool = False) -> Iterator[bytes]:
        """The same, as UTF-8 chunks made as they are written (json and csv a month at a time,
        so that years of history are never held whole)."""
        from rehab_tui.exchange.export import export_chunks

        now = self.clock.wall()
        plan = partial(self.plan, now.date())  # a report's only
        return export_chunks(fmt, self.store, plan, self.profile(), now, sets, runs)

    def history_json(self, since: date | None, limit: int | None) -> Iterator[bytes]:
        """`history --json` as UTF-8 chunks made as they are written, a month at a time."""
        from rehab_tui.exchange.history_json import history_chunks

        return history_chunks(self.store, since, limit)

    def export_path(self, folder: Path, fmt: str) -> Path:
        """Where an export made today goes in `folder` (named by its kind and the day). A second
        one the same day gets a new name ("…-2.html"), never the first's: the export is written in
        the background after its dialog has closed, so there is no one to ask, and a new name
        keeps both (the notice says which file was written)."""
        from rehab_tui.exchange.export import export_name

        first = folder / export_name(fmt, self.today())
        path, n = first, 1
        while path.exists():
            n += 1
            path = first.with_name(f"{first.stem}-{n}{first.suffix}")
        return path

    def export_to(self, path: Path, fmt: str, sets: bool = False, runs: bool = False) -> None:
        """Write an export readable by its owner alone; OSError if it cannot be written."""
        from rehab_tui.exchange.export import save_export

        save_export(path, self.export_chunks(fmt, sets, runs))

    def import_file(self, path: Path) -> Imported:
        """Merge a json export; it is checked whole before anything is written (ExportFileError)."""
        from rehab_tui.exchange.importing import import_into, read_export

        data = read_export(path)
        self._writing()
        sessions, checkins, tests, runs = import_into(self.store, data)
        return Imported(sessions, checkins, tests, len(data.sessions) - sessions, runs)
