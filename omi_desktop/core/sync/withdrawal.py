"""Withdrawn cases. An assignment is the complete current allocation of its assignee (the lead's: every case
of the inspection), so a case an earlier assignment delivered that a newer one does not list has been
withdrawn: replaced at head office, or allocated to another inspector.

Head office records which cases each assignment delivered (``sent_bundle.contents``: ``[[case id,
reference], ...]``) and names the cases a new assignment withdraws, with the reason.

On the laptop, importing the assignment takes each withdrawn case out of the inspection, keeping a
tombstone (``case_withdrawal``: reference, dates, which assignment withdrew it). A review begun on it is
kept there as it stood, read-only, in return-payload form; it travels in the next return marked
``withdrawn`` and head office keeps it aside (core/sync/setaside.py), never merging it, so it neither
blocks a return nor touches the case's new inspector's review. After head office's receipt, purge removes
it like any acknowledged review.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from omi_desktop.core.clock import utcnow
from omi_desktop.core.i18n import _
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import (
    AllocationChange,
    Case,
    CaseWithdrawal,
    Review,
    ReviewSync,
    ReviewVersion,
    SentBundle,
)
from omi_desktop.core.sync.reviewdata import Outgoing, current_hashes, outgoing_reviews

REASONS = ("removed", "reallocated", "unlisted")


# -- head office ---------------------------------------------------------------------------------------------
def delivered_cases(session: Session, inspection_id: str, inspector_id: str) -> dict[str, str]:
    """Every case (id -> reference) an assignment issued here to ``inspector_id`` delivered."""
    found: dict[str, str] = {}
    rows = session.execute(
        select(SentBundle.contents)
        .where(
            SentBundle.kind == "assignment",
            SentBundle.inspection_id == inspection_id,
            SentBundle.subject == inspector_id,
            SentBundle.state == "complete",
        )
        .order_by(SentBundle.sequence)
    ).scalars()
    for contents in rows:
        for case_id, reference in contents or []:
            found[case_id] = reference
    return found


def once_allocated(session: Session, inspection_id: str, inspector_id: str) -> set[str]:
    """References of the cases the allocation record shows ``inspector_id`` was ever given."""
    return set(
        session.execute(
            select(AllocationChange.case_reference).where(
                AllocationChange.inspection_id == inspection_id,
                AllocationChange.to_inspector == inspector_id,
            )
        ).scalars()
    )


def withdrawn_by(
    session: Session, inspection_id: str, assignee: str, listed: Iterable[str]
) -> list[dict[str, str]]:
    """The cases earlier assignments delivered to ``assignee`` that a new one listing ``listed`` withdraws."""
    earlier = delivered_cases(session, inspection_id, assignee)
    gone = {case_id: ref for case_id, ref in earlier.items() if case_id not in set(listed)}
    if not gone:
        return []
    live = set(
        session.execute(
            select(Case.id).where(Case.inspection_id == inspection_id, Case.id.in_(list(gone)))
        ).scalars()
    )
    return [
        {"id": case_id, "reference": ref, "reason": "reallocated" if case_id in live else "removed"}
        for case_id, ref in sorted(gone.items(), key=lambda item: item[1])
    ]


# -- the laptop: importing an assignment ---------------------------------------------------------------------
@dataclass(frozen=True)
class WithdrawalInfo:
    """A case withdrawn from this installation, and where its review stands."""

    reference: str
    reason: str  # removed | reallocated | unlisted
    withdrawn_at: datetime
    assignment_sequence: int
    commencement_date: date | None
    review_status: str | None  # the review's state when withdrawn (None: never opened)
    disposition: str  # removed | kept | with_head_office | author_returns
    revision: int | None = None
    exported_at: datetime | None = None
    acknowledged_at: datetime | None = None
    purged_at: datetime | None = None

    @property
    def standing(self) -> str:
        """removed, to_return, awaiting_receipt, acknowledged, purged, with_head_office or author_returns."""
        if self.disposition != "kept":
            return self.disposition
        if self.purged_at is not None:
            return "purged"
        if self.acknowledged_at is not None:
            return "acknowledged"
        return "awaiting_receipt" if self.exported_at is not None else "to_return"

    def reason_text(self) -> str:
        return {
            "removed": _("no longer in the inspection (for example, replaced by another case)"),
            "reallocated": _("allocated to another inspector"),
            "unlisted": _("no longer allocated to you"),
        }[self.reason]

    def standing_text(self) -> str:
        return {
            "removed": _("nothing had been started; its personal data was removed"),
            "to_return": _(
                "your review (kept as it stood, read-only) goes to head office with your next export"
            ),
            "awaiting_receipt": _(
                "your review went to head office; it is removed here after head office's receipt"
            ),
            "acknowledged": _("head office has your review; remove it with the acknowledged case data"),
            "purged": _("head office has your review; removed here"),
            "with_head_office": _("head office already has your review; its personal data was removed"),
            "author_returns": _("a team member's review collated here; its author returns it"),
        }[self.standing]

    def as_json(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "reason": self.reason,
            "withdrawn_at": self.withdrawn_at.isoformat(),
            "assignment_sequence": self.assignment_sequence,
            "review_status": self.review_status,
            "disposition": self.disposition,
            "standing": self.standing,
            "revision": self.revision,
        }


def _info(row: CaseWithdrawal) -> WithdrawalInfo:
    return WithdrawalInfo(
        row.reference,
        row.reason,
        row.withdrawn_at,
        row.assignment_sequence,
        row.commencement_date,
        row.review_status,
        row.disposition,
        row.revision,
        row.exported_at,
        row.acknowledged_at,
        row.purged_at,
    )


def _disposition(
    session: Session, review: Review | None, sync: ReviewSync | None
) -> tuple[str, Outgoing | None]:
    if review is None or review.status == "not_started":
        return "removed", None
    if sync is not None and sync.purged_at is not None:
        return "with_head_office", None
    revision, sha = current_hashes(session, [review.id])[review.id]
    if (
        sync is not None
        and sync.origin in ("collated", "received")
        and (
            sync.base_revision,
            sync.base_sha256,
        )
        == (revision, sha)
    ):
        return "author_returns", None
    if sync is not None and (sync.acknowledged_revision, sync.acknowledged_sha256) == (revision, sha):
        return "with_head_office", None
    return "kept", outgoing_reviews(session, [review.id])[0]


def withdraw_unlisted(
    session: Session,
    inspection_id: str,
    listed: Iterable[str],
    reasons: dict[str, str],
    *,
    bundle_id: str,
    sequence: int,
) -> list[WithdrawalInfo]:
    """Take out of the inspection every case held here that the assignment does not list (in its transaction).

    ``reasons``: case id -> the reason head office gave (``removed`` or ``reallocated``).
    """
    listed = set(listed)
    held = [
        case
        for case in session.execute(
            select(Case).where(Case.inspection_id == inspection_id).order_by(Case.reference)
        ).scalars()
        if case.id not in listed
    ]
    if not held:
        return []
    now = utcnow()
    rows = [
        _tombstone(session, case, reasons.get(case.id, "unlisted"), bundle_id, sequence, now) for case in held
    ]
    session.add_all(rows)
    session.flush()
    ids = [case.id for case in held]
    for stale in [o for o in session.identity_map.values() if isinstance(o, (Case, Review))]:
        if getattr(stale, "case_id", None) in ids or stale.id in ids:
            session.expunge(stale)
    # The case leaves the inspection; its review, answers, audit trail and sync records go with it (foreign
    # keys cascade). What a person decided is kept in the tombstone.
    session.execute(delete(Case.__table__).where(Case.__table__.c.id.in_(ids)))
    return [_info(row) for row in rows]


def _tombstone(
    session: Session, case: Case, reason: str, bundle_id: str, sequence: int, now: datetime
) -> CaseWithdrawal:
    """The withdrawal row of one case: its reference and dates, and its begun review as it stands."""
    review = (
        session.execute(select(Review).where(Review.case_id == case.id, Review.instrument == "case"))
        .scalars()
        .first()
    )
    sync = session.get(ReviewSync, review.id) if review is not None else None
    disposition, kept = _disposition(session, review, sync)
    row = CaseWithdrawal(
        inspection_id=case.inspection_id,
        case_id=case.id,
        reference=case.reference,
        commencement_date=case.commencement_date,
        end_date=case.end_date,
        inspector_id=case.inspector_id,
        reason=reason,
        assignment_bundle_id=bundle_id,
        assignment_sequence=sequence,
        withdrawn_at=now,
        review_id=review.id if review is not None else None,
        review_status=review.status if review is not None else None,
        disposition=disposition,
    )
    if kept is not None:
        row.review, row.revision, row.sha256 = kept.item, kept.revision, kept.sha256
        if sync is not None and (sync.exported_revision, sync.exported_sha256) == (
            kept.revision,
            kept.sha256,
        ):
            row.exported_bundle_id, row.exported_at = sync.exported_bundle_id, sync.exported_at
    return row


def release_reallocated(session: Session, moved: dict[str, str | None]) -> int:
    """The lead's collation: a case now allocated to someone else lets go of a team member's review of it
    that was collated here and not changed since. Its author returns it, and head office keeps it aside;
    here it would stand for the case in the lead's figures and clash with the new inspector's review."""
    released = 0
    for case_id, owner in moved.items():
        review = session.execute(
            select(Review.id).where(Review.case_id == case_id, Review.instrument == "case")
        ).scalar()
        sync = session.get(ReviewSync, review) if review is not None else None
        if sync is None or sync.origin != "collated":
            continue
        if (sync.base_revision, sync.base_sha256) != current_hashes(session, [review])[review]:
            continue  # the lead changed it: the lead's own work, kept and returned by the lead
        author = session.execute(
            select(ReviewVersion.sender_id)
            .where(ReviewVersion.review_id == review, ReviewVersion.sender_id.is_not(None))
            .order_by(ReviewVersion.revision.desc())
        ).scalar()
        if author is None or author == owner:
            continue
        session.execute(delete(Review.__table__).where(Review.__table__.c.id == review))
        released += 1
    return released


def withdrawn_cases(store: Store, inspection_id: str) -> list[WithdrawalInfo]:
    """Cases withdrawn from this installation in an inspection, newest first."""
    with store.read() as session:
        rows = session.execute(
            select(CaseWithdrawal)
            .where(CaseWithdrawal.inspection_id == inspection_id)
            .order_by(CaseWithdrawal.withdrawn_at.desc(), CaseWithdrawal.reference)
        ).scalars()
        return [_info(row) for row in rows]


def known_case(session: Session, inspection_id: str, case_id: str) -> bool:
    """The lead's collation: whether this store holds, or held and withdrew, the case."""
    live = session.execute(
        select(Case.id).where(Case.id == case_id, Case.inspection_id == inspection_id)
    ).first()
    if live is not None:
        return True
    return (
        session.execute(
            select(CaseWithdrawal.id).where(
                CaseWithdrawal.case_id == case_id, CaseWithdrawal.inspection_id == inspection_id
            )
        ).first()
        is not None
    )


