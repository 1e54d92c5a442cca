"""The road back to running (DOMAIN §7): the walk-run ladder and its gates, the spike guard,
and today's run. Pure.

- Runs are judged like sessions: pain during, and the next morning's check-in against the usual
  morning pain (outcomes.judge_outcome).
- **Entry** to the walk-run ladder: a brisk 30-minute walk within the green limit, the hop test
  passed (its 6 weeks), and no hard stop in the last 14 days. A runner who kept running within
  the green limit (a continuous run in the last 30 days, none red since) keeps their running,
  under the spike guard.
- **The ladder** (run_levels.LEVELS) from 10 x (1 min run / 1 min walk) to 30 minutes
  continuous, every other day: one level up after 2 green runs at a level, hold on amber or
  pending, one level down on red. After a hard stop, back to the start (runs before it do not
  place the runner). After LEVEL_DOWN_DAYS without a run, one level lower; after RESTART_DAYS,
  the start again.
- **Spike guard** (Frandsen/Nielsen 2025): no run more than 10 % longer than the longest of the
  last 30 days (minutes, and km when distances are known); weekly minutes growing more than 20 %
  on the week before is a second check that makes the day's run shorter and easier.
"""

from __future__ import annotations

from datetime import date, timedelta

from msgspec import Struct

from rehab_tui.domain.outcomes import Outcome, PlanSettings, day_words
from rehab_tui.domain.pain import PainZone, zone_of
from rehab_tui.domain.record_types import CheckinRecord, RunRecord
from rehab_tui.domain.run_levels import LEVELS, TOP, Level, level_of, run_outcome
from rehab_tui.domain.spacing import run_day
from rehab_tui.domain.spike_guard import (
    GUARD_DAYS,
    in_window,
    longest_allowed,
    minutes_words,
    over_guard,
    weekly_growth,
)

ENTRY_WALK_MIN = 30  # the brisk walk that opens the ladder
GREENS_TO_LEVEL_UP = 2
RUN_EVERY_DAYS = 2  # every other day on the ladder
LEVEL_DOWN_DAYS = 14  # this long without a run: one level lower
RESTART_DAYS = 30  # ... this long: the ladder's start, and its entry again


class RunPlan(Struct, frozen=True):
    """Today's running: the verdict, the level, and the longest run allowed, with why."""

    date: date
    verdict: str  # run | modify | rest
    kind: str  # walk_run | continuous
    level: Level | None  # a step of the ladder; None beyond it (running kept or the ladder done)
    longest_min: float  # the longest run allowed today (0 with rest)
    longest_km: float | None  # ... in km, when the last 30 days' runs have distances
    reasons: tuple[str, ...]
    because: str  # what decided the verdict (run_advice's words, or running ones)
    done: str | None = None  # the ladder's goal reached, in words (for the discharge summary)


class RunInputsToday(Struct, frozen=True):
    """What the run plan weighs, beyond the runs themselves."""

    verdict: str  # the run advice's verdict from the rest of the plan (run_advice)
    text: str
    because: str
    hop_passed: bool  # the hop test passed within its 6 weeks
    last_hard_stop: date | None  # the latest pain at the hard stop, even past its 14 days
    baseline: int


def run_plan(
    runs: list[RunRecord],
    checkins: list[CheckinRecord],
    inputs: RunInputsToday,
    settings: PlanSettings,
    today: date,
) -> RunPlan:
    """Today's running (runs oldest first; later ones are ignored)."""
    runs = sorted((r for r in runs if run_day(r) <= today), key=lambda r: r["started_at"])
    if inputs.last_hard_stop is not None:
        runs = [r for r in runs if run_day(r) > inputs.last_hard_stop]
    judged = [(r, *run_outcome(r, checkins, inputs.baseline, settings)) for r in runs]
    reasons: list[str] = []
    spiked = [w for r in runs[-1:] if (w := over_guard(r, runs)) is not None]
    reasons += [f"{w[0].upper()}{w[1:]}: keep to the guard below." for w in spiked]
    kept = _kept_running(judged, today, settings)
    if kept is not None:
        return _continuous(runs, judged, inputs, settings, today, [*reasons, kept])
    level, why = _ladder_level(judged, today)
    if level is None:
        return _closed(runs, inputs, settings, today, [*reasons, why])
    return _on_the_ladder(runs, judged, level, inputs, settings, today, [*reasons, why])


