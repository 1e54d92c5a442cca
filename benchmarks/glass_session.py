"""A user's walk through the app at the glass, on a store with years of history.

rehab-tui (through benchmarks/truth_launch.py, which logs its garbage collections) is started on
an 80×24 pty on a copy of the store, and driven by keys; each figure is the time from writing the
key to the chunk that completed the screen it asks for, as benchmarks/glass.py reads it:

- `?` to the help's "escape: close", and esc back to home;
- `g` to the trends' first chart drawn (its title and its frame's bottom edge); esc back (before
  history, so that trends gain nothing from what history left in memory);
- `h` to the first rows of history (yesterday's date), and back to a given day's row (ctrl+end
  held down, so older months load as they scroll into view); esc back to home;
- the app's resident memory (VmRSS) at home before history and after coming back from it;
- optionally, straight after, a quick timer from home (t, 30 s, enter: the time to "GET
  READY"), whose get-ready and first 30 s hold are then left to run on a reader thread (`Hold`):
  the garbage collections the app logged over them give gc_pause_max_ms at the glass.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks.glass import Glass, GlassTimeout, Reader, shows_text
from benchmarks.glass_timer import LEAD_IN_S, TRUTH_LAUNCH

HOME = "Check-in"  # in the home screen's footer, the last line of its frame
HELP = "escape: close"
HOLD_S = 30
KEY_REPEAT_S = 1 / 30  # a held key, as a keyboard repeats it


def home_only(glass: Glass) -> bool:
    return glass.shows(HOME) and not glass.shows(HELP)


def trends_drawn(glass: Glass) -> bool:
    lines = glass.lines()
    titled = next((i for i, line in enumerate(lines) if "Pain during" in line), None)
    return titled is not None and any("└" in line for line in lines[titled:])


@dataclass
class Hold:
    """A quick timer left playing on its own reader; `finish` waits for its hold to end."""

    reader: Reader
    truth: Path
    figures: dict[str, float] = field(default_factory=dict)

    def finish(self) -> dict[str, float]:
        made = next(e["at"] for e in _events(self.truth) if e["event"] == "start")
        time.sleep(max(0.0, made + LEAD_IN_S + HOLD_S + 1.0 - time.monotonic()))
        glass = self.reader.stop()
        events = _events(self.truth)
        # The clock's true start: the last "start" logged (the player starts it afresh at its
        # first frame; the collection it makes before that frame is not in the countdown).
        start = [e["at"] for e in events if e["event"] == "start"][-1]
        end = start + LEAD_IN_S + HOLD_S
        pauses = [e["ms"] for e in events if e["event"] == "gc" and start <= e["at"] <= end]
        self.figures["gc_pause_max_ms"] = max(pauses, default=0.0)
        self.figures["gc_collections_1ms"] = len(pauses)
        glass.close()
        return self.figures


# The keys of a walk up to history's first rows, each the first of its kind in a launch.
FIRST_KEYS = ("key_help_ms", "key_esc_ms", "trends_ms", "key_esc_trends_ms", "history_first_ms")


def walk(
    data_dir: Path, first_day: date, today: date, hold: bool = False, launches: int = 1
) -> tuple[dict[str, float], dict[str, list[float]], Hold | None]:
    """The figures (milliseconds, MB, seconds as named), each launch's FIRST_KEYS figures, and
    with `hold`, the hold under way. With more `launches`, the walk up to history's first rows
    is made first in as many more fresh apps, and each of FIRST_KEYS is the median of every
    launch's: a screen opens for the first time once a launch, so a launch is one sample."""
    samples = [_first_keys(data_dir, today, number) for number in range(1, launches)]
    truth = _truth(data_dir, "truth")
    glass = _launch(data_dir, truth)
    try:
        figures = _walk(glass, first_day, today)
        samples.append({key: figures[key] for key in FIRST_KEYS})
        every = {key: [sample[key] for sample in samples] for key in FIRST_KEYS}
        figures.update({key: statistics.median(values) for key, values in every.items()})
        if not hold:
            glass.close()
            return figures, every, None
        glass.press("t")
        glass.wait_for(shows_text("Quick timer"), 20, "the quick timer's form")
        glass.settle(0.1, 2)
        _clear_the_hold_field(glass)
        for typed in range(1, len(str(HOLD_S)) + 1):  # a key at a time, each seen in the field
            glass.press(str(HOLD_S)[typed - 1])
            glass.wait_for(shows_text(f"Hold (s)    {str(HOLD_S)[:typed]} "), 5, "typing")
        figures["key_enter_ms"] = 1000 * glass.latency("enter", shows_text("GET READY"))
    except BaseException:
        glass.close()
        raise
    return figures, every, Hold(Reader(glass), truth, figures)


