"""No pain number is written outside rehab_tui/domain/pain.py (one definition).

Every zone, limit and sentence quoting a pain number must come from the profile's PainLimits,
so that the Silbernagel limits change all of them. This test reads the package's source and
fails on what would let a screen disagree with the plan:
- a rating written into a string ("3/10", "pain >= 7", "pain goes above 3"), docstrings too;
- a comparison of a pain, morning or baseline value with a bare number (other than 0 and 10,
  the scale's ends: `0 <= pain <= 10` checks a rating, it is no threshold);
- a zone's band written out (`("amber: hold", 4, 5)`: a zone word beside bare ratings);
- PainLimits made from numbers of its own instead of from a choice.
What is formatted from a variable (f"{pain}/10") is fine.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import rehab_tui

PACKAGE = Path(rehab_tui.__file__).parent
THE_DEFINITION = PACKAGE / "domain" / "pain.py"

# "3/10", "10/10" written out; not "/100" (the VISA-A score) and not f"{pain}/10".
RATING = re.compile(r"(?<![\w.}])(?:10|\d)/10(?!\d)")
# "pain >= 7", "pain up to 5", "the pain goes above 3": a threshold in words.
THRESHOLD_WORDS = re.compile(
    r"\bpain\b[^.;:\n]{0,25}?(?:[<>]=?|\babove|\bbelow|\bover|\bunder|\bup to|\bat least|"
    r"\bat most|\bof)\s*(?:10|\d)\b(?!\s*(?:s|min|minutes|days|weeks|%)\b)",
    re.IGNORECASE,
)
PAIN_NAME = re.compile(r"pain|morning|baseline", re.IGNORECASE)
ZONE_WORD = re.compile(r"\b(?:green|amber|red)\b", re.IGNORECASE)
SCALE_ENDS = {0, 10}


def names_pain(node: ast.AST) -> bool:
    """True when an expression reads a pain rating: `pain`, `row.morning`, `s["pain"]`..."""
    for part in ast.walk(node):
        if isinstance(part, ast.Name) and PAIN_NAME.search(part.id):
            return True
        if isinstance(part, ast.Attribute) and PAIN_NAME.search(part.attr):
            return True
        if (
            isinstance(part, ast.Subscript)
            and isinstance(part.slice, ast.Constant)
            and isinstance(part.slice.value, str)
            and PAIN_NAME.search(part.slice.value)
        ):
            return True
    return False


def bare_number(node: ast.AST) -> int | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = bare_number(node.operand)
        return None if inner is None else -inner
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int)
        and not isinstance(node.value, bool)
    ):
        return node.value
    return None


def pain_literals(source: str) -> list[tuple[int, str]]:
    """(line, what) for each pain number written in `source` (a Python module's text)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for pattern in (RATING, THRESHOLD_WORDS):
                found += [(node.lineno, m.group()) for m in pattern.finditer(node.value)]
        elif isinstance(node, ast.FormattedValue) and bare_number(node.value) is not None:
            found.append((node.lineno, f"{{{bare_number(node.value)}}} formatted into a string"))
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            numbers = [n for n in map(bare_number, operands) if n is not None]
            thresholds = [n for n in numbers if n not in SCALE_ENDS]
            if thresholds and any(names_pain(o) for o in operands if bare_number(o) is None):
                found.append((node.lineno, f"{ast.unparse(node)} (a bare threshold)"))
        elif isinstance(node, ast.Tuple) and any(
            isinstance(e, ast.Constant) and isinstance(e.value, str) and ZONE_WORD.search(e.value)
            for e in node.elts
        ):
            if any(bare_number(e) not in (None, *SCALE_ENDS) for e in node.elts):
                found.append((node.lineno, f"{ast.unparse(node)} (a zone's band)"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
            == "PainLimits"
            and (node.args or node.keywords)
        ):
            found.append((node.lineno, f"{ast.unparse(node)} (limits of its own)"))
    return sorted(found)


def test_no_pain_number_is_written_outside_the_one_definition():
    modules = sorted(p for p in PACKAGE.rglob("*.py") if p != THE_DEFINITION)
    assert len(modules) > 40, "the scan found the package"
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {what}"
        for path in modules
        for line, what in pain_literals(path.read_text(encoding="utf-8"))
    ]
    assert not found, "pain numbers belong in rehab_tui/domain/pain.py:\n" + "\n".join(found)


def test_the_definition_itself_would_be_caught():
    """pain.py is the one place the numbers are written, so the scan sees plenty there."""
    assert len(pain_literals(THE_DEFINITION.read_text(encoding="utf-8"))) >= 3


@pytest.mark.parametrize(
    "line",
    [
        'CUE = "Keep pain at 3/10 or less"',
        'LABEL = "Strict: pain up to 3/10 during"',
        '"""Trends against the 3/10 line."""',
        'NOTE = "stop if the pain goes above 3"',
        'DOC = "pain >= 7 during, after or the next day"',
        'f"keep pain at {3}/10 or less"',
        "if pain >= 7: pass",
        'if session["pain"] > 3: pass',
        "if row.morning <= 5: pass",
        "if 3 < latest_pain: pass",
        "limits = PainLimits(green_max=5, amber_max=5, hard_stop=7)",
        "limits = pain.PainLimits(3, 5, 7)",
        'BANDS = (("green: OK", 0, 3), ("amber: hold", 4, 5), ("red: ease off", 6, 10))',
    ],
)
def test_the_scan_catches(line):
    assert pain_literals(line), line


@pytest.mark.parametrize(
    "line",
    [
        'f"{pain}/10"',
        "f\"{test['pain']}/10\"",
        'f"Pain {latest_pain[0]}/10 {when}: no running"',
        '[(f"{n}/10", n) for n in range(11)]',
        'f"VISA-A score {score}/100 (healthy is above 90)"',
        "if not 0 <= pain <= 10: pass",
        "if pain >= limits.hard_stop: pass",
        "if morning - baseline >= settings.morning_red_rise: pass",
        "if stiffness > 30: pass",
        'HINT = "Morning stiffness over 30 minutes is worth a look"',
        'TEXT = "pain over 2 weeks"',
        "limits = PainLimits.for_choice(profile.limits)",
        'STYLE = {"green": ("● green", "green"), "red": ("● red", "bold red")}',
        'plt.hline(limit, "green")',
    ],
)
def test_the_scan_lets_through(line):
    assert not pain_literals(line), line
