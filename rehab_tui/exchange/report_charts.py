"""The html report's charts, drawn by pygal as inline SVG: pain during and the next morning
against the limit line, time under load per week, the ladder step over time and the minutes run
per week.

pygal is imported here only, and this module only when an html report is made, so the app's
start-up never pays for it. The SVG carries no script (pygal's tooltips load one from the web):
the report opens offline and shows the same in any browser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

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
    return list(range(first.toordinal(), last.toordinal() + 1, step))


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
