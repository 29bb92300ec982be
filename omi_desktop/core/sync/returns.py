"""Importing return bundles: at head office (``omi hq import``) and at the lead's collation (``omi collate``).

Each bundle is verified completely (bundle.open_bundle) before the store is touched, then authorised and
merged in one transaction. A refused bundle changes nothing. The report says, per bundle, what was accepted,
what was a duplicate or stale, which reviews are now in conflict, and which bundles are still missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from omi_desktop.core.errors import OmiError, RefusedError
from omi_desktop.core.framework.registry import framework_from_session
from omi_desktop.core.i18n import _, ngettext
from omi_desktop.core.progress import Operation, Progress, run_to_end
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import ReceivedBundle, TrustedKey
from omi_desktop.core.sync.authorise import area_instruments, authorise_return
from omi_desktop.core.sync.bundle import OpenedBundle, open_bundle, read_file
from omi_desktop.core.sync.errors import BundleRefused
from omi_desktop.core.sync.keys import PrivateKeys, PublicIdentity
from omi_desktop.core.sync.merge import ReviewOutcome, merge_reviews
from omi_desktop.core.sync.schema import Manifest, parse_timestamp
from omi_desktop.core.sync.setaside import keep_aside
from omi_desktop.core.sync.trust import SignerLookup, TrustedKeyInfo, signer_from_store

OUTCOMES = ("accepted", "duplicate", "stale", "conflict", "set_aside")


@dataclass
class ImportReport:
    """What happened to one bundle file."""

    path: str
    status: str  # imported | duplicate | refused
    reason: str = ""
    code: str = ""
    bundle_id: str | None = None
    sender: str | None = None
    sequence: int | None = None
    inspection_id: str | None = None
    file_sha256: str | None = None
    reviews: list[ReviewOutcome] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was ignored in the bundle, and why

    def counts(self) -> dict[str, int]:
        return {name: sum(1 for r in self.reviews if r.outcome == name) for name in OUTCOMES}

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "reason": self.reason,
            "code": self.code,
            "bundle_id": self.bundle_id,
            "sender": self.sender,
            "sequence": self.sequence,
            "inspection_id": self.inspection_id,
            "file_sha256": self.file_sha256,
            "counts": self.counts(),
            "reviews": [r.as_json() for r in self.reviews],
            "gaps": self.gaps,
            "notes": self.notes,
        }

    def summary(self) -> str:
        """What happened to the bundle, in sentences; reviews kept aside or in conflict named one by one."""
        if self.status == "refused":
            if self.code and self.code != "refused":
                return _("{path}: REFUSED ({code}): {reason}").format(
                    path=self.path, code=self.code, reason=self.reason
                )
            return _("{path}: REFUSED: {reason}").format(path=self.path, reason=self.reason)
        if self.status == "duplicate":
            return _("{path}: already imported (bundle {seq} from {sender}); nothing changed").format(
                path=self.path, seq=self.sequence, sender=self.sender
            )
        c = self.counts()
        phrases = {
            "accepted": ngettext("{n} review accepted", "{n} reviews accepted", c["accepted"]),
            "duplicate": ngettext("{n} already held", "{n} already held", c["duplicate"]),
            "stale": ngettext(
                "{n} older than the version held (ignored)",
                "{n} older than the versions held (ignored)",
                c["stale"],
            ),
            "conflict": ngettext("{n} in conflict", "{n} in conflict", c["conflict"]),
            "set_aside": ngettext("{n} kept aside", "{n} kept aside", c["set_aside"]),
        }
        parts = [phrases[name].format(n=c[name]) for name in OUTCOMES if c[name]]
        text = _("{path}: bundle {seq} from {sender}: {what}").format(
            path=self.path,
            seq=self.sequence,
            sender=self.sender,
            what=", ".join(parts) or _("no reviews"),
        )
        named = [
            f"  {r.case_reference or r.review_id[:8]}: {r.detail}"
            for r in self.reviews
            if r.outcome in ("conflict", "set_aside")
        ]
        return "\n".join([text, *named, *(f"  {gap}" for gap in self.gaps), *(f"  {n}" for n in self.notes)])


def abandoned_before(bundle: OpenedBundle) -> tuple[list[int], list[int]]:
    """The sequence numbers a return says its sender abandoned: those below its own (which can be), and
    those from its own on (which cannot: a number is abandoned before the next is reserved; such a claim
    would hide a real bundle held back, so it is ignored)."""
    numbers = sorted(set(getattr(bundle.payload, "abandoned", None) or []))
    own = bundle.manifest.sequence
    return [n for n in numbers if n < own], [n for n in numbers if n >= own]


def _received(session: Any, bundle: OpenedBundle, outcomes: list[ReviewOutcome] | None, **extra: Any) -> None:
    m = bundle.manifest
    counts: dict[str, Any] = {name: sum(1 for r in outcomes or [] if r.outcome == name) for name in OUTCOMES}
    abandoned, _ignored = abandoned_before(bundle)
    if abandoned:
        counts["abandoned"] = abandoned  # numbers the sender never completed: not gaps
    counts.update(extra)
    session.add(
        ReceivedBundle(
            bundle_id=m.bundle_id,
            kind=m.kind,
            sender_id=m.sender.id,
            sender_fingerprint=m.sender.key_fingerprint,
            inspection_id=m.inspection_id,
            subject=m.subject,
            sequence=m.sequence,
            created_at=parse_timestamp(m.created_at),
            file_sha256=bundle.file_sha256,
            outcome=counts,
        )
    )


def still_trusted(session: Any, bundle: OpenedBundle) -> None:
    """Re-check the signer inside the write transaction (a key revoked since verification is refused)."""
    row = session.get(TrustedKey, bundle.manifest.sender.key_fingerprint)
    if row is None or row.status != "active":
        raise BundleRefused(
            "revoked-signer", _("the sender's key was revoked while the bundle was being checked")
        )


def sequence_gaps(store: Store, kind: str, inspection_id: str, sender_id: str) -> list[str]:
    """'bundle 3 of INS-014 not yet received' for every missing number below the highest received."""
    with store.read() as session:
        rows = session.execute(
            select(ReceivedBundle.sequence, ReceivedBundle.outcome).where(
                ReceivedBundle.kind == kind,
                ReceivedBundle.inspection_id == inspection_id,
                ReceivedBundle.sender_id == sender_id,
            )
        ).all()
    numbers = {r.sequence for r in rows}
    if not numbers:
        return []
    abandoned = {n for r in rows if isinstance(r.outcome, dict) for n in r.outcome.get("abandoned", [])}
    missing = sorted(set(range(1, max(numbers) + 1)) - numbers - abandoned)
    return [_("bundle {n} of {sender} not yet received").format(n=n, sender=sender_id) for n in missing]


def _signer(store: Store, at: str, me: PublicIdentity) -> SignerLookup:
    if at == "hq":
        return signer_from_store(store, sources=("enrolled",), what=_("returns to head office"))
    team = signer_from_store(
        store, sources=("assignment",), scoped_to_inspection=True, what=_("this inspection's collation")
    )

    def lookup(manifest: Manifest) -> TrustedKeyInfo:
        if manifest.sender.key_fingerprint == me.fingerprint:
            raise BundleRefused(
                "own-bundle",
                _(
                    "this is this installation's own return (bundle {seq} of {me}): its reviews are already "
                    "here; it goes to head office, not into collation"
                ).format(seq=manifest.sequence, me=me.id),
            )
        return team(manifest)

    return lookup


def _import_in(session: Session, store: Store, path: Path, keys: PrivateKeys, at: str) -> ImportReport:
    """Verify one bundle, then apply it inside a savepoint of ``session``: all of it, or nothing."""
    report = ImportReport(str(path), "refused")
    try:
        bundle = open_bundle(
            read_file(path), signer=_signer(store, at, keys.identity), me=keys, kinds=("return",)
        )
        m = bundle.manifest
        report.bundle_id, report.sender, report.sequence = m.bundle_id, m.sender.id, m.sequence
        report.inspection_id, report.file_sha256 = m.inspection_id, bundle.file_sha256
        ignored = abandoned_before(bundle)[1]
        if ignored:
            report.notes.append(
                ngettext(
                    "it says bundle {numbers} was abandoned, which cannot be (its own number is {seq}): "
                    "ignored, so a missing bundle with that number is still reported",
                    "it says bundles {numbers} were abandoned, which cannot be (its own number is {seq}): "
                    "ignored, so missing bundles with those numbers are still reported",
                    len(ignored),
                ).format(numbers=", ".join(map(str, ignored)), seq=m.sequence)
            )
        with session.begin_nested():
            still_trusted(session, bundle)
            if session.get(ReceivedBundle, m.bundle_id) is not None:
                report.status = "duplicate"
                return report
            authorised = authorise_return(session, m, bundle.payload, at=at)
            inspection, aside = authorised.inspection, authorised.set_aside
            if at == "lead" and inspection.lead_inspector_id != keys.identity.id:
                raise BundleRefused(
                    "not-lead",
                    _("this installation ({me}) is not the lead inspector of that inspection").format(
                        me=keys.identity.id
                    ),
                )
            report.reviews = merge_reviews(
                session,
                [r for r in bundle.payload.reviews if r.id not in aside],
                inspection_id=m.inspection_id,
                bundle_id=m.bundle_id,
                sender_id=m.sender.id,
                origin="received" if at == "hq" else "collated",
                area_instruments=area_instruments(
                    framework_from_session(session, inspection.framework_id, inspection.framework_version)
                ),
            ) + keep_aside(
                session,
                [r for r in bundle.payload.reviews if r.id in aside],
                aside,
                inspection_id=m.inspection_id,
                bundle_id=m.bundle_id,
                sender_id=m.sender.id,
                keep=at == "hq",
            )
            _received(session, bundle, report.reviews)
        report.status = "imported"
    except OmiError as error:
        report.status = "refused"
        report.reason = str(error)
        report.code = getattr(error, "code", "refused")
        report.reviews = []
    return report


def import_return(store: Store, path: Path, keys: PrivateKeys, *, at: str = "hq") -> ImportReport:
    """Verify, authorise and merge one return bundle; ``at`` is "hq" or "lead" (collation)."""
    return run_to_end(import_returns(store, [path], keys, at=at))[0]


def import_returns(
    store: Store, paths: Sequence[Path], keys: PrivateKeys, *, at: str = "hq"
) -> Operation[list[ImportReport]]:
    """Import several bundles, each all-or-nothing on its own (yields progress).

    The batch is one transaction with a savepoint per bundle: a refused bundle rolls back its own
    savepoint only, and the batch is committed (and synced) once.
    """
    if at == "hq" and keys.identity.role != "hq":
        raise RefusedError(
            _(
                "this is not a head-office installation ({me} is an inspector's); a lead inspector "
                "collates the team's returns with 'omi collate'"
            ).format(me=keys.identity.id)
        )
    reports = []
    with store.write() as session:
        for n, path in enumerate(paths):
            yield Progress(n, len(paths), _("Importing {name}").format(name=Path(path).name))
            reports.append(_import_in(session, store, Path(path), keys, at))
    # Gaps as they stand after the whole batch (bundle 2 imported after bundle 3 closes the gap).
    for report in reports:
        if report.status != "refused" and report.inspection_id and report.sender:
            report.gaps = sequence_gaps(store, "return", report.inspection_id, report.sender)
    yield Progress(len(paths), len(paths), _("Done"))
    return reports
