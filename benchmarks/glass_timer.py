"""The quick timer's countdown as it reaches the terminal: `rehab-tui timer --hold 30` on a pty.

The app runs through benchmarks/truth_launch.py, which logs the instant its countdown's clock
started (a quick timer's get-ready counts from the moment its `Playback` is made, before the
player's first frame: timeline.py's lead-in, 5 s by default) and the instants of the pause and
the resume, from the same system-wide monotonic clock the glass stamps its chunks with. So each
shown second has a due instant: the get-ready's "5" at the start, "4" a second later...; the
hold's "30" at the end of the lead-in, "29" a second later...; and the frame that ends the hold
(the big number leaves the screen) at the end of the hold; every instant after the pause moved on
by the pause's span. Its lateness is the instant the chunk that completed it was read, less that.

Space is pressed 10.3 s into the hold and again 3 s later (the pause's latency is that of the
key to "PAUSED" on the screen, and back). Over the hold, from the "30" on the glass to the "1",
the app's CPU (from /proc) and its bytes of output are measured, and the same for the anchor: a
bare Textual app counting down once a second in big digits (benchmarks/bare_countdown.py), run
on its own pty at the same time.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.glass import Glass, Reader, big_number, cpu_s

HOLD_S = 30
LEAD_IN_S = 5  # rehab_tui.domain.timeline.LEAD_IN_S, the default (no config.toml here)
PAUSE_AT_S = 10.3  # into the hold
PAUSE_FOR_S = 3.0
PAUSED = "PAUSED"
TRUTH_LAUNCH = Path(__file__).with_name("truth_launch.py")
BARE_COUNTDOWN = Path(__file__).with_name("bare_countdown.py")
END = "end"  # the frame with which the big number leaves the screen


def due_instants(
    start: float, hold_s: int, pauses: list[tuple[float, float]]
) -> list[tuple[str, float]]:
    """(what the screen must show, from when), in order, on the app's clock."""
    lead = [(str(LEAD_IN_S - k), start + k) for k in range(LEAD_IN_S)]
    hold_start = start + LEAD_IN_S
    hold = [(str(hold_s - k), hold_start + k) for k in range(hold_s)]
    due = [*lead, *hold, (END, hold_start + hold_s)]
    for paused, resumed in pauses:
        due = [(value, at + (resumed - paused) if at > paused else at) for value, at in due]
    return due


def lateness(
    shown: list[tuple[float, str]], due: list[tuple[str, float]]
) -> list[tuple[str, float]]:
    """Each due value's lateness (s), matched in order with what reached the screen. A value
    that never reached it counts as late until the next change did."""
    found, cursor = [], 0
    for value, at in due:
        match = next((i for i in range(cursor, len(shown)) if shown[i][1] == value), None)
        if match is None:
            if cursor >= len(shown):
                raise RuntimeError(f"the countdown stopped before {value!r}: {shown[-5:]}")
            found.append((value, shown[cursor][0] - at))
            continue
        found.append((value, shown[match][0] - at))
        cursor = match + 1
    return found


class Anchor:
    """The bare countdown, read (and emulated) on a thread while the app is timed."""

    def __init__(self, seconds: int) -> None:
        self.glass = Glass([sys.executable, str(BARE_COUNTDOWN), str(seconds)])
        self.glass.wait_for(lambda glass: glass.shows("rehab-tui bare countdown"), 20)
        self._reader = Reader(self.glass)

    def close(self) -> None:
        self._reader.stop().close()


def hold_at_the_glass(folder: Path, hold_s: int = HOLD_S) -> dict[str, float]:
    truth = folder / "truth.jsonl"
    folder.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(TRUTH_LAUNCH), str(truth), "--data-dir", str(folder / "data")]
    anchor = Anchor(hold_s + LEAD_IN_S + 20)
    app = Glass([*command, "timer", "--hold", str(hold_s)])
    try:
        return _play(app, anchor, truth, hold_s)
    finally:
        app.close()
        anchor.close()


@dataclass
class Watched:
    """What the glass saw during the hold, stamped with the instants the chunks were read."""

    shown: list[tuple[float, str]] = field(default_factory=list)  # (instant, number or END)
    keys: list[float] = field(default_factory=list)  # instants space was pressed
    paused_seen: list[float] = field(default_factory=list)  # "PAUSED" appeared, went
    cpu: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # (at, app, anchor)
    start: float | None = None  # the countdown's start, as the app logged it


