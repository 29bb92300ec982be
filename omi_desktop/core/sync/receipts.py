"""Receipts and purge. Head office signs a receipt (.omir) listing every version of an inspector's reviews
it holds (accepted, or kept in a conflict); the laptop imports it and the reviews whose current version is
listed become acknowledged; ``purge`` then removes their personal data, keeping tombstones."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlmodel import Session

from omi_desktop.core.clock import utcnow
from omi_desktop.core.errors import RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.inspections import resolve_inspection
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import (
    Case,
    Inspection,
    ReceivedBundle,
    Review,
    ReviewSync,
    ReviewVersion,
    SetAsideReview,
)
from omi_desktop.core.sync.assignment import enrolled_identity
from omi_desktop.core.sync.bundle import open_bundle, read_file
from omi_desktop.core.sync.errors import BundleRefused
from omi_desktop.core.sync.keys import PrivateKeys
from omi_desktop.core.sync.outbox import IssuedBundle, destination, issue
from omi_desktop.core.sync.purgecopies import (
    CopiesReport,
    copies_holding,
    planned_ids,
    purge_copies,
)
from omi_desktop.core.sync.purgestatements import purge_statements
from omi_desktop.core.sync.returns import _received, still_trusted
from omi_desktop.core.sync.reviewdata import chunks, current_hashes
from omi_desktop.core.sync.trust import signer_from_store
from omi_desktop.core.sync.withdrawal import (
    acknowledge_withdrawn,
    purge_withdrawn,
    purgeable_withdrawn,
    withdrawn_review_ids,
)


def _receipt_payload(session: Session, inspection_id: str, inspector_id: str) -> dict[str, Any]:
    bundles = session.execute(
        select(ReceivedBundle.bundle_id, ReceivedBundle.sequence)
        .where(
            ReceivedBundle.kind == "return",
            ReceivedBundle.inspection_id == inspection_id,
            ReceivedBundle.sender_id == inspector_id,
        )
        .order_by(ReceivedBundle.sequence)
    ).all()
    # The lead collated the team's returns: their receipt lists every version head office holds of the
    # inspection's reviews, whoever sent it, so that the lead's collated copies can be purged too.
    inspection = session.get(Inspection, inspection_id)
    senders = (
        []
        if inspection is not None and inspection.lead_inspector_id == inspector_id
        else [ReviewVersion.sender_id == inspector_id]
    )
    versions = session.execute(
        select(ReviewVersion.review_id, ReviewVersion.revision, ReviewVersion.sha256, ReviewVersion.state)
        .join(Review, Review.id == ReviewVersion.review_id)
        .where(
            Review.inspection_id == inspection_id,
            *senders,
            ReviewVersion.bundle_id.is_not(None),
        )
        .order_by(ReviewVersion.review_id, ReviewVersion.revision)
    ).all()
    set_aside = session.execute(
        select(SetAsideReview.review_id, SetAsideReview.revision, SetAsideReview.sha256)
        .where(SetAsideReview.inspection_id == inspection_id, SetAsideReview.sender_id == inspector_id)
        .order_by(SetAsideReview.review_id, SetAsideReview.revision)
    ).all()
    return {
        "payload": "receipt",
        "inspection_id": inspection_id,
        "subject": inspector_id,
        "bundles": [{"bundle_id": b.bundle_id, "sequence": b.sequence} for b in bundles],
        "reviews": [
            {
                "review_id": v.review_id,
                "revision": v.revision,
                "sha256": v.sha256,
                "outcome": "conflict" if v.state == "conflict" else "accepted",
            }
            for v in versions
        ]
        + [
            {"review_id": v.review_id, "revision": v.revision, "sha256": v.sha256, "outcome": "set_aside"}
            for v in set_aside
        ],
    }


def issue_receipt(
    store: Store, keys: PrivateKeys, *, inspector_id: str, out: Path | str, inspection_ref: str | None = None
) -> IssuedBundle:
    """HQ: a signed receipt for everything received from ``inspector_id`` in one inspection."""
    if keys.identity.role != "hq":
        raise RefusedError(_("only a head-office installation issues receipts"))
    info = resolve_inspection(store, inspection_ref)
    path = destination(out, "receipt")
    with store.read() as session:
        recipient = enrolled_identity(session, inspector_id)
        payload = _receipt_payload(session, info.id, inspector_id)
    if not payload["bundles"] and not payload["reviews"]:
        raise RefusedError(
            _("nothing has been received from {id} for this inspection yet").format(id=inspector_id)
        )
    return issue(
        store,
        keys,
        kind="receipt",
        inspection=info,
        recipient=recipient,
        subject=inspector_id,
        path=path,
        payload=payload,
        items=len(payload["reviews"]),
    )


@dataclass(frozen=True)
class ReceiptReport:
    path: str
    status: str  # imported | duplicate
    receipt_id: str
    acknowledged: int  # reviews newly acknowledged
    already: int  # already acknowledged at that version
    changed_since: int  # listed, but changed here since: still to be returned
    unknown: int  # listed, but not in this store
    collated_newer: int = (
        0  # the lead's copy of a team review, newer than head office's: its author returns it
    )
    acknowledged_collated: int = 0  # of ``acknowledged``, the lead's copies of the team's reviews

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def import_receipt(store: Store, path: Path | str, keys: PrivateKeys) -> ReceiptReport:
    """Laptop: verify a receipt signed by the pinned HQ key; acknowledge the versions it lists."""
    raw = read_file(path)
    signer = signer_from_store(
        store, sources=("pinned", "training"), what=_("receipts (only the pinned head-office key is)")
    )
    bundle = open_bundle(raw, signer=signer, me=keys, kinds=("receipt",))
    m, payload = bundle.manifest, bundle.payload
    if (
        payload.subject != keys.identity.id
        or m.subject != payload.subject
        or payload.inspection_id != m.inspection_id
    ):
        raise BundleRefused(
            "not-for-me",
            _("this receipt is for {who}, not for {me}").format(who=payload.subject, me=keys.identity.id),
        )
    counts = dict.fromkeys(("acknowledged", "already", "changed_since", "unknown", "collated_newer"), 0)
    counts["acknowledged_collated"] = 0
    with store.write() as session:
        still_trusted(session, bundle)
        if session.get(Inspection, m.inspection_id) is None:
            raise BundleRefused(
                "unknown-inspection", _("the receipt is for an inspection that is not in this data folder")
            )
        if session.get(ReceivedBundle, m.bundle_id) is not None:
            return ReceiptReport(str(path), "duplicate", m.bundle_id, **counts)
        listed = {(r.review_id, r.revision, r.sha256) for r in payload.reviews}
        ids = sorted({r.review_id for r in payload.reviews})
        here = current_hashes(session, ids)
        withdrawn = withdrawn_review_ids(session, [i for i in ids if i not in here])
        for name, n in acknowledge_withdrawn(
            session, {entry for entry in listed if entry[0] in withdrawn}, m.bundle_id
        ).items():
            counts[name] += n
        now = utcnow()
        for review_id in ids:
            if review_id in withdrawn:
                continue
            if review_id not in here:
                counts["unknown"] += 1
                continue
            revision, sha = here[review_id]
            purged = session.get(ReviewSync, review_id)
            if purged is not None and purged.purged_at is not None:
                counts["already"] += 1
                continue
            collated = purged is not None and purged.origin == "collated"
            if (review_id, revision, sha) not in listed:
                # A team review collated here is not this installation's to return: its author does.
                counts["collated_newer" if collated else "changed_since"] += 1
                continue
            row = session.get(ReviewSync, review_id) or ReviewSync(review_id=review_id)
            if row.purged_at is not None or (row.acknowledged_revision, row.acknowledged_sha256) == (
                revision,
                sha,
            ):
                counts["already"] += 1
                continue
            row.acknowledged_revision, row.acknowledged_sha256 = revision, sha
            row.acknowledged_receipt_id, row.acknowledged_at = m.bundle_id, now
            session.add(row)
            counts["acknowledged"] += 1
            counts["acknowledged_collated"] += int(collated)
        # Head office has the sender's returns up to this number: the numbers abandoned below it need not be
        # listed again (see outbox.abandoned_sequences).
        _received(
            session, bundle, None, returns_through=max((b.sequence for b in payload.bundles), default=0)
        )
    return ReceiptReport(str(path), "imported", m.bundle_id, **counts)


# -- purge ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PurgeItem:
    review_id: str
    case_reference: str | None
    revision: int
    receipt_id: str
    instrument: str = "case"
    respondent: str | None = None  # a questionnaire's label
    withdrawn: bool = False  # the kept review of a case withdrawn from this installation

    @property
    def label(self) -> str:
        """The case reference, the questionnaire's label, or the instrument (an area assessment)."""
        return self.case_reference or self.respondent or self.instrument


