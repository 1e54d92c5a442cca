"""The report for a physiotherapist: where the plan stands and why, recent sessions, trends,
runs, capacity tests and notes; rendered as markdown or html.

The content is built once as a list of blocks, so the two renderings say the same thing: the
html draws the trends, the dose of each session and the capacity tests as charts (report_charts,
inline SVG by pygal, made only for an html report), the markdown keeps them as text (the tests
as their table, which the html shows too). Pain trends are the plan sessions' (a test or a quick
timer is counted apart, never as "the latest pain"); every date reads "01 Mar 2026".
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from rehab_tui.domain.loading import loaded_line
from rehab_tui.domain.plan import Plan
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.record_types import CapacityRecord, RunRecord, SessionKind, SessionRecord
from rehab_tui.domain.records import format_duration
from rehab_tui.domain.review import (
    NO_DOSE,
    SessionRow,
    describe_test,
    dose_changes,
    streak,
    weekly,
)
from rehab_tui.domain.run_log import describe_kind, newest_first, weekly_runs
from rehab_tui.domain.spacing import run_day
from rehab_tui.domain.text import plural, printable

REPORT_WEEKS = 6
TENDINOPATHY_WORDS = {"midportion": "mid-portion", "insertional": "insertional"}


def day_text(day: date) -> str:
    """The report's one date format."""
    return f"{day:%d %b %Y}"


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Pre:
    text: str
    markdown_only: bool = False  # text the html draws as a chart instead


@dataclass(frozen=True)
class Chart:
    """A chart for the html only: `draw` makes its SVG when the html is rendered."""

    alt: str
    draw: Callable[[], str] = field(compare=False)


Block = Heading | Para | Table | Pre | Chart
SPARKS = "▁▂▃▄▅▆▇█"


def report_blocks(
    profile: Profile,
    plan: Plan,
    rows: list[SessionRow],
    tests: list[CapacityRecord],
    today: date,
    sessions: Sequence[SessionRecord] = (),
    runs: Sequence[RunRecord] = (),
) -> list[Block]:
    """The report's content, rendered as markdown or html by the functions below; `sessions`
    (the records behind `rows`) give the weights used on loaded exercises."""
    blocks: list[Block] = [
        Heading(f"Achilles rehab report, {day_text(today)}"),
        Para(
            f"Tendinopathy: {TENDINOPATHY_WORDS.get(profile.tendinopathy, profile.tendinopathy)}. "
            f"Usual morning pain: {profile.baseline}/10. "
            f"Pain limits: {profile.limits} ({profile.pain_limits.green_during})."
        ),
        Heading("Where things stand"),
        Para(
            f"Stage {plan.step.stage} ({plan.stage_name}), step {plan.step.index + 1} of the "
            f"ladder{', maintenance' if plan.phase == 'maintenance' else ''}. Next session: "
            f"{plan.decision.value}. Sessions that count: {plan.frequency}."
        ),
        *[Para(f"Why: {reason}") for reason in plan.reasons],
        *[
            Para(line)
            for line in (plan.retest_due, plan.discharge)  # the gate is among the reasons
            if line
        ],
        Para(f"Running: {plan.run_advice.verdict}. {plan.run_advice.text}"),
    ]
    blocks += recent_sessions(rows, today)
    blocks += recent_weights(sessions, today)
    plan_rows = [r for r in rows if r.kind == SessionKind.PLAN]
    # The dose is every session's that had one (a routine, a quick timer: load all the same).
    dosed = [r for r in rows if r.kind == SessionKind.PLAN or r.dose != NO_DOSE]
    blocks += [Heading("Trends"), *trend_charts(plan_rows, profile, today, dosed)]
    blocks.append(Pre(trend_text(plan_rows, today), markdown_only=True))
    blocks += dose_text(dosed, today)
    blocks += recent_runs(runs, today)
    blocks += capacity_tests(tests, profile.heel_raise_floor)
    noted = [r for r in rows if r.note][:20]
    blocks.append(Heading("Notes"))
    blocks += [Para(f"{day_text(r.day)}: {r.note}") for r in noted] or [Para("No notes.")]
    blocks.append(
        Para(
            "Made by rehab-tui from the runner's own records. Outcome: green = pain within the "
            "limit and back to usual by the next morning; amber = a little over; red = well over; "
            "pending = no next-morning check-in."
        )
    )
    return blocks


