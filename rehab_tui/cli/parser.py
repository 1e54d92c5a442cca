"""The `rehab-tui` command line: every subcommand and option, and the types that check them.

Only argparse and the domain's choices are imported here, so that `--help` and a usage error
(exit 2) cost nothing else.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from rehab_tui.cli.parser_reminders import add_reminders
from rehab_tui.domain.pain import LIMIT_CHOICES, choices_help
from rehab_tui.domain.profile import (
    HEEL_RAISE_FLOOR_RANGE,
    SYMMETRY_PCT_RANGE,
    TENDINOPATHY_TYPES,
)
from rehab_tui.domain.safety import RED_FLAGS
from rehab_tui.domain.text import whole_number
from rehab_tui.storage import locations

# The export formats (rehab_tui.exchange.export.FORMATS), named here so that the parser does not
# import the report module; a test keeps the two the same.
EXPORT_FORMATS = ("json", "csv", "md", "html")

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]  # what add_subparsers gives


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


def whole(text: str) -> int | str:
    """A whole number, or the text as given, so that the timer's checks name the option."""
    number = whole_number(text)
    return text if number is None else number


def positive_int(text: str) -> int:
    number = whole_number(text)
    if number is None or number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rehab-tui",
        description="A pain-guided Achilles tendinopathy rehab player. "
        "With no command, starts the full-screen app.",
    )
    parser.add_argument("--version", action=VersionAction)
    _add_folder_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_information(commands)
    _add_records(commands)
    _add_corrections(commands)
    _add_capacity_tests(commands)
    _add_runs(commands)
    _add_timer(commands)
    _add_routines(commands)
    _add_exchange(commands)
    _add_setup(commands)
    add_reminders(commands)
    return parser


def _add_folder_options(parser: argparse.ArgumentParser) -> None:
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


def parse_folder_options(argv: list[str]) -> argparse.Namespace | None:
    """`argv` read as the app's folder options only (`rehab-tui --data-dir DIR`), without
    building every subcommand's parser (6 ms of the app's start); None when it holds anything
    else (--help, --version, a word, a mistake): then the whole parser reads it, and says what
    a mistake is in its usual words. The caller checks first that no command is named (a word
    after --data-dir is its value, so it cannot tell)."""
    options = argparse.ArgumentParser(prog="rehab-tui", add_help=False, exit_on_error=False)
    _add_folder_options(options)
    try:
        found, rest = options.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    return argparse.Namespace(version=None, **vars(found), command=None)


def _add_information(commands: Commands) -> None:
    commands.add_parser("where", help="print the paths rehab-tui uses")
    commands.add_parser("keys", help="list every key and its name, to remap it in config.toml")
    validate = commands.add_parser("validate", help="check an exercise file")
    validate.add_argument("file", nargs="?", help="the file to check (default: the one in use)")
    history = commands.add_parser("history", help="list past sessions and runs, newest first")
    history.add_argument("--json", action="store_true", help="print JSON (see the README)")
    history.add_argument(
        "--since", metavar="YYYY-MM-DD", help="only sessions and runs on or after this date"
    )
    history.add_argument(
        "--limit", metavar="N", type=positive_int, help="at most N sessions (and N runs)"
    )
    ladder = commands.add_parser(
        "ladder", help="every rung of the stage ladder: exercises, doses, load rules, frequency"
    )
    ladder.add_argument(
        "--type",
        choices=TENDINOPATHY_TYPES,
        help="which path (default: your profile's): mid-portion, or insertional (floor level)",
    )
    ladder.add_argument("--json", action="store_true", help="print JSON (see the README)")
    ladder.add_argument(
        "--exercises",
        metavar="FILE",
        default=argparse.SUPPRESS,  # given here or before the command, the same option
        help="use this exercise file instead of the one shipped with rehab-tui",
    )
    plan = commands.add_parser("plan", help="the plan for a day, and why")
    plan.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    plan.add_argument("--json", action="store_true", help="print JSON (see the README)")


