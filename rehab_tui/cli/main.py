"""The `rehab-tui` command: the TUI by default, and subcommands for scripts.

No business logic lives here: it parses arguments, calls the domain modules and prints. Textual
is imported only when the TUI starts, so the subcommands start fast.
Exit codes: 0 ok, 1 a problem with the user's files or input, 2 a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from dataclasses import asdict, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from rehab_tui.domain.clock import SystemClock
from rehab_tui.domain.library import Catalog, CatalogError
from rehab_tui.domain.pain import LIMIT_CHOICES, PainLimits, check_pain, choices_help
from rehab_tui.domain.plan import Plan
from rehab_tui.domain.profile import TENDINOPATHY_TYPES
from rehab_tui.domain.record_types import SessionRecord
from rehab_tui.domain.records import (
    checkin_record,
    format_duration,
    logged_session,
    sets_done,
    time_under_load,
)
from rehab_tui.domain.text import escape_json_controls, one_line, printable, whole_number
from rehab_tui.exchange.contracts import HISTORY_SCHEMA, plan_json
from rehab_tui.gc_pause import resume_collection
from rehab_tui.services.planning import load_profile, plan_for
from rehab_tui.storage import locations
from rehab_tui.storage.catalog import default_catalog_path, load_catalog
from rehab_tui.storage.store import DamagedFileError, Store, StoreError, set_aside

if TYPE_CHECKING:
    from rehab_tui.domain.quick import QuickTimer

# The export formats (rehab_tui.exchange.export.FORMATS), named here so that the parser does not import the
# report module; a test keeps the two the same.
EXPORT_FORMATS = ("json", "csv", "md", "html")

# The days a --date or --since may name: outside them, date arithmetic (a lookback, the next
# check-in) would overflow, and a session id's YYYYMMDD would not have four digits of year.
FIRST_DAY = date(1970, 1, 1)
LAST_DAY = date(2999, 12, 31)


class UserError(Exception):
    """A problem the user can fix; printed as one sentence, exit 1."""


class VersionAction(argparse.Action):
    """--version, reading the installed metadata only when asked (it costs 50 ms at start-up)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("rehab-tui")
        except PackageNotFoundError:
            found = "unknown"
        print(f"rehab-tui {found}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rehab-tui",
        description="A pain-guided Achilles tendinopathy rehab player. "
        "With no command, starts the full-screen app.",
    )
    parser.add_argument("--version", action=VersionAction)
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"where to keep data (default: ${locations.DATA_DIR_ENV}, else the user data folder)",
    )
    parser.add_argument(
        "--exercises",
        metavar="FILE",
        help="use this exercise file instead of the one shipped with rehab-tui",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("where", help="print the paths rehab-tui uses")
    commands.add_parser("keys", help="list every key and its name, to remap it in config.toml")
    validate = commands.add_parser("validate", help="check an exercise file")
    validate.add_argument("file", nargs="?", help="the file to check (default: the one in use)")
    history = commands.add_parser("history", help="list past sessions, newest first")
    history.add_argument("--json", action="store_true", help="print JSON (see the README)")
    history.add_argument(
        "--since", metavar="YYYY-MM-DD", help="only sessions on or after this date"
    )
    history.add_argument("--limit", metavar="N", type=positive_int, help="at most N sessions")
    plan = commands.add_parser("plan", help="the plan for a day, and why")
    plan.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    plan.add_argument("--json", action="store_true", help="print JSON (see the README)")
    log = commands.add_parser("log", help="record a day's planned session as done")
    log.add_argument("--pain", metavar="N", required=True, help="pain during it, 0-10")
    log.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    log.add_argument("--note", metavar="TEXT", default="", help="a note to keep with it")
    checkin = commands.add_parser("checkin", help="record a morning check-in")
    checkin.add_argument("--pain", metavar="N", required=True, help="pain this morning, 0-10")
    checkin.add_argument("--stiffness-min", metavar="M", help="minutes of morning stiffness")
    checkin.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    timer = commands.add_parser(
        "timer",
        help="a quick timer: holds, slow reps or reps, played by the app",
        description="Examples: timer --hold 30 --sets 5 --rest 60;  "
        "timer --tempo 1-0-3-0 --reps 15 --sets 3 --rest 90 --sides",
    )
    timer.add_argument("--hold", metavar="S", type=whole, help="hold this many seconds (5-120)")
    timer.add_argument("--reps", metavar="N", type=whole, help="repetitions per set (1-100)")
    timer.add_argument(
        "--tempo", metavar="U-T-D-B", help="seconds up, at the top, down, at the bottom: 1-0-3-0"
    )
    timer.add_argument("--sets", metavar="N", type=whole, default=1, help="sets (default 1)")
    timer.add_argument(
        "--rest", metavar="S", type=whole, default=60, help="rest seconds (default 60)"
    )
    timer.add_argument("--sides", action="store_true", help="each set on the left, then the right")
    routines = commands.add_parser(
        "routines", help="your own routines (a physio's program): list, edit, follow"
    )
    routines.add_argument(
        "--edit", action="store_true", help="open the routines file in $EDITOR (made if missing)"
    )
    routines.add_argument(
        "--follow", metavar="NAME", help="make this routine today's session instead of the plan"
    )
    routines.add_argument(
        "--follow-plan", action="store_true", help="follow rehab-tui's plan again"
    )
    export = commands.add_parser("export", help="export your data, or a report for your physio")
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="json",
        help="json: all data (for import); csv: one row per session; md/html: a report",
    )
    export.add_argument("--sets", action="store_true", help="csv: one row per set instead")
    export.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    import_ = commands.add_parser("import", help="merge a json export into your data")
    import_.add_argument("file", help="a file made by: rehab-tui export --format json")
    setup = commands.add_parser("setup", help="set your profile (what the plan adapts to)")
    setup.add_argument(
        "--type",
        choices=TENDINOPATHY_TYPES,
        help="where it hurts: mid-portion (2-6 cm above the heel) or insertional",
    )
    setup.add_argument("--baseline", metavar="N", help="your usual morning pain, 0-10")
    setup.add_argument(
        "--limits",
        choices=LIMIT_CHOICES,
        help=choices_help(),
    )
    return parser


