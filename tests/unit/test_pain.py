"""The one definition of the pain limits, and what the rules built on it say."""

from __future__ import annotations

from datetime import date

import pytest

from rehab_tui.domain.library import Dose, Kind
from rehab_tui.domain.outcomes import PlanSettings
from rehab_tui.domain.pain import (
    DEFAULT_LIMITS,
    LIMIT_CHOICES,
    PAIN_SCALE,
    PainLimits,
    PainZone,
    choice_label,
    choices_help,
    scale_label,
    zone_of,
)
from rehab_tui.domain.plan import make_plan
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.quick import QuickTimer
from rehab_tui.domain.records import exercise_from_record
from rehab_tui.domain.timeline import build_timeline
from rehab_tui.storage.routines import routines_template

STRICT = PainLimits.for_choice("strict")
SILBERNAGEL = PainLimits.for_choice("silbernagel")
TODAY = date(2026, 3, 3)


def zones(limits: PainLimits) -> list[str]:
    return [zone_of(pain, limits).value for pain in PAIN_SCALE]


def test_strict_limits_are_the_clinic_traffic_lights_and_the_default():
    assert zones(STRICT) == ["green"] * 4 + ["amber"] * 2 + ["red"] * 5
    assert Profile().pain_limits == STRICT == DEFAULT_LIMITS
    assert STRICT.hard_stop == 7


def test_silbernagel_limits_make_green_up_to_5_and_keep_red_from_6():
    assert zones(SILBERNAGEL) == ["green"] * 6 + ["red"] * 5
    assert SILBERNAGEL.hard_stop == 7


@pytest.mark.parametrize(
    ("limits", "bands", "marks"),
    [
        (STRICT, [("green", 0, 3), ("amber", 4, 5), ("red", 6, 10)], [0, 3, 5, 10]),
        (SILBERNAGEL, [("green", 0, 5), ("red", 6, 10)], [0, 5, 10]),
    ],
)
def test_bands_cover_the_scale_once_and_give_the_charts_their_marks(limits, bands, marks):
    assert [(zone.value, band[0], band[-1]) for zone, band in limits.bands()] == bands
    assert [pain for _, band in limits.bands() for pain in band] == list(PAIN_SCALE)
    assert all(zone_of(pain, limits) is zone for zone, band in limits.bands() for pain in band)
    assert limits.marks() == marks


@pytest.mark.parametrize(("limits", "n"), [(STRICT, 3), (SILBERNAGEL, 5)])
def test_every_limit_sentence_quotes_the_green_limit(limits, n):
    assert limits.keep_within == f"keep pain at {n}/10 or less"
    assert limits.cue == f"Keep pain at {n}/10 or less"
    assert limits.stop_above == f"stop if the pain goes above {n}/10"
    assert limits.green_during == f"green up to {n}/10 during a session"


def test_a_rating_is_shown_with_its_zone_word():
    assert STRICT.rating(4) == "4/10 (amber)"
    assert SILBERNAGEL.rating(4) == "4/10 (green)"
    assert SILBERNAGEL.rating(6) == "6/10 (red)"
    assert [scale_label(zone) for zone in PainZone] == ["green: OK", "amber: hold", "red: ease off"]


def test_the_choices_are_described_from_their_limits():
    assert LIMIT_CHOICES == ("strict", "silbernagel")
    assert choice_label("strict") == "Strict: pain up to 3/10 during"
    assert choice_label("silbernagel") == "Silbernagel: pain up to 5/10 during"
    assert choices_help() == "strict: pain 3/10 or less (default); silbernagel: pain 5/10 or less"


def test_an_unknown_choice_is_refused_by_name():
    with pytest.raises(ValueError, match="one of strict, silbernagel, got 'lenient'"):
        PainLimits.for_choice("lenient")
    assert Profile.from_dict({"limits": "lenient"}).pain_limits == STRICT


def test_the_plan_settings_take_the_profiles_limits():
    assert PlanSettings.for_profile(Profile(limits="silbernagel")).limits == SILBERNAGEL
    assert PlanSettings.for_profile(Profile()).limits == STRICT


@pytest.mark.parametrize(("choice", "n"), [("strict", 3), ("silbernagel", 5)])
def test_the_plan_and_run_advice_quote_the_chosen_limit(mini_catalog, choice, n):
    """A red session at the first step steps back to the calm dose and says which pain to keep
    to."""
    step = mini_catalog.ladder[0]
    red = {
        "id": "s1",
        "kind": "plan",
        "ladder_index": 0,
        "started_at": "2026-03-02T08:00:00",
        "ended_at": "2026-03-02T08:20:00",
        "pain": 6,
        "stage": step.stage,
    }
    plan = make_plan(mini_catalog, [red], [], Profile(limits=choice), TODAY)
    assert plan.reasons[0].endswith(f"keep pain at {n}/10 or less.")
    ran = {  # a runner who kept running within the limit: run advice says how much
        "id": "20260225-180000-aa01",
        "started_at": "2026-02-25T18:00:00+00:00",
        "minutes": 40,
        "km": None,
        "pain": 1,
        "kind": "continuous",
        "level": None,
        "note": "",
    }
    fresh = make_plan(mini_catalog, [], [], Profile(limits=choice), TODAY, runs=[ran])
    assert f"keep pain at {n}/10 or less during it" in fresh.run_advice.text


@pytest.mark.parametrize(("limits", "n"), [(STRICT, 3), (SILBERNAGEL, 5)])
def test_the_players_cues_quote_the_chosen_limit(mini_catalog, limits, n):
    timeline = build_timeline(mini_catalog.ladder[0].exercises, limits=limits)
    holds = [step for step in timeline.steps if step.kind is Kind.HOLD]
    assert holds and {step.detail for step in holds} == {f"Keep pain at {n}/10 or less"}
    assert QuickTimer(hold=30).planned(limits).exercise.cues == (f"Keep pain at {n}/10 or less",)
    entry = {"exercise_id": "quick-hold", "kind": "hold", "per_side": False}
    rebuilt = exercise_from_record(entry, Dose(sets=1, rest_s=0, hold_s=30), limits)
    assert rebuilt.kind is Kind.HOLD and rebuilt.cues == (f"Keep pain at {n}/10 or less",)


@pytest.mark.parametrize(("limits", "n"), [(STRICT, 3), (SILBERNAGEL, 5)])
def test_the_example_routine_quotes_the_chosen_limit(limits, n):
    assert f"note: Twice a day; stop if the pain goes above {n}/10." in routines_template(limits)
