"""The ``omi`` sub-commands, one module per area, found automatically.

Each module in this package defines ``register(commands, common)``. ``ORDER`` only sets where a command
appears in ``omi --help``; modules not listed come after, alphabetically.
"""

from __future__ import annotations

import argparse
import pkgutil
from importlib import import_module

ORDER = ("demo", "review", "instruments", "scores", "reports", "keys", "sync", "hq", "framework", "backup")


def module_names() -> list[str]:
    found = {m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")}
    return [n for n in ORDER if n in found] + sorted(found - set(ORDER))


def register_all(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    for name in module_names():
        module = import_module(f"{__name__}.{name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(commands, common)
