"""Commands that record what happened away from the app: a session done, a morning check-in,
and the profile. Each prints what was saved and every warning the use cases return."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, assert_never

from rich.console import Console

from rehab_tui.cli.common import UserError, parse_day, parse_pain, read_catalog, use_cases
from rehab_tui.domain.hard_stop import HARD_STOP_DAYS
from rehab_tui.domain.loading import kg
from rehab_tui.domain.profile import HEEL_RAISE_FLOOR_RANGE, SYMMETRY_PCT_RANGE
from rehab_tui.domain.safety import (
    LONG_STIFFNESS_ADVICE,
    RED_FLAGS,
    SafetyWarning,
    parse_red_flag_answer,
)
from rehab_tui.domain.text import plural, printable, whole_number

MAX_STIFFNESS_MIN = 600


def print_warnings(out: Console, warnings: Iterable[SafetyWarning], pain: int, day: date) -> None:
    """The CLI's words for the warnings rehab_tui.domain.safety decides (the TUI shows the same);
    `day`: the day the pain was given, which starts the hard stop's window."""
    for warning in warnings:
        if warning is SafetyWarning.HARD_STOP:
            last = day + timedelta(days=HARD_STOP_DAYS - 1)
            out.print(
                f"[b red]Pain {pain}/10:[/b red] no running for now, up to and including "
                f"{last:%a %d %b} ({HARD_STOP_DAYS} days). A sudden snap, not being "
                "able to rise on tiptoe, a gap in the tendon, a hot swollen calf, fever or night "
                "pain mean seeing a clinician first."
            )
        elif warning is SafetyWarning.LONG_STIFFNESS:
            out.print(LONG_STIFFNESS_ADVICE, markup=False)
        else:
            assert_never(warning)


def cmd_log(args: argparse.Namespace, out: Console) -> int:
    catalog = read_catalog(args)
    pain = parse_pain(args.pain)
    day = parse_day(args.date, date.today())
    load_kg = parse_load_kg(args.load_kg)
    with use_cases(args, catalog) as rehab:
        logged = rehab.log_session(day, pain, args.note, load_kg, again=args.again)
    weight = "" if load_kg is None else f", {kg(load_kg)} on the loaded exercises"
    what = (
        f"at stage {logged.plan.step.stage}"
        if logged.routine is None
        else f"of the routine {printable(logged.routine)}"
    )
    out.print(
        f"Logged {day:%a %d %b}: {plural(len(logged.exercises), 'exercise')} {what}, "
        f"pain {pain}/10{weight}.",
        markup=False,
    )
    print_warnings(out, logged.warnings, pain, day)
    return 0


def parse_load_kg(text: str | None) -> float | None:
    """--load-kg: a number of kilograms (the use case checks its range and steps)."""
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        raise UserError(
            f"--load-kg takes a weight in kg like 12.5 (0 to 500, in steps of 0.5), got {text!r}"
        ) from None


def parse_stiffness(text: str | None) -> int | None:
    if text is None:
        return None
    stiffness = whole_number(text)
    if stiffness is None or stiffness > MAX_STIFFNESS_MIN:
        raise UserError(
            f"stiffness must be whole minutes from 0 to {MAX_STIFFNESS_MIN}, got {text!r}"
        )
    return stiffness


def cmd_checkin(args: argparse.Namespace, out: Console) -> int:
    pain = parse_pain(args.pain)
    stiffness = parse_stiffness(args.stiffness_min)
    day = parse_day(args.date, date.today())
    with use_cases(args) as rehab:
        replaced = rehab.checkin_on(day)
        warnings = rehab.check_in(day, pain, stiffness)
    out.print(
        f"Check-in for {day:%a %d %b}: pain {pain}/10"
        + (f", stiff for {stiffness} min." if stiffness is not None else ".")
    )
    if replaced is not None:
        # One check-in a day: a second is nearly always the first corrected, so it replaces
        # it, and says what it was, so that a slip is seen (and undone with edit checkin).
        was = f"pain {replaced['pain']}/10"
        if replaced.get("stiffness_min") is not None:
            was += f", stiff for {replaced['stiffness_min']} min"
        out.print(f"It replaced that day's earlier check-in ({was}).")
    print_warnings(out, warnings, pain, day)
    return 0


