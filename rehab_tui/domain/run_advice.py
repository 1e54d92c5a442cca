"""Run / modify / rest today: the most cautious of its inputs, naming the one that
decided it.

The inputs, in the order a tie is named: an open red flag, a hard-stop window, today's check-in
against the usual morning pain (>= +2 or in the red zone: rest; +1: modify), the latest session's
outcome (any kind: its pain during counts), the week-to-week trend, and, before any session, the
usual morning pain itself. `because` is a stable word a script can read (`plan --json`).
A valid capacity test that was not passed is named (DOMAIN §4): a failed hop test means no
running, a failed heel-raise test a shorter, easier run. The running gates of §7 come with the
run log; until then nothing here ever says more than "an easy run".
"""

from __future__ import annotations

from enum import IntEnum

from msgspec import Struct

from rehab_tui.domain.capacity import GateFailure
from rehab_tui.domain.hard_stop import HardStop
from rehab_tui.domain.outcomes import Outcome, day_words
from rehab_tui.domain.pain import PainLimits, PainZone, zone_of
from rehab_tui.domain.trend import Trend, TrendLevel

CHECKIN_REST_RISE = 2  # today's morning pain this much above usual: no running today
CHECKIN_MODIFY_RISE = 1  # ... this much: modify the run


class Verdict(IntEnum):
    RUN = 0
    MODIFY = 1
    REST = 2


WORDS = {Verdict.RUN: "run", Verdict.MODIFY: "modify", Verdict.REST: "rest"}
LOW_IMPACT = "cycling, swimming or pool running"


class RunAdvice(Struct, frozen=True):
    verdict: str  # run | modify | rest
    text: str
    # red_flag | hard_stop | checkin | session | capacity_test | trend | usual_pain | clear
    because: str = "clear"


class RunInputs(Struct, frozen=True):
    """What run advice weighs; None where there is nothing of that kind."""

    limits: PainLimits
    usual: int
    red_flags: tuple[str, ...] = ()  # the questions answered yes and not yet cleared
    hard_stop: HardStop | None = None
    checkin_today: int | None = None
    last_outcome: tuple[Outcome, str] | None = None  # the latest session day's worst, and why
    trend: Trend | None = None
    failed_tests: tuple[GateFailure, ...] = ()  # valid capacity tests taken and not passed


Candidate = tuple[Verdict, str, str]  # verdict, because, the sentence that explains it


def _candidates(inputs: RunInputs) -> list[Candidate]:
    limits, usual, found = inputs.limits, inputs.usual, []
    if inputs.red_flags:
        found.append((Verdict.REST, "red_flag", "a red-flag answer is open: see a clinician first"))
    if inputs.hard_stop is not None:
        stop = inputs.hard_stop
        found.append(
            (
                Verdict.REST,
                "hard_stop",
                f"pain {stop.pain}/10 on {day_words(stop.day)}: no running up to and including "
                f"{day_words(stop.last_day)}",
            )
        )
    if inputs.checkin_today is not None:
        pain, rise = inputs.checkin_today, inputs.checkin_today - usual
        said = f"this morning's pain {pain}/10 against your usual {usual}"
        if rise >= CHECKIN_REST_RISE or zone_of(pain, limits) is PainZone.RED:
            found.append((Verdict.REST, "checkin", said))
        elif rise >= CHECKIN_MODIFY_RISE:
            found.append((Verdict.MODIFY, "checkin", said))
    outcome, why = inputs.last_outcome or (Outcome.PENDING, "")
    if outcome is Outcome.RED:
        found.append((Verdict.REST, "session", why))
    elif outcome is Outcome.AMBER:
        found.append((Verdict.MODIFY, "session", why))
    elif outcome is Outcome.PENDING and zone_of(usual, limits) is not PainZone.GREEN:
        # Nothing judged yet (before any session, or waiting for a check-in): the usual pain.
        verdict = Verdict.MODIFY if zone_of(usual, limits) is PainZone.AMBER else Verdict.REST
        found.append((verdict, "usual_pain", f"your usual morning pain is {usual}/10"))
    for failure in inputs.failed_tests:
        # Ten single-leg hops that hurt or could not be done: running (hop after hop) waits.
        verdict = Verdict.REST if failure.kind == "hop" else Verdict.MODIFY
        found.append((verdict, "capacity_test", failure.words))
    trend = inputs.trend
    if trend is not None and trend.level is not TrendLevel.CLEAR:
        verdict = Verdict.MODIFY if trend.level is TrendLevel.HOLD else Verdict.REST
        found.append((verdict, "trend", trend.reasons[0].split(":")[0].lower()))
    return found


def run_advice(inputs: RunInputs) -> RunAdvice:
    """The most cautious verdict of the inputs; the first input of that verdict is named."""
    found = _candidates(inputs)
    worst = max((verdict for verdict, _, _ in found), default=Verdict.RUN)
    if worst is Verdict.RUN:
        return RunAdvice(
            "run",
            f"An easy run is fine: {inputs.limits.keep_within} during it, and back to your "
            "usual level by the next morning.",
        )
    _, because, why = next(c for c in found if c[0] is worst)
    if worst is Verdict.REST:
        text = f"No running today ({why}): low-impact only ({LOW_IMPACT})."
    else:
        text = (
            f"Swap the run for {LOW_IMPACT}, or make it short and easy ({why}); "
            f"{inputs.limits.keep_within}."
        )
    return RunAdvice(WORDS[worst], text, because)
