"""The anchor for start-up time: a bare Textual app with a Header, a Static and a Footer."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("rehab-tui bare app")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