def _add_records(commands: Commands) -> None:
    log = commands.add_parser("log", help="record a day's planned session as done")
    log.add_argument("--pain", metavar="N", required=True, help="pain during it, 0-10")
    log.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    log.add_argument("--note", metavar="TEXT", default="", help="a note to keep with it")
    log.add_argument(
        "--load-kg",
        metavar="KG",
        help="the weight used on its loaded exercises, 0-500 kg in steps of 0.5",
    )
    log.add_argument(
        "--again", action="store_true", help="add a second session on a day that has one"
    )
    checkin = commands.add_parser(
        "checkin", help="record a morning check-in (one a day: it replaces that day's)"
    )
    checkin.add_argument("--pain", metavar="N", required=True, help="pain this morning, 0-10")
    checkin.add_argument("--stiffness-min", metavar="M", help="minutes of morning stiffness")
    checkin.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")


def _add_corrections(commands: Commands) -> None:
    """`delete` and `edit` (main.HANDLERS names each edit as "edit KIND")."""
    delete = commands.add_parser("delete", help="delete a session, check-in, test or run")
    delete.add_argument("kind", choices=("session", "checkin", "test", "run"))
    delete.add_argument(
        "target", metavar="ID-or-DATE", help="its id (history --json) or, for a check-in, its date"
    )
    delete.add_argument("--yes", action="store_true", help="do not ask first on a terminal")
    edit = commands.add_parser("edit", help="change a session's, check-in's or run's values")
    kinds = edit.add_subparsers(dest="subcommand", metavar="KIND", required=True)
    session = kinds.add_parser("session", help="a session's pain during, and its note")
    session.add_argument("target", metavar="ID", help="its id, as history --json shows it")
    session.add_argument("--pain", metavar="N", required=True, help="pain during it, 0-10")
    session.add_argument("--note", metavar="TEXT", help="a new note (default: kept)")
    checkin = kinds.add_parser("checkin", help="a check-in's pain and stiffness")
    checkin.add_argument("target", metavar="DATE", help="its day, YYYY-MM-DD")
    checkin.add_argument("--pain", metavar="N", required=True, help="pain that morning, 0-10")
    checkin.add_argument(
        "--stiffness-min", metavar="M", help="minutes of stiffness (default: kept)"
    )
    run = kinds.add_parser("run", help="a run's minutes, distance, pain and note")
    run.add_argument("target", metavar="ID", help="its id, as run list --json shows it")
    run.add_argument("--min", metavar="M", help="minutes, walking breaks included")
    run.add_argument("--km", metavar="K", help="distance in km")
    run.add_argument("--pain", metavar="N", help="pain during it, 0-10")
    run.add_argument("--note", metavar="TEXT", help="a new note")


def _add_capacity_tests(commands: Commands) -> None:
    test = commands.add_parser("test", help="record a capacity test done away from the app; list")
    actions = test.add_subparsers(dest="test_action", metavar="ACTION", required=True)
    log = actions.add_parser("log", help="record a heel-raise, hop or VISA-A result")
    kinds = log.add_subparsers(dest="test_kind", metavar="TEST", required=True)
    for kind, words in (
        ("heel-raise", "single-leg heel raises to fatigue, each side (0-1000)"),
        ("hop", "single-leg hops done out of 10, each side (0-10)"),
    ):
        sided = kinds.add_parser(kind, help=words)
        sided.add_argument("--left", metavar="N", required=True, help="the left side's count")
        sided.add_argument("--right", metavar="N", required=True, help="the right side's count")
        sided.add_argument("--pain", metavar="N", required=True, help="pain during it, 0-10")
        sided.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    visa_a = kinds.add_parser("visa-a", help="a VISA-A score (0-100) taken elsewhere")
    visa_a.add_argument("--score", metavar="N", required=True, help="the score, 0-100")
    visa_a.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    listing = actions.add_parser("list", help="the tests recorded, newest first")
    listing.add_argument("--json", action="store_true", help="print JSON (see the README)")


