"""Export (json, csv, a markdown or html report for a physiotherapist) and import of a json export.

The json export is the whole data, versioned and deterministic: keys sorted, records in id/date
order, so two exports of the same data differ only in `exported_at`. Import validates the whole
file before writing anything, then merges by id, so importing twice adds nothing the second time.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rehab_tui.domain.kinds import rules_for
from rehab_tui.domain.library import Kind, Tempo
from rehab_tui.domain.plan import Plan, Profile
from rehab_tui.domain.records import format_duration
from rehab_tui.domain.review import SessionRow, describe_test, session_rows, streak, weekly
from rehab_tui.storage.store import Store

EXPORT_SCHEMA = 1
FORMATS = ("json", "csv", "md", "html")
MAX_IMPORT_BYTES = 100 * 1024 * 1024
REPORT_WEEKS = 6
OUTCOME_WORDS = {"green": "green", "amber": "amber", "red": "RED", "pending": "pending"}
PRIVATE_SETTINGS = {"active_session"}  # where this machine is, not part of the user's data


class ExportFileError(Exception):
    """An import file that cannot be used; the message names the file and the field."""


# -- json ------------------------------------------------------------------------------------


def export_data(store: Store, exported_at: datetime) -> dict[str, Any]:
    settings = {
        key: value
        for key, value in store.settings().items()
        if key not in PRIVATE_SETTINGS and key != "profile"
    }
    return {
        "schema": EXPORT_SCHEMA,
        "app": "rehab-tui",
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "profile": store.setting("profile"),
        "settings": settings,
        "sessions": sorted(store.sessions(), key=lambda s: s["id"]),
        "checkins": store.checkins(),
        "tests": store.tests(),
    }


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


# -- csv -------------------------------------------------------------------------------------

SESSION_COLUMNS = [
    "id",
    "date",
    "started_at",
    "kind",
    "stage",
    "completed",
    "sets_done",
    "sets_planned",
    "under_load_s",
    "pain",
    "next_morning_pain",
    "outcome",
    "note",
]
SET_COLUMNS = [
    "session_id",
    "date",
    "exercise_id",
    "exercise",
    "set",
    "side",
    "planned",
    "done",
    "skipped",
    "paused_s",
    "completed_at",
]


def to_csv(rows: list[SessionRow]) -> str:
    """One row per session, oldest first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SESSION_COLUMNS)
    for row in reversed(rows):
        writer.writerow(
            [
                row.id,
                row.day.isoformat(),
                row.started_at,
                row.kind,
                blank(row.stage),
                "yes" if row.completed else "no",
                row.done,
                row.planned,
                round(row.under_load_s, 1),
                blank(row.pain),
                blank(row.morning),
                row.outcome.value,
                row.note,
            ]
        )
    return out.getvalue()


