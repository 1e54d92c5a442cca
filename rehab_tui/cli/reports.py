"""Commands that read the data out: past sessions, a day's plan, an export, and an import.

`--json` output is a documented contract (README; rehab_tui.exchange.contracts).
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from rehab_tui.cli.common import UserError, parse_day, read_catalog, use_cases
from rehab_tui.domain.kinds import describe_dose
from rehab_tui.domain.library import CatalogError
from rehab_tui.domain.plan import Plan
from rehab_tui.domain.record_types import SessionKind, SessionRecord
from rehab_tui.domain.records import format_duration, sets_done, time_under_load
from rehab_tui.domain.review import session_label, test_result_words
from rehab_tui.domain.run_log import newest_first
from rehab_tui.domain.text import escape_json_controls, plural, printable
from rehab_tui.exchange.contracts import plan_json

if TYPE_CHECKING:
    from rich.table import Table

    from rehab_tui.services.rehab import Rehab
    from rehab_tui.services.results import OwnProgram


def cmd_history(args: argparse.Namespace, out: Console) -> int:
    since = parse_day(args.since, date.today()) if args.since else None
    sessions: list[SessionRecord] = []
    with use_cases(args) as rehab:
        if args.json:
            write_chunks(rehab.history_json(since, args.limit))
            return 0
        for session in rehab.sessions(since):
            sessions.append(session)
            if args.limit and len(sessions) >= args.limit:
                break
        runs = newest_first(rehab.runs(since))[: args.limit]  # runs have their own list
        over_guard = rehab.over_the_guard(runs)
    if not sessions and not runs:
        out.print("No sessions yet. Start one with: rehab-tui")
        return 0
    if sessions:
        out.print(sessions_table(sessions))
    if runs:
        from rehab_tui.cli.runs import print_runs

        out.print(Text("Runs", style="bold"))
        print_runs(out, runs, over_guard)
    return 0


def sessions_table(sessions: list[SessionRecord]) -> Table:
    from rich.table import Table

    # The note is the last column and wraps in its width: long notes are never cut. At 80
    # columns the time goes under the date, so a long word of the note still fits its line.
    table = Table("Date", "Session", "Sets done", "Under load", "Pain", "Status", "Note")
    table.columns[0].min_width = len("2026-03-01")
    table.columns[-1].min_width = 12
    for session in sessions:
        done, planned = sets_done(session)
        result = test_result_words(session)  # a test: its counts, not seconds under load
        pain = "–" if session["pain"] is None else f"{session['pain']}/10"
        status = (
            "in progress"
            if session["ended_at"] is None
            else ("complete" if session["completed"] else "ended early")
        )
        table.add_row(
            session["started_at"][:16].replace("T", " "),
            Text(printable(session_label(session))),  # a routine's name is the user's own
            result or f"{done}/{planned}",
            "–"
            if session["kind"] == SessionKind.TEST
            else format_duration(time_under_load(session)),
            pain,
            status,
            Text(printable(session["note"])),  # the user's own words: never markup or controls
        )
    return table


def cmd_plan(args: argparse.Namespace, out: Console) -> int:
    catalog = read_catalog(args)
    day = parse_day(args.date, date.today())
    with use_cases(args, catalog) as rehab:
        plan = rehab.plan(day)
        own = _own_program(rehab) if not args.json else None
    if args.json:
        print(escape_json_controls(json.dumps(plan_json(plan), indent=2, ensure_ascii=False)))
        return 0
    if own is not None:
        return _print_own_program(out, plan, own)
    # Stage and exercise names come from the exercise file: plain text, never markup.
    out.print(Text(printable(day_title(plan)), style="bold"))
    light = " (a light day)" if plan.light_day else ""
    out.print(f"Decision: [b]{plan.decision.value}[/b]{light}")
    out.print(f"Sessions that count: {plan.frequency}")
    for reason in plan.reasons:
        out.print(Text(printable(f"  • {reason}")))
    for planned in plan.exercises:
        load = plan.load_kg.get(planned.exercise.id)
        weight = f", about {load:g} kg" if load is not None else ""
        dose = f"{describe_dose(planned)}{weight}, rest {planned.dose.rest_s} s"
        out.print(Text(printable(f"  {planned.exercise.name}: {dose}")))
    for line in filter(None, (plan.retest_due, plan.discharge, *plan.advice)):
        out.print(Text(printable(f"  {line}")))
    out.print(Text(f"Running today ({plan.run_advice.verdict}): {plan.run_advice.text}"))
    out.print(f"Next morning check-in: {plan.next_checkin:%a %d %b}")
    return 0


def _own_program(rehab: Rehab) -> OwnProgram | None:
    """The routine followed instead of the plan (None: the plan, or a routines file that cannot
    be read: then the plan is shown, as home does)."""
    if rehab.following() is None:
        return None
    try:
        return rehab.own_program(rehab.routines())
    except CatalogError:
        return None


def _print_own_program(out: Console, plan: Plan, own: OwnProgram) -> int:
    """Today's session when following a routine: its exercises, and what the pain rules say."""
    out.print(
        Text(
            printable(f"{plan.date:%a %d %b %Y} · your own program: {own.routine.name}"),
            style="bold",
        )
    )
    out.print(f"The rules say: [b]{own.decision.value}[/b]")
    for reason in (*own.reasons, *((plan.hard_stop,) if plan.hard_stop else ())):
        out.print(Text(printable(f"  • {reason}")))
    for planned in () if plan.red_flags else own.routine.exercises:
        dose = f"{describe_dose(planned)}, rest {planned.dose.rest_s} s"
        out.print(Text(printable(f"  {planned.exercise.name}: {dose}")))
    out.print(Text(f"Running today ({plan.run_advice.verdict}): {plan.run_advice.text}"))
    out.print(f"Next morning check-in: {plan.next_checkin:%a %d %b}")
    return 0