def _add_runs(commands: Commands) -> None:
    """`run` and its own commands (main.HANDLERS names each as "run SUBCOMMAND")."""
    run = commands.add_parser(
        "run", help="your runs: log, import from a watch's files, list, today's plan"
    )
    run_commands = run.add_subparsers(dest="subcommand", metavar="RUN_COMMAND", required=True)
    _add_run_log(run_commands)
    _add_run_import(run_commands)
    _add_run_list(run_commands)
    plan = run_commands.add_parser(
        "plan", help="today's running: run, modify or rest, and how long"
    )
    plan.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    plan.add_argument("--json", action="store_true", help="print JSON (see the README)")


def _add_run_log(run_commands: Commands) -> None:
    log = run_commands.add_parser("log", help="record a run (or a brisk walk)")
    log.add_argument("--min", metavar="M", required=True, help="minutes, walking breaks included")
    log.add_argument("--km", metavar="K", help="distance in km, if known")
    log.add_argument("--pain", metavar="N", required=True, help="pain during it, 0-10")
    log.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    log.add_argument("--time", metavar="HH:MM", help="when it started (default: now, or noon)")
    log.add_argument(
        "--kind",
        metavar="KIND",
        default="continuous",
        help="continuous (default), walk-run or walk",
    )
    log.add_argument("--level", metavar="N", help="the walk-run level (with --kind walk-run)")
    log.add_argument("--note", metavar="TEXT", default="", help="a note to keep with it")


def _add_run_import(run_commands: Commands) -> None:
    import_ = run_commands.add_parser(
        "import", help="read runs from GPX, TCX or FIT files (a watch's or a phone's)"
    )
    import_.add_argument("files", nargs="+", metavar="FILE", help="a .gpx, .tcx or .fit file")
    import_.add_argument(
        "--pain", metavar="N", help="pain during these runs, 0-10 (required: no file holds it)"
    )


def _add_run_list(run_commands: Commands) -> None:
    listing = run_commands.add_parser("list", help="list your runs, newest first")
    listing.add_argument("--since", metavar="YYYY-MM-DD", help="only runs on or after this date")
    listing.add_argument("--json", action="store_true", help="print JSON (see the README)")


def _add_timer(commands: Commands) -> None:
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


def _add_routines(commands: Commands) -> None:
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


def _add_exchange(commands: Commands) -> None:
    export = commands.add_parser("export", help="export your data, or a report for your physio")
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="json",
        help="json: all data (for import); csv: one row per session; md/html: a report",
    )
    rows = export.add_mutually_exclusive_group()
    rows.add_argument("--sets", action="store_true", help="csv: one row per set instead")
    rows.add_argument("--runs", action="store_true", help="csv: one row per run instead")
    export.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    import_ = commands.add_parser("import", help="merge a json export into your data")
    import_.add_argument("file", help="a file made by: rehab-tui export --format json")


def _add_setup(commands: Commands) -> None:
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
    low, high = HEEL_RAISE_FLOOR_RANGE
    setup.add_argument(
        "--heel-raise-floor",
        metavar="N",
        help=f"the heel raises each side the capacity gate asks for, {low}-{high} (default 20)",
    )
    low, high = SYMMETRY_PCT_RANGE
    setup.add_argument(
        "--symmetry",
        metavar="PCT",
        help=f"the weaker side's share of the other the gate asks for, {low}-{high} %% "
        "(default 90)",
    )
    setup.add_argument(
        "--weights",
        action=argparse.BooleanOptionalAction,
        help="weights at home (a backpack, dumbbells) for loaded work; --no-weights: "
        "bodyweight only",
    )
    setup.add_argument(
        "--red-flag",
        metavar="NAME=yes|no",
        action="append",
        default=[],
        help="answer a red-flag question (names: " + ", ".join(f.id for f in RED_FLAGS) + ")",
    )
    setup.add_argument(
        "--cleared-by-clinician",
        metavar="YYYY-MM-DD",
        help="the day a clinician checked the red flags answered yes",
    )