def capacity_tests(tests: list[CapacityRecord], floor: int) -> list[Block]:
    """Every capacity-test result, newest first; the html charts them too (heel raises and hops
    each side against the heel-raise `floor`, and VISA-A scores when there are some)."""
    if not tests:
        return [Heading("Capacity tests"), Para("No capacity tests recorded yet.")]
    ordered = sorted(tests, key=lambda t: t["date"])
    table = [[day_text(date.fromisoformat(t["date"])), describe_test(t)] for t in reversed(ordered)]
    sided = f"Heel raises and hops each side, test by test, against the floor of {floor}"
    charts = [Chart(sided, _chart("capacity_chart", ordered, floor))]
    if all(t["kind"] == "visa_a" for t in ordered):
        charts = []
    if any(t["kind"] == "visa_a" for t in ordered):
        charts.append(Chart("VISA-A scores over time", _chart("visa_a_chart", ordered)))
    return [Heading("Capacity tests"), *charts, Table(["Date", "Result"], table)]


def _chart(name: str, *args: object) -> Callable[[], str]:
    """Draws report_charts.`name`(*args) when the html is rendered (pygal is imported then)."""

    def draw() -> str:
        from rehab_tui.exchange import report_charts

        drawn: str = getattr(report_charts, name)(*args)
        return drawn

    return draw


def recent_sessions(rows: list[SessionRow], today: date) -> list[Block]:
    """The sessions of the last REPORT_WEEKS weeks, one table row each, newest first."""
    recent = [r for r in rows if (today - r.day).days < REPORT_WEEKS * 7]
    heading = Heading(f"Sessions in the last {REPORT_WEEKS} weeks")
    if not recent:
        return [heading, Para("No sessions in these weeks.")]
    header = ["Date", "Session", "Sets", "Under load", "Pain", "Next morning", "Outcome", "Note"]
    table = [
        [
            day_text(r.day),
            r.label,
            r.result or f"{r.done}/{r.planned}",
            "–" if r.kind == SessionKind.TEST else format_duration(r.under_load_s),
            "–" if r.pain is None else f"{r.pain}/10",
            "–" if r.morning is None else f"{r.morning}/10",
            outcome_word(r),
            r.note,
        ]
        for r in recent
    ]
    return [heading, Para(kinds_counted(recent)), Table(header, table)]


def outcome_word(row: SessionRow) -> str:
    """The outcome in lower case; "–" for a session off the plan still waiting (no next morning
    judges a test or a quick timer)."""
    if row.kind != SessionKind.PLAN and row.outcome.value == "pending":
        return "–"
    return row.outcome.value


def kinds_counted(rows: Sequence[SessionRow]) -> str:
    """ "8 plan sessions, 1 hop test, 1 quick timer": each kind counted apart."""
    plan = sum(1 for r in rows if r.kind == SessionKind.PLAN)
    others: dict[str, int] = {}
    for row in rows:
        if row.kind != SessionKind.PLAN:
            word = "routine session" if row.kind == SessionKind.ROUTINE else row.label
            others[word] = others.get(word, 0) + 1
    parts = [plural(plan, "plan session")] + [plural(n, word) for word, n in others.items()]
    return ", ".join(parts) + " (only plan sessions move the ladder)."