# -- the laptop: export, receipt, purge ----------------------------------------------------------------------
def _waiting(inspection_id: str) -> tuple[Any, ...]:
    return (
        CaseWithdrawal.inspection_id == inspection_id,
        CaseWithdrawal.disposition == "kept",
        CaseWithdrawal.acknowledged_at.is_(None),
        CaseWithdrawal.purged_at.is_(None),
    )


def withdrawn_waiting(session: Session, inspection_id: str) -> int:
    """How many kept reviews of withdrawn cases head office has not acknowledged yet."""
    return session.execute(select(func.count(CaseWithdrawal.id)).where(*_waiting(inspection_id))).scalar_one()


def withdrawn_outgoing(session: Session, inspection_id: str) -> list[Outgoing]:
    """Kept reviews of withdrawn cases that head office has not acknowledged: they go in every export."""
    rows = session.execute(select(CaseWithdrawal).where(*_waiting(inspection_id))).scalars()
    result = []
    for row in rows:
        item = {**row.review, "withdrawn": True}
        based_on = item["based_on"]
        result.append(
            Outgoing(
                item, row.review_id, row.revision, row.sha256, (based_on["revision"], based_on["sha256"])
            )
        )
    return sorted(result, key=lambda o: (o.item["case_reference"] or "", o.review_id))


