"""Red-flag answers are kept, and both faces show exactly the warnings the domain decides."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from rehab_tui.cli.main import main
from rehab_tui.domain.clock import FakeClock
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.records import logged_session
from rehab_tui.domain.safety import (
    LONG_STIFFNESS_ADVICE,
    RED_FLAGS,
    RedFlagAnswer,
    SafetyWarning,
    warnings_after,
)
from rehab_tui.storage.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.red_flag import RedFlagScreen
from rehab_tui.tui.screens.checkin import CheckinScreen
from rehab_tui.tui.screens.home import HomeScreen

SIZE = (80, 24)
MORNING = datetime(2026, 3, 3, 7, 30, tzinfo=UTC)
FIRST_DAY = date(2026, 3, 3)
LIMITS = Profile().pain_limits  # the stores here have the default profile


async def first_start(catalog, store, *answers: str) -> type:
    """Through the welcome, the tendon and the baseline, then the red flags as given; the
    screen it ends on."""
    app = RehabApp(catalog, store, FakeClock(MORNING))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "enter", *answers)
        await pilot.pause()
        return type(app.screen)


async def test_red_flag_answers_given_at_first_start_survive_a_restart(
    catalog, new_store, private_dirs
):
    assert await first_start(catalog, new_store, "n", "y") is RedFlagScreen
    new_store.close()
    with Store(private_dirs) as store:  # the app started again on the same data folder
        again = RehabApp(catalog, store, FakeClock(MORNING + timedelta(days=1)))
        async with again.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(again.screen, HomeScreen)
            assert again.rehab.red_flag_answers() == {
                "snap": RedFlagAnswer(False, FIRST_DAY),
                "tiptoe": RedFlagAnswer(True, FIRST_DAY),
            }
        assert store.setting("red_flags") == {
            "snap": {"answer": False, "date": "2026-03-03"},
            "tiptoe": {"answer": True, "date": "2026-03-03"},
        }


async def test_every_no_is_kept_too(catalog, new_store):
    await first_start(catalog, new_store, *["n"] * len(RED_FLAGS))
    kept = new_store.setting("red_flags")
    assert kept == {flag.id: {"answer": False, "date": "2026-03-03"} for flag in RED_FLAGS}


async def test_a_question_skipped_is_not_taken_as_a_no(catalog, new_store):
    await first_start(catalog, new_store, "n", "s")
    assert new_store.setting("red_flags") == {"snap": {"answer": False, "date": "2026-03-03"}}


# -- the same warnings on both faces ---------------------------------------------------------

CASES = [(2, None), (2, 30), (2, 45), (8, None), (8, 45)]


def yesterday_session(catalog):
    step = catalog.ladder[0]
    return logged_session(step.exercises, MORNING - timedelta(hours=23), step, 2, "")


async def tui_warnings(catalog, store, pain: int, stiffness: int | None) -> set[SafetyWarning]:
    """The warnings the app shows after a morning check-in."""
    store.add_session(yesterday_session(catalog))
    app = RehabApp(catalog, store, FakeClock(MORNING))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, CheckinScreen)
        typed = [] if stiffness is None else ["tab", *str(stiffness)]
        await pilot.press(*str(pain), *typed, "enter")
        await pilot.pause()
        shown = set()
        if isinstance(app.screen, RedFlagScreen):
            assert f"You rated the pain {pain}/10 this morning." in str(
                app.screen.query_one(".detail").content
            )
            shown.add(SafetyWarning.HARD_STOP)
        if LONG_STIFFNESS_ADVICE in [n.message for n in app._notifications]:
            shown.add(SafetyWarning.LONG_STIFFNESS)
        return shown


def cli_warnings(capsys, pain: int, stiffness: int | None) -> set[SafetyWarning]:
    """The warnings `rehab-tui checkin` prints."""
    args = ["checkin", "--pain", str(pain), "--date", "2026-03-02"]
    if stiffness is not None:
        args += ["--stiffness-min", str(stiffness)]
    assert main(args) == 0
    out = capsys.readouterr().out
    shown = set()
    if f"Pain {pain}/10: no running for now" in out:
        shown.add(SafetyWarning.HARD_STOP)
    if LONG_STIFFNESS_ADVICE in out:
        shown.add(SafetyWarning.LONG_STIFFNESS)
    return shown


@pytest.mark.parametrize(("pain", "stiffness"), CASES)
async def test_the_app_shows_the_warnings_of_a_check_in(catalog, store, pain, stiffness):
    expected = set(warnings_after(pain, stiffness, LIMITS))
    assert await tui_warnings(catalog, store, pain, stiffness) == expected


@pytest.mark.parametrize(("pain", "stiffness"), CASES)
def test_the_command_prints_the_warnings_of_a_check_in(capsys, pain, stiffness):
    assert cli_warnings(capsys, pain, stiffness) == set(warnings_after(pain, stiffness, LIMITS))