def trend_charts(
    plan_rows: list[SessionRow], profile: Profile, today: date, dosed: list[SessionRow]
) -> list[Block]:
    """The html's charts of the plan sessions of the last 12 weeks (from the first with data),
    and the dose of the `dosed` sessions (the plan's and any other with a dose)."""
    from rehab_tui.domain.review import weeks_with_data

    recent = [r for r in reversed(plan_rows) if (today - r.day).days < 12 * 7]  # oldest first
    weeks = weekly(recent, weeks_with_data(recent, 12, today), today)
    pain = _chart("pain_chart", recent, profile.pain_limits.green_max)
    dose_rows = [r for r in reversed(dosed) if (today - r.day).days < 12 * 7]
    doses = [r.dose for r in dose_rows]  # each dose chart only when the weeks hold that work
    held = [Chart("Time held per session", _chart("held_chart", dose_rows))]
    reps = [Chart("Strength reps and weight per session", _chart("reps_chart", dose_rows))]
    return [
        Chart("Pain during and next morning against the limit", pain),
        *(held if any(d.held_s for d in doses) else []),
        *(reps if any(d.tempo_reps or d.top_kg is not None for d in doses) else []),
        Chart("Time under load per week", _chart("load_chart", weeks)),
        Chart("Ladder step over time", _chart("step_chart", recent)),
    ]


def dose_text(dosed: list[SessionRow], today: date, weeks: int = 12) -> list[Block]:
    """The markdown's form of the dose charts: each change of dose, oldest first (review.
    dose_changes: "01 Mar 2026  7 min 30 s held · 60 reps · 12.5 kg")."""
    recent = [r for r in reversed(dosed) if (today - r.day).days < weeks * 7]
    lines = [f"{day_text(row.day)}  {words}" for row, words in dose_changes(recent)]
    head = "Dose at each change, one leg (time held = hold × sets; reps of all sets; heaviest kg):"
    return [Pre("\n".join([head, *lines]), markdown_only=True)] if lines else []


def recent_weights(sessions: Sequence[SessionRecord], today: date) -> list[Block]:
    """The weights used on loaded exercises in the last REPORT_WEEKS weeks, newest first, one
    line per exercise ("Mon 23 Nov: Loaded single-leg heel raise: 3 × 6 each side, 12.5 kg");
    nothing when none was recorded."""
    lines = []
    for session in sorted(sessions, key=lambda s: s["started_at"], reverse=True):
        day = date.fromisoformat(session["started_at"][:10])
        if (today - day).days >= REPORT_WEEKS * 7:
            continue
        lines += [
            f"{day_text(day)}: {line}" for e in session["exercises"] if (line := loaded_line(e))
        ]
    if not lines:
        return []
    return [Heading("Weights used on loaded exercises"), Pre("\n".join(lines))]


def recent_runs(runs: Sequence[RunRecord], today: date) -> list[Block]:
    """The runs of the last REPORT_WEEKS weeks, newest first, and the minutes run each week."""
    recent = [r for r in newest_first(runs) if 0 <= (today - run_day(r)).days < REPORT_WEEKS * 7]
    heading = Heading(f"Runs in the last {REPORT_WEEKS} weeks")
    if not recent:
        return [heading, Para("No runs in these weeks.")]
    table = [
        [
            day_text(run_day(r)),
            f"{r['minutes']:g}",
            "–" if r["km"] is None else f"{r['km']:g}",
            f"{r['pain']}/10",
            describe_kind(r),
            r["note"],
        ]
        for r in recent
    ]
    weeks = weekly_runs(recent, REPORT_WEEKS, today)
    weeks = weeks[next(n for n, w in enumerate(weeks) if w.runs) :]  # from the first run's week
    most = max(w.minutes for w in weeks) or 1
    lines = ["Week of      Runs  Minutes       km"]
    for week in weeks:
        km = "–" if week.km is None else f"{week.km:g}"
        bar = "█" * round(20 * week.minutes / most)
        lines.append(f"{day_text(week.start)}  {week.runs:>4}  {week.minutes:>7g}  {km:>7}  {bar}")
    header = ["Date", "Minutes", "km", "Pain", "Kind", "Note"]

    def draw() -> str:
        from rehab_tui.exchange.report_charts import runs_chart

        return runs_chart(weeks)

    return [
        heading,
        Table(header, table),
        Chart("Minutes run per week", draw),
        Pre("\n".join(lines), markdown_only=True),
    ]


