"""Every key binding of the app, by the id a user remaps it with in config.toml's [keys] table.

Read from the app's and the screens', dialogs' and widgets' own BINDINGS, so the list cannot go
stale. The app's class is passed in (the app itself asks, to check a remapped key's name).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from msgspec import Struct
from textual.binding import Binding
from textual.dom import DOMNode

PACKAGES = ("rehab_tui.tui.screens", "rehab_tui.tui.dialogs", "rehab_tui.tui.widgets")


class KeyBinding(Struct, frozen=True):
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


def _keys_of(text: str) -> set[str]:
    return {key.strip() for key in text.split(",") if key.strip()}


def keymap_conflicts(app_class: type[DOMNode], keymap: dict[str, str]) -> dict[str, str]:
    """For each remapped id whose new key another binding already answers on the same screen
    (or the app's own bindings), why: such a remap would silently take that key's action away."""
    classes = _bound_classes(app_class)
    app_bindings = [b for b in classes[0].__dict__["BINDINGS"] if isinstance(b, Binding)]
    found: dict[str, str] = {}
    for cls in classes:
        own = [b for b in cls.__dict__["BINDINGS"] if isinstance(b, Binding)]
        together = own if cls is classes[0] else [*own, *app_bindings]
        keys = {
            b.id or str(i): _keys_of(keymap.get(b.id, b.key) if b.id else b.key)
            for i, b in enumerate(together)
        }
        names = {b.id or str(i): b.description or b.action for i, b in enumerate(together)}
        for remapped in (b.id for b in own if b.id in keymap):
            assert remapped is not None
            for other, other_keys in keys.items():
                clash = keys[remapped] & other_keys
                if other != remapped and clash:
                    found[remapped] = (
                        f"{', '.join(sorted(clash))} is already {names[other]!r} here "
                        f"({other}); the key stays as it was"
                    )
    return found
