"""The player: one full screen per step (get ready, hold, tempo reps, counted reps, rest).

All timing comes from `Playback`, which computes the state from the clock, and what the timer
panel shows for each kind of step comes from its view (rehab_tui.tui.widgets.step_views). This
screen only redraws: it wakes once when what the panel shows is due to change (the next whole
second, or a metronome's half beat), not on a polling interval, updates only what changed, rings
and flashes on every phase change, and hands each finished set to the app to be saved in the
background. As a loaded exercise starts, before its get-ready runs, it asks the weight used
(dialogs/load.py), with the hold paused: its dialogs are in its base, player_dialogs.py.

Exact at the glass: the garbage made before the session is collected and frozen before its
first frame (rehab_tui.gc_pause), and the clock starts once that frame is written, so that the
get-ready's first second is shown whole. Textual never writes the frame it lays out during the
app's own start-up (a batch), so a session played at start is pushed after it (RehabApp.call_later).
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Digits, Footer, Header, Label, ProgressBar
from textual.widgets._footer import FooterKey  # not exported; textual is pinned

from rehab_tui import gc_pause
from rehab_tui.domain.cues import spoken_words
from rehab_tui.domain.kinds import describe_dose, rules_for
from rehab_tui.domain.library import PlannedExercise
from rehab_tui.domain.playback import Events, Playback, SetResult
from rehab_tui.domain.steps import StepKind
from rehab_tui.domain.text import printable
from rehab_tui.domain.timeline import Timeline
from rehab_tui.tui.screens.player_dialogs import PlayerDialogs
from rehab_tui.tui.widgets.big_count import BigCount
from rehab_tui.tui.widgets.cue_line import CueLine
from rehab_tui.tui.widgets.one_line import update_in_place
from rehab_tui.tui.widgets.quiet_bar import QuietProgressBar
from rehab_tui.tui.widgets.session_progress import SessionProgress
from rehab_tui.tui.widgets.step_views import VIEWS, restyle_panel, view_for
from rehab_tui.tui.widgets.tempo_cue import TempoCue

FLASH_S = 0.4
# A timer may fire a few microseconds before the instant asked for: the tick is asked for this
# long after the change, so that it always finds the change made.
PAST_CHANGE_S = 0.001
CLOCK_START_LATEST_S = 0.5


class PlayerScreen(PlayerDialogs):
    # The player's rules (its file, read when the first session starts, not at the app's start)
    # as widget defaults: a screen's CSS_PATH restyled the whole app when it was first shown, 33 ms
    # between enter and the first get-ready. Its ids are its own, so nothing else competes.
    DEFAULT_CSS = Path(__file__).with_name("player.tcss").read_text(encoding="utf-8")
    SCOPED_CSS = False  # the rules as written (the focus view's name the screen itself)
    BINDINGS = [
        Binding("space", "toggle_pause", "Pause", key_display="space", id="player.toggle_pause"),
        Binding("n", "next_step", "Next", id="player.next_step"),
        Binding("b", "back_step", "Back", id="player.back_step"),
        Binding("d", "done", "Done", id="player.done"),
        Binding("up,plus", "count(1)", "One more rep", show=False, id="player.count_up"),
        Binding("down,minus", "count(-1)", "One rep fewer", show=False, id="player.count_down"),
        Binding("f", "toggle_focus", "Focus", id="player.toggle_focus"),
        Binding("m", "app.toggle_sound", "Sound", id="player.toggle_sound"),
        Binding("q", "end_session", "End", id="player.end_session"),
        Binding("question_mark", "help", "Help", key_display="?", id="player.help"),
    ]

    def __init__(self, session_id: str, timeline: Timeline, playback: Playback) -> None:
        super().__init__()
        self.session_id = session_id
        self.timeline = timeline
        self.playback = playback
        self.rep_count = 0
        self.count_correction = 0  # the arrows' correction to a metronome's count
        self._last_result: SetResult | None = None
        self._timer: Timer | None = None
        self._shown: dict[str, object] = {}
        self._exercise_shown: tuple[object, ...] | None = None  # the exercise's lines, as shown
        self._count_keys: bool | None = None  # whether d and the arrows are offered
        self._clock_started = False
        self._styles_pending = False  # the panel's classes changed, not yet restyled
        self._pause_named: bool | None = None  # what the footer calls the pause key: Resume?
        self._spoken: tuple[object, ...] | None = None  # the last cue said: (step, rep, words)
        self._weights_asked: set[int] = set()  # exercises whose weight was asked here (by index)
        self._resume_later = False  # a dialog paused a running step, to resume as it closes

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="exercise"):
            yield Label("", id="name")
            yield Label("", id="set-info")
            yield Label("", id="how-to")
            yield CueLine(id="cues")
        with Vertical(id="stage"):
            yield Label("", id="phase")
            yield BigCount("", id="count")
            yield QuietProgressBar(total=1000, show_eta=False, show_percentage=False, id="step-bar")
            yield TempoCue("", id="tempo")
            yield Label("", id="detail")
        yield SessionProgress(id="session")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Session"
        # Before the first frame and before the clock starts: what the app made before (a
        # history screen's rows) is collected now, not by a full collection mid-countdown.
        gc_pause.quiet_for_a_session()
        self._enter_step()
        self._apply_styles()
        self.redraw()
        # Should the count never be drawn (a terminal too small), the clock starts anyway.
        self.set_timer(CLOCK_START_LATEST_S, self._start_clock)

    def on_big_count_shown(self) -> None:
        self._start_clock()

    def on_unmount(self) -> None:
        # The player's own widgets were frozen with everything else; they are garbage now.
        gc_pause.session_over()

    def _start_clock(self) -> None:
        """The first frame has been written: the first step's clock starts now."""
        if self._clock_started:
            return
        self._clock_started = True
        self.playback.start_now()
        self.update_now()
        self.call_after_refresh(_import_what_comes_after)

    # -- the tick: update, redraw, schedule the next ------------------------------------

    def tick(self) -> None:
        self._timer = None
        self._handle(self.playback.update())
        if self.playback.finished:
            return
        self.redraw()
        if not self.playback.paused:
            self._timer = self.set_timer(self._next_wake(), self.tick)

    def _next_wake(self) -> float:
        """Seconds until the panel next reads differently (or the step ends), and a hair more."""
        playback = self.playback
        elapsed = playback.elapsed()
        until = view_for(playback.step).until_change(self._planned(), elapsed)
        duration = playback.step.duration
        if duration is not None:
            until = min(until, duration - elapsed)
        return max(0.0, until) + PAST_CHANGE_S

    def update_now(self) -> None:
        """Recompute and redraw at once (after a key, or when a test has moved the clock)."""
        if self._timer is not None:
            self._timer.stop()
        self.tick()

    def _handle(self, events: Events) -> None:
        app = self.rehab_app
        for result in events.results:
            app.save_set(self.session_id, result)
            self._last_result = result
        if events.finished:
            app.cues.ring()
            self._draw_the_end()
            paused_s = self.playback.total_paused_s
            app.after_frame(partial(app.end_session, self.session_id, True, paused_s))
        elif events.step_changed:
            self._enter_step()
            self.cue()
            if (rest := self.playback.step).kind is StepKind.REST:
                resting = lambda: self.playback.step is rest  # noqa: E731
                app.after_frame(partial(gc_pause.collect_in_a_rest, resting))

    def _enter_step(self) -> None:
        step = self.playback.step
        self.rep_count = step.target
        self.count_correction = 0
        planned = self.timeline.exercises[step.exercise_index]
        exercise = planned.exercise
        number = step.exercise_index + 1
        # Names, how-tos and cues come from the exercise or routines file: plain text, never
        # markup (a name like "[/b] Hold" would end the app), and no control characters.
        # Each is updated (and the screen laid out again) only when it changes: from a
        # get-ready to its hold nothing here does, and that frame is due on the second.
        side = f" · [b]{step.side.capitalize()} leg[/b]" if step.side else ""
        exercise_lines = (
            Content.assemble(
                (printable(exercise.name), "bold"),
                "  ",
                (f"exercise {number} of {len(self.timeline.exercises)}", "dim"),
            ),
            f"Set {step.set_number} of {planned.dose.sets}{side} · {describe_dose(planned)}",
            Content(printable(exercise.how_to)),
            exercise.cues,
        )
        if exercise_lines != self._exercise_shown:
            self._exercise_shown = exercise_lines
            name, set_info, how_to, cues = exercise_lines
            self.query_one("#name", Label).update(name)
            self.query_one("#set-info", Label).update(set_info)
            self.query_one("#how-to", Label).update(how_to)
            self.query_one("#cues", CueLine).show(cues)
        view = view_for(step)
        view.enter(self.query_one("#stage"), step)
        self._styles_pending = True  # applied by the cue that follows, or on mount
        self._shown.clear()
        keys = view.takes_count(planned)  # d and the arrows: the footer shows them or not
        if keys != self._count_keys:
            self._count_keys = keys
            self.refresh_bindings()
        self._ask_weight(step.exercise_index)

    def _draw_the_end(self) -> None:
        """The frame that ends the last step, due on the second: its count at zero (a count of
        reps stays) and the bars full. The next screen takes tens of ms to build, so it is
        shown after this frame, not in its place."""
        step = self.playback.step
        if step.duration is not None:
            state = self.playback.state()
            frame = view_for(step).frame(
                self.query_one("#stage"), step, state, self._planned(), self.rep_count
            )
            self.query_one("#count", Digits).update(frame.count)
        self.query_one("#step-bar", ProgressBar).progress = 1000
        self.query_one("#session-bar", ProgressBar).progress = 1000

    def redraw(self) -> None:
        playback = self.playback
        step = playback.step
        state = playback.state()
        frame = view_for(step).frame(
            self.query_one("#stage"), step, state, self._planned(), self.rep_count
        )
        label, detail, count = frame.label, frame.detail, frame.count
        if frame.reps is not None:
            self.rep_count = max(0, frame.reps + self.count_correction)
            count = str(self.rep_count)
        detail = self._first_side_count(detail)
        # Under a dialog that paused a running hold, space will still pause once it closes.
        user_paused = playback.paused and not self._resume_later
        if self._pause_named != user_paused:  # kept across steps: the footer is rebuilt for it
            self._pause_named = user_paused
            self._name_pause_key(user_paused)
        if playback.paused:
            label = f"PAUSED · {label}"
            detail = f"Press {self._pause_key()} to resume"
        self._show("#phase", label)
        self._show("#detail", detail)
        if self._shown.get("#count") != count:
            self._shown["#count"] = count
            self.query_one("#count", Digits).update(count)
        self.query_one("#step-bar", ProgressBar).progress = round(state.fraction * 1000)
        stage = self.query_one("#stage")
        if stage.has_class("-paused") != playback.paused:
            stage.set_class(playback.paused, "-paused", update=False)
            restyle_panel(stage)
        exercise_no = step.exercise_index + 1
        self.query_one(SessionProgress).show(
            f"Session · exercise {exercise_no} of {len(self.timeline.exercises)}",
            playback.session_fraction(),
        )
        cue_key = (playback.index, state.rep, state.phase, frame.beat)
        if self._shown.get("cue") not in (None, cue_key):
            self.cue()
        self._shown["cue"] = cue_key
        words = spoken_words(step, state) if not playback.paused else None
        spoken_key = (playback.index, state.rep, words)
        if words is not None and self._spoken != spoken_key:
            self.rehab_app.cues.speak(words)
        self._spoken = spoken_key

    def _first_side_count(self, detail: str) -> str:
        """Switching sides in a counted set (the heel-raise test): the first side's count, for
        the runner to compare before starting the second."""
        step, last = self.playback.step, self._last_result
        if (
            step.kind is not StepKind.LEAD_IN
            or last is None
            or last.side is None
            or (last.exercise_index, last.set_number) != (step.exercise_index, step.set_number)
        ):
            return detail
        planned = self.timeline.exercises[last.exercise_index]
        if not VIEWS[planned.kind].takes_count(planned):
            return detail
        unit = rules_for(planned.kind).unit
        return f"{last.side.capitalize()} leg: {last.done:g} {unit} · {detail}"

    def _pause_key(self) -> str:
        """The key that resumes, as the keymap has it (config.toml may remap it)."""
        for active in self.active_bindings.values():
            if active.binding.action == "toggle_pause":
                return self.app.get_key_display(active.binding)
        return "space"

    def _name_pause_key(self, paused: bool) -> None:
        """The footer names what space does now: Pause, or Resume while paused (under whatever
        key the user mapped it to). The binding is renamed for whatever reads it next, and the
        footer's key relabelled in place: the footer rebuilt for it took tens of ms of a hold."""
        description = "Resume" if paused else "Pause"
        bindings = self._bindings.key_to_bindings
        for key, keyed in bindings.items():
            bindings[key] = [
                replace(binding, description=description)
                if binding.action == "toggle_pause"
                else binding
                for binding in keyed
            ]
        shown = [shown for shown in self.query(FooterKey) if shown.action == "toggle_pause"]
        for footer_key in shown:
            footer_key.description = description
            footer_key.refresh(layout=True)
        if not shown:  # the footer not composed yet, or hidden (the focus view)
            self.refresh_bindings()

    def _planned(self) -> PlannedExercise:
        return self.timeline.exercises[self.playback.step.exercise_index]

    def _show(self, selector: str, text: str) -> None:
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            update_in_place(self.query_one(selector, Label), text)

    def cue(self) -> None:
        """A phase changed: ring and flash the timer panel (each unless turned off)."""
        cues = self.rehab_app.cues
        cues.ring()
        if cues.flashes:
            stage = self.query_one("#stage")
            stage.add_class("-flash", update=False)  # applied with the step's classes
            self.set_timer(FLASH_S, self._end_flash)
            self._styles_pending = True
        self._apply_styles()

    def _end_flash(self) -> None:
        self.query_one("#stage").remove_class("-flash", update=False)
        self._styles_pending = True
        self._apply_styles()

    def _apply_styles(self) -> None:
        """Restyle the timer panel once for the classes changed since (StepView.enter), on the
        frame that starts a step, due on the second."""
        if self._styles_pending:
            self._styles_pending = False
            restyle_panel(self.query_one("#stage"))

    # -- actions ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "done":
            return view_for(self.playback.step).takes_count(self._planned())
        if action == "count":
            return view_for(self.playback.step).takes_count(self._planned())
        return True

    def action_toggle_focus(self) -> None:
        """The focus view: only the phase and the count, filling the screen, for reading from
        across the room; the same keys work in it, and f again brings the rest back."""
        self.toggle_class("-focus")

    def action_toggle_pause(self) -> None:
        self.playback.toggle_pause()
        self.update_now()

    def action_next_step(self) -> None:
        self._handle(self.playback.skip())
        self.update_now()

    def action_back_step(self) -> None:
        self._handle(self.playback.back())
        self.update_now()

    def action_done(self) -> None:
        self._handle(self.playback.done(self.rep_count))
        self.update_now()

    def action_count(self, delta: int) -> None:
        """↑/↓: one rep more or fewer; a metronome's count (the heel-raise test) is corrected,
        for a rep it counted that was not a full one, or one it missed."""
        if view_for(self.playback.step).counts_itself(self._planned()):
            beats = self.rep_count - self.count_correction
            self.count_correction = max(-beats, min(999 - beats, self.count_correction + delta))
        else:
            self.rep_count = max(0, min(999, self.rep_count + delta))
        self.redraw()


def _import_what_comes_after() -> None:
    """The screens that follow a session, imported while the get-ready counts (a few ms), not
    in the frame that ends the last hold."""
    import rehab_tui.tui.screens.pain
    import rehab_tui.tui.screens.run_pain  # noqa: F401

    gc_pause.settled_in_a_session()  # with the first frames' caches
