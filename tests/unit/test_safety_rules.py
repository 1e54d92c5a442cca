"""The red-flag questions and the warnings after a rating (rehab_tui.domain.safety)."""

from __future__ import annotations

from datetime import date

import pytest

from rehab_tui.domain.pain import SILBERNAGEL, STRICT, PainLimits
from rehab_tui.domain.safety import (
    RED_FLAGS,
    RedFlagAnswer,
    SafetyWarning,
    answers_from_dict,
    answers_to_dict,
    flagged,
    warnings_after,
)

HARD_STOP, STIFFNESS = SafetyWarning.HARD_STOP, SafetyWarning.LONG_STIFFNESS
LIMITS = PainLimits.for_choice(STRICT)


@pytest.mark.parametrize(
    ("pain", "stiffness", "expected"),
    [
        (0, None, ()),
        (6, 30, ()),  # the clinic's red, but not the hard stop; 30 minutes is not over 30
        (7, None, (HARD_STOP,)),
        (10, 0, (HARD_STOP,)),
        (2, 31, (STIFFNESS,)),
        (8, 90, (HARD_STOP, STIFFNESS)),
        (None, None, ()),  # a skipped rating warns of nothing
    ],
)
def test_the_warnings_after_a_rating(pain, stiffness, expected):
    assert warnings_after(pain, stiffness, LIMITS) == expected


def test_the_hard_stop_follows_the_profiles_limits():
    for choice in (STRICT, SILBERNAGEL):
        limits = PainLimits.for_choice(choice)
        assert warnings_after(limits.hard_stop, None, limits) == (HARD_STOP,)
        assert warnings_after(limits.hard_stop - 1, None, limits) == ()


def test_every_question_has_its_own_stable_id():
    ids = [flag.id for flag in RED_FLAGS]
    assert len(set(ids)) == len(ids) == 6
    # Stored answers are keyed by these: changing one would orphan every answer kept under it.
    assert ids == ["snap", "tiptoe", "gap", "hot_calf", "medicines", "fever_night_pain"]


def test_answers_are_stored_dated_and_read_back():
    answers = {
        "snap": RedFlagAnswer(False, date(2026, 3, 3)),
        "gap": RedFlagAnswer(True, date(2026, 3, 4)),
    }
    stored = answers_to_dict(answers)
    assert stored == {
        "snap": {"answer": False, "date": "2026-03-03"},
        "gap": {"answer": True, "date": "2026-03-04"},
    }
    assert answers_from_dict(stored) == answers


@pytest.mark.parametrize(
    "stored",
    [
        None,
        [],
        "yes",
        {"snap": "yes"},
        {"snap": {"answer": 1, "date": "2026-03-03"}},
        {"snap": {"answer": True, "date": "last week"}},
        {"snap": {"answer": True}},
    ],
)
def test_a_hand_edited_answer_that_makes_no_sense_is_left_out(stored):
    assert answers_from_dict(stored) == {}


def test_the_questions_answered_yes_in_the_order_asked():
    assert flagged({"gap": True, "snap": True, "tiptoe": False}) == (RED_FLAGS[0], RED_FLAGS[2])
    assert flagged({"snap": False}) == ()