def parse_within(text: str, option: str, limits: tuple[int, int]) -> int:
    number = whole_number(text)
    low, high = limits
    if number is None or not low <= number <= high:
        raise UserError(f"{option} must be a whole number from {low} to {high}, got {text!r}")
    return number


def parse_red_flags(texts: list[str]) -> dict[str, bool]:
    """Every --red-flag NAME=yes|no, checked before anything is written."""
    answers = {}
    for text in texts:
        try:
            name, yes = parse_red_flag_answer(text)
        except ValueError as error:
            raise UserError(str(error)) from None
        answers[name] = yes
    return answers


def ask_red_flags(out: Console) -> dict[str, bool]:
    """The six red-flag questions on the terminal (y or n, enter: no); the answers given, by
    question id. End of input stops: a question not reached stays unanswered, not a no."""
    out.print("The red-flag questions (y yes, n or enter no):")
    answers: dict[str, bool] = {}
    for number, flag in enumerate(RED_FLAGS, start=1):
        while True:
            try:
                reply = out.input(f"{number}/{len(RED_FLAGS)} {flag.question} [y/N] ", markup=False)
            except EOFError:
                return answers
            reply = reply.strip().lower()
            if reply in ("", "n", "no", "y", "yes"):
                answers[flag.id] = reply.startswith("y")
                break
            out.print("Please answer y or n (enter: no).")
    return answers


def cmd_setup(args: argparse.Namespace, out: Console) -> int:
    changes: dict[str, Any] = {}
    if args.type:
        changes["tendinopathy"] = args.type
    if args.baseline is not None:
        changes["baseline"] = parse_pain(args.baseline, "baseline")
    if args.limits:
        changes["limits"] = args.limits
    if args.heel_raise_floor is not None:
        changes["heel_raise_floor"] = parse_within(
            args.heel_raise_floor, "--heel-raise-floor", HEEL_RAISE_FLOOR_RANGE
        )
    if args.symmetry is not None:
        changes["symmetry_pct"] = parse_within(args.symmetry, "--symmetry", SYMMETRY_PCT_RANGE)
    if args.weights is not None:
        changes["weights"] = args.weights
    answers = parse_red_flags(args.red_flag)
    cleared = (
        parse_day(args.cleared_by_clinician, date.today())
        if args.cleared_by_clinician is not None
        else None
    )
    if cleared is not None and cleared > date.today():
        raise UserError(
            f"{cleared} is in the future; record a clinician's check on or after it happened"
        )
    with use_cases(args) as rehab:
        if answers:
            rehab.answer_red_flags(answers)
        if cleared is not None:
            rehab.clear_red_flags(cleared)
        profile = rehab.change_profile(**changes)
        still_open = rehab.open_red_flags()
    out.print(
        f"Tendinopathy: {profile.tendinopathy}; usual morning pain: {profile.baseline}/10; "
        f"pain limits: {profile.limits}."
    )
    out.print(
        f"Capacity gate: {profile.heel_raise_floor} heel raises each side, the weaker side at "
        f"least {profile.symmetry_pct} % of the other; weights at home: "
        f"{'yes' if profile.weights else 'no (bodyweight only)'}."
    )
    nothing_given = not (changes or answers or cleared is not None)
    if nothing_given and sys.stdin.isatty():  # a person at a terminal; never a script
        asked = ask_red_flags(out)
        if asked:
            with use_cases(args) as rehab:
                rehab.answer_red_flags(asked)
                still_open = rehab.open_red_flags()
    if still_open:
        out.print(
            f"Red flags open: {', '.join(still_open)}. See a clinician first: the plan offers "
            "no loading and no running until you record their check "
            "(setup --cleared-by-clinician DATE).",
            markup=False,
        )
    return 0
