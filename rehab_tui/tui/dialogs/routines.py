"""Pick one of your own routines to play, or to follow instead of the plan."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from rehab_tui.domain.kinds import describe_dose
from rehab_tui.domain.text import printable
from rehab_tui.storage.routines import Routine


class RoutinesScreen(ModalScreen[tuple[str, str | None] | None]):
    """Dismisses with ("play", name), ("follow", name), ("follow", None) or None."""

    BINDINGS = [
        Binding("f", "follow", "Follow / stop following", id="routines.follow"),
        Binding("escape", "cancel", "Cancel", id="routines.cancel"),
    ]

    def __init__(self, routines: list[Routine], following: str | None, path: str) -> None:
        super().__init__()
        self.routines = routines
        self.following = following
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="routines"):
            yield Label("Your routines", classes="question")
            if not self.routines:
                yield Label(
                    f"None yet. Write your physio's program in {self.path} "
                    "(rehab-tui routines --edit makes one from an example).",
                    classes="detail",
                    markup=False,
                )
            else:
                yield OptionList(
                    *[Option(self._described(r), id=r.name) for r in self.routines],
                    id="routine-list",
                    markup=False,  # names from the routines file are plain text
                )
            yield Label(
                "Following a routine puts it on the home screen instead of the plan's exercises; "
                "the pain rules still run and advise.",
                classes="detail dim",
            )
            yield Label(
                "[b]enter[/b] play    [b]f[/b] follow / stop following    [b]escape[/b] cancel",
                classes="keys",
            )

    def _described(self, routine: Routine) -> str:
        followed = "  (followed)" if routine.name == self.following else ""
        exercises = ", ".join(f"{p.exercise.name} {describe_dose(p)}" for p in routine.exercises)
        return printable(f"{routine.name}{followed}\n   {exercises}")

    def _highlighted(self) -> str | None:
        if not self.routines:
            return None
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(("play", event.option.id))

    def action_follow(self) -> None:
        name = self._highlighted()
        if name is None and self.following is None:
            return
        self.dismiss(("follow", None if name == self.following or name is None else name))

    def action_cancel(self) -> None:
        self.dismiss(None)
