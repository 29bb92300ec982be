"""The tables of an OMI store.

The same schema serves an inspector's laptop, a lead inspector's collation and head office. Every change to
these classes comes with an Alembic migration under ``migrations/versions`` (a test compares the migrated
schema with these models). Plain SQLModel/SQLAlchemy only: the store must also run on PostgreSQL.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import ConfigDict
from sqlalchemy import ForeignKey, UniqueConstraint, true
from sqlmodel import Field, SQLModel

from omi_desktop.core.clock import utcnow
from omi_desktop.core.store.types import JSONValue, UTCDateTime, new_id


class _Table(SQLModel):
    """The base of every table below (``class X(_Table, table=True)``).

    Rows are filled by the ORM, not validated by pydantic, so pydantic builds a table's validators and
    serializers only if something asks for them (``defer_build``) instead of when this module is imported:
    about 8 ms of every start of the program. It changes nothing in the schema.
    """

    model_config = ConfigDict(defer_build=True)


def _utc_column(*, nullable: bool = False) -> Any:
    return Field(default_factory=utcnow if not nullable else None, sa_type=UTCDateTime, nullable=nullable)


class Meta(_Table, table=True):
    """Facts about the file itself (e.g. which program version last upgraded it). Never altered."""

    __tablename__ = "omi_meta"

    key: str = Field(primary_key=True)
    value: str


class Setting(_Table, table=True):
    """Installation settings: identity of the user, language, protective marking, ..."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: Any = Field(default=None, sa_type=JSONValue, nullable=True)


class Region(_Table, table=True):
    __tablename__ = "region"

    id: str = Field(default_factory=new_id, primary_key=True)
    code: str = Field(unique=True, index=True)
    name: str


class Area(_Table, table=True):
    """A probation area (the unit that is inspected)."""

    __tablename__ = "area"

    id: str = Field(default_factory=new_id, primary_key=True)
    code: str = Field(unique=True, index=True)
    name: str
    region_id: str | None = Field(default=None, foreign_key="region.id")


class Inspector(_Table, table=True):
    """A person who reviews cases; ``id`` is the identity id issued at head office (e.g. ``INS-014``)."""

    __tablename__ = "inspector"

    id: str = Field(primary_key=True)
    name: str
    role: str = "inspector"  # inspector | lead | hq | local_assessor
    experienced: bool = False  # may be allocated high and very high Risk of Harm cases
    home_team: str | None = None  # local assessors never review their own team's cases


class Inspection(_Table, table=True):
    __tablename__ = "inspection"

    id: str = Field(default_factory=new_id, primary_key=True)
    title: str
    area_id: str = Field(foreign_key="area.id", index=True)
    framework_id: str
    framework_version: int
    active_modules: list[str] = Field(default_factory=list, sa_type=JSONValue)
    fieldwork_start: date | None = None
    fieldwork_end: date | None = None
    lead_inspector_id: str | None = Field(default=None, foreign_key="inspector.id")
    training: bool = False  # demo / training data, labelled as such everywhere
    created_at: datetime = _utc_column()


class InspectionMember(_Table, table=True):
    """The team of an inspection."""

    __tablename__ = "inspection_member"

    inspection_id: str = Field(
        sa_column_args=[ForeignKey("inspection.id", ondelete="CASCADE")], primary_key=True
    )
    inspector_id: str = Field(foreign_key="inspector.id", primary_key=True)


class Case(_Table, table=True):
    """A sampled case of an inspection, with the facts the review and the sample need."""

    __tablename__ = "inspection_case"
    __table_args__ = (UniqueConstraint("inspection_id", "reference", name="uq_case_reference"),)

    id: str = Field(default_factory=new_id, primary_key=True)
    inspection_id: str = Field(sa_column_args=[ForeignKey("inspection.id", ondelete="CASCADE")], index=True)
    reference: str  # the case reference number (CRN)
    pnc: str | None = None
    family_name: str | None = None
    first_name: str | None = None
    date_of_birth: date | None = None
    gender: str | None = None
    order_type: str | None = None  # community_order | suspended_sentence_order | licence | custody
    commencement_date: date | None = None
    end_date: date | None = None
    tier: int | None = None
    rosh_level: str | None = None  # low | medium | high | very_high
    ppo: bool = False
    mappa_level: int | None = None
    cluster: str | None = None
    ldu: str | None = None
    team: str | None = None
    offender_manager: str | None = None
    inspector_id: str | None = Field(default=None, foreign_key="inspector.id", index=True)


