"""New words for a label without laying the screen out again, when its height stays the same.

`Label.update` lays the whole screen out by default (some ms at 80×24), in case the new words
take more or fewer lines. The player's phase word and its line of detail change on the frame that
starts a step, which is due on the second: they keep their width (a share of the panel's, never
their words'), so only a new number of lines can move anything, and only then is a layout asked.
"""

from __future__ import annotations

from textual.visual import VisualType
from textual.widgets import Label


def update_in_place(label: Label, content: VisualType) -> None:
    """Show `content` in `label`, laid out again only if it takes a different number of lines
    (or the label has not been laid out yet)."""
    lines = label.content_size.height
    label.update(content, layout=False)
    width = label.content_size.width
    size = label.size  # a label is no container: its container and viewport are unused
    if not width or label.get_content_height(size, size, width) != lines:
        label.refresh(layout=True)
