"""How the player's timer panel shows each kind of step: the one place in the TUI that maps a
kind of exercise to its view.

The panel (`#stage` in the player) holds the phase word, the big count, the step's bar, the
tempo cue and a line of detail. A view says which of these a step uses and what they read: holds,
lead-ins and rests count seconds down; tempo reps name the phase and count its seconds; counted
reps show the count the user sets (or follow a metronome's beat); walk-run intervals name the
part (RUN, WALK) and count its minutes and seconds. A new kind of exercise gets
its view in `VIEWS` (a test checks that every kind has one).
"""

from __future__ import annotations

from msgspec import Struct
from textual.widget import Widget
from textual.widgets import ProgressBar

from rehab_tui.domain.kinds.intervals import clock_words, interval_phases
from rehab_tui.domain.kinds.reps import metronome_s
from rehab_tui.domain.kinds.tempo import tempo_phases
from rehab_tui.domain.library import Kind, PlannedExercise
from rehab_tui.domain.steps import Step, StepKind, StepState
from rehab_tui.tui.widgets.tempo_cue import TempoCue

# The panel carries its step's kind as a class ("-hold", "-rest") for the colours in app.tcss.
PANEL_CLASSES = tuple(kind.value for kind in (*StepKind, *Kind))


def restyle_panel(panel: Widget) -> None:
    """Apply the panel's own classes (its step's kind, the flash, a pause, a walk): they colour
    only the panel and its phase word (player.tcss), so only those two are restyled, where
    Textual restyles all that the panel holds (1.0 -> 0.3 ms on the frame that starts a step;
    a test holds every combination of classes to Textual's whole restyle). What the panel holds
    forgets its visual style, which is drawn over the panel's background."""
    phase = panel.query_one("#phase")
    panel.app.stylesheet.update_nodes((panel, phase), animate=False)
    for node in panel.walk_children():
        if node is not phase:
            node.notify_style_update()


class Frame(Struct, frozen=True):
    """What the panel reads at one moment."""

    label: str
    detail: str
    count: str
    beat: str | None = None  # a metronome's "UP" or "DOWN": each change rings the cue
    reps: int | None = None  # the reps the view counted itself (a metronome), if any


class StepView:
    """A countdown: the step's label, its seconds left and its bar."""

    bar = True  # the step's progress bar is shown
    tempo_cue = False  # the tempo cue (phase, its seconds, the rep's phase bar) is shown

    def enter(self, panel: Widget, step: Step) -> None:
        """The panel's classes for `step`, not yet applied: each change of a class restyles the
        panel (about a ms each, on the frame that starts the step), so the player restyles it once
        for them all (`restyle_panel`), with its flash."""
        panel.remove_class("-walk", update=False)
        # A class, not an inline display, so that the focus view's CSS can hide them too.
        panel.query_one(TempoCue).set_class(not self.tempo_cue, "-unused")
        panel.query_one("#step-bar", ProgressBar).set_class(not self.bar, "-unused")
        for name in PANEL_CLASSES:
            panel.set_class(step.kind.value == name, f"-{name}", update=False)

    def takes_count(self, planned: PlannedExercise) -> bool:
        """Whether d ends the step with a count of reps."""
        return False

    def counts_itself(self, planned: PlannedExercise) -> bool:
        """Whether the count follows a metronome (the arrows then correct it)."""
        return False

    def frame(
        self, panel: Widget, step: Step, state: StepState, planned: PlannedExercise, reps: int
    ) -> Frame:
        """`reps`: the count as the user has set it."""
        return Frame(step.label, step.detail, str(state.shown_seconds))

    def until_change(self, planned: PlannedExercise, elapsed: float) -> float:
        """Seconds from `elapsed` until the frame reads differently: its next whole second
        (steps, tempo phases and intervals all last whole seconds, and the bars move with them)."""
        return 1.0 - elapsed % 1.0


class TempoView(StepView):
    """The phase word and its seconds counting down, and the tempo cue under the bar."""

    tempo_cue = True

    def frame(
        self, panel: Widget, step: Step, state: StepState, planned: PlannedExercise, reps: int
    ) -> Frame:
        if state.phase is None:
            return super().frame(panel, step, state, planned, reps)
        panel.query_one(TempoCue).show(tempo_phases(planned), state, step.target)
        return Frame(
            state.phase.name, step.detail, str(state.phase.seconds - state.phase_second + 1)
        )


class CountedView(StepView):
    """The count of reps, set by the user with the arrows, or following a metronome's beat."""

    bar = False

    def takes_count(self, planned: PlannedExercise) -> bool:
        return True

    def counts_itself(self, planned: PlannedExercise) -> bool:
        return metronome_s(planned.dose) is not None

    def frame(
        self, panel: Widget, step: Step, state: StepState, planned: PlannedExercise, reps: int
    ) -> Frame:
        beat_s = metronome_s(planned.dose)
        if beat_s is None:
            detail = f"Do {step.target}. Press d when done · ↑/↓ to change the count"
            return Frame(step.label, detail, str(reps))
        counted = int(state.elapsed // beat_s)
        beat = "UP" if state.elapsed % beat_s < beat_s / 2 else "DOWN"
        detail = (
            f"One rep per beat (about {step.target} is typical). Press d when you cannot keep up"
        )
        return Frame(beat, detail, str(counted), beat=beat, reps=counted)

    def until_change(self, planned: PlannedExercise, elapsed: float) -> float:
        """A metronome's next half beat (UP, then DOWN), or the next whole second."""
        whole = super().until_change(planned, elapsed)
        beat_s = metronome_s(planned.dose)
        if beat_s is None:
            return whole
        half = beat_s / 2
        return min(whole, half - elapsed % half)


class IntervalsView(StepView):
    """RUN or WALK, the part's time left as minutes:seconds, and what comes next."""

    def frame(
        self, panel: Widget, step: Step, state: StepState, planned: PlannedExercise, reps: int
    ) -> Frame:
        phase = state.phase
        if phase is None:
            return super().frame(panel, step, state, planned, reps)
        if panel.has_class("-walk") != (phase.name == "WALK"):  # its own colour: a glance tells
            panel.set_class(phase.name == "WALK", "-walk", update=False)
            restyle_panel(panel)
        left = max(0, phase.seconds - state.phase_second + 1)
        count = f"{left // 60}:{left % 60:02d}"
        phases = interval_phases(planned.dose)
        sets = planned.dose.sets
        after = phases[phases.index(phase) + 1 :]
        if after:
            coming = f"then walk {clock_words(after[0].seconds)}"
        elif step.set_number < sets:
            coming = f"then run {clock_words(phases[0].seconds)}"
        else:
            coming = "then done"
        repeat = f"Repeat {step.set_number} of {sets} · " if sets > 1 else ""
        return Frame(phase.name, f"{repeat}{coming}", count)


COUNTDOWN = StepView()
VIEWS: dict[Kind, StepView] = {
    Kind.HOLD: COUNTDOWN,
    Kind.TEMPO: TempoView(),
    Kind.REPS: CountedView(),
    Kind.INTERVALS: IntervalsView(),
}


def view_for(step: Step) -> StepView:
    """The view of a work step's kind; lead-ins and rests count down."""
    return VIEWS[step.work_kind] if step.work_kind is not None else COUNTDOWN
