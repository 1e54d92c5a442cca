"""The physio report: charts in the html (inline SVG, no script, pygal loaded only to make one),
text in the markdown, tests and quick timers counted apart from plan sessions, plain words, one
date format, and a second export of the day under a new name."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, date, datetime

from rehab_tui.domain.records import logged_session
from rehab_tui.exchange.export import render
from rehab_tui.services.planning import load_profile, plan_for
from rehab_tui.services.rehab import Rehab
from rehab_tui.storage.store import Store
from tests.history_data import add_off_plan_sessions, fill_weeks

LAST = date(2026, 3, 1)
NOW = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)


def report(store: Store, catalog, fmt: str) -> str:
    plan = plan_for(store, catalog, NOW.date())
    return render(fmt, store, plan, load_profile(store), NOW, sets=False)


def filled(store: Store, catalog) -> Store:
    fill_weeks(store, catalog, LAST)
    add_off_plan_sessions(store, catalog, LAST)  # the hop test's pain (1/10) is not the latest
    return store


def test_the_html_draws_each_trend_as_an_inline_svg_chart(store, catalog):
    page = report(filled(store, catalog), catalog, "html")
    charts = re.findall(r"<figure[^>]*>(.*?)</figure>", page, re.S)
    # pain, time held (holds only: no reps chart), time under load, ladder step, and the heel-raise
    # test's chart (no runs: no run chart)
    assert len(charts) == 5
    assert all(chart.lstrip().startswith("<svg") for chart in charts)
    pain, held, load, step, tests = charts
    assert "Pain during" in pain and "Next morning" in pain and "Limit 3/10" in pain
    assert "15 min 00 s" in load  # a week's bar labelled in minutes and seconds
    assert "step 4 (stage 1)" in step and "step 1 (stage 1)" in step
    assert "Time held per session" in held and "Heel raises, left" in tests
    assert "<script" not in page and "http://kozea" not in page  # opens offline, runs nothing
    assert "▁" not in page  # the character sparklines are the markdown's


def test_the_markdown_keeps_the_trends_as_text(store, catalog):
    text = report(filled(store, catalog), catalog, "md")
    assert "<svg" not in text and "latest 1/10" in text
    assert "Week of" in text


def test_runs_get_a_chart_of_minutes_per_week(store, catalog):
    filled(store, catalog)
    store.add_run(
        {"id": "20260301-090000-aaaaaa", "started_at": "2026-03-01T09:00:00+00:00",
         "minutes": 20.0, "km": 3.1, "pain": 1, "kind": "walk", "level": None, "note": ""}
    )  # fmt: skip
    page = report(store, catalog, "html")
    assert len(re.findall("<figure", page)) == 6 and "Minutes run per week" in page  # 5 + runs


def test_tests_and_timers_are_counted_apart_and_never_the_latest_pain(store, catalog):
    filled(store, catalog)
    for fmt in ("md", "html"):
        text = report(store, catalog, fmt)
        assert "18 plan sessions, 1 routine session, 1 quick timer, 1 hop test" in text
        assert "hop test" in text and "left 9, right 10" in text
    text = report(store, catalog, "md")
    assert "latest 1/10" in text  # the last plan session's, not the routine's 2/10 after it


def test_plain_words_and_one_date_format(store, catalog):
    filled(store, catalog)
    started = datetime(2026, 2, 28, 7, 0, tzinfo=UTC)
    plan = plan_for(store, catalog, started.date())
    store.add_session(logged_session(plan.exercises, started, plan.step, 9, "flare"))
    for fmt in ("md", "html"):
        text = report(store, catalog, fmt)
        assert "Tendinopathy: mid-portion" in text
        assert "RED" not in text
        assert ("| red |" if fmt == "md" else "<td>red</td>") in text
        assert "2026-03-01" not in text and "Sun 01 Mar" not in text
        assert "01 Mar 2026" in text and "Achilles rehab report, 02 Mar 2026" in text


def test_a_second_export_the_same_day_gets_a_new_name(store, catalog, clock, tmp_path):
    rehab = Rehab(store, catalog, clock)
    first = rehab.export_path(tmp_path, "html")
    rehab.export_to(first, "html")
    second = rehab.export_path(tmp_path, "html")
    assert second != first and second.name == first.stem + "-2.html"
    rehab.export_to(second, "html")
    assert rehab.export_path(tmp_path, "html").name == first.stem + "-3.html"
    assert first.exists() and second.exists()


def test_pygal_is_loaded_only_when_an_html_report_is_made():
    code = (
        "import sys, rehab_tui.tui.app, rehab_tui.cli.main, rehab_tui.exchange.report\n"
        "assert 'pygal' not in sys.modules, 'pygal loaded at start-up'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
