"""Sync on the laptop: ``omi export``, ``omi assignment import``, ``omi receipt import``, ``omi collate``,
``omi purge --acknowledged`` and ``omi bundle verify``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from omi_desktop.cli import Context
from omi_desktop.commands.keys import passphrase_option, private_keys
from omi_desktop.core.i18n import _, ngettext
from omi_desktop.core.inspections import resolve_inspection
from omi_desktop.core.sync import keys as sync_keys
from omi_desktop.core.sync.assignment import AssignmentReport, import_assignment
from omi_desktop.core.sync.bundle import open_bundle, read_file
from omi_desktop.core.sync.export import ExportItem, export_return, plan_export
from omi_desktop.core.sync.purgecopies import CopiesReport
from omi_desktop.core.sync.receipts import copies_to_clean, import_receipt, purge, purgeable
from omi_desktop.core.sync.returns import import_returns
from omi_desktop.core.sync.schema import KINDS, parse_timestamp
from omi_desktop.core.sync.trust import fixed_signer
from omi_desktop.core.sync.withdrawal import WithdrawalInfo, withdrawn_cases


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
    gone = actions.add_parser(
        "withdrawn", parents=[common], help="cases a newer assignment withdrew, and where their reviews stand"
    )
    gone.add_argument("--inspection", help="inspection id, area code or title (default: current)")
    gone.set_defaults(handler=_withdrawn)

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
    purge.add_argument(
        "--collated",
        action="store_true",
        help="lead inspector: the team's reviews collated here too, once head office's receipt lists them",
    )
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
        n = len(plan.items)
        lines = [
            ngettext(
                "{title}: {n} review would be exported to {to}",
                "{title}: {n} reviews would be exported to {to}",
                n,
            ).format(title=plan.inspection.label, n=n, to=", ".join(r.id for r in plan.recipients))
        ]
        lines += [
            f"  {i.label:<12} {_('revision {n}').format(n=i.revision)}{_item_note(i)}" for i in plan.items
        ]
        ctx.emit(plan.as_json(), "\n".join(lines))
        return
    keys = private_keys(ctx, args)
    result = ctx.run(export_return(ctx.store, keys, args.out, args.inspection))
    lines = [
        ngettext(
            "Exported {n} review to {path} (bundle {seq}, for {to}).",
            "Exported {n} reviews to {path} (bundle {seq}, for {to}).",
            result.reviews,
        ).format(n=result.reviews, path=result.path, seq=result.sequence, to=", ".join(result.recipients))
    ]
    if result.withdrawn:
        lines.append(
            ngettext(
                "{n} of them is the review of a case withdrawn from you: head office keeps it aside.",
                "{n} of them are reviews of cases withdrawn from you: head office keeps them aside.",
                result.withdrawn,
            ).format(n=result.withdrawn)
        )
    lines.append(_("Bundle fingerprint: {fp}").format(fp=result.fingerprint))
    if result.recovered:
        lines.append(
            ngettext(
                "(An earlier export interrupted after writing its file was completed.)",
                "({n} earlier exports interrupted after writing their files were completed.)",
                len(result.recovered),
            ).format(n=len(result.recovered))
        )
    ctx.emit(result.as_json(), "\n".join(lines))


def _item_note(item: ExportItem) -> str:
    if item.withdrawn:
        return "  " + _("(a case withdrawn from you: head office keeps it aside)")
    if item.previously_exported:
        return "  " + _("(exported before, not yet acknowledged)")
    return ""


def withdrawal_lines(withdrawn: Sequence[WithdrawalInfo]) -> list[str]:
    """One line per withdrawn case: its reference, why, and where its review stands."""
    return [f"  {w.reference}: {w.reason_text()}; {w.standing_text()}" for w in withdrawn]


def _assignment_import(ctx: Context, args: argparse.Namespace) -> None:
    report = import_assignment(ctx.store, args.file, private_keys(ctx, args))
    label = report.inspection.label if report.inspection else report.bundle_id
    lines = {
        "imported": [_allocated_line(report, label)],
        "duplicate": [
            _("This assignment was imported before ({title}); nothing changed.").format(title=label)
        ],
        "stale": [
            _("A newer assignment from {sender} was already imported; this one changed nothing.").format(
                sender=report.sender
            )
        ],
    }[report.status]
    if report.withdrawn:
        n = len(report.withdrawn)
        lines.append(
            ngettext(
                "It withdraws {n} case from you:",
                "It withdraws {n} cases from you:",
                n,
            ).format(n=n)
        )
        lines += withdrawal_lines(report.withdrawn)
    ctx.emit(report.as_json(), "\n".join(lines))


def _allocated_line(report: AssignmentReport, label: str) -> str:
    head = _("Imported assignment {seq} from {sender}: {title}").format(
        seq=report.sequence, sender=report.sender, title=label
    )
    if not report.lead:
        return head + ngettext(
            ", {n} case allocated to you.", ", {n} cases allocated to you.", report.cases
        ).format(n=report.cases)
    team = report.cases - report.own
    return (
        head
        + ngettext(", {n} case allocated to you", ", {n} cases allocated to you", report.own).format(
            n=report.own
        )
        + ngettext(" and {n} of your team's to collate.", " and {n} of your team's to collate.", team).format(
            n=team
        )
    )


def _withdrawn(ctx: Context, args: argparse.Namespace) -> None:
    inspection = resolve_inspection(ctx.store, args.inspection)
    found = withdrawn_cases(ctx.store, inspection.id)
    lines = [
        ngettext(
            "{title}: {n} case withdrawn from you",
            "{title}: {n} cases withdrawn from you",
            len(found),
        ).format(title=inspection.label, n=len(found))
    ]
    lines += [
        f"  {w.reference}: "
        + _("withdrawn on {date} by assignment {seq}").format(
            date=w.withdrawn_at.astimezone().strftime("%d/%m/%Y"), seq=w.assignment_sequence
        )
        + f"; {w.reason_text()}; {w.standing_text()}"
        for w in found
    ]
    ctx.emit({"inspection": inspection.id, "withdrawn": [w.as_json() for w in found]}, "\n".join(lines))


def _receipt_import(ctx: Context, args: argparse.Namespace) -> None:
    r = import_receipt(ctx.store, args.file, private_keys(ctx, args))
    if r.status == "duplicate":
        ctx.emit(r.as_json(), _("This receipt was imported before; nothing changed."))
        return
    lines = [
        ngettext(
            "Receipt imported: head office acknowledges {n} review.",
            "Receipt imported: head office acknowledges {n} reviews.",
            r.acknowledged,
        ).format(n=r.acknowledged)
    ]
    if r.already:
        lines.append(
            ngettext("{n} was acknowledged before.", "{n} were acknowledged before.", r.already).format(
                n=r.already
            )
        )
    if r.changed_since:
        lines.append(
            ngettext(
                "{n} changed here since it was sent: it goes in the next export.",
                "{n} changed here since they were sent: they go in the next export.",
                r.changed_since,
            ).format(n=r.changed_since)
        )
    if r.collated_newer:
        lines.append(
            ngettext(
                "{n} of the team's reviews collated here is newer than head office holds; its author returns "
                "it.",
                "{n} of the team's reviews collated here are newer than head office holds; their authors "
                "return them.",
                r.collated_newer,
            ).format(n=r.collated_newer)
        )
    if r.acknowledged_collated:
        lines.append(_("Their personal data can now be removed: omi purge --acknowledged --collated"))
    elif r.acknowledged:
        lines.append(_("Their personal data can now be removed: omi purge --acknowledged"))
    ctx.emit(r.as_json(), "\n".join(lines))


def _collate(ctx: Context, args: argparse.Namespace) -> int:
    reports = ctx.run(import_returns(ctx.store, args.files, private_keys(ctx, args), at="lead"))
    ctx.emit({"bundles": [r.as_json() for r in reports]}, "\n".join(r.summary() for r in reports))
    return 1 if any(r.status == "refused" for r in reports) else 0


def _purge(ctx: Context, args: argparse.Namespace) -> None:
    report = None if args.dry_run else purge(ctx.store, collated=args.collated)
    items = purgeable(ctx.store, collated=args.collated) if report is None else report.items
    n = len(items)
    if args.dry_run:
        head = ngettext(
            "The personal data of {n} acknowledged review would be removed; its tombstone is kept.",
            "The personal data of {n} acknowledged reviews would be removed; their tombstones are kept.",
            n,
        )
    else:
        head = ngettext(
            "Removed the personal data of {n} acknowledged review; its tombstone is kept.",
            "Removed the personal data of {n} acknowledged reviews; their tombstones are kept.",
            n,
        )
    lines = [head.format(n=n)]
    lines += [
        f"  {i.label:<12} "
        + _("revision {rev}, acknowledged by receipt {receipt}").format(
            rev=i.revision, receipt=i.receipt_id[:8]
        )
        + ("  " + _("(a withdrawn case)") if i.withdrawn else "")
        for i in items
    ]
    if report is not None:
        lines += _copies_lines(report.copies)
    elif n:
        to_clean = copies_to_clean(ctx.store, items)
        if to_clean:
            lines.append(
                ngettext(
                    "This older copy of the data holds their data: it would be cleaned of it (other work "
                    "in it is kept):",
                    "These {n} older copies of the data hold their data: they would be cleaned of it (other "
                    "work in them is kept):",
                    len(to_clean),
                ).format(n=len(to_clean))
            )
            lines += [f"  {name}" for name in to_clean]
        lines.append(_("A fresh backup would be taken."))
    data = {"dry_run": args.dry_run, "reviews": [i.__dict__ for i in items]}
    if report is not None:
        data["copies"] = report.copies.as_json()
    ctx.emit(data, "\n".join(lines))


def _copies_lines(copies: CopiesReport) -> list[str]:
    lines = []
    if copies.cleaned:
        lines.append(
            ngettext(
                "Cleaned {n} older copy of the data of purged reviews (other work in it is kept):",
                "Cleaned {n} older copies of the data of purged reviews (other work in them is kept):",
                len(copies.cleaned),
            ).format(n=len(copies.cleaned))
        )
        lines += [f"  {name}" for name in copies.cleaned]
    if copies.removed:
        lines.append(
            ngettext(
                "Deleted {n} copy that could not be read (it could not be shown clean, nor restored):",
                "Deleted {n} copies that could not be read (they could not be shown clean, nor restored):",
                len(copies.removed),
            ).format(n=len(copies.removed))
        )
        lines += [f"  {name}" for name in copies.removed]
    for name, cases in copies.kept_newer.items():
        lines.append(
            _(
                "Kept in {file}: a newer version of {cases} than head office acknowledged, with its case "
                "details (restore that copy to send it, or delete the copy if that work is not wanted)."
            ).format(file=name, cases=", ".join(cases))
        )
    if copies.fresh_backup:
        taken = _("A fresh backup of the purged data was taken: {file}")
        lines.append(taken.format(file=copies.fresh_backup))
    if not copies.log_cleared:
        lines.append(
            _("Another program has the data open: its log is cleared of purged data when it closes.")
        )
    return lines


def _items(kind: str, n: int) -> str:
    if kind == "assignment":
        return ngettext("{n} case", "{n} cases", n).format(n=n)
    if kind == "receipt":
        return ngettext("{n} review version", "{n} review versions", n).format(n=n)
    return ngettext("{n} review", "{n} reviews", n).format(n=n)


def _verify(ctx: Context, args: argparse.Namespace) -> None:
    identity = sync_keys.read_public_file(args.trust)
    raw = read_file(args.file)
    opened = open_bundle(raw, signer=fixed_signer(identity, source=args.trust), me=None, kinds=KINDS)
    m = opened.manifest
    created = parse_timestamp(m.created_at).astimezone()
    items = _items(m.kind, m.items)
    ctx.emit(
        {"valid": True, "file_sha256": opened.file_sha256, "manifest": m.model_dump(mode="json")},
        "\n".join(
            [
                _("Valid {kind} bundle {seq} from {sender} ({fp}), created {when}").format(
                    kind=m.kind,
                    seq=m.sequence,
                    sender=m.sender.id,
                    fp=sync_keys.display_fingerprint(m.sender.key_fingerprint),
                    when=created.strftime("%d/%m/%Y %H:%M"),
                ),
                _("For: {to}; {items}; inspection {id}").format(
                    to=", ".join(r.id for r in m.recipients), items=items, id=m.inspection_id
                ),
                _("Bundle fingerprint: {fp}").format(fp=sync_keys.display_fingerprint(opened.file_sha256)),
            ]
        ),
    )
