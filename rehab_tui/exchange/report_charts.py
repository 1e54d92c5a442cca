"""The html report's charts, drawn by pygal as inline SVG: pain during and the next morning
against the limit line, the dose of each session (time held; strength reps and the weight used),
time under load per week, the ladder step over time, the minutes run per week and the capacity
tests (heel raises and hops each side against the floor; VISA-A scores).

pygal is imported here only, and this module only when an html report is made, so the app's
start-up never pays for it. The SVG carries no script (pygal's tooltips load one from the web):
the report opens offline and shows the same in any browser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from rehab_tui.domain.record_types import CapacityRecord
from rehab_tui.domain.records import format_duration
from rehab_tui.domain.review import SessionRow, Week
from rehab_tui.domain.run_log import RunWeek

WIDTH, HEIGHT = 800, 320
DAY_FORMAT = "%d %b"  # the axis's short form of the report's "%d %b %Y"


def _style() -> Any:
    from pygal.style import Style

    return Style(
        background="white",
        plot_background="white",
        foreground="#222",
        foreground_strong="#222",
        foreground_subtle="#e4e4e4",  # the guides: faint beside the limit line
        guide_stroke_color="#e4e4e4",
        major_guide_stroke_color="#e4e4e4",
        guide_stroke_dasharray="1,0",
        major_guide_stroke_dasharray="1,0",
        font_family="system-ui, sans-serif",
        colors=("#c0392b", "#2e6fd6", "#2e8b57", "#8e44ad"),
        title_font_size=18,
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=14,
        value_font_size=12,
    )


def _config(title: str) -> dict[str, Any]:
    return {
        "title": title,
        "width": WIDTH,
        "height": HEIGHT,
        "style": _style(),
        "js": [],  # no tooltips script fetched from the web
        "disable_xml_declaration": True,  # inline in the html page
        "legend_at_bottom": True,
        "show_x_guides": False,
        "explicit_size": True,
        "truncate_label": -1,  # dates whole, never "wk of 19 O..."
    }


# pygal writes its config into a <script> for its tooltips even with js=[]: the report runs no
# script, so it goes (the chart is drawn by the SVG alone).
SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def _render(chart: Any) -> str:
    return SCRIPT.sub("", str(chart.render(is_unicode=True)))


def _day_label(ordinal: float) -> str:
    if ordinal < 1:  # pygal also formats an empty axis's placeholder positions
        return ""
    return date.fromordinal(round(ordinal)).strftime(DAY_FORMAT)


def _day_ticks(first: date, last: date) -> list[int]:
    """About six dates along a day axis, first and last included."""
    span = max(1, last.toordinal() - first.toordinal())
    step = max(1, span // 5)
    end = last.toordinal()
    ticks = list(range(first.toordinal(), end + 1, step))
    if ticks[-1] != end:  # the last day is named too; a date too close to it gives way
        if end - ticks[-1] <= step / 2:
            ticks.pop()
        ticks.append(end)
    return ticks


def pain_chart(rows: Sequence[SessionRow], limit: int) -> str:
    """Pain during and the next morning of each plan session (oldest first), 0-10, and the limit."""
    import pygal

    chart = pygal.XY(
        **{**_config(f"Pain during and next morning, 0-10 (limit {limit}/10)"), "height": 420},
        range=(0, 10),
        y_labels=list(range(11)),
        x_value_formatter=_day_label,
        dots_size=4,
    )
    days = [r.day for r in rows]
    chart.x_labels = _day_ticks(min(days), max(days)) if days else []
    chart.add("Pain during", [(r.day.toordinal(), r.pain) for r in rows if r.pain is not None])
    chart.add(
        "Next morning", [(r.day.toordinal(), r.morning) for r in rows if r.morning is not None]
    )
    if days:
        ends = (min(days).toordinal(), max(days).toordinal())
        chart.add(
            f"Limit {limit}/10",
            [(x, limit) for x in ends],
            show_dots=False,
            stroke_style={"width": 4},
        )
    return _render(chart)


def load_chart(weeks: Sequence[Week]) -> str:
    """Time under load per week, each bar labelled in minutes and seconds."""
    import pygal

    chart = pygal.Bar(
        **_config("Time under load per week (weeks from Monday)"),
        value_formatter=format_duration,
        y_title="minutes",
        print_values=True,
    )
    chart.x_labels = [f"{w.start:{DAY_FORMAT}}" for w in weeks]
    top = max((w.under_load_s for w in weeks), default=0)
    every = max(60, 60 * round(top / 60 / 4))
    chart.y_labels = [
        {"value": s, "label": f"{s // 60}"} for s in range(0, int(top) + every + 1, every)
    ]
    chart.add("Under load", [w.under_load_s for w in weeks])
    chart.show_legend = False
    return _render(chart)


def step_chart(rows: Sequence[SessionRow]) -> str:
    """The ladder step of each plan session as a staircase: one stair per dose change."""
    import pygal

    points = [(r.day.toordinal(), r.step, r.stage) for r in rows if r.step is not None]
    steps = sorted({p[1] for p in points if p[1] is not None})
    stage_of = {step: stage for _, step, stage in points}
    chart = pygal.XY(
        **_config("Ladder step over time (each change of dose)"),
        x_value_formatter=_day_label,
        range=(steps[0] - 0.5, steps[-1] + 0.5) if steps else (0, 1),
        dots_size=4,
    )
    chart.y_labels = [{"value": s, "label": f"step {s} (stage {stage_of[s]})"} for s in steps]
    stairs: list[tuple[int, int]] = []
    for x, step, _ in points:
        if step is None:
            continue
        if stairs:
            stairs.append((x, stairs[-1][1]))  # along at the old step, then up or down
        stairs.append((x, step))
    if points:
        chart.x_labels = _day_ticks(date.fromordinal(points[0][0]), date.fromordinal(points[-1][0]))
    chart.add("Ladder step", stairs)
    chart.show_legend = False
    return _render(chart)


def runs_chart(weeks: Sequence[RunWeek]) -> str:
    """Minutes run per week."""
    import pygal

    chart = pygal.Bar(
        **_config("Minutes run per week (weeks from Monday)"),
        print_values=True,
        value_formatter=lambda v: f"{v:g}",
    )
    chart.x_labels = [f"{w.start:{DAY_FORMAT}}" for w in weeks]
    chart.add("Minutes run", [w.minutes for w in weeks])
    chart.show_legend = False
    return _render(chart)


def _day_range(days: Sequence[date]) -> tuple[int, int]:
    """The x range of a day axis; a single day gets three days either side, so it is a point
    in the middle of the chart, not a zero-width axis."""
    first, last = min(days).toordinal(), max(days).toordinal()
    return (first - 3, last + 3) if first == last else (first, last)


def _day_axis(chart: Any, days: Sequence[date]) -> None:
    """The x axis of the sessions' charts: from the first session to the last, as the pain
    chart's, so the charts line up one above the other."""
    if days:
        chart.xrange = _day_range(days)
        chart.x_labels = _day_ticks(min(days), max(days))


