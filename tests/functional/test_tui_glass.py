"""Exact at the glass, and light between the seconds: the player's timing promises.

The garbage made before a session is collected and frozen before its countdown starts; the
clock starts once the first frame (the big count) is drawn; the next tick is asked for the
moment the shown second changes, not polled; a redraw within the same second touches nothing;
the frame that ends the session comes before the next screen; a set's save waits for the frame
that ends the set; home collects what a heavy screen left.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import pytest
from msgspec.structs import replace
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Digits

from rehab_tui import gc_pause
from rehab_tui.domain.playback import Playback
from rehab_tui.domain.quick import QuickTimer
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.quick_timer import QuickTimerScreen
from rehab_tui.tui.screens.home import HomeScreen
from rehab_tui.tui.screens.pain import PainScreen
from rehab_tui.tui.screens.player import PAST_CHANGE_S, PlayerScreen
from rehab_tui.tui.widgets.big_count import BigCount
from rehab_tui.tui.widgets.quiet_bar import QuietProgressBar

SIZE = (80, 24)


class Cycle:
    """Garbage only the cyclic collector frees."""

    def __init__(self) -> None:
        self.me = self


def garbage_cycle() -> weakref.ref[Cycle]:
    return weakref.ref(Cycle())


@pytest.fixture
def order(monkeypatch) -> list[str]:
    """What happened, in order: the collection, the count drawn, the clock started."""
    seen: list[str] = []
    real_collect = gc_pause.quiet_for_a_session
    real_render_line = BigCount.render_line
    real_start = Playback.start_now

    def collect() -> None:
        real_collect()
        seen.append("collected")

    def render_line(self, y: int):
        seen.append("drawn")
        return real_render_line(self, y)

    def start_now(self) -> None:
        seen.append(f"clock (frozen: {gc.get_freeze_count() > 0})")
        real_start(self)

    monkeypatch.setattr(gc_pause, "quiet_for_a_session", collect)
    monkeypatch.setattr(BigCount, "render_line", render_line)
    monkeypatch.setattr(Playback, "start_now", start_now)
    return seen


def first(seen: list[str], prefix: str) -> int:
    return next(i for i, what in enumerate(seen) if what.startswith(prefix))


async def test_garbage_is_collected_and_frozen_before_the_clock_starts(
    mini_catalog, store, clock, order
):
    gc.unfreeze()
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left_over = garbage_cycle()
        gc.disable()  # only the player's own collection may free it
        try:
            await pilot.press("enter")
            await pilot.pause()
        finally:
            gc.enable()
        assert isinstance(app.screen, PlayerScreen)
        assert left_over() is None
        assert first(order, "collected") < first(order, "drawn") < first(order, "clock")
        assert "clock (frozen: True)" in order


async def test_what_the_first_frames_make_is_frozen_once_the_clock_runs(
    mini_catalog, store, clock, monkeypatch
):
    """The caches the session's first frames fill live all session: frozen with the rest, the
    young collections of the countdown no longer scan them (one took 1.5 ms as the hold began)."""
    made: list[list[object]] = []
    real_render_line = BigCount.render_line

    def render_line(self, y: int):
        if not made:
            made.append([self])  # a container made while the first frame is drawn, kept
        return real_render_line(self, y)

    monkeypatch.setattr(BigCount, "render_line", render_line)
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and made
        collected = (gc.get_objects(generation) for generation in range(3))
        assert not any(thing is made[0] for objects in collected for thing in objects)


async def test_no_full_collection_during_a_session_and_the_usual_ones_after(
    mini_catalog, store, clock
):
    """Right after the freeze CPython would let a full collection through soon (it counts
    nothing as long-lived): during a session only the young generations are collected."""
    usual = gc.get_threshold()
    full: list[int] = []

    def on_collection(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        gc.callbacks.append(on_collection)
        try:  # objects that live on (promoted to the oldest generation) and some that die
            kept = [[garbage_cycle()] for _ in range(300_000)]
        finally:
            gc.callbacks.remove(on_collection)
        assert full == [] and kept
        assert gc.get_threshold()[:2] == (usual[0], gc_pause.SESSION_MIDDLE_EVERY)
        await pilot.press("q", "y")
        await pilot.pause()
        assert not isinstance(app.screen, PlayerScreen)
        assert gc.get_threshold() == usual


@contextmanager
def frames_and_full_collections(app: RehabApp) -> Iterator[list[tuple[str, str]]]:
    """("frame" or "full", the step then), in order: each frame drawn (Textual's hook after
    each, as the app's after_frame) and each full collection begun."""
    seen: list[tuple[str, str]] = []
    real_hook = app.post_display_hook

    def step() -> str:
        playback = getattr(app.screen, "playback", None)
        return str(playback.step.kind) if playback else type(app.screen).__name__

    def post_display_hook() -> None:
        seen.append(("frame", step()))
        real_hook()

    def on_collection(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            seen.append(("full", step()))

    app.post_display_hook = post_display_hook  # type: ignore[method-assign]
    gc.callbacks.append(on_collection)
    try:
        yield seen
    finally:
        gc.callbacks.remove(on_collection)
        del app.post_display_hook


def old_garbage() -> weakref.ref[Cycle]:
    """A cycle that died in the old generation (promoted twice, then let go)."""
    alive = Cycle()
    dead = weakref.ref(alive)
    gc.collect(1)
    gc.collect(1)
    return dead


Resting = tuple[PlayerScreen, Pilot, weakref.ref[Cycle], list[tuple[str, str]]]


@asynccontextmanager
async def at_a_holds_last_second(catalog, store, clock) -> AsyncIterator[Resting]:
    """Two sets of a 10 s hold, at the first hold's last second, with a cycle dead in the old
    generation, and the frames and full collections watched from the session's start."""
    app = RehabApp(catalog, store, clock, quick=QuickTimer(hold=10, sets=2, rest=10))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        player = app.screen
        assert isinstance(player, PlayerScreen)
        dead = old_garbage()
        with frames_and_full_collections(app) as seen:
            for _ in range(5 + 10 - 1):  # the get-ready and the hold
                clock.advance(1.0)
                player.update_now()
                await pilot.pause()
            assert str(player.playback.step.kind) == "hold"
            yield player, pilot, dead, seen


async def test_a_rest_frees_what_died_in_the_old_generation_during_the_session(
    catalog, new_store, clock
):
    """Middle collections come three times as often in a session, so more of what ticks make
    reaches the old generation, which nothing scans until the session ends: each rest, once its
    first frame is drawn, frees what died there. A hold and a get-ready never collect it."""
    async with at_a_holds_last_second(catalog, new_store, clock) as (player, pilot, dead, seen):
        assert seen and not [event for event in seen if event[0] == "full"]
        assert dead() is not None  # young collections never reach it
        clock.advance(1.0)  # the rest
        player.update_now()
        await pilot.pause(0.2)
        assert str(player.playback.step.kind) == "rest"
        assert dead() is None
        from_the_rest = seen[seen.index(("frame", "rest")) :]
        assert [event for event in seen if event[0] == "full"] == [("full", "rest")]
        assert ("full", "rest") in from_the_rest  # after the rest's first frame, not before


async def test_a_rest_skipped_before_its_frame_is_drawn_collects_nothing(catalog, new_store, clock):
    """n pressed as a rest begins (held down, keys arrive faster than frames): the frame drawn
    is the next get-ready's, whose seconds are due; the old generation waits for the next rest."""
    async with at_a_holds_last_second(catalog, new_store, clock) as (player, pilot, dead, seen):
        clock.advance(1.0)
        player.update_now()  # the rest begins, its frame not yet drawn
        assert str(player.playback.step.kind) == "rest"
        player.action_next_step()  # skipped in the same moment
        assert str(player.playback.step.kind) == "lead_in"
        await pilot.pause(0.3)
        assert ("frame", "lead_in") in seen
        assert [event for event in seen if event[0] == "full"] == []
        assert dead() is not None


async def test_the_clock_starts_after_the_first_frame_not_before(mini_catalog, store, clock):
    """Time spent before the count is first drawn is not taken from the get-ready's "5"."""
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        real_init = PlayerScreen.__init__

        def built_then_slow(self, *args) -> None:
            real_init(self, *args)
            clock.advance(0.8)  # the first frame takes 0.8 s to reach the screen

        PlayerScreen.__init__ = built_then_slow  # type: ignore[method-assign]
        try:
            await pilot.press("enter")
            await pilot.pause()
        finally:
            PlayerScreen.__init__ = real_init  # type: ignore[method-assign]
        player = app.screen
        assert isinstance(player, PlayerScreen)
        assert player.playback.elapsed() == pytest.approx(0.0)
        assert player.query_one("#count", Digits).value == "5"


async def test_a_timer_played_at_start_starts_its_clock_once_drawn(
    catalog, new_store, clock, order
):
    app = RehabApp(catalog, new_store, clock, quick=QuickTimer(hold=10, sets=1, rest=10))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert first(order, "drawn") < first(order, "clock")


async def test_the_next_tick_is_asked_for_when_the_shown_second_changes(
    mini_catalog, store, clock, monkeypatch
):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        player = app.screen
        assert isinstance(player, PlayerScreen)
        asked: list[float] = []
        real_set_timer = PlayerScreen.set_timer

        def set_timer(self, delay, callback=None, **kwargs):
            if callback == self.tick:
                asked.append(delay)
            return real_set_timer(self, delay, callback, **kwargs)

        monkeypatch.setattr(PlayerScreen, "set_timer", set_timer)
        clock.advance(0.3)
        player.update_now()
        clock.advance(4.7 + 2.25)  # into the hold
        player.update_now()
        assert asked == [
            pytest.approx(0.7 + PAST_CHANGE_S),  # once, at the next second: no polling between
            pytest.approx(0.75 + PAST_CHANGE_S),
        ]


async def test_a_redraw_within_the_same_second_touches_nothing(
    mini_catalog, store, clock, monkeypatch
):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 5 + 3)  # a few seconds into the hold
        player = app.screen
        assert isinstance(player, PlayerScreen)
        refreshed: list[Widget] = []
        real_refresh = Widget.refresh

        def refresh(self, *args, **kwargs):
            refreshed.append(self)
            return real_refresh(self, *args, **kwargs)

        monkeypatch.setattr(Widget, "refresh", refresh)
        player.update_now()
        assert refreshed == []
        clock.advance(1.0)  # the next second: the count and the bars, nothing else
        player.update_now()
        ids = {widget.id for widget in refreshed}
        assert "count" in ids
        assert ids <= {"count", "step-bar", "session-bar", "bar", "percentage"}


async def test_the_bars_are_not_redrawn_between_changes_of_progress(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        bar = app.screen.query_one("#step-bar", QuietProgressBar)
        refreshes = 0
        real_refresh = bar.refresh

        def counting_refresh(*args, **kwargs):
            nonlocal refreshes
            refreshes += 1
            return real_refresh(*args, **kwargs)

        bar.refresh = counting_refresh  # type: ignore[method-assign]
        bar.update()  # what Textual's own timer calls every second
        assert refreshes == 0
        assert bar.progress == 0


async def test_the_frame_that_ends_the_session_comes_before_the_next_screen(
    catalog, new_store, clock
):
    app = RehabApp(catalog, new_store, clock, quick=QuickTimer(hold=10, sets=1, rest=10))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        player = app.screen
        assert isinstance(player, PlayerScreen)
        clock.advance(5 + 10 + 0.01)
        player.update_now()
        assert app.screen is player  # not yet: this frame shows the hold at zero
        assert player.query_one("#count", Digits).value == "0"
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, PainScreen)
        ended = new_store.active_session()  # ended once that frame was drawn, not yet rated
        assert ended is not None and ended["completed"] and ended["ended_at"]


async def test_a_sets_save_waits_for_the_frame_that_ends_the_set(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        drawn = app.frame_drawn()
        assert not drawn.is_set()
        app.screen.refresh()
        await pilot.pause()
        assert drawn.is_set()
        await advance(pilot, clock, 5 + 20 + 1)  # the first hold ends: its set is saved
        await app.workers.wait_for_complete()
        assert [s["set"] for s in store.active_session()["exercises"][0]["sets"]] == [1]


async def test_home_collects_what_a_heavy_screen_left(mini_catalog, store, clock):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gc.unfreeze()
        await pilot.press("h")
        await pilot.pause()
        left_over = garbage_cycle()
        gc.disable()
        try:
            await pilot.press("escape")
            await pilot.pause()
        finally:
            gc.enable()
        assert isinstance(app.screen, HomeScreen)
        assert left_over() is None
        assert gc.get_freeze_count() > 0


async def advance(pilot, clock, seconds: float) -> None:
    clock.advance(seconds)
    pilot.app.screen.update_now()
    await pilot.pause()


def test_a_metronome_wakes_the_player_at_each_half_beat(mini_catalog):
    from rehab_tui.domain.library import Tempo
    from rehab_tui.tui.widgets.step_views import CountedView

    planned = mini_catalog.ladder[0].exercises[0]
    beat = replace(planned, dose=replace(planned.dose, tempo=Tempo(1, 0, 1, 1)))  # 3 s a rep
    view = CountedView()
    assert view.until_change(beat, 1.2) == pytest.approx(0.3)  # DOWN at 1.5 s
    assert view.until_change(beat, 1.6) == pytest.approx(0.4)  # then the next whole second
    assert view.until_change(planned, 0.2) == pytest.approx(0.8)  # no beat: whole seconds


async def test_no_full_collection_falls_in_a_session_the_quick_timer_form_starts(
    catalog, store, clock, monkeypatch
):
    """Home, shown again for a moment between the form and the session, asks for a collection
    after its frame: the session's own came first, so none falls in its countdown."""
    seen: list[str] = []
    real_quiet = gc_pause.quiet_for_a_session

    def quiet() -> None:
        real_quiet()
        seen.append("the session's own")

    def on_collection(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            seen.append("full")

    monkeypatch.setattr(gc_pause, "quiet_for_a_session", quiet)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        form = app.screen
        assert isinstance(form, QuickTimerScreen)
        gc.callbacks.append(on_collection)
        try:
            form.submit()
            await pilot.pause()
            await pilot.pause(0.3)  # past the latest a frame's queued work waits (0.1 s)
        finally:
            gc.callbacks.remove(on_collection)
        assert isinstance(app.screen, PlayerScreen)
    assert "the session's own" in seen
    assert seen[seen.index("the session's own") :] == ["the session's own"]


@pytest.mark.parametrize("first_key", [None, "t", "enter"])
async def test_the_next_screens_are_imported_once_home_is_quiet_and_only_there(
    mini_catalog, store, clock, monkeypatch, first_key
):
    """History's and trends' modules (plotext's charts: 25 ms of the first g) are imported at
    the quiet moment after start-up on home, before its collection freezes them; never under
    the quick timer's form, and never in a countdown."""
    from rehab_tui.tui import app as app_module

    seen: list[str] = []
    monkeypatch.setattr(app_module, "QUIET_AFTER_START_S", 0.3)
    monkeypatch.setattr(app_module, "import_next_screens", lambda: seen.append("imported"))
    monkeypatch.setattr(
        app_module, "resume_collection", lambda: seen.append(f"collected on {app.screen}")
    )
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if first_key is not None:
            await pilot.press(first_key)
        await pilot.pause(0.8)  # past the quiet moment, with room for a busy machine
        shown = type(app.screen)
        assert seen[-1] == f"collected on {app.screen}"
    expected = {None: ["imported"], "t": [], "enter": []}[first_key]
    assert seen[:-1] == expected
    assert shown is {None: HomeScreen, "t": QuickTimerScreen, "enter": PlayerScreen}[first_key]


async def test_start_up_s_quiet_moment_on_the_way_out_is_no_error(
    mini_catalog, store, clock, monkeypatch
):
    """q pressed as the quiet moment comes: the screens are gone when it runs; nothing to
    import, no error on the way out (a traceback at exit, before)."""
    from rehab_tui.tui import app as app_module

    seen: list[str] = []
    monkeypatch.setattr(app_module, "import_next_screens", lambda: seen.append("imported"))
    monkeypatch.setattr(app_module, "resume_collection", lambda: seen.append("collected"))
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert app.screen_stack == []  # as when q came just before the quiet moment
    app._start_up_over()
    assert seen == ["collected"]
