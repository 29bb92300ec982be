"""``omi hq ...``: head-office commands. Each module in ``commands/_hq`` adds its own actions.

A module there defines ``register_hq(actions, common)``, where ``actions`` are the sub-commands of ``hq``.
"""

from __future__ import annotations

import argparse
import pkgutil
from importlib import import_module

from omi_desktop.commands import _hq


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("hq", parents=[common], help="head office: set-up, sampling, sync, receipts")
    actions = parser.add_subparsers(dest="hq_action", metavar="ACTION")
    actions.required = True
    for info in sorted(pkgutil.iter_modules(_hq.__path__), key=lambda m: m.name):
        module = import_module(f"{_hq.__name__}.{info.name}")
        module.register_hq(actions, common)
