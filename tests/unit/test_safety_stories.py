"""Stories through the pure plan: the runner's own answers (pain, mornings, stiffness, red flags)
never meet "run" or "more" when the pain rules and red flags say no.

Each story is dated relative to D0, a fixed day, so none expires. `n` is days after D0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest

from rehab_tui.domain.outcomes import Outcome
from rehab_tui.domain.pain import SILBERNAGEL
from rehab_tui.domain.plan import Decision, make_plan
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.review import session_rows
from rehab_tui.storage.catalog import load_catalog

CATALOG = load_catalog()
D0 = date(2026, 3, 2)  # a Monday
SILB = Profile(limits=SILBERNAGEL)


def day(n: int) -> str:
    return (D0 + timedelta(days=n)).isoformat()


def s(n: int, rung: int | None, pain: int | None, hour: int = 8, kind: str = "plan") -> dict:
    return {
        "id": f"{day(n).replace('-', '')}-{hour:02d}0000-{(rung or 0):04x}{ord(kind[0]):02x}",
        "kind": kind,
        "started_at": f"{day(n)}T{hour:02d}:00:00+00:00",
        "ended_at": f"{day(n)}T{hour:02d}:20:00+00:00",
        "ladder_index": rung if kind == "plan" else None,
        "pain": pain,
    }


def calm(n: int, pain: int, hour: int = 8) -> dict:
    """A session played at the calm dose: rung 0, with shorter holds than the first rung's."""
    record = s(n, 0, pain, hour)
    record["exercises"] = [{"planned": {"sets": 3, "rest_s": 60, "hold_s": 15}}]
    return record


def c(n: int, pain: int, stiffness: int | None = None) -> dict:
    checkin: dict = {"date": day(n), "pain": pain}
    if stiffness is not None:
        checkin["stiffness_min"] = stiffness
    return checkin


def greens(rung: int, days: list[int], pain: int = 2, morning: int = 0) -> tuple[list, list]:
    return [s(n, rung, pain) for n in days], [c(n + 1, morning) for n in days]


def stiff(values: list[int], first: int = 1, pain: int = 0) -> list[dict]:
    return [c(first + i, pain, minutes) for i, minutes in enumerate(values)]


@dataclass
class Story:
    name: str
    sessions: list = field(default_factory=list)
    checkins: list = field(default_factory=list)
    today: int = 1
    profile: Profile = field(default_factory=Profile)
    red_flags: tuple[str, ...] = ()
    tests: list = field(default_factory=list)
    rung: int | None = None
    decision: Decision | None = None
    verdict: str | None = None
    because: str | None = None
    clinician: bool | None = None
    says: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    # the hard stop's last day (n); None: no hard stop; False: not checked
    until: int | bool | None = False
    review: bool | None = None
    loading: bool | None = None  # whether any exercise is offered
    calm: bool | None = None
    # A runner who kept running within the limit (DOMAIN §7), so that run advice is what is seen.
    runs: list = field(default_factory=lambda: [kept_running()])


def kept_running() -> dict:
    day = (D0 - timedelta(days=5)).isoformat()
    return {
        "id": f"{day.replace('-', '')}-180000-aa01",
        "started_at": f"{day}T18:00:00+00:00",
        "minutes": 40,
        "km": None,
        "pain": 1,
        "kind": "continuous",
        "level": None,
        "note": "",
    }


G3 = greens(3, [0, 1, 2])
CALM_WORDS = "the calm dose below the first step"