def day_title(plan: Plan) -> str:
    return (
        f"{plan.date:%a %d %b %Y} · stage {plan.step.stage} ({plan.stage_name}), "
        f"step {plan.step.index + 1} of the ladder"
    )


def cmd_export(args: argparse.Namespace, out: Console) -> int:
    catalog = read_catalog(args)
    with use_cases(args, catalog) as rehab:
        if args.output is None:
            write_chunks(rehab.export_chunks(args.format, args.sets, args.runs))
            return 0
        path = Path(args.output)
        try:
            rehab.export_to(path, args.format, args.sets, args.runs)
        except OSError as error:
            raise UserError(f"cannot write {path}: {error.strerror}") from None
    out.print(printable(f"Wrote {path}"), markup=False)
    return 0


def cmd_import(args: argparse.Namespace, out: Console) -> int:
    from rehab_tui.exchange.importing import ExportFileError

    try:
        with use_cases(args) as rehab:
            imported = rehab.import_file(Path(args.file))
    except ExportFileError as error:
        raise UserError(str(error)) from None
    out.print(
        printable(
            f"Imported {args.file}: added {plural(imported.sessions, 'session')}, "
            f"{plural(imported.checkins, 'check-in')}, "
            f"{plural(imported.tests, 'capacity test')} and {plural(imported.runs, 'run')}"
            + (
                f"; {plural(imported.skipped, 'session')} "
                f"{'was' if imported.skipped == 1 else 'were'} already here."
                if imported.skipped
                else "."
            )
        ),
        markup=False,
    )
    return 0


def write_chunks(chunks: Iterable[bytes]) -> None:
    """UTF-8 output (json, csv) to stdout as it is made: each chunk written before the next is
    made. A stdout of text only (a caller's StringIO) is given the text."""
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        decoder = codecs.getincrementaldecoder("utf-8")()  # a chunk may end inside a character
        for chunk in chunks:
            sys.stdout.write(decoder.decode(chunk))
        return
    for chunk in chunks:
        stream.write(chunk)
    stream.flush()
