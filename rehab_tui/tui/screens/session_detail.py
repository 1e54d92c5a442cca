"""One past session: each exercise and set, planned against done, pauses, pain and note.

e corrects its pain and note, m the next morning's check-in, d deletes it (after asking; history then offers z to undo). The
screen is dismissed with whether the session changed, so that history reads it again."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from rehab_tui.domain.kinds import rules_for
from rehab_tui.domain.outcomes import Outcome
from rehab_tui.domain.record_types import SessionKind, SessionRecord
from rehab_tui.domain.records import format_duration
from rehab_tui.domain.review import SessionRow, session_rows
from rehab_tui.domain.text import printable
from rehab_tui.tui.screens.base import RehabScreen
from rehab_tui.tui.screens.summary import exercise_cell

OUTCOME_STYLE = {
    Outcome.GREEN: ("● green", "green"),
    Outcome.AMBER: ("● amber", "yellow"),
    Outcome.RED: ("● red", "bold red"),
    Outcome.PENDING: ("○ pending", "dim"),
}


def sets_table(session: SessionRecord) -> Table:
    table = Table(box=None, padding=(0, 2), expand=False, show_edge=False)
    for column in ("Exercise", "Set", "Side", "Planned", "Done", "Paused"):
        table.add_column(
            column, justify="right" if column in ("Set", "Planned", "Done", "Paused") else "left"
        )
    for entry in session["exercises"]:
        unit = rules_for(entry["kind"]).unit
        if not entry["sets"]:
            table.add_row(
                exercise_cell(entry),
                "–",
                "",
                "",
                "not done",
                "",
            )
        for number, done in enumerate(entry["sets"]):
            table.add_row(
                exercise_cell(entry) if number == 0 else "",
                str(done["set"]),
                done["side"] or "",
                f"{done['planned']} {unit}",
                f"{done['done']:g} {unit}" + (" (ended early)" if done["skipped"] else ""),
                f"{done.get('paused_s', 0.0):g} s" if done.get("paused_s") else "",
            )
    return table


def detail_text(session: SessionRecord, row: SessionRow) -> Text:
    word, style = OUTCOME_STYLE[row.outcome]
    text = Text()
    text.append(f"{row.day:%A %d %B %Y}", "bold")
    text.append(f", started {session['started_at'][11:16]}")
    ended_at, step = session.get("ended_at"), session.get("ladder_index")
    if ended_at:
        text.append(f", ended {ended_at[11:16]}")
    text.append("\n")
    if row.stage is not None and step is not None:
        text.append(f"Stage {row.stage}, step {step + 1} of the ladder · ")
    elif session.get("kind") == SessionKind.TEST:
        text.append(f"{row.label[:1].upper()}{row.label[1:]}: {row.result or 'not finished'} · ")
    else:  # a routine's own name, the quick timer, a free session
        text.append(f"{row.label[:1].upper()}{row.label[1:]} (not counted by the plan) · ")
    status = "complete" if row.completed else ("in progress" if row.in_progress else "ended early")
    text.append(
        f"{status} · {row.done}/{row.planned} sets · under load {format_duration(row.under_load_s)}"
    )
    if session.get("paused_s"):
        text.append(f" · paused {format_duration(session['paused_s'])}")
    text.append("\nPain during: ")
    text.append("not rated" if row.pain is None else f"{row.pain}/10")
    text.append(" · next morning: ")
    text.append("no check-in" if row.morning is None else f"{row.morning}/10")
    text.append(" · outcome: ")
    text.append(word, style)
    text.append(f" ({row.why})\n", "dim")
    if session.get("logged"):
        text.append("Recorded afterwards with rehab-tui log (as planned, in full).\n", "dim")
    if row.note:
        text.append("Note: ", "bold")
        text.append(f"{printable(row.note)}\n")  # the user's words: no control characters
    return text


class SessionDetailScreen(RehabScreen[bool]):
    CSS_PATH = "session_detail.tcss"  # read when first shown, not at the app's start
    BINDINGS = [
        Binding("e", "edit", "Correct pain/note", id="session_detail.edit"),
        Binding("m", "edit_morning", "Morning pain", id="session_detail.edit_morning"),
        Binding("d", "delete", "Delete", id="session_detail.delete"),
        Binding("escape,q", "back", "Back", id="session_detail.back"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="session_detail.help"),
    ]

    def __init__(self, session: SessionRecord, row: SessionRow) -> None:
        super().__init__()
        self.session = session
        self.row = row
        self.changed = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail-scroll"):
            yield Static(self._detail(), id="session-detail")
        yield Footer()

    def _detail(self) -> Group:
        return Group(detail_text(self.session, self.row), sets_table(self.session))

    def on_mount(self) -> None:
        self.sub_title = "Session"

    def action_back(self) -> None:
        self.dismiss(self.changed)

    def action_edit(self) -> None:
        from rehab_tui.tui.screens.edit_session import EditSessionScreen

        limits = self.rehab_app.rehab.pain_limits()
        self.app.push_screen(EditSessionScreen(self.session, limits, self._edited))

    def action_edit_morning(self) -> None:
        """Correct the morning check-in that judges this session (the next morning's)."""
        from rehab_tui.tui.screens.edit_session import EditCheckinScreen

        rehab = self.rehab_app.rehab
        checkin = rehab.checkin_after(self.row.day)
        if checkin is None:
            self.app.notify("No morning check-in after this session to correct.", timeout=4)
            return
        self.app.push_screen(EditCheckinScreen(checkin, rehab.pain_limits(), self._edited))

    def _edited(self) -> None:
        """Read the session and its outcome again, as the plan now sees them."""
        rehab = self.rehab_app.rehab
        self.session = rehab.find_session(self.session["id"])
        self.row = session_rows([self.session], rehab.checkins(), rehab.profile())[0]
        self.changed = True
        self.query_one("#session-detail", Static).update(self._detail())

    def action_delete(self) -> None:
        from rehab_tui.tui.dialogs.confirm import ConfirmScreen

        question = ConfirmScreen(
            f"Delete the session of {self.row.day:%a %d %b}?",
            "The plan is worked out again without it. z on history puts it back.",
        )
        self.app.push_screen(question, self._delete_if_sure)

    def _delete_if_sure(self, sure: bool | None) -> None:
        from rehab_tui.services.results import ServiceError
        from rehab_tui.tui.undo import offer_undo

        if not sure:
            return
        try:
            deleted = self.rehab_app.rehab.delete_session(self.session["id"])
        except ServiceError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.dismiss(True)
        offer_undo(self.rehab_app, deleted)
