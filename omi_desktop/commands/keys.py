"""``omi keys``: this installation's identity (init, show, export-public), the head-office key it trusts
(pin-hq), and the keys it knows (list)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from omi_desktop.cli import Context
from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.settings import IDENTITY_ID, IDENTITY_NAME, put_setting
from omi_desktop.core.sync import keys as sync_keys
from omi_desktop.core.sync import trust


def passphrase_option() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="file whose first line is the passphrase of the private keys (or set $OMI_PASSPHRASE_FILE)",
    )
    return parser


def private_keys(ctx: Context, args: argparse.Namespace, *, role: str = "inspector") -> sync_keys.PrivateKeys:
    """This installation's private keys; ``role``: who the command is for, to give the right hint."""
    if not sync_keys.has_identity(ctx.data_dir):
        command = "omi keys init --name NAME --id ID" + (" --role hq" if role == "hq" else "")
        raise NotFoundError(f"this installation has no keys yet (run '{command}')")
    passphrase = sync_keys.read_passphrase_file(getattr(args, "passphrase_file", None))
    return sync_keys.load_private_keys(ctx.data_dir, passphrase)


def confirmed(identity: sync_keys.PublicIdentity, given: str | None, who: str) -> str:
    """The fingerprint the user confirmed: ``--confirm``, or asked for at a terminal."""
    shown = sync_keys.display_fingerprint(identity.fingerprint)
    if given:
        return given
    if not sys.stdin.isatty():
        raise RefusedError(
            f"compare the fingerprint {shown} with {who} (by phone), then pass it with --confirm"
        )
    print(f"{identity.name} ({identity.id}, {identity.role})\nFingerprint: {shown}")
    reply = input(f"Does {who} read you exactly this fingerprint? [y/N] ").strip().lower()
    if reply not in ("y", "yes"):
        raise RefusedError("not confirmed; nothing was changed")
    return identity.fingerprint


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("keys", parents=[common], help="this installation's keys and trusted keys")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    secret = passphrase_option()

    init = actions.add_parser("init", parents=[common, secret], help="create this installation's identity")
    init.add_argument("--name", required=True, help="your name as colleagues know it")
    init.add_argument("--id", required=True, dest="identity_id", help="your identity id from head office")
    init.add_argument("--role", choices=sync_keys.ROLES, default="inspector")
    init.set_defaults(handler=_init)

    show = actions.add_parser("show", parents=[common], help="fingerprints to compare by phone")
    show.set_defaults(handler=_show)

    export = actions.add_parser("export-public", parents=[common], help="write the public keys (PEM)")
    export.add_argument("--out", required=True, type=Path, metavar="FILE.pem")
    export.set_defaults(handler=_export_public)

    pin = actions.add_parser("pin-hq", parents=[common], help="trust head office's key (laptops)")
    pin.add_argument("file", type=Path, help="head office's public key file (.pem)")
    pin.add_argument("--confirm", metavar="FINGERPRINT", help="the fingerprint head office read to you")
    pin.set_defaults(handler=_pin)

    unpin = actions.add_parser(
        "unpin-hq", parents=[common], help="stop trusting the pinned head-office key (to pin a new one)"
    )
    unpin.add_argument(
        "--confirm", metavar="FINGERPRINT", help="the pinned key's fingerprint (omi keys list)"
    )
    unpin.set_defaults(handler=_unpin)

    listing = actions.add_parser("list", parents=[common], help="keys this installation trusts")
    listing.set_defaults(handler=_list)


def _init(ctx: Context, args: argparse.Namespace) -> None:
    passphrase = sync_keys.read_passphrase_file(args.passphrase_file)
    store = ctx.store  # the data folder exists (and is a store) before keys are put in it
    identity = sync_keys.create_keys(
        ctx.data_dir, identity_id=args.identity_id, name=args.name, role=args.role, passphrase=passphrase
    )
    with store.write() as session:
        put_setting(session, IDENTITY_ID, identity.id)
        put_setting(session, IDENTITY_NAME, identity.name)
    protected = "protected by your passphrase" if passphrase else "NOT protected by a passphrase"
    ctx.emit(
        identity.as_json() | {"protected": bool(passphrase)},
        f"Created the keys of {identity.name} ({identity.id}, {identity.role}); private keys {protected}.\n"
        f"Fingerprint: {sync_keys.display_fingerprint(identity.fingerprint)}\n"
        "Next: omi keys export-public --out FILE.pem",
    )


