"""`rehab-tui test`: record a capacity test done away from the app (heel raises to fatigue, the
hop test, a VISA-A score), and list the tests recorded. Each result goes through the same use
cases as the player's: refused while a red flag is open (not VISA-A, which loads nothing), and
pain at the hard stop in a test brings the same warning."""

from __future__ import annotations

import argparse
import json
from datetime import date

from rich.console import Console

from rehab_tui.cli.common import UserError, parse_day, parse_pain, use_cases
from rehab_tui.cli.records import print_warnings
from rehab_tui.domain.capacity import HEEL_RAISE, HOP, MOST_A_SIDE
from rehab_tui.domain.record_types import SidedTestKind
from rehab_tui.domain.review import describe_test
from rehab_tui.domain.text import escape_json_controls, whole_number
from rehab_tui.exchange.contracts import TESTS_SCHEMA

SIDED_KINDS: dict[str, SidedTestKind] = {"heel-raise": HEEL_RAISE, "hop": HOP}
COUNTED = {HEEL_RAISE: "heel raises", HOP: "hops"}


def cmd_test(args: argparse.Namespace, out: Console) -> int:
    if args.test_action == "list":
        return list_tests(args, out)
    if args.test_kind == "visa-a":
        return log_visa_a(args, out)
    return log_sided_test(args, out, SIDED_KINDS[args.test_kind])


def parse_count(text: str, side: str, kind: SidedTestKind) -> int:
    most = MOST_A_SIDE[kind]
    count = whole_number(text)
    if count is None or count > most:
        raise UserError(
            f"{side} must be a whole number of {COUNTED[kind]} from 0 to {most}, got {text!r}"
        )
    return count


def log_sided_test(args: argparse.Namespace, out: Console, kind: SidedTestKind) -> int:
    left = parse_count(args.left, "--left", kind)
    right = parse_count(args.right, "--right", kind)
    pain = parse_pain(args.pain)
    day = parse_day(args.date, date.today())
    with use_cases(args) as rehab:
        record, warnings = rehab.record_sided_test(kind, day, left, right, pain)
    out.print(f"Saved for {day:%a %d %b}: {describe_test(record)}.", markup=False)
    print_warnings(out, warnings, pain, day)
    return 0


def log_visa_a(args: argparse.Namespace, out: Console) -> int:
    score = whole_number(args.score)
    if score is None or score > 100:
        raise UserError(f"a VISA-A score must be a whole number from 0 to 100, got {args.score!r}")
    day = parse_day(args.date, date.today())
    with use_cases(args) as rehab:
        record = rehab.record_visa_a(score, day)
    out.print(f"Saved for {day:%a %d %b}: {describe_test(record)}.", markup=False)
    return 0


def list_tests(args: argparse.Namespace, out: Console) -> int:
    with use_cases(args) as rehab:
        tests = rehab.tests()
    if args.json:
        listing = {"schema": TESTS_SCHEMA, "tests": tests}
        print(escape_json_controls(json.dumps(listing, indent=2, ensure_ascii=False)))
        return 0
    if not tests:
        out.print(
            "No capacity tests yet. Record one in the app (c on home) or with: "
            "rehab-tui test log heel-raise --left N --right N --pain N"
        )
        return 0
    for test in tests:
        out.print(f"{date.fromisoformat(test['date']):%a %d %b %Y}  {describe_test(test)}")
    return 0
