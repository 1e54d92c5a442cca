"""`rehab-tui ladder`: every rung of either path, with its stage, frequency, change, exercises,
doses, load rules and light days, readable at 80 columns; `--json` carries a schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rehab_tui.cli.main import main
from rehab_tui.domain.kinds import describe_dose

DATA = Path(__file__).parents[1] / "data"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def ladder_json(capsys, *args: str) -> dict:
    code, out, _ = run(capsys, "ladder", "--json", *args)
    assert code == 0
    return json.loads(out)


@pytest.mark.parametrize("insertional", [False, True])
def test_every_rung_with_its_exercises_doses_and_change(capsys, catalog, insertional):
    kind = "insertional" if insertional else "midportion"
    code, out, err = run(capsys, "ladder", "--type", kind)
    assert code == 0 and err == ""
    text = " ".join(out.split())  # wrapped lines joined again
    steps = [int(n) for n in re.findall(r"Step (\d+) \(level \d+, step \d+\):", text)]
    assert steps == list(range(1, len(catalog.ladder) + 1))
    for step in catalog.ladder:
        rung = text.split(f"Step {step.index + 1} (level {step.level}, step {step.step}): ")[1]
        rung = rung.split(" Step ")[0].split(" Stage ")[0]
        assert rung.startswith(" ".join(step.change_for(insertional).split()))
        for planned in step.exercises_for(insertional):
            dose = (
                f"{planned.exercise.name}: {describe_dose(planned)}, rest {planned.dose.rest_s} s"
            )
            assert dose in rung
    for stage in catalog.stages:
        assert f"Stage {stage.number} · {stage.name} · {stage.frequency.words}" in text


def test_loaded_exercises_carry_their_load_rule_and_spaced_stages_their_light_days(capsys, catalog):
    code, out, _ = run(capsys, "ladder", "--type", "midportion")
    text = " ".join(out.split())
    assert code == 0
    assert (
        "Loaded single-leg heel raise: 3 × 12 @ 3-0-3-0 each side, rest 150 s load: add about 2.5 kg when the reps drop"
        in text
    )
    assert (
        "Seated loaded heel raise: 3 × 12 @ 3-0-3-0, rest 150 s load: add about 5 kg when the reps drop"
        in text
    )
    assert text.count("load: add about") == sum(
        1 for step in catalog.ladder for p in step.exercises if p.exercise.loaded
    )
    stages = text.split(" Stage ")
    spaced = [s.number for s in catalog.stages if s.frequency.days_apart >= 2]
    assert spaced == [3, 4]
    for number, part in enumerate(stages[1:], start=1):
        has_light_days = (
            "On the days between (light work, not counted toward a step up): - Single-leg heel-raise hold: 5 × 30 s each side, rest 60 s"
            in part
        )
        assert has_light_days == (number in spaced)


def test_the_insertional_path_never_goes_below_a_step(capsys):
    code, out, _ = run(capsys, "ladder", "--type", "insertional")
    assert code == 0 and out.startswith("Insertional ladder (floor level at every stage")
    assert "below the step" not in out and "Loaded lowering, floor" in out
    code, out, _ = run(capsys, "ladder", "--type", "midportion")
    assert out.startswith("Mid-portion ladder") and "Lower below the step" in out


def test_the_default_path_is_the_profiles(capsys):
    assert ladder_json(capsys)["type"] == "midportion"
    assert run(capsys, "setup", "--type", "insertional")[0] == 0
    assert ladder_json(capsys)["type"] == "insertional"
    code, out, _ = run(capsys, "ladder")
    assert code == 0 and out.startswith("Insertional ladder")


def test_readable_at_80_columns(capsys):
    for kind in ("midportion", "insertional"):
        code, out, _ = run(capsys, "ladder", "--type", kind)
        assert code == 0 and max(len(line) for line in out.splitlines()) <= 80
        # never a number on one line and its unit on the next
        assert not any(re.match(r"\s*(s|kg)\b", line) for line in out.splitlines())


def test_json_contract(capsys, catalog):
    data = ladder_json(capsys, "--type", "insertional")
    assert data["schema"] == 1 and data["type"] == "insertional"
    assert data["exercise_file"] == str(catalog.source)
    assert [s["number"] for s in data["stages"]] == [1, 2, 3, 4]
    stage_3 = data["stages"][2]
    assert stage_3["frequency"] == {
        "per_day": 1,
        "days_apart": 2,
        "words": "3 a week, 48 h apart",
    }
    assert [e["id"] for e in stage_3["light_day"]] == list(catalog.stage(3).light_day)
    assert data["stages"][0]["light_day"] == []
    rungs = [rung for stage in data["stages"] for rung in stage["rungs"]]
    assert [r["step"] for r in rungs] == list(range(1, len(catalog.ladder) + 1))
    first = stage_3["rungs"][0]
    assert (first["level"], first["level_step"]) == (1, 1)
    assert first["change"] == catalog.ladder[first["step"] - 1].insertional_change
    lowering = first["exercises"][0]
    assert lowering == {
        "id": "loaded-floor-lowering", "name": "Loaded lowering, floor", "kind": "tempo",
        "sets": 3, "reps": 15, "tempo": "1-0-3-1", "side": "each", "rest_s": 120,
        "dose": "3 × 15 @ 1-0-3-1 each side", "load_step_kg": 2.5,
        "load_rule": "add about 2.5 kg when the reps drop",
    }  # fmt: skip
    for rung in rungs:
        for exercise in rung["exercises"]:
            assert catalog.exercises[exercise["id"]].insertional_safe
            assert (exercise["load_step_kg"] is None) == (exercise["load_rule"] is None)


def test_another_exercise_file_before_or_after_the_command(capsys):
    mini = str(DATA / "mini.yaml")
    assert ladder_json(capsys, "--exercises", mini)["exercise_file"] == mini
    code, out, _ = run(capsys, "--exercises", mini, "ladder", "--json")
    assert code == 0 and json.loads(out)["exercise_file"] == mini


def test_a_broken_exercise_file_is_one_sentence(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("exercises: [")
    code, out, err = run(capsys, "ladder", "--exercises", str(bad))
    assert code == 1 and out == "" and err.startswith(f"rehab-tui: {bad}") and err.count("\n") == 1
