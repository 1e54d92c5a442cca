"""Correct a run (the Runs screen's c): pick which run, newest first, then change its minutes,
distance, pain and note (enter), or delete it after a yes (d). A mistake is said in one sentence
and nothing is saved; a delete is offered for undo (z on the Runs screen)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.record_types import RunRecord
from rehab_tui.domain.run_log import describe_kind
from rehab_tui.domain.spacing import run_day
from rehab_tui.domain.text import one_line, printable
from rehab_tui.services.rehab import Rehab
from rehab_tui.services.results import ServiceError
from rehab_tui.storage.errors import StoreError
from rehab_tui.tui.dialogs.log_run import RunForm, number_or_none
from rehab_tui.tui.widgets.pain_scale import PainScale


def run_words(run: RunRecord) -> str:
    """The run in one line: day and time, minutes, km when known, kind, pain and note."""
    km = "" if run["km"] is None else f" · {run['km']:g} km"
    note = f" · {one_line(run['note'])}" if run["note"] else ""
    return printable(
        f"{run_day(run):%a %d %b} {run['started_at'][11:16]} · {run['minutes']:g} min{km}"
        f" · {describe_kind(run)} · pain {run['pain']}/10{note}"
    )


class PickRunScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with ("edit", id) or ("delete", id) for the run highlighted, or None."""

    CSS_PATH = "run_forms.tcss"  # read when first shown, not at the app's start

    BINDINGS = [
        Binding("d", "delete", "Delete", id="pick_run.delete"),
        Binding("escape", "cancel", "Cancel", id="pick_run.cancel"),
    ]

    def __init__(self, runs: list[RunRecord]) -> None:
        """`runs`: newest first (the newest is highlighted: most often the one to correct)."""
        super().__init__()
        self.runs = runs

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="pick-run"):
            yield Label("Which run to correct?", classes="question")
            yield OptionList(
                *[Option(run_words(run), id=run["id"]) for run in self.runs],
                id="run-choices",
                markup=False,
            )
            yield Label(
                "[b]enter[/b] edit    [b]d[/b] delete    [b]escape[/b] cancel", classes="keys"
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(("edit", event.option.id))

    def action_delete(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            run_id = options.get_option_at_index(options.highlighted).id
            if run_id is not None:
                self.dismiss(("delete", run_id))

    def action_cancel(self) -> None:
        self.dismiss(None)


class EditRunScreen(RunForm[bool]):
    """Dismisses with True once the run is changed, False: cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="edit_run.cancel")]

    def __init__(self, rehab: Rehab, run: RunRecord, limits: PainLimits) -> None:
        super().__init__()
        self.rehab = rehab
        self.run = run
        self.limits = limits

    def compose(self) -> ComposeResult:
        km = "" if self.run["km"] is None else f"{self.run['km']:g}"
        with Vertical(classes="dialog", id="edit-run"):
            yield Label(f"Correct the run of {run_day(self.run):%a %d %b}", classes="question")
            for key, label, value in (
                ("minutes", "Minutes", f"{self.run['minutes']:g}"),
                ("km", "Distance", km),
                ("note", "Note", self.run["note"]),
            ):
                with Horizontal(classes="field"):
                    yield Label(label, classes="field-label")
                    yield Input(value, id=f"run-{key}", compact=True, max_length=500)
            yield from self.pain_and_keys(self.run["pain"])

    def submit(self) -> None:
        """Save the changes, or say in one sentence what is wrong (and save nothing)."""
        field = {key: self.query_one(f"#run-{key}", Input).value for key in ("minutes", "km")}
        try:
            minutes = number_or_none(field["minutes"], "Minutes", "25")
            if minutes is None:
                raise ValueError("Minutes: how long the run took, e.g. 25.")
            km = number_or_none(field["km"], "Distance (km)", "4.2")
            pain = self.query_one(PainScale).value
            note = self.query_one("#run-note", Input).value.strip()
            self.rehab.edit_run(self.run["id"], minutes, km, pain, note)
        except (ValueError, ServiceError, StoreError, OSError) as error:
            message = str(error)
            message = message[0].upper() + message[1:] + ("" if message.endswith(".") else ".")
            self.query_one("#run-error", Label).update(
                Content.styled(printable(message), "bold red")
            )
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
