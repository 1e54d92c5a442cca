"""The Textual app: routing between screens, the workers that write, the look, and the cues.

What happens to the data is rehab_tui.services' business (`self.rehab`); screens call it through
`RehabScreen.rehab_app` and ask the app only to move between screens. Sets are saved in thread
workers so that a write never delays a countdown (set_saves.py). Only the home screen is
imported with the app; every other screen and dialog, and the player's timeline and playback,
are imported where first used, for an early first frame (BENCHMARKS.md).
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from rehab_tui.domain.clock import Clock, SystemClock
from rehab_tui.domain.library import Catalog, PlannedExercise
from rehab_tui.domain.quick import QuickTimer
from rehab_tui.domain.record_types import SessionKind, SessionRecord
from rehab_tui.domain.records import saved_sets
from rehab_tui.domain.safety import LOADING_REFUSED
from rehab_tui.domain.text import printable
from rehab_tui.gc_pause import QUIET_AFTER_START_S, resume_collection
from rehab_tui.services.rehab import Rehab
from rehab_tui.services.results import RunLogged, ServiceError, Started
from rehab_tui.storage import locations
from rehab_tui.storage.config import Config
from rehab_tui.storage.store import Store
from rehab_tui.tui.cues import Cues
from rehab_tui.tui.dialogs.too_small import SizeGuard
from rehab_tui.tui.exit_watchdog import ExitWatchdog
from rehab_tui.tui.preferences import Preferences
from rehab_tui.tui.screens.home import HomeScreen
from rehab_tui.tui.set_saves import SavingApp
from rehab_tui.tui.stylesheet import RememberingCssApp

if TYPE_CHECKING:
    from rehab_tui.domain.timeline import Timeline
    from rehab_tui.tui.speech import Speaker

# Closing the terminal (SIGHUP), SIGTERM and Ctrl+C sent as a signal all end the app the same
# way as ctrl+q: every finished set is already saved (or its save is awaited on the way out) and
# a session in progress stays in progress, so the next start offers to resume it. The handler is
# a plain signal handler, not the event loop's: it runs even when the loop is blocked (Textual
# blocks for good on a dead terminal's output), and starts the exit watchdog
# (exit_watchdog.py) that ends the process if the normal way out hangs.
EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class RehabApp(RememberingCssApp, SavingApp):
    TITLE = "rehab-tui"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", show=False, id="app.help"),
        # Ctrl+C quits like ctrl+q (a session stays resumable); a focused text field copies.
        Binding("ctrl+c", "quit", "Quit", show=False, id="app.quit"),
    ]

    def __init__(
        self,
        catalog: Catalog,
        store: Store,
        clock: Clock | None = None,
        notice: str | None = None,
        quick: QuickTimer | None = None,
        config: Config | None = None,
        speaker: Speaker | None = None,
    ) -> None:
        super().__init__(kept_in=locations.cache_dir())
        self.config = config or Config.load(locations.config_file(), locations.cache_dir())
        self.preferences = Preferences(self, self.config)  # the theme is applied now
        self.cues = Cues(self, self.config, speaker)
        self.notice = notice
        self.quick = quick  # `rehab-tui timer ...`: play this at once
        self.catalog = catalog
        self.store = store
        self.clock = clock or SystemClock()
        self.rehab = Rehab(store, catalog, self.clock)
        self._size_guard = SizeGuard(self)
        self._started = False
        self._signal_handlers: dict[int, Any] = {}
        # Set by the command that runs the app in a terminal (cli/fullscreen.py); not in tests.
        self.exit_watchdog: ExitWatchdog | None = None

    # -- start-up -------------------------------------------------------------------------

    def on_mount(self) -> None:
        self._signal_loop = asyncio.get_running_loop()
        for signum in EXIT_SIGNALS:
            self._signal_handlers[signum] = signal.signal(signum, self._on_exit_signal)
        if self.notice:
            self.notify(self.notice, timeout=20, markup=False)
        self.preferences.apply_at_start()
        # After Textual's start-up batch, whose frames are drawn but never written (6 ms of home's).
        self.call_later(self._show_first_screen)
        self.call_later(self._play_pending_timer)  # likewise: see player.py
        self._started = True
        self.call_after_refresh(self._size_guard.check)
        self.set_timer(QUIET_AFTER_START_S, self._start_up_over)

    def _start_up_over(self) -> None:
        """The first screen is surely drawn. On home, the screens most often opened from it are
        imported now, while the user reads (history's table, and trends' charts: 10 and 25 ms
        of the first h or g); never under a dialog or in a countdown. Then start-up's garbage
        is collected (35 ms), and what lives on frozen, those imports with it."""
        stack = self.screen_stack  # empty when the app is on its way out (q at that moment)
        if stack and isinstance(stack[-1], HomeScreen):
            import_next_screens()
        resume_collection()

    def on_unmount(self) -> None:
        for signum, handler in self._signal_handlers.items():
            signal.signal(signum, handler)
        self.keep_rules()  # the rules of the screens shown since, for the next start

    def _on_exit_signal(self, signum: int, _frame: object) -> None:
        if self.exit_watchdog is not None:
            self.exit_watchdog.arm(128 + signum)
        self._signal_loop.call_soon_threadsafe(partial(self.exit, return_code=128 + signum))

    # -- routing --------------------------------------------------------------------------

    def _show_first_screen(self) -> None:
        if self.quick is None:  # never in a countdown: a session's rules are kept at the end
            self.after_frame(self.keep_rules)
        rehab = self.rehab
        if rehab.needs_first_start():
            # `rehab-tui timer` on a fresh install plays at once (a physio's paper program needs
            # no profile); the welcome and its questions come when the plan is first reached.
            # A session left unfinished is never overwritten: then the welcome comes first.
            fresh = rehab.unfinished_session() is None
            if self.quick is not None and fresh and not self.loading_refused():
                timer, self.quick = self.quick, None
                self.call_later(self.start_quick_timer, timer)  # likewise: see player.py
                return
            self._show_first_start()
            return
        unfinished = rehab.unfinished_session()
        due = rehab.checkin_due()
        if due is not None and unfinished is None:
            from rehab_tui.tui.screens.checkin import CheckinScreen

            profile = rehab.profile()
            self.push_screen(
                CheckinScreen(rehab.today(), due, profile.baseline, profile.pain_limits)
            )
            return
        self.push_screen(HomeScreen())
        if unfinished is not None:
            from rehab_tui.tui.dialogs.resume import ResumeScreen

            self.push_screen(
                ResumeScreen(unfinished, rehab.can_resume(unfinished)),
                partial(self._resume_choice, unfinished),
            )

    def _show_first_start(self) -> None:
        """The welcome and its questions, in place of home until they are answered (or
        skipped): the plan is never shown, and never started, before the red-flag questions."""
        from rehab_tui.tui.screens.first_start import FirstStartScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, FirstStartScreen):
            self.pop_screen()
        if not isinstance(self.screen, FirstStartScreen):
            self.push_screen(FirstStartScreen())

    def action_go_home(self) -> None:
        """Back to the one home screen, with the plan worked out afresh (after the first
        start's questions, when a quick timer came before them)."""
        if self.rehab.needs_first_start():
            self._show_first_start()
            return
        homes = [screen for screen in self.screen_stack if isinstance(screen, HomeScreen)]
        if not homes:
            self.switch_screen(HomeScreen())
            self.call_after_refresh(self._play_pending_timer)
            return
        while not isinstance(self.screen_stack[-1], HomeScreen):
            self.pop_screen()
        homes[-1].refresh_plan()
        self._play_pending_timer()

    def refresh_homes(self) -> None:
        """Work the plan out afresh on the home screen, under any screen above it."""
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_plan()

    def _resume_choice(self, session: SessionRecord, choice: str | None) -> None:
        from rehab_tui.domain.playback import resume_index

        reopened = self.rehab.reopen(session) if choice == "resume" else None
        timeline = self.timeline_of(reopened.exercises, reopened.kind) if reopened else None
        start = resume_index(timeline, saved_sets(session)) if timeline else None
        if timeline is None or start is None:
            # Closing out, or nothing left to do: ask for the pain rating of what was done.
            completed = start is None and timeline is not None
            self.end_session(session["id"], completed, session.get("paused_s", 0.0))
            return
        self._play_timeline(session["id"], timeline, start)

    def play(self, started: Started) -> None:
        """Play a session just started (rehab.start_plan, start_routine, start_test...)."""
        self._play_timeline(started.session_id, self.timeline_of(started.exercises, started.kind))

    def _play_timeline(self, session_id: str, timeline: Timeline, start_index: int = 0) -> None:
        from rehab_tui.domain.playback import Playback
        from rehab_tui.tui.screens.player import PlayerScreen

        playback = Playback(timeline, self.clock, start_index=start_index)
        self.push_screen(PlayerScreen(session_id, timeline, playback))

    def timeline_of(
        self, exercises: tuple[PlannedExercise, ...], kind: SessionKind | None
    ) -> Timeline:
        """The steps, with the preferred lead-in; the preferred rest applies to the plan only
        (a routine, a test and the quick timer keep the rests they were given)."""
        from rehab_tui.domain.timeline import build_timeline

        rest = self.config["rest_s"] if kind in (None, SessionKind.PLAN) else None
        return build_timeline(
            exercises,
            lead_in_s=self.config["lead_in_s"],
            rest_s=rest,
            limits=self.rehab.pain_limits(),
        )

    def end_session(self, session_id: str, completed: bool, paused_s: float) -> None:
        from rehab_tui.tui.screens.pain import PainScreen

        self.rehab.end_session(session_id, completed, paused_s)
        if self.rehab.is_walk_run(session_id):
            from rehab_tui.tui.screens.run_pain import RunPainScreen

            self.switch_screen(RunPainScreen(session_id, self.rehab.pain_limits()))
            return
        self.switch_screen(PainScreen(session_id, self.rehab.pain_limits()))

    # -- runs (screens/runs.py) ----------------------------------------------------------------

    def action_open_runs(self) -> None:
        from rehab_tui.tui.screens.runs import RunsScreen

        self.push_screen(RunsScreen())

    def play_walk_run(self) -> None:
        """Play today's level of the walk-run ladder, or say in one sentence why not."""
        if self.loading_refused():
            return
        try:
            started = self.rehab.start_walk_run(self.rehab.plan().running)
        except ServiceError as error:
            self.notify(f"Nothing to play: {error}.", markup=False)
            return
        self.play(started)

    def back_to_runs(self) -> None:
        """After a walk-run is rated: the Runs screen it was played from (else a new one)."""
        from rehab_tui.tui.screens.runs import RunsScreen

        if isinstance(self.screen_stack[-2], RunsScreen):
            self.pop_screen()
        else:
            self.switch_screen(RunsScreen())

    def run_saved(self, logged: RunLogged) -> None:
        """A run logged or played: the Runs screen and home read afresh, its warnings shown."""
        from rehab_tui.tui.dialogs.red_flag import show_warnings
        from rehab_tui.tui.screens.runs import RunsScreen

        for screen in self.screen_stack:
            if isinstance(screen, RunsScreen):
                screen.refresh_runs()
        self.refresh_homes()
        run = logged.run
        self.notify(f"Run saved: {run['minutes']:g} min, pain {run['pain']}/10.", title="Saved")
        if logged.over_guard:
            self.notify(
                f"{logged.over_guard[0].upper()}{logged.over_guard[1:]}: flagged in your runs.",
                title="Over the spike guard",
                severity="warning",
                timeout=15,
                markup=False,
            )
        if logged.see_clinician:
            self.notify(LOADING_REFUSED, title="See a clinician first", timeout=15, markup=False)
        show_warnings(self, logged.warnings, run["pain"], "during the run")

    def _play_pending_timer(self) -> None:
        """`rehab-tui timer` plays once home is reached (after a first start or a check-in)."""
        if self.quick is not None and isinstance(self.screen, HomeScreen):
            timer, self.quick = self.quick, None
            self.start_quick_timer(timer)

    def start_quick_timer(self, timer: QuickTimer | None) -> None:
        if timer is not None and not self.loading_refused():
            self.play(self.rehab.start_quick_timer(timer))

    def ask_red_flag_questions(self) -> None:
        """The six red-flag questions again (after pain at the hard stop, or from settings)."""
        from rehab_tui.tui.dialogs.red_flag_questions import ask_red_flag_questions

        ask_red_flag_questions(self)

    def loading_refused(self) -> bool:
        """True, having said why in one sentence, while a red flag is open: nothing that loads
        the tendon starts from any key (the use cases refuse it too)."""
        if not self.rehab.open_red_flags():
            return False
        self.notify(LOADING_REFUSED, title="See a clinician first", timeout=15, markup=False)
        return True

    def action_settings(self) -> None:
        from rehab_tui.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    # -- window size, cues, help -------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self._started:  # before that, on_mount checks the size the app starts at
            self._size_guard.check(event.size)  # before App's own handler has stored the size

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._size_guard.cover is None or action == "quit"

    def notify(self, message: str, *, title: str = "", **options: Any) -> None:
        """Every notice, from any screen: a name, a path or an error from a file can hold a
        control character, which never reaches the terminal (markup=False keeps it plain)."""
        super().notify(printable(message), title=printable(title), **options)

    def action_toggle_sound(self) -> None:
        bell = not self.config["bell"]
        self.preferences.save("bell", bell)
        self.notify(
            "Bell on: it rings at every phase change."
            if bell
            else "Bell off: the screen still flashes at every phase change."
        )

    def action_help(self) -> None:
        from rehab_tui.tui.dialogs.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette lists every key rehab-tui gives the current screen, by its description
        (not Textual's generic ones: "Copy selected text" on ctrl+c, which quits here)."""
        from rehab_tui.tui.dialogs.help import own_keys

        for key in own_keys(screen):
            if key.enabled:
                yield SystemCommand(
                    key.description,
                    f"key: {key.keys}",
                    partial(self.call_later, screen.run_action, key.action),
                )
        yield from super().get_system_commands(screen)


def import_next_screens() -> None:
    """History and trends, imported ahead of their first key (RehabApp._start_up_over)."""
    import rehab_tui.tui.screens.history
    import rehab_tui.tui.screens.trends  # noqa: F401