class Review(_Table, table=True):
    """One completion of one instrument: a case review, the area assessment, or a questionnaire."""

    __tablename__ = "review"

    id: str = Field(default_factory=new_id, primary_key=True)
    inspection_id: str = Field(sa_column_args=[ForeignKey("inspection.id", ondelete="CASCADE")], index=True)
    case_id: str | None = Field(
        default=None, sa_column_args=[ForeignKey("inspection_case.id", ondelete="CASCADE")], index=True
    )
    instrument: str = "case"
    respondent: str | None = None  # label of a questionnaire respondent
    framework_id: str
    framework_version: int
    status: str = "not_started"  # not_started | in_progress | complete | finalised
    progress: int = 0  # percent of required, relevant questions answered
    revision: int = 0
    created_at: datetime = _utc_column()
    updated_at: datetime = _utc_column()
    finalised_at: datetime | None = _utc_column(nullable=True)
    finalised_by: str | None = None


class Answer(_Table, table=True):
    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("review_id", "question_id", name="uq_answer_question"),)

    id: int | None = Field(default=None, primary_key=True)
    review_id: str = Field(sa_column_args=[ForeignKey("review.id", ondelete="CASCADE")], index=True)
    question_id: str
    value: Any = Field(default=None, sa_type=JSONValue, nullable=True)
    note: str = ""
    feedback: str | None = None  # strength | improvement: the note goes on the case manager's feedback sheet
    # Whether the question applies, as last evaluated; kept so scoring need not re-run every condition.
    relevant: bool = Field(default=True, sa_column_kwargs={"server_default": true()})
    updated_at: datetime = _utc_column()
    updated_by: str = ""


class FrameworkDefinition(_Table, table=True):
    """The exact text of every framework version a review in this store was started on.

    A review is pinned to ``(framework_id, framework_version)``; keeping the definition here means it still
    opens and scores after the program ships a newer version, or when the version came in an assignment.
    """

    __tablename__ = "framework_definition"

    framework_id: str = Field(primary_key=True)
    version: int = Field(primary_key=True)
    title: str
    sha256: str
    source: str  # the TOML text, byte for byte as loaded
    installed_at: datetime = _utc_column()


