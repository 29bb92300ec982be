"""Sync tables: identities, trust, bundles sent and received, review versions, conflicts, withdrawn cases."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlmodel import Field

from omi_desktop.core.store.tables.base import _Table, _utc_column
from omi_desktop.core.store.types import JSONValue, new_id


# -- Sync: identities, trust, bundles sent and received, review versions, conflicts (core/sync) -------------
class TrustedKey(_Table, table=True):
    """A public identity this installation trusts: enrolled at HQ, pinned HQ key, or a team member's key.

    ``source``: ``enrolled`` (HQ enrolled an inspector), ``pinned`` (the HQ key an inspector confirmed at
    set-up), ``assignment`` (a team member's key delivered inside an HQ-signed assignment), ``training``.
    """

    __tablename__ = "trusted_key"

    fingerprint: str = Field(primary_key=True)  # SHA-256 of the raw Ed25519 public key, hex
    identity_id: str = Field(index=True)
    name: str
    role: str  # inspector | lead | hq
    signing_key: str  # raw Ed25519 public key, base64
    encryption_key: str  # raw X25519 public key, base64
    source: str
    inspection_id: str | None = None  # for keys that came with an assignment
    status: str = "active"  # active | revoked
    added_at: datetime = _utc_column()
    revoked_at: datetime | None = _utc_column(nullable=True)
    revoked_reason: str | None = None


class InspectionSync(_Table, table=True):
    """How an inspection that arrived as an assignment is returned: who issued it, who receives returns."""

    __tablename__ = "inspection_sync"

    inspection_id: str = Field(
        sa_column_args=[ForeignKey("inspection.id", ondelete="CASCADE")], primary_key=True
    )
    hq_id: str
    assignee: str
    return_recipients: list[str] = Field(default_factory=list, sa_type=JSONValue)
    assignment_bundle_id: str
    assignment_sequence: int
    received_at: datetime = _utc_column()


class SentBundle(_Table, table=True):
    """A bundle this installation wrote; ``pending`` until the file is complete and verified."""

    __tablename__ = "sent_bundle"
    __table_args__ = (
        UniqueConstraint("kind", "inspection_id", "subject", "sequence", name="uq_sent_bundle_sequence"),
    )

    bundle_id: str = Field(primary_key=True)
    kind: str  # assignment | return | receipt
    inspection_id: str
    subject: str
    sequence: int
    path: str
    state: str = "pending"  # pending | complete
    contents: Any = Field(default=None, sa_type=JSONValue, nullable=True)  # [[review id, revision, sha256]]
    sha256: str | None = None
    created_at: datetime = _utc_column()
    completed_at: datetime | None = _utc_column(nullable=True)


class ReceivedBundle(_Table, table=True):
    """A bundle imported here (only bundles that passed every check and were applied)."""

    __tablename__ = "received_bundle"

    bundle_id: str = Field(primary_key=True)
    kind: str
    sender_id: str = Field(index=True)
    sender_fingerprint: str
    inspection_id: str = Field(index=True)
    subject: str
    sequence: int
    created_at: datetime = _utc_column()
    received_at: datetime = _utc_column()
    file_sha256: str
    outcome: Any = Field(default=None, sa_type=JSONValue, nullable=True)


class ReviewSync(_Table, table=True):
    """Sync state of one review: where it came from, what was exported, what HQ acknowledged, purge."""

    __tablename__ = "review_sync"

    review_id: str = Field(sa_column_args=[ForeignKey("review.id", ondelete="CASCADE")], primary_key=True)
    origin: str = "local"  # local | collated | received
    base_revision: int = 0  # the version this copy descends from (0: none)
    base_sha256: str | None = None
    exported_revision: int | None = None
    exported_sha256: str | None = None
    exported_base_revision: int | None = None
    exported_base_sha256: str | None = None
    exported_bundle_id: str | None = None
    exported_at: datetime | None = _utc_column(nullable=True)
    acknowledged_revision: int | None = None
    acknowledged_sha256: str | None = None
    acknowledged_receipt_id: str | None = None
    acknowledged_at: datetime | None = _utc_column(nullable=True)
    purged_at: datetime | None = _utc_column(nullable=True)


class ReviewVersion(_Table, table=True):
    """Every version of a review this store has held or seen: the lineage that decides merges."""

    __tablename__ = "review_version"
    __table_args__ = (UniqueConstraint("review_id", "revision", "sha256", name="uq_review_version"),)

    id: int | None = Field(default=None, primary_key=True)
    review_id: str = Field(sa_column_args=[ForeignKey("review.id", ondelete="CASCADE")], index=True)
    revision: int
    sha256: str
    based_on_revision: int = 0
    based_on_sha256: str | None = None
    state: str  # current | ancestor | conflict | merged
    bundle_id: str | None = None
    sender_id: str | None = Field(default=None, index=True)
    recorded_at: datetime = _utc_column()


class SyncConflict(_Table, table=True):
    """Two versions of one review that diverged; both kept until a person decides each question."""

    __tablename__ = "sync_conflict"

    id: str = Field(default_factory=new_id, primary_key=True)
    review_id: str = Field(sa_column_args=[ForeignKey("review.id", ondelete="CASCADE")], index=True)
    inspection_id: str = Field(index=True)
    bundle_id: str
    sender_id: str
    incoming: Any = Field(sa_type=JSONValue)  # the incoming review, as in the bundle
    base_revision: int  # this store's revision when the conflict was found
    base_sha256: str
    status: str = "open"  # open | resolved
    decisions: Any = Field(default_factory=dict, sa_type=JSONValue)
    created_at: datetime = _utc_column()
    resolved_at: datetime | None = _utc_column(nullable=True)


# -- Sync: cases withdrawn from an inspector, and reviews of them kept aside at head office ------------------
class CaseWithdrawal(_Table, table=True):
    """Laptop: a case that a newer assignment no longer lists (replaced or reallocated at head office).

    The case itself leaves the inspection; this row is its tombstone (reference, dates, which assignment
    withdrew it). A review begun on it is kept here as it stood, in return-payload form, until head office
    acknowledges it; then purge removes it (see core/sync/withdrawal.py).
    """

    __tablename__ = "case_withdrawal"

    id: str = Field(default_factory=new_id, primary_key=True)
    inspection_id: str = Field(sa_column_args=[ForeignKey("inspection.id", ondelete="CASCADE")], index=True)
    case_id: str = Field(index=True)
    reference: str
    commencement_date: date | None = None
    end_date: date | None = None
    inspector_id: str | None = None  # to whom it was allocated here
    reason: str  # removed | reallocated | unlisted
    assignment_bundle_id: str
    assignment_sequence: int
    withdrawn_at: datetime = _utc_column()
    review_id: str | None = Field(default=None, index=True)
    review_status: str | None = None  # the case review's state when the case was withdrawn
    disposition: str = "removed"  # removed | kept | with_head_office | author_returns
    review: Any = Field(default=None, sa_type=JSONValue, nullable=True)  # as it stood; None once purged
    revision: int | None = None
    sha256: str | None = None
    exported_bundle_id: str | None = None
    exported_at: datetime | None = _utc_column(nullable=True)
    acknowledged_receipt_id: str | None = None
    acknowledged_at: datetime | None = _utc_column(nullable=True)
    purged_at: datetime | None = _utc_column(nullable=True)


class SetAsideReview(_Table, table=True):
    """Head office: a returned review of a case withdrawn from its sender; kept whole, never merged."""

    __tablename__ = "set_aside_review"

    id: str = Field(default_factory=new_id, primary_key=True)
    inspection_id: str = Field(sa_column_args=[ForeignKey("inspection.id", ondelete="CASCADE")], index=True)
    review_id: str = Field(index=True)
    case_id: str | None = None
    case_reference: str | None = None
    sender_id: str = Field(index=True)
    bundle_id: str
    revision: int
    sha256: str
    status: str  # the review's state as sent: in_progress | complete | finalised
    reason: str  # removed | reallocated | withdrawn
    review: Any = Field(sa_type=JSONValue)  # the review as in the bundle
    received_at: datetime = _utc_column()