def parse_day(text: str | None, today: date) -> date:
    """A --date value, or today; a bad one is a UserError (exit 1), not a usage error."""
    if text is None:
        return today
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UserError(f"expected a date like 2026-03-03, got {text!r}") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UserError(f"expected a date from {FIRST_DAY} to {LAST_DAY}, got {text!r}")
    return day


def parse_pain(text: str, what: str = "pain") -> int:
    try:
        return check_pain(text)
    except ValueError as error:
        raise UserError(str(error).replace("pain", what, 1)) from None


def whole(text: str) -> int | str:
    """A whole number, or the text as given, so that the timer's checks name the option."""
    number = whole_number(text)
    return text if number is None else number


def positive_int(text: str) -> int:
    number = whole_number(text)
    if number is None or number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return number


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command not in (None, "timer"):
        resume_collection()  # the TUI resumes it after its first frame
    out = Console(highlight=False, soft_wrap=True)  # paths and sentences are never cut
    try:
        handler = {
            None: run_tui,
            "where": cmd_where,
            "keys": cmd_keys,
            "validate": cmd_validate,
            "history": cmd_history,
            "plan": cmd_plan,
            "log": cmd_log,
            "checkin": cmd_checkin,
            "setup": cmd_setup,
            "export": cmd_export,
            "timer": cmd_timer,
            "routines": cmd_routines,
            "import": cmd_import,
        }[args.command]
        return handler(args, out)
    except (UserError, CatalogError, StoreError) as error:
        return said(str(error))
    except BrokenPipeError:
        # The reader went away (`history --json | head`): nothing more to say, to anyone.
        with contextlib.suppress(OSError, ValueError):  # stdout may have no file descriptor
            # so that the flush at exit does not fail too
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:  # a file the command wrote or read, e.g. on a full disk
        where = f"{error.filename}: " if error.filename else ""
        return said(f"{where}{error.strerror or error}")
    except KeyboardInterrupt:
        return 130


def said(message: str) -> int:
    """Say what went wrong in one line on stderr (never wrapped; no control character)."""
    print(f"rehab-tui: {one_line(message)}", file=sys.stderr)
    return 1


