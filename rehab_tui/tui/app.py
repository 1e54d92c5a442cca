"""The Textual app: holds the catalog, the store and the clock, and moves between screens.

Screens ask the app to start, save and end sessions; the app talks to the store. Sets are saved
in a thread worker so that a write never delays a countdown. Only the home screen is imported
with the app; every other screen is imported where it is first shown, so that the first frame
comes nearly as soon as a bare Textual app's (BENCHMARKS.md).
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.geometry import Size
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from rehab_tui.domain.capacity import TESTS, VISA_A, test_result, visa_a_record
from rehab_tui.domain.clock import Clock, SystemClock
from rehab_tui.domain.library import Catalog, CatalogError, PlannedExercise
from rehab_tui.domain.outcomes import checkin_due
from rehab_tui.domain.own_program import own_program_advice
from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.plan import Plan
from rehab_tui.domain.playback import Playback, SetResult, resume_index
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.quick import QuickTimer
from rehab_tui.domain.record_types import (
    SessionExtras,
    SessionKind,
    SessionRecord,
    SidedTestKind,
)
from rehab_tui.domain.records import (
    checkin_record,
    new_session,
    prescription_of,
    resumable,
    saved_sets,
    set_to_dict,
)
from rehab_tui.domain.text import printable
from rehab_tui.domain.timeline import Timeline, build_timeline
from rehab_tui.gc_pause import resume_collection
from rehab_tui.services.planning import LOOKBACK_DAYS, load_profile, plan_for
from rehab_tui.storage import locations
from rehab_tui.storage.config import Config
from rehab_tui.storage.store import Store, StoreError
from rehab_tui.tui.screens.home import HomeScreen, OwnProgram
from rehab_tui.tui.screens.too_small import TooSmallScreen, too_small
from rehab_tui.tui.speech import Speaker, find_speech_program

if TYPE_CHECKING:
    from rehab_tui.storage.routines import Routine

# Closing the terminal (SIGHUP), SIGTERM and Ctrl+C sent as a signal all end the app the same
# way as ctrl+q: every finished set is already saved (or its save is awaited on the way out) and
# a session in progress stays in progress, so the next start offers to resume it.
EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class RehabApp(App[None]):
    TITLE = "rehab-tui"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", show=False, id="app.help"),
        # Ctrl+C quits like ctrl+q (a session in progress stays resumable); a text field that
        # has focus still gets it first, to copy.
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
        super().__init__()
        self.config = config or Config.load(locations.config_file())
        # Found when spoken cues are first wanted (a PATH search), then kept, even if none.
        self._speaker = speaker
        self._speaker_searched = speaker is not None
        self.notice = notice
        self.quick = quick  # `rehab-tui timer ...`: play this at once
        self.catalog = catalog
        self.store = store
        self.clock = clock or SystemClock()
        self._too_small: TooSmallScreen | None = None
        self._started = False
        self._exports: dict[Worker[None], Path] = {}

    # -- start-up -----------------------------------------------------------------------

    def on_mount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in EXIT_SIGNALS:
            loop.add_signal_handler(signum, partial(self.exit, return_code=128 + signum))
        if self.notice:
            self.notify(self.notice, timeout=20, markup=False)
        self._apply_config()
        self._show_first_screen()
        self._play_pending_timer()
        self._started = True
        self.call_after_refresh(self._check_size)
        self.call_after_refresh(resume_collection)  # paused by the command's start-up

    def _apply_config(self) -> None:
        """Theme, layout and keys from the preferences; each mistake in the file said once."""
        theme = self.config["theme"]
        if theme in self.available_themes:
            self.theme = theme
        else:
            self.config.problem(
                f"theme {theme!r} is not one of Textual's themes "
                f"({', '.join(sorted(self.available_themes))}); using {self.theme}"
            )
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.apply_look()
        if self.config.keys:
            self.set_keymap(self.config.keys)
            self.call_after_refresh(self._check_keys)  # reads every screen: after the first frame
        else:
            self._say_config_problems()

    def _check_keys(self) -> None:
        from rehab_tui.tui.keys import binding_ids

        known = binding_ids()
        for binding_id in list(self.config.keys):
            if binding_id not in known:
                self.config.forget_key(binding_id, "no key has this name (see: rehab-tui keys)")
        self._say_config_problems()

    def _say_config_problems(self) -> None:
        for problem in self.config.problems:
            self.notify(problem, title="Settings file", severity="error", timeout=30, markup=False)

    def apply_look(self) -> None:
        """Compact layout and reduced motion, as the preferences say (also after a change)."""
        self.set_class(self.config["compact"], "-compact")
        self.animation_level = "none" if self.config["reduced_motion"] else "full"

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name != self.config["theme"]:
            self.save_preference("theme", theme.name)

    def save_preference(self, key: str, value: Any) -> None:
        """Change one preference; saved at once (a sentence if the file could not be written)."""
        problem = self.config.set(key, value)
        if problem is not None:
            self.notify(problem, title="Settings file", severity="warning", markup=False)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in EXIT_SIGNALS:
            loop.remove_signal_handler(signum)

    def _show_first_screen(self) -> None:
        if self.store.setting("profile") is None:
            from rehab_tui.tui.screens.first_start import FirstStartScreen

            self.push_screen(FirstStartScreen())
            return
        unfinished = self.store.active_session()
        due = checkin_due(
            list(self.store.sessions(since=(self.today() - timedelta(days=3)).isoformat())),
            self.store.checkins(since=self.today().isoformat()),
            self.clock.wall(),
        )
        if due is not None and unfinished is None:
            from rehab_tui.tui.screens.checkin import CheckinScreen

            profile = load_profile(self.store)
            self.push_screen(
                CheckinScreen(self.today(), due, profile.baseline, profile.pain_limits)
            )
            return
        self.push_screen(HomeScreen(self.todays_plan(), self.todays_own()))
        if unfinished is not None:
            from rehab_tui.tui.screens.resume import ResumeScreen

            self.push_screen(
                ResumeScreen(unfinished, self._can_resume(unfinished)),
                partial(self._resume_choice, unfinished),
            )

    def today(self) -> date:
        return self.clock.wall().date()

    def pain_limits(self) -> PainLimits:
        """The profile's pain limits: every pain zone, limit and cue shown follows them."""
        return load_profile(self.store).pain_limits

    def finish_first_start(self, profile: Profile, red_flag: str | None) -> None:
        from rehab_tui.tui.screens.red_flag import RedFlagScreen

        self.store.set_setting("profile", asdict(profile))
        self.action_go_home()
        if red_flag is not None:
            self.push_screen(RedFlagScreen(f"You answered yes to: {red_flag}"))

    def save_checkin(self, day: date, pain: int, stiffness_min: int | None) -> None:
        self.store.add_checkin(checkin_record(day, pain, stiffness_min))
        self.action_go_home()
        self._warn_if_severe(pain, "this morning")

    def _warn_if_severe(self, pain: int | None, when: str) -> None:
        from rehab_tui.tui.screens.red_flag import RedFlagScreen

        if pain is not None and pain >= self.pain_limits().hard_stop:
            self.push_screen(RedFlagScreen(f"You rated the pain {pain}/10 {when}."))

    def todays_plan(self) -> Plan:
        return plan_for(self.store, self.catalog, self.today())

    def routines(self) -> list[Routine]:
        """The user's routines; a mistake in the file is said once and the plan is used."""
        from rehab_tui.storage.routines import load_routines

        try:
            return load_routines(locations.routines_file(), self.catalog)
        except CatalogError as error:
            self.notify(
                str(error), title="Routines file", severity="error", timeout=20, markup=False
            )
            return []

    def todays_own(self) -> OwnProgram | None:
        """The routine followed instead of the plan (the "own_program" setting), if any."""
        name = self.store.setting("own_program")
        routine = next((r for r in self.routines() if r.name == name), None) if name else None
        if routine is None:
            return None
        since = (self.today() - timedelta(days=LOOKBACK_DAYS)).isoformat()
        sessions, checkins, _ = self.store.recent(since)
        decision, reasons, clinician = own_program_advice(
            sessions, checkins, load_profile(self.store), self.today()
        )
        return OwnProgram(routine, decision, tuple(reasons), clinician)

    def ask_routines(self) -> None:
        from rehab_tui.tui.screens.routines import RoutinesScreen

        path = locations.routines_file()
        following = self.store.setting("own_program")
        self.push_screen(
            RoutinesScreen(self.routines(), following, str(path)), self._routine_choice
        )

    def _routine_choice(self, choice: tuple[str, str | None] | None) -> None:
        if choice is None:
            return
        action, name = choice
        if action == "follow":
            self.store.set_setting("own_program", name)
            self.notify(
                f"Following {name}: it is today's session; the pain rules advise."
                if name
                else "Following the plan again.",
                markup=False,
            )
            self.action_go_home()
            return
        routine = next(r for r in self.routines() if r.name == name)
        self.start_free(routine.exercises, SessionKind.ROUTINE, routine=routine.name)

    def _can_resume(self, session: SessionRecord) -> bool:
        return resumable(session, self.catalog)

    def _resume_choice(self, session: SessionRecord, choice: str | None) -> None:
        from rehab_tui.tui.screens.player import PlayerScreen

        timeline = (
            self.timeline_of(
                prescription_of(session, self.catalog, self.pain_limits()), session.get("kind")
            )
            if choice == "resume"
            else None
        )
        start = resume_index(timeline, saved_sets(session)) if timeline else None
        if timeline is None or start is None:
            # Closing out, or nothing left to do: ask for the pain rating of what was done.
            self.end_session(
                session["id"],
                completed=start is None and timeline is not None,
                paused_s=session.get("paused_s", 0.0),
            )
            return
        playback = Playback(timeline, self.clock, start_index=start)
        self.push_screen(PlayerScreen(session["id"], timeline, playback))

    # -- sessions -----------------------------------------------------------------------

    def start_session(self, plan: Plan) -> None:
        from rehab_tui.tui.screens.player import PlayerScreen

        session = new_session(plan.exercises, self.clock.wall(), plan.step)
        self.store.start_session(session)
        timeline = self.timeline_of(plan.exercises, SessionKind.PLAN)
        self.push_screen(PlayerScreen(session["id"], timeline, Playback(timeline, self.clock)))

    def timeline_of(
        self, exercises: tuple[PlannedExercise, ...], kind: SessionKind | None
    ) -> Timeline:
        """The steps, with the preferred lead-in; the preferred rest applies to the plan only
        (a routine, a test and the quick timer keep the rests they were given)."""
        rest = self.config["rest_s"] if kind in (None, SessionKind.PLAN) else None
        return build_timeline(
            exercises, lead_in_s=self.config["lead_in_s"], rest_s=rest, limits=self.pain_limits()
        )

    def save_set(self, session_id: str, result: SetResult) -> None:
        """Save one finished set off the event loop, so a slow disk never stalls a countdown."""
        self.run_worker(
            partial(self.store.save_set, session_id, result.exercise_index, set_to_dict(result)),
            thread=True,
            exit_on_error=False,
            group="saves",
            name=f"save set {result.set_number} of {result.exercise_id}",
        )

    def end_session(self, session_id: str, completed: bool, paused_s: float) -> None:
        from rehab_tui.tui.screens.pain import PainScreen

        self.store.update_session(
            session_id,
            ended_at=self.clock.wall().isoformat(timespec="seconds"),
            completed=completed,
            paused_s=round(paused_s, 1),
        )
        self.switch_screen(PainScreen(session_id, self.pain_limits()))

    async def rate_session(self, session_id: str, pain: int | None, note: str) -> None:
        from rehab_tui.tui.screens.summary import SummaryScreen

        await self.workers.wait_for_complete([w for w in self.workers if w.group == "saves"])
        self.store.finish_session(session_id, pain=pain, note=note)
        session = self.store.session(session_id)
        assert session is not None
        self.switch_screen(SummaryScreen(session, self.pain_limits()))
        result = test_result(session, pain)
        if result is not None:
            from rehab_tui.domain.review import describe_test

            self.store.add_test(result)
            self.notify(describe_test(result), title="Test saved", timeout=15)
        self._warn_if_severe(pain, "during the session")

    # -- capacity tests -------------------------------------------------------------------

    def ask_capacity(self) -> None:
        from rehab_tui.tui.screens.capacity import CapacityScreen

        self.push_screen(CapacityScreen(), self._capacity_choice)

    def _capacity_choice(self, choice: str | None) -> None:
        if choice == VISA_A:
            from rehab_tui.tui.screens.capacity import ScoreScreen

            self.push_screen(ScoreScreen(), self._save_score)
        elif choice is not None:
            self.start_test(next(kind for kind in TESTS if kind == choice))

    def start_test(self, kind: SidedTestKind) -> None:
        self.start_free((TESTS[kind],), SessionKind.TEST, test=kind)

    def start_free(
        self,
        exercises: tuple[PlannedExercise, ...],
        kind: SessionKind,
        **extras: Unpack[SessionExtras],
    ) -> None:
        """Play exercises outside the plan (a test, the quick timer, a routine); saved like any
        session, with `kind` and `extras` saying what it was; the plan reads its pain but does
        not count it."""
        from rehab_tui.tui.screens.player import PlayerScreen

        session = new_session(exercises, self.clock.wall(), None, kind, **extras)
        self.store.start_session(session)
        timeline = self.timeline_of(exercises, kind)
        self.push_screen(PlayerScreen(session["id"], timeline, Playback(timeline, self.clock)))

    # -- the quick timer ------------------------------------------------------------------

    def ask_quick_timer(self) -> None:
        from rehab_tui.tui.screens.quick_timer import QuickTimerScreen

        last = QuickTimer.from_dict(self.store.setting("quick_timer"))
        self.push_screen(QuickTimerScreen(last), self.start_quick_timer)

    def _play_pending_timer(self) -> None:
        """`rehab-tui timer` plays once home is reached (after a first start or a check-in)."""
        if self.quick is not None and isinstance(self.screen, HomeScreen):
            timer, self.quick = self.quick, None
            self.start_quick_timer(timer)

    def start_quick_timer(self, timer: QuickTimer | None) -> None:
        if timer is None:
            return
        self.store.set_setting("quick_timer", timer.to_dict())
        self.start_free((timer.planned(self.pain_limits()),), SessionKind.FREE, quick=True)

    def _save_score(self, score: int | None) -> None:
        if score is not None:
            from rehab_tui.domain.review import describe_test

            record = visa_a_record(score, self.clock.wall())
            self.store.add_test(record)
            self.notify(describe_test(record), title="Saved")

    # -- looking back ---------------------------------------------------------------------

    def show_history(self) -> None:
        from rehab_tui.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(load_profile(self.store), self.today()))

    def show_trends(self) -> None:
        from rehab_tui.domain.review import session_rows
        from rehab_tui.tui.screens.trends import WEEKS, TrendsScreen

        since = (self.today() - timedelta(weeks=WEEKS, days=7)).isoformat()
        try:
            rows = session_rows(
                list(self.store.sessions(since=since)),
                self.store.checkins(since=since),
                load_profile(self.store),
            )
            tests = self.store.tests()
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=20, markup=False)
            return
        self.push_screen(TrendsScreen(rows, tests, load_profile(self.store), self.today()))

    def ask_export(self) -> None:
        from rehab_tui.storage.locations import export_dir
        from rehab_tui.tui.screens.export import ExportScreen

        folder = export_dir()
        self.push_screen(ExportScreen(str(folder)), partial(self._export, folder))

    def _export(self, folder: Path, fmt: str | None) -> None:
        if fmt is None:
            return
        from rehab_tui.exchange.export import export_name, render, save_export

        now = self.clock.wall()
        path = folder / export_name(fmt, now.date())
        plan = self.todays_plan()

        def write() -> None:
            save_export(path, render(fmt, self.store, plan, load_profile(self.store), now, False))

        worker = self.run_worker(write, thread=True, exit_on_error=False, name=f"export {fmt}")
        self._exports[worker] = path

    def action_go_home(self) -> None:
        """Back to the one home screen, with the plan worked out afresh."""
        plan = self.todays_plan()
        homes = [screen for screen in self.screen_stack if isinstance(screen, HomeScreen)]
        own = self.todays_own()
        if not homes:
            self.switch_screen(HomeScreen(plan, own))
            self.call_after_refresh(self._play_pending_timer)
            return
        while not isinstance(self.screen_stack[-1], HomeScreen):
            self.pop_screen()
        homes[-1].show_plan(plan, own)
        self._play_pending_timer()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        path = self._exports.get(event.worker)
        if path is not None and event.state is WorkerState.SUCCESS:
            del self._exports[event.worker]
            self.notify(f"Saved {path}", title="Exported", timeout=20, markup=False)
        elif path is not None and event.state is WorkerState.ERROR:
            del self._exports[event.worker]
            self.notify(
                f"Could not save {path}: {event.worker.error}", severity="error", markup=False
            )
        if event.worker.group == "saves" and event.state is WorkerState.ERROR:
            self.notify(
                f"Could not save a set: {event.worker.error}. Your session continues; "
                "check the data folder (rehab-tui where).",
                title="Not saved",
                severity="error",
                timeout=15,
                markup=False,
            )

    # -- window size --------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self._started:  # before that, on_mount checks the size the app starts at
            self._check_size(event.size)  # runs before App's own handler has stored the size

    def _check_size(self, size: Size | None = None) -> None:
        """Cover the app with a "make the window larger" message while it cannot be laid out."""
        small = too_small(*(size or self.size))
        if small and self._too_small is None:
            from rehab_tui.tui.screens.player import PlayerScreen

            if isinstance(self.screen, PlayerScreen):
                self.screen.pause_for_modal()
            self._too_small = TooSmallScreen()
            self.push_screen(self._too_small)
        elif not small and self._too_small is not None and self.screen is self._too_small:
            from rehab_tui.tui.screens.player import PlayerScreen

            self._too_small = None
            self.pop_screen()
            if isinstance(self.screen, PlayerScreen):
                self.screen.resume_after_modal()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._too_small is None or action == "quit"

    # -- cues, help, questions ----------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice, from any screen: a name, a path or an error from a file can hold a
        control character, which never reaches the terminal (markup=False keeps it plain)."""
        super().notify(
            printable(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def cue(self) -> None:
        if self.config["bell"]:
            self.bell()

    @property
    def flashes(self) -> bool:
        return self.config["flash"] and not self.config["reduced_motion"]

    @property
    def speaker(self) -> Speaker | None:
        """The machine's speech program, or None where there is none."""
        if not self._speaker_searched:
            self._speaker_searched = True
            command = find_speech_program()
            self._speaker = Speaker(command) if command else None
        return self._speaker

    def speak(self, words: str) -> None:
        """Say a cue, if spoken cues are on; returns at once (the voice is another process)."""
        if self.config["speech"] and self.speaker is not None:
            self.speaker.say(words)

    def action_toggle_sound(self) -> None:
        bell = not self.config["bell"]
        self.save_preference("bell", bell)
        self.notify(
            "Bell on: it rings at every phase change."
            if bell
            else "Bell off: the screen still flashes at every phase change."
        )

    def action_settings(self) -> None:
        from rehab_tui.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def action_help(self) -> None:
        self.show_help(self.screen)

    def show_help(self, screen: Screen[Any], on_close: Callable[[Any], None] | None = None) -> None:
        from rehab_tui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(screen), on_close)

    def confirm(self, question: str, detail: str, callback: Callable[[bool | None], None]) -> None:
        from rehab_tui.tui.screens.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(question, detail), callback)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette lists every key of the current screen, by its description."""
        from rehab_tui.tui.screens.help import described_bindings

        for key in described_bindings(screen):
            if key.enabled:
                yield SystemCommand(
                    key.description,
                    f"key: {key.keys}",
                    partial(self.call_later, screen.run_action, key.action),
                )
        yield from super().get_system_commands(screen)