def trend_text(rows: list[SessionRow], today: date, weeks: int = 12) -> str:
    """Pain per session and load per week, drawn with characters so any reader shows them."""
    recent = [r for r in reversed(rows) if (today - r.day).days < weeks * 7]
    pains = [r.pain for r in recent if r.pain is not None]
    mornings = [r.morning for r in recent if r.morning is not None]
    weeks_data = weekly(rows, weeks, today)
    while weeks_data and weeks_data[0].sessions == 0:  # start at the first week with a session
        weeks_data.pop(0)
    most = max((w.under_load_s for w in weeks_data), default=0) or 1
    lines = [
        f"Pain during, per session (last {weeks} weeks, 0-10): {sparkline(pains, 10)}"
        + (f"  latest {pains[-1]}/10" if pains else "  none rated"),
        f"Next-morning pain (0-10):                       {sparkline(mornings, 10)}"
        + (f"  latest {mornings[-1]}/10" if mornings else "  no check-ins"),
        "",
        "Week of      Sessions  Under load",
    ]
    for week in weeks_data:
        bar = "█" * round(20 * week.under_load_s / most)
        lines.append(
            f"{day_text(week.start)}  {week.sessions:>8}  {format_duration(week.under_load_s):>11}  {bar}"
        )
    lines.append("")
    days = plural(streak(rows, today), "training day")
    lines.append(f"Current streak: {days} (one missed day forgiven).")
    return "\n".join(lines)


def sparkline(values: list[int], top: int) -> str:
    if not values:
        return "–"
    return "".join(SPARKS[min(len(SPARKS) - 1, round(v / top * (len(SPARKS) - 1)))] for v in values)


def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    first = True
    for block in blocks:
        if isinstance(block, Heading):
            out.append(("# " if first else "## ") + printable(block.text))
            first = False
        elif isinstance(block, Para):
            out.append(md_escape(block.text))
        elif isinstance(block, Pre):
            out.append("```\n" + printable(block.text) + "\n```")
        elif isinstance(block, Chart):
            continue  # the markdown keeps the same figures as text (a markdown_only Pre)
        else:
            out.append("| " + " | ".join(block.header) + " |")
            out.append("|" + "---|" * len(block.header))
            out.extend("| " + " | ".join(md_cell(c) for c in row) + " |" for row in block.rows)
        out.append("")
    return "\n".join(out)


def md_escape(text: str) -> str:
    """Markdown's own characters escaped, and control characters made visible."""
    return re.sub(r"([\\`*_<>\[\]#|])", r"\\\1", printable(text))


def html_text(text: str) -> str:
    """HTML's own characters escaped, and control characters made visible."""
    return html.escape(printable(text))


def md_cell(text: str) -> str:
    return md_escape(text).replace("\n", " ")


def to_html(blocks: list[Block]) -> str:
    title = next((b.text for b in blocks if isinstance(b, Heading)), "rehab-tui report")
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html_text(title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
        "padding:0 1rem;line-height:1.45}table{border-collapse:collapse;margin:1rem 0}"
        "th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}"
        "td:first-child{white-space:nowrap}"  # a date on one line
        "th{background:#eee}pre{background:#f6f6f6;padding:.75rem;overflow-x:auto}"
        "figure{margin:1rem 0}figure svg{width:100%;height:auto}</style>",
        "</head><body>",
    ]
    first = True
    for block in blocks:
        if isinstance(block, Heading):
            tag = "h1" if first else "h2"
            first = False
            out.append(f"<{tag}>{html_text(block.text)}</{tag}>")
        elif isinstance(block, Para):
            out.append(f"<p>{html_text(block.text)}</p>")
        elif isinstance(block, Pre):
            if not block.markdown_only:
                out.append(f"<pre>{html_text(block.text)}</pre>")
        elif isinstance(block, Chart):  # pygal's SVG: drawn from numbers and fixed words only
            out.append(
                f'<figure role="img" aria-label="{html_text(block.alt)}">{block.draw()}</figure>'
            )
        else:
            out.append("<table><thead><tr>")
            out.extend(f"<th>{html_text(h)}</th>" for h in block.header)
            out.append("</tr></thead><tbody>")
            for row in block.rows:
                out.append("<tr>" + "".join(f"<td>{html_text(c)}</td>" for c in row) + "</tr>")
            out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