def catalog_path(args: argparse.Namespace) -> Path:
    return Path(args.exercises) if args.exercises else default_catalog_path()


def read_catalog(args: argparse.Namespace) -> Catalog:
    """The exercise file in use, from the cache when it is unchanged since last read."""
    return load_catalog(catalog_path(args), cache_dir=locations.cache_dir())


def open_store(args: argparse.Namespace) -> Store:
    folder = locations.data_dir(args.data_dir)
    try:
        return Store(folder)
    except OSError as error:
        raise UserError(f"cannot use the data folder {folder}: {error.strerror}") from None


def cmd_where(args: argparse.Namespace, out: Console) -> int:
    folder = locations.data_dir(args.data_dir)
    out.print(printable(f"data:      {folder}"), markup=False)
    out.print(printable(f"exercises: {catalog_path(args)}"), markup=False)
    out.print(printable(f"config:    {locations.config_dir()}"), markup=False)
    out.print(printable(f"cache:     {locations.cache_dir()}"), markup=False)
    return 0


def cmd_keys(args: argparse.Namespace, out: Console) -> int:
    from rich.table import Table

    from rehab_tui.tui.keys import all_bindings

    table = Table("name (for config.toml)", "keys", "what it does", box=None, pad_edge=False)
    for row in all_bindings():
        table.add_row(row.id, row.keys, row.description)
    out.print(table)
    out.print(
        f'Remap a key in {locations.config_file()}, e.g.\n[keys]\n"home.history" = "y"',
        markup=False,
    )
    return 0


def cmd_validate(args: argparse.Namespace, out: Console) -> int:
    path = Path(args.file) if args.file else catalog_path(args)
    catalog = load_catalog(path)
    out.print(
        printable(
            f"{path}: OK, {len(catalog.exercises)} exercises, {len(catalog.stages)} stages, "
            f"{len(catalog.ladder)} steps on the ladder"
        ),
        markup=False,
    )
    return 0


def cmd_history(args: argparse.Namespace, out: Console) -> int:
    since = parse_day(args.since, date.today()).isoformat() if args.since else None
    sessions: list[SessionRecord] = []
    with open_store(args) as store:
        for session in store.sessions(since=since):
            sessions.append(session)
            if args.limit and len(sessions) >= args.limit:
                break
    if args.json:
        history = {"schema": HISTORY_SCHEMA, "sessions": sessions}
        print(escape_json_controls(json.dumps(history, indent=2, ensure_ascii=False)))
        return 0
    if not sessions:
        out.print("No sessions yet. Start one with: rehab-tui")
        return 0
    from rich.table import Table

    table = Table("Date", "Sets done", "Under load", "Pain", "Status", "Note")
    table.columns[0].no_wrap = True
    for session in sessions:
        done, planned = sets_done(session)
        pain = "–" if session["pain"] is None else f"{session['pain']}/10"
        status = (
            "in progress"
            if session["ended_at"] is None
            else ("complete" if session["completed"] else "ended early")
        )
        table.add_row(
            session["started_at"][:16].replace("T", " "),
            f"{done}/{planned}",
            format_duration(time_under_load(session)),
            pain,
            status,
            Text(printable(session["note"])),  # the user's own words: never markup or controls
        )
    out.print(table)
    return 0


def cmd_plan(args: argparse.Namespace, out: Console) -> int:
    catalog = read_catalog(args)
    day = parse_day(args.date, date.today())
    with open_store(args) as store:
        plan = plan_for(store, catalog, day)
    if args.json:
        print(escape_json_controls(json.dumps(plan_json(plan), indent=2, ensure_ascii=False)))
        return 0
    # Stage and exercise names come from the exercise file: plain text, never markup.
    out.print(Text(printable(day_title(plan)), style="bold"))
    out.print(f"Decision: [b]{plan.decision.value}[/b]")
    for reason in plan.reasons:
        out.print(Text(printable(f"  • {reason}")))
    for planned in plan.exercises:
        out.print(
            Text(
                printable(
                    f"  {planned.exercise.name}: {planned.describe_dose()}, "
                    f"rest {planned.dose.rest_s} s"
                )
            )
        )
    out.print(Text(f"Running today ({plan.run_advice.verdict}): {plan.run_advice.text}"))
    out.print(f"Next morning check-in: {plan.next_checkin:%a %d %b}")
    return 0


