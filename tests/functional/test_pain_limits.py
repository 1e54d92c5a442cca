"""The profile's pain limits, followed by every screen, cue, chart and report.

With the Silbernagel limits a pain of 4/10 is green everywhere (the pain scale, the summary,
history, a session's detail, trends and the physio report) and nothing quotes 3/10; with the
strict limits (the default) the same session is amber everywhere.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from rich.console import Console
from rich.text import Text
from textual.widgets import DataTable, Label

from rehab_tui.cli.main import main
from rehab_tui.domain.pain import PAIN_SCALE, PainZone
from rehab_tui.domain.quick import QuickTimer
from rehab_tui.domain.records import checkin_record, logged_session, new_session
from rehab_tui.exchange.export import render
from rehab_tui.services.planning import load_profile, plan_for
from rehab_tui.storage import locations
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.checkin import CheckinScreen
from rehab_tui.tui.screens.history import HistoryScreen
from rehab_tui.tui.screens.home import HomeScreen
from rehab_tui.tui.screens.pain import PainScreen
from rehab_tui.tui.screens.player import PlayerScreen
from rehab_tui.tui.screens.session_detail import SessionDetailScreen
from rehab_tui.tui.screens.summary import SummaryScreen
from rehab_tui.tui.screens.trends import TrendsScreen
from rehab_tui.tui.widgets.pain_scale import CELL_WIDTH, PainScale, zone_colour

SIZE = (80, 24)
# (choice, the zone of a 4/10 session with a good next morning, the green limit)
CHOICES = [("strict", "amber", 3), ("silbernagel", "green", 5)]


def choose(store, choice: str) -> None:
    store.set_setting("profile", {"tendinopathy": "midportion", "baseline": 0, "limits": choice})


def plain(renderable) -> str:
    console = Console(width=120, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def zone_by_colour(app, style: str) -> PainZone:
    """The zone whose theme colour `style` uses."""
    (zone,) = [z for z in PainZone if zone_colour(app.theme_variables, z) in style]
    return zone


def styles_at(text: Text, offset: int) -> str:
    return " ".join(str(span.style) for span in text.spans if span.start <= offset < span.end)


def scale_zones(scale: PainScale) -> tuple[list[PainZone], str]:
    """The zone each number of the scale is painted in, and the words beneath them."""
    numbers, _, words = scale.render().split("\n")
    middle = CELL_WIDTH // 2
    painted = [
        zone_by_colour(scale.app, styles_at(numbers, n * CELL_WIDTH + middle)) for n in PAIN_SCALE
    ]
    return painted, words.plain


def home_text(app) -> str:
    return str(app.screen.query_one("#plan").content)


async def test_with_the_silbernagel_limits_4_is_green_from_player_to_summary(
    mini_catalog, store, clock
):
    choose(store, "silbernagel")
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        assert "a brisk 30-minute walk with pain at 5/10 or less" in home_text(app)
        await pilot.press("enter")
        clock.advance(5)  # the lead-in: now the first hold
        app.screen.update_now()
        await pilot.pause()
        assert str(app.screen.query_one("#detail", Label).content) == "Keep pain at 5/10 or less"
        await pilot.press("q", "y")
        assert isinstance(app.screen, PainScreen)
        scale = app.screen.query_one(PainScale)
        await pilot.press("4")
        painted, words = scale_zones(scale)
        assert painted == [PainZone.GREEN] * 6 + [PainZone.RED] * 5
        assert "green: OK" in words[: 6 * CELL_WIDTH] and "red: ease off" in words
        assert "amber" not in words
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        head = app.screen.query_one("#summary-head").content
        assert isinstance(head, Text) and "Pain: 4/10 (green)" in head.plain
        assert zone_by_colour(app, styles_at(head, head.plain.index("4/10"))) is PainZone.GREEN


async def test_with_the_strict_limits_the_scale_and_summary_are_as_before(
    mini_catalog, store, clock
):
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "q", "y", "4")
        painted, words = scale_zones(app.screen.query_one(PainScale))
        assert painted == [PainZone.GREEN] * 4 + [PainZone.AMBER] * 2 + [PainZone.RED] * 5
        assert words.split() == ["green:", "OK", "amber:", "hold", "red:", "ease", "off"]
        await pilot.press("enter")
        await pilot.pause()
        head = app.screen.query_one("#summary-head").content
        assert "Pain: 4/10 (amber)" in head.plain
        assert zone_by_colour(app, styles_at(head, head.plain.index("4/10"))) is PainZone.AMBER


async def test_the_morning_check_in_scale_follows_the_limits(mini_catalog, store, clock):
    choose(store, "silbernagel")
    step = mini_catalog.ladder[0]
    done = new_session(step.exercises, datetime(2026, 3, 2, 18, tzinfo=UTC), step)
    store.start_session(done)
    store.finish_session(done["id"], ended_at=done["started_at"], completed=True, pain=2)
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, CheckinScreen)
        painted, _ = scale_zones(app.screen.query_one(PainScale))
        assert painted[4] is PainZone.GREEN and painted[6] is PainZone.RED


async def test_the_quick_timers_cue_follows_the_limits(mini_catalog, store, clock):
    choose(store, "silbernagel")
    app = RehabApp(mini_catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.start_quick_timer(QuickTimer(hold=30, sets=1))
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert "Keep pain at 5/10 or less" in str(app.screen.query_one("#cues", Label).content)


class Recorder:
    """Stands in for plotext: remembers what a chart was asked to draw."""

    def __init__(self) -> None:
        self.calls: dict[str, tuple] = {}

    def __getattr__(self, name: str):
        def record(*args, **kwargs) -> None:
            self.calls[name] = args

        return record


def with_a_4_out_of_10_session(store, catalog) -> None:
    """Sunday's session hurt 4/10, and Monday morning was back to the usual 0."""
    day = date(2026, 3, 1)
    plan = plan_for(store, catalog, day)
    started = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)
    store.add_session(logged_session(plan.exercises, started, plan.step, 4, "stiff"))
    store.add_checkin(checkin_record(date(2026, 3, 2), 0, None))


