"""Today's plan from what is stored: reads only recent history, so it costs the same in year ten.

The rules themselves are in plan.py, which is pure; this module only fetches what they need.
"""

from __future__ import annotations

from datetime import date, timedelta

from rehab_tui.domain.library import Catalog
from rehab_tui.domain.plan import Plan, make_plan
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.safety import answers_from_dict, cleared_from_setting, open_red_flags
from rehab_tui.storage.store import Store

# Long enough for every rule: streaks at one step, two red days in a row, a 21-day gap, a
# 14-day hard stop, twelve weeks without a step up (the firmer review), and the runs of the
# last 30 days (the spike guard) and since the latest hard stop (the walk-run ladder).
LOOKBACK_DAYS = 91


def load_profile(store: Store) -> Profile:
    return Profile.from_dict(store.setting("profile"))


RED_FLAGS_CLEARED = "red_flags_cleared"  # the setting: the day a clinician checked them


def red_flags_open(store: Store) -> tuple[str, ...]:
    """The red-flag questions answered yes and not checked by a clinician since, in the order
    they are asked: stored, so that no restart forgets them."""
    answers = answers_from_dict(store.setting("red_flags"))
    return open_red_flags(answers, cleared_from_setting(store.setting(RED_FLAGS_CLEARED)))


def plan_for(store: Store, catalog: Catalog, day: date) -> Plan:
    since = (day - timedelta(days=LOOKBACK_DAYS)).isoformat()
    sessions, checkins, tests = store.recent(since)
    if not sessions:
        # A long break: only the latest session matters (it sets the step to restart below).
        sessions = [s for s, _ in zip(store.sessions(), range(1), strict=False)]
    return make_plan(
        catalog,
        sessions,
        checkins,
        load_profile(store),
        day,
        tests=tests,
        red_flags=red_flags_open(store),
        runs=store.runs(since),
    )
