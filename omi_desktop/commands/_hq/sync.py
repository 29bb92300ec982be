"""``omi hq`` sync actions: enrol, revoke, keys, issue-assignment, import, conflicts, set-aside, receipt."""

from __future__ import annotations

import argparse
from pathlib import Path

from omi_desktop.cli import Context
from omi_desktop.commands.keys import confirmed, key_lines, passphrase_option, private_keys
from omi_desktop.core.errors import RefusedError
from omi_desktop.core.i18n import _, ngettext
from omi_desktop.core.inspections import resolve_inspection
from omi_desktop.core.review.values import display_value
from omi_desktop.core.settings import current_actor
from omi_desktop.core.sync import conflicts, setaside, trust
from omi_desktop.core.sync import keys as sync_keys
from omi_desktop.core.sync.assignment import issue_assignment
from omi_desktop.core.sync.receipts import issue_receipt
from omi_desktop.core.sync.returns import import_returns


def register_hq(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    secret = passphrase_option()
    enrol = actions.add_parser("enrol", parents=[common], help="trust an inspector's public keys")
    enrol.add_argument("file", type=Path, help="the inspector's public key file (.pem)")
    enrol.add_argument("--confirm", metavar="FINGERPRINT", help="the fingerprint the inspector read to you")
    enrol.set_defaults(handler=_enrol)

    revoke = actions.add_parser("revoke", parents=[common], help="revoke an inspector's key(s)")
    revoke.add_argument("who", help="identity id (all its keys) or key fingerprint")
    revoke.add_argument("--reason", required=True)
    revoke.set_defaults(handler=_revoke)

    listing = actions.add_parser("keys", parents=[common], help="enrolled and revoked keys")
    listing.set_defaults(handler=_keys)

    issue = actions.add_parser(
        "issue-assignment", parents=[common, secret], help="write an inspector's signed assignment (.omia)"
    )
    issue.add_argument("--inspector", required=True, help="identity id of the inspector (or the lead)")
    issue.add_argument("--inspection", help="inspection id, area code or title (default: current)")
    issue.add_argument("--out", required=True, type=Path, metavar="FILE.omia")
    issue.set_defaults(handler=_issue)

    imp = actions.add_parser("import", parents=[common, secret], help="import return bundles (.omib)")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE.omib")
    imp.set_defaults(handler=_import)

    conflict = actions.add_parser("conflicts", parents=[common], help="list, show and resolve conflicts")
    conflict.add_argument("conflict", nargs="?", help="a conflict id (or its first 6+ characters) to show")
    conflict.add_argument("--all", action="store_true", help="include resolved conflicts")
    conflict.add_argument(
        "--keep", nargs="+", default=[], metavar="QUESTION", help="keep head office's answer"
    )
    conflict.add_argument(
        "--take", nargs="+", default=[], metavar="QUESTION", help="take the incoming answer"
    )
    conflict.add_argument("--keep-rest", action="store_true", help="keep head office's answer for the rest")
    conflict.add_argument("--take-rest", action="store_true", help="take the incoming answer for the rest")
    conflict.add_argument("--reason", help="why (kept in the audit trail); needed to resolve")
    conflict.set_defaults(handler=_conflicts)

    aside = actions.add_parser(
        "set-aside", parents=[common], help="returned reviews of cases withdrawn from their sender"
    )
    aside.add_argument("review", nargs="?", help="one of them (its id or first 6+ characters) to show")
    aside.add_argument("--inspection", help="inspection id, area code or title (default: all)")
    aside.set_defaults(handler=_set_aside)

    receipt = actions.add_parser(
        "receipt", parents=[common, secret], help="write a signed receipt (.omir) for an inspector"
    )
    receipt.add_argument("--inspector", required=True)
    receipt.add_argument("--inspection", help="inspection id, area code or title (default: current)")
    receipt.add_argument("--out", required=True, type=Path, metavar="FILE.omir")
    receipt.set_defaults(handler=_receipt)


def _enrol(ctx: Context, args: argparse.Namespace) -> None:
    identity = sync_keys.read_public_file(args.file)
    info = trust.enrol(ctx.store, identity, confirm=confirmed(identity, args.confirm, identity.id))
    ctx.emit(
        info.as_json(),
        f"Enrolled {identity.name} ({identity.id}), fingerprint "
        f"{sync_keys.display_fingerprint(identity.fingerprint)}.",
    )


def _revoke(ctx: Context, args: argparse.Namespace) -> None:
    revoked = trust.revoke(ctx.store, args.who, reason=args.reason)
    n = len(revoked)
    ctx.emit(
        {"revoked": [k.as_json() for k in revoked]},
        ngettext(
            "Revoked {n} key of {id}: bundles signed with it are refused.",
            "Revoked {n} keys of {id}: bundles signed with them are refused.",
            n,
        ).format(n=n, id=revoked[0].identity.id),
    )


def _keys(ctx: Context, args: argparse.Namespace) -> None:
    keys = trust.list_keys(ctx.store)
    ctx.emit({"keys": [k.as_json() for k in keys]}, key_lines(keys))


def _issue(ctx: Context, args: argparse.Namespace) -> None:
    issued = issue_assignment(
        ctx.store,
        private_keys(ctx, args, role="hq"),
        inspector_id=args.inspector,
        out=args.out,
        inspection_ref=args.inspection,
    )
    lines = [
        ngettext(
            "Wrote assignment {seq} for {who} ({n} case) to {path}.",
            "Wrote assignment {seq} for {who} ({n} cases) to {path}.",
            issued.items,
        ).format(seq=issued.sequence, who=issued.recipient, n=issued.items, path=issued.path)
    ]
    if issued.withdrawn:
        lines.append(
            ngettext(
                "It withdraws {n} case they had: {refs}.",
                "It withdraws {n} cases they had: {refs}.",
                len(issued.withdrawn),
            ).format(n=len(issued.withdrawn), refs=", ".join(issued.withdrawn))
        )
    lines.append(_("Bundle fingerprint: {fp}").format(fp=sync_keys.display_fingerprint(issued.sha256)))
    ctx.emit(issued.as_json(), "\n".join(lines))


def _import(ctx: Context, args: argparse.Namespace) -> int:
    reports = ctx.run(import_returns(ctx.store, args.files, private_keys(ctx, args, role="hq"), at="hq"))
    ctx.emit({"bundles": [r.as_json() for r in reports]}, "\n".join(r.summary() for r in reports))
    return 1 if any(r.status == "refused" for r in reports) else 0


def _side(who: str, side: conflicts.Side) -> str:
    note = f" — {side.note}" if side.note else ""
    return f"      {who:<11}: {side.shown or side.value}{note}"


def _show(info: conflicts.ConflictInfo) -> str:
    status = _("open") if info.status == "open" else _("resolved")
    lines = [
        _("Conflict {id} ({status}): case {ref}, review {review}").format(
            id=info.id[:8], status=status, ref=info.case_reference or _("(none)"), review=info.review_id[:8]
        ),
        "  "
        + _("head office holds revision {ours}; {sender} sent revision {theirs} (bundle {bundle})").format(
            ours=info.base_revision,
            sender=info.sender_id,
            theirs=info.incoming_revision,
            bundle=info.bundle_id[:8],
        ),
    ]
    for d in info.differences:
        if d.decision:
            choice = _("kept head office's") if d.decision == "keep" else _("took the incoming")
            decided = "  -> " + _("{choice} ({who}: {why})").format(
                choice=choice, who=d.decided_by, why=d.reason
            )
        else:
            decided = "  " + _("(undecided)")
        lines.append(f"  {d.question_id:<8} {d.text[:60]}{decided}")
        lines.append(_side(_("head office"), d.ours))
        lines.append(_side(info.sender_id, d.theirs))
    return "\n".join(lines)


def _conflicts(ctx: Context, args: argparse.Namespace) -> None:
    deciding = args.keep or args.take or args.keep_rest or args.take_rest
    if not args.conflict:
        if deciding:
            raise RefusedError(_("name the conflict to resolve"))
        found = conflicts.list_conflicts(ctx.store, include_resolved=args.all)
        text = "\n".join(
            f"{c.id[:8]}  "
            + _("case {ref} from {sender}: {differ}, {undecided}").format(
                ref=c.case_reference or _("(none)"),
                sender=c.sender_id,
                differ=ngettext("{n} question differs", "{n} questions differ", len(c.differences)).format(
                    n=len(c.differences)
                ),
                undecided=_("{n} undecided").format(n=len(c.undecided)),
            )
            + ("" if c.status == "open" else "  " + _("(resolved)"))
            for c in found
        )
        ctx.emit({"conflicts": [c.as_json() for c in found]}, text or _("No open conflicts."))
        return
    info = conflicts.get_conflict(ctx.store, args.conflict)
    if deciding:
        decisions = conflicts.decisions_from(args.keep, args.take)
        rest = "keep" if args.keep_rest else "take" if args.take_rest else None
        if rest:
            decisions |= {q: rest for q in info.undecided if q not in decisions}
        info = conflicts.resolve(
            ctx.store, info.id, decisions, actor=current_actor(ctx.store), reason=args.reason or ""
        )
    ctx.emit(info.as_json(), _show(info))


def _set_aside(ctx: Context, args: argparse.Namespace) -> None:
    from omi_desktop.core.reports.text import status_label  # the reports package loads ReportLab

    if args.review:
        info = setaside.get_set_aside(ctx.store, args.review)
        lines = [
            _(
                "Review {review} of case {ref} from {sender}, revision {rev} ({status}), kept aside on {date}"
            ).format(
                review=info.review_id[:8],
                ref=info.case_reference or _("(none)"),
                sender=info.sender_id,
                rev=info.revision,
                status=status_label(info.status).lower(),
                date=info.received_at.astimezone().strftime("%d/%m/%Y"),
            ),
            "  " + _("Why: {why}").format(why=info.why),
        ]
        for a in info.answers:
            lines.append(f"  {a.question_id:<8} {a.text[:60]}: {display_value(a.value)}")
            if a.note:
                lines.append(f"           {a.note}")
        ctx.emit(info.as_json(), "\n".join(lines))
        return
    inspection = resolve_inspection(ctx.store, args.inspection).id if args.inspection else None
    found = setaside.set_aside_reviews(ctx.store, inspection)
    lines = [
        f"{i.id[:8]}  "
        + _("case {ref} from {sender}, revision {rev} ({status}): {why}").format(
            ref=i.case_reference or _("(none)"),
            sender=i.sender_id,
            rev=i.revision,
            status=status_label(i.status).lower(),
            why=i.why,
        )
        for i in found
    ]
    ctx.emit({"set_aside": [i.as_json() for i in found]}, "\n".join(lines) or _("No review is kept aside."))


def _receipt(ctx: Context, args: argparse.Namespace) -> None:
    inspection = resolve_inspection(ctx.store, args.inspection)
    issued = issue_receipt(
        ctx.store,
        private_keys(ctx, args, role="hq"),
        inspector_id=args.inspector,
        out=args.out,
        inspection_ref=inspection.id,
    )
    ctx.emit(
        issued.as_json(),
        ngettext(
            "Wrote receipt {seq} for {who}, listing {n} version of their reviews, to {path}.",
            "Wrote receipt {seq} for {who}, listing {n} versions of their reviews, to {path}.",
            issued.items,
        ).format(seq=issued.sequence, who=issued.recipient, n=issued.items, path=issued.path),
    )
