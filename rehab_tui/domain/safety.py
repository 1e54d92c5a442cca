"""Safety: the red-flag questions and the warnings a rating brings (README, "The plan, and why it
changes").

The questions live here with stable ids, so that every face asks the same ones and their answers
are stored by id (the app's first start asks them). Both faces show exactly the warnings
`warnings_after` decides: the TUI as a dialog or a notification, the CLI as printed lines. Each
handles every `SafetyWarning` (an unhandled one fails mypy's exhaustiveness check), so a warning
added here cannot be shown by one face and forgotten by the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from rehab_tui.domain.pain import PainLimits

# NamedTuples rather than frozen dataclasses: this module is imported before the app's first
# frame, and a dataclass costs about 0.5 ms to define (BENCHMARKS.md).


class RedFlag(NamedTuple):
    """One question; `id` is how its answer is stored, so it never changes with the wording."""

    id: str
    question: str


# Any yes means seeing a clinician before loading the tendon.
RED_FLAGS = (
    RedFlag("snap", "Did it start with a sudden snap, or a feeling of being kicked in the heel?"),
    RedFlag("tiptoe", "Are you unable to rise onto tiptoe on that leg, or to bear weight on it?"),
    RedFlag("gap", "Can you feel a gap or dent in the tendon?"),
    RedFlag("hot_calf", "Is the calf swollen, warm or red without an injury to explain it?"),
    RedFlag(
        "medicines",
        "Have you recently taken fluoroquinolone antibiotics (such as ciprofloxacin), "
        "or had a steroid injection near the tendon?",
    ),
    RedFlag("fever_night_pain", "Do you have a fever, or pain that wakes you at night?"),
)
RED_FLAG_IDS = frozenset(flag.id for flag in RED_FLAGS)


class RedFlagAnswer(NamedTuple):
    yes: bool
    day: date  # when it was answered: a later answer to the same question replaces it


def answers_to_dict(answers: Mapping[str, RedFlagAnswer]) -> dict[str, dict[str, Any]]:
    """The stored form: {question_id: {"answer": bool, "date": "YYYY-MM-DD"}}."""
    return {
        flag_id: {"answer": answer.yes, "date": answer.day.isoformat()}
        for flag_id, answer in answers.items()
    }


def answers_from_dict(data: object) -> dict[str, RedFlagAnswer]:
    """Read stored answers back; anything malformed (a hand-edited file) is left out."""
    if not isinstance(data, dict):
        return {}
    answers: dict[str, RedFlagAnswer] = {}
    for flag_id, stored in data.items():
        if not isinstance(stored, dict) or not isinstance(stored.get("answer"), bool):
            continue
        try:
            day = date.fromisoformat(str(stored.get("date")))
        except ValueError:
            continue
        answers[str(flag_id)] = RedFlagAnswer(stored["answer"], day)
    return answers


def open_red_flags(answers: Mapping[str, RedFlagAnswer], cleared: date | None) -> tuple[str, ...]:
    """The ids of the questions answered yes and not checked by a clinician since: a clearance
    dated `cleared` covers the answers given on or before that day, not a later yes."""
    return tuple(
        flag.id
        for flag in RED_FLAGS
        if (answer := answers.get(flag.id)) is not None
        and answer.yes
        and (cleared is None or answer.day > cleared)
    )


# What every face says instead of starting a session while a red flag is open (DOMAIN.md §8).
LOADING_REFUSED = (
    "A red flag is open, so nothing that loads the tendon starts until a clinician has checked "
    "it; record their check with rehab-tui setup --cleared-by-clinician DATE."
)


def parse_red_flag_answer(text: str) -> tuple[str, bool]:
    """ "tiptoe=yes" as ("tiptoe", True); ValueError with a sentence for anything else."""
    name, equals, answer = text.partition("=")
    name, answer = name.strip(), answer.strip().lower()
    if name not in RED_FLAG_IDS:
        known = ", ".join(flag.id for flag in RED_FLAGS)
        raise ValueError(f"there is no red-flag question called {name!r}; the names are {known}")
    if not equals or answer not in ("yes", "no"):
        raise ValueError(f"a red-flag answer is yes or no, like {name}=no; got {text!r}")
    return name, answer == "yes"


def cleared_from_setting(data: object) -> date | None:
    """The stored day a clinician checked the red flags, or None (also for a damaged value)."""
    try:
        return date.fromisoformat(str(data)) if data is not None else None
    except ValueError:
        return None


def flagged(answers: Mapping[str, bool]) -> tuple[RedFlag, ...]:
    """The questions answered yes, in the order they are asked."""
    return tuple(flag for flag in RED_FLAGS if answers.get(flag.id))


class SafetyWarning(StrEnum):
    HARD_STOP = "hard_stop"  # pain at the hard-stop limit or above, anywhere
    LONG_STIFFNESS = "long_stiffness"  # morning stiffness above LONG_STIFFNESS_MIN


LONG_STIFFNESS_MIN = 30
LONG_STIFFNESS_ADVICE = "Morning stiffness over 30 minutes is worth a clinician's look."


def warnings_after(
    pain: int | None, stiffness_min: int | None, limits: PainLimits
) -> tuple[SafetyWarning, ...]:
    """What to warn about after a check-in or a rated session (a skipped rating has no pain,
    a session no stiffness); `limits`: the profile's."""
    warnings: list[SafetyWarning] = []
    if pain is not None and pain >= limits.hard_stop:
        warnings.append(SafetyWarning.HARD_STOP)
    if stiffness_min is not None and stiffness_min > LONG_STIFFNESS_MIN:
        warnings.append(SafetyWarning.LONG_STIFFNESS)
    return tuple(warnings)
