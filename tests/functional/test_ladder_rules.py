"""`validate` (and the app's own loading) refuse a ladder that breaks DOMAIN §5, naming the file,
the line, the rung and the exercise: below-step work on the insertional path or while the tendon
is irritated, stretching, and a rung that repeats an earlier one."""

from __future__ import annotations

from pathlib import Path

import pytest

from rehab_tui.cli.main import main
from rehab_tui.domain.library import CatalogError
from rehab_tui.storage.catalog import load_catalog

# Three stages: holds, floor lowering, then below-step lowering with a floor-level insertional list.
GOOD = """\
exercises:
  - id: hold-a
    name: Heel-raise hold
    how_to: Rise onto your toes and hold.
    cues: [Breathe]
    kind: hold
    per_side: false
    insertional_safe: true
    dose: {sets: 5, hold_s: 30, rest_s: 60}
  - id: floor-lower
    name: Floor lowering
    how_to: Up on two, lower on one to the floor.
    cues: [Slowly]
    kind: tempo
    per_side: true
    insertional_safe: true
    dose: {sets: 3, reps: 15, tempo: 1-0-3-1, rest_s: 90}
  - id: step-lower
    name: Step lowering
    how_to: Up on two, lower on one below the step.
    cues: [Slowly]
    kind: tempo
    per_side: true
    insertional_safe: false
    dose: {sets: 3, reps: 15, tempo: 1-0-3-1, rest_s: 120}
  - id: loaded-raise
    name: Loaded raise
    how_to: With a backpack, rise on both feet and lower slowly, on the floor.
    cues: [Slow both ways]
    kind: tempo
    per_side: false
    insertional_safe: true
    load_step_kg: 2.5
    dose: {sets: 3, reps: 15, tempo: 3-0-3-0, rest_s: 150}
stages:
  - number: 1
    name: Calm
    goal: Holds.
    progress_when: Holds done.
    levels:
      - exercises: [hold-a]
        progression: {hold_s: [30, 45]}
  - number: 2
    name: Slow
    goal: Lowering.
    progress_when: Lowering done.
    levels:
      - exercises: [floor-lower]
        progression: {reps: [10, 15]}
  - number: 3
    name: Heavy
    goal: Load.
    progress_when: Tests passed.
    frequency: {days_apart: 2}
    light_day: [hold-a]
    levels:
      - exercises: [step-lower, loaded-raise]
        insertional: [loaded-raise, floor-lower]
        progression: {reps: [12, 8]}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ladder.yaml"
    path.write_text(text)
    return path


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line of the `occurrence`-th line containing `fragment`."""
    found = [n for n, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return found[occurrence - 1]


def refused(capsys, tmp_path: Path, text: str) -> str:
    """validate's one sentence for `text` (exit 1, nothing on stdout), checked against the
    app's own loading, which must refuse it in the same words."""
    path = write(tmp_path, text)
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"rehab-tui: {path}, line ")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert err.strip() == f"rehab-tui: {caught.value}"
    assert main(["--exercises", str(path)]) == 1  # the full-screen app never starts with it
    assert capsys.readouterr() == ("", err)
    return err.strip()


def test_the_good_file_and_the_shipped_one_pass(capsys, tmp_path):
    assert main(["validate", str(write(tmp_path, GOOD))]) == 0
    assert main(["validate"]) == 0
    out, _ = capsys.readouterr()
    assert out.count(": OK,") == 2


def test_an_insertional_list_that_goes_below_the_step(capsys, tmp_path):
    text = GOOD.replace(
        "insertional: [loaded-raise, floor-lower]", "insertional: [loaded-raise, step-lower]"
    )
    err = refused(capsys, tmp_path, text)
    line = line_of(text, "insertional: [loaded-raise, step-lower]")
    assert f"line {line}, field stages[2].levels[0].insertional[1]: " in err
    assert "stage 3, level 1: the insertional path has Step lowering (step-lower)" in err
    assert "below the step" in err


def test_below_step_work_with_no_floor_level_replacement(capsys, tmp_path):
    text = GOOD.replace("        insertional: [loaded-raise, floor-lower]\n", "")
    err = refused(capsys, tmp_path, text)
    assert f"line {line_of(text, 'exercises: [step-lower, loaded-raise]')}, " in err
    assert "stage 3, level 1 has Step lowering (step-lower), which goes below the step" in err
    assert "no floor-level exercise instead" in err


def test_an_alternative_is_a_floor_level_replacement(capsys, tmp_path):
    text = GOOD.replace("        insertional: [loaded-raise, floor-lower]\n", "").replace(
        "insertional_safe: false\n",
        "insertional_safe: false\n    insertional_alternative: floor-lower\n",
    )
    assert main(["validate", str(write(tmp_path, text))]) == 0


