"""The kinds of exercise: every kind has its rules (and a view in the player), each kind's rules
say what they should, and nothing outside the kinds' modules branches on a particular kind."""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path

import pytest

import rehab_tui
from rehab_tui.domain.cues import spoken_words
from rehab_tui.domain.kinds import REGISTERED, describe_dose, kind_for_dose, rules_for
from rehab_tui.domain.kinds.rules import KindRules
from rehab_tui.domain.library import Dose, Exercise, Kind, PlannedExercise, Tempo
from rehab_tui.domain.pain import DEFAULT_LIMITS
from rehab_tui.domain.playback import SetResult
from rehab_tui.domain.records import new_session, set_to_dict, time_under_load
from rehab_tui.domain.steps import StepKind
from rehab_tui.domain.timeline import build_timeline, state_at
from rehab_tui.tui.widgets.step_views import VIEWS

DOSES = {
    Kind.HOLD: Dose(sets=5, rest_s=60, hold_s=30),
    Kind.TEMPO: Dose(sets=3, rest_s=90, reps=15, tempo=Tempo(1, 0, 3, 1)),
    Kind.REPS: Dose(sets=3, rest_s=60, reps=10),
}


def planned(kind: Kind, per_side: bool = False) -> PlannedExercise:
    dose = DOSES[kind]
    exercise = Exercise(
        id=f"test-{kind.value}",
        name=f"Test {kind.value}",
        how_to="",
        cues=("Breathe",),
        kind=kind,
        per_side=per_side,
        insertional_safe=True,
        dose=dose,
    )
    return PlannedExercise(exercise, dose)


def work_step_of(kind: Kind):
    timeline = build_timeline([planned(kind)], limits=DEFAULT_LIMITS)
    index = next(i for i, step in enumerate(timeline.steps) if step.is_work)
    return timeline, index


# -- the registry ------------------------------------------------------------------------------


def test_every_kind_has_rules_and_a_view_in_the_player():
    for kind in Kind:
        rules = rules_for(kind)
        assert isinstance(rules, KindRules) and rules.kind is kind
        assert kind in VIEWS, f"no view for {kind} in tui/widgets/step_views.py"
    assert sorted(r.kind for r in REGISTERED) == sorted(Kind)  # each kind registered once


def test_a_stored_kind_name_finds_its_rules():
    assert rules_for("tempo") is rules_for(Kind.TEMPO)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "words"),
    [(Kind.HOLD, "5 × 30 s"), (Kind.TEMPO, "3 × 15 @ 1-0-3-1"), (Kind.REPS, "3 × 10")],
)
def test_each_kind_writes_its_dose(kind, words):
    assert rules_for(kind).describe(DOSES[kind]) == words
    assert describe_dose(planned(kind, per_side=True)) == f"{words} each side"


@pytest.mark.parametrize(
    ("kind", "fields", "amount", "unit", "plan_words"),
    [
        (Kind.HOLD, {"hold_s"}, 30, "s", "hold"),
        (Kind.TEMPO, {"reps", "tempo"}, 15, "reps", "slow reps"),
        (Kind.REPS, {"reps"}, 10, "reps", "contacts"),
    ],
)
def test_each_kind_names_its_fields_amount_and_unit(kind, fields, amount, unit, plan_words):
    rules = rules_for(kind)
    assert rules.dose_fields == fields
    assert rules.amount(DOSES[kind]) == amount
    assert (rules.unit, rules.plan_words) == (unit, plan_words)
    assert kind_for_dose(DOSES[kind]) is kind


def test_a_dose_no_kind_has_is_refused():
    with pytest.raises(ValueError, match="no kind of exercise"):
        kind_for_dose(Dose(sets=1, rest_s=0, hold_s=30, reps=5))


# -- each kind's step, result, time under load and words --------------------------------------


def test_a_hold_counts_down_and_records_the_seconds_held():
    timeline, index = work_step_of(Kind.HOLD)
    step = timeline.steps[index]
    assert (step.kind, step.duration, step.target, step.label) == (Kind.HOLD, 30.0, 30, "HOLD")
    rules = rules_for(Kind.HOLD)
    assert rules.done(step, timeline.exercises[0], 12.34) == 12.3
    assert rules.done(step, timeline.exercises[0], 30.02) == 30.0  # a late tick is no extra work
    assert rules.seconds_under_load({"sets": 5, "hold_s": 30}, 57.5) == 57.5
    assert spoken_words(step, state_at(timeline, index, 0.0)) == "hold"
    assert spoken_words(step, state_at(timeline, index, 27.5)) == "three"
    assert spoken_words(step, state_at(timeline, index, 29.5)) == "one"


def test_tempo_reps_name_the_phase_and_record_whole_reps():
    timeline, index = work_step_of(Kind.TEMPO)
    step = timeline.steps[index]
    assert (step.kind, step.duration, step.target) == (Kind.TEMPO, 15 * 5.0, 15)
    words = [spoken_words(step, state_at(timeline, index, t)) for t in (0.0, 1.5, 4.5, 5.0)]
    assert words == ["up", "lower", None, "up"]  # RESET says nothing; the next rep says "up"
    state = state_at(timeline, index, 7.0)
    assert (state.rep, state.reps_done, state.phase.name) == (2, 1, "LOWER")
    rules = rules_for(Kind.TEMPO)
    assert rules.done(step, timeline.exercises[0], 14.9) == 2.0  # the third rep was cut short
    assert rules.seconds_under_load({"reps": 15, "tempo": "1-0-3-1"}, 10) == 50.0  # 10 reps × 5 s


