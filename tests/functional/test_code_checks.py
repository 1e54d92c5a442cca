"""The house rules that keep the layers honest, run with the rest of the suite so CI fails when
one is broken: import contracts, types, no import circles, lint and format, and sizes that stay
readable.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "rehab_tui"
BIN = Path(sys.executable).parent
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# A module may be longer, or hold a longer function, when its docstring says why in a sentence
# that starts like this.
LONG_BECAUSE = "Long because"


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_are_kept() -> None:
    result = run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_mypy_finds_no_error() -> None:
    result = run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_ruff_finds_nothing_and_the_code_is_formatted() -> None:
    lint = run(str(BIN / "ruff"), "check", "--no-cache", ".")
    assert lint.returncode == 0, lint.stdout[-3000:]
    fmt = run(str(BIN / "ruff"), "format", "--check", "--no-cache", ".")
    assert fmt.returncode == 0, fmt.stdout[-3000:]


def import_circles() -> list[list[str]]:
    """Every group of modules that import each other, directly or round a loop (Tarjan).

    Imports made only for the type checker (under TYPE_CHECKING) never run, so they are left out:
    a screen may name the app's type while the app imports the screen.
    """
    graph = grimp.build_graph("rehab_tui", cache_dir=None, exclude_type_checking_imports=True)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return circles


def test_no_import_circles() -> None:
    assert import_circles() == []


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_and_functions_stay_short_or_say_why(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    if LONG_BECAUSE in (ast.get_docstring(tree) or ""):
        return
    lines = source.count("\n")
    assert lines <= MAX_MODULE_LINES, f"{path.name}: {lines} lines"
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{path.name}: {node.name} is {length} lines"