def _play(app: Glass, anchor: Anchor, truth: Path, hold_s: int) -> dict[str, float]:
    seen = Watched()
    was_paused = False
    deadline = time.monotonic() + LEAD_IN_S + hold_s + PAUSE_FOR_S + 30
    while not seen.shown or seen.shown[-1][1] != END:
        now = time.monotonic()
        if now > deadline:
            raise RuntimeError(f"the hold did not end; the screen:\n{app.text()}")
        wait = 0.25
        if seen.start is not None and len(seen.keys) < 2:  # space: pause, then resume
            press_at = seen.start + LEAD_IN_S + PAUSE_AT_S + PAUSE_FOR_S * len(seen.keys)
            if now >= press_at:
                seen.keys.append(app.press("space"))
                continue
            wait = min(wait, press_at - now)
        if not app.read_once(wait):
            continue
        at, value, paused = app.last_read_at, big_number(app.lines()), app.shows(PAUSED)
        if paused != was_paused:
            seen.paused_seen.append(at)
            was_paused = paused
        last = seen.shown[-1][1] if seen.shown else None
        if last == "1" and value in (None, "0") and not paused and len(seen.shown) > LEAD_IN_S:
            # The hold ended: its last frame shows 0 (or, before that frame, the number left).
            seen.shown.append((at, END))
            continue
        if value is None or value == last:
            continue
        seen.shown.append((at, value))
        if seen.start is None:
            seen.start = _events(truth)[0]["at"]
        if value == str(hold_s) and "hold" not in seen.cpu:
            seen.cpu["hold"] = (at, cpu_s(app.pid), cpu_s(anchor.glass.pid))
        if value == "1" and len(seen.shown) > LEAD_IN_S + 1:
            seen.cpu["last"] = (at, cpu_s(app.pid), cpu_s(anchor.glass.pid))
    return _figures(seen, _events(truth), app, anchor, hold_s)


def _figures(
    seen: Watched, events: list[dict], app: Glass, anchor: Anchor, hold_s: int
) -> dict[str, float]:
    assert seen.start is not None
    # The clock's true start: the last "start" logged (the player restarts it at its first frame).
    seen.start = [e["at"] for e in events if e["event"] == "start"][-1]
    pauses = list(
        zip(
            [e["at"] for e in events if e["event"] == "pause"],
            [e["at"] for e in events if e["event"] == "resume"],
            strict=True,
        )
    )
    late = [s for _, s in lateness(seen.shown, due_instants(seen.start, hold_s, pauses))]
    (began, app_began, anchor_began) = seen.cpu["hold"]
    (ended, app_ended, anchor_ended) = seen.cpu["last"]
    wall = ended - began
    gc_ms = [e["ms"] for e in events if e["event"] == "gc" and seen.start <= e["at"] <= ended]
    keys, changes = seen.keys, seen.paused_seen
    return {
        "max_err_ms": 1000 * max(late),
        "earliest_ms": 1000 * min(late),
        "first_ms": 1000 * late[0],
        "lead_in_max_ms": 1000 * max(late[:LEAD_IN_S]),
        "hold_max_ms": 1000 * max(late[LEAD_IN_S:-1]),
        "end_ms": 1000 * late[-1],
        "changes": len(late),
        "pause_key_ms": 1000 * (changes[0] - keys[0]) if changes else float("nan"),
        "resume_key_ms": 1000 * (changes[1] - keys[1]) if len(changes) > 1 else float("nan"),
        "cpu_pct": 100 * (app_ended - app_began) / wall,
        "bytes_per_s": app.bytes_between(began, ended) / wall,
        "anchor_cpu_pct": 100 * (anchor_ended - anchor_began) / wall,
        "anchor_bytes_per_s": anchor.glass.bytes_between(began, ended) / wall,
        "gc_max_ms": max(gc_ms, default=0.0),
        "wall_s": wall,
    }


def _events(truth: Path) -> list[dict]:
    deadline = time.monotonic() + 5
    while not truth.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return [json.loads(line) for line in truth.read_text().splitlines() if line.strip()]
