"""What every command shares: the user's mistakes (exit 1), the files in use, and the use cases.

Commands reach the data through `use_cases` (rehab_tui.services), never the store's own writes.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path

from rehab_tui.domain.clock import Clock, SystemClock
from rehab_tui.domain.library import Catalog
from rehab_tui.domain.pain import check_pain
from rehab_tui.services.rehab import Rehab
from rehab_tui.storage import locations
from rehab_tui.storage.catalog import default_catalog_path, load_catalog
from rehab_tui.storage.store import Store

# The days a --date or --since may name: outside them, date arithmetic (a lookback, the next
# check-in) would overflow, and a session id's YYYYMMDD would not have four digits of year.
FIRST_DAY = date(1970, 1, 1)
LAST_DAY = date(2999, 12, 31)


class UserError(Exception):
    """A problem the user can fix; printed as one sentence, exit 1."""


def catalog_path(args: argparse.Namespace) -> Path:
    return Path(args.exercises) if args.exercises else default_catalog_path()


def read_catalog(args: argparse.Namespace) -> Catalog:
    """The exercise file in use, from the cache when it is unchanged since last read."""
    return load_catalog(catalog_path(args), cache_dir=locations.cache_dir())


def open_store(args: argparse.Namespace) -> Store:
    folder = locations.data_dir(args.data_dir)
    try:
        return Store(folder, kept_in=locations.cache_dir())
    except OSError as error:
        raise UserError(f"cannot use the data folder {folder}: {error.strerror}") from None


@contextmanager
def use_cases(
    args: argparse.Namespace, catalog: Catalog | None = None, clock: Clock | None = None
) -> Iterator[Rehab]:
    """The use cases over the data folder, closed after. The exercise file is `catalog` when a
    command has read it already, else it is read only if a use case needs it; `clock`: the
    system's unless a command is told another day (status --date)."""
    with open_store(args) as store:
        yield Rehab(
            store,
            catalog if catalog is not None else partial(read_catalog, args),
            clock or SystemClock(),
        )


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