def _kept_running(
    judged: list[tuple[RunRecord, Outcome, str]], today: date, settings: PlanSettings
) -> str | None:
    """A runner who kept running within the green limit: a continuous run in the last 30 days
    beyond the ladder's top (or the ladder done), every run since within the green limit and
    none red or amber."""
    recent = [(r, o) for r, o, _ in judged if (today - run_day(r)).days <= GUARD_DAYS]
    continuous = [r for r, _ in recent if r["kind"] == "continuous"]
    within = all(
        r["pain"] <= settings.limits.green_max and o not in (Outcome.RED, Outcome.AMBER)
        for r, o in recent
    )
    if not continuous or not within:
        return None
    runs = [r for r, _, _ in judged]
    # A run over the spike guard is no evidence of running kept within it.
    fair = [r for r in continuous if over_guard(r, runs) is None]
    beyond = [r for r in fair if r["minutes"] > TOP.minutes]
    top_done = [
        r
        for r, o, _ in judged
        if level_of(r) == TOP and o is Outcome.GREEN and over_guard(r, runs) is None
    ]
    if not beyond and not top_done:
        return None
    longest = max(r["minutes"] for r in continuous)
    return (
        f"You have kept running within your limit (longest of the last 30 days: {minutes_words(longest)}):"
        " keep your running, growing it gently."
    )


def _ladder_level(
    judged: list[tuple[RunRecord, Outcome, str]], today: date
) -> tuple[Level | None, str]:
    """Where the runner stands on the ladder from their runs, and why; None: not entered."""
    placed = [(r, o, w) for r, o, w in judged if level_of(r) is not None]
    if not placed:
        return None, ""
    last, outcome, why = placed[-1]
    level = level_of(last)
    assert level is not None
    runs = [r for r, _, _ in judged]
    if over_guard(last, runs) is not None and len(placed) > 1:
        # A run over the spike guard never moves the runner up the ladder by itself.
        before = level_of(placed[-2][0])
        assert before is not None
        level = min(level, before, key=lambda lv: lv.number)
    gap = (today - run_day(last)).days
    if gap >= RESTART_DAYS:
        return None, f"{gap} days since your last run: the walk-run ladder starts again."
    level, why = _next_level(placed, level, outcome, why)
    if gap >= LEVEL_DOWN_DAYS:
        lower = LEVELS[max(0, level.number - 2)]
        return lower, f"{gap} days since your last run: one level lower, {lower.words}."
    return level, why


def _next_level(
    placed: list[tuple[RunRecord, Outcome, str]], level: Level, outcome: Outcome, why: str
) -> tuple[Level, str]:
    """The level after the latest run: up after 2 greens, down on red, else the same."""
    index = level.number - 1
    if outcome is Outcome.RED:
        lower = LEVELS[max(0, index - 1)]
        return lower, f"{why[0].upper()}{why[1:]}: one level down, {lower.words}."
    if outcome is not Outcome.GREEN:
        return level, f"{why[0].upper()}{why[1:]}: holding at {level.words}."
    greens = 0
    for run, run_outcome_, _ in reversed(placed):
        if level_of(run) != level or run_outcome_ is not Outcome.GREEN:
            break
        greens += 1
    if greens >= GREENS_TO_LEVEL_UP and level is not TOP:
        up = LEVELS[index + 1]
        return up, f"{greens} green runs at {level.words}: one level up, {up.words}."
    if greens >= GREENS_TO_LEVEL_UP:
        return level, f"{greens} green runs at {level.words}: the walk-run ladder is done."
    return level, f"{greens} of {GREENS_TO_LEVEL_UP} green runs at {level.words}; holding."


def _entry(
    runs: list[RunRecord], inputs: RunInputsToday, settings: PlanSettings, today: date
) -> list[str]:
    """What the walk-run ladder's entry still needs (empty: open)."""
    needs = []
    walks = [
        r
        for r in in_window(runs, today, GUARD_DAYS)
        if r["kind"] == "walk"
        and r["minutes"] >= ENTRY_WALK_MIN
        and zone_of(r["pain"], settings.limits) is PainZone.GREEN
    ]
    within = f"pain at {settings.limits.green_max}/10 or less"
    if not walks:
        needs.append(
            f"a brisk {ENTRY_WALK_MIN}-minute walk with {within} (rehab-tui run log --kind walk "
            f"--min {ENTRY_WALK_MIN} --pain N)"
        )
    if not inputs.hop_passed:
        needs.append(f"the hop test passed (10 single-leg hops each side, {within})")
    return needs


def _closed(
    runs: list[RunRecord],
    inputs: RunInputsToday,
    settings: PlanSettings,
    today: date,
    reasons: list[str],
) -> RunPlan:
    """Not on the ladder yet: its first level once the entry is met."""
    needs = _entry(runs, inputs, settings, today)
    first = LEVELS[0]
    reasons = [r for r in reasons if r]
    if needs:
        reasons.append(
            f"The walk-run ladder opens with {first.words} once you have "
            + " and ".join(needs)
            + "."
        )
        because = inputs.because if inputs.verdict == "rest" else "entry"
        return RunPlan(today, "rest", "walk_run", first, 0.0, None, tuple(reasons), because)
    reasons.append(f"The entry is met: the walk-run ladder starts with {first.words}.")
    return _on_the_ladder(runs, [], first, inputs, settings, today, reasons)