def sets_to_csv(sessions: list[dict[str, Any]]) -> str:
    """One row per saved set (each side of a per-side set is its own row), oldest first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SET_COLUMNS)
    for session in sorted(sessions, key=lambda s: s["started_at"]):
        for entry in session["exercises"]:
            for done in entry["sets"]:
                writer.writerow(
                    [
                        session["id"],
                        session["started_at"][:10],
                        entry["exercise_id"],
                        entry.get("name", ""),
                        done["set"],
                        blank(done["side"]),
                        done["planned"],
                        done["done"],
                        "yes" if done["skipped"] else "no",
                        done.get("paused_s", 0.0),
                        done.get("completed_at", ""),
                    ]
                )
    return out.getvalue()


def blank(value: object) -> object:
    return "" if value is None else value


# -- the report for a physiotherapist --------------------------------------------------------


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


Block = Heading | Para | Table | Pre
SPARKS = "▁▂▃▄▅▆▇█"


def report_blocks(
    profile: Profile,
    plan: Plan,
    rows: list[SessionRow],
    tests: list[dict[str, Any]],
    today: date,
) -> list[Block]:
    """The report's content, rendered as markdown or html by the functions below."""
    blocks: list[Block] = [
        Heading(f"Achilles rehab report, {today:%d %B %Y}"),
        Para(
            f"Tendinopathy: {profile.tendinopathy}. Usual morning pain: {profile.baseline}/10. "
            f"Pain limits: {profile.limits} ({profile.pain_limits.green_during})."
        ),
        Heading("Where things stand"),
        Para(
            f"Stage {plan.step.stage} ({plan.stage_name}), step {plan.step.index + 1} of the "
            f"ladder. Next session: {plan.decision.value}."
        ),
        *[Para(f"Why: {reason}") for reason in plan.reasons],
        Para(f"Running: {plan.run_advice.verdict}. {plan.run_advice.text}"),
    ]
    recent = [r for r in rows if (today - r.day).days < REPORT_WEEKS * 7]
    blocks.append(Heading(f"Sessions in the last {REPORT_WEEKS} weeks"))
    if recent:
        blocks.append(
            Table(
                ["Date", "Stage", "Sets", "Under load", "Pain", "Next morning", "Outcome", "Note"],
                [
                    [
                        f"{r.day:%a %d %b}",
                        r.kind if r.stage is None else str(r.stage),
                        f"{r.done}/{r.planned}",
                        format_duration(r.under_load_s),
                        "–" if r.pain is None else f"{r.pain}/10",
                        "–" if r.morning is None else f"{r.morning}/10",
                        OUTCOME_WORDS[r.outcome.value],
                        r.note,
                    ]
                    for r in recent
                ],
            )
        )
    else:
        blocks.append(Para("No sessions in these weeks."))
    blocks += [Heading("Trends"), Pre(trend_text(rows, today))]
    blocks.append(Heading("Capacity tests"))
    if tests:
        blocks.append(
            Table(["Date", "Result"], [[t["date"], describe_test(t)] for t in reversed(tests)])
        )
    else:
        blocks.append(Para("No capacity tests recorded yet."))
    noted = [r for r in rows if r.note][:20]
    blocks.append(Heading("Notes"))
    blocks += [Para(f"{r.day:%d %b %Y}: {r.note}") for r in noted] or [Para("No notes.")]
    blocks.append(
        Para(
            "Made by rehab-tui from the runner's own records. Outcome: green = pain within the "
            "limit and back to usual by the next morning; amber = a little over; red = well over; "
            "pending = no next-morning check-in."
        )
    )
    return blocks


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
        "Week of   Sessions  Under load",
    ]
    for week in weeks_data:
        bar = "█" * round(20 * week.under_load_s / most)
        lines.append(
            f"{week.start:%d %b}   {week.sessions:>8}  {format_duration(week.under_load_s):>11}  {bar}"
        )
    lines.append("")
    lines.append(f"Current streak: {streak(rows, today)} training days (one missed day forgiven).")
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
            out.append(("# " if first else "## ") + block.text)
            first = False
        elif isinstance(block, Para):
            out.append(md_escape(block.text))
        elif isinstance(block, Pre):
            out.append("```\n" + block.text + "\n```")
        else:
            out.append("| " + " | ".join(block.header) + " |")
            out.append("|" + "---|" * len(block.header))
            out.extend("| " + " | ".join(md_cell(c) for c in row) + " |" for row in block.rows)
        out.append("")
    return "\n".join(out)


def md_escape(text: str) -> str:
    return re.sub(r"([\\`*_<>\[\]#|])", r"\\\1", text)


def md_cell(text: str) -> str:
    return md_escape(text).replace("\n", " ")


def to_html(blocks: list[Block]) -> str:
    title = next((b.text for b in blocks if isinstance(b, Heading)), "rehab-tui report")
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
        "padding:0 1rem;line-height:1.45}table{border-collapse:collapse;margin:1rem 0}"
        "th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}"
        "th{background:#eee}pre{background:#f6f6f6;padding:.75rem;overflow-x:auto}</style>",
        "</head><body>",
    ]
    first = True
    for block in blocks:
        if isinstance(block, Heading):
            tag = "h1" if first else "h2"
            first = False
            out.append(f"<{tag}>{html.escape(block.text)}</{tag}>")
        elif isinstance(block, Para):
            out.append(f"<p>{html.escape(block.text)}</p>")
        elif isinstance(block, Pre):
            out.append(f"<pre>{html.escape(block.text)}</pre>")
        else:
            out.append("<table><thead><tr>")
            out.extend(f"<th>{html.escape(h)}</th>" for h in block.header)
            out.append("</tr></thead><tbody>")
            for row in block.rows:
                out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
            out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render(fmt: str, store: Store, plan: Plan, profile: Profile, now: datetime, sets: bool) -> str:
    """The export in one of FORMATS, as text."""
    if fmt == "json":
        return to_json(export_data(store, now))
    sessions = list(store.sessions())
    if fmt == "csv" and sets:
        return sets_to_csv(sessions)
    rows = session_rows(sessions, store.checkins(), profile)
    if fmt == "csv":
        return to_csv(rows)
    blocks = report_blocks(profile, plan, rows, store.tests(), now.date())
    return to_markdown(blocks) if fmt == "md" else to_html(blocks)