STORIES = [
    # -- red flags (§8) ------------------------------------------------------------------------
    Story(
        "an open red flag: no loading, rest, a clinician",
        *G3,
        today=3,
        red_flags=("tiptoe",),
        decision=Decision.HOLD,
        verdict="rest",
        because="red_flag",
        clinician=True,
        loading=False,
        says=("unable to rise onto tiptoe",),
        never=("one step up",),
    ),
    Story(
        "a red flag at the very start offers no loading either",
        today=0,
        red_flags=("snap",),
        verdict="rest",
        because="red_flag",
        clinician=True,
        loading=False,
    ),
    # -- the hard stop (§1) --------------------------------------------------------------------
    Story(
        "a quick timer rated 7, then a session rated 3 the same day",
        [*G3[0], s(3, None, 7, 9, kind="free"), s(3, 3, 3, 11)],
        G3[1],
        today=3,
        verdict="rest",
        because="hard_stop",
        until=16,
        says=("no running for 14 days, up to and including Wed 18 Mar",),
        never=("easy run",),
    ),
    Story(
        "log --pain 7: two days later running is still not fine",
        [s(0, 3, 7)],
        [c(1, 2)],
        today=2,
        verdict="rest",
        because="hard_stop",
        until=13,
    ),
    Story(
        "a hard stop survives later green sessions (day 13)",
        [s(0, 3, 7), *greens(2, [1, 2, 3])[0], s(10, 2, 1)],
        [*greens(2, [1, 2, 3])[1], c(11, 0)],
        today=13,
        verdict="rest",
        because="hard_stop",
        until=13,
        clinician=False,
    ),
    Story(
        "day 14 after a hard stop: its window is over, running restarts at the ladder's start",
        [s(0, 3, 7), *greens(2, [8, 10, 12])[0]],
        greens(2, [8, 10, 12])[1],
        today=14,
        verdict="rest",
        because="entry",
        until=None,
        says=("the walk-run ladder opens with 10 × (1 min run / 1 min walk)",),
    ),
    Story(
        "day 15 after a hard stop, a brisk walk and the hop test: the walk-run ladder's start",
        [s(0, 3, 7), *greens(2, [9, 11, 13])[0]],
        greens(2, [9, 11, 13])[1],
        today=15,
        tests=[{"id": "j", "date": day(14), "kind": "hop", "left": 10, "right": 10, "pain": 1}],
        runs=[
            kept_running(),
            {
                **kept_running(),
                "id": "20260316-180000-aa02",
                "started_at": f"{day(14)}T18:00:00+00:00",
                "minutes": 30,
                "kind": "walk",
            },
        ],
        verdict="run",
        until=None,
        says=("10 × (1 min run / 1 min walk), up to 20 min today",),
    ),
    Story(
        "a 7/10 check-in two days after three greens: a step back, never a step up",
        greens(3, [0, 1, 2])[0],
        today=4,
        checkins=[*greens(3, [0, 1, 2])[1], c(4, 7)],
        rung=2,
        decision=Decision.REGRESS,
        verdict="rest",
        clinician=True,
        until=17,
        never=("one step up",),
    ),
    Story(
        "a capacity test rated 7 is a hard stop",
        *G3,
        today=3,
        tests=[
            {"id": "h3", "date": day(3), "kind": "heel_raise", "left": 20, "right": 20, "pain": 7}
        ],
        decision=Decision.REGRESS,
        verdict="rest",
        because="hard_stop",
        until=16,
    ),
    Story(
        "a routine rated 8 is a hard stop",
        [s(0, 3, 2), s(1, None, 8, kind="routine")],
        [c(1, 0)],
        today=2,
        rung=2,
        decision=Decision.REGRESS,
        verdict="rest",
        because="hard_stop",
    ),
    Story(
        "pain 6 is red but not a hard stop",
        [s(0, 3, 6)],
        [c(1, 1)],
        today=1,
        rung=2,
        verdict="rest",
        because="session",
        until=None,
        clinician=False,
    ),
    # -- today's check-in and run advice (§6) --------------------------------------------------
    Story(
        "a 6/10 rest-day morning after three greens: rest, and no step up",
        G3[0],
        checkins=[*G3[1], c(4, 6)],
        today=4,
        decision=Decision.HOLD,
        verdict="rest",
        because="checkin",
        never=("one step up", "easy run"),
    ),
    Story(
        "a morning 2 above usual: no running today",
        G3[0],
        checkins=[*G3[1], c(4, 2)],
        today=4,
        verdict="rest",
        because="checkin",
    ),
    Story(
        "a morning 1 above usual: modify the run",
        greens(3, [0, 1, 2], morning=1)[0],
        profile=Profile(baseline=1),
        checkins=[*greens(3, [0, 1, 2], morning=1)[1], c(4, 2)],
        today=4,
        verdict="modify",
        because="checkin",
    ),
    Story("the usual morning: an easy run", *G3, today=3, verdict="run", because="clear"),
    Story(
        "a new runner with amber usual pain: modify",
        today=0,
        profile=Profile(baseline=4),
        verdict="modify",
        because="usual_pain",
    ),
    Story(
        "an amber session: modify",
        [s(0, 3, 4)],
        [c(1, 0)],
        verdict="modify",
        because="session",
    ),
    Story(
        "a red flag outranks a hard stop in naming the reason",
        [s(0, 3, 8)],
        red_flags=("gap",),
        verdict="rest",
        because="red_flag",
    ),
    # -- the next morning (§1) -----------------------------------------------------------------
    Story(
        "mornings stuck at 5/10 (usual 1) are not green",
        *greens(3, [0], morning=5),
        profile=Profile(baseline=1),
        decision=Decision.REGRESS,
        verdict="rest",
        never=("back to 5/10",),
    ),
    Story(
        "usual pain comes from the profile, not the last check-in",
        [s(1, 3, 2)],
        [c(1, 4), c(2, 4)],
        today=2,
        profile=Profile(baseline=0),
        decision=Decision.REGRESS,
        says=("4 above your usual 0",),
    ),
    Story(
        "a missed check-in is not a green one",
        [*greens(3, [0, 1])[0], s(2, 3, 2)],
        [*greens(3, [0, 1])[1], c(4, 0)],
        today=4,
        rung=3,
        decision=Decision.HOLD,
        says=("check-in the morning after Wed 4 Mar",),
        never=("one step up",),
    ),
    Story(
        "a later check-in can make a session red",
        [s(0, 3, 2)],
        [c(2, 3)],
        today=2,
        rung=2,
        decision=Decision.REGRESS,
        says=("later check-in 3/10",),
    ),
    Story(
        "a later check-in can make a session amber",
        [s(0, 3, 2)],
        [c(2, 1)],
        today=2,
        rung=3,
        decision=Decision.HOLD,
        verdict="modify",
    ),
    Story(
        "a check-in on the session's own day is not its next morning",
        [s(0, 3, 2, hour=8)],
        [c(0, 0)],
        today=1,
        rung=3,
        says=("No next-morning check-in after Mon 2 Mar",),
    ),
    # -- twice a day: one morning, one red day (§1) --------------------------------------------
    Story(
        "two sessions on one day and one bad morning: one red day",
        [s(0, 3, 2, 8), s(0, 3, 2, 18)],
        [c(1, 3)],
        rung=2,
        decision=Decision.REGRESS,
        clinician=False,
        never=("Two red",),
    ),
    Story(
        "the same morning does not make a same-day test and quick timer a second red",
        [s(0, 3, 2, 8), s(0, None, 2, 12, kind="free"), s(0, None, 1, 16, kind="test")],
        [c(1, 3)],
        rung=2,
        decision=Decision.REGRESS,
        clinician=False,
        never=("Two red",),
    ),
    Story(
        "red days in a row count days",
        [s(0, 12, 2, 8), s(0, 12, 2, 18), s(1, 11, 6)],
        [c(1, 3)],
        today=2,
        rung=4,
        decision=Decision.REGRESS,
        clinician=True,
        says=("Two red days in a row",),
    ),
    # -- the trend (§1) ------------------------------------------------------------------------
    Story(
        "morning pain creeping 1 to 4 over a week: no step up, no run",
        [s(n, 3, 2) for n in range(7)],
        [c(n + 1, p) for n, p in enumerate([1, 1, 2, 2, 3, 3, 4])],
        today=7,
        profile=Profile(baseline=1),
        never=("one step up", "easy run"),
    ),
    Story(
        "a weekly mean exactly 1 above the week before holds",
        greens(3, [8, 10, 12], morning=3)[0],
        [*[c(n, 2) for n in range(0, 7)], *[c(n, 3) for n in range(7, 14)]],
        today=13,
        profile=Profile(baseline=3),
        rung=3,
        decision=Decision.HOLD,
        verdict="modify",
        because="trend",
        says=("Morning pain this week averages 3.0/10, up 1.0 on 2.0 the week before",),
    ),
    Story(
        "a weekly mean under 1 above the week before does not hold",
        greens(3, [8, 10, 12], morning=3)[0],
        [*[c(n, 2) for n in range(0, 8)], *[c(n, 3) for n in range(8, 14)]],
        today=13,
        profile=Profile(baseline=3),
        rung=4,
        decision=Decision.PROGRESS,
        verdict="run",
    ),
    Story(
        "a weekly mean 2 above usual steps back and stops running",
        greens(3, [8, 10, 12], morning=2)[0],
        [c(n, 2) for n in range(8, 13)],
        today=13,
        rung=2,
        decision=Decision.REGRESS,
        verdict="rest",
        because="trend",
    ),
    Story(
        "stiffness rising 5 to 50 minutes over ten days: a clinician, no step up, no run",
        greens(3, [0, 2, 4, 6, 8])[0],
        stiff([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]),
        today=10,
        clinician=True,
        verdict="rest",
        because="trend",
        never=("one step up",),
        says=("still rising",),
    ),
    Story(
        "stiffness exactly 30 minutes every morning: nothing to say",
        greens(3, [8, 10, 12])[0],
        stiff([30] * 13),
        today=13,
        decision=Decision.PROGRESS,
        never=("stiffness",),
    ),
    Story(
        "stiffness of 31 minutes on 3 mornings of a week holds and is named",
        greens(3, [8, 10, 12])[0],
        stiff([31] * 13),
        today=13,
        rung=3,
        decision=Decision.HOLD,
        says=("over 30 minutes on 7 mornings this week",),
        clinician=False,
    ),
    Story(
        "stiffness over 30 on only 2 mornings does not hold",
        greens(3, [8, 10, 12])[0],
        stiff([20] * 10 + [31, 31, 20]),
        today=13,
        decision=Decision.PROGRESS,
    ),
    Story(
        "stiffness rising week over week under 30 holds",
        greens(3, [8, 10, 12])[0],
        stiff([5] * 6 + [25] * 7),
        today=13,
        rung=3,
        decision=Decision.HOLD,
        says=("rising week over week",),
    ),
    # -- below the first rung (§2) -------------------------------------------------------------
    Story(
        "a red at the first step goes to the calm dose, never holds the dose that hurt",
        [s(0, 0, 6)],
        [c(1, 0)],
        decision=Decision.REGRESS,
        calm=True,
        says=(CALM_WORDS,),
        never=("holding at 4 × 20 s",),
    ),
    Story(
        "a red at the calm dose: a rest from loading",
        [calm(0, 6)],
        [c(1, 0)],
        loading=False,
        calm=True,
        says=("a rest from loading today",),
    ),
    Story(
        "three days after a red at the calm dose: the calm dose again",
        [calm(0, 6)],
        [c(1, 0)],
        today=3,
        loading=True,
        calm=True,
    ),
    Story(
        "two red days at the calm dose: a clinician",
        [calm(0, 6), calm(1, 6)],
        [c(1, 0)],
        today=2,
        clinician=True,
        loading=False,
    ),
    Story(
        "two reds at the first step never step back to the same dose",
        [s(0, 0, 6), s(1, 0, 6)],
        today=2,
        calm=True,
        clinician=True,
        says=(CALM_WORDS,),
    ),
    Story(
        "three greens at the calm dose: back to the first step",
        [calm(0, 2), calm(1, 2), calm(2, 2)],
        [c(1, 0), c(2, 0), c(3, 0)],
        today=3,
        rung=0,
        decision=Decision.PROGRESS,
        calm=False,
    ),
    Story(
        "a 9-day gap at the first step says plainly nothing is lower",
        *greens(0, [0]),
        today=9,
        rung=0,
        decision=Decision.HOLD,
        says=("there is nothing lower on the ladder",),
        never=("one step lower",),
    ),
    Story("a 6-day gap changes nothing", *greens(4, [0]), today=6, rung=4),
    Story("a 7-day gap restarts a step lower", *greens(4, [0]), today=7, rung=3, says=("7 days",)),
    Story("a 20-day gap restarts a step lower", *greens(15, [0]), today=20, rung=14),
    Story("a 21-day gap restarts a stage lower", *greens(15, [0]), today=21, rung=9),
    # -- below-step work (§2) ------------------------------------------------------------------
    Story(
        "a red on below-step work returns to floor level",
        [s(0, 9, 6)],
        [c(1, 0)],
        rung=8,
        decision=Decision.REGRESS,
        says=("floor level",),
    ),
    Story(
        "a red on the first below-step rung returns to the floor below it",
        [s(0, 9, 2)],
        [c(1, 3)],
        rung=8,
    ),
    Story("amber on below-step work holds there", [s(0, 9, 4)], [c(1, 0)], rung=9),
    # -- stuck (§2) ----------------------------------------------------------------------------
    Story(
        "six weeks of amber without a step up: a review is suggested",
        [s(n, 3, 4) for n in range(0, 43, 3)],
        [c(n + 1, 0) for n in range(0, 43, 3)],
        today=43,
        review=True,
        says=("6 weeks without a step up",),
    ),
    Story(
        "five weeks of amber: not yet",
        [s(n, 3, 4) for n in range(0, 40, 3)],
        [c(n + 1, 0) for n in range(0, 40, 3)],
        today=40,
        review=False,
    ),
    Story(
        "twelve weeks without a step up: said firmly",
        [s(n, 3, 4) for n in range(0, 85, 3)],
        [c(n + 1, 0) for n in range(0, 85, 3)],
        today=85,
        review=True,
        says=("please book a review",),
    ),
    # -- each pain-limit choice (§1) -----------------------------------------------------------
    Story(
        "Silbernagel limits: a red at the first step says 5/10",
        [s(0, 0, 6)],
        [c(1, 0)],
        profile=SILB,
        says=("keep pain at 5/10 or less",),
        never=("3/10",),
    ),
    Story(
        "Silbernagel limits: an easy run says 5/10",
        *G3,
        today=3,
        profile=SILB,
        verdict="run",
        never=("3/10",),
    ),
    Story(
        "Silbernagel limits: pain 5 during is green",
        *greens(3, [0, 1, 2], pain=5),
        today=3,
        profile=SILB,
        decision=Decision.PROGRESS,
    ),
    Story(
        "strict limits: pain 5 during is amber",
        *greens(3, [0, 1, 2], pain=5),
        today=3,
        decision=Decision.HOLD,
        verdict="modify",
    ),
    Story(
        "Silbernagel limits: pain 7 is still a hard stop",
        [s(0, 3, 7)],
        [c(1, 0)],
        profile=SILB,
        verdict="rest",
        until=13,
    ),
]


