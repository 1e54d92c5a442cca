"""Words as a runner reads them: counts that agree with their nouns, wrapped lines that hang
under their text, and cues never split mid-phrase."""

from __future__ import annotations

from datetime import datetime

from rehab_tui.domain.records import new_session
from rehab_tui.exchange.report import trend_text
from rehab_tui.services.rehab import Rehab
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.resume import ResumeScreen
from rehab_tui.tui.screens.player import PlayerScreen
from rehab_tui.tui.widgets.cue_line import CueLine

SIZE = (80, 24)


def one_session_logged(catalog, store, clock) -> Rehab:
    rehab = Rehab(store, catalog, clock)
    rehab.log_session(rehab.today(), 1, "")
    return rehab


def lines_of(widget) -> list[str]:
    return [widget.render_line(y).text.rstrip() for y in range(widget.region.height)]


async def test_one_session_and_a_one_day_streak_in_history_and_trends(catalog, store, clock):
    one_session_logged(catalog, store, clock)
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        head = str(app.screen.query_one("#history-head").content)
        assert head.startswith("1 session ·") and "streak: 1 day" in head
        assert "streak: 1 days" not in head
        await pilot.press("escape", "g")
        await pilot.pause()
        head = str(app.screen.query_one("#trends-head").content)
        assert "· 1 session ·" in head and "streak 1 day (" in head


def test_the_report_says_1_training_day(catalog, store, clock):
    rehab = one_session_logged(catalog, store, clock)
    text = trend_text(list(rehab.trends(12).rows), rehab.today())
    assert "Current streak: 1 training day (" in text


async def test_one_saved_set_of_an_unfinished_session_was_saved(catalog, store, clock):
    step = catalog.ladder[0]
    session = new_session(step.exercises, datetime(2026, 3, 3, 7).astimezone(), step)
    first = session["exercises"][0]
    first["sets"] = [
        {
            "set": 1,
            "side": None,
            "planned": first["planned"]["hold_s"],
            "done": first["planned"]["hold_s"],
            "skipped": False,
            "paused_s": 0.0,
            "completed_at": "2026-03-03T07:01:00+00:00",
        }
    ]
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ResumeScreen(session, True))
        await pilot.pause()
        detail = str(app.screen.query_one(".detail").content)
        assert "; 1 of 10 sets was saved." in detail


async def test_wrapped_plan_lines_hang_under_their_text(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = lines_of(app.screen.query_one("#plan"))
        why = next(n for n, line in enumerate(lines) if line.startswith("  Why: "))
        assert lines[why + 1].startswith(" " * len("  Why: ") + "calm"), lines[why : why + 2]
        how_to = next(n for n, line in enumerate(lines) if line.startswith("   Stand tall"))
        assert lines[how_to + 1].startswith("   knees straight"), lines[how_to : how_to + 2]
        # No continuation line starts at column 0 but a heading's, an empty one or "Press".
        indented = ("  ", "Today", "Running", "Next", "Press", "1.", "2.")
        assert all(not line or line.startswith(indented) for line in lines), lines


async def test_cues_are_never_split_mid_phrase(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        cue_line = app.screen.query_one(CueLine)
        for exercise in catalog.exercises.values():
            if len(exercise.cues) < 2:
                continue
            cue_line.show(exercise.cues)
            await pilot.pause()
            lines = lines_of(cue_line)
            assert len(lines) >= 1 and all(
                len(line) <= cue_line.content_size.width for line in lines
            )
            for line in lines:
                for cue in line.strip().split(" · "):
                    assert cue in cue_line.cues or len(cue) > cue_line.content_size.width, (
                        exercise.id,
                        lines,
                    )