def save_export(path: Path, text: str) -> None:
    """Write an export readable by its owner alone (it is health data), replacing any old one."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)


def export_name(fmt: str, day: date) -> str:
    kind = "report" if fmt in ("md", "html") else "data"
    return f"rehab-tui-{kind}-{day.isoformat()}.{fmt}"


# -- import ----------------------------------------------------------------------------------

SESSION_ID = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{1,32}$")
TEST_KINDS = {
    "heel_raise": ("left", "right", "pain"),
    "hop": ("left", "right", "pain"),
    "visa_a": ("score",),
}


@dataclass(frozen=True)
class ImportData:
    profile: dict[str, Any] | None
    sessions: list[dict[str, Any]]
    checkins: list[dict[str, Any]]
    tests: list[dict[str, Any]]


def read_export(path: Path) -> ImportData:
    """Read and validate a json export completely; ExportFileError names what is wrong."""
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise ExportFileError(f"{path}: the file is larger than 100 MB; not an export")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ExportFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ExportFileError(f"{path}: this is a folder, not a file") from None
    except UnicodeDecodeError:
        raise ExportFileError(f"{path}: the file is not UTF-8 text") from None
    except OSError as error:
        raise ExportFileError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportFileError(
            f"{path}, line {error.lineno}: not valid JSON ({error.msg}); is it a rehab-tui export?"
        ) from None
    except RecursionError:
        raise ExportFileError(f"{path}: nested too deeply to be a rehab-tui export") from None
    return validate_export(data, str(path))


def validate_export(data: Any, source: str) -> ImportData:
    check = _Checker(source)
    check.mapping(data, "the file")
    if data.get("app") != "rehab-tui" or "schema" not in data:
        raise check.fail("the file", 'not a rehab-tui export (no "app": "rehab-tui" and "schema")')
    schema = data["schema"]
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise check.fail("schema", f"expected a whole number, got {schema!r}")
    if schema > EXPORT_SCHEMA:
        raise check.fail(
            "schema",
            f"export schema {schema} is newer than this rehab-tui reads ({EXPORT_SCHEMA}); upgrade rehab-tui",
        )
    profile = data.get("profile")
    if profile is not None:
        check.mapping(profile, "profile")
    sessions = [
        check.session(s, f"sessions[{i}]") for i, s in enumerate(check.items(data, "sessions"))
    ]
    checkins = [
        check.checkin(c, f"checkins[{i}]") for i, c in enumerate(check.items(data, "checkins"))
    ]
    tests = [check.test(t, f"tests[{i}]") for i, t in enumerate(check.items(data, "tests"))]
    check.unique(sessions, "sessions", "id")
    check.unique(checkins, "checkins", "date")
    check.unique(tests, "tests", "id")
    return ImportData(profile, sessions, checkins, tests)


class _Checker:
    """Field checks that raise ExportFileError("FILE: sessions[3].pain: expected ...")."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, field: str, message: str) -> ExportFileError:
        return ExportFileError(f"{self.source}: {field}: {message}")

    def mapping(self, value: Any, field: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(field, f"expected a JSON object, got {type_name(value)}")
        return value

    def items(self, data: dict[str, Any], field: str) -> list[Any]:
        value = data.get(field, [])
        if not isinstance(value, list):
            raise self.fail(field, f"expected a list, got {type_name(value)}")
        return value

    def has(self, record: dict[str, Any], field: str, key: str) -> Any:
        if key not in record:
            raise self.fail(f"{field}.{key}", "missing")
        return record[key]

    def whole(
        self,
        record: dict[str, Any],
        field: str,
        key: str,
        low: int,
        high: int,
        nullable: bool = False,
    ) -> None:
        value = self.has(record, field, key)
        if value is None and nullable:
            return
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.fail(
                f"{field}.{key}", f"expected a whole number from {low} to {high}, got {value!r}"
            )

    def number(self, record: dict[str, Any], field: str, key: str) -> None:
        value = self.has(record, field, key)
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not 0 <= value <= 100_000
        ):
            raise self.fail(f"{field}.{key}", f"expected a number from 0 to 100000, got {value!r}")

    def text(
        self, record: dict[str, Any], field: str, key: str, nullable: bool = False
    ) -> str | None:
        value = self.has(record, field, key)
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            raise self.fail(f"{field}.{key}", f"expected text, got {type_name(value)}")
        return value

    def boolean(self, record: dict[str, Any], field: str, key: str) -> None:
        if not isinstance(self.has(record, field, key), bool):
            raise self.fail(f"{field}.{key}", "expected true or false")

    def choice(
        self, record: dict[str, Any], field: str, key: str, allowed: tuple[Any, ...]
    ) -> None:
        value = self.has(record, field, key)
        if value not in allowed:
            words = ", ".join("null" if a is None else str(a) for a in allowed)
            raise self.fail(f"{field}.{key}", f"expected one of {words}, got {value!r}")

    def day(self, record: dict[str, Any], field: str, key: str) -> None:
        value = self.text(record, field, key)
        try:
            date.fromisoformat(value or "")
        except ValueError:
            raise self.fail(
                f"{field}.{key}", f"expected a date like 2026-03-03, got {value!r}"
            ) from None

    def moment(self, record: dict[str, Any], field: str, key: str, nullable: bool = False) -> None:
        value = self.text(record, field, key, nullable)
        if value is None:
            return
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(
                f"{field}.{key}",
                f"expected a date and time like 2026-03-03T08:00:00+01:00, got {value!r}",
            ) from None

    def session(self, value: Any, field: str) -> dict[str, Any]:
        record = self.mapping(value, field)
        session_id = self.text(record, field, "id")
        if session_id is None or not SESSION_ID.match(session_id):
            raise self.fail(
                f"{field}.id", f"expected an id like 20260303-080000-1a2b3c, got {session_id!r}"
            )
        self.moment(record, field, "started_at")
        if record["started_at"][:10].replace("-", "") != session_id[:8]:
            raise self.fail(
                f"{field}.started_at", f"does not match the date in the id {session_id!r}"
            )
        self.moment(record, field, "ended_at", nullable=True)
        self.choice(record, field, "kind", ("plan", "free", "test"))
        self.boolean(record, field, "completed")
        self.whole(record, field, "pain", 0, 10, nullable=True)
        self.text(record, field, "note")
        for i, entry in enumerate(self.items(record, "exercises")):
            self.exercise(entry, f"{field}.exercises[{i}]")
        return record

    def exercise(self, value: Any, field: str) -> None:
        entry = self.mapping(value, field)
        self.text(entry, field, "exercise_id")
        self.choice(entry, field, "kind", tuple(kind.value for kind in Kind))
        self.boolean(entry, field, "per_side")
        planned = self.mapping(self.has(entry, field, "planned"), f"{field}.planned")
        self.whole(planned, f"{field}.planned", "sets", 1, 100)
        if "tempo" in rules_for(entry["kind"]).dose_fields:  # the time under load needs it
            tempo = self.text(planned, f"{field}.planned", "tempo")
            try:
                Tempo.parse(tempo or "")
            except ValueError as error:
                raise self.fail(f"{field}.planned.tempo", str(error)) from None
        for i, done in enumerate(self.items(entry, "sets")):
            where = f"{field}.sets[{i}]"
            done = self.mapping(done, where)
            self.whole(done, where, "set", 1, 100)
            self.choice(done, where, "side", (None, "left", "right"))
            self.number(done, where, "done")
            self.boolean(done, where, "skipped")

    def checkin(self, value: Any, field: str) -> dict[str, Any]:
        record = self.mapping(value, field)
        self.day(record, field, "date")
        self.whole(record, field, "pain", 0, 10)
        if "stiffness_min" in record:
            self.whole(record, field, "stiffness_min", 0, 600, nullable=True)
        return record

    def test(self, value: Any, field: str) -> dict[str, Any]:
        record = self.mapping(value, field)
        self.text(record, field, "id")
        self.day(record, field, "date")
        self.choice(record, field, "kind", tuple(TEST_KINDS))
        for key in TEST_KINDS[record["kind"]]:
            self.whole(record, field, key, 0, 10 if key == "pain" else 1000, nullable=key == "pain")
        return record

    def unique(self, records: list[dict[str, Any]], field: str, key: str) -> None:
        seen: set[Any] = set()
        for i, record in enumerate(records):
            if record[key] in seen:
                raise self.fail(f"{field}[{i}].{key}", f"{record[key]!r} appears twice")
            seen.add(record[key])


def type_name(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), "a number")


def import_into(store: Store, data: ImportData) -> tuple[int, int, int]:
    """Merge a validated export; the profile is taken only when this store has none."""
    added = store.merge(data.sessions, data.checkins, data.tests)
    if data.profile is not None and store.setting("profile") is None:
        store.set_setting("profile", data.profile)
    return added
