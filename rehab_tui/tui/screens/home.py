"""Home: today's plan (exercises and dose), the decision and why, and today's run advice.

Its keys open the rest: a session, routines, capacity tests, the quick timer, history, trends,
runs (and today's walk-run in the player).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from rehab_tui.domain.capacity import TESTS, VISA_A
from rehab_tui.domain.kinds import describe_dose, rules_for
from rehab_tui.domain.library import CatalogError, PlannedExercise
from rehab_tui.domain.pain import PainLimits, PainZone, zone_of
from rehab_tui.domain.plan import Decision, Plan
from rehab_tui.domain.text import printable
from rehab_tui.domain.today import DoneToday
from rehab_tui.gc_pause import collect_between_sessions
from rehab_tui.tui.screens.base import RehabScreen
from rehab_tui.tui.widgets.hanging_text import HangingText
from rehab_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from rehab_tui.services.results import OwnProgram
    from rehab_tui.storage.routines import Routine  # reads YAML: imported when a routine is used

DECISION_WORDS = {
    Decision.START: ("START", "bold cyan"),
    Decision.PROGRESS: ("STEP UP", "bold green"),
    Decision.HOLD: ("HOLD", "bold yellow"),
    Decision.REGRESS: ("STEP BACK", "bold red"),
    Decision.MAINTAIN: ("MAINTENANCE", "bold green"),
}
VERDICT_STYLE = {"run": "green", "modify": "yellow", "rest": "red"}
ZONE_STYLE = {PainZone.GREEN: "green", PainZone.AMBER: "yellow", PainZone.RED: "red"}


def safety_banner(plan: Plan) -> Text:
    """What cannot be missed, above everything: an open red flag, a hard stop and its end."""
    text = Text()
    if plan.red_flags:
        text.append(
            " RED FLAG: see a clinician first. No loading and no running until you record their "
            "check (rehab-tui setup --cleared-by-clinician DATE). \n",
            "bold white on red",
        )
    if plan.hard_stop_until is not None:
        text.append(
            f" NO RUNNING up to and including {plan.hard_stop_until:%a %d %b}: pain at the hard "
            "stop. \n",
            "bold white on red",
        )
    if text:
        text.append("\n")
    return text


def plan_text(
    plan: Plan,
    own: OwnProgram | None = None,
    done: DoneToday | None = None,
    limits: PainLimits | None = None,
) -> Text:
    """Today's plan (or own program); `done`: today's plan session was finished and rated
    (its pain is judged by `limits`), so the end says so instead of "Press enter to start"."""
    step = plan.step
    text = safety_banner(plan)
    if own is None and done is not None and limits is not None:
        _done_text(text, plan, done, limits, bool(plan.exercises))  # first: seen at 80×24
    if own is None:
        text.append(
            printable(f"Today · Stage {step.stage}: {plan.stage_name} · step {step.index + 1}   "),
            "bold",
        )
        word, style = DECISION_WORDS[plan.decision]
        reasons, see_clinician, exercises = plan.reasons, plan.see_clinician, plan.exercises
    else:
        text.append(printable(f"Today · your own program: {own.routine.name}   "), "bold")
        word, style = DECISION_WORDS[own.decision]
        word = f"THE RULES SAY: {word}"
        reasons = own.reasons + ((plan.hard_stop,) if plan.hard_stop else ())
        see_clinician = own.see_clinician or plan.see_clinician
        exercises = () if plan.red_flags else own.routine.exercises
    text.append(f" {word} ", f"{style} reverse")
    if own is None and plan.light_day:
        text.append(" LIGHT DAY ", "bold cyan reverse")
    text.append("\n")
    if own is None and plan.frequency:
        text.append(f"  Sessions that count: {plan.frequency}\n", "dim")
    if own is not None and own.routine.note:
        text.append(f"  {printable(own.routine.note)}\n", "dim")
    for reason in reasons:
        text.append(f"  Why: {printable(reason)}\n", "italic")
    if see_clinician:
        text.append(
            "  See a physiotherapist or doctor before pushing on: sudden pain, a snap, swelling or "
            "not being able to rise on tiptoe all need a clinician's look.\n",
            "bold red",
        )
    if own is None:
        _program_notes(text, plan)
    text.append("\n")
    _exercise_lines(text, exercises, plan.load_kg if own is None else {})
    advice = plan.run_advice
    text.append("\nRunning today: ", "bold")
    text.append(f"{advice.verdict}", f"bold {VERDICT_STYLE[advice.verdict]}")
    text.append(f". {advice.text}\n")
    text.append(f"Next morning check-in: {plan.next_checkin:%a %d %b}\n\n", "dim")
    if done is not None and limits is not None:
        return text  # what enter does was said at the top
    if not exercises:
        text.append("No loading today.", "bold")
        return text
    text.append("Press ", "dim")
    text.append("enter", "bold reverse")
    text.append(" to start.", "dim")
    return text


def _exercise_lines(
    text: Text, exercises: Sequence[PlannedExercise], load_kg: Mapping[str, float]
) -> None:
    for number, planned in enumerate(exercises, start=1):
        text.append(f"{number}. {printable(planned.exercise.name)}\n", "bold")
        load = load_kg.get(planned.exercise.id)
        weight = f" · about {load:g} kg" if load is not None else ""
        text.append(
            f"   {describe_dose(planned)}{weight} · {rules_for(planned.kind).plan_words}, "
            f"rest {planned.dose.rest_s} s\n"
        )
        text.append(f"   {printable(planned.exercise.how_to)}\n", "dim")


def _done_text(
    text: Text, plan: Plan, done: DoneToday, limits: PainLimits, can_start: bool
) -> None:
    """Today's session done: its pain and outcome so far, what comes next, and what enter
    does now (a second session only where the stage counts one; else an extra, asked first)."""
    pain = done.latest["pain"]
    assert pain is not None  # done_today keeps rated sessions only
    zone = zone_of(pain, limits)
    what = "light-day session" if done.light else "session"
    twice = " (2 of 2)" if len(done.sessions) > 1 and done.per_day > 1 else ""
    text.append(f"Today's {what} is done{twice}: ", "bold")
    text.append(f"pain {pain}/10, {zone.value}", f"bold {ZONE_STYLE[zone]}")
    so_far = "; the next-morning check-in can still change it" if zone is not PainZone.RED else ""
    text.append(f" so far{so_far}.\n" if so_far else ".\n")
    text.append(f"Next: the morning check-in on {plan.next_checkin:%a %d %b} (k).\n")
    if not can_start:
        text.append("\n")
        return
    text.append("Press ", "dim")
    text.append("enter", "bold reverse")
    if done.another_counts:
        text.append(f" for a second session today (this stage counts {done.per_day} a day).", "dim")
    else:
        text.append(
            " for an extra session: it is saved, but does not count toward a step up.", "dim"
        )
    text.append("\n\n")


def _program_notes(text: Text, plan: Plan) -> None:
    """A retest due, the discharge summary, and the advice around the exercises."""
    if plan.retest_due:
        text.append(f"  Retest: {printable(plan.retest_due)}\n", "bold yellow")
    if plan.discharge:
        text.append(f"  {printable(plan.discharge)}\n", "bold green")
    for advice in plan.advice:
        text.append(f"  Tip: {printable(advice)}\n", "dim")


# The tests index is brought up to date this long after home is shown: after its first frame
# (a frame callback can come before it), and before a user's first key (trends reads it).
INDEX_AFTER_START_S = 0.2


class HomeScreen(RehabScreen[None]):
    BINDINGS = [
        # The screen itself says "Press enter to start"; the footer keeps room for the rest.
        Binding("enter", "start", "Start", priority=True, show=False, id="home.start"),
        Binding("h", "history", "History", id="home.history"),
        Binding("g", "trends", "Trends", id="home.trends"),
        Binding("t", "quick_timer", "Timer", id="home.quick_timer"),
        Binding("k", "checkin", "Check-in", id="home.checkin"),
        Binding("r", "routines", "Routines", id="home.routines"),
        Binding("s", "app.settings", "Settings", id="home.settings"),
        Binding("c", "capacity", "Capacity tests", show=False, id="home.capacity"),
        Binding("u", "app.open_runs", "Runs", show=False, id="home.runs"),
        Binding("w", "walk_run", "Play today's walk-run", show=False, id="home.walk_run"),
        Binding("m", "app.toggle_sound", "Sound on/off", show=False, id="home.toggle_sound"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="home.help"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    # Read from the use cases each time the screen is composed or refreshed (action_go_home).
    plan: Plan
    own: OwnProgram | None
    done: DoneToday | None  # today's plan session, finished and rated (not when following)
    _shown_before = False

    def compose(self) -> ComposeResult:
        self._read_today()
        yield Header()
        with VerticalScroll(id="home"):
            yield Static(HangingText(self._plan_text()), id="plan")
        # Eight keys fit in 80 columns beside nothing else: ctrl+p (the palette) is in help (?).
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Today's session"
        self.set_timer(INDEX_AFTER_START_S, self._index_tests)

    def _index_tests(self) -> None:
        """Bring the capacity tests' index up to date while nobody waits: after years of data
        written by something else (an import, an older version) that reads every month once,
        which trends would otherwise do when opened (storage/tests_index.py)."""
        self.run_worker(self.rehab_app.rehab.tests, thread=True, exit_on_error=False)

    def on_screen_resume(self) -> None:
        # Back from another screen (history, trends, a session): what it left is collected now,
        # once home is drawn, not by a full collection in the middle of the next countdown. Not
        # when home is first shown: start-up's collection comes after it (app.py).
        if self._shown_before:
            self.rehab_app.after_frame(collect_between_sessions)
        self._shown_before = True

    def refresh_plan(self) -> None:
        """Work today's plan out afresh (after a session, a check-in, a change of settings)."""
        self._read_today()
        self.query_one("#plan", Static).update(HangingText(self._plan_text()))

    def _plan_text(self) -> Text:
        return plan_text(self.plan, self.own, self.done, self.rehab_app.rehab.pain_limits())

    def _read_today(self) -> None:
        rehab = self.rehab_app.rehab
        self.plan = rehab.plan()
        self.own = rehab.own_program(self._routines()) if rehab.following() else None
        self.done = rehab.done_today() if self.own is None else None

    def _routines(self) -> list[Routine]:
        """The user's routines; a mistake in the file is said once and the plan is used."""
        try:
            return self.rehab_app.rehab.routines()
        except CatalogError as error:
            self.app.notify(
                str(error), title="Routines file", severity="error", timeout=20, markup=False
            )
            return []

    def action_start(self) -> None:
        app = self.rehab_app
        if app.loading_refused():
            return
        if self.own is None and not self.plan.exercises:
            # A rest from loading: nothing to start (the screen says why).
            self.app.notify("No loading today: the plan says why.", markup=False)
            return
        if self.own is not None:
            app.play(app.rehab.start_routine(self.own.routine))
        elif self.done is not None and not self.done.another_counts:
            from rehab_tui.tui.dialogs.confirm import ConfirmScreen

            self.app.push_screen(
                ConfirmScreen(
                    "An extra session today?",
                    "Today's session is done. Another is saved and its pain counts, but it does "
                    "not count toward a step up.",
                ),
                self._extra_confirmed,
            )
        else:
            app.play(app.rehab.start_plan(self.plan))

    def _extra_confirmed(self, yes: bool | None) -> None:
        if yes:
            app = self.rehab_app
            app.play(app.rehab.start_plan(self.plan))

    def action_routines(self) -> None:
        from rehab_tui.tui.dialogs.routines import RoutinesScreen

        app = self.rehab_app
        routines = self._routines()
        path = str(app.rehab.routines_path())
        app.push_screen(
            RoutinesScreen(routines, app.rehab.following(), path),
            partial(self._routine_chosen, routines),
        )

    def _routine_chosen(
        self, routines: list[Routine], choice: tuple[str, str | None] | None
    ) -> None:
        if choice is None:
            return
        app = self.rehab_app
        action, name = choice
        if action == "follow":
            app.rehab.follow(name, routines)
            app.notify(
                f"Following {name}: it is today's session; the pain rules advise."
                if name
                else "Following the plan again.",
                markup=False,
            )
            app.action_go_home()
            return
        if app.loading_refused():
            return
        routine = next(r for r in routines if r.name == name)
        app.play(app.rehab.start_routine(routine))

    def action_history(self) -> None:
        from rehab_tui.tui.screens.history import HistoryScreen

        rehab = self.rehab_app.rehab
        self.app.push_screen(HistoryScreen(rehab.profile(), rehab.today()))

    def action_trends(self) -> None:
        from rehab_tui.tui.screens.trends import open_trends

        open_trends(self.rehab_app)

    def action_walk_run(self) -> None:
        """Today's walk-run level in the player, when running is on at a walk-run level."""
        running = self.plan.running
        level = running.level if running is not None else None
        if level is None or level.continuous:
            self.app.notify(
                "No walk-run today: the Runs screen (u) says what running is on.", markup=False
            )
            return
        self.rehab_app.play_walk_run()

    def action_capacity(self) -> None:
        from rehab_tui.tui.dialogs.capacity import CapacityScreen

        profile = self.rehab_app.rehab.profile()
        gate = (
            f"Stage 4 (springy work) and running start after both pass: at least "
            f"{profile.heel_raise_floor} heel raises each side with the weaker side "
            f"{profile.symmetry_pct} % of the other or more, and 10 hops each side, both within "
            "your pain limit. Tests count for 6 weeks."
        )
        self.app.push_screen(CapacityScreen(gate), self._capacity_chosen)

    def _capacity_chosen(self, choice: str | None) -> None:
        app = self.rehab_app
        if choice == VISA_A:
            from rehab_tui.tui.dialogs.score import ScoreScreen

            app.push_screen(ScoreScreen(), self._score_given)
        elif choice is not None and not app.loading_refused():
            app.play(app.rehab.start_test(next(kind for kind in TESTS if kind == choice)))

    def _score_given(self, score: int | None) -> None:
        if score is not None:
            from rehab_tui.domain.review import describe_test

            record = self.rehab_app.rehab.record_visa_a(score)
            self.app.notify(describe_test(record), title="Saved")

    def action_checkin(self) -> None:
        """The morning check-in, also when it was skipped at start-up: about the session it is
        due for, or just this morning; dated today either way."""
        from rehab_tui.tui.screens.checkin import CheckinScreen

        rehab = self.rehab_app.rehab
        profile = rehab.profile()
        self.app.push_screen(
            CheckinScreen(rehab.today(), rehab.checkin_due(), profile.baseline, profile.pain_limits)
        )

    def action_quick_timer(self) -> None:
        from rehab_tui.tui.dialogs.quick_timer import QuickTimerScreen

        app = self.rehab_app
        if app.loading_refused():  # the form leads only to a session: refused before it opens
            return
        app.push_screen(QuickTimerScreen(app.rehab.last_quick_timer()), app.start_quick_timer)
