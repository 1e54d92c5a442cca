"""Garbage collection paused while rehab-tui starts, and resumed once: see rehab_tui.startup."""

from __future__ import annotations

import gc


def pause_collection() -> None:
    gc.disable()


def resume_collection() -> None:
    """Collect once, then leave what is alive to the permanent generation. Idempotent."""
    if gc.isenabled():
        return
    gc.collect()
    gc.freeze()
    gc.enable()