def mark_withdrawn_exported(session: Session, review_ids: Sequence[str], bundle_id: str) -> set[str]:
    """Record an export of kept reviews of withdrawn cases; returns the ids that were such reviews."""
    table = CaseWithdrawal.__table__
    found = set(
        session.execute(
            select(table.c.review_id).where(
                table.c.review_id.in_(list(review_ids)), table.c.disposition == "kept"
            )
        ).scalars()
    )
    if found:
        session.execute(
            update(table)
            .where(table.c.review_id.in_(list(found)), table.c.disposition == "kept")
            .values(exported_bundle_id=bundle_id, exported_at=utcnow())
        )
    return found


def acknowledge_withdrawn(
    session: Session, listed: set[tuple[str, int, str]], receipt_id: str
) -> dict[str, int]:
    """A receipt: kept reviews of withdrawn cases whose version head office lists become acknowledged."""
    counts = {"acknowledged": 0, "already": 0}
    ids = sorted({review_id for review_id, _rev, _sha in listed})
    if not ids:
        return counts
    rows = session.execute(
        select(CaseWithdrawal).where(CaseWithdrawal.review_id.in_(ids), CaseWithdrawal.disposition == "kept")
    ).scalars()
    for row in rows:
        if (row.review_id, row.revision, row.sha256) not in listed:
            continue
        if row.acknowledged_at is not None or row.purged_at is not None:
            counts["already"] += 1
            continue
        row.acknowledged_receipt_id, row.acknowledged_at = receipt_id, utcnow()
        session.add(row)
        counts["acknowledged"] += 1
    return counts


def withdrawn_review_ids(session: Session, review_ids: Sequence[str]) -> set[str]:
    table = CaseWithdrawal.__table__
    return set(
        session.execute(select(table.c.review_id).where(table.c.review_id.in_(list(review_ids)))).scalars()
    )


def purgeable_withdrawn(session: Session) -> list[CaseWithdrawal]:
    """Kept reviews of withdrawn cases that head office acknowledged and that still hold their content."""
    return list(
        session.execute(
            select(CaseWithdrawal).where(
                CaseWithdrawal.acknowledged_at.is_not(None),
                CaseWithdrawal.purged_at.is_(None),
                CaseWithdrawal.review.is_not(None),
            )
        ).scalars()
    )


def purge_withdrawn(session: Session, review_ids: Sequence[str]) -> None:
    table = CaseWithdrawal.__table__
    session.execute(
        update(table)
        .where(table.c.review_id.in_(list(review_ids)), table.c.acknowledged_at.is_not(None))
        .values(review=None, purged_at=utcnow())
    )