def purgeable(store: Store, *, collated: bool = False) -> list[PurgeItem]:
    """Reviews whose current version head office has acknowledged and that still hold personal data.

    ``collated``: the lead's copies of the team's reviews too (left out unless asked for).
    """
    origins = ("local", "received", "collated") if collated else ("local", "received")
    with store.read() as session:
        withdrawn = [
            PurgeItem(w.review_id, w.reference, w.revision, w.acknowledged_receipt_id, withdrawn=True)
            for w in purgeable_withdrawn(session)
        ]
        rows = session.execute(
            select(ReviewSync, Case.reference, Review.instrument, Review.respondent)
            .join(Review, Review.id == ReviewSync.review_id)
            .join(Case, Case.id == Review.case_id, isouter=True)
            .where(
                ReviewSync.acknowledged_revision.is_not(None),
                ReviewSync.purged_at.is_(None),
                ReviewSync.origin.in_(origins),
            )
        ).all()
        here = current_hashes(session, [r.ReviewSync.review_id for r in rows])
    items = []
    for sync, reference, instrument, respondent in rows:
        if here.get(sync.review_id) == (sync.acknowledged_revision, sync.acknowledged_sha256):
            items.append(
                PurgeItem(
                    sync.review_id,
                    reference,
                    sync.acknowledged_revision,
                    sync.acknowledged_receipt_id,
                    instrument,
                    respondent,
                )
            )
    return sorted(
        items + withdrawn,
        key=lambda i: (i.case_reference or "", i.instrument, i.respondent or "", i.review_id),
    )


