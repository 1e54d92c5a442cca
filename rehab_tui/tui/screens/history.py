"""History: every session, newest first, with its pain, next-morning pain and outcome.

The newest page of rows (sixty: services/history_pages.py) is read before the screen's first
frame; older ones load in a worker as the table is scrolled towards them, a page at a time, so
the table is up in a blink and holds little even with thirty years of sessions. Until every
month is loaded the head counts the sessions since the oldest day shown; a month that cannot be
read ends the rows, and the head says so. enter opens a session (where it can be corrected or
deleted); z puts back the session just deleted.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from rehab_tui.domain.outcomes import Outcome
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.record_types import SessionKind
from rehab_tui.domain.records import format_duration
from rehab_tui.domain.review import SessionRow, streak, weekly
from rehab_tui.domain.text import one_line, plural
from rehab_tui.storage import locations
from rehab_tui.tui.screens.base import RehabScreen
from rehab_tui.tui.screens.session_detail import OUTCOME_STYLE, SessionDetailScreen

if TYPE_CHECKING:
    from rehab_tui.services.history_pages import HistoryPages
    from rehab_tui.storage.errors import StoreError

# The next page loads when the rows below the screen's last one are fewer than this.
ROWS_AHEAD = 40
COLUMNS = (
    ("Date", "date"),
    ("Stage", "stage"),
    ("Sets", "sets"),
    ("Under load", "under load"),
    ("Pain", "pain"),
    ("Morning", "morning"),
    ("Outcome", "outcome"),
    ("Note", "note"),
)
# The table shows a note's start; enter opens the session with the whole note (the head says so),
# so a long note never pushes the table past the width of an 80-column terminal.
NOTE_CHARS = 24
LABEL_CHARS = len("heel-raise test")  # a routine's longer name is clipped; its detail has it
NARROW = 80  # the columns the table is laid out for; wider terminals give the rest as below
MOST_LABEL_CHARS = 40


def clip_widths(columns: int) -> tuple[int, int]:
    """(label, note) characters at a terminal `columns` wide: what is beyond 80 goes to a
    routine's name first (up to 40), then to the note."""
    spare = max(0, columns - NARROW)
    label = min(LABEL_CHARS + spare, MOST_LABEL_CHARS)
    return label, NOTE_CHARS + spare - (label - LABEL_CHARS)


def clip(text: str, most: int) -> str:
    flat = one_line(text)
    return flat if len(flat) <= most else flat[: most - 1].rstrip() + "…"


def test_result_short(result: str | None) -> str | None:
    """ "left 19, right 24" as "L19 R24", narrow enough for the table."""
    if result is None:
        return None
    return result.replace("left ", "L").replace(", right ", " R")


def row_cells(row: SessionRow, columns: int = NARROW) -> list[Text]:
    """A row's cells as Text: never markup (a routine's name and a note are the user's own
    words), and no markup parsed for each of a page's cells as a string would be (10 ms)."""
    label_chars, note_chars = clip_widths(columns)
    word, style = OUTCOME_STYLE[row.outcome]
    if row.in_progress:
        word, style = "… in progress", "cyan"
    elif row.kind != SessionKind.PLAN and row.outcome is Outcome.PENDING:
        word, style = "–", ""  # only a plan session waits on the next morning to be judged
    untimed = row.kind == SessionKind.TEST  # a test counts raises or hops, not seconds
    what = row.label  # the stage is in the column's name: "1 · step 4" keeps 80 columns
    if row.kind == SessionKind.PLAN and row.stage is not None:
        what = what.removeprefix("stage ")
    cells = (
        (f"{row.day:%d %b %Y}", ""),  # the weekday is in the detail: the outcome fits 80 columns
        (clip(what, label_chars), ""),
        (test_result_short(row.result) or f"{row.done}/{row.planned}", ""),
        ("–" if untimed else format_duration(row.under_load_s), ""),
        ("–" if row.pain is None else f"{row.pain}/10", ""),
        ("–" if row.morning is None else f"{row.morning}/10", ""),
        (word, style),
        (clip(row.note, note_chars), ""),  # clip: no control characters
    )
    return [Text(text, style=style, no_wrap=True, end="") for text, style in cells]