@pytest.mark.parametrize(("choice", "zone", "limit"), CHOICES)
async def test_history_detail_trends_and_report_follow_the_limits(
    catalog, store, clock, choice, zone, limit
):
    choose(store, choice)
    with_a_4_out_of_10_session(store, catalog)
    app = RehabApp(catalog, store, clock)
    shown = []
    async with app.run_test(size=SIZE) as pilot:
        shown.append(home_text(app))
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        row = [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(0)]
        assert row[4] == "4/10" and row[6] == f"● {zone}"
        shown.append(" ".join(row))
        await pilot.press("enter")
        assert isinstance(app.screen, SessionDetailScreen)
        detail = plain(app.screen.query_one("#session-detail").content)
        assert f"outcome: ● {zone} (pain 4/10 on Sun 1 Mar" in detail
        shown.append(detail)
        await pilot.press("escape", "g")
        await pilot.pause()
        trends = app.screen
        assert isinstance(trends, TrendsScreen)
        chart = Recorder()
        trends.draw_pain(chart)
        assert chart.calls["hline"] == (limit, "green")
        assert chart.calls["yticks"] == (list(range(11)),)  # every rating, the limit its line
        assert f"your limit {limit}/10" in chart.calls["title"][0]
        shown.append(chart.calls["title"][0])
        plan = app.rehab.plan()
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, HomeScreen)
    shown += [*plan.reasons, plan.run_advice.text]
    for fmt in ("md", "html"):
        report = render(fmt, store, plan, load_profile(store), clock.wall(), False)
        assert f"green up to {limit}/10 during a session" in report
        assert f"| 4/10 | 0/10 | {zone} |" in report or f"<td>{zone}</td>" in report
        shown.append(report)
    if choice == "silbernagel":
        assert not [text for text in shown if "3/10" in text]


def test_the_cli_help_and_example_routine_follow_the_limits(store, monkeypatch, capsys):
    with pytest.raises(SystemExit):
        main(["setup", "--help"])
    words = " ".join(capsys.readouterr().out.split())
    assert "strict: pain 3/10 or less (default); silbernagel: pain 5/10 or less" in words
    choose(store, "silbernagel")
    copy = locations.routines_file().with_name("seen.yaml")
    monkeypatch.setenv("EDITOR", f"sh -c 'cp \"$0\" {copy}'")  # what the editor is shown
    assert main(["routines", "--edit"]) == 0
    example = copy.read_text()
    assert "stop if the pain goes above 5/10" in example and "3/10" not in example
