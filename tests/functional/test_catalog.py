"""The exercise file: the shipped library, the ladder, and every mistake located precisely."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rehab_tui.domain.kinds import SHARED_DOSE_FIELDS, rules_for
from rehab_tui.domain.library import CatalogError, Kind
from rehab_tui.storage.catalog import load_catalog

DATA = Path(__file__).parents[1] / "data"
MINI = (DATA / "mini.yaml").read_text()


def test_shipped_library_covers_the_ladder(catalog):
    assert len(catalog.exercises) >= 12
    assert [s.number for s in catalog.stages] == [1, 2, 3, 4]
    kinds = {e.kind for e in catalog.exercises.values()}
    assert kinds == {Kind.HOLD, Kind.TEMPO, Kind.REPS}
    holds = [e for e in catalog.exercises.values() if e.kind is Kind.HOLD]
    assert any(e.per_side for e in holds) and any(not e.per_side for e in holds)
    assert any("bent" in e.id for e in holds) and any("straight" in e.id for e in holds)
    for exercise in catalog.exercises.values():
        assert exercise.cues and exercise.how_to
        if not exercise.insertional_safe:
            alternative = catalog.exercises[exercise.insertional_alternative]
            assert alternative.insertional_safe


def test_no_stretching_squats_or_lunges(catalog):
    for exercise in catalog.exercises.values():
        words = f"{exercise.id} {exercise.name} {exercise.how_to}".lower()
        assert not any(bad in words for bad in ("stretch", "squat", "lunge"))


def test_first_rung_is_stage_one_holds_of_20_to_30_s(catalog):
    first = catalog.ladder[0]
    assert first.stage == 1
    for planned in first.exercises:
        assert planned.kind is Kind.HOLD
        assert 20 <= planned.dose.hold_s <= 30


def test_each_rung_changes_one_thing(catalog):
    for below, above in zip(catalog.ladder, catalog.ladder[1:], strict=False):
        if above.step == 1:
            continue  # a new level: new exercises at their starting dose
        changed = {
            field
            for a, b in zip(below.exercises, above.exercises, strict=True)
            for field in ("sets", "hold_s", "reps")
            if getattr(a.dose, field) != getattr(b.dose, field)
        }
        assert len(changed) == 1, (below.change, above.change)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ex.yaml"
    path.write_text(text)
    return path


# (what to replace in mini.yaml, with what, line, field fragment, message fragment)
MISTAKES = [
    ("hold_s: 20", "hold_s: 7200", 10, "dose.hold_s", "from 5 to 120"),
    ("hold_s: 20", "hold_s: -5", 10, "dose.hold_s", "from 5 to 120"),
    ("hold_s: 20", "hold_s: twenty", 10, "dose.hold_s", "whole number"),
    ("kind: hold", "kind: stretch", 7, "kind", "hold, tempo, reps or intervals"),
    (
        "per_side: false\n    insertional_safe: true\n    dose: {sets: 2",
        "per_side: maybe\n    insertional_safe: true\n    dose: {sets: 2",
        8,
        "per_side",
        "true or false",
    ),
    ("tempo: 1-0-3-1", "tempo: slow", 18, "tempo", "up-top-down-bottom"),
    ("id: tempo-b", "id: hold-a", 11, "id", "duplicate id"),
    ("id: tempo-b", "id: Tempo B", 11, "id", "lower-case"),
    ("    name: Test hold\n", "", 3, "name", "missing"),
    ("[hold-a, tempo-b, reps-c]", "[hold-a, nope]", 33, "levels[0].exercises[1]", "no exercise"),
    ("{hold_s: [20, 25]}", "{hold_s: [20, 200]}", 34, "progression.hold_s[1]", "from 5 to 120"),
    ("{hold_s: [20, 25]}", "{speed: [2]}", 34, "progression.speed", "unknown field"),
    ("number: 1", "number: 2", 28, "number", "expected stage 1"),
    ("cues: [Breathe]", "cues: []", 6, "cues", "at least one"),
    ("cues: [Breathe]", "cues: [Breathe]\n    colour: red", 7, "colour", "unknown field"),
    (
        "dose: {sets: 1, reps: 5, rest_s: 0}",
        "dose: {sets: 1, rest_s: 0}",
        26,
        "dose.reps",
        "missing",
    ),
]


@pytest.mark.parametrize(("old", "new", "line", "field", "message"), MISTAKES)
def test_mistakes_name_line_and_field(tmp_path, old, new, line, field, message):
    assert old in MINI
    path = write(tmp_path, MINI.replace(old, new, 1))
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    error = caught.value
    assert error.path == str(path)
    assert error.line == line, str(error)
    assert field in (error.field or ""), str(error)
    if message:
        assert message in error.message, str(error)
    assert str(error).startswith(f"{path}, line {line}, field ")


def test_hold_progression_in_a_level_without_holds_is_refused(tmp_path):
    text = MINI.replace("[hold-a, tempo-b, reps-c]", "[tempo-b]")
    with pytest.raises(CatalogError, match="no exercise in this level is a hold"):
        load_catalog(write(tmp_path, text))


def test_reps_progression_in_a_level_of_holds_only_is_refused(tmp_path):
    text = MINI.replace("[hold-a, tempo-b, reps-c]", "[hold-a]").replace(
        "{hold_s: [20, 25]}", "{reps: [5, 6]}"
    )
    with pytest.raises(CatalogError, match="every exercise in this level is a hold"):
        load_catalog(write(tmp_path, text))


@pytest.mark.parametrize(
    ("dose", "kind"),
    [
        ("{sets: 2, hold_s: 20, rest_s: 30}", Kind.HOLD),
        ("{sets: 1, reps: 2, tempo: 1-0-3-1, rest_s: 30}", Kind.TEMPO),
        ("{sets: 1, reps: 5, rest_s: 0}", Kind.REPS),
    ],
)
def test_a_dose_takes_the_fields_its_kinds_rules_name(tmp_path, dose, kind):
    path = write(tmp_path, MINI.replace(dose, dose.replace("{", "{speed: 2, "), 1))
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    fields = ", ".join(sorted(SHARED_DOSE_FIELDS | rules_for(kind).dose_fields))
    assert caught.value.message == f"unknown field; expected one of: {fields}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("exercises: [\n  {id: a\n", "not valid YAML"),
        ("- just\n- a list\n", "expected a mapping"),
        ("a: &x [1, 2]\nb: *x\n", "anchors and aliases"),
        ("x: " + "[" * 60 + "]" * 60 + "\n", "nested"),
    ],
)
def test_broken_files_get_one_sentence(tmp_path, text, message):
    with pytest.raises(CatalogError, match=message):
        load_catalog(write(tmp_path, text))


def test_yaml_bomb_is_refused_quickly(tmp_path):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(CatalogError, match="anchors and aliases"):
        load_catalog(write(tmp_path, "\n".join(lines) + "\n"))


def test_huge_file_is_refused_without_parsing(tmp_path):
    path = write(tmp_path, "# " + "x" * 2_000_000 + "\n")
    with pytest.raises(CatalogError, match="at most 1 MB"):
        load_catalog(path)


def test_missing_file(tmp_path):
    with pytest.raises(CatalogError, match="no such file"):
        load_catalog(tmp_path / "nope.yaml")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_loads_or_fails_with_a_catalog_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "ex.yaml"
    path.write_text(text)
    try:
        load_catalog(path)
    except CatalogError as error:
        assert str(error).startswith(str(path))
        assert "\n" not in str(error), "one sentence on one line"


YAML_VALUES = st.one_of(
    st.integers(-1000, 1000).map(str),
    st.sampled_from(["", "~", "true", "[]", "{}", "[1, 2]", "{a: 1}", "-1.5", "'x'", "&a 1"]),
    st.text(alphabet="abc-_ 019:[]{},#*&!|>'\"", max_size=12),
)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, MINI.count("\n") - 1), YAML_VALUES)
def test_any_value_in_a_good_file_loads_or_is_named(tmp_path_factory, line_index, value):
    """Change one value of a valid file: it loads, or the error names the file and one line."""
    lines = MINI.splitlines()
    head, colon, _ = lines[line_index].partition(":")
    if not colon:
        return
    lines[line_index] = f"{head}: {value}"
    path = tmp_path_factory.mktemp("fuzz") / "ex.yaml"
    path.write_text("\n".join(lines) + "\n")
    try:
        load_catalog(path)
    except CatalogError as error:
        assert str(error).startswith(str(path))
        assert "\n" not in str(error)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=-(10**6), max_value=10**6))
def test_any_hold_length_is_accepted_only_in_range(tmp_path_factory, seconds):
    path = tmp_path_factory.mktemp("fuzz") / "ex.yaml"
    path.write_text(MINI.replace("hold_s: 20", f"hold_s: {seconds}", 1))
    if 5 <= seconds <= 120:
        assert load_catalog(path).exercises["hold-a"].dose.hold_s == seconds
    else:
        with pytest.raises(CatalogError, match="from 5 to 120"):
            load_catalog(path)
