"""The ``omi`` sub-commands, one module per area. Each module has ``register(commands, common)``."""

from __future__ import annotations

import argparse
from importlib import import_module

# Order here is the order in ``omi --help``.
MODULES = ("demo", "review", "scores", "framework", "backup")


def register_all(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    for name in MODULES:
        import_module(f"omi_desktop.commands.{name}").register(commands, common)
