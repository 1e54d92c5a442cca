"""`rehab-tui setup --heel-raise-floor N --symmetry PCT --weights/--no-weights`: the capacity
gate's floor and symmetry and the no-weights choice, kept in the profile and printed with it."""

from __future__ import annotations

import pytest

from rehab_tui.cli.main import main
from rehab_tui.services.planning import load_profile
from rehab_tui.storage.store import Store


def setup(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["setup", *args])
    out, err = capsys.readouterr()
    return code, out, err


def saved(private_dirs):
    with Store(private_dirs) as store:
        return load_profile(store)


def test_the_defaults_are_printed_with_the_profile(capsys):
    code, out, _ = setup(capsys, "--baseline", "1")
    assert code == 0
    assert (
        "Capacity gate: 20 heel raises each side, the weaker side at least 90 % of the other; "
        "weights at home: yes.\n"
    ) in out


def test_each_is_kept_and_the_others_stay(capsys, private_dirs):
    code, out, _ = setup(
        capsys, "--heel-raise-floor", "25", "--symmetry", "85", "--no-weights", "--type",
        "insertional",
    )  # fmt: skip
    assert code == 0
    assert (
        "Capacity gate: 25 heel raises each side, the weaker side at least 85 % of the other; weights at home: no (bodyweight only)."
        in out
    )
    profile = saved(private_dirs)
    assert (profile.heel_raise_floor, profile.symmetry_pct, profile.weights) == (25, 85, False)
    assert setup(capsys, "--weights")[0] == 0
    profile = saved(private_dirs)
    assert (profile.heel_raise_floor, profile.symmetry_pct, profile.weights) == (25, 85, True)
    assert profile.tendinopathy == "insertional"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--heel-raise-floor", "9"], "--heel-raise-floor must be a whole number from 10 to 40, got '9'"),
        (["--heel-raise-floor", "41"], "from 10 to 40, got '41'"),
        (["--heel-raise-floor", "twenty"], "got 'twenty'"),
        (["--symmetry", "69"], "--symmetry must be a whole number from 70 to 100, got '69'"),
        (["--symmetry", "90.5"], "got '90.5'"),
        (["--symmetry", "90", "--heel-raise-floor", "5"], "--heel-raise-floor must be"),
    ],
)  # fmt: skip
def test_bad_values_are_one_sentence_exit_1_and_write_nothing(capsys, private_dirs, args, message):
    code, out, err = setup(capsys, *args)
    assert code == 1 and out == ""
    assert err.startswith("rehab-tui: ") and message in err and err.count("\n") == 1
    profile = saved(private_dirs)
    assert (profile.heel_raise_floor, profile.symmetry_pct) == (20, 90)
    with Store(private_dirs) as store:
        assert store.setting("profile") is None
