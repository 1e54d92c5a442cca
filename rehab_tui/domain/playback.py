"""Play a timeline against a clock: the player's state machine, with no Textual in it.

Time is computed, never counted: each step keeps the instant it started and the seconds it was
paused, and its state is `state_at(now - started - paused)`. When a step ends, the next one
starts at the exact instant the previous one ended (not at the tick that noticed), so a stalled
event loop never stretches or shortens a hold.
"""

from __future__ import annotations

from msgspec import Struct, field

from rehab_tui.domain.clock import Clock
from rehab_tui.domain.kinds import rules_for
from rehab_tui.domain.steps import Step, StepKind, StepState
from rehab_tui.domain.timeline import Timeline, state_at


class SetResult(Struct, frozen=True):
    """One side of one set, as planned and as done; saved the moment it ends."""

    exercise_index: int
    exercise_id: str
    set_number: int
    side: str | None
    kind: str
    planned: int  # hold seconds or reps
    done: float  # seconds held (to 0.1 s) or reps done
    skipped: bool  # ended early with "next"
    paused_s: float
    completed_at: str  # ISO 8601 wall time


class Events(Struct):
    """What changed during one update, for the screen to act on."""

    step_changed: bool = False
    results: list[SetResult] = field(default_factory=list)
    finished: bool = False


class Playback:
    def __init__(self, timeline: Timeline, clock: Clock, start_index: int = 0):
        if not timeline.steps:
            raise ValueError("a session needs at least one step")
        self.timeline = timeline
        self.clock = clock
        self.index = min(start_index, len(timeline.steps) - 1)
        self.finished = False
        self.total_paused_s = 0.0
        self._started = clock.now()
        self._paused_in_step = 0.0
        self._paused_at: float | None = None

    # -- reading ------------------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.timeline.steps[self.index]

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def elapsed(self) -> float:
        """Unpaused seconds spent in the current step."""
        now = self._paused_at if self._paused_at is not None else self.clock.now()
        return now - self._started - self._paused_in_step

    def state(self) -> StepState:
        return state_at(self.timeline, self.index, self.elapsed())

    def session_fraction(self) -> float:
        total = self.timeline.estimated_seconds
        if self.finished or total <= 0:
            return 1.0
        current = min(self.elapsed(), self.step.estimated_seconds)
        return min(1.0, (self.timeline.seconds_before(self.index) + current) / total)

    # -- moving -------------------------------------------------------------------------

    def update(self) -> Events:
        """Advance past every timed step that has run out; call as often as you like."""
        events = Events()
        if self.paused or self.finished:
            return events
        while self.step.duration is not None:
            overshoot = self.elapsed() - self.step.duration
            if overshoot < 0:
                break
            ended_at = self.clock.now() - overshoot
            self._end_step(events, self.step.duration, skipped=False, next_start=ended_at)
            if self.finished:
                break
        return events

    def pause(self) -> None:
        if not self.paused and not self.finished:
            self._paused_at = self.clock.now()

    def resume(self) -> None:
        if self._paused_at is not None:
            spent = self.clock.now() - self._paused_at
            self._paused_in_step += spent
            self.total_paused_s += spent
            self._paused_at = None

    def start_now(self) -> None:
        """Start the current step afresh from this instant, with nothing of it elapsed (and still
        paused if it was): the player calls this once the step's first frame is drawn, so the
        time that frame took to reach the screen is not taken from its first second."""
        now = self.clock.now()
        self._started = now
        self._paused_in_step = 0.0
        if self._paused_at is not None:
            self._paused_at = now

    def toggle_pause(self) -> None:
        self.resume() if self.paused else self.pause()

    def skip(self) -> Events:
        """End the current step now; a work step's partial result is kept, marked skipped."""
        events = Events()
        if self.finished:
            return events
        self.resume()
        self._end_step(events, self.elapsed(), skipped=True, next_start=self.clock.now())
        return events

    def done(self, reps: int) -> Events:
        """The user finished a counted set (a work step that waits for them), having done `reps`."""
        events = Events()
        if self.finished or not self.step.is_work or self.step.duration is not None:
            return events
        self.resume()
        self._end_step(events, float(reps), skipped=False, next_start=self.clock.now())
        return events

    def back(self) -> Events:
        """Go back one step and start it again from its beginning; going back to a set (from
        the rest after it) starts again at its get-ready, so the hold never starts unannounced."""
        events = Events()
        self.resume()
        self.finished = False
        self.index = max(0, self.index - 1)
        before = self.timeline.steps[self.index - 1] if self.index > 0 else None
        if self.step.is_work and before is not None and before.kind is StepKind.LEAD_IN:
            self.index -= 1
        self._start_step(self.clock.now())
        events.step_changed = True
        return events

    # -- inside -------------------------------------------------------------------------

    def _end_step(self, events: Events, amount: float, skipped: bool, next_start: float) -> None:
        step = self.step
        if step.is_work:
            events.results.append(self._result(step, amount, skipped))
        if self.index == len(self.timeline.steps) - 1:
            self.finished = True
            events.finished = True
            return
        self.index += 1
        self._start_step(next_start)
        events.step_changed = True

    def _start_step(self, at: float) -> None:
        self._started = at
        self._paused_in_step = 0.0
        self._paused_at = None

    def _result(self, step: Step, amount: float, skipped: bool) -> SetResult:
        """`amount`: the seconds spent in the step, or the reps the user counted."""
        planned = self.timeline.exercises[step.exercise_index]
        done = rules_for(planned.kind).done(step, planned, amount)
        return SetResult(
            exercise_index=step.exercise_index,
            exercise_id=planned.exercise.id,
            set_number=step.set_number,
            side=step.side,
            kind=step.kind.value,
            planned=step.target,
            done=done,
            skipped=skipped,
            paused_s=round(self._paused_in_step, 1),
            completed_at=self.clock.wall().isoformat(timespec="seconds"),
        )


def resume_index(timeline: Timeline, done: set[tuple[int, int, str | None]]) -> int | None:
    """Where to pick a session up again: the lead-in before the first work step not yet saved.

    `done` holds (exercise_index, set_number, side) of the saved sets. None when all are saved.
    """
    for index, step in enumerate(timeline.steps):
        if step.is_work and (step.exercise_index, step.set_number, step.side) not in done:
            previous = timeline.steps[index - 1] if index else None
            return index - 1 if previous and previous.kind is StepKind.LEAD_IN else index
    return None
