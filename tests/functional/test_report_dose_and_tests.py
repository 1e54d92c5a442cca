"""The html report's dose charts (time held; strength reps and the weight used) and capacity-test
charts (heel raises and hops each side against the floor; VISA-A scores) are inline SVG with
the expected series; the markdown keeps the dose as text and the tests as their table."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from rehab_tui.exchange.export import render
from rehab_tui.services.planning import load_profile, plan_for
from rehab_tui.storage.store import Store
from tests.history_data import fill_dose_weeks

NOW = datetime(2026, 3, 3, 20, 0, tzinfo=UTC)
TESTS = [  # (date, left, right, kind)
    ("2026-02-12", 14, 22, "heel_raise"),
    ("2026-02-24", 18, 24, "heel_raise"),
    ("2026-02-25", 8, 10, "hop"),
    ("2026-03-02", 21, 25, "heel_raise"),
    ("2026-03-02", 10, 10, "hop"),
]


def filled(store: Store, catalog, visa_a: bool = True) -> Store:
    fill_dose_weeks(store, catalog, NOW.date())
    for n, (day, left, right, kind) in enumerate(TESTS):
        store.add_test(
            {"id": f"t{n}", "date": day, "kind": kind, "left": left, "right": right, "pain": 2}
        )
    if visa_a:
        store.add_test({"id": "v1", "date": "2026-02-12", "kind": "visa_a", "score": 62})
        store.add_test({"id": "v2", "date": "2026-03-02", "kind": "visa_a", "score": 74})
    return store


def report(store: Store, catalog, fmt: str) -> str:
    plan = plan_for(store, catalog, NOW.date())
    return render(fmt, store, plan, load_profile(store), NOW, sets=False)


def figures(page: str) -> dict[str, str]:
    """Each chart's SVG by its figure's label."""
    found = re.findall(r'<figure role="img" aria-label="([^"]*)">(.*?)</figure>', page, re.S)
    return dict(found)


def series(svg: str) -> dict[str, list[str]]:
    """Each series's values as pygal writes them ("12 Feb: 14"), by its legend's name (or its
    number, for a chart without a legend); a line drawn without dots has none."""
    names = dict(re.findall(r'id="activate-serie-(\d+)".*?<text[^>]*>([^<]*)</text>', svg, re.S))
    overlay = svg[svg.index('class="plot overlay"') :]
    parts = re.split(r'<g class="series serie-(\d+) color-\d+">', overlay)[1:]
    values: dict[str, list[str]] = {name: [] for name in names.values()}  # lines have no dots
    for number, body in zip(parts[::2], parts[1::2], strict=True):
        body = re.split(r'<g class="series serie-', body)[0]
        values[names.get(number, number)] = re.findall(r'<desc class="value">([^<]*)</desc>', body)
    return values


def test_the_html_charts_the_dose_of_each_session(store, catalog):
    charts = figures(report(filled(store, catalog), catalog, "html"))
    held = charts["Time held per session"]
    assert held.lstrip().startswith("<svg") and "hold seconds × sets, one leg" in held
    assert series(held)["0"] == ["11 Feb: 7 min 30 s", "13 Feb: 7 min 30 s"]
    assert ">8 min<" in held and ">480<" not in held  # the axis in minutes
    reps = charts["Strength reps and weight per session"]
    drawn = series(reps)
    assert drawn["Reps, all sets (left axis)"][0] == "15 Feb: 90 reps"
    assert drawn["Reps, all sets (left axis)"][-3:] == [
        "27 Feb: 72 reps",
        "01 Mar: 60 reps",
        "03 Mar: 60 reps",
    ]
    assert drawn["Heaviest weight, kg (right axis)"] == [
        "23 Feb: 5 kg",
        "25 Feb: 7.5 kg",
        "27 Feb: 10 kg",
        "01 Mar: 12.5 kg",
        "03 Mar: 12.5 kg",
    ]
    assert re.search(r'class="axis y2">.*?>20 kg<', reps, re.S)  # the weight's own axis
    # every session chart spans the same days as the pain chart
    pain_days = re.findall(
        r">(\d\d \w\w\w)</text>", charts["Pain during and next morning against the limit"]
    )
    assert re.findall(r">(\d\d \w\w\w)</text>", held) == pain_days


def test_the_html_charts_the_capacity_tests_against_the_floor(store, catalog):
    charts = figures(report(filled(store, catalog), catalog, "html"))
    tests = charts["Heel raises and hops each side, test by test, against the floor of 20"]
    drawn = series(tests)
    assert drawn["Heel raises, left"] == ["12 Feb: 14", "24 Feb: 18", "02 Mar: 21"]
    assert drawn["Heel raises, right"] == ["12 Feb: 22", "24 Feb: 24", "02 Mar: 25"]
    assert drawn["Hops (of 10), left"] == ["25 Feb: 8", "02 Mar: 10"]
    assert drawn["Hops (of 10), right"] == ["25 Feb: 10", "02 Mar: 10"]
    assert "Heel-raise floor, 20 a side" in drawn  # drawn as a line, whole in the legend
    visa = series(charts["VISA-A scores over time"])
    assert visa["VISA-A score"] == ["12 Feb: 62", "02 Mar: 74"] and "Healthy: above 90" in visa


def test_the_floor_is_the_profiles_and_no_visa_a_chart_without_a_score(store, catalog):
    filled(store, catalog, visa_a=False)
    store.set_setting(
        "profile",
        {"tendinopathy": "midportion", "baseline": 0, "limits": "strict", "heel_raise_floor": 25},
    )
    charts = figures(report(store, catalog, "html"))
    assert "Heel-raise floor, 25 a side" in series(
        charts["Heel raises and hops each side, test by test, against the floor of 25"]
    )
    assert "VISA-A scores over time" not in charts


def test_the_markdown_keeps_the_dose_as_text_and_the_tests_as_a_table(store, catalog):
    text = report(filled(store, catalog), catalog, "md")
    assert "<svg" not in text
    assert "11 Feb 2026  7 min 30 s held" in text
    assert "15 Feb 2026  90 reps\n" in text  # one line per change of dose, not per session
    assert "17 Feb 2026  90 reps" not in text
    assert "01 Mar 2026  60 reps · 12.5 kg" in text
    assert "| 02 Mar 2026 | Heel raises to fatigue: left 21, right 25" in text


def test_a_routines_dose_is_charted_and_named_in_the_text(store, catalog):
    from rehab_tui.domain.library import Dose, PlannedExercise, Tempo
    from rehab_tui.domain.record_types import SessionKind
    from rehab_tui.domain.records import logged_session

    filled(store, catalog)
    raise_ = catalog.exercises["loaded-single-raise"]
    planned = (PlannedExercise(raise_, Dose(sets=3, rest_s=150, reps=12, tempo=Tempo(3, 0, 3, 0))),)
    heavy = logged_session(planned, datetime(2026, 3, 2, 18, tzinfo=UTC), None, 2, "")
    heavy.update(kind=SessionKind.ROUTINE, routine="Physio heavy day")
    heavy["exercises"][0]["load_kg"] = 20.0
    store.add_session(heavy)
    weights = series(
        figures(report(store, catalog, "html"))["Strength reps and weight per session"]
    )
    assert "02 Mar: 20 kg" in weights["Heaviest weight, kg (right axis)"]
    text = report(store, catalog, "md")
    assert "02 Mar 2026  Physio heavy day: 36 reps · 20 kg" in text


def test_the_runs_chart_starts_at_the_week_of_the_first_run(store, catalog):
    filled(store, catalog)
    store.add_run(
        {"id": "20260302-090000-aaaaaa", "started_at": "2026-03-02T09:00:00+00:00",
         "minutes": 20.0, "km": 3.1, "pain": 1, "kind": "walk", "level": None, "note": ""}
    )  # fmt: skip
    chart = figures(report(store, catalog, "html"))["Minutes run per week"]
    assert ">02 Mar<" in chart and ">23 Feb<" not in chart  # not five empty weeks before it
    text = report(store, catalog, "md")
    assert "02 Mar 2026     1       20" in text and "26 Jan 2026" not in text.split("Week of")[-1]