def plan_of(story: Story):
    return make_plan(
        CATALOG,
        story.sessions,
        story.checkins,
        story.profile,
        D0 + timedelta(days=story.today),
        tests=story.tests,
        red_flags=story.red_flags,
        runs=story.runs,
    )


def everything_said(plan) -> str:
    return " | ".join([*plan.reasons, plan.run_advice.text])


@pytest.mark.parametrize("story", STORIES, ids=[story.name for story in STORIES])
def test_story(story: Story):
    plan = plan_of(story)
    said = everything_said(plan)
    if story.rung is not None:
        assert plan.step.index == story.rung, said
    if story.decision is not None:
        assert plan.decision is story.decision, said
    if story.verdict is not None:
        assert plan.run_advice.verdict == story.verdict, said
    if story.because is not None:
        assert plan.run_advice.because == story.because, said
    if story.clinician is not None:
        assert plan.see_clinician is story.clinician, said
    for words in story.says:
        assert words in said
    for words in story.never:
        assert words not in said
    if story.until is not False:
        expected = None if story.until is None else D0 + timedelta(days=int(story.until))
        assert plan.hard_stop_until == expected, said
    if story.review is not None:
        assert plan.review_suggested is story.review, said
    if story.loading is not None:
        assert bool(plan.exercises) is story.loading, said
    if story.calm is not None:
        assert plan.calm is story.calm, said


