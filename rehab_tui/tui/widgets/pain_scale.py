"""A 0–10 pain scale with the zones of the profile's pain limits, picked by keyboard or mouse."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from rehab_tui.domain.pain import PainLimits, PainZone, scale_label, zone_of
from rehab_tui.domain.text import whole_number

# The theme's text colours for success, warning and error: each theme makes them readable on its
# own background (tests/functional/test_settings.py checks every built-in theme).
ZONE_VARIABLE = {
    PainZone.GREEN: "text-success",
    PainZone.AMBER: "text-warning",
    PainZone.RED: "text-error",
}


def zone_colour(variables: dict[str, str], zone: PainZone) -> str:
    return variables[ZONE_VARIABLE[zone]]


CELL_WIDTH = 6


class PainScale(Widget, can_focus=True):
    """Digits 0–9 pick directly; arrows move (10 is one step right of 9); enter confirms.

    The zones (colours and the words under them) are the `limits` its screen passes in.
    """

    BINDINGS = [
        Binding("left,down", "move(-1)", "Less", show=False, id="pain_scale.less"),
        Binding("right,up", "move(1)", "More", show=False, id="pain_scale.more"),
        Binding("enter", "choose", "Confirm", show=True, id="pain_scale.choose"),
    ]
    DEFAULT_CSS = """
    PainScale { height: 4; width: auto; }
    """

    value: reactive[int] = reactive(0)

    class Chosen(Message):
        def __init__(self, value: int) -> None:
            self.value = value
            super().__init__()

    def __init__(self, value: int = 0, *, limits: PainLimits, id: str | None = None) -> None:
        super().__init__(id=id)
        self.limits = limits
        self.set_reactive(PainScale.value, value)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return CELL_WIDTH * 11

    def render(self) -> Text:
        variables = self.app.theme_variables
        numbers, bar = Text(), Text()
        for n in range(11):
            colour = zone_colour(variables, zone_of(n, self.limits))
            selected = n == self.value
            numbers.append(
                f"{n:^{CELL_WIDTH}}", style=f"bold reverse {colour}" if selected else colour
            )
            bar.append("▀" * CELL_WIDTH if selected else "─" * CELL_WIDTH, style=colour)
        words = Text()
        for zone, band in self.limits.bands():
            width = len(band) * CELL_WIDTH
            words.append(f"{scale_label(zone):^{width}}", style=zone_colour(variables, zone))
        return Text("\n").join([numbers, bar, words])

    def on_key(self, event: events.Key) -> None:
        digit = whole_number(event.character or "", max_digits=1)  # "³" passes str.isdigit
        if digit is not None:
            self.value = digit
            event.stop()

    def on_click(self, event: events.Click) -> None:
        self.value = max(0, min(10, event.x // CELL_WIDTH))

    def action_move(self, delta: int) -> None:
        self.value = max(0, min(10, self.value + delta))

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self.value))
