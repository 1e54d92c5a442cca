"""What every use case shares: the store, the catalog, the clock, the writer lock, today's
profile and plan (services.rehab.Rehab is built on it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rehab_tui.domain.clock import Clock
from rehab_tui.domain.library import Catalog
from rehab_tui.domain.pain import PainLimits
from rehab_tui.domain.plan import Plan
from rehab_tui.domain.profile import Profile
from rehab_tui.services.planning import load_profile, plan_for
from rehab_tui.storage.store import Store


class UseCaseCore:
    """One store, one catalog and one clock.

    `catalog` may be a function that reads the exercise file: it is then read on first use, so
    that a command that needs no exercises (history) works even when the file has a mistake.
    """

    def __init__(self, store: Store, catalog: Catalog | Callable[[], Catalog], clock: Clock):
        self.store = store
        self._catalog = catalog
        self.clock = clock
        # The last plan worked out, by its day and the store's data version: kept until any
        # save, so that the screens on the way to the first frame (and home after a dialog that
        # changed nothing) work it out once.
        self._last_plan: tuple[tuple[date, int], Plan] | None = None

    @property
    def catalog(self) -> Catalog:
        if not isinstance(self._catalog, Catalog):
            self._catalog = self._catalog()
        return self._catalog

    def _writing(self) -> None:
        """Before every write: become the one process writing here (LockedError if not)."""
        self.store.acquire_writer_lock()

    # -- reading ------------------------------------------------------------------------

    def today(self) -> date:
        return self.clock.wall().date()

    def profile(self) -> Profile:
        return load_profile(self.store)

    def pain_limits(self) -> PainLimits:
        """The profile's pain limits: every zone, limit and warning follows them."""
        return self.profile().pain_limits

    def plan(self, day: date | None = None) -> Plan:
        """The plan for `day` (today by default), and why; worked out again after any save
        (and each time when this process is not the writer: another one may have saved)."""
        day = day or self.today()
        version = self.store.data_version()  # before reading: a save during it is seen next time
        if version is not None and self._last_plan is not None:
            (kept_day, kept_version), plan = self._last_plan
            if (kept_day, kept_version) == (day, version):
                return plan
        plan = plan_for(self.store, self.catalog, day)
        if version is not None:
            self._last_plan = ((day, version), plan)
        return plan