def day_title(plan: Plan) -> str:
    return (
        f"{plan.date:%a %d %b %Y} · stage {plan.step.stage} ({plan.stage_name}), "
        f"step {plan.step.index + 1} of the ladder"
    )


def cmd_log(args: argparse.Namespace, out: Console) -> int:
    catalog = read_catalog(args)
    pain = parse_pain(args.pain)
    today = date.today()
    day = parse_day(args.date, today)
    if day > today:
        raise UserError(f"{day} is in the future; log a session on or after it happened")
    started = SystemClock().wall() if day == today else datetime.combine(day, time(12)).astimezone()
    with open_store(args) as store:
        store.acquire_writer_lock()
        plan = plan_for(store, catalog, day)
        store.add_session(logged_session(plan.exercises, started, plan.step, pain, args.note))
        limits = load_profile(store).pain_limits
    out.print(
        f"Logged {day:%a %d %b}: {len(plan.exercises)} exercises at stage {plan.step.stage}, "
        f"pain {pain}/10."
    )
    warn_if_severe(out, pain, limits)
    return 0


def warn_if_severe(out: Console, pain: int, limits: PainLimits) -> None:
    if pain >= limits.hard_stop:
        out.print(
            f"[b red]Pain {pain}/10:[/b red] no running for now. A sudden snap, not being able to "
            "rise on tiptoe, a gap in the tendon, a hot swollen calf, fever or night pain mean "
            "seeing a clinician first."
        )


def cmd_checkin(args: argparse.Namespace, out: Console) -> int:
    pain = parse_pain(args.pain)
    stiffness = None
    if args.stiffness_min is not None:
        stiffness = whole_number(args.stiffness_min)
        if stiffness is None or stiffness > 600:
            raise UserError(
                f"stiffness must be whole minutes from 0 to 600, got {args.stiffness_min!r}"
            )
    today = date.today()
    day = parse_day(args.date, today)
    if day > today:
        raise UserError(f"{day} is in the future; a check-in is for this morning or before")
    with open_store(args) as store:
        store.acquire_writer_lock()
        store.add_checkin(checkin_record(day, pain, stiffness))
        limits = load_profile(store).pain_limits
    out.print(
        f"Check-in for {day:%a %d %b}: pain {pain}/10"
        + (f", stiff for {stiffness} min." if stiffness is not None else ".")
    )
    warn_if_severe(out, pain, limits)
    if stiffness is not None and stiffness > 30:
        out.print("Morning stiffness over 30 minutes is worth a clinician's look.")
    return 0


def cmd_setup(args: argparse.Namespace, out: Console) -> int:
    changes: dict[str, Any] = {}
    if args.type:
        changes["tendinopathy"] = args.type
    if args.baseline is not None:
        changes["baseline"] = parse_pain(args.baseline, "baseline")
    if args.limits:
        changes["limits"] = args.limits
    with open_store(args) as store:
        profile = load_profile(store)
        if changes:
            store.acquire_writer_lock()
            profile = replace(profile, **changes)
            store.set_setting("profile", asdict(profile))
    out.print(
        f"Tendinopathy: {profile.tendinopathy}; usual morning pain: {profile.baseline}/10; "
        f"pain limits: {profile.limits}."
    )
    return 0


def cmd_export(args: argparse.Namespace, out: Console) -> int:
    from rehab_tui.exchange.export import render, save_export

    catalog = read_catalog(args)
    now = SystemClock().wall()
    with open_store(args) as store:
        plan = plan_for(store, catalog, now.date())
        text = render(args.format, store, plan, load_profile(store), now, args.sets)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    path = Path(args.output)
    try:
        save_export(path, text)
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror}") from None
    out.print(printable(f"Wrote {path}"), markup=False)
    return 0


