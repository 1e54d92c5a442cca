"""Export from the app: pick a format; the file goes to the Documents folder (or home).

The file is written in a thread worker of the app, so that it is finished even if the history
screen is left meanwhile; a notification says where it went, or why it did not.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

if TYPE_CHECKING:
    from rehab_tui.tui.app import RehabApp


class ExportScreen(ModalScreen[str | None]):
    """Dismisses with "html", "md", "csv" or "json", or None."""

    BINDINGS = [
        Binding("h", "choose('html')", "Report (html)", id="export.choose_html"),
        Binding("m", "choose('md')", "Report (markdown)", id="export.choose_md"),
        Binding("c", "choose('csv')", "Table (csv)", id="export.choose_csv"),
        Binding("j", "choose('json')", "All data (json)", id="export.choose_json"),
        Binding("escape", "choose(None)", "Cancel", id="export.choose_none"),
    ]

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Export", classes="question")
            yield Label(
                "[b]h[/b]  a report for your physio, to open in a browser (html)\n"
                "[b]m[/b]  the same report as text (markdown)\n"
                "[b]c[/b]  one row per session, for a spreadsheet (csv)\n"
                "[b]j[/b]  all your data, to keep or import elsewhere (json)",
                classes="detail",
            )
            yield Label(f"Saved in {self.folder}", classes="detail dim", markup=False)
            yield Label("[b]escape[/b] cancel", classes="keys")

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


def export_in_background(app: RehabApp, folder: Path, fmt: str | None) -> None:
    """Write the export chosen (None: cancelled) into `folder`, named by its kind and the day."""
    if fmt is None:
        return
    path = app.rehab.export_path(folder, fmt)

    def write() -> None:
        try:
            app.rehab.export_to(path, fmt)
        except Exception as error:  # whatever it was, it is said and the app goes on
            message = f"Could not save {path}: {error}"
            app.call_from_thread(app.notify, message, severity="error", markup=False)
        else:
            message = f"Saved {path}"
            app.call_from_thread(app.notify, message, title="Exported", timeout=20, markup=False)

    app.run_worker(write, thread=True, exit_on_error=False, name=f"export {fmt}")
