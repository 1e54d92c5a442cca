"""The timer panel's own classes restyle only the panel and its phase word (restyle_panel):
whatever their combination, every widget the panel holds ends up styled exactly as Textual's
whole restyle styles it, so a rule that one day colours something else by the panel's class
fails here rather than showing a stale colour."""

from __future__ import annotations

from itertools import product

from textual.dom import DOMNode

from rehab_tui.domain.quick import QuickTimer
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.widgets.step_views import PANEL_CLASSES, restyle_panel

KINDS = (None, *PANEL_CLASSES)


def styled(panel: DOMNode) -> list[tuple[str, object, object, object]]:
    """What each widget of the panel is drawn with: its rules, its components' rules, the
    visual style it is drawn in (over the panel's background)."""
    return [
        (
            repr(node),
            node.styles.base.get_rules(),
            {name: styles.get_rules() for name, styles in node._component_styles.items()},
            node.visual_style if hasattr(node, "visual_style") else None,
        )
        for node in panel.walk_children(with_self=True)
    ]


async def test_every_combination_of_the_panels_classes_styles_as_textual_would(
    catalog, new_store, clock
):
    app = RehabApp(catalog, new_store, clock, quick=QuickTimer(hold=30, sets=1, rest=10))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one("#stage")
        combinations = list(product(KINDS, (False, True), (False, True), (False, True)))
        # Each combination reached from the one before, and back again: every change of class.
        for kind, walk, flash, paused in combinations + combinations[::-1]:
            for name in PANEL_CLASSES:
                panel.set_class(name == kind, f"-{name}", update=False)
            panel.set_class(walk, "-walk", update=False)
            panel.set_class(flash, "-flash", update=False)
            panel.set_class(paused, "-paused", update=False)
            restyle_panel(panel)
            ours = styled(panel)
            app.update_styles(panel)  # Textual's own: the panel and all it holds
            assert ours == styled(panel), (kind, walk, flash, paused)