@dataclass(frozen=True)
class PurgeReport:
    items: list[PurgeItem]
    copies: CopiesReport  # the backups (and restore leftovers) deleted, the fresh backup taken


def purge(store: Store, *, collated: bool = False) -> PurgeReport:
    """Purge acknowledged reviews, then every older copy of the database that still holds their data."""
    items = _purge_store(store, collated=collated)
    return PurgeReport(items, purge_copies(store, purged_now=bool(items)))


def copies_to_clean(store: Store, items: list[PurgeItem]) -> list[str]:
    """The copies of the database (backups, what restores set aside) that purging ``items`` would clean."""
    withdrawn = [i.review_id for i in items if i.withdrawn]
    plan = planned_ids(store, [i.review_id for i in items if not i.withdrawn], withdrawn)
    return copies_holding(store, plan)


def purge_acknowledged(store: Store) -> list[PurgeItem]:
    """``purge`` for callers that show only the reviews purged (the backups are dealt with all the same)."""
    return purge(store).items


def _purge_store(store: Store, *, collated: bool = False) -> list[PurgeItem]:
    """Remove the answers, notes, audit trail and case facts of acknowledged reviews, in one transaction.

    What stays (the tombstone): the review row (id, revision, status, dates), its sync record with the
    receipt id, and the case's reference, dates and allocation, so nothing is exported twice or looks lost.
    Deleted content is overwritten in the file (``secure_delete``), not only unlinked from it.
    """
    items = purgeable(store, collated=collated)
    if not items:
        return []
    ids = [i.review_id for i in items if not i.withdrawn]
    now = utcnow()
    with store.write() as session:
        session.execute(text("PRAGMA secure_delete = ON"))
        purge_withdrawn(session, [i.review_id for i in items if i.withdrawn])  # read-only: cannot change
        here = current_hashes(session, ids)
        for item in (i for i in items if not i.withdrawn):  # an edit in between keeps its data
            if here.get(item.review_id, (None,))[0] != item.revision:
                raise RefusedError(
                    _("review {ref} changed while purging; nothing was removed").format(ref=item.label)
                )
        for part in chunks(ids):
            for _table, statement in purge_statements(part, now):
                session.execute(statement)
    return items
