"""``omi export``: the return bundle of finalised reviews head office has not yet acknowledged.

Order of work (a crash at any point leaves either no bundle or a complete valid one, and never marks a
review exported without its bundle): reserve the sequence number -> build, sign and encrypt -> write to a
temporary file, sync, read back and verify -> rename into place -> in one transaction, mark the bundle
complete and each review exported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlmodel import Session

from omi_desktop.core.clock import utcnow
from omi_desktop.core.errors import RefusedError
from omi_desktop.core.i18n import _, ngettext
from omi_desktop.core.inspections import InspectionInfo, resolve_inspection
from omi_desktop.core.progress import Operation, Progress
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import InspectionSync, Review, ReviewSync, SentBundle, TrustedKey
from omi_desktop.core.sync.bundle import write_bundle
from omi_desktop.core.sync.keys import PrivateKeys, PublicIdentity, display_fingerprint
from omi_desktop.core.sync.outbox import (
    abandoned_sequences,
    complete,
    destination,
    release,
    reserve,
    self_check,
    settle_pending,
    write_atomically,
)
from omi_desktop.core.sync.reviewdata import Outgoing, outgoing_reviews
from omi_desktop.core.sync.trust import TrustedKeyInfo
from omi_desktop.core.sync.withdrawal import mark_withdrawn_exported, withdrawn_outgoing, withdrawn_waiting


@dataclass(frozen=True)
class ExportItem:
    review_id: str
    case_reference: str | None
    instrument: str
    revision: int
    sha256: str
    previously_exported: bool
    respondent: str | None = None  # a questionnaire's label
    withdrawn: bool = (
        False  # the review of a case withdrawn from this installation (head office keeps it aside)
    )

    @property
    def label(self) -> str:
        """The case reference, the questionnaire's label, or the instrument (an area assessment)."""
        return self.case_reference or self.respondent or self.instrument


@dataclass(frozen=True)
class ExportPlan:
    """What an export would hold, for the export dialog and ``omi export --dry-run``."""

    inspection: InspectionInfo
    recipients: tuple[PublicIdentity, ...]
    items: tuple[ExportItem, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "inspection": self.inspection.id,
            "recipients": [r.id for r in self.recipients],
            "reviews": [
                {
                    "review_id": i.review_id,
                    "case_reference": i.case_reference,
                    "instrument": i.instrument,
                    "respondent": i.respondent,
                    "revision": i.revision,
                    "previously_exported": i.previously_exported,
                    "withdrawn": i.withdrawn,
                }
                for i in self.items
            ],
        }


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    sequence: int
    sha256: str
    reviews: int
    recipients: tuple[str, ...]
    recovered: tuple[str, ...] = ()
    withdrawn: int = 0  # of the reviews, those of cases withdrawn from this installation

    @property
    def fingerprint(self) -> str:
        """The bundle file's SHA-256 as eight groups of four, to read out when handing a stick over."""
        return display_fingerprint(self.sha256)

    def as_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "bundle_id": self.bundle_id,
            "sequence": self.sequence,
            "sha256": self.sha256,
            "fingerprint": self.fingerprint,
            "reviews": self.reviews,
            "recipients": list(self.recipients),
            "recovered": list(self.recovered),
            "withdrawn": self.withdrawn,
        }


def _recipients(session: Session, sync: InspectionSync) -> tuple[PublicIdentity, ...]:
    found = []
    for recipient in sync.return_recipients:
        if recipient == sync.assignee:
            continue  # the lead's own returns go to head office only
        rows = session.execute(
            select(TrustedKey).where(TrustedKey.identity_id == recipient, TrustedKey.status == "active")
        ).scalars()
        usable = [
            r
            for r in rows
            if r.source in ("pinned", "training")
            or (r.source == "assignment" and r.inspection_id == sync.inspection_id)
        ]
        if not usable:
            raise RefusedError(
                _("there is no trusted key for {id}, who must receive this return").format(id=recipient)
            )
        found.append(TrustedKeyInfo.of(usable[-1]).identity)
    return tuple(found)


