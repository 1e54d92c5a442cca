"""`rehab-tui run ...`: log a run, import runs from a watch's files, list them.

Every value is checked before anything is written: a mistake is one sentence, exit 1. A run's
pain warns as a session's does (records.print_warnings); with a red flag open the run is still
recorded (it happened) and the runner is told to see a clinician first.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, time
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rehab_tui.cli.common import UserError, parse_day, parse_pain, use_cases
from rehab_tui.cli.records import print_warnings
from rehab_tui.domain.record_types import RunRecord
from rehab_tui.domain.run_log import (
    MAX_RUN_KM,
    MAX_RUN_MINUTES,
    describe_kind,
    kind_from_word,
    newest_first,
)
from rehab_tui.domain.safety import SafetyWarning
from rehab_tui.domain.text import escape_json_controls, one_line, printable, whole_number
from rehab_tui.exchange.contracts import RUNS_SCHEMA
from rehab_tui.services.run_log import Progress

SEE_A_CLINICIAN = (
    "A red flag is open: see a clinician first. The run is recorded, but the plan gives no "
    "running advice but rest until a clinician has checked it "
    "(setup --cleared-by-clinician DATE)."
)
PAIN_FOR_IMPORT = (
    "run import needs --pain N (0-10), the pain during these runs: a watch's file does not hold it"
)


def parse_amount(text: str | None, what: str, low: float, high: float, above: bool) -> float:
    """A number of minutes or km from the command line; `above`: `low` itself is refused."""
    if text is None:
        raise UserError(f"{what} is required")
    try:
        number = float(text.strip())
    except ValueError:
        number = math.nan
    fits = math.isfinite(number) and (number > low if above else number >= low) and number <= high
    if not fits:
        bound = f"more than {low:g} and at most" if above else f"from {low:g} to"
        raise UserError(f"{what} must be a number {bound} {high:g}, got {text!r}")
    return number


def parse_time(text: str | None) -> time | None:
    if text is None:
        return None
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise UserError(f"expected a time like 07:30, got {text!r}")
    return time(int(match[1]), int(match[2]))


def parse_level(text: str | None) -> int | None:
    if text is None:
        return None
    level = whole_number(text)
    if level is None or level < 1:
        raise UserError(f"--level must be a whole number of 1 or more, got {text!r}")
    return level


def cmd_run_log(args: argparse.Namespace, out: Console) -> int:
    minutes = parse_amount(args.min, "--min", 0, MAX_RUN_MINUTES, above=True)
    km = None if args.km is None else parse_amount(args.km, "--km", 0, MAX_RUN_KM, above=False)
    pain = parse_pain(args.pain)
    day = parse_day(args.date, date.today())
    at = parse_time(args.time)
    try:
        kind = kind_from_word(args.kind)
    except ValueError as error:
        raise UserError(str(error)) from None
    level = parse_level(args.level)
    if level is not None and kind != "walk_run":
        raise UserError("--level goes with --kind walk-run only")
    with use_cases(args) as rehab:
        logged = rehab.log_run(day, at, minutes, km, pain, kind, level, args.note)
    run = logged.run
    out.print(Text(printable(f"Logged a run, {describe_run(run)}.")))
    if logged.over_guard:
        out.print(Text(f"Over the spike guard: {logged.over_guard}. It is saved, and flagged."))
    say_after(out, logged.warnings, pain, day, logged.see_clinician)
    return 0


def describe_run(run: RunRecord) -> str:
    """The run in one line: day and time, minutes, km when known, kind and pain during."""
    when = run["started_at"][:16].replace("T", " ")
    day = date.fromisoformat(when[:10])
    km = "" if run["km"] is None else f", {run['km']:g} km"
    return (
        f"{day:%a %d %b} {when[11:]}, {run['minutes']:g} min{km}, {describe_kind(run)}, "
        f"pain {run['pain']}/10"
    )


def say_after(
    out: Console, warnings: Iterable[SafetyWarning], pain: int, day: date, flagged: bool
) -> None:
    print_warnings(out, warnings, pain, day)
    if flagged:
        out.print(SEE_A_CLINICIAN, markup=False)


@contextmanager
def progress_bar(total: int) -> Iterator[Progress | None]:
    """A progress bar on stderr for many files, only at a terminal (never in a pipe or a log)."""
    err = Console(stderr=True)
    if total < 2 or not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("Reading run files"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("runs", total=total)
        yield lambda _path: bar.advance(task)


def cmd_run_import(args: argparse.Namespace, out: Console) -> int:
    if args.pain is None:
        raise UserError(PAIN_FOR_IMPORT)
    pain = parse_pain(args.pain)
    paths = [Path(name) for name in args.files]
    with use_cases(args) as rehab, progress_bar(len(paths)) as progress:
        imported = rehab.import_run_files(paths, pain, progress)
    for path, run in imported.added if len(paths) <= 20 else ():
        out.print(Text(printable(f"Added {path.name}: {describe_run(run)}.")))
    for path, started in imported.skipped:
        when = started[:16].replace("T", " ")
        out.print(Text(one_line(f"Already here: {path} (a run starting {when}); skipped.")))
    for sentence in imported.failed:
        print(f"rehab-tui: {one_line(sentence)}", file=sys.stderr)
    count, files = len(imported.added), len(paths)
    out.print(
        f"Imported {count} run{'s' if count != 1 else ''} from {files} "
        f"file{'s' if files != 1 else ''}"
        + (f"; {len(imported.skipped)} already here" if imported.skipped else "")
        + (f"; {len(imported.failed)} could not be read." if imported.failed else ".")
    )
    if imported.added:
        say_after(out, imported.warnings, pain, date.today(), imported.see_clinician)
    return 1 if imported.failed else 0


def print_runs(out: Console, runs: Sequence[RunRecord], over_guard: dict[str, str]) -> None:
    """Runs as a table, in the order given (a run over the spike guard marked ! in its date),
    then why each marked one is over it."""
    table = Table("Date", "Minutes", "km", "Pain", "Kind", "Note")
    table.columns[0].no_wrap = True
    for run in runs:
        mark = " !" if run["id"] in over_guard else ""
        table.add_row(
            run["started_at"][:16].replace("T", " ") + mark,
            f"{run['minutes']:g}",
            "–" if run["km"] is None else f"{run['km']:g}",
            f"{run['pain']}/10",
            describe_kind(run),
            Text(printable(run["note"])),  # never markup or controls
        )
    out.print(table)
    for run in runs:
        if run["id"] in over_guard:
            out.print(Text(f"! Over the spike guard: {over_guard[run['id']]}."))


def cmd_run_list(args: argparse.Namespace, out: Console) -> int:
    since = parse_day(args.since, date.today()) if args.since else None
    with use_cases(args) as rehab:
        runs = newest_first(rehab.runs(since))
        over = {} if args.json else rehab.over_the_guard(runs)
    if args.json:
        listed = {"schema": RUNS_SCHEMA, "runs": runs}
        print(escape_json_controls(json.dumps(listed, indent=2, ensure_ascii=False)))
        return 0
    if not runs:
        out.print("No runs yet. Log one with: rehab-tui run log --min M --pain N")
        return 0
    print_runs(out, runs, over)
    return 0
