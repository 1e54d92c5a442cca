"""The `plan --json` contract, schema 2: what a script may rely on about safety (README,
"plan --json"): why running is or is not fine, the hard stop's last day, the open red flags,
the weekly trend and a suggested review. Each call is a fresh process's view of the store, so
what it shows has survived a restart.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from rehab_tui.cli.main import main
from rehab_tui.storage.store import Store


def run(capsys, *args: str) -> int:
    code = main(list(args))
    capsys.readouterr()
    return code


def plan(capsys, day: str) -> dict:
    assert main(["plan", "--date", day, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_schema_3_keeps_schema_2_safety_fields_with_their_types(capsys):
    data = plan(capsys, "2026-03-02")
    assert data["schema"] == 3
    # a new runner: no running until the walk-run ladder's entry is met (DOMAIN §7)
    assert data["run_advice"] == {
        "verdict": "rest",
        "text": data["run_advice"]["text"],
        "because": "entry",
    }
    assert data["hard_stop_until"] is None and data["red_flags"] == []
    assert data["review_suggested"] is False
    assert data["trend"] == {
        "this_week": {"morning_pain": None, "stiffness_min": None},
        "last_week": {"morning_pain": None, "stiffness_min": None},
        "level": "clear",
    }
    keys = list(data)
    at = keys.index("hard_stop_until")
    assert keys[at : at + 4] == ["hard_stop_until", "red_flags", "trend", "review_suggested"]


def test_schema_3_says_how_often_which_phase_and_what_to_expect(capsys):
    data = plan(capsys, "2026-03-02")
    assert list(data)[-9:] == [
        "insertional",
        "frequency",
        "light_day",
        "next_full_day",
        "phase",
        "gate",
        "retest_due",
        "discharge",
        "advice",
    ]
    assert data["insertional"] is False and data["frequency"] == "daily, up to twice a day"
    assert data["light_day"] is False and data["next_full_day"] is None
    assert data["phase"] == "rehab" and data["gate"] is None
    assert data["retest_due"] is None and data["discharge"] is None
    assert any("12 weeks at least" in advice for advice in data["advice"])
    assert all("load_kg" not in exercise for exercise in data["exercises"])


def test_pain_7_names_the_last_day_without_running_until_it_passes(capsys):
    for day in ["2026-03-02", "2026-03-03", "2026-03-04"]:
        assert run(capsys, "log", "--pain", "1", "--date", day) == 0
        assert run(capsys, "checkin", "--pain", "0", "--date", day) == 0
    assert run(capsys, "checkin", "--pain", "7", "--date", "2026-03-05") == 0
    data = plan(capsys, "2026-03-05")
    assert data["hard_stop_until"] == "2026-03-18"
    assert data["run_advice"]["verdict"] == "rest"
    assert data["run_advice"]["because"] == "hard_stop"
    assert data["decision"] == "regress" and data["see_clinician"] is True
    assert plan(capsys, "2026-03-18")["run_advice"]["verdict"] == "rest"
    later = plan(capsys, "2026-03-19")
    assert later["hard_stop_until"] is None and later["run_advice"]["because"] != "hard_stop"


def test_the_trend_gives_the_weekly_means(capsys):
    for n, (pain, stiffness) in enumerate([(0, 10)] * 7 + [(1, 40)] * 7):
        day = f"2026-03-{n + 2:02d}"
        assert (
            run(
                capsys,
                "checkin",
                "--pain",
                str(pain),
                "--stiffness-min",
                str(stiffness),
                "--date",
                day,
            )
            == 0
        )
    data = plan(capsys, "2026-03-15")
    assert data["trend"]["this_week"] == {"morning_pain": 1.0, "stiffness_min": 40.0}
    assert data["trend"]["last_week"] == {"morning_pain": 0.0, "stiffness_min": 10.0}
    assert data["trend"]["level"] == "clinician"
    assert data["see_clinician"] is True and data["run_advice"]["verdict"] == "rest"


def test_an_open_red_flag_is_listed_and_rests(capsys, private_dirs):
    store = Store(private_dirs)
    store.set_setting("red_flags", {"tiptoe": {"answer": True, "date": "2026-03-01"}})
    store.close()
    data = plan(capsys, "2026-03-02")
    assert data["red_flags"] == ["tiptoe"]
    assert data["exercises"] == [] and data["see_clinician"] is True
    assert data["run_advice"]["verdict"] == "rest" and data["run_advice"]["because"] == "red_flag"


def test_six_weeks_without_a_step_up_suggest_a_review(capsys):
    start = date(2026, 3, 2)
    for n in range(15):
        day = (start + timedelta(days=3 * n)).isoformat()
        assert run(capsys, "log", "--pain", "4", "--date", day) == 0
    data = plan(capsys, "2026-04-14")
    assert data["review_suggested"] is True
    assert any("weeks without a step up" in reason for reason in data["reasons"])
