"""The cue for one tempo repetition: the phase word, its seconds counted down, a phase bar."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from rehab_tui.domain.steps import StepState, TempoPhase

PHASE_STYLE = {
    "UP": "bold cyan",
    "TOP": "bold magenta",
    "LOWER": "bold yellow",
    "RESET": "bold blue",
}
BAR_WIDTH = 48


def tempo_text(phases: tuple[TempoPhase, ...], state: StepState, reps: int) -> Text:
    """Three lines: "LOWER  3 · 2 · 1" (current second bright), the phase bar, the rep count."""
    text = Text(justify="center")
    if state.phase is None:
        return text
    phase = state.phase
    style = PHASE_STYLE.get(phase.name, "bold")
    text.append(f"{phase.name}  ", style=style)
    counts = list(range(phase.seconds, 0, -1))
    current = phase.seconds - state.phase_second + 1
    for i, n in enumerate(counts):
        if i:
            text.append(" · ", style="dim")
        text.append(str(n), style=f"{style} reverse" if n == current else "dim")
    text.append("\n")
    total = sum(p.seconds for p in phases)
    position = sum(p.seconds for p in phases[: phases.index(phase)]) + state.phase_second
    for p in phases:
        width = max(len(p.name) + 2, round(BAR_WIDTH * p.seconds / total))
        label = f"{p.name:^{width}}"
        text.append(
            label, style=f"{PHASE_STYLE.get(p.name, 'bold')} reverse" if p == phase else "dim"
        )
        text.append(" ")
    text.append(f"\nRep {state.rep} of {reps} · second {position} of {total}")
    return text


class TempoCue(Static):
    """Drawn again only when what it reads changes (once a second at most), and never laid out
    again: its size is fixed."""

    DEFAULT_CSS = """
    TempoCue { height: 3; width: 100%; content-align: center middle; text-align: center; }
    """

    _shown: tuple[object, ...] | None = None

    def show(self, phases: tuple[TempoPhase, ...], state: StepState, reps: int) -> None:
        key = (phases, state.phase, state.phase_second, state.rep, reps)
        if key == self._shown:
            return
        self._shown = key
        self.update(tempo_text(phases, state, reps), layout=False)
