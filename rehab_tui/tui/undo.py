"""Undo of the last delete, for a short while: a delete's notice says "press z to undo", and z
on the screen that lists the record (history, runs) puts it back exactly (Corrections.restore).

Once only: the record is put back, and the offer is gone. The offer is kept per app (a test
runs many apps in one process) and lapses after UNDO_SECONDS, as its notice does.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING, NamedTuple
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from rehab_tui.services.corrections import Deleted
    from rehab_tui.tui.app import RehabApp

UNDO_SECONDS = 30.0


class Offer(NamedTuple):
    deleted: Deleted
    until: float  # time.monotonic() after which it lapses


_offers: WeakKeyDictionary[RehabApp, Offer] = WeakKeyDictionary()


def offer_undo(app: RehabApp, deleted: Deleted) -> None:
    """Say what was deleted, and keep it to put back with z for UNDO_SECONDS."""
    _offers[app] = Offer(deleted, monotonic() + UNDO_SECONDS)
    app.notify(
        f"Deleted {deleted.describe()}. Press z to undo.", timeout=UNDO_SECONDS, markup=False
    )


def undo(app: RehabApp) -> Deleted | None:
    """Put the last deleted record back, if the offer still stands; what was put back."""
    offer = _offers.pop(app, None)
    if offer is None or monotonic() > offer.until:
        app.notify("Nothing to undo.", timeout=4)
        return None
    app.rehab.restore(offer.deleted)
    app.notify(f"Put back {offer.deleted.describe()}.", timeout=6, markup=False)
    return offer.deleted