def test_counted_reps_wait_for_the_user_and_add_no_time_under_load():
    timeline, index = work_step_of(Kind.REPS)
    step = timeline.steps[index]
    assert (step.kind, step.duration, step.target, step.label) == (Kind.REPS, None, 10, "GO")
    assert state_at(timeline, index, 99.0).remaining is None
    assert rules_for(Kind.REPS).done(step, timeline.exercises[0], 8) == 8.0
    assert rules_for(Kind.REPS).seconds_under_load({"reps": 10}, 30) == 0.0
    assert spoken_words(step, state_at(timeline, index, 0.0)) == "go"


def test_lead_ins_and_rests_are_no_kind_of_exercise():
    timeline = build_timeline([planned(Kind.HOLD)], limits=DEFAULT_LIMITS)
    around = [s for s in timeline.steps if not s.is_work]
    assert {s.kind for s in around} == {StepKind.LEAD_IN, StepKind.REST}
    assert all(s.work_kind is None for s in around)
    assert spoken_words(timeline.steps[0], state_at(timeline, 0, 0.0)) == "get ready"


def test_a_sessions_time_under_load_adds_each_kinds_own():
    done = {Kind.HOLD: 28.5, Kind.TEMPO: 15.0, Kind.REPS: 10.0}
    exercises = tuple(planned(kind) for kind in done)
    session = new_session(exercises, datetime(2026, 3, 3, 8), None)
    for entry, kind in zip(session["exercises"], done, strict=True):
        result = SetResult(
            0, entry["exercise_id"], 1, None, kind.value, 0, done[kind], False, 0.0, ""
        )
        entry["sets"].append(set_to_dict(result))
    assert time_under_load(session) == 28.5 + 15 * 5.0


# -- nothing else branches on a particular kind -----------------------------------------------

PACKAGE = Path(rehab_tui.__file__).parent
# The kinds' own modules, and the one place in the TUI that picks each kind's view.
ALLOWED = {PACKAGE / "domain" / "kinds", PACKAGE / "tui" / "widgets" / "step_views.py"}
KIND_NAMES = {kind.value for kind in Kind}
WORK_MEMBERS = {kind.name for kind in Kind}


def kind_branches(source: str) -> list[str]:
    """Where `source` picks behaviour by a particular kind of exercise: `Kind.HOLD` (or a
    StepKind of that name) anywhere but as a declaration's `kind=Kind.REPS`, a kind's name
    compared with something, or a table keyed by kinds' names."""
    tree = ast.parse(source)
    declared = {
        id(keyword.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "kind"
    }
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in ("Kind", "StepKind")
            and node.attr in WORK_MEMBERS
            and id(node) not in declared
        ):
            found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
        elif isinstance(node, ast.Compare) and _compares_with_a_kind_name(node):
            found.append(f"line {node.lineno}: compares with a kind's name")
        elif isinstance(node, ast.Dict):
            names = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            if len(KIND_NAMES.intersection(names)) >= 2:
                found.append(f"line {node.lineno}: a table keyed by kinds' names")
    return found


def _compares_with_a_kind_name(node: ast.Compare) -> bool:
    """`kind == "tempo"`, `kind in ("hold", "reps")`; not `"tempo" in fields` (a dose field)."""
    sides = [node.left, *node.comparators]
    if not all(isinstance(op, ast.In | ast.NotIn) for op in node.ops):
        return any(isinstance(s, ast.Constant) and s.value in KIND_NAMES for s in sides)
    return any(
        isinstance(s, ast.Tuple | ast.List | ast.Set)
        and any(isinstance(e, ast.Constant) and e.value in KIND_NAMES for e in s.elts)
        for s in node.comparators
    )


def test_the_detector_sees_the_ways_code_branches_on_a_kind():
    assert kind_branches("if exercise.kind is Kind.HOLD:\n    pass\n")
    assert kind_branches("done = step.kind == StepKind.TEMPO\n")
    assert kind_branches('if entry["kind"] == "tempo":\n    pass\n')
    assert kind_branches('if kind in ("hold", "tempo"):\n    pass\n')
    assert kind_branches('UNITS = {"hold": "s", "tempo": "reps", "reps": "reps"}\n')
    assert kind_branches("WORDS = {Kind.HOLD: 'hold'}\n")
    # Declaring an exercise's kind, and a dose field that shares a kind's name, are not branches.
    assert not kind_branches("Exercise(id='x', kind=Kind.REPS)\n")
    assert not kind_branches('FIELDS = {"sets": 1, "reps": 2}\nitem["reps"] = dose.reps\n')
    assert not kind_branches('if "tempo" in fields:\n    pass\n')


def test_only_the_kinds_modules_and_the_players_views_branch_on_a_kind():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in ALLOWED or any(folder in path.parents for folder in ALLOWED):
            continue
        found = kind_branches(path.read_text(encoding="utf-8"))
        if found:
            offenders[str(path.relative_to(PACKAGE))] = found
    assert offenders == {}, "ask rules_for(kind) (rehab_tui/domain/kinds) instead"