def cmd_import(args: argparse.Namespace, out: Console) -> int:
    from rehab_tui.exchange.importing import ExportFileError, import_into, read_export

    try:
        data = read_export(Path(args.file))  # the whole file is checked before anything is written
        with open_store(args) as store:
            store.acquire_writer_lock()
            sessions, checkins, tests = import_into(store, data)
    except ExportFileError as error:
        raise UserError(str(error)) from None
    skipped = len(data.sessions) - sessions
    out.print(
        printable(
            f"Imported {args.file}: added {sessions} sessions, {checkins} check-ins and {tests} "
            f"capacity tests" + (f"; {skipped} sessions were already here." if skipped else ".")
        ),
        markup=False,
    )
    return 0


def cmd_routines(args: argparse.Namespace, out: Console) -> int:
    import shlex
    import subprocess

    from rehab_tui.storage.routines import ensure_routines_file, load_routines

    catalog = read_catalog(args)
    path = locations.routines_file()
    if args.edit:
        with open_store(args) as store:
            limits = load_profile(store).pain_limits  # the example's note quotes them
        if ensure_routines_file(path, limits):
            out.print(printable(f"Made {path} from an example."), markup=False)
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        try:
            subprocess.run([*shlex.split(editor), str(path)], check=False)
        except FileNotFoundError:
            raise UserError(
                f"cannot start the editor {editor!r}; set $EDITOR, or edit {path}"
            ) from None
    routines = load_routines(path, catalog)
    names = [r.name for r in routines]
    with open_store(args) as store:
        if args.follow is not None or args.follow_plan:
            if args.follow is not None and args.follow not in names:
                raise UserError(
                    f"no routine called {args.follow!r} in {path}"
                    + (f"; there are: {', '.join(names)}" if names else "")
                )
            store.acquire_writer_lock()
            store.set_setting("own_program", args.follow)
        following = store.setting("own_program")
    if not routines:
        out.print(
            printable(f"No routines yet. Make one with: rehab-tui routines --edit  ({path})"),
            markup=False,
        )
        return 0
    out.print(printable(f"{path}: {len(routines)} routines, OK"), markup=False)
    for routine in routines:
        mark = "  (followed: it is today's session)" if routine.name == following else ""
        out.print(Text(printable(f"{routine.name}{mark}"), style="bold"))
        if routine.note:
            out.print(Text(printable(f"  {routine.note}")))
        for planned in routine.exercises:
            dose = f"{planned.describe_dose()}, rest {planned.dose.rest_s} s"
            out.print(Text(printable(f"  {planned.exercise.name}: {dose}")))
    if following is None:
        out.print("Following rehab-tui's plan. rehab-tui routines --follow NAME follows a routine.")
    return 0


def cmd_timer(args: argparse.Namespace, out: Console) -> int:
    from rehab_tui.domain.quick import QuickTimer

    timer = QuickTimer(args.hold, args.tempo, args.reps, args.sets, args.rest, args.sides)
    try:
        timer.planned()
    except ValueError as error:
        raise UserError(str(error)) from None
    return run_tui(args, out, quick=timer)


def run_tui(args: argparse.Namespace, out: Console, quick: QuickTimer | None = None) -> int:
    catalog = read_catalog(args)
    notice = None
    while True:
        try:
            return run_app(args, catalog, notice, quick)
        except DamagedFileError as damaged:
            aside = offer_to_set_aside(damaged)
            if aside is None:
                raise
            notice = f"The damaged file was kept as {aside}; a fresh one has been started."


def run_app(
    args: argparse.Namespace, catalog: Catalog, notice: str | None, quick: QuickTimer | None
) -> int:
    from rehab_tui.tui.app import RehabApp  # imported here: Textual is only for the TUI

    with open_store(args) as store:
        store.acquire_writer_lock()
        plan_for(store, catalog, date.today())  # reads every file the first screen needs
        app = RehabApp(catalog=catalog, store=store, notice=notice, quick=quick)
        app.run()
        return app.return_code or 0


def offer_to_set_aside(damaged: DamagedFileError) -> Path | None:
    """Ask (full screen) whether to keep a damaged file aside; where it went, or None to quit."""
    from rehab_tui.tui.damaged import SET_ASIDE, DamagedFileApp

    if DamagedFileApp(damaged.path, damaged.reason).run() != SET_ASIDE:
        return None
    return set_aside(damaged.path)


if __name__ == "__main__":
    sys.exit(main())
