"""`rehab-tui calendar [-o FILE] [--days N] [--date D]`: the coming sessions and check-ins as an
.ics file (services.today says which; exchange.calendar writes the format). stdout without -o;
with it, the file is written whole or not at all (storage.atomic)."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time
from pathlib import Path

from rich.console import Console

from rehab_tui.cli.common import parse_day, use_cases
from rehab_tui.domain.clock import FakeClock
from rehab_tui.services.today import calendar_file
from rehab_tui.storage.atomic import write_atomically


def cmd_calendar(args: argparse.Namespace, out: Console) -> int:
    clock = None
    if args.date is not None:
        clock = FakeClock(
            datetime.combine(parse_day(args.date, date.today()), time(9)).astimezone()
        )
    with use_cases(args, clock=clock) as rehab:
        content = calendar_file(rehab, args.days)
    if args.output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return 0
    write_atomically(Path(args.output), content)
    out.print(f"Wrote the next {args.days} days to ", end="")
    print(args.output)  # a path is never markup
    return 0
