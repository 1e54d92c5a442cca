"""What the pain rules say about a runner's own program (a physio's routine followed instead of
the plan): the plan's rules, spoken as advice, since the doses are the physio's to change.
"""

from __future__ import annotations

from datetime import date

from rehab_tui.domain.outcomes import (
    CheckinIndex,
    Outcome,
    PlanSettings,
    outcome_of,
    sentence,
    session_day,
)
from rehab_tui.domain.plan import Decision
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.record_types import CheckinRecord, SessionKind, SessionRecord

Advice = tuple[Decision, list[str], bool]  # decision, reasons, see a clinician

START = (
    "Your own program: after each session the pain rules will say whether to hold, "
    "ease off or see a clinician; they never change your physio's doses."
)


def own_program_advice(
    sessions: list[SessionRecord],
    checkins: list[CheckinRecord],
    profile: Profile,
    today: date,
    settings: PlanSettings | None = None,
) -> Advice:
    """What the pain rules say about one's own program: the same rules as the plan's, spoken as
    advice, since the doses are the physio's to change."""
    settings = settings or PlanSettings.for_profile(profile)
    own = sorted(
        (s for s in sessions if s.get("kind") == SessionKind.ROUTINE and session_day(s) <= today),
        key=lambda s: s["started_at"],
    )
    if not own:
        return Decision.START, [START], False
    index = CheckinIndex(checkins)
    outcomes = [outcome_of(s, index, profile, settings) for s in own]
    last, why = outcomes[-1]
    if last is Outcome.RED:
        return _after_red(why, twice=len(outcomes) >= 2 and outcomes[-2][0] is Outcome.RED)
    if last is not Outcome.GREEN:
        reason = f"{sentence(why)}: the rules advise keeping the doses as they are."
        return Decision.HOLD, [reason], False
    return _after_green(own, [outcome for outcome, _ in outcomes], why, settings)


def _after_red(why: str, twice: bool) -> Advice:
    """Ease off after a red session; after two in a row, see a clinician too."""
    if twice:
        reason = (
            f"{sentence(why)}, the second red session in a row: ease your program well back "
            "and see your physiotherapist or doctor before going on."
        )
        return Decision.REGRESS, [reason], True
    reason = (
        f"{sentence(why)}: the rules advise stepping back: fewer sets or shorter holds "
        "until the pain settles, and tell your physio."
    )
    return Decision.REGRESS, [reason], False


def _after_green(
    own: list[SessionRecord], outcomes: list[Outcome], why: str, settings: PlanSettings
) -> Advice:
    """Enough greens in a row on enough days: the physio may add a step; else keep going."""
    streak = []
    for session, outcome in zip(reversed(own), reversed(outcomes), strict=True):
        if outcome is not Outcome.GREEN:
            break
        streak.append(session)
    days = {session_day(s) for s in streak}
    if len(streak) >= settings.greens_to_progress and len(days) >= settings.min_days_to_progress:
        reason = (
            f"{len(streak)} green sessions in a row on {len(days)} days: the tendon is coping; "
            "your physio may add a step (a few seconds, a set, or the next exercise)."
        )
        return Decision.PROGRESS, [reason], False
    reason = (
        f"{sentence(why)}: {len(streak)} of {settings.greens_to_progress} green sessions; "
        "keep the doses as they are."
    )
    return Decision.HOLD, [reason], False
