"""`rehab-tui delete ...` and `rehab-tui edit ...`: correct what was recorded.

Every value is checked before anything is written; an unknown id or date is one sentence, exit 1
(the use cases in services/corrections.py refuse it). On a terminal, a delete asks first
(--yes skips the question; a script's delete, with no terminal to ask on, does not ask).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from rich.console import Console
from rich.text import Text

from rehab_tui.cli.common import UserError, parse_day, parse_pain, use_cases
from rehab_tui.cli.records import parse_stiffness
from rehab_tui.cli.runs import describe_run, parse_amount
from rehab_tui.domain.record_types import CheckinRecord
from rehab_tui.domain.run_log import MAX_RUN_KM, MAX_RUN_MINUTES
from rehab_tui.domain.text import printable
from rehab_tui.services.corrections import Deleted
from rehab_tui.services.rehab import Rehab


def cmd_delete(args: argparse.Namespace, out: Console) -> int:
    with use_cases(args) as rehab:
        _find(rehab, args.kind, args.target)  # an unknown one is said before any question
        if not args.yes and sys.stdin.isatty() and not _asked(out, args.kind, args.target):
            out.print("Nothing deleted.")
            return 0
        deleted = _delete(rehab, args.kind, args.target)
    out.print(Text(f"Deleted {deleted.describe()}."))
    return 0


def _find(rehab: Rehab, kind: str, target: str) -> None:
    if kind == "session":
        rehab.find_session(target)
    elif kind == "checkin":
        rehab.find_checkin(parse_day(target, date.today()))
    elif kind == "test":
        rehab.find_test(target)
    else:
        rehab.find_run(target)


def _delete(rehab: Rehab, kind: str, target: str) -> Deleted:
    if kind == "session":
        return rehab.delete_session(target)
    if kind == "checkin":
        return rehab.delete_checkin(parse_day(target, date.today()))
    if kind == "test":
        return rehab.delete_test(target)
    return rehab.delete_run(target)


def _asked(out: Console, kind: str, target: str) -> bool:
    try:
        reply = out.input(f"Delete the {kind} {target}? [y/N] ", markup=False)
    except EOFError:
        return False
    return reply.strip().lower() in ("y", "yes")


def cmd_edit_session(args: argparse.Namespace, out: Console) -> int:
    pain = parse_pain(args.pain)
    with use_cases(args) as rehab:
        old = rehab.find_session(args.target)
        new = rehab.edit_session(args.target, pain, args.note)
    said = f"Session {args.target}: pain {_was(old['pain'])} → {new['pain']}/10"
    if args.note is not None:
        said += f", note {old['note']!r} → {new['note']!r}"
    out.print(Text(printable(said + ".")))
    return 0


def cmd_edit_checkin(args: argparse.Namespace, out: Console) -> int:
    day = parse_day(args.target, date.today())
    pain = parse_pain(args.pain)
    stiffness = parse_stiffness(args.stiffness_min)
    with use_cases(args) as rehab:
        old, new = rehab.edit_checkin(day, pain, stiffness)
    out.print(f"Check-in for {day:%a %d %b}: {describe_checkin(old)} → {describe_checkin(new)}.")
    return 0


def cmd_edit_run(args: argparse.Namespace, out: Console) -> int:
    if all(getattr(args, name) is None for name in ("min", "km", "pain", "note")):
        raise UserError("edit run needs at least one of --min, --km, --pain and --note")
    minutes = (
        None if args.min is None else parse_amount(args.min, "--min", 0, MAX_RUN_MINUTES, True)
    )
    km = None if args.km is None else parse_amount(args.km, "--km", 0, MAX_RUN_KM, above=False)
    pain = None if args.pain is None else parse_pain(args.pain)
    with use_cases(args) as rehab:
        old, new = rehab.edit_run(args.target, minutes, km, pain, args.note)
    out.print(Text(printable(f"Run was {describe_run(old)}; now {describe_run(new)}.")))
    return 0


def describe_checkin(checkin: CheckinRecord) -> str:
    """The check-in's pain, and its stiffness when it has one."""
    stiffness = checkin.get("stiffness_min")
    return f"pain {checkin['pain']}/10" + ("" if stiffness is None else f", stiff {stiffness} min")


def _was(pain: int | None) -> str:
    return "not rated" if pain is None else f"{pain}/10"
