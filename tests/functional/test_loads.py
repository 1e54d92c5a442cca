"""The weight used on loaded exercises (DOMAIN §3 "Heavy means heavy"): recorded into a session in
progress (durably, like a set), the last one remembered, given to `rehab-tui log --load-kg`, and
shown wherever the session's exercises are: the summary, history --json, the csv of sets, the
physio's report, and an export imported again.

The plan engine is not relied on to reach stage 3: sessions start from a routine, and `log`'s plan
has its exercises replaced, so these promises hold whatever stage the plan is at.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest
from msgspec.structs import replace
from rich.console import Console

from rehab_tui.cli.main import main
from rehab_tui.domain.library import Catalog, PlannedExercise
from rehab_tui.domain.playback import SetResult
from rehab_tui.domain.records import new_session
from rehab_tui.services.rehab import Rehab
from rehab_tui.services.results import LoadPrompt, ServiceError
from rehab_tui.storage.errors import DamagedFileError
from rehab_tui.storage.routines import Routine
from rehab_tui.storage.store import Store
from rehab_tui.tui.screens.session_detail import sets_table
from rehab_tui.tui.screens.summary import summary_table

TODAY = date(2026, 3, 3)  # the FakeClock's day
LOADED = "loaded-single-raise"
LINE = "Loaded single-leg heel raise: 3 × 6 each side, 12.5 kg"


def planned(catalog: Catalog, *ids: str) -> tuple[PlannedExercise, ...]:
    return tuple(PlannedExercise(catalog.exercises[i], catalog.exercises[i].dose) for i in ids)


def heavy_routine(catalog: Catalog) -> Routine:
    """An unloaded exercise, then a loaded one."""
    return Routine("Heavy", "", planned(catalog, "iso-double-straight", LOADED))


@pytest.fixture
def rehab(store, catalog, clock) -> Rehab:
    return Rehab(store, catalog, clock)


def past_session(store: Store, catalog: Catalog, when: datetime, load_kg: float | None) -> str:
    """A finished session of the loaded exercise, with its weight (if any)."""
    session = new_session(planned(catalog, LOADED), when.astimezone(), None)
    if load_kg is not None:
        session["exercises"][0]["load_kg"] = load_kg
    store.add_session(session)
    return session["id"]


def finished_set(started, index: int):
    planned_exercise = started.exercises[index]
    return SetResult(
        index, planned_exercise.exercise.id, 1, "left", planned_exercise.kind.value, 6, 6.0,
        False, 0.0, "2026-03-03T08:01:00+00:00",
    )  # fmt: skip


# -- recording into a session in progress -----------------------------------------------------


def test_the_weight_is_kept_across_a_crash_and_into_the_month(
    rehab, store, catalog, clock, private_dirs
):
    started = rehab.start_routine(heavy_routine(catalog))
    rehab.record_load(started.session_id, 1, 12.5)
    assert rehab.session(started.session_id)["exercises"][1]["load_kg"] == 12.5
    store.close()  # a crash: the journal is all there is
    with Store(private_dirs) as after:
        again = Rehab(after, catalog, clock)
        assert again.unfinished_session()["exercises"][1]["load_kg"] == 12.5
        assert "load_kg" not in again.unfinished_session()["exercises"][0]
        assert again.load_prompt(started.session_id, 1) is None  # not asked twice
        again.end_session(started.session_id, completed=False, paused_s=0.0)
    month = json.loads((private_dirs / "sessions" / "2026-03.json").read_text())
    (saved,) = month["sessions"].values()
    assert saved["exercises"][1]["load_kg"] == 12.5
    assert not list((private_dirs / "sessions").glob("*.sets"))


def test_a_journal_line_with_a_weight_the_app_never_writes_is_damage(
    rehab, store, catalog, private_dirs
):
    started = rehab.start_routine(heavy_routine(catalog))
    journal = private_dirs / "sessions" / f"{started.session_id}.sets"
    journal.write_text('{"exercise":1,"load_kg":600}\n')
    with pytest.raises(DamagedFileError, match="line 1 is not a set rehab-tui writes"):
        store.session(started.session_id)


@pytest.mark.parametrize("kg", [-0.5, 500.5, 12.3, float("nan")])
def test_a_weight_off_the_half_kilo_steps_is_refused(rehab, catalog, kg):
    started = rehab.start_routine(heavy_routine(catalog))
    with pytest.raises(ServiceError, match=r"0 to 500 kg in steps of 0\.5 kg"):
        rehab.record_load(started.session_id, 1, kg)
    assert "load_kg" not in rehab.session(started.session_id)["exercises"][1]


def test_an_exercise_without_weights_takes_none(rehab, catalog):
    started = rehab.start_routine(heavy_routine(catalog))
    with pytest.raises(ServiceError, match="not a loaded exercise"):
        rehab.record_load(started.session_id, 0, 10)
    with pytest.raises(ServiceError, match="has no exercise 3"):
        rehab.record_load(started.session_id, 2, 10)


# -- the last weight, and what the dialog is given -------------------------------------------------


def test_the_last_weight_is_the_newest_months_and_older_months_are_not_read(
    rehab, store, catalog, private_dirs
):
    assert rehab.last_load_kg(LOADED) is None
    past_session(store, catalog, datetime(2026, 1, 10, 8), 10.0)
    past_session(store, catalog, datetime(2026, 2, 10, 8), 15.0)
    past_session(store, catalog, datetime(2026, 2, 12, 8), None)  # skipped that day
    assert rehab.last_load_kg(LOADED) == 15.0
    assert rehab.last_load_kg("loaded-heel-raise") is None
    store.close()
    (private_dirs / "sessions" / "2026-01.json").write_text("{not json")
    with Store(private_dirs) as reopened:
        assert Rehab(reopened, catalog, rehab.clock).last_load_kg(LOADED) == 15.0
        with pytest.raises(DamagedFileError):
            Rehab(reopened, catalog, rehab.clock).last_load_kg("loaded-heel-raise")


def test_the_dialog_is_prefilled_with_the_last_weight_then_the_plans_then_0(
    rehab, store, catalog, monkeypatch
):
    plan_of_the_day = rehab.plan(TODAY)
    plan = replace(plan_of_the_day, exercises=planned(catalog, LOADED), load_kg={LOADED: 20.0})
    monkeypatch.setattr(Rehab, "plan", lambda self, day=None: plan)
    started = rehab.start_plan(plan)
    prompt = rehab.load_prompt(started.session_id, 0)
    assert prompt == LoadPrompt("Loaded single-leg heel raise", 20.0, 20.0)
    past_session(store, catalog, datetime(2026, 2, 10, 8), 17.5)
    assert rehab.load_prompt(started.session_id, 0) == LoadPrompt(
        "Loaded single-leg heel raise", 17.5, 20.0
    )
    routine = rehab.start_routine(Routine("Mine", "", planned(catalog, "loaded-heel-raise")))
    assert rehab.load_prompt(routine.session_id, 0) == LoadPrompt(
        catalog.exercises["loaded-heel-raise"].name, 0.0, None
    )  # a routine's: no plan to suggest one


def test_nothing_is_asked_without_weights_at_home_or_for_an_unloaded_exercise(rehab, catalog):
    started = rehab.start_routine(heavy_routine(catalog))
    assert rehab.load_prompt(started.session_id, 0) is None
    assert rehab.load_prompt(started.session_id, 1) is not None
    rehab.change_profile(weights=False)
    assert rehab.load_prompt(started.session_id, 1) is None


# -- rehab-tui log --load-kg ------------------------------------------------------------------------


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def plan_with(monkeypatch, catalog):
    """The day's plan, with these exercises instead of the engine's."""

    def use(*ids: str) -> None:
        real = Rehab.plan

        def plan(self, day=None):
            return replace(real(self, day), exercises=planned(catalog, *ids))

        monkeypatch.setattr(Rehab, "plan", plan)

    return use


def test_log_load_kg_is_kept_on_every_loaded_exercise(capsys, store, plan_with):
    plan_with("iso-double-straight", LOADED, "loaded-heel-raise")
    store.close()
    code, out, err = run(capsys, "log", "--pain", "2", "--load-kg", "12.5")
    assert (code, err) == (0, "")
    assert "12.5 kg on the loaded exercises" in out
    (session,) = store.sessions()
    assert [e.get("load_kg") for e in session["exercises"]] == [None, 12.5, 12.5]
    code, out, _ = run(capsys, "history", "--json")
    exercises = json.loads(out)["sessions"][0]["exercises"]
    assert [e.get("load_kg") for e in exercises] == [None, 12.5, 12.5]


@pytest.mark.parametrize(
    ("kg", "message"),
    [
        ("600", "600 kg is not a weight rehab-tui records: a weight is from 0 to 500 kg in steps of 0.5 kg"),
        ("12.3", "12.3 kg is not a weight rehab-tui records: a weight is from 0 to 500 kg in steps of 0.5 kg"),
        ("-1", "-1 kg is not a weight rehab-tui records: a weight is from 0 to 500 kg in steps of 0.5 kg"),
        ("heavy", "--load-kg takes a weight in kg like 12.5 (0 to 500, in steps of 0.5), got 'heavy'"),
    ],
)  # fmt: skip
def test_log_refuses_a_weight_it_does_not_record(capsys, store, plan_with, kg, message):
    plan_with(LOADED)
    store.close()
    code, out, err = run(capsys, "log", "--pain", "2", "--load-kg", kg)
    assert (code, out, err) == (1, "", f"rehab-tui: {message}\n")
    assert list(store.sessions()) == []


def test_log_refuses_a_weight_for_a_session_with_no_loaded_exercise(capsys, store, plan_with):
    plan_with("iso-double-straight")
    store.close()
    code, out, err = run(capsys, "log", "--pain", "2", "--load-kg", "10")
    day = date.today()
    assert (code, out) == (1, "")
    assert err == (
        f"rehab-tui: the planned session for {day} has no loaded exercise, "
        "so there is no weight to record\n"
    )
    assert list(store.sessions()) == []


# -- shown: summary, csv, the physio's report, an export imported again -------------------------------


def test_the_weight_is_in_the_summary_the_csv_and_the_report(rehab, store, catalog):
    started = rehab.start_routine(heavy_routine(catalog))
    rehab.record_load(started.session_id, 1, 12.5)
    rehab.end_session(started.session_id, completed=False, paused_s=0.0)
    rehab.rate_session(started.session_id, 2, "")
    session = rehab.session(started.session_id)
    table = io.StringIO()
    Console(file=table, width=120).print(summary_table(session), sets_table(session))
    summary, detail = table.getvalue().split("Exercise")[1:]
    for shown in summary, detail:
        assert "Loaded single-leg heel raise · 12.5 kg" in shown
        assert "Double-leg heel-raise hold ·" not in shown
    assert f"03 Mar 2026: {LINE}" in rehab.export("md")
    assert f"03 Mar 2026: {LINE}" in rehab.export("html")
    with_a_set = rehab.start_routine(heavy_routine(catalog))
    rehab.record_load(with_a_set.session_id, 1, 40)
    rehab.save_set(with_a_set.session_id, finished_set(with_a_set, 1))
    rows = list(csv.DictReader(io.StringIO(rehab.export("csv", sets=True))))
    assert [(r["exercise_id"], r["load_kg"]) for r in rows] == [(LOADED, "40.0")]


def test_no_weights_no_report_section(rehab):
    assert "Weights used" not in rehab.export("md")


def test_an_export_with_weights_imports_whole(rehab, catalog, clock, tmp_path):
    started = rehab.start_routine(heavy_routine(catalog))
    rehab.record_load(started.session_id, 1, 0)
    rehab.end_session(started.session_id, completed=True, paused_s=0.0)
    path = tmp_path / "backup.json"
    rehab.export_to(path, "json")
    with Store(tmp_path / "other") as other:
        imported = Rehab(other, catalog, clock)
        assert imported.import_file(path).sessions == 1
        (session,) = other.sessions()
        assert [e.get("load_kg") for e in session["exercises"]] == [None, 0.0]
        assert imported.last_load_kg(LOADED) == 0.0
        imported.export_to(tmp_path / "again.json", "json")
    assert (
        json.loads(path.read_text())["sessions"]
        == json.loads((tmp_path / "again.json").read_text())["sessions"]
    )


def test_a_day_when_the_weight_was_skipped_is_not_the_last_weight(rehab, store, catalog):
    past_session(store, catalog, datetime(2026, 3, 1, 8), 22.5)
    started = rehab.start_routine(heavy_routine(catalog))  # asked, skipped: nothing recorded
    assert rehab.last_load_kg(LOADED) == 22.5
    assert rehab.load_prompt(started.session_id, 1).prefill_kg == 22.5
