"""Playback against a fake clock: exact holds, pause, skip, back, done, resume point."""

from __future__ import annotations

import pytest

from rehab_tui.domain.library import Kind
from rehab_tui.domain.pain import DEFAULT_LIMITS
from rehab_tui.domain.playback import Playback, resume_index
from rehab_tui.domain.timeline import StepKind, build_timeline


@pytest.fixture
def timeline(mini_catalog):
    return build_timeline(mini_catalog.ladder[0].exercises, limits=DEFAULT_LIMITS)


def run_until_step(playback, clock, index, step=0.1):
    results = []
    while playback.index < index:
        clock.advance(step)
        results += playback.update().results
    return results


def test_hold_lasts_its_full_time_with_a_10_s_pause(timeline, clock):
    playback = Playback(timeline, clock)
    clock.advance(5.0)
    playback.update()
    assert playback.step.kind is Kind.HOLD
    hold_started = clock.now()
    clock.advance(8.0)
    playback.update()
    playback.pause()
    clock.advance(10.0)
    playback.update()
    assert playback.state().shown_seconds == 12  # frozen while paused
    playback.resume()
    results = run_until_step(playback, clock, 2, step=0.01)
    held_wall = clock.now() - hold_started
    # The hold ended 20 s of holding + 10 s of pause after it started, within a tick.
    assert held_wall == pytest.approx(30.0, abs=0.011)
    assert results[0].done == 20.0 and not results[0].skipped
    assert results[0].paused_s == 10.0


def test_a_stalled_loop_does_not_drift(timeline, clock):
    playback = Playback(timeline, clock)
    clock.advance(5.0 + 20.0 + 3.25)  # one update, long after lead-in and hold both ended
    events = playback.update()
    assert playback.index == 2 and len(events.results) == 1
    assert playback.elapsed() == pytest.approx(3.25)  # the rest began when the hold ended


def test_skip_mid_hold_keeps_the_partial_set(timeline, clock):
    playback = Playback(timeline, clock)
    clock.advance(5.0)
    playback.update()
    clock.advance(12.34)
    events = playback.skip()
    assert events.results[0].done == 12.3 and events.results[0].skipped
    assert playback.step.kind is StepKind.REST and playback.elapsed() == 0


def test_skip_a_lead_in_saves_nothing(timeline, clock):
    playback = Playback(timeline, clock)
    events = playback.skip()
    assert events.results == [] and playback.step.kind is Kind.HOLD


def test_back_restarts_the_previous_step(timeline, clock):
    playback = Playback(timeline, clock)
    run_until_step(playback, clock, 3)  # the get-ready of set 2
    clock.advance(2)
    playback.back()
    assert playback.index == 2 and playback.step.kind is StepKind.REST
    assert playback.elapsed() == 0


def test_back_from_a_rest_redoes_the_hold_with_its_get_ready(timeline, clock):
    playback = Playback(timeline, clock)
    run_until_step(playback, clock, 2)
    clock.advance(4)
    playback.back()
    assert playback.index == 0 and playback.step.label == "GET READY"
    assert playback.elapsed() == 0
    run_until_step(playback, clock, 1)
    assert playback.step.kind is Kind.HOLD and playback.state().shown_seconds == 20


def test_back_from_a_hold_goes_to_its_get_ready(timeline, clock):
    playback = Playback(timeline, clock)
    run_until_step(playback, clock, 1)
    playback.back()
    assert playback.index == 0 and playback.step.label == "GET READY"


def test_back_at_the_start_stays_at_the_start(timeline, clock):
    playback = Playback(timeline, clock)
    playback.back()
    assert playback.index == 0


def test_tempo_set_counts_reps_when_skipped(timeline, clock):
    playback = Playback(timeline, clock, start_index=7)
    clock.advance(6.5)  # one rep of 5 s done, the second in its LOWER phase
    events = playback.skip()
    assert events.results[0].done == 1.0 and events.results[0].kind == "tempo"


def test_reps_wait_for_done(timeline, clock):
    playback = Playback(timeline, clock, start_index=10)
    clock.advance(600)
    assert playback.update().results == [] and playback.index == 10
    events = playback.done(4)
    assert events.results[0].done == 4 and events.results[0].side == "left"
    assert playback.step.label == "SWITCH SIDES"


def test_last_step_finishes_the_session(timeline, clock):
    playback = Playback(timeline, clock, start_index=12)
    events = playback.done(5)
    assert events.finished and playback.finished and playback.session_fraction() == 1.0


def test_paused_time_is_not_progress(timeline, clock):
    playback = Playback(timeline, clock)
    playback.pause()
    clock.advance(100)
    assert playback.update().results == [] and playback.index == 0
    assert playback.session_fraction() == 0.0


def test_resume_index_is_the_lead_in_of_the_first_unsaved_set(timeline):
    assert resume_index(timeline, set()) == 0
    assert resume_index(timeline, {(0, 1, None)}) == 3
    assert resume_index(timeline, {(0, 1, None), (0, 2, None), (1, 1, None), (2, 1, "left")}) == 11
    every = {(s.exercise_index, s.set_number, s.side) for s in timeline.steps if s.is_work}
    assert resume_index(timeline, every) is None


def test_start_now_takes_nothing_from_the_first_second(timeline, clock):
    """The time the first frame took to reach the screen is not part of the get-ready."""
    playback = Playback(timeline, clock)
    clock.advance(0.4)
    playback.start_now()
    assert playback.elapsed() == 0.0
    assert playback.state().shown_seconds == 5
    clock.advance(1.0)
    assert playback.state().shown_seconds == 4


def test_start_now_while_paused_stays_paused_from_the_start(timeline, clock):
    playback = Playback(timeline, clock)
    playback.pause()  # a dialog (the weight used) opened before the first frame
    clock.advance(0.4)
    playback.start_now()
    clock.advance(3.0)
    assert playback.paused and playback.elapsed() == 0.0
    playback.resume()
    clock.advance(1.0)
    assert playback.elapsed() == pytest.approx(1.0)
    assert playback.total_paused_s == pytest.approx(3.0)
