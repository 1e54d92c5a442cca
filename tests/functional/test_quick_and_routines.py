"""The quick timer and routines of one's own: parsing, validation, playing, and advice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rehab_tui.cli.main import main
from rehab_tui.domain.kinds import describe_dose
from rehab_tui.domain.library import CatalogError, Kind
from rehab_tui.domain.own_program import own_program_advice
from rehab_tui.domain.pain import DEFAULT_LIMITS
from rehab_tui.domain.plan import Decision
from rehab_tui.domain.profile import Profile
from rehab_tui.domain.quick import QuickTimer
from rehab_tui.storage.routines import ensure_routines_file, load_routines, routines_template
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.dialogs.quick_timer import QuickTimerScreen
from rehab_tui.tui.screens.home import HomeScreen
from rehab_tui.tui.screens.pain import PainScreen
from rehab_tui.tui.screens.player import PlayerScreen

SIZE = (80, 24)
EXAMPLE = routines_template(DEFAULT_LIMITS)

# -- the quick timer's options ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("timer", "kind", "words"),
    [
        (QuickTimer(hold=30, sets=5, rest=60), Kind.HOLD, "5 × 30 s"),
        (QuickTimer(hold=30, sets=5, rest=60, sides=True), Kind.HOLD, "5 × 30 s each side"),
        (QuickTimer(tempo="1-0-3-0", reps=15, sets=3, rest=90), Kind.TEMPO, "3 × 15 @ 1-0-3-0"),
        (QuickTimer(reps=10, sets=2, rest=30), Kind.REPS, "2 × 10"),
    ],
)
def test_good_timers(timer, kind, words):
    planned = timer.planned()
    assert planned.kind is kind and describe_dose(planned) == words
    assert planned.dose.rest_s == timer.rest


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["timer"], "say what to time"),
        (["timer", "--hold", "300"], "--hold must be a whole number from 5 to 120, got 300"),
        (["timer", "--hold", "thirty"], "got 'thirty'"),
        (["timer", "--hold", "30", "--reps", "5"], "not both"),
        (["timer", "--tempo", "1-0-3-0"], "--tempo needs --reps"),
        (["timer", "--tempo", "1-0-3", "--reps", "5"], "--tempo: expected four whole seconds"),
        (["timer", "--tempo", "0-0-0-0", "--reps", "5"], "at least a second"),
        (["timer", "--hold", "30", "--sets", "0"], "--sets must be a whole number from 1 to 10"),
        (["timer", "--hold", "30", "--rest", "-5"], "--rest must be"),
    ],
)
def test_bad_timer_options_get_one_sentence(capsys, argv, message):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1, err


def test_last_used_values_survive_anything():
    assert QuickTimer.from_dict({"hold": 45, "sets": 3, "rest": 30}) == QuickTimer(
        45, None, None, 3, 30
    )
    assert QuickTimer.from_dict({"hold": "x"}) == QuickTimer(hold=30, sets=5, rest=60)
    assert QuickTimer.from_dict(None) == QuickTimer(hold=30, sets=5, rest=60)


async def test_a_quick_timer_plays_to_its_end_and_lands_in_history(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        form = app.screen
        assert isinstance(form, QuickTimerScreen)
        form.query_one("#q-hold").value = "30"
        form.query_one("#q-sets").value = "2"
        form.query_one("#q-rest").value = "10"
        form.query_one("#q-reps").value = ""
        form.query_one("#q-tempo").value = ""
        form.submit()
        await pilot.pause()
        player = app.screen
        assert isinstance(player, PlayerScreen)
        for seconds in (5, 30, 10, 5, 30):  # lead-in, hold, rest, lead-in, hold
            clock.advance(seconds)
            player.update_now()
        await pilot.pause()
        assert isinstance(app.screen, PainScreen)
        await pilot.press("2", "enter")
        await pilot.pause()
    session = next(store.sessions())
    assert session["kind"] == "free" and session["quick"] is True and session["pain"] == 2
    assert [s["done"] for s in session["exercises"][0]["sets"]] == [30.0, 30.0]
    assert store.setting("quick_timer")["hold"] == 30


async def test_the_form_says_what_is_wrong(catalog, store, clock):
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        form = app.screen
        form.query_one("#q-hold").value = "500"
        form.submit()
        await pilot.pause()
        assert app.screen is form
        assert "hold must be a whole number from 5 to 120" in str(
            form.query_one("#q-error").content
        )


# -- routines --------------------------------------------------------------------------------


def write(tmp_path, text: str):
    path = tmp_path / "routines.yaml"
    path.write_text(text)
    return path


def test_the_example_routine_loads(tmp_path, catalog):
    path = tmp_path / "cfg" / "routines.yaml"
    assert ensure_routines_file(path, DEFAULT_LIMITS) and not ensure_routines_file(
        path, DEFAULT_LIMITS
    )
    assert path.stat().st_mode & 0o777 == 0o600
    (routine,) = load_routines(path, catalog)
    assert routine.name == "Physio program"
    ids = [p.exercise.id for p in routine.exercises]
    assert ids == ["iso-single-straight", "own:wall-calf-hold"]
    assert routine.exercises[0].dose.hold_s == 45, "a catalog exercise with its own dose"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("use: iso-single-straight", "use: iso-nope", "line 15, field routines[0].exercises[0].use: no exercise 'iso-nope'"),
        ("hold_s: 45", "hold_s: 4500", "line 16, field routines[0].exercises[0].dose.hold_s: expected a whole number from 5 to 120"),
        ("kind: hold", "kind: plank", "field routines[0].exercises[1] (wall-calf-hold).kind: expected hold, tempo, reps or intervals"),
        ("  - name: Physio program\n", "  - title: Physio program\n", "routines[0].title: unknown field"),
        ("exercises:\n      - use", "exercises: []\n      - use", "not valid YAML"),
    ],
)  # fmt: skip
def test_bad_routines_are_named(tmp_path, catalog, old, new, expected):
    assert old in EXAMPLE
    path = write(tmp_path, EXAMPLE.replace(old, new))
    with pytest.raises(CatalogError) as caught:
        load_routines(path, catalog)
    assert str(caught.value).startswith(str(path)) and expected in str(caught.value), str(
        caught.value
    )


def test_two_routines_with_one_name_are_refused(tmp_path, catalog):
    body = EXAMPLE.split("routines:\n", 1)[1]
    path = write(tmp_path, "routines:\n" + body + body)
    with pytest.raises(CatalogError, match="another routine is called 'Physio program'"):
        load_routines(path, catalog)


def test_routines_cli_lists_and_follows(private_dirs, capsys, tmp_path):
    from rehab_tui.storage import locations

    ensure_routines_file(locations.config_dir() / "routines.yaml", DEFAULT_LIMITS)
    assert main(["routines"]) == 0
    assert "Physio program" in capsys.readouterr().out
    assert main(["routines", "--follow", "Nope"]) == 1
    assert "no routine called 'Nope'" in capsys.readouterr().err
    assert main(["routines", "--follow", "Physio program"]) == 0
    assert "(followed" in capsys.readouterr().out
    assert main(["routines", "--follow-plan"]) == 0
    capsys.readouterr()
    assert main(["routines", "--follow", "physio PROGRAM"]) == 0  # names as typed, any case
    assert "Physio program  (followed" in capsys.readouterr().out


def test_plan_while_following_a_routine_lists_the_routines_exercises(private_dirs, capsys):
    from rehab_tui.storage import locations

    ensure_routines_file(locations.config_dir() / "routines.yaml", DEFAULT_LIMITS)
    assert main(["routines", "--follow", "Physio program"]) == 0
    capsys.readouterr()
    assert main(["plan", "--date", "2026-03-02"]) == 0
    out = capsys.readouterr().out
    assert "your own program: Physio program" in out and "Wall calf hold" in out
    assert "Double-leg heel-raise hold" not in out  # the plan's own exercises are not listed


def test_log_while_following_a_routine_records_the_routine(private_dirs, capsys):
    from rehab_tui.storage import locations
    from rehab_tui.storage.store import Store

    ensure_routines_file(locations.config_dir() / "routines.yaml", DEFAULT_LIMITS)
    assert main(["setup", "--type", "midportion", "--baseline", "1"]) == 0
    assert main(["routines", "--follow", "Physio program"]) == 0
    capsys.readouterr()
    assert main(["log", "--pain", "2", "--date", "2026-03-02"]) == 0
    assert "of the routine Physio program, pain 2/10" in capsys.readouterr().out
    assert main(["log", "--pain", "2", "--date", "2026-03-02"]) == 1  # typed again
    assert "already has a session" in capsys.readouterr().err
    with Store(private_dirs) as store:
        (session,) = store.sessions()
    assert session["kind"] == "routine" and session["routine"] == "Physio program"
    assert session["stage"] is None and session["completed"] and session["logged"]
    assert "Wall calf hold" in [e["name"] for e in session["exercises"]]
    assert main(["routines", "--follow-plan"]) == 0
    assert main(["log", "--pain", "2", "--date", "2026-03-02"]) == 0  # the plan's, beside it
    assert "at stage 1" in capsys.readouterr().out


def test_routines_edit_keeps_the_example_only_when_it_was_changed(
    private_dirs, monkeypatch, capsys
):
    from rehab_tui.storage import locations

    path = locations.config_dir() / "routines.yaml"
    monkeypatch.setenv("EDITOR", "true")  # an editor left without a change
    assert main(["routines", "--edit"]) == 0
    assert not path.exists() and "the example was not kept" in capsys.readouterr().out
    monkeypatch.setenv("EDITOR", 'sh -c \'echo "# mine" >> "$0"\'')
    assert main(["routines", "--edit"]) == 0
    assert path.exists() and path.read_text().endswith("# mine\n")


async def test_a_followed_routine_is_todays_session(private_dirs, catalog, store, clock):
    from rehab_tui.storage import locations

    ensure_routines_file(locations.config_dir() / "routines.yaml", DEFAULT_LIMITS)
    store.set_setting("own_program", "Physio program")
    app = RehabApp(catalog, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen) and home.own is not None
        text = str(home.query_one("#plan").content)
        assert "your own program: Physio program" in text and "Wall calf hold" in text
        await pilot.press("enter")
        assert isinstance(app.screen, PlayerScreen)
    session = store.active_session()
    assert session["kind"] == "routine" and session["routine"] == "Physio program"


# -- what the rules say about one's own program -----------------------------------------------

D0 = date(2026, 3, 2)


def routine_session(n: int, pain: int) -> dict:
    day = (D0 + timedelta(days=n)).isoformat()
    return {
        "id": f"{day.replace('-', '')}-080000-00000{n}",
        "kind": "routine",
        "started_at": f"{day}T08:00:00+00:00",
        "ended_at": f"{day}T08:20:00+00:00",
        "pain": pain,
    }


def checkin(n: int, pain: int) -> dict:
    return {"date": (D0 + timedelta(days=n)).isoformat(), "pain": pain}


@pytest.mark.parametrize(
    ("pains", "decision", "words", "clinician"),
    [
        ([], Decision.START, "never change your physio's doses", False),
        ([2], Decision.HOLD, "1 of 3 green sessions; keep the doses", False),
        ([2, 2, 2], Decision.PROGRESS, "your physio may add a step", False),
        ([2, 5], Decision.HOLD, "Pain 5/10", False),
        ([2, 6], Decision.REGRESS, "advise stepping back", False),
        ([6, 7], Decision.REGRESS, "see your physiotherapist or doctor", True),
    ],
)
def test_own_program_advice(pains, decision, words, clinician):
    sessions = [routine_session(n, p) for n, p in enumerate(pains)]
    checkins = [checkin(n + 1, 0) for n in range(len(pains))]
    got, reasons, see = own_program_advice(
        sessions, checkins, Profile(), D0 + timedelta(days=len(pains))
    )
    assert got is decision and words in " ".join(reasons) and see is clinician, reasons


def test_the_readme_example_routine_loads(tmp_path, catalog):
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    (routine,) = load_routines(write(tmp_path, example), catalog)
    assert len(routine.exercises) == 3
