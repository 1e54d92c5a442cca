"""Runs read from a watch's or a phone's files: GPX (gpxpy), TCX (python-tcxparser) and FIT
(fitdecode). No XML or FIT parsing of our own: each format is the library's.

From each file: the start (as the file gives it, in UTC or with an offset; the caller turns it
into local time), the **elapsed** minutes from start to finish (pauses included: the tendon
was loaded, or standing, all that time, and it is the one figure all three formats give), and
the distance in km when the file knows it. Anything else in the file is not read, and nothing
from it is ever printed: a sentence about a file names the file and what is wrong, not its text.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from rehab_tui.domain.run_log import MAX_RUN_MINUTES
from rehab_tui.domain.text import one_line
from rehab_tui.storage.reading import NotAFileError, TooLargeError, read_bytes

MAX_RUN_FILE_BYTES = 50 * 1024 * 1024  # an ultramarathon with a point a second is ~20 MB
RUN_FILE_SUFFIXES = (".gpx", ".tcx", ".fit")
NOT_RUNS = {"biking", "cycling", "swimming", "e_biking", "rowing"}  # sports that are no run
WALKS = {"walking", "hiking"}


class RunFileError(Exception):
    """A file that gives no run; the message is one sentence naming the file."""


class RunInFile(NamedTuple):
    started: datetime  # with its UTC offset
    minutes: float  # elapsed, start to finish
    km: float | None  # None when the file has no distance
    walk: bool  # the file says it was a walk or a hike


def read_run_file(path: Path) -> RunInFile:
    """The run in a GPX, TCX or FIT file (told apart by its name's ending); RunFileError with
    one sentence for a file that cannot be read, is damaged, or holds no run."""
    name = one_line(str(path))
    suffix = path.suffix.lower()
    if suffix not in RUN_FILE_SUFFIXES:
        raise RunFileError(f"{name}: not a .gpx, .tcx or .fit file")
    data = _read(path, name)
    if not data.strip():
        raise RunFileError(f"{name}: the file is empty")
    try:
        if suffix == ".gpx":
            found = _from_gpx(data)
        elif suffix == ".tcx":
            found = _from_tcx(data)
        else:
            found = _from_fit(data)
    except RunFileError as error:
        raise RunFileError(f"{name}: {error}") from None
    except Exception:  # each library fails in its own ways on a damaged file; all mean that
        kind = suffix[1:].upper()
        raise RunFileError(f"{name}: damaged, or not a {kind} file a watch writes") from None
    return _checked(found, name)


def _read(path: Path, name: str) -> bytes:
    try:
        return read_bytes(path, MAX_RUN_FILE_BYTES)
    except FileNotFoundError:
        raise RunFileError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise RunFileError(f"{name}: this is a folder, not a file") from None
    except NotAFileError:
        raise RunFileError(f"{name}: this is a device or a pipe, not a file") from None
    except TooLargeError:
        raise RunFileError(f"{name}: larger than 50 MB; not a run's file") from None
    except OSError as error:
        raise RunFileError(f"{name}: cannot be read ({error.strerror})") from None


def _checked(found: RunInFile, name: str) -> RunInFile:
    if found.minutes <= 0:
        raise RunFileError(f"{name}: the run ends before it starts")
    if found.minutes > MAX_RUN_MINUTES:
        raise RunFileError(f"{name}: the run lasts more than 24 hours")
    return found


def _aware(moment: datetime) -> datetime:
    """A time with no offset in a run's file is UTC (GPX and TCX say so; FIT is always UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _sport(word: Any) -> bool:
    """Whether a file's sport is a walk; RunFileError for a sport that is not on foot."""
    sport = str(word or "").strip().lower()
    if sport in NOT_RUNS:
        raise RunFileError(f"a {sport} activity, not a run or a walk")
    return sport in WALKS


# -- the three formats, each read by its library ---------------------------------------------


def _from_gpx(data: bytes) -> RunInFile:
    import gpxpy

    gpx = gpxpy.parse(data.decode("utf-8"))
    bounds = gpx.get_time_bounds()
    if bounds.start_time is None or bounds.end_time is None:
        raise RunFileError("a GPX file with no times, so no run's start or length")
    start, end = _aware(bounds.start_time), _aware(bounds.end_time)
    metres = gpx.length_2d() if gpx.get_points_no() >= 2 else None
    walk = any(_sport(track.type) for track in gpx.tracks)
    return RunInFile(start, (end - start) / timedelta(minutes=1), _km(metres), walk)


def _from_tcx(data: bytes) -> RunInFile:
    from tcxparser import TCXParser

    tcx = TCXParser(io.BytesIO(data))
    walk = _sport(tcx.activity_type)
    start = _aware(datetime.fromisoformat(str(tcx.started_at)))
    laps = list(tcx.activity.Lap)
    times = tcx.time_values()
    if times:  # elapsed: to the last point recorded
        end = _aware(datetime.fromisoformat(times[-1]))
        seconds = (end - start).total_seconds()
    else:  # no track points: the laps' own times (timer time, pauses left out)
        seconds = sum(float(lap.TotalTimeSeconds) for lap in laps)
    lap_metres = [float(lap.DistanceMeters) for lap in laps if hasattr(lap, "DistanceMeters")]
    points = tcx.distance_values()
    metres = sum(lap_metres) if lap_metres else (float(points[-1]) if points else None)
    return RunInFile(start, seconds / 60, _km(metres), walk)


def _from_fit(data: bytes) -> RunInFile:
    import fitdecode

    sessions: list[dict[str, Any]] = []
    checks = {
        "check_crc": fitdecode.CrcCheck.RAISE,
        "error_handling": fitdecode.ErrorHandling.RAISE,
    }
    with fitdecode.FitReader(io.BytesIO(data), **checks) as fit:  # a damaged file raises
        for frame in fit:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                sessions.append({field.name: field.value for field in frame.fields})
    if not sessions:
        raise RunFileError("a FIT file with no activity in it (a course or settings file?)")
    walk = all(_sport(s.get("sport")) for s in sessions)
    starts = [s["start_time"] for s in sessions if isinstance(s.get("start_time"), datetime)]
    if len(starts) < len(sessions):
        raise RunFileError("a FIT activity with no start time")
    seconds = sum(float(s.get("total_elapsed_time") or 0) for s in sessions)
    metres: float | None = 0.0
    for session in sessions:
        distance = session.get("total_distance")
        metres = None if metres is None or distance is None else metres + float(distance)
    return RunInFile(_aware(min(starts)), seconds / 60, _km(metres), walk)


def _km(metres: float | None) -> float | None:
    return None if metres is None else metres / 1000