class AuditEvent(_Table, table=True):
    """Append-only trail of every change to a review."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    review_id: str = Field(sa_column_args=[ForeignKey("review.id", ondelete="CASCADE")], index=True)
    revision: int
    action: str  # answer | clear | note | feedback | start | finalise | reopen | ...
    question_id: str | None = None
    old_value: Any = Field(default=None, sa_type=JSONValue, nullable=True)
    new_value: Any = Field(default=None, sa_type=JSONValue, nullable=True)
    actor: str
    at: datetime = _utc_column()
    reason: str | None = None


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


# -- Reports: the lead inspector's themes for the interim area feedback --------------------------------------
class ReportTheme(_Table, table=True):
    """A theme the lead inspector writes for the interim area feedback ("emerging findings")."""

    __tablename__ = "report_theme"

    id: str = Field(default_factory=new_id, primary_key=True)
    inspection_id: str = Field(sa_column_args=[ForeignKey("inspection.id", ondelete="CASCADE")], index=True)
    position: int = 0  # order in the document
    kind: str = "general"  # strength | improvement | general
    heading: str
    text: str = ""
    author: str = ""
    created_at: datetime = _utc_column()
    updated_at: datetime = _utc_column()


# -- Sampling (head office): a sample drawn from a long list, every row's fate, replacements, allocation ----
class Sample(_Table, table=True):
    """A sample drawn for an inspection: the long list it came from and every parameter, seed included.

    With the same long list, ``parameters`` give the same sample again (see docs/sampling.md). An inspection
    has one current sample; drawing again marks the earlier one superseded (it is kept for the record).
    """

    __tablename__ = "sample"

    id: str = Field(default_factory=new_id, primary_key=True)
    inspection_id: str = Field(sa_column_args=[ForeignKey("inspection.id", ondelete="CASCADE")], index=True)
    status: str = "current"  # current | superseded
    algorithm: str
    seed: int
    parameters: Any = Field(default=None, sa_type=JSONValue, nullable=True)
    source_name: str
    source_sha256: str
    source_encoding: str
    rows: int  # case rows in the file, including any left out because of a problem
    summary: Any = Field(default=None, sa_type=JSONValue, nullable=True)  # strata, minimums, shortfalls
    created_at: datetime = _utc_column()
    created_by: str


class SampleRow(_Table, table=True):
    """The fate of one long-list row. Names and dates of birth are kept only for buffer rows (a replacement
    becomes a case); sampled rows are cases of the inspection, and other rows need no identifying details."""

    __tablename__ = "sample_row"

    sample_id: str = Field(sa_column_args=[ForeignKey("sample.id", ondelete="CASCADE")], primary_key=True)
    row: int = Field(primary_key=True)  # as a spreadsheet numbers it: the header is row 1
    crn: str
    fate: str  # sampled | buffer | eligible | excluded | duplicate | invalid | replaced
    drawn_fate: str  # the fate the draw gave; replacements change ``fate`` only
    reason: str | None = None  # redacted | not_commenced | outside_window | missing_data | duplicate | ...
    detail: str | None = None
    duplicate_of: int | None = None
    stratum: str | None = None
    priority: float | None = None
    buffer_rank: int | None = None
    gender: str | None = None
    sentence_type: str | None = None
    rosh_level: str | None = None
    ppo: bool | None = None
    tier: int | None = None
    start_date: date | None = None
    cluster: str | None = None
    ldu: str | None = None
    team: str | None = None
    responsible_officer: str | None = None
    pnc: str | None = None
    family_name: str | None = None
    first_name: str | None = None
    date_of_birth: date | None = None
    end_date: date | None = None


class SampleReplacement(_Table, table=True):
    """A sampled case swapped for the next buffer case of its stratum: who, when and why."""

    __tablename__ = "sample_replacement"

    id: int | None = Field(default=None, primary_key=True)
    sample_id: str = Field(sa_column_args=[ForeignKey("sample.id", ondelete="CASCADE")], index=True)
    replaced_row: int
    replaced_crn: str
    replacement_row: int
    replacement_crn: str
    stratum: str
    reason: str
    actor: str
    at: datetime = _utc_column()


class AllocationChange(_Table, table=True):
    """Every change of the inspector a case is allocated to (automatic, by hand, or by a replacement)."""

    __tablename__ = "allocation_change"

    id: int | None = Field(default=None, primary_key=True)
    inspection_id: str = Field(sa_column_args=[ForeignKey("inspection.id", ondelete="CASCADE")], index=True)
    case_reference: str
    from_inspector: str | None = None
    to_inspector: str | None = None
    method: str  # automatic | manual | replacement
    reason: str | None = None
    actor: str
    at: datetime = _utc_column()


__all__ = [
    "AllocationChange",
    "Answer",
    "Area",
    "AuditEvent",
    "Case",
    "FrameworkDefinition",
    "Inspection",
    "InspectionMember",
    "InspectionSync",
    "Inspector",
    "Meta",
    "ReceivedBundle",
    "Region",
    "ReportTheme",
    "Review",
    "ReviewSync",
    "ReviewVersion",
    "SentBundle",
    "Setting",
    "SyncConflict",
    "TrustedKey",
]
