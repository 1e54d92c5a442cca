"""First start: a short welcome, where it hurts, the usual morning pain, and the red flags.

Every question has a default that enter accepts, and s skips the rest with the defaults. The
answers are saved as the profile (changeable later with `rehab-tui setup`), and the red-flag
answers given (dated, by question id: rehab_tui.domain.safety) are kept with it; a question not
reached (after a yes, or a skip) is left unanswered rather than taken as a no. A quick timer
can come first (t here, or `rehab-tui timer` on a fresh install): it needs no profile, and the
plan is not shown until these questions have been asked.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Label

from rehab_tui.domain.profile import Profile
from rehab_tui.domain.safety import RED_FLAGS
from rehab_tui.tui.screens.base import RehabScreen
from rehab_tui.tui.widgets.pain_scale import PainScale

WELCOME = (
    "[b]Welcome to rehab-tui[/b]\n\n"
    "It guides pain-monitored loading for an Achilles tendinopathy: isometric holds first, then slow "
    "lowering, load, speed and spring, one small step at a time. After each session it asks how much "
    "it hurt, and the next morning how the tendon feels; both decide the next plan.\n\n"
    "[b]This is advice, not a diagnosis.[/b] If you are unsure what is wrong, see a physiotherapist "
    "or doctor.\n\n"
    "A few questions follow; enter accepts the answer shown. s skips them all."
)


class FirstStartScreen(RehabScreen[None]):
    BINDINGS = [
        Binding("enter", "accept", "Accept", priority=True, id="first_start.accept"),
        Binding(
            "m",
            "tendon('midportion')",
            "Mid-portion",
            show=False,
            id="first_start.midportion",
        ),
        Binding(
            "i",
            "tendon('insertional')",
            "Insertional",
            show=False,
            id="first_start.insertional",
        ),
        Binding("y", "red_flag(True)", "Yes", show=False, id="first_start.yes"),
        Binding("n", "red_flag(False)", "No", show=False, id="first_start.no"),
        Binding("s", "skip", "Skip setup", id="first_start.skip"),
        # A physio's paper program needs no profile: play it now, answer these afterwards.
        Binding("t", "quick_timer", "Quick timer first", id="first_start.quick_timer"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.step = "welcome"
        self.tendinopathy = "midportion"
        self.flag_index = 0
        self.answers: dict[str, bool] = {}  # red-flag question id -> yes

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="first-start"):
            yield Label(WELCOME, id="question")
            # No profile yet: the scale shows the limits the new profile starts with.
            yield PainScale(limits=Profile().pain_limits, id="baseline-scale")
            yield Label("", id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Getting started"
        self.query_one(PainScale).display = False

    def _ask(self, question: str, hint: str, scale: bool = False) -> None:
        self.query_one("#question", Label).update(question)
        self.query_one("#hint", Label).update(hint)
        self.query_one(PainScale).display = scale
        if scale:
            self.query_one(PainScale).focus()

    def _ask_tendon(self) -> None:
        self.step = "tendon"
        chosen = "mid-portion" if self.tendinopathy == "midportion" else "insertional"
        self._ask(
            "[b]Where does it hurt?[/b]\n\n"
            "[b]m[/b]  mid-portion: in the cord, about 2-6 cm above the heel\n"
            "[b]i[/b]  insertional: where the tendon meets the heel bone\n\n"
            "Insertional pain keeps every exercise at floor level (never below a step).",
            f"Answer: [b]{chosen}[/b] · m / i to change · enter to accept",
        )

    def _ask_flag(self) -> None:
        self.step = "flags"
        self._ask(
            f"[b]Before you start ({self.flag_index + 1} of {len(RED_FLAGS)})[/b]\n\n"
            f"{RED_FLAGS[self.flag_index].question}",
            "[b]y[/b] yes · [b]n[/b] / enter no",
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "tendon":
            return self.step == "tendon"
        if action == "red_flag":
            return self.step == "flags"
        return True

    def action_accept(self) -> None:
        if self.step == "welcome":
            self._ask_tendon()
        elif self.step == "tendon":
            self.step = "baseline"
            self._ask(
                "[b]Your usual morning pain[/b]\n\n"
                "How does the tendon usually feel first thing in the morning, 0-10? "
                "Sessions are judged against it.",
                "A digit or the arrows, then enter",
                scale=True,
            )
        elif self.step == "baseline":
            self.flag_index = 0
            self._ask_flag()
        elif self.step == "flags":
            self.action_red_flag(False)

    def on_pain_scale_chosen(self, event: PainScale.Chosen) -> None:
        event.stop()
        self.action_accept()

    def action_tendon(self, kind: str) -> None:
        self.tendinopathy = kind
        self._ask_tendon()

    def action_red_flag(self, yes: bool) -> None:
        self.answers[RED_FLAGS[self.flag_index].id] = yes
        if yes:
            self._finish()
        elif self.flag_index + 1 < len(RED_FLAGS):
            self.flag_index += 1
            self._ask_flag()
        else:
            self._finish()

    def action_quick_timer(self) -> None:
        """The quick timer's form; after the timer this screen is back where it was."""
        from rehab_tui.tui.dialogs.quick_timer import QuickTimerScreen

        app = self.rehab_app
        if app.loading_refused():
            return
        app.push_screen(QuickTimerScreen(app.rehab.last_quick_timer()), app.start_quick_timer)

    def action_skip(self) -> None:
        self._finish()

    def _finish(self) -> None:
        from rehab_tui.tui.dialogs.red_flag import RedFlagScreen

        profile = Profile(
            tendinopathy=self.tendinopathy,
            baseline=self.query_one(PainScale).value,
        )
        app = self.rehab_app
        said_yes = app.rehab.first_start(profile, self.answers)
        app.action_go_home()
        if said_yes:
            app.push_screen(RedFlagScreen(f"You answered yes to: {said_yes[0].question}"))
