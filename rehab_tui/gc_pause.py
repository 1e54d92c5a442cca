"""Garbage collection kept out of the way of a countdown.

Paused while rehab-tui starts and resumed once (see rehab_tui.startup). Then, whatever is alive
at a quiet moment is collected and frozen (`gc.freeze`: moved to the permanent generation, which
no later collection scans), so that the collections CPython starts by itself only ever look at
the objects made since. Measured on a pseudo-terminal, with 10 years of history: after the
history screen about 110,000 dead objects waited for the next full collection, which stalled the
app 60-190 ms, once at the start of a session. With what is alive collected and frozen before
the countdown, the collections during a hold are the young generations' own: 0.2-0.4 ms, and
4-6 ms at worst on a machine busy with other work (a pty at 80x24, a 30 s hold). What the
session's first frames make (caches kept all session) is frozen as well once they are drawn:
left young, it was scanned again by the middle generation's collection as the hold began
(1.0-1.5 ms, 5 ms on a busy machine).

Automatic collection stays on during a hold: a tick makes a few hundred short-lived container
objects, and the young collections that free them take about 0.3 ms; turning collection off for
a session of many minutes would only let them pile up. Much of it is Textual's lines (a Strip
keeps itself in its own caches: a cycle), some of which outlive a young collection and die in
the middle generation's: it runs three times as often in a session, so it is a third as long
(0.5-0.6 ms against 1.3-2.7 at the glass), and each rest frees what reached the old one.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

# After this long the app's first screen is surely drawn (it is 40-100 ms after the app is
# mounted): start-up's garbage is collected then (app.py), rather than before that first frame,
# and the screens most often opened next are imported; before a reader's first key, mostly (at
# 1.0 s, a g pressed at once still imported trends' charts itself: 25 ms of its answer).
QUIET_AFTER_START_S = 0.5


def pause_collection() -> None:
    gc.disable()


def resume_collection() -> None:
    """Collect once, then leave what is alive to the permanent generation. Idempotent."""
    if gc.isenabled():
        return
    collect_and_freeze()


def resume_without_collecting() -> None:
    """For a command: what start-up made is frozen as it is, and collection resumes. Collecting
    it first took 7-30 ms of every command, to free a few hundred objects of import-time garbage,
    which now stay until the command ends. Idempotent."""
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()


def collect_and_freeze() -> None:
    """Collect the garbage made since the last freeze, then freeze what survived.

    Only the objects made since the last freeze are scanned, so this is cheap unless much was
    made (a heavy screen such as history): that is the garbage it is here to clear, at a moment
    of our choosing rather than in the middle of a countdown. Resumes collection if it was paused.
    """
    gc.collect()
    gc.freeze()
    gc.enable()


# During a session: a full collection only after this many of the middle generation's (instead
# of 10). Right after a freeze CPython counts almost nothing as long-lived, so its rule that holds
# full collections back until a quarter more objects are long-lived lets the next one through:
# a full collection 0.03 s into a countdown (4-16 ms at the glass, 30 years of history).
SESSION_FULL_EVERY = 10_000
# ... and the middle generation after every 3 young ones (instead of 10): it holds what survived
# them (the widgets' cached lines of the last frames), so each takes a third as long (0.5 ms
# against 1.3-1.4 at the glass, a 60 s hold). What survives it more often reaches the old
# generation, unscanned in a session: `collect_in_a_rest` frees what died there.
SESSION_MIDDLE_EVERY = 3
_usual_thresholds: tuple[int, ...] | None = None


def quiet_for_a_session() -> None:
    """Before a session's first frame: collect and freeze (collect_and_freeze), and no full
    collection until `session_over`; the young generations still free what ticks make."""
    global _usual_thresholds
    collect_and_freeze()
    if _usual_thresholds is None:
        _usual_thresholds = gc.get_threshold()
        young = _usual_thresholds[0]
        gc.set_threshold(young, SESSION_MIDDLE_EVERY, SESSION_FULL_EVERY)


def collect_in_a_rest(still_resting: Callable[[], bool]) -> None:
    """A rest has begun, its first frame drawn: what the session made and has died is freed,
    the old generation's too. What was alive before the session is frozen, so this scans only
    the session's own objects (a few thousand, about 1 ms), a second before a frame is due.
    Nothing if the rest is over (skipped before its frame was drawn): the frame drawn was the
    next step's, and the one after it is due on the second."""
    if _usual_thresholds is not None and still_resting():
        gc.collect()


def settled_in_a_session() -> None:
    """The session's first frame is written: what drawing it made (the widgets' caches of lines
    and styles, kept all session) is frozen too, so that the young collections of the countdown
    do not scan it again and again. Its few dead objects wait for `session_over`'s thaw."""
    if _usual_thresholds is not None:
        gc.freeze()


def collect_between_sessions() -> None:
    """collect_and_freeze, unless a session has begun since this was asked for: it collected
    before its first frame, and no full collection may stall its countdown. (Home asks for one
    when it is shown again; it is shown for a moment between the quick timer's form and the
    session it starts, and the collection then fell 3 ms into the get-ready, 2-6 ms long.)"""
    if _usual_thresholds is None:
        collect_and_freeze()


def session_over() -> None:
    """The session's screen is gone: the usual thresholds again, and its objects thawed."""
    global _usual_thresholds
    if _usual_thresholds is not None:
        gc.set_threshold(*_usual_thresholds)
        _usual_thresholds = None
    thaw()


def thaw() -> None:
    """Hand every frozen object back to the collector (`gc.unfreeze`), when many of them may have
    died: a frozen object in a reference cycle is never freed. The next collection scans them all
    once (tens of ms); call `collect_and_freeze` at a quiet moment after this."""
    gc.unfreeze()
