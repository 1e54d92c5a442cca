"""The timeline: which steps a prescription becomes, and where in a step a time falls."""

from __future__ import annotations

import pytest

from rehab_tui.domain.library import Kind
from rehab_tui.domain.pain import DEFAULT_LIMITS
from rehab_tui.domain.timeline import build_timeline, state_at


def kinds(timeline):
    return [(s.kind.value, s.exercise_index, s.set_number, s.side) for s in timeline.steps]


def test_mini_session_steps(mini_catalog):
    timeline = build_timeline(mini_catalog.ladder[0].exercises, limits=DEFAULT_LIMITS)
    assert kinds(timeline) == [
        ("lead_in", 0, 1, None), ("hold", 0, 1, None), ("rest", 0, 1, None),
        ("lead_in", 0, 2, None), ("hold", 0, 2, None), ("rest", 0, 2, None),
        ("lead_in", 1, 1, None), ("tempo", 1, 1, None), ("rest", 1, 1, None),
        ("lead_in", 2, 1, "left"), ("reps", 2, 1, "left"),
        ("lead_in", 2, 1, "right"), ("reps", 2, 1, "right"),
    ]  # fmt: skip
    steps = timeline.steps
    assert steps[0].duration == 5 and steps[0].label == "GET READY"
    assert steps[1].duration == 20 and steps[1].target == 20
    assert steps[2].duration == 30 and steps[2].detail == "Next: set 2 of 2"
    assert steps[5].detail == "Next: Test tempo"
    assert steps[7].duration == 2 * 5  # 2 reps at 1-0-3-1
    assert steps[11].label == "SWITCH SIDES"
    assert steps[12].duration is None and steps[12].target == 5


def test_shown_seconds_change_exactly_when_a_second_is_crossed(mini_catalog):
    timeline = build_timeline(mini_catalog.ladder[0].exercises, limits=DEFAULT_LIMITS)
    assert state_at(timeline, 1, 0.0).shown_seconds == 20
    assert state_at(timeline, 1, 0.999).shown_seconds == 20
    assert state_at(timeline, 1, 1.0).shown_seconds == 19
    assert state_at(timeline, 1, 19.5).shown_seconds == 1
    done = state_at(timeline, 1, 20.0)
    assert done.shown_seconds == 0 and done.finished and done.fraction == 1.0


@pytest.mark.parametrize(
    ("elapsed", "rep", "phase", "second"),
    [
        (0.0, 1, "UP", 1),
        (0.99, 1, "UP", 1),
        (1.0, 1, "LOWER", 1),
        (2.5, 1, "LOWER", 2),
        (3.0, 1, "LOWER", 3),
        (4.0, 1, "RESET", 1),
        (5.0, 2, "UP", 1),
        (9.9, 2, "RESET", 1),
    ],
)
def test_tempo_phases(mini_catalog, elapsed, rep, phase, second):
    timeline = build_timeline(mini_catalog.ladder[0].exercises, limits=DEFAULT_LIMITS)
    state = state_at(timeline, 7, elapsed)
    assert (state.rep, state.phase.name, state.phase_second) == (rep, phase, second)


def test_tempo_finished_counts_every_rep(mini_catalog):
    timeline = build_timeline(mini_catalog.ladder[0].exercises, limits=DEFAULT_LIMITS)
    state = state_at(timeline, 7, 10.0)
    assert state.finished and state.reps_done == 2


def test_per_side_sets_alternate_left_right(catalog):
    step = catalog.ladder[2]  # stage 1 level 2: single-leg holds
    timeline = build_timeline(step.exercises, limits=DEFAULT_LIMITS)
    holds = [s for s in timeline.steps if s.kind is Kind.HOLD]
    assert [s.side for s in holds[:4]] == ["left", "right", "left", "right"]
    assert len(holds) == 2 * sum(p.dose.sets for p in step.exercises)


def test_no_rest_after_the_last_set(catalog):
    timeline = build_timeline(catalog.ladder[0].exercises, limits=DEFAULT_LIMITS)
    assert timeline.steps[-1].kind is Kind.HOLD
