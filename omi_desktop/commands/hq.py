"""``omi hq ...``: head-office commands. Each module in ``commands/_hq`` adds its own actions.

A module there defines ``register_hq(actions, common)``, where ``actions`` are the sub-commands of ``hq``.
``ORDER`` sets where an action appears in ``omi hq --help``: in the order of the work, from setting up the
inspection to issuing receipts. Actions not listed come after, in the order they were added.
"""

from __future__ import annotations

import argparse
import pkgutil
from importlib import import_module

from omi_desktop.commands import _hq

ORDER = (
    "inspection",
    "inspectors",
    "team",
    "longlist",
    "sample",
    "analysis",
    "replace",
    "allocate",
    "assign",
    "allocation",
    "enrol",
    "revoke",
    "keys",
    "issue-assignment",
    "import",
    "conflicts",
    "set-aside",
    "receipt",
)


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("hq", parents=[common], help="head office: set-up, sampling, sync, receipts")
    actions = parser.add_subparsers(dest="hq_action", metavar="ACTION")
    actions.required = True
    for info in sorted(pkgutil.iter_modules(_hq.__path__), key=lambda m: m.name):
        module = import_module(f"{_hq.__name__}.{info.name}")
        module.register_hq(actions, common)
    in_working_order(actions)


def in_working_order(actions: argparse._SubParsersAction) -> None:
    """List the actions in ``ORDER`` in ``--help`` (argparse lists them in the order they were added)."""
    rank = {name: n for n, name in enumerate(ORDER)}
    # The help lists ``_choices_actions`` (one per action, ``dest`` = its name); parsing does not use it.
    actions._choices_actions.sort(key=lambda action: rank.get(action.dest, len(ORDER)))