def _on_the_ladder(
    runs: list[RunRecord],
    judged: list[tuple[RunRecord, Outcome, str]],
    level: Level,
    inputs: RunInputsToday,
    settings: PlanSettings,
    today: date,
    reasons: list[str],
) -> RunPlan:
    verdict, because = inputs.verdict, inputs.because
    last = [r for r in runs if r["kind"] != "walk"][-1:]
    if last and (today - run_day(last[0])).days < RUN_EVERY_DAYS:
        when = "today" if run_day(last[0]) == today else f"on {day_words(run_day(last[0]))}"
        next_day = run_day(last[0]) + timedelta(days=RUN_EVERY_DAYS)
        reasons.append(
            f"Every other day on the walk-run ladder: your last run was {when}; next run "
            f"{day_words(next_day)}."
        )
        if verdict != "rest":  # a cause already resting running stays the one named
            verdict, because = "rest", "every_other_day"
    longest, km = longest_allowed(runs, today)
    allowed = level.minutes if longest is None else min(level.minutes, longest)
    done = _done(judged)
    return _finish(
        today,
        verdict,
        because,
        "continuous" if level.continuous else "walk_run",
        level,
        allowed,
        km,
        reasons,
        inputs,
        runs,
        done,
    )


def _continuous(
    runs: list[RunRecord],
    judged: list[tuple[RunRecord, Outcome, str]],
    inputs: RunInputsToday,
    settings: PlanSettings,
    today: date,
    reasons: list[str],
) -> RunPlan:
    longest, km = longest_allowed(runs, today)
    assert longest is not None  # a continuous run in the last 30 days
    return _finish(
        today,
        inputs.verdict,
        inputs.because,
        "continuous",
        None,
        longest,
        km,
        reasons,
        inputs,
        runs,
        _done(judged),
    )


def _finish(
    today: date,
    verdict: str,
    because: str,
    kind: str,
    level: Level | None,
    allowed: float,
    km: float | None,
    reasons: list[str],
    inputs: RunInputsToday,
    runs: list[RunRecord],
    done: str | None,
) -> RunPlan:
    """The verdict made most cautious with the weekly check; the guard's figures stated."""
    growth = weekly_growth(runs, today)
    if growth is not None:
        reasons.append(growth)
        if verdict == "run":
            verdict, because = "modify", "weekly_growth"
    if verdict != "run" and inputs.verdict != "run":
        reasons.append(inputs.text)
    if verdict == "rest":
        return RunPlan(today, verdict, kind, level, 0.0, None, tuple(reasons), because, done)
    if verdict == "modify":
        allowed = min(allowed, level.minutes if level else allowed)
    limit = f"Longest run allowed today: {minutes_words(allowed)}"
    limit += f" or {km:g} km" if km is not None else ""
    reasons.append(limit + " (no run more than 10 % longer than your longest of the last 30 days).")
    return RunPlan(today, verdict, kind, level, allowed, km, tuple(reasons), because, done)


def _done(judged: list[tuple[RunRecord, Outcome, str]]) -> str | None:
    """The ladder's goal reached: a green run of 30 minutes continuous, within the guard."""
    runs = [r for r, _, _ in judged]
    greens = [
        r
        for r, o, _ in judged
        if r["kind"] == "continuous"
        and o is Outcome.GREEN
        and r["minutes"] >= TOP.minutes
        and over_guard(r, runs) is None
    ]
    if not greens:
        return None
    return f"you ran {minutes_words(greens[-1]['minutes'])} continuous on {day_words(run_day(greens[-1]))} within your limit"


def advice_words(plan: RunPlan, keep_within: str, cautious_text: str) -> str:
    """Home's "Running today" sentence from the run plan. `cautious_text`: the run advice's own
    sentence when it, not running's own rules, decided."""
    if plan.verdict == "rest" and plan.because in ("entry", "every_other_day"):
        why = next(r for r in reversed(plan.reasons) if "ladder" in r)
        return f"Not yet: {why[0].lower()}{why[1:]} Until then, low-impact only: {LOW_IMPACT}."
    if plan.verdict != "run" and plan.because != "weekly_growth":
        return cautious_text
    what = plan.level.words if plan.level else "a continuous run"
    kind = "short and easy: " if plan.verdict == "modify" else ""
    return (
        f"{what[0].upper()}{what[1:]}, {kind}up to {minutes_words(plan.longest_min)} today; "
        f"{keep_within} during it, and back to your usual level by the next morning."
    )


LOW_IMPACT = "cycling, swimming or pool running"
