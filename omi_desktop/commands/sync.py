"""Sync on the laptop: ``omi export``, ``omi assignment import``, ``omi receipt import``, ``omi collate``,
``omi purge --acknowledged`` and ``omi bundle verify``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TypeVar

from omi_desktop.cli import Context
from omi_desktop.commands.keys import passphrase_option, private_keys
from omi_desktop.core.sync import keys as sync_keys
from omi_desktop.core.sync.assignment import import_assignment
from omi_desktop.core.sync.bundle import open_bundle, read_file
from omi_desktop.core.sync.export import export_return, plan_export
from omi_desktop.core.sync.receipts import import_receipt, purge_acknowledged, purgeable
from omi_desktop.core.sync.returns import import_returns
from omi_desktop.core.sync.schema import KINDS
from omi_desktop.core.sync.trust import fixed_signer

T = TypeVar("T")


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    secret = passphrase_option()
    export = commands.add_parser(
        "export", parents=[common, secret], help="return bundle of finalised reviews not yet acknowledged"
    )
    export.add_argument("--out", required=True, type=Path, metavar="FILE.omib")
    export.add_argument("--inspection", help="inspection id, area code or title (default: current)")
    export.add_argument("--dry-run", action="store_true", help="list what would be exported; write nothing")
    export.set_defaults(handler=_export)

    assignment = commands.add_parser("assignment", parents=[common], help="assignments from head office")
    actions = assignment.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    imp = actions.add_parser("import", parents=[common, secret], help="import a signed assignment (.omia)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=_assignment_import)

    receipt = commands.add_parser("receipt", parents=[common], help="receipts from head office")
    actions = receipt.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    imp = actions.add_parser("import", parents=[common, secret], help="import a signed receipt (.omir)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=_receipt_import)

    collate = commands.add_parser(
        "collate", parents=[common, secret], help="lead inspector: import the team's return bundles"
    )
    collate.add_argument("files", nargs="+", type=Path, metavar="FILE.omib")
    collate.set_defaults(handler=_collate)

    purge = commands.add_parser(
        "purge", parents=[common], help="remove personal data of reviews head office acknowledged"
    )
    purge.add_argument("--acknowledged", action="store_true", required=True, help="(required) what to purge")
    purge.add_argument("--dry-run", action="store_true", help="list what would be removed; remove nothing")
    purge.set_defaults(handler=_purge)

    bundle = commands.add_parser("bundle", parents=[common], help="look at bundles")
    actions = bundle.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    verify = actions.add_parser("verify", parents=[common], help="verify a bundle without importing it")
    verify.add_argument("file", type=Path)
    verify.add_argument(
        "--trust", required=True, type=Path, metavar="FILE.pem", help="the sender's public keys"
    )
    verify.set_defaults(handler=_verify)


def _export(ctx: Context, args: argparse.Namespace) -> None:
    if args.dry_run:
        plan = plan_export(ctx.store, args.inspection)
        lines = [
            f"{plan.inspection.label}: {len(plan.items)} reviews would be exported to "
            f"{', '.join(r.id for r in plan.recipients)}"
        ]
        lines += [
            f"  {i.label:<12} revision {i.revision}"
            + ("  (exported before, not yet acknowledged)" if i.previously_exported else "")
            for i in plan.items
        ]
        ctx.emit(plan.as_json(), "\n".join(lines))
        return
    keys = private_keys(ctx, args)
    result = ctx.run(export_return(ctx.store, keys, args.out, args.inspection))
    recovered = (
        f"\n(An earlier export interrupted after writing its file was completed: {len(result.recovered)}.)"
        if result.recovered
        else ""
    )
    ctx.emit(
        result.as_json(),
        f"Exported {result.reviews} reviews to {result.path} (bundle {result.sequence}, for "
        f"{', '.join(result.recipients)}).\nBundle fingerprint: {result.fingerprint}{recovered}",
    )


def _assignment_import(ctx: Context, args: argparse.Namespace) -> None:
    report = import_assignment(ctx.store, args.file, private_keys(ctx, args))
    label = report.inspection.label if report.inspection else report.bundle_id
    text = {
        "imported": f"Imported assignment {report.sequence} from {report.sender}: {label}, "
        f"{report.cases} cases.",
        "duplicate": f"This assignment was imported before ({label}); nothing changed.",
        "stale": f"A newer assignment from {report.sender} was already imported; this one changed nothing.",
    }[report.status]
    ctx.emit(report.as_json(), text)


def _receipt_import(ctx: Context, args: argparse.Namespace) -> None:
    r = import_receipt(ctx.store, args.file, private_keys(ctx, args))
    if r.status == "duplicate":
        text = "This receipt was imported before; nothing changed."
    else:
        text = (
            f"Receipt imported: {r.acknowledged} reviews newly acknowledged by head office"
            f" ({r.already} already; {r.changed_since} changed here since and still to be returned)."
        )
        if r.acknowledged:
            text += "\nTheir personal data can now be removed: omi purge --acknowledged"
    ctx.emit(r.as_json(), text)


def _collate(ctx: Context, args: argparse.Namespace) -> int:
    reports = ctx.run(import_returns(ctx.store, args.files, private_keys(ctx, args), at="lead"))
    ctx.emit({"bundles": [r.as_json() for r in reports]}, "\n".join(r.summary() for r in reports))
    return 1 if any(r.status == "refused" for r in reports) else 0


def _purge(ctx: Context, args: argparse.Namespace) -> None:
    items = purgeable(ctx.store) if args.dry_run else purge_acknowledged(ctx.store)
    verb = "would be removed" if args.dry_run else "removed"
    lines = [f"Personal data of {len(items)} acknowledged reviews {verb}; tombstones kept."]
    lines += [f"  {i.label}  revision {i.revision}  receipt {i.receipt_id}" for i in items]
    ctx.emit(
        {"dry_run": args.dry_run, "reviews": [i.__dict__ for i in items]},
        "\n".join(lines),
    )


def _verify(ctx: Context, args: argparse.Namespace) -> None:
    identity = sync_keys.read_public_file(args.trust)
    raw = read_file(args.file)
    opened = open_bundle(raw, signer=fixed_signer(identity), me=None, kinds=KINDS)
    m = opened.manifest
    ctx.emit(
        {"valid": True, "file_sha256": opened.file_sha256, "manifest": m.model_dump(mode="json")},
        f"Valid {m.kind} bundle {m.sequence} from {m.sender.id} "
        f"({sync_keys.display_fingerprint(m.sender.key_fingerprint)}), created {m.created_at}\n"
        f"For: {', '.join(r.id for r in m.recipients)}; {m.items} items; inspection {m.inspection_id}\n"
        f"Bundle fingerprint: {sync_keys.display_fingerprint(opened.file_sha256)}",
    )
