"""Intervals, the walk-run ladder's kind of exercise: its dose in words, one get-ready before the
first repeat only, RUN then WALK within each repeat with their words, the seconds a repeat
records, and the run a played session was."""

from __future__ import annotations

import pytest

from rehab_tui.domain.clock import FakeClock
from rehab_tui.domain.cues import spoken_words
from rehab_tui.domain.kinds import describe_dose, kind_for_dose, rules_for
from rehab_tui.domain.kinds.intervals import (
    played_run,
    repeats_allowed,
    walk_run_exercise,
)
from rehab_tui.domain.library import Kind
from rehab_tui.domain.pain import DEFAULT_LIMITS
from rehab_tui.domain.records import dose_from_dict, dose_to_dict, new_session
from rehab_tui.domain.run_levels import LEVELS
from rehab_tui.domain.steps import StepKind
from rehab_tui.domain.timeline import build_timeline, state_at


def test_a_level_is_written_as_the_ladder_writes_it():
    for level in LEVELS:
        planned = walk_run_exercise(level, level.repeats, DEFAULT_LIMITS)
        assert planned.kind is Kind.INTERVALS
        assert describe_dose(planned) == level.words
        assert kind_for_dose(planned.dose) is Kind.INTERVALS
        assert dose_from_dict(dose_to_dict(planned.dose)) == planned.dose


def test_only_the_first_repeat_has_a_get_ready_and_no_rest_comes_between():
    timeline = build_timeline(
        [walk_run_exercise(LEVELS[0], 3, DEFAULT_LIMITS)], limits=DEFAULT_LIMITS
    )
    kinds = [step.kind for step in timeline.steps]
    assert kinds == [StepKind.LEAD_IN, Kind.INTERVALS, Kind.INTERVALS, Kind.INTERVALS]
    assert [step.duration for step in timeline.steps[1:]] == [120.0] * 3


@pytest.mark.parametrize(
    ("elapsed", "phase", "words"),
    [
        (0, "RUN", "run"),
        (30, "RUN", "run"),
        (57.5, "RUN", "three"),
        (58.5, "RUN", "two"),
        (59.5, "RUN", "one"),
        (60, "WALK", "walk"),
        (117.5, "WALK", "three"),
        (119.5, "WALK", "one"),
    ],
)
def test_a_repeat_runs_then_walks_with_its_words(elapsed, phase, words):
    timeline = build_timeline(
        [walk_run_exercise(LEVELS[0], 2, DEFAULT_LIMITS)], limits=DEFAULT_LIMITS
    )
    state = state_at(timeline, 1, elapsed)
    assert state.phase is not None and state.phase.name == phase
    assert spoken_words(timeline.steps[1], state) == words


def test_a_continuous_level_is_one_run_and_a_repeat_records_its_seconds():
    planned = walk_run_exercise(LEVELS[6], 1, DEFAULT_LIMITS)
    timeline = build_timeline([planned], limits=DEFAULT_LIMITS)
    step = timeline.steps[1]
    assert step.duration == 20 * 60
    assert state_at(timeline, 1, 600).phase.name == "RUN"
    rules = rules_for(Kind.INTERVALS)
    assert rules.done(step, planned, 1300.0) == 1200.0  # never more than planned
    assert rules.seconds_under_load({"run_s": 1200, "walk_s": 0}, 1200) == 0.0


def test_the_spike_guard_cuts_the_repeats():
    assert repeats_allowed(LEVELS[0], 20) == 10
    assert repeats_allowed(LEVELS[0], 5.5) == 2  # 2 × 2 min fit in 5.5 min, 3 do not
    assert repeats_allowed(LEVELS[0], 1.5) == 0


def set_done(number: int, done: float, skipped: bool = False) -> dict:
    return {
        "set": number,
        "side": None,
        "planned": 120,
        "done": done,
        "skipped": skipped,
        "paused_s": 0.0,
        "completed_at": "2026-03-03T08:10:00+00:00",
    }


def test_a_played_session_is_its_run_and_a_part_of_a_level_is_not_that_level():
    planned = walk_run_exercise(LEVELS[1], 7, DEFAULT_LIMITS)  # 7 × (2 min run / 1 min walk)
    session = new_session((planned,), FakeClock().wall(), None, "free")
    session["exercises"][0]["sets"] = [set_done(n, 180.0) for n in range(1, 8)]
    whole = played_run(session)
    assert (whole.minutes, whole.kind, whole.level) == (21.0, "walk_run", 2)
    session["exercises"][0]["sets"] = [set_done(1, 180.0), set_done(2, 30.0, skipped=True)]
    part = played_run(session)
    assert (part.minutes, part.kind, part.level) == (3.5, "walk_run", None)
    assert "1 of level 2's 7 repeats done in full" in part.note