def _nice_step(top: float, steps: int, choices: Sequence[float]) -> float:
    """The smallest of `choices` that reaches `top` in `steps` (else the largest)."""
    return next((c for c in choices if c * steps >= top), choices[-1])


def held_chart(rows: Sequence[SessionRow]) -> str:
    """The time held of each session with holds (hold seconds × sets, one leg)."""
    import pygal

    points = [(r.day.toordinal(), r.dose.held_s) for r in rows if r.dose.held_s]
    every = int(_nice_step(max((y for _, y in points), default=60), 4, (30, 60, 120, 300, 600)))
    chart = pygal.XY(
        **_config("Time held per session: hold seconds × sets, one leg"),
        x_value_formatter=_day_label,
        value_formatter=format_duration,
        y_title="time held",
        range=(0, 4 * every),
        dots_size=4,
    )
    chart.y_labels = [{"value": s, "label": _duration_label(s)} for s in range(0, 5 * every, every)]
    _day_axis(chart, [r.day for r in rows])
    chart.add("Time held", points)
    chart.show_legend = False
    return _render(chart)


def _duration_label(seconds: int) -> str:
    """ "0", "30 s", "2 min", "2 min 30 s"."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s" if rest else "0"
    return f"{minutes} min" if not rest else f"{minutes} min {rest} s"


def reps_chart(rows: Sequence[SessionRow]) -> str:
    """The strength reps of each session (all sets, one leg) and, on the right-hand axis, the
    heaviest weight used on a loaded exercise. The two axes share their four steps, so each
    grid line reads as a number of reps on the left and a weight on the right."""
    import pygal

    reps = [(r.day.toordinal(), r.dose.tempo_reps) for r in rows if r.dose.tempo_reps]
    weights = [(r.day.toordinal(), r.dose.top_kg) for r in rows if r.dose.top_kg is not None]
    rep_step = _nice_step(max((y for _, y in reps), default=0), 4, (5, 10, 15, 20, 25, 30, 50))
    kg_step = _nice_step(max((y for _, y in weights), default=0), 4, (1, 2.5, 5, 10, 20, 25, 50))
    chart = pygal.XY(
        **_config("Strength reps per session (all sets, one leg) and the weight used"),
        x_value_formatter=_day_label,
        value_formatter=lambda v: f"{v:g} kg",  # the right-hand axis; the left's are set below
        y_title="reps",
        range=(0, 4 * rep_step),
        secondary_range=(0, 4 * kg_step),
        dots_size=4,
    )
    chart.y_labels = [{"value": n * rep_step, "label": f"{n * rep_step:g}"} for n in range(5)]
    _day_axis(chart, [r.day for r in rows])
    chart.add("Reps, all sets (left axis)", reps, formatter=_day_value("reps"))
    if weights:
        chart.add(
            "Heaviest weight, kg (right axis)", weights, secondary=True, formatter=_day_value("kg")
        )
    return _render(chart)


def _day_value(unit: str) -> Callable[[tuple[float, float]], str]:
    """A series's own formatter for a point: "27 Feb: 72 reps" (the chart's formats the kg
    axis, which would call reps kilograms)."""
    return lambda point: f"{_day_label(point[0])}: {point[1]:g} {unit}"


def capacity_chart(tests: Sequence[CapacityRecord], floor: int) -> str:
    """Heel raises to fatigue on each side against the floor the profile sets, and the hop
    test's hops each side (of 10), test by test."""
    import pygal

    sided = [t for t in tests if t["kind"] != "visa_a"]
    days = [date.fromisoformat(t["date"]) for t in sided]
    most = max([floor, *(max(t["left"], t["right"]) for t in sided)])
    chart = pygal.XY(
        **{**_config("Capacity tests: heel raises to fatigue and hops, each side"), "height": 380},
        x_value_formatter=_day_label,
        value_formatter=lambda v: f"{v:g}",
        y_title="count",
        range=(0, 5 * (most // 5 + 1)),
        y_labels=list(range(0, 5 * (most // 5 + 1) + 1, 5)),
        truncate_legend=-1,  # "Heel-raise floor, 20 a side" whole
        dots_size=5,
    )
    _day_axis(chart, days)
    for kind, words in (("heel_raise", "Heel raises"), ("hop", "Hops (of 10)")):
        for side in ("left", "right"):
            of_kind = [t for t in sided if t["kind"] == kind]
            chart.add(
                f"{words}, {side}",
                [(date.fromisoformat(t["date"]).toordinal(), t[side]) for t in of_kind],
            )
    if days:
        chart.add(
            f"Heel-raise floor, {floor} a side",
            [(x, floor) for x in _day_range(days)],
            show_dots=False,
            stroke_style={"width": 3, "dasharray": "6,4"},
        )
    return _render(chart)


def visa_a_chart(tests: Sequence[CapacityRecord]) -> str:
    """The VISA-A scores over time, 0-100 (healthy is above 90)."""
    import pygal

    scores = [(date.fromisoformat(t["date"]), t["score"]) for t in tests if t["kind"] == "visa_a"]
    days = [d for d, _ in scores]
    chart = pygal.XY(
        **{**_config("VISA-A score, 0-100 (healthy is above 90)"), "height": 260},
        x_value_formatter=_day_label,
        range=(0, 100),
        y_labels=list(range(0, 101, 20)),
        dots_size=5,
    )
    _day_axis(chart, days)
    chart.add("VISA-A score", [(d.toordinal(), score) for d, score in scores])
    if days:
        chart.add(
            "Healthy: above 90",
            [(x, 90) for x in _day_range(days)],
            show_dots=False,
            stroke_style={"width": 3, "dasharray": "6,4"},
        )
    return _render(chart)
