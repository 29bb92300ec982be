"""The tables every store has: areas, inspections, cases, inspectors, reviews, answers, audit, settings."""

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
