"""A session was left unfinished (quit, closed terminal, crash): resume it or close it out."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from rehab_tui.domain.record_types import SessionRecord
from rehab_tui.domain.records import sets_done
from rehab_tui.domain.text import plural


class ResumeScreen(ModalScreen[str]):
    """Dismisses with "resume" or "close"."""

    BINDINGS = [
        Binding("r,enter", "choose('resume')", "Resume", id="resume.choose_resume"),
        Binding("c", "choose('close')", "Close it out", id="resume.choose_close"),
    ]

    def __init__(self, session: SessionRecord, can_resume: bool) -> None:
        super().__init__()
        self.session = session
        self.can_resume = can_resume

    def compose(self) -> ComposeResult:
        done, planned = sets_done(self.session)
        started = self.session["started_at"][:16].replace("T", " at ")
        with Vertical(classes="dialog"):
            yield Label("An unfinished session was found", classes="question")
            were = "was" if done == 1 else "were"  # "1 of 8 sets was saved"
            yield Label(
                f"Started {started}; {done} of {plural(planned, 'set')} {were} saved.",
                classes="detail",
            )
            if self.can_resume:
                yield Label(
                    "[b]r[/b] / enter: resume where it stopped    "
                    "[b]c[/b]: close it out and rate the pain",
                    classes="keys",
                )
            else:
                yield Label(
                    "Its exercises are no longer in the exercise file, so it cannot be "
                    "resumed. [b]c[/b]: close it out and rate the pain",
                    classes="keys",
                )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_resume or parameters != ("resume",)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