def _clear_the_hold_field(glass: Glass) -> None:
    """ctrl+u until the field is empty: it has the last timer's seconds, and a key that comes
    before the form has focus is not the field's."""
    for _ in range(5):
        glass.press("ctrl+u")
        try:
            glass.wait_for(shows_text("Hold (s)    blank"), 1, "the hold's field cleared")
            return
        except GlassTimeout:
            continue
    raise GlassTimeout(f"the hold's field was not cleared; the screen:\n{glass.text()}")


def _truth(data_dir: Path, log: str) -> Path:
    return data_dir.parent / f"{data_dir.name}-{log}.jsonl"


def _launch(data_dir: Path, truth: Path) -> Glass:
    return Glass([sys.executable, str(TRUTH_LAUNCH), str(truth), "--data-dir", str(data_dir)])


def _first_keys(data_dir: Path, today: date, number: int) -> dict[str, float]:
    """FIRST_KEYS' figures in a launch of their own, closed after history's first rows."""
    glass = _launch(data_dir, _truth(data_dir, f"keys-{number}"))
    try:
        figures = _to_history(glass, today)
    finally:
        glass.close()
    return {key: figures[key] for key in FIRST_KEYS}


def _to_history(glass: Glass, today: date) -> dict[str, float]:
    """Home, help and back, trends and back, then h: history's first rows ("h_pressed": when)."""
    figures: dict[str, float] = {}
    glass.wait_for(shows_text(HOME), 30, "the home screen")
    glass.settle(0.5, 5)
    figures["rss_home_mb"] = glass.rss_mb()
    figures["key_help_ms"] = 1000 * glass.latency("?", shows_text(HELP))
    figures["key_esc_ms"] = 1000 * glass.latency("esc", home_only)
    figures["trends_ms"] = 1000 * glass.latency("g", trends_drawn, 60)
    figures["key_esc_trends_ms"] = 1000 * glass.latency("esc", home_only)
    glass.settle(0.5, 5)
    figures["rss_before_history_mb"] = glass.rss_mb()
    yesterday = f"{today - timedelta(days=1):%d %b %Y}"
    figures["h_pressed"] = pressed = glass.press("h")
    shown = glass.wait_for(shows_text(yesterday), 30, "history's first rows", fresh=True)
    figures["history_first_ms"] = 1000 * (shown - pressed)
    return figures


def _walk(glass: Glass, first_day: date, today: date) -> dict[str, float]:
    figures = _to_history(glass, today)
    figures["history_all_s"] = _back_to(glass, first_day) - figures.pop("h_pressed")
    figures["key_esc_history_ms"] = 1000 * glass.latency("esc", home_only)
    glass.settle(0.5, 5)
    figures["rss_after_history_mb"] = glass.rss_mb()
    return figures


def _back_to(glass: Glass, day: date, most_s: float = 300) -> float:
    """The instant a row of `day` or older reached the screen, ctrl+end held down (sent at a
    keyboard's repeat rate, KEY_REPEAT_S): whether history loads every row at once or older
    months as they scroll into view, this is when a user holding the key would see it."""
    deadline = time.monotonic() + most_s
    while time.monotonic() < deadline:
        glass.press("ctrl+end")
        until = time.monotonic() + KEY_REPEAT_S
        while (left := until - time.monotonic()) > 0:
            if glass.read_once(left) and _oldest_shown(glass.text()) <= day:
                return glass.last_read_at
    raise GlassTimeout(f"no row of {day} or older in {most_s:g} s; the screen:\n{glass.text()}")


ROW_DAY = re.compile(r"\b(\d\d) ([A-Z][a-z]{2}) (\d{4})\b")


def _oldest_shown(text: str) -> date:
    """The oldest day a history row on the screen names (date.max if none)."""
    days = [
        datetime.strptime(" ".join(m.groups()), "%d %b %Y").date() for m in ROW_DAY.finditer(text)
    ]
    return min(days, default=date.max)


def _events(truth: Path) -> list[dict]:
    if not truth.exists():
        return []
    return [json.loads(line) for line in truth.read_text().splitlines() if line.strip()]