class HistoryScreen(RehabScreen[None]):
    CSS_PATH = "history.tcss"  # read when first shown, not at the app's start
    BINDINGS = [
        Binding("enter", "open", "Open", show=True, id="history.open"),
        Binding("g", "trends", "Trends", id="history.trends"),
        Binding("e", "export", "Export", id="history.export"),
        Binding("z", "undo", "Undo delete", show=False, id="history.undo"),
        Binding("escape,q", "back", "Back", id="history.back"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="history.help"),
    ]

    def __init__(self, profile: Profile, today: date) -> None:
        super().__init__()
        self.profile = profile
        self.today = today
        self.rows: list[SessionRow] = []
        self.pages: HistoryPages | None = None  # the walk back through the months, if begun
        self._loading = False
        self.damaged = False  # a month could not be read: the rows end before it

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="history-head")  # filled with the first page, before the first frame
        yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "History"
        table = self.query_one(DataTable)
        for label, key in COLUMNS:  # Text: no markup parsed (nor rich's emoji table imported)
            table.add_column(Text(label), key=key)
        self.watch(table, "scroll_y", self._more_if_near_the_end, init=False)
        self.load()

    def on_unmount(self) -> None:
        """Gone back: the rows go now, whatever still holds the screen (a finished worker)."""
        self.pages = None
        self.rows = []
        for table in self.query(DataTable):
            table.clear()

    def load(self) -> None:
        """Read history afresh from the newest month: its first page at once, before the
        screen's first frame (its months are the plan's, kept parsed: a few ms; a first frame
        that said "Loading…" cost 20 ms more before the rows), older pages in a worker."""
        self.pages = pages = self.rehab_app.rehab.history_pages()
        self._loading = False
        self.damaged = False
        self._page_loaded(pages, pages.next_page(), pages.take_damage())
        self.call_after_refresh(self._more_if_near_the_end)  # a tall screen shows more rows

    def _load_more(self) -> None:
        if self.pages is not None and not self.pages.done and not self._loading:
            self._loading = True
            self._load_page(self.pages)

    @work(thread=True, exit_on_error=False)
    def _load_page(self, pages: HistoryPages) -> None:
        """The next page of older rows, read off the event loop."""
        rows = pages.next_page()
        self.app.call_from_thread(self._page_loaded, pages, rows, pages.take_damage())

    def _page_loaded(
        self, pages: HistoryPages, rows: list[SessionRow], damage: StoreError | None
    ) -> None:
        """A page read; `damage`: the month that ended the walk before it, said here, once
        (the rows read before it are shown, and the head says that older ones are not)."""
        if pages is not self.pages:
            return  # read for a walk that a reload has replaced: nothing of it is said
        self._loading = False
        if damage is not None:
            self.damaged = True
            self.app.notify(str(damage), severity="error", timeout=20, markup=False)
        self.add_rows(rows, not pages.done)
        self._more_if_near_the_end()

    def _more_if_near_the_end(self, _: float | None = None) -> None:
        """Load the next page when the rows left below the screen run short."""
        table = self.query_one(DataTable)
        last_shown = max(int(table.scroll_y) + table.size.height, table.cursor_row)
        if table.row_count - last_shown < ROWS_AHEAD:
            self._load_more()

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._more_if_near_the_end()

    def add_rows(self, rows: list[SessionRow], more: bool) -> None:
        """Append a page of rows (`more`: older pages are still to come)."""
        table = self.query_one(DataTable)
        for row in rows:
            table.add_row(*row_cells(row, self.app.size.width), key=row.id)
        self.rows.extend(rows)
        self.show_head()

    def show_head(self) -> None:
        weeks = weekly(self.rows, 1, self.today)
        complete = (self.pages is None or self.pages.done) and not self.damaged
        days = streak(self.rows, self.today)
        # Every day shown is in the streak: it may go on in the months not loaded yet.
        open_ended = not complete and days == len({r.day for r in self.rows if r.day <= self.today})
        text = Text()
        text.append(plural(len(self.rows), "session"), "bold")
        if not complete and self.rows:
            text.append(f" since {self.rows[-1].day:%d %b %Y}", "bold")
        text.append(f" · this week: {weeks[0].sessions}")
        text.append(f" · streak: {'at least ' if open_ended else ''}{plural(days, 'day')}")
        if self.damaged:
            text.append(
                "\nOlder sessions are not shown: a file could not be read (see the notice)."
            )
        elif not self.rows and complete:
            text.append("\nNo sessions yet: they appear here as you do them.", "dim")
        elif not complete:
            text.append("\nenter opens a session in full; older months load as you scroll.", "dim")
        else:
            text.append("\nenter opens a session in full, with its whole note.", "dim")
        self.query_one("#history-head", Static).update(text)

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        session = self.rehab_app.rehab.session(key) if key is not None else None
        if session is not None:
            self.app.push_screen(
                SessionDetailScreen(session, next(r for r in self.rows if r.id == key)),
                self._after_detail,
            )

    def _after_detail(self, changed: bool | None) -> None:
        if changed:
            self.reload()

    def reload(self) -> None:
        """Read history again from the newest month (after a correction, or an undo)."""
        self.query_one(DataTable).clear()
        self.rows = []
        self.load()

    def action_undo(self) -> None:
        from rehab_tui.tui.undo import undo

        if undo(self.rehab_app) is not None:
            self.reload()

    def on_data_table_row_selected(self, _: DataTable.RowSelected) -> None:
        self.action_open()

    def action_trends(self) -> None:
        from rehab_tui.tui.screens.trends import open_trends

        open_trends(self.rehab_app)

    def action_export(self) -> None:
        from rehab_tui.tui.dialogs.export import ExportScreen, export_in_background

        folder = locations.export_dir()
        self.app.push_screen(
            ExportScreen(str(folder)), partial(export_in_background, self.rehab_app, folder)
        )

    def action_back(self) -> None:
        self.app.pop_screen()
