"""``omi hq`` sync actions: enrol, revoke, keys, issue-assignment, import, conflicts, receipt, bundles."""

from __future__ import annotations

import argparse
from pathlib import Path

from omi_desktop.cli import Context
from omi_desktop.commands.keys import confirmed, key_lines, passphrase_option, private_keys
from omi_desktop.core.errors import RefusedError
from omi_desktop.core.inspections import resolve_inspection
from omi_desktop.core.settings import current_actor
from omi_desktop.core.sync import conflicts, trust
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
    ctx.emit(
        {"revoked": [k.as_json() for k in revoked]},
        f"Revoked {len(revoked)} key(s) of {revoked[0].identity.id}: bundles signed with them are refused.",
    )


def _keys(ctx: Context, args: argparse.Namespace) -> None:
    keys = trust.list_keys(ctx.store)
    ctx.emit({"keys": [k.as_json() for k in keys]}, key_lines(keys))


def _issue(ctx: Context, args: argparse.Namespace) -> None:
    issued = issue_assignment(
        ctx.store,
        private_keys(ctx, args),
        inspector_id=args.inspector,
        out=args.out,
        inspection_ref=args.inspection,
    )
    ctx.emit(
        issued.as_json(),
        f"Wrote assignment {issued.sequence} for {issued.recipient} ({issued.items} cases)"
        f" to {issued.path}.\n"
        f"Bundle fingerprint: {sync_keys.display_fingerprint(issued.sha256)}",
    )


def _import(ctx: Context, args: argparse.Namespace) -> int:
    reports = ctx.run(import_returns(ctx.store, args.files, private_keys(ctx, args), at="hq"))
    ctx.emit({"bundles": [r.as_json() for r in reports]}, "\n".join(r.summary() for r in reports))
    return 1 if any(r.status == "refused" for r in reports) else 0


def _show(info: conflicts.ConflictInfo) -> str:
    lines = [
        f"Conflict {info.id[:8]} ({info.status}): case {info.case_reference}, review {info.review_id[:8]}",
        f"  head office holds revision {info.base_revision}; {info.sender_id} sent revision "
        f"{info.incoming_revision} (bundle {info.bundle_id[:8]})",
    ]
    for d in info.differences:
        decided = f"  -> {d.decision} ({d.decided_by}: {d.reason})" if d.decision else "  (undecided)"
        lines.append(f"  {d.question_id:<8} {d.text[:60]}{decided}")
        for who, side in (("head office", d.ours), (info.sender_id, d.theirs)):
            note = f" — {side.note}" if side.note else ""
            lines.append(f"      {who:<11}: {side.value!r}{note}")
    return "\n".join(lines)


def _conflicts(ctx: Context, args: argparse.Namespace) -> None:
    deciding = args.keep or args.take or args.keep_rest or args.take_rest
    if not args.conflict:
        if deciding:
            raise RefusedError("name the conflict to resolve")
        found = conflicts.list_conflicts(ctx.store, include_resolved=args.all)
        text = "\n".join(
            f"{c.id[:8]}  case {c.case_reference or '-':<10} from {c.sender_id:<10} "
            f"{len(c.differences)} questions differ, {len(c.undecided)} undecided  {c.status}"
            for c in found
        )
        ctx.emit({"conflicts": [c.as_json() for c in found]}, text or "No open conflicts.")
        return
    info = conflicts.get_conflict(ctx.store, args.conflict)
    if deciding:
        decisions = {q: "keep" for q in args.keep} | {q: "take" for q in args.take}
        rest = "keep" if args.keep_rest else "take" if args.take_rest else None
        if rest:
            decisions |= {q: rest for q in info.undecided if q not in decisions}
        info = conflicts.resolve(
            ctx.store, info.id, decisions, actor=current_actor(ctx.store), reason=args.reason or ""
        )
    ctx.emit(info.as_json(), _show(info))


def _receipt(ctx: Context, args: argparse.Namespace) -> None:
    inspection = resolve_inspection(ctx.store, args.inspection)
    issued = issue_receipt(
        ctx.store,
        private_keys(ctx, args),
        inspector_id=args.inspector,
        out=args.out,
        inspection_ref=inspection.id,
    )
    ctx.emit(
        issued.as_json(),
        f"Wrote receipt {issued.sequence} for {issued.recipient} ({issued.items} review versions)"
        f" to {issued.path}.",
    )
