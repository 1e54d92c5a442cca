"""A chart's weeks run from the first week with data to today's, at most twelve."""

from __future__ import annotations

from datetime import date, timedelta

from msgspec.structs import replace

from rehab_tui.domain.outcomes import Outcome
from rehab_tui.domain.record_types import SessionKind
from rehab_tui.domain.review import SessionRow, weeks_with_data

TODAY = date(2026, 3, 4)  # a Wednesday
ROW = SessionRow(
    id="s",
    day=TODAY,
    started_at="",
    kind=SessionKind.PLAN,
    stage=1,
    step=1,
    done=0,
    planned=0,
    under_load_s=0,
    pain=None,
    morning=None,
    outcome=Outcome.PENDING,
    why="",
    completed=True,
    in_progress=False,
    note="",
    label="stage 1 · step 1",
    result=None,
)


def rows_from(first: date) -> list[SessionRow]:
    return [replace(ROW, day=first), replace(ROW, day=TODAY)]


def test_three_weeks_of_data_span_three_weeks_not_twelve():
    assert weeks_with_data(rows_from(TODAY - timedelta(days=16)), 12, TODAY) == 3


def test_this_week_only_is_one_week():
    assert weeks_with_data(rows_from(TODAY - timedelta(days=1)), 12, TODAY) == 1


def test_long_histories_are_capped_and_no_data_keeps_the_full_span():
    assert weeks_with_data(rows_from(TODAY - timedelta(weeks=30)), 12, TODAY) == 12
    assert weeks_with_data([], 12, TODAY) == 12
