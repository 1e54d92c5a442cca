"""Every key binding of the app, by the id a user remaps it with in config.toml's [keys] table.

Read from the app's and the screens', dialogs' and widgets' own BINDINGS, so the list cannot go
stale. The app's class is passed in (the app itself asks, to check a remapped key's name).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass

from textual.binding import Binding
from textual.dom import DOMNode

PACKAGES = ("rehab_tui.tui.screens", "rehab_tui.tui.dialogs", "rehab_tui.tui.widgets")


@dataclass(frozen=True)
class KeyBinding:
    id: str
    keys: str
    description: str


def _bound_classes(app_class: type[DOMNode]) -> list[type[DOMNode]]:
    found: list[type[DOMNode]] = [app_class]
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package_name}.{module_info.name}")
            for _, cls in inspect.getmembers(module, inspect.isclass):
                defined_here = cls.__module__ == module.__name__
                if defined_here and issubclass(cls, DOMNode) and "BINDINGS" in cls.__dict__:
                    found.append(cls)
    return found


def all_bindings(app_class: type[DOMNode]) -> list[KeyBinding]:
    """Each binding with an id, the app's first, then in the order the screens define them."""
    rows: list[KeyBinding] = []
    for cls in _bound_classes(app_class):
        for binding in cls.__dict__["BINDINGS"]:
            if isinstance(binding, Binding) and binding.id:
                keys = binding.key_display or binding.key
                rows.append(KeyBinding(binding.id, keys, binding.description))
    return rows


def binding_ids(app_class: type[DOMNode]) -> set[str]:
    return {row.id for row in all_bindings(app_class)}