def _candidates(session: Session, inspection_id: str) -> list[Outgoing]:
    rows = session.execute(
        select(
            Review.id,
            ReviewSync.origin,
            ReviewSync.purged_at,
            ReviewSync.base_revision,
            ReviewSync.base_sha256,
            ReviewSync.acknowledged_revision,
            ReviewSync.acknowledged_sha256,
        )
        .join(ReviewSync, ReviewSync.review_id == Review.id, isouter=True)
        .where(Review.inspection_id == inspection_id, Review.status == "finalised")
        .order_by(Review.id)
    ).all()
    eligible = {r.id: r for r in rows if r.purged_at is None}
    result = []
    for out in outgoing_reviews(session, list(eligible)):
        row = eligible[out.review_id]
        if (row.acknowledged_revision, row.acknowledged_sha256) == (out.revision, out.sha256):
            continue  # head office has this very version
        if row.origin in ("collated", "received") and (row.base_revision, row.base_sha256) == (
            out.revision,
            out.sha256,
        ):
            continue  # received from a team member and unchanged here: they return it themselves
        result.append(out)
    return result


def plan_export(store: Store, inspection_ref: str | None = None) -> ExportPlan:
    return _plan(store, inspection_ref)[0]


def _plan(store: Store, inspection_ref: str | None) -> tuple[ExportPlan, list[Outgoing]]:
    inspection = resolve_inspection(store, inspection_ref)
    with store.read() as session:
        sync = session.get(InspectionSync, inspection.id)
        if sync is None:
            raise RefusedError(
                _("{title} did not arrive as an assignment, so there is no one to return it to").format(
                    title=inspection.label
                )
            )
        recipients = _recipients(session, sync)
        exported = {
            r.review_id: r.exported_revision
            for r in session.execute(
                select(ReviewSync).where(ReviewSync.exported_revision.is_not(None))
            ).scalars()
        }
        outgoing = _candidates(session, inspection.id)
        withdrawn = withdrawn_outgoing(session, inspection.id)
    items = tuple(
        ExportItem(
            o.review_id,
            o.item["case_reference"],
            o.item["instrument"],
            o.revision,
            o.sha256,
            exported.get(o.review_id) is not None,
            o.item["respondent"],
        )
        for o in outgoing
    ) + tuple(
        ExportItem(
            o.review_id,
            o.item["case_reference"],
            o.item["instrument"],
            o.revision,
            o.sha256,
            False,
            None,
            withdrawn=True,
        )
        for o in withdrawn
    )
    items = tuple(
        sorted(items, key=lambda i: (i.case_reference or "~", i.instrument, i.respondent or "", i.review_id))
    )
    return ExportPlan(inspection, recipients, items), outgoing + withdrawn


def _mark_exported(bundle_id: str, contents: Sequence[Sequence[Any]]) -> Any:
    def mark(session: Session, *_: Any) -> None:
        now = utcnow()
        table = ReviewSync.__table__
        values = [
            {
                "key": review_id,
                "exported_revision": revision,
                "exported_sha256": sha,
                "exported_base_revision": base_revision,
                "exported_base_sha256": base_sha,
                "exported_bundle_id": bundle_id,
                "exported_at": now,
            }
            for review_id, revision, sha, base_revision, base_sha in contents
        ]
        kept_aside = mark_withdrawn_exported(session, [v["key"] for v in values], bundle_id)
        values = [v for v in values if v["key"] not in kept_aside]  # they have no review row here any more
        if not values:
            return
        ids = [v["key"] for v in values]
        have = set(session.execute(select(table.c.review_id).where(table.c.review_id.in_(ids))).scalars())
        new = [
            {**{k: v for k, v in row.items() if k != "key"}, "review_id": row["key"]}
            for row in values
            if row["key"] not in have
        ]
        if new:
            session.execute(insert(table), new)
        old = [row for row in values if row["key"] in have]
        if old:
            session.connection().execute(
                update(table)
                .where(table.c.review_id == bindparam("key"))
                .values({name: bindparam(name) for name in values[0] if name != "key"}),
                old,
            )

    return mark


def settle_exports(store: Store, identity: PublicIdentity) -> list[str]:
    """Complete or release return bundles a crash left pending."""

    def mark(session: Session, row: SentBundle) -> None:
        if row.kind == "return":
            _mark_exported(row.bundle_id, row.contents or [])(session)

    return settle_pending(store, identity, mark)


