"""Whom this installation trusts: enrolled inspectors (HQ), the pinned HQ key (laptops), team members' keys
delivered in an HQ-signed assignment (the lead's collation). Revoked keys stay listed and are refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from omi_desktop.core.clock import utcnow
from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.setup import InspectorSpec, ensure_inspector
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import TrustedKey
from omi_desktop.core.sync.errors import BundleRefused
from omi_desktop.core.sync.keys import (
    PublicIdentity,
    b64,
    display_fingerprint,
    normalise_fingerprint,
    unb64,
)
from omi_desktop.core.sync.schema import Manifest

SOURCES = ("enrolled", "pinned", "assignment", "training")
# A key an assignment delivered that a newer assignment leaves out; refused like a revoked key, but trusted
# again if head office lists it again.
RETIRED = "retired"


@dataclass(frozen=True)
class TrustedKeyInfo:
    identity: PublicIdentity
    source: str
    status: str
    inspection_id: str | None
    added_at: datetime
    revoked_at: datetime | None
    revoked_reason: str | None

    @property
    def fingerprint(self) -> str:
        return self.identity.fingerprint

    @classmethod
    def of(cls, row: TrustedKey) -> TrustedKeyInfo:
        identity = PublicIdentity(
            row.identity_id, row.name, row.role, unb64(row.signing_key), unb64(row.encryption_key)
        )
        return cls(
            identity,
            row.source,
            row.status,
            row.inspection_id,
            row.added_at,
            row.revoked_at,
            row.revoked_reason,
        )

    def as_json(self) -> dict[str, object]:
        return self.identity.as_json() | {
            "source": self.source,
            "status": self.status,
            "inspection_id": self.inspection_id,
            "added_at": self.added_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "revoked_reason": self.revoked_reason,
        }


SignerLookup = Callable[[Manifest], TrustedKeyInfo]


def add_key(
    session: Session,
    identity: PublicIdentity,
    *,
    source: str,
    role: str | None = None,
    inspection_id: str | None = None,
    listed_at: datetime | None = None,
) -> TrustedKey:
    """Trust ``identity`` (inside the caller's transaction); a revoked key is never trusted again.

    ``listed_at``: when head office signed the assignment that lists the key. A key an assignment retired
    is trusted again only by an assignment signed after the one that retired it; an older assignment
    imported late leaves it retired (the row is returned as it is: the caller checks its status).
    """
    row = session.get(TrustedKey, identity.fingerprint)
    if row is not None and row.status == RETIRED and source == "assignment" == row.source:
        if listed_at is None or row.revoked_at is None or listed_at <= row.revoked_at:
            return row  # an assignment older than the retirement: head office has revoked the key since
        # Head office lists the key again in a newer assignment: it is trusted again (it never lists a
        # revoked key).
        row.status, row.revoked_at, row.revoked_reason = "active", None, None
        row.inspection_id = inspection_id
        session.add(row)
    if row is not None:
        if row.status in ("revoked", RETIRED):
            raise RefusedError(
                _("the key {fp} of {id} was revoked; it cannot be trusted again").format(
                    fp=display_fingerprint(row.fingerprint), id=row.identity_id
                )
            )
        if row.identity_id != identity.id:
            raise RefusedError(
                _("that key is already trusted as {other}, not {id}").format(
                    other=row.identity_id, id=identity.id
                )
            )
        return row
    row = TrustedKey(
        fingerprint=identity.fingerprint,
        identity_id=identity.id,
        name=identity.name,
        role=role or identity.role,
        signing_key=b64(identity.signing_key),
        encryption_key=b64(identity.encryption_key),
        source=source,
        inspection_id=inspection_id,
    )
    session.add(row)
    session.flush()
    return row


def retire_unlisted(
    session: Session, inspection_id: str, listed: set[str], *, sequence: int, signed_at: datetime
) -> list[str]:
    """Retire the keys an earlier assignment for ``inspection_id`` delivered that a newer one leaves out.

    The keys in an assignment are the complete set head office trusts for the inspection: one it no longer
    lists was revoked there (or its holder left the team). ``signed_at``: when head office signed the
    assignment, kept as the retiring time (only a later assignment trusts the key again). Returns the
    identities retired.
    """
    rows = session.exec(
        select(TrustedKey).where(
            TrustedKey.source == "assignment",
            TrustedKey.inspection_id == inspection_id,
            TrustedKey.status == "active",
        )
    ).all()
    retired = []
    for row in rows:
        if row.fingerprint in listed:
            continue
        row.status, row.revoked_at = RETIRED, signed_at
        row.revoked_reason = _(
            "head office's assignment {n} no longer lists it (revoked, or taken off the team)"
        ).format(n=sequence)
        session.add(row)
        retired.append(row.identity_id)
    return sorted(retired)


def _confirm(identity: PublicIdentity, confirm: str, *, pinned: bool = False) -> None:
    """Refuse unless ``confirm`` is the fingerprint of ``identity`` (at least 32 hex digits).

    ``pinned``: the key is the one pinned here, not one read from a file (its fingerprint is not shown).
    """
    given = normalise_fingerprint(confirm)
    if len(given) < 32 or not identity.fingerprint.startswith(given):
        if pinned:
            raise RefusedError(
                _("the fingerprint you confirmed does not match the pinned key; nothing was changed")
            )
        raise RefusedError(
            _("the fingerprint you confirmed does not match the file ({fp}); nothing was changed").format(
                fp=display_fingerprint(identity.fingerprint)
            )
        )


def enrol(store: Store, identity: PublicIdentity, *, confirm: str) -> TrustedKeyInfo:
    """HQ: trust an inspector's key (after comparing its fingerprint with the inspector by phone)."""
    _confirm(identity, confirm)
    if identity.role != "inspector":
        raise RefusedError(
            _("{id} is a head-office identity; only inspectors are enrolled").format(id=identity.id)
        )
    with store.write() as session:
        ensure_inspector(session, InspectorSpec(identity.id, identity.name))
        return TrustedKeyInfo.of(add_key(session, identity, source="enrolled"))


def pin_hq(store: Store, identity: PublicIdentity, *, confirm: str, source: str = "pinned") -> TrustedKeyInfo:
    """Laptop: trust head office's key for assignments and receipts (after confirming its fingerprint)."""
    _confirm(identity, confirm)
    if identity.role != "hq":
        raise RefusedError(_("{id} is not a head-office identity").format(id=identity.id))
    with store.write() as session:
        existing = session.exec(
            select(TrustedKey).where(TrustedKey.source == source, TrustedKey.status == "active")
        ).all()
        for row in existing:
            if row.fingerprint != identity.fingerprint and source == "pinned":
                raise RefusedError(
                    _(
                        "another head office key ({id}) is already pinned; to replace it, first run "
                        "'omi keys unpin-hq' and confirm its fingerprint ('omi keys list' shows it)"
                    ).format(id=row.identity_id)
                )
        return TrustedKeyInfo.of(add_key(session, identity, source=source, role="hq"))


def unpin_hq(store: Store, *, confirm: str) -> TrustedKeyInfo:
    """Laptop: stop trusting the pinned head-office key (to pin head office's new one).

    ``confirm``: the pinned key's fingerprint (at least 32 hex digits), so that nothing is unpinned by
    accident. The key is forgotten, not revoked: it can be pinned again.
    """
    with store.write() as session:
        row = session.exec(
            select(TrustedKey).where(TrustedKey.source == "pinned", TrustedKey.status == "active")
        ).first()
        if row is None:
            raise NotFoundError(_("no head office key is pinned here"))
        info = TrustedKeyInfo.of(row)
        _confirm(info.identity, confirm, pinned=True)
        session.delete(row)
    return info


def revoke(store: Store, ref: str, *, reason: str) -> list[TrustedKeyInfo]:
    """Revoke the keys of an identity id, or one key by fingerprint (at least 8 hex digits)."""
    reason = (reason or "").strip()
    if not reason:
        raise RefusedError(_("a reason is needed to revoke a key"))
    with store.write() as session:
        rows = session.exec(select(TrustedKey).where(TrustedKey.identity_id == ref)).all()
        if not rows:
            prefix = normalise_fingerprint(ref)
            if len(prefix) >= 8:
                rows = session.exec(select(TrustedKey).where(TrustedKey.fingerprint.startswith(prefix))).all()
        if not rows:
            raise NotFoundError(_("no trusted key for {ref!r}").format(ref=ref))
        if len({r.identity_id for r in rows}) > 1:
            raise RefusedError(
                _("{ref!r} matches keys of several identities; give more digits").format(ref=ref)
            )
        for row in rows:
            if row.status != "revoked":
                row.status = "revoked"
                row.revoked_at = utcnow()
                row.revoked_reason = reason
                session.add(row)
        return [TrustedKeyInfo.of(r) for r in rows]


def list_keys(store: Store) -> list[TrustedKeyInfo]:
    with store.read() as session:
        rows = session.exec(select(TrustedKey).order_by(TrustedKey.identity_id, TrustedKey.added_at)).all()
        return [TrustedKeyInfo.of(r) for r in rows]


def pinned_hq(store: Store) -> TrustedKeyInfo | None:
    with store.read() as session:
        row = session.exec(
            select(TrustedKey).where(
                TrustedKey.source.in_(("pinned", "training")), TrustedKey.status == "active"
            )
        ).first()
        return TrustedKeyInfo.of(row) if row else None


def signer_from_store(
    store: Store, *, sources: tuple[str, ...], scoped_to_inspection: bool = False, what: str
) -> SignerLookup:
    """A lookup that accepts only active keys from ``sources`` (and, if scoped, for the same inspection)."""

    def lookup(manifest: Manifest) -> TrustedKeyInfo:
        with store.read() as session:
            row = session.get(TrustedKey, manifest.sender.key_fingerprint)
            info = TrustedKeyInfo.of(row) if row is not None else None
        return check_signer(info, manifest, sources=sources, scoped=scoped_to_inspection, what=what)

    return lookup


def check_signer(
    info: TrustedKeyInfo | None, manifest: Manifest, *, sources: tuple[str, ...], scoped: bool, what: str
) -> TrustedKeyInfo:
    shown = display_fingerprint(manifest.sender.key_fingerprint)
    if info is None:
        raise BundleRefused(
            "unknown-signer",
            _("signed with a key this installation does not know ({fp}, claiming to be {id})").format(
                fp=shown, id=manifest.sender.id
            ),
        )
    if info.identity.id != manifest.sender.id:
        raise BundleRefused(
            "unknown-signer",
            _("signed with the key of {owner}, but the bundle says it is from {id}").format(
                owner=info.identity.id, id=manifest.sender.id
            ),
        )
    if info.status == RETIRED:
        when = info.revoked_at.date().isoformat() if info.revoked_at else "?"
        raise BundleRefused(
            "revoked-signer",
            _("signed with the key of {id}, retired by head office on {when}: {why}").format(
                id=info.identity.id, when=when, why=info.revoked_reason
            ),
        )
    if info.status == "revoked":
        when = info.revoked_at.date().isoformat() if info.revoked_at else "?"
        raise BundleRefused(
            "revoked-signer",
            _("signed with the key of {id}, revoked on {when} ({why})").format(
                id=info.identity.id, when=when, why=info.revoked_reason
            ),
        )
    if info.source not in sources or (scoped and info.inspection_id != manifest.inspection_id):
        raise BundleRefused(
            "untrusted-signer",
            _("{id}'s key is known here but not trusted for {what}").format(id=info.identity.id, what=what),
        )
    return info


def fixed_signer(identity: PublicIdentity, *, source: object = None) -> SignerLookup:
    """A lookup that trusts exactly one public identity (``omi bundle verify --trust FILE.pem``).

    ``source``: where the identity came from (the file), named when a bundle is signed by another key."""
    info = TrustedKeyInfo(identity, "given", "active", None, utcnow(), None, None)

    def lookup(manifest: Manifest) -> TrustedKeyInfo:
        if manifest.sender.key_fingerprint != identity.fingerprint and source is not None:
            raise BundleRefused(
                "unknown-signer",
                _(
                    "the bundle is not signed by the key in {file} ({id}, {fp}): it was signed by {other}, "
                    "claiming to be {claimed}"
                ).format(
                    file=source,
                    id=identity.id,
                    fp=display_fingerprint(identity.fingerprint),
                    other=display_fingerprint(manifest.sender.key_fingerprint),
                    claimed=manifest.sender.id,
                ),
            )
        return check_signer(
            info if manifest.sender.key_fingerprint == identity.fingerprint else None,
            manifest,
            sources=("given",),
            scoped=False,
            what="this check",
        )

    return lookup
