"""`rehab-tui ladder`: every rung of the stage ladder, for a physio to read and check: each
stage's name and frequency, each rung's change from the one below, its exercises and doses,
the load rule of a loaded exercise, and the light days of a spaced stage. Wrapped to at most 80
columns; `--json` is a documented contract (rehab_tui.exchange.contracts)."""

from __future__ import annotations

import argparse
import json
import textwrap

from rich.console import Console
from rich.text import Text

from rehab_tui.cli.common import read_catalog, use_cases
from rehab_tui.domain.kinds import describe_dose
from rehab_tui.domain.ladder import light_day_exercises, load_rule
from rehab_tui.domain.library import Catalog, PlannedExercise, Stage
from rehab_tui.domain.text import escape_json_controls, plural, printable
from rehab_tui.exchange.contracts import ladder_json

MAX_WIDTH = 80
KEEP = "\u00a0"  # a space textwrap never breaks at: between a number and its unit
PATH_TITLES = {
    False: "Mid-portion ladder",
    True: "Insertional ladder (floor level at every stage, never below a step)",
}


def cmd_ladder(args: argparse.Namespace, out: Console) -> int:
    catalog = read_catalog(args)
    tendinopathy = args.type
    if tendinopathy is None:
        with use_cases(args, catalog) as rehab:
            tendinopathy = rehab.profile().tendinopathy
    insertional = tendinopathy == "insertional"
    if args.json:
        data = ladder_json(catalog, insertional)
        print(escape_json_controls(json.dumps(data, indent=2, ensure_ascii=False)))
        return 0
    width = min(out.width, MAX_WIDTH)
    for line in ladder_lines(catalog, insertional, width):
        out.print(Text(printable(line)), soft_wrap=True)  # wrapped here already
    return 0


def ladder_lines(catalog: Catalog, insertional: bool, width: int) -> list[str]:
    """The ladder in words, each line at most `width` characters (a longer word aside)."""
    lines = wrapped(
        f"{PATH_TITLES[insertional]}: {plural(len(catalog.stages), 'stage')}, "
        f"{plural(len(catalog.ladder), 'step')}, from {catalog.source.name}.",
        width,
    )
    for stage in catalog.stages:
        lines.append("")
        lines += wrapped(f"Stage {stage.number} · {stage.name} · {stage.frequency.words}", width)
        lines += wrapped(f"Goal: {stage.goal}", width, "  ")
        lines += wrapped(f"Next when: {stage.progress_when}", width, "  ")
        for step in catalog.ladder:
            if step.stage != stage.number:
                continue
            lines += wrapped(
                f"Step {step.index + 1} (level {step.level}, step {step.step}): "
                f"{step.change_for(insertional)}",
                width,
                "  ",
            )
            for planned in step.exercises_for(insertional):
                lines += exercise_lines(planned, width)
        lines += light_day_lines(catalog, stage, insertional, width)
    return lines


def exercise_lines(planned: PlannedExercise, width: int) -> list[str]:
    """An exercise, its dose and rest, and the load rule of a loaded one on a line of its own."""
    text = f"{planned.exercise.name}: {describe_dose(planned)}, rest {planned.dose.rest_s}{KEEP}s"
    lines = wrapped(text, width, "    - ", "      ")
    rule = load_rule(planned.exercise)
    if rule:
        lines += wrapped(f"load: {rule}", width, "      ", "      ")
    return lines


def light_day_lines(catalog: Catalog, stage: Stage, insertional: bool, width: int) -> list[str]:
    """What a spaced stage offers on the days between its sessions (not counted)."""
    if stage.frequency.days_apart < 2:
        return []
    light = light_day_exercises(stage, catalog.exercises, insertional)
    if not light:
        return wrapped("On the days between: rest.", width, "  ")
    lines = wrapped("On the days between (light work, not counted toward a step up):", width, "  ")
    for planned in light:
        lines += exercise_lines(planned, width)
    return lines


def wrapped(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """`text` wrapped to `width`, its first line indented by `first`, the others by `rest`
    (default: two more than `first`); never broken between a number and its unit (KEEP)."""
    indent = first + "  " if rest is None else rest
    lines = textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=indent, break_on_hyphens=False
    )
    return [line.replace(KEEP, " ") for line in lines]