def _show(ctx: Context, args: argparse.Namespace) -> None:
    identity = sync_keys.load_identity(ctx.data_dir)
    protected = sync_keys.is_protected(ctx.data_dir)
    hq = trust.pinned_hq(ctx.store)
    lines = [
        f"Identity:        {identity.id} ({identity.role})",
        f"Name:            {identity.name}",
        f"Fingerprint:     {sync_keys.display_fingerprint(identity.fingerprint)}",
        f"Encryption key:  {sync_keys.display_fingerprint(identity.encryption_fingerprint)}",
        f"Private keys:    {'passphrase-protected' if protected else 'not passphrase-protected'}, "
        f"in {sync_keys.keys_dir(ctx.data_dir)}",
    ]
    if identity.role == "inspector":
        pinned = (
            f"{hq.identity.id}, {sync_keys.display_fingerprint(hq.fingerprint)}"
            + (" (training)" if hq.source == "training" else "")
            if hq
            else "none yet (omi keys pin-hq FILE.pem)"
        )
        lines.append(f"Head office key: {pinned}")
    ctx.emit(
        identity.as_json() | {"protected": protected, "pinned_hq": hq.as_json() if hq else None},
        "\n".join(lines),
    )


def _export_public(ctx: Context, args: argparse.Namespace) -> None:
    identity = sync_keys.load_identity(ctx.data_dir)
    out: Path = args.out
    if not out.parent.is_dir():
        raise RefusedError(f"the folder {out.parent} does not exist")
    out.write_bytes(identity.public_pem())
    ctx.emit(
        {"path": str(out), **identity.as_json()},
        f"Wrote the public keys of {identity.id} to {out}.\n"
        f"Fingerprint (read it out when you hand the file over): "
        f"{sync_keys.display_fingerprint(identity.fingerprint)}",
    )


def _pin(ctx: Context, args: argparse.Namespace) -> None:
    identity = sync_keys.read_public_file(args.file)
    fingerprint = confirmed(identity, args.confirm, "head office")
    info = trust.pin_hq(ctx.store, identity, confirm=fingerprint)
    ctx.emit(
        info.as_json(),
        f"Head office key of {identity.id} pinned: assignments and receipts are accepted only with its "
        f"signature.\nFingerprint: {sync_keys.display_fingerprint(identity.fingerprint)}",
    )


def _unpin(ctx: Context, args: argparse.Namespace) -> None:
    pinned = trust.pinned_hq(ctx.store)
    if pinned is None or pinned.source != "pinned":
        raise NotFoundError("no head office key is pinned here")
    given = args.confirm
    if not given:  # the fingerprint is typed, never shown here: confirming is looking it up on purpose
        if not sys.stdin.isatty():
            raise RefusedError(
                "to unpin head office's key, pass its fingerprint with --confirm FINGERPRINT "
                "('omi keys list' shows it)"
            )
        print(
            f"Pinned head office key: {pinned.identity.name} ({pinned.identity.id}). Unpinned, assignments "
            "and receipts are refused until a new key is pinned."
        )
        given = input("Type its fingerprint to unpin it ('omi keys list' shows it): ").strip()
        if not given:
            raise RefusedError("not confirmed; nothing was changed")
    info = trust.unpin_hq(ctx.store, confirm=given)
    shown = sync_keys.display_fingerprint(info.fingerprint)
    ctx.emit(
        info.as_json(),
        f"Head office key of {info.identity.id} ({shown}) unpinned. Assignments and receipts are refused "
        "until you pin head office's new key: omi keys pin-hq NEW.pem --confirm FINGERPRINT",
    )


def key_lines(keys: list[trust.TrustedKeyInfo]) -> str:
    if not keys:
        return "No trusted keys."
    lines = []
    for k in keys:
        state = (
            f"{k.status.upper()} {k.revoked_reason or ''}" if k.status in ("revoked", "retired") else "active"
        )
        lines.append(
            f"{k.identity.id:<14} {k.identity.name[:28]:<28} {k.source:<10} "
            f"{sync_keys.display_fingerprint(k.fingerprint)}  {state}"
        )
    return "\n".join(lines)


def _list(ctx: Context, args: argparse.Namespace) -> None:
    keys = trust.list_keys(ctx.store)
    ctx.emit({"keys": [k.as_json() for k in keys]}, key_lines(keys))
