"""The tables of an OMI store.

The same schema serves an inspector's laptop, a lead inspector's collation and head office. Every change to
these classes comes with an Alembic migration under ``migrations/versions`` (a test compares the migrated
schema with these models). Plain SQLModel/SQLAlchemy only: the store must also run on PostgreSQL.

The tables every store has are in ``base``; each feature's own tables are in a module of their own. Importing
this package registers all of them on ``SQLModel.metadata``. New tables derive from ``_Table``.
"""

from omi_desktop.core.store.tables.base import (
    Answer,
    Area,
    AuditEvent,
    Case,
    FrameworkDefinition,
    Inspection,
    InspectionMember,
    Inspector,
    Meta,
    Region,
    Review,
    Setting,
)
from omi_desktop.core.store.tables.reports import ReportTheme
from omi_desktop.core.store.tables.sampling import AllocationChange, Sample, SampleReplacement, SampleRow
from omi_desktop.core.store.tables.sync import (
    CaseWithdrawal,
    InspectionSync,
    ReceivedBundle,
    ReviewSync,
    ReviewVersion,
    SentBundle,
    SetAsideReview,
    SyncConflict,
    TrustedKey,
)

__all__ = [
    "AllocationChange",
    "Answer",
    "Area",
    "AuditEvent",
    "Case",
    "CaseWithdrawal",
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
    "Sample",
    "SampleReplacement",
    "SampleRow",
    "SentBundle",
    "SetAsideReview",
    "Setting",
    "SyncConflict",
    "TrustedKey",
]
