"""The ladder's rules (rehab_tui.domain.ladder_rules) as the exercise file's mistakes: the first
rule broken becomes a CatalogError at the line of the exercise (or level) that breaks it."""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, Node, SequenceNode

from rehab_tui.domain.ladder_rules import LadderProblem, first_ladder_problem
from rehab_tui.domain.library import Catalog, CatalogError


def check_ladder(path: Path, catalog: Catalog, stage_nodes: list[Node]) -> None:
    """Raise CatalogError for the first rule of DOMAIN §5 the catalog's ladder breaks."""
    problem = first_ladder_problem(catalog)
    if problem is None:
        return
    node, field = _located(stage_nodes[problem.stage - 1], problem)
    raise CatalogError(path, node.start_mark.line + 1, field, problem.message)


def _located(stage_node: Node, problem: LadderProblem) -> tuple[Node, str]:
    """The most precise node the problem names, and its field as the reader names fields."""
    node, field = stage_node, f"stages[{problem.stage - 1}]"
    if problem.level is not None:
        levels = _child(node, "levels")
        if isinstance(levels, SequenceNode) and problem.level - 1 < len(levels.value):
            node, field = levels.value[problem.level - 1], f"{field}.levels[{problem.level - 1}]"
    listed = _child(node, problem.field)
    if listed is None:  # e.g. a repeat on the insertional path of a level without that list
        return node, field
    node, field = listed, f"{field}.{problem.field}"
    position = problem.position
    if position is not None and isinstance(node, SequenceNode) and position < len(node.value):
        return node.value[position], f"{field}[{position}]"
    return node, field


def _child(node: Node, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    return next((value for name, value in node.value if name.value == key), None)
