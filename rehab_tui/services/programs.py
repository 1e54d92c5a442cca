"""The use cases of the user's own routines: read them, follow one instead of the plan, and
the pain rules' advice on it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rehab_tui.domain.own_program import own_program_advice
from rehab_tui.services.core import UseCaseCore
from rehab_tui.services.planning import LOOKBACK_DAYS
from rehab_tui.services.results import OwnProgram, ServiceError
from rehab_tui.storage import locations

if TYPE_CHECKING:
    from rehab_tui.storage.routines import Routine


class RoutineCases(UseCaseCore):
    # -- routines of one's own ----------------------------------------------------------------

    def routines_path(self) -> Path:
        return locations.routines_file()

    def routines(self) -> list[Routine]:
        """The user's routines ([] without a file); CatalogError names a mistake in it."""
        from rehab_tui.storage.routines import load_routines

        return load_routines(self.routines_path(), self.catalog)

    def following(self) -> str | None:
        """The routine followed instead of the plan, by name; None: the plan."""
        name = self.store.setting("own_program")
        return name if isinstance(name, str) else None

    def follow(self, name: str | None, routines: Sequence[Routine]) -> None:
        """Follow one of `routines` (as just read) instead of the plan; None: the plan again."""
        if name is not None:
            names = [routine.name for routine in routines]
            # A name as the user typed it: "morning" follows "Morning".
            same = [n for n in names if n.casefold() == name.casefold()]
            if not same:
                raise ServiceError(
                    f"no routine called {name!r} in {self.routines_path()}"
                    + (f"; there are: {', '.join(names)}" if names else "")
                )
            name = same[0]
        self._writing()
        self.store.set_setting("own_program", name)

    def own_program(self, routines: Sequence[Routine]) -> OwnProgram | None:
        """The routine followed today, found in `routines`, with the rules' advice; None when
        following the plan (or a routine no longer there)."""
        name = self.following()
        routine = next((r for r in routines if r.name == name), None) if name else None
        if routine is None:
            return None
        since = (self.today() - timedelta(days=LOOKBACK_DAYS)).isoformat()
        sessions, checkins, _ = self.store.recent(since)
        decision, reasons, clinician = own_program_advice(
            sessions, checkins, self.profile(), self.today()
        )
        return OwnProgram(routine, decision, tuple(reasons), clinician)
