"""Spoken cues: which words fit a moment of a session, from the step and its state alone.

A test can check them without sound; rehab_tui.tui.speech says them. A work step's words are its
kind's (rehab_tui.domain.kinds); the lead-ins and rests around it are said here.
"""

from __future__ import annotations

from rehab_tui.domain.kinds import rules_for
from rehab_tui.domain.kinds.rules import countdown_word
from rehab_tui.domain.steps import Step, StepKind, StepState


def spoken_words(step: Step, state: StepState) -> str | None:
    """What to say at this moment of `step`: its name as it starts, then "three, two, one".

    The player says the words whenever they differ from the last it said for the same step and
    rep, so each is said once: "hold" at the start, "three", "two", "one" at the end.
    """
    if step.work_kind is not None:
        return rules_for(step.work_kind).spoken_words(step, state)
    countdown = countdown_word(step, state)
    if countdown is not None:
        return countdown
    if step.kind is StepKind.LEAD_IN:
        return "switch sides" if step.label == "SWITCH SIDES" else "get ready"
    return "rest"
