"""The anchor for a hold's CPU and output: a bare Textual app counting down once a second in
Textual's own big digits, with a Header and a Footer, as rehab-tui's player does.

    python benchmarks/bare_countdown.py [SECONDS]
"""

import sys

from textual.app import App, ComposeResult
from textual.widgets import Digits, Footer, Header, Static

MARKER = "rehab-tui bare countdown"


class BareCountdown(App):
    def __init__(self, seconds: int) -> None:
        super().__init__()
        self.left = seconds

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(MARKER)
        yield Digits(str(self.left))
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        self.left = max(0, self.left - 1)
        self.query_one(Digits).update(str(self.left))


if __name__ == "__main__":
    BareCountdown(int(sys.argv[1]) if len(sys.argv) > 1 else 60).run()