def export_return(
    store: Store, keys: PrivateKeys, out: Path | str, inspection_ref: str | None = None
) -> Operation[ExportResult]:
    """Write the return bundle (yields progress; returns an ``ExportResult``)."""
    yield Progress(0, 5, _("Checking earlier exports"))
    recovered = settle_exports(store, keys.identity)
    path = destination(out, "return")
    plan, outgoing = _plan(store, inspection_ref)
    if not outgoing:
        raise RefusedError(nothing_to_export(store, plan.inspection.id))
    yield Progress(
        1, 5, ngettext("Collected {n} review", "Collected {n} reviews", len(outgoing)).format(n=len(outgoing))
    )
    me = keys.identity.id
    contents = [[o.review_id, o.revision, o.sha256, o.based_on[0], o.based_on[1]] for o in outgoing]
    reservation = reserve(
        store, kind="return", inspection_id=plan.inspection.id, subject=me, path=path, contents=contents
    )
    yield Progress(2, 5, _("Signing and encrypting"))
    payload: dict[str, Any] = {
        "payload": "return",
        "inspection_id": plan.inspection.id,
        "sender": me,
        "reviews": [o.item for o in outgoing],
    }
    skipped = abandoned_sequences(store, kind="return", inspection_id=plan.inspection.id, subject=me)
    if skipped:
        payload["abandoned"] = skipped  # so the receiver does not report them as missing
    written = write_bundle(
        kind="return",
        keys=keys,
        recipients=list(plan.recipients),
        inspection_id=plan.inspection.id,
        framework=(plan.inspection.framework_id, plan.inspection.framework_version),
        subject=me,
        sequence=reservation.sequence,
        payload=payload,
        items=len(outgoing),
        bundle_id=reservation.bundle_id,
    )
    yield Progress(3, 5, _("Writing and verifying {name}").format(name=path.name))
    try:
        write_atomically(path, written.data, self_check(keys.identity, "return"))
    except BaseException:
        release(store, reservation)
        raise
    yield Progress(4, 5, _("Recording the export"))
    complete(store, reservation, written.sha256, _mark_exported(reservation.bundle_id, contents))
    yield Progress(5, 5, _("Done"))
    return ExportResult(
        path,
        reservation.bundle_id,
        reservation.sequence,
        written.sha256,
        len(outgoing),
        tuple(r.id for r in plan.recipients),
        tuple(recovered),
        sum(1 for o in outgoing if o.item.get("withdrawn")),
    )


def nothing_to_export(store: Store, inspection_id: str) -> str:
    """Why an export has nothing to send, in words that are true of this inspection."""
    status = sync_status(store, inspection_id)
    with store.read() as session:
        started = len(
            session.execute(
                select(Review.id).where(
                    Review.inspection_id == inspection_id, Review.status.in_(("in_progress", "complete"))
                )
            ).all()
        )
    if started:
        return ngettext(
            "nothing to export: no finalised review is waiting ({n} review in progress)",
            "nothing to export: no finalised review is waiting ({n} reviews in progress)",
            started,
        ).format(n=started)
    if status.finalised:
        return _("nothing to export: every finalised review has been acknowledged by head office")
    return _("nothing to export: no review has been finalised yet")


@dataclass(frozen=True)
class SyncStatus:
    """Where the finalised reviews of an inspection stand, for the status bar and the export dialog."""

    finalised: int
    not_exported: int  # finalised, and this revision not yet in any bundle
    awaiting_receipt: int  # exported, head office has not acknowledged this revision yet
    acknowledged: int
    purged: int
    withdrawn_to_return: int = 0  # begun reviews of withdrawn cases head office has not acknowledged yet


def sync_status(store: Store, inspection_id: str) -> SyncStatus:
    """Counts by revision number (cheap: no hashing); a revision changes with every edit."""
    with store.read() as session:
        rows = session.execute(
            select(
                Review.revision,
                ReviewSync.exported_revision,
                ReviewSync.acknowledged_revision,
                ReviewSync.purged_at,
                ReviewSync.origin,
                ReviewSync.base_revision,
            )
            .join(ReviewSync, ReviewSync.review_id == Review.id, isouter=True)
            .where(Review.inspection_id == inspection_id, Review.status == "finalised")
        ).all()
        withdrawn = withdrawn_waiting(session, inspection_id)
    counts = {"not_exported": 0, "awaiting_receipt": 0, "acknowledged": 0, "purged": 0}
    finalised = 0
    for revision, exported, acknowledged, purged_at, origin, base in rows:
        if origin in ("collated", "received") and base == revision:
            continue  # someone else's review, unchanged here
        finalised += 1
        if purged_at is not None:
            counts["purged"] += 1
        elif acknowledged == revision:
            counts["acknowledged"] += 1
        elif exported == revision:
            counts["awaiting_receipt"] += 1
        else:
            counts["not_exported"] += 1
    return SyncStatus(finalised, **counts, withdrawn_to_return=withdrawn)
