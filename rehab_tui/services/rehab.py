"""The use cases both faces call: the TUI's screens and the CLI's commands reach the data only here.

`Rehab` wraps one store, one catalog and one clock. Every write goes through it, and takes the
store's writer lock first, so that no face can forget it. The rules it applies live in the
domain; nothing here prints or draws: each use case returns what a face needs to show.
Modules that only some use cases need (exchange, routines: YAML) are imported where used, so
that the first frame and the quick subcommands do not pay for them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Unpack

from msgspec.structs import asdict, replace

from rehab_tui.domain.capacity import TESTS, sided_test_record, test_result, visa_a_record
from rehab_tui.domain.library import PlannedExercise
from rehab_tui.domain.outcomes import CheckinDue, checkin_due
from rehab_tui.domain.plan import Plan
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.quick import QuickTimer
from rehab_tui.domain.record_types import (
    CapacityRecord,
    CheckinRecord,
    SessionExtras,
    SessionKind,
    SessionRecord,
    SidedTestKind,
    VisaARecord,
)
from rehab_tui.domain.records import (
    checkin_record,
    logged_session,
    new_session,
    prescription_of,
    resumable,
    set_to_dict,
)
from rehab_tui.domain.safety import (
    LOADING_REFUSED,
    RedFlag,
    RedFlagAnswer,
    SafetyWarning,
    answers_from_dict,
    answers_to_dict,
    flagged,
    warnings_after,
)
from rehab_tui.domain.today import DoneToday, done_today
from rehab_tui.services import loads, walk_run
from rehab_tui.services.corrections import Corrections
from rehab_tui.services.exchanging import ExchangeCases
from rehab_tui.services.planning import (
    RED_FLAGS_CLEARED,
    red_flags_open,
)
from rehab_tui.services.programs import RoutineCases
from rehab_tui.services.results import (
    LoadPrompt,
    Logged,
    Rated,
    ServiceError,
    Started,
    Trends,
)
from rehab_tui.services.run_log import RunLog

if TYPE_CHECKING:
    from rehab_tui.domain.playback import SetResult
    from rehab_tui.domain.running import RunPlan
    from rehab_tui.services.history_pages import HistoryPages
    from rehab_tui.services.results import RunLogged
    from rehab_tui.storage.routines import Routine


class Rehab(RoutineCases, ExchangeCases, RunLog, Corrections):
    """The application's use cases over one data folder (UseCaseCore has what they share;
    the routines', the exchange's, the run log's and the corrections' use cases are in their
    own modules)."""

    def needs_first_start(self) -> bool:
        return self.store.setting("profile") is None

    def checkin_due(self) -> CheckinDue | None:
        """The session or run a morning check-in is due for, if one is."""
        since = (self.today() - timedelta(days=3)).isoformat()
        return checkin_due(
            list(self.store.sessions(since=since)),
            self.store.checkins(since=self.today().isoformat()),
            self.clock.wall(),
            self.store.runs(since),
        )

    def done_today(self) -> DoneToday | None:
        """Today's finished plan sessions, and whether another today would count."""
        return done_today(self.catalog, self.sessions(since=self.today()), self.today())

    def sessions(self, since: date | None = None) -> Iterator[SessionRecord]:
        """Sessions newest first (on or after `since`), read a month at a time."""
        return self.store.sessions(since=since.isoformat() if since else None)

    def checkins(self, since: date | None = None) -> list[CheckinRecord]:
        return self.store.checkins(since=since.isoformat() if since else None)

    def session(self, session_id: str) -> SessionRecord | None:
        return self.store.session(session_id)

    def unfinished_session(self) -> SessionRecord | None:
        return self.store.active_session()

    def trends(self, weeks: int) -> Trends:
        """The rows and tests the trends screen draws, `weeks` back (and a week before): only
        the months of those weeks are read, and every test from the tests index."""
        from rehab_tui.domain.review import session_rows

        since = self.today() - timedelta(weeks=weeks, days=7)
        profile = self.profile()
        sessions, checkins, _ = self.store.recent(since.isoformat())
        rows = session_rows(sessions, checkins, profile)
        return Trends(rows, self.store.tests(), profile)

    def history_pages(self) -> HistoryPages:
        """The history screen's rows, a page (sixty rows) at a time, newest first."""
        from rehab_tui.services.history_pages import HistoryPages

        return HistoryPages(self.store.history_months(), self.profile())

    def red_flag_answers(self) -> dict[str, RedFlagAnswer]:
        """Every red-flag question answered so far, by id, with the day of its latest answer."""
        return answers_from_dict(self.store.setting("red_flags"))

    # -- setting up -----------------------------------------------------------------------

    def first_start(self, profile: Profile, answers: Mapping[str, bool]) -> tuple[RedFlag, ...]:
        """Save the first start's profile and red-flag answers; the questions answered yes."""
        self._writing()
        self.store.set_setting("profile", asdict(profile))
        return self.answer_red_flags(answers)

    def answer_red_flags(self, answers: Mapping[str, bool]) -> tuple[RedFlag, ...]:
        """Keep red-flag answers (by question id), dated today; earlier answers to other
        questions stay. Returns the questions answered yes now."""
        self._writing()
        kept = self.red_flag_answers()
        kept.update({flag_id: RedFlagAnswer(yes, self.today()) for flag_id, yes in answers.items()})
        self.store.set_setting("red_flags", answers_to_dict(kept))
        return flagged(answers)

    def open_red_flags(self) -> tuple[str, ...]:
        """The ids of the red-flag questions answered yes and not checked by a clinician since."""
        return red_flags_open(self.store)

    def clear_red_flags(self, day: date) -> None:
        """Record that a clinician checked the red flags on `day` (answers until then close)."""
        if day > self.today():
            raise ServiceError(
                f"{day} is in the future; record a clinician's check on or after it happened"
            )
        self._writing()
        self.store.set_setting(RED_FLAGS_CLEARED, day.isoformat())

    def change_profile(self, **changes: Any) -> Profile:
        """The profile with `changes` (any of Profile's fields); saved if any are given."""
        profile = self.profile()
        if changes:
            self._writing()
            profile = replace(profile, **changes)
            self.store.set_setting("profile", asdict(profile))
        return profile

    # -- what happened away from the player -------------------------------------------------

    def check_in(
        self, day: date, pain: int, stiffness_min: int | None
    ) -> tuple[SafetyWarning, ...]:
        """Save a morning check-in; what to warn about."""
        if day > self.today():
            raise ServiceError(f"{day} is in the future; a check-in is for this morning or before")
        self._writing()
        self.store.add_checkin(checkin_record(day, pain, stiffness_min))
        return warnings_after(pain, stiffness_min, self.pain_limits())

    def log_session(
        self, day: date, pain: int, note: str, load_kg: float | None = None, again: bool = False
    ) -> Logged:
        """Record the day's session, done in full away from the app, and any weight used: the
        plan's, or the routine followed instead of it. Refused when the day has one of those
        already, unless `again` (a second one that day)."""
        started = self._moment_on(day, "log a session")
        self._writing()
        routine = self._routine_followed()
        kind = SessionKind.PLAN if routine is None else SessionKind.ROUTINE
        if not again:
            self._refuse_a_second_session(day, kind)
        plan = self.plan(day)
        if routine is not None:
            if self.open_red_flags():
                raise ServiceError(LOADING_REFUSED)
            exercises = routine.exercises
            session = logged_session(
                exercises, started, None, pain, note, kind, routine=routine.name
            )
        elif not plan.exercises:
            # A red flag or a rest from loading: there was no session to do, so none is logged
            # (an empty one would count as a green session toward a step up).
            raise ServiceError(
                f"the plan for {day} has no loading ({plan.reasons[0].rstrip('.')}), "
                "so there is no session to log"
            )
        else:
            exercises = plan.exercises
            session = logged_session(exercises, started, plan.step, pain, note)
            if plan.light_day:
                session["light"] = True
        loads.add_load(session, exercises, load_kg, day)
        self.store.add_session(session)
        warnings = warnings_after(pain, None, self.pain_limits())
        return Logged(plan, warnings, exercises, routine.name if routine else None)

    def _routine_followed(self) -> Routine | None:
        """The routine followed instead of the plan, if one is and it is still in the file."""
        if self.following() is None:
            return None
        own = self.own_program(self.routines())
        return own.routine if own is not None else None

    def _refuse_a_second_session(self, day: date, kind: SessionKind) -> None:
        """A second `log` for a day is most often the first one typed again: say which is there."""
        for session in self.store.sessions(since=day.isoformat()):
            if session["started_at"][:10] == day.isoformat() and session["kind"] == kind:
                pain = "not rated" if session["pain"] is None else f"pain {session['pain']}/10"
                raise ServiceError(
                    f"{day} already has a session ({session['id']}, {pain}); to add a second "
                    "one that day use --again, to change it use rehab-tui edit session"
                )

    def record_visa_a(self, score: int, day: date | None = None) -> VisaARecord:
        """Save a VISA-A score taken elsewhere (on `day`, default today); the test record."""
        record = visa_a_record(score, self._moment_on(day, "record a test"))
        self._writing()
        self.store.add_test(record)
        return record

    def record_sided_test(
        self, kind: SidedTestKind, day: date, left: int, right: int, pain: int
    ) -> tuple[CapacityRecord, tuple[SafetyWarning, ...]]:
        """Save a heel-raise or hop test, and what to warn about; refused under an open red flag."""
        if self.open_red_flags():
            raise ServiceError(LOADING_REFUSED)
        record = sided_test_record(kind, left, right, pain, self._moment_on(day, "record a test"))
        self._writing()
        self.store.add_test(record)
        return record, warnings_after(pain, None, self.pain_limits())

    def _moment_on(self, day: date | None, what: str) -> datetime:
        """Now, or noon on an earlier `day`, when `what` was done (never ahead of time)."""
        now = self.clock.wall()
        if day is not None and day > now.date():
            raise ServiceError(f"{day} is in the future; {what} on or after it happened")
        return now if day in (None, now.date()) else datetime.combine(day, time(12)).astimezone()

    def tests(self) -> list[CapacityRecord]:
        """Every capacity-test result, newest first."""
        return self.store.tests()[::-1]

    # -- playing a session ----------------------------------------------------------------

    def start_plan(self, plan: Plan) -> Started:
        if plan.light_day:  # kept, judged, but not counted toward a step up
            return self._start(plan.exercises, plan, SessionKind.PLAN, light=True)
        return self._start(plan.exercises, plan, SessionKind.PLAN)

    def start_routine(self, routine: Routine) -> Started:
        return self._start(routine.exercises, None, SessionKind.ROUTINE, routine=routine.name)

    def start_test(self, kind: SidedTestKind) -> Started:
        return self._start((TESTS[kind],), None, SessionKind.TEST, test=kind)

    def last_quick_timer(self) -> QuickTimer:
        """The quick timer last played, to prefill its form (a sensible one the first time)."""
        return QuickTimer.from_dict(self.store.setting("quick_timer"))

    def start_quick_timer(self, timer: QuickTimer) -> Started:
        """Play a (checked) quick timer, remembered for next time."""
        if self.open_red_flags():
            raise ServiceError(LOADING_REFUSED)
        self._writing()
        self.store.set_setting("quick_timer", timer.to_dict())
        planned = timer.planned(self.pain_limits())
        return self._start((planned,), None, SessionKind.FREE, quick=True)

    def _start(
        self,
        exercises: tuple[PlannedExercise, ...],
        plan: Plan | None,
        kind: SessionKind,
        **extras: Unpack[SessionExtras],
    ) -> Started:
        """Save a new session as the one in progress. Outside the plan (a test, the quick
        timer, a routine) `extras` say what it was; the plan reads its pain but does not count it.
        While a red flag is open nothing starts (ServiceError), whichever face asks."""
        if self.open_red_flags():
            raise ServiceError(LOADING_REFUSED)
        self._writing()
        step = plan.step if plan else None
        session = new_session(exercises, self.clock.wall(), step, kind, **extras)
        self.store.start_session(session)
        return Started(session["id"], exercises, kind)

    def can_resume(self, session: SessionRecord) -> bool:
        return resumable(session, self.catalog)

    def reopen(self, session: SessionRecord) -> Started:
        """An unfinished session's prescription, to play on from where it stopped."""
        exercises = prescription_of(session, self.catalog, self.pain_limits())
        return Started(session["id"], exercises, SessionKind(session["kind"]))

    def save_set(self, session_id: str, result: SetResult) -> None:
        """Save one finished set (the TUI calls this in a thread: it may wait on the disk)."""
        self._writing()
        self.store.save_set(session_id, result.exercise_index, set_to_dict(result))

    def end_session(self, session_id: str, completed: bool, paused_s: float) -> None:
        self._writing()
        self.store.update_session(
            session_id,
            ended_at=self.clock.wall().isoformat(timespec="seconds"),
            completed=completed,
            paused_s=round(paused_s, 1),
        )

    def rate_session(self, session_id: str, pain: int | None, note: str) -> Rated:
        """Save the pain rating (None: skipped) and note; a capacity test's result is saved too."""
        self._writing()
        self.store.finish_session(session_id, pain=pain, note=note)
        session = self.store.session(session_id)
        if session is None:
            raise ServiceError(f"the session {session_id} is not in the data folder")
        result = test_result(session, pain)
        if result is not None:
            self.store.add_test(result)
        return Rated(session, result, warnings_after(pain, None, self.pain_limits()))

    # -- the weight used on loaded exercises (services/loads.py) ------------------------------

    def last_load_kg(self, exercise_id: str) -> float | None:
        """The weight last recorded for an exercise (kg), newest months first; None: never."""
        return loads.last_load_kg(self.sessions(), exercise_id)

    def load_prompt(self, session_id: str, exercise_index: int) -> LoadPrompt | None:
        """The weight to ask for as a session's exercise starts; None: nothing to ask."""
        return loads.load_prompt(self, session_id, exercise_index)

    def record_load(self, session_id: str, exercise_index: int, load_kg: float) -> None:
        """Save the weight used (kg) on one loaded exercise of a session in progress."""
        self._writing()
        loads.record_load(self, session_id, exercise_index, load_kg)

    # -- the Runs screen and the walk-run player (services/walk_run.py) ----------------------

    def run_rows(self) -> list[walk_run.RunRow]:
        """Every run, newest first, judged like a session and flagged over the spike guard."""
        return walk_run.run_rows(self)

    def start_walk_run(self, running: RunPlan | None) -> Started:
        """Play today's level of the walk-run ladder (Plan.running) in the player."""
        planned = walk_run.walk_run_planned(self, running)
        return self._start((planned,), None, SessionKind.FREE)

    def is_walk_run(self, session_id: str) -> bool:
        return walk_run.is_walk_run(self, session_id)

    def finish_walk_run(self, session_id: str, pain: int, note: str) -> RunLogged | None:
        """The walk-run played: its run recorded (once), its session dropped."""
        self._writing()
        return walk_run.finish_walk_run(self, session_id, pain, note)