@pytest.mark.parametrize("stage", [1, 2])
def test_below_step_work_while_the_tendon_is_irritated(capsys, tmp_path, stage):
    listed = {1: "[hold-a]", 2: "[floor-lower]"}[stage]
    progression = {1: "{hold_s: [30, 45]}", 2: "{reps: [10, 15]}"}[stage]
    text = GOOD.replace(
        f"      - exercises: {listed}\n        progression: {progression}",
        f"      - exercises: {listed.replace(']', ', step-lower]')}\n"
        f"        insertional: {listed.replace(']', ', floor-lower]')}\n"
        f"        progression: {progression}",
    )
    err = refused(capsys, tmp_path, text)
    assert (
        f"line {line_of(text, 'step-lower]')}, field stages[{stage - 1}].levels[0].exercises[1]"
        in err
    )
    assert (
        f"stage {stage}, level 1 has Step lowering (step-lower), which goes below the step" in err
    )
    assert "deep dorsiflexion while the tendon is irritated" in err


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("id: hold-a", "id: calf-stretch"),
        ("name: Heel-raise hold", "name: Wall calf stretch"),
        ("how_to: Rise onto your toes and hold.", "how_to: Lean on a wall, stretching the calf."),
    ],
)
def test_stretching_anywhere_on_the_ladder(capsys, tmp_path, old, new):
    text = GOOD.replace(old, new)
    if old == "id: hold-a":
        text = text.replace("hold-a]", "calf-stretch]")
    err = refused(capsys, tmp_path, text)
    assert "field stages[0].levels[0].exercises[0]: stage 1, level 1 has " in err
    assert "a stretch; calf and Achilles stretching compresses and irritates the tendon" in err


def test_a_stretch_on_a_light_day(capsys, tmp_path):
    text = GOOD.replace("light_day: [hold-a]", "light_day: [stretchy]").replace(
        "stages:\n",
        "  - id: stretchy\n    name: Soleus stretch\n    how_to: Lean on a wall.\n"
        "    cues: [Gently]\n    kind: hold\n    per_side: true\n    insertional_safe: true\n"
        "    dose: {sets: 3, hold_s: 30, rest_s: 30}\nstages:\n",
    )
    err = refused(capsys, tmp_path, text)
    assert f"line {line_of(text, 'light_day: [stretchy]')}, field stages[2].light_day[0]" in err
    assert "stage 3's light days have Soleus stretch (stretchy), a stretch" in err


def test_a_repeat_of_an_earlier_rung_dressed_as_a_step_up(capsys, tmp_path):
    text = GOOD.replace(
        "        progression: {reps: [10, 15]}",
        "        progression: {reps: [10, 15]}\n"
        "      - exercises: [floor-lower]\n        progression: {reps: [12, 15]}",
    )
    err = refused(capsys, tmp_path, text)
    assert f"line {line_of(text, 'progression: {reps: [12, 15]}')}, " in err
    assert "field stages[1].levels[1].progression: " in err
    assert (
        "stage 2, level 2, step 2 (mid-portion path, Floor lowering (floor-lower)) repeats "
        "stage 2, level 1, step 2: the same exercises at the same doses, a repeat dressed as a "
        "step up" in err
    )


def test_an_insertional_path_that_repeats_an_earlier_rung(capsys, tmp_path):
    """The issue's case: insertional stage 3 was stage 2's floor lowering at the same dose."""
    text = GOOD.replace(
        "insertional: [loaded-raise, floor-lower]", "insertional: [floor-lower, floor-lower]"
    ).replace(
        "      - exercises: [floor-lower]\n        progression: {reps: [10, 15]}",
        "      - exercises: [floor-lower, floor-lower]\n        progression: {reps: [10, 12]}",
    )
    err = refused(capsys, tmp_path, text)
    assert f"line {line_of(text, 'insertional: [floor-lower, floor-lower]')}, " in err
    assert "stage 3, level 1, step 1 (insertional path" in err
    assert "repeats stage 2, level 1, step 2: the same exercises at the same doses" in err


def test_a_progression_value_that_changes_nothing(capsys, tmp_path):
    text = GOOD.replace("{hold_s: [30, 45]}", "{hold_s: [30, 30]}")
    err = refused(capsys, tmp_path, text)
    assert (
        "stage 1, level 1, step 2 (mid-portion path, Heel-raise hold (hold-a)) repeats stage 1, level 1, step 1"
        in err
    )
