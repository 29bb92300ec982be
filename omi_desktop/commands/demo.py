"""``omi demo [--seed N] [--answered N] [--reset] [--passphrase-file FILE]``: the training inspection."""

from __future__ import annotations

import argparse

from omi_desktop.cli import Context
from omi_desktop.commands.keys import passphrase_option
from omi_desktop.core.demo import build_demo
from omi_desktop.core.sync.keys import read_passphrase_file


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "demo",
        parents=[common, passphrase_option()],
        help="create the demo (training) inspection: a fictional area, 100 cases",
    )
    parser.add_argument("--seed", type=int, default=2006, help="random seed (same seed, same data)")
    parser.add_argument("--answered", type=int, default=0, metavar="N", help="answer and finalise N cases")
    parser.add_argument("--reset", action="store_true", help="replace an existing training inspection")
    parser.set_defaults(handler=_demo)


def _demo(ctx: Context, args: argparse.Namespace) -> None:
    passphrase = read_passphrase_file(args.passphrase_file)
    result = ctx.run(
        build_demo(ctx.store, seed=args.seed, answered=args.answered, reset=args.reset, passphrase=passphrase)
    )
    inspection = result.inspection
    ctx.emit(
        {
            "inspection": inspection.as_json(),
            "cases": result.cases,
            "finalised": result.finalised,
            "identity": result.identity,
            "questionnaires": result.questionnaires,
            "questionnaires_finalised": result.questionnaires_finalised,
        },
        f"Created the training inspection '{inspection.title}' with {result.cases} fictional cases"
        f" ({result.finalised} finalised)"
        + (
            f" and {result.questionnaires} questionnaire responses"
            f" ({result.questionnaires_finalised} finalised)"
            if result.questionnaires
            else ""
        )
        + f".\nYou are {result.identity}. Try: omi case list",
    )
