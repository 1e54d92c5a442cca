"""Log a run by hand (DOMAIN §7): minutes, km (optional), the pain during on the app's scale,
the kind (continuous, a walk-run level, a brisk walk), the date (today unless changed) and a
note. A mistake is said in one sentence and nothing is saved; a run saved dismisses with what
the use case returned, so the Runs screen can show its warnings (pain at the hard stop).
"""

from __future__ import annotations

import math
from datetime import date
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.record_types import RunKind
from rehab_tui.domain.run_levels import LEVELS
from rehab_tui.domain.text import printable
from rehab_tui.services.rehab import Rehab
from rehab_tui.services.results import RunLogged, ServiceError
from rehab_tui.storage.errors import StoreError
from rehab_tui.tui.widgets.pain_scale import PainScale

# (what the list shows, its value): the kinds a run is logged as, each walk-run level by name.
KIND_OPTIONS: list[tuple[str, str]] = [
    ("Continuous run", "continuous"),
    *[
        (f"Walk-run level {lv.number}: {lv.words}", f"walk_run:{lv.number}")
        for lv in LEVELS
        if not lv.continuous
    ],
    ("Brisk walk", "walk"),
]


def kind_of(value: str) -> tuple[RunKind, int | None]:
    """The stored kind and level of a KIND_OPTIONS value."""
    if value.startswith("walk_run:"):
        return "walk_run", int(value.split(":")[1])
    return ("walk" if value == "walk" else "continuous"), None


def number_or_none(text: str, what: str, example: str) -> float | None:
    """A number typed in a field (a comma works as a point); ValueError naming the field."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueError(f"{what}: a number like {example}, got {text!r}.")
    return value


ResultT = TypeVar("ResultT")


class RunForm(ModalScreen[ResultT]):
    """What the run forms share: the pain scale and the key line at their foot, and enter (or a
    pain chosen) to save. `submit` saves, or says in one sentence what is wrong."""

    CSS_PATH = "run_forms.tcss"  # read when first shown, not at the app's start

    limits: PainLimits

    def pain_and_keys(self, pain: int) -> ComposeResult:
        yield Label("Pain during the run (0-10: a digit or the arrows):", id="run-pain-label")
        yield PainScale(pain, limits=self.limits, id="run-pain")
        yield Label("", id="run-error")
        yield Label(
            "[b]enter[/b] save    [b]tab[/b] next field    [b]escape[/b] cancel",
            classes="keys",
        )

    def on_mount(self) -> None:
        self.query_one("#run-minutes", Input).focus()

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self.submit()

    def on_pain_scale_chosen(self, _: PainScale.Chosen) -> None:
        self.submit()

    def submit(self) -> None:
        raise NotImplementedError


class LogRunScreen(RunForm[RunLogged | None]):
    """Dismisses with the run saved, or None: cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="log_run.cancel")]

    def __init__(self, rehab: Rehab, today: date, limits: PainLimits, kind: str) -> None:
        super().__init__()
        self.rehab = rehab
        self.today = today
        self.limits = limits
        self.kind = kind if kind in dict((v, v) for _, v in KIND_OPTIONS) else "continuous"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="log-run"):
            yield Label("Log a run", classes="question")
            for key, label, value, placeholder in (
                ("minutes", "Minutes", "", "time on feet, e.g. 25"),
                ("km", "Distance", "", "km, optional, e.g. 4.2"),
                ("date", "Date", self.today.isoformat(), "YYYY-MM-DD"),
            ):
                with Horizontal(classes="field"):
                    yield Label(label, classes="field-label")
                    yield Input(value, placeholder=placeholder, id=f"run-{key}", compact=True)
            with Horizontal(classes="field"):
                yield Label("Kind", classes="field-label")
                yield Select(
                    KIND_OPTIONS, value=self.kind, allow_blank=False, id="run-kind", compact=True
                )
            with Horizontal(classes="field"):
                yield Label("Note", classes="field-label")
                yield Input(placeholder="optional", id="run-note", max_length=500, compact=True)
            yield from self.pain_and_keys(0)

    def _field(self, key: str) -> str:
        return self.query_one(f"#run-{key}", Input).value

    def submit(self) -> None:
        """Save the run, or say in one sentence what is wrong (and save nothing)."""
        try:
            minutes = number_or_none(self._field("minutes"), "Minutes", "25")
            if minutes is None:
                raise ValueError("Minutes: how long the run took, e.g. 25.")
            km = number_or_none(self._field("km"), "Distance (km)", "4.2")
            day = self._day()
            kind, level = kind_of(str(self.query_one("#run-kind", Select).value))
            pain = self.query_one(PainScale).value
            logged = self.rehab.log_run(
                day, None, minutes, km, pain, kind, level, self._field("note").strip()
            )
        except (ValueError, ServiceError, StoreError, OSError) as error:
            message = str(error)
            message = message[0].upper() + message[1:]
            message += "" if message.endswith(".") else "."
            # The message may quote what was typed: plain text, never markup.
            self.query_one("#run-error", Label).update(
                Content.styled(printable(message), "bold red")
            )
            return
        self.dismiss(logged)

    def _day(self) -> date:
        text = self._field("date").strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"Date: a date like {self.today.isoformat()}, got {text!r}.") from None

    def action_cancel(self) -> None:
        self.dismiss(None)
