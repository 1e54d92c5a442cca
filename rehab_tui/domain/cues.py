"""Spoken cues: which words fit a moment of a session, from the step and its state alone.

A test can check them without sound; rehab_tui.tui.speech says them.
"""

from __future__ import annotations

from rehab_tui.domain.timeline import Step, StepKind, StepState

COUNTDOWN = {3: "three", 2: "two", 1: "one"}
TEMPO_WORDS = {"UP": "up", "LOWER": "lower"}


def spoken_words(step: Step, state: StepState) -> str | None:
    """What to say at this moment of `step`: its name as it starts, then "three, two, one".

    The player says the words whenever they differ from the last it said for the same step and
    rep, so each is said once: "hold" at the start, "three", "two", "one" at the end.
    """
    if step.kind is StepKind.TEMPO:
        return TEMPO_WORDS.get(state.phase.name) if state.phase is not None else None
    if step.kind is StepKind.REPS:
        return "go"
    if step.duration is not None and step.duration > 3 and state.shown_seconds in COUNTDOWN:
        return COUNTDOWN[state.shown_seconds]
    if step.kind is StepKind.LEAD_IN:
        return "switch sides" if step.label == "SWITCH SIDES" else "get ready"
    return "hold" if step.kind is StepKind.HOLD else "rest"
