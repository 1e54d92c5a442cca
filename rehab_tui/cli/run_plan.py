"""`rehab-tui run plan`: today's running (DOMAIN §7), as words or as JSON (README,
"run plan --json")."""

from __future__ import annotations

import argparse
import json
from datetime import date

from rich.console import Console
from rich.text import Text

from rehab_tui.cli.common import parse_day, read_catalog, use_cases
from rehab_tui.domain.text import escape_json_controls, printable
from rehab_tui.exchange.run_contracts import run_plan_json


def cmd_run_plan(args: argparse.Namespace, out: Console) -> int:
    catalog = read_catalog(args)
    day = parse_day(args.date, date.today())
    with use_cases(args, catalog) as rehab:
        plan = rehab.plan(day)
    running = plan.running
    assert running is not None  # every plan weighs running
    if args.json:
        text = json.dumps(run_plan_json(running), indent=2, ensure_ascii=False)
        print(escape_json_controls(text))
        return 0
    level = running.level.words if running.level else "continuous, your own length"
    out.print(Text(f"{day:%a %d %b %Y} · running: {running.verdict}", style="bold"))
    out.print(Text(printable(plan.run_advice.text)))
    out.print(Text(f"Level: {level}"))
    if running.verdict != "rest":
        km = f" or {running.longest_km:g} km" if running.longest_km is not None else ""
        out.print(Text(f"Longest run allowed today: {running.longest_min:g} min{km}"))
    for reason in running.reasons:
        out.print(Text(printable(f"  • {reason}")))
    return 0
