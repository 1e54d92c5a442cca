"""Commands about rehab-tui's own files: where they are, the keys config.toml can remap, checking
an exercise file, and the routines file (list, edit, follow)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from rich.console import Console
from rich.text import Text

from rehab_tui.cli.common import UserError, catalog_path, read_catalog, use_cases
from rehab_tui.domain.kinds import describe_dose
from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.text import plural, printable
from rehab_tui.storage import locations
from rehab_tui.storage.catalog import load_catalog


def cmd_where(args: argparse.Namespace, out: Console) -> int:
    folder = locations.data_dir(args.data_dir)
    out.print(printable(f"data:      {folder}"), markup=False)
    out.print(printable(f"exercises: {catalog_path(args)}"), markup=False)
    out.print(printable(f"config:    {locations.config_dir()}"), markup=False)
    out.print(printable(f"cache:     {locations.cache_dir()}"), markup=False)
    return 0


def cmd_keys(args: argparse.Namespace, out: Console) -> int:
    from rich.table import Table

    from rehab_tui.tui.app import RehabApp
    from rehab_tui.tui.keys import all_bindings

    table = Table("name (for config.toml)", "keys", "what it does", box=None, pad_edge=False)
    for row in all_bindings(RehabApp):
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
            f"{path}: OK, {plural(len(catalog.exercises), 'exercise')}, "
            f"{plural(len(catalog.stages), 'stage')}, "
            f"{plural(len(catalog.ladder), 'step')} on the ladder"
        ),
        markup=False,
    )
    return 0


def edit_routines(out: Console, path: Path, limits: PainLimits) -> None:
    """Open the routines file in the user's editor, made from an example (its note quoting the
    profile's pain `limits`) if there is none."""
    import shlex
    import subprocess

    from rehab_tui.storage.routines import ensure_routines_file

    made = ensure_routines_file(path, limits)
    example = path.read_bytes() if made else None
    if made:
        out.print(printable(f"Made {path} from an example."), markup=False)
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        subprocess.run([*shlex.split(editor), str(path)], check=False)
    except FileNotFoundError:
        raise UserError(
            f"cannot start the editor {editor!r}; set $EDITOR, or edit {path}"
        ) from None
    finally:
        # The example left as it was is not a routine of the user's: it is not kept.
        if example is not None and path.exists() and path.read_bytes() == example:
            path.unlink()
            out.print("No changes: the example was not kept as a routine.", markup=False)


def cmd_routines(args: argparse.Namespace, out: Console) -> int:
    catalog = read_catalog(args)
    path = locations.routines_file()
    if args.edit:
        with use_cases(args, catalog) as rehab:
            limits = rehab.pain_limits()
        edit_routines(out, path, limits)
    with use_cases(args, catalog) as rehab:
        routines = rehab.routines()
        if args.follow is not None or args.follow_plan:
            rehab.follow(args.follow, routines)
        following = rehab.following()
    if not routines:
        out.print(
            printable(f"No routines yet. Make one with: rehab-tui routines --edit  ({path})"),
            markup=False,
        )
        return 0
    out.print(printable(f"{path}: {plural(len(routines), 'routine')}, OK"), markup=False)
    for routine in routines:
        mark = "  (followed: it is today's session)" if routine.name == following else ""
        out.print(Text(printable(f"{routine.name}{mark}"), style="bold"))
        if routine.note:
            out.print(Text(printable(f"  {routine.note}")))
        for planned in routine.exercises:
            dose = f"{describe_dose(planned)}, rest {planned.dose.rest_s} s"
            out.print(Text(printable(f"  {planned.exercise.name}: {dose}")))
    if following is None:
        out.print("Following rehab-tui's plan. rehab-tui routines --follow NAME follows a routine.")
    return 0
