"""The ``omi`` sub-commands, one module per area.

Each module defines ``register(commands, common)``. To keep every call fast, only the module of the command
being run is imported (with the core code it needs); the others are listed from ``CATALOGUE`` so that
``omi --help`` still shows them. A test checks that the catalogue matches what the modules register.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from importlib import import_module

# (command, module that registers it, one-line help), in the order ``omi --help`` lists them.
CATALOGUE: tuple[tuple[str, str, str], ...] = (
    ("demo", "demo", "create the demo (training) inspection: a fictional area, 100 cases"),
    ("case", "review", "the cases of an inspection"),
    ("review", "review", "answer and finalise case reviews"),
    ("area", "instruments", "the area-level assessment (lead inspector; one per inspection)"),
    ("questionnaire", "instruments", "service-user questionnaires (many per inspection)"),
    ("scores", "scores", "headline scores with n and 95%% interval"),
    ("feedback", "reports", "print the case feedback sheet (PDF)"),
    ("report", "reports", "area reports, themes, data exports"),
    ("keys", "keys", "this installation's keys and trusted keys"),
    ("export", "sync", "return bundle of finalised reviews not yet acknowledged"),
    ("assignment", "sync", "assignments from head office"),
    ("receipt", "sync", "receipts from head office"),
    ("collate", "sync", "lead inspector: import the team's return bundles"),
    ("purge", "sync", "remove personal data of reviews head office acknowledged"),
    ("bundle", "sync", "look at bundles"),
    ("hq", "hq", "head office: set-up, sampling, sync, receipts"),
    ("framework", "framework", "list, show and check frameworks"),
    ("backup", "backup", "back up and restore the local database"),
)
_VALUE_OPTIONS = ("--data-dir",)  # global options that take a value, skipped when finding the command


def command_in(argv: Sequence[str]) -> str | None:
    """The command named on the command line (the first word that is not an option or its value)."""
    words = iter(argv)
    for word in words:
        if word in _VALUE_OPTIONS:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def register_all(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser, argv: Sequence[str] = ()
) -> None:
    """Register the command being run in full, and every other command by name only."""
    wanted = command_in(argv)
    module = next((m for name, m, _ in CATALOGUE if name == wanted), None)
    registered: set[str] = set()
    if module is not None:
        import_module(f"{__name__}.{module}").register(commands, common)
        registered = set(commands.choices)
    for name, _module, help_text in CATALOGUE:
        if name not in registered:
            commands.add_parser(name, help=help_text, add_help=False)
