"""Run files as a watch or a phone writes them (GPX, TCX, FIT), and the time to import many.

The writers are also the tests' fixtures (tests/functional/test_run_import.py): GPX and TCX are
written as text in their published shapes, FIT with fit-tool (a test dependency: install the
project with `.[test]` to run this benchmark).
"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

POINT_EVERY_S = 5  # one track point every 5 s (watches write 1-5 s)


def _points(start: datetime, minutes: float, metres: float) -> list[tuple[datetime, float, float]]:
    """(time, latitude, metres so far) every POINT_EVERY_S seconds, heading north."""
    count = max(2, int(minutes * 60 / POINT_EVERY_S) + 1)
    step_s = minutes * 60 / (count - 1)
    return [
        (
            start + timedelta(seconds=n * step_s),
            52.0 + (metres * n / (count - 1)) / 111_195,  # metres of latitude per degree
            metres * n / (count - 1),
        )
        for n in range(count)
    ]


def gpx_text(start: datetime, minutes: float, km: float, times: bool = True) -> str:
    points = "\n".join(
        f'<trkpt lat="{lat:.6f}" lon="4.000000"><ele>1.0</ele>'
        + (f"<time>{at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}</time>" if times else "")
        + "</trkpt>"
        for at, lat, _ in _points(start, minutes, km * 1000)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="a watch" xmlns="http://www.topografix.com/GPX/1/1">\n'
        f"<trk><name>Morning run</name><type>running</type><trkseg>\n{points}\n"
        "</trkseg></trk></gpx>\n"
    )


def tcx_text(start: datetime, minutes: float, km: float, sport: str = "Running") -> str:
    def utc(at: datetime) -> str:
        return f"{at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"

    points = "\n".join(
        f"<Trackpoint><Time>{utc(at)}</Time><Position><LatitudeDegrees>{lat:.6f}"
        "</LatitudeDegrees><LongitudeDegrees>4.0</LongitudeDegrees></Position>"
        f"<DistanceMeters>{metres:.1f}</DistanceMeters></Trackpoint>"
        for at, lat, metres in _points(start, minutes, km * 1000)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>{utc(start)}</Id>'
        f'<Lap StartTime="{utc(start)}"><TotalTimeSeconds>{minutes * 60:.1f}</TotalTimeSeconds>'
        f"<DistanceMeters>{km * 1000:.1f}</DistanceMeters><Calories>0</Calories>"
        "<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>"
        f"<Track>\n{points}\n</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n"
    )


def fit_bytes(
    start: datetime, minutes: float, km: float | None, sport: str = "running", session=True
) -> bytes:
    """A FIT activity file, as a watch writes one: file id, a record every few seconds, and the
    session's summary (fit-tool, a test dependency, writes it; the app reads with fitdecode)."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer, Sport

    def ms(at: datetime) -> int:  # fit-tool takes times as milliseconds since 1970
        return round(at.timestamp() * 1000)

    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.time_created = ms(start)
    file_id.serial_number = 1
    builder.add(file_id)
    for at, _, metres in _points(start, minutes, (km or 0) * 1000):
        record = RecordMessage()
        record.timestamp = ms(at)
        if km is not None:
            record.distance = metres
        builder.add(record)
    if session:
        summary = SessionMessage()
        summary.timestamp = ms(start + timedelta(minutes=minutes))
        summary.start_time = ms(start)
        summary.total_elapsed_time = minutes * 60
        summary.total_timer_time = minutes * 60
        summary.sport = Sport[sport.upper()]
        if km is not None:
            summary.total_distance = km * 1000
        builder.add(summary)
    return builder.build().to_bytes()


def write_run_files(folder: Path, count: int, first: datetime) -> list[Path]:
    """`count` runs a day apart, back from `first`, in turn GPX, TCX and FIT: 30 to 50 minutes."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        start = first - timedelta(days=n)
        minutes, km = 30 + n % 21, 5 + (n % 21) / 4
        path = folder / f"run-{n:04d}.{('gpx', 'tcx', 'fit')[n % 3]}"
        if path.suffix == ".gpx":
            path.write_text(gpx_text(start, minutes, km), "utf-8")
        elif path.suffix == ".tcx":
            path.write_text(tcx_text(start, minutes, km), "utf-8")
        else:
            path.write_bytes(fit_bytes(start, minutes, km))
        paths.append(path)
    return paths


def import_s(root: Path, count: int = 500) -> tuple[float, float]:
    """Seconds for `rehab-tui run import` of `count` files into an empty data folder (a new
    process, as a user runs it), and for importing them all again (every one a duplicate)."""
    first = datetime.now(UTC).replace(hour=6, minute=0, second=0, microsecond=0)
    paths = write_run_files(root / "files", count, first - timedelta(days=1))
    command = [
        str(Path(sys.executable).parent / "rehab-tui"),  # the installed script, as users run it
        "--data-dir",
        str(root / "data"),
        "run",
        "import",
        "--pain",
        "2",
        *map(str, paths),
    ]
    times = []
    for _ in range(2):
        began = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - began)
    return times[0], times[1]


if __name__ == "__main__":  # python -m benchmarks.run_files: this figure alone
    import tempfile

    with tempfile.TemporaryDirectory(prefix="rehab-bench-runs-") as folder:
        new, again = import_s(Path(folder))
    print(f"run import, 500 files: {new:.2f} s; again (all duplicates): {again:.2f} s")