def test_there_are_at_least_forty_stories():
    assert len(STORIES) >= 40


@pytest.mark.parametrize("story", STORIES, ids=[story.name for story in STORIES])
def test_never_more_or_run_beside_a_clinician(story: Story):
    plan = plan_of(story)
    if plan.see_clinician:
        assert plan.decision is not Decision.PROGRESS, everything_said(plan)
        assert plan.run_advice.verdict == "rest", everything_said(plan)


@pytest.mark.parametrize("story", STORIES, ids=[story.name for story in STORIES])
def test_every_plan_says_why_and_why_running_is_not_fine(story: Story):
    plan = plan_of(story)
    assert plan.reasons
    assert (plan.run_advice.verdict == "run") is (plan.run_advice.because == "clear")


def test_the_history_counts_one_morning_once_on_a_day_with_a_plan_session():
    sessions = [s(0, 3, 2, 8), s(0, None, 2, 12, kind="free"), s(0, None, 1, 16, kind="test")]
    for session in sessions:
        session.update(exercises=[], completed=True, note="", paused_s=0)
    rows = session_rows(sessions, [c(1, 3)], Profile())
    outcomes = {row.kind: row.outcome for row in rows}
    assert outcomes == {"plan": Outcome.RED, "free": Outcome.GREEN, "test": Outcome.GREEN}


def test_calm_dose_is_gentler_than_the_first_step():
    plan = plan_of(Story("", [s(0, 0, 6)], [c(1, 0)]))
    first = CATALOG.ladder[0].exercises[0].dose
    assert plan.exercises and all(
        p.dose.sets < first.sets and (p.dose.hold_s or 0) < (first.hold_s or 0)
        for p in plan.exercises
    )
    assert all("bent" in p.exercise.id for p in plan.exercises)
