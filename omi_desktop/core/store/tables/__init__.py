"""The tables of an OMI store.

The same schema serves an inspector's laptop, a lead inspector's collation and head office. Every change to
these classes comes with an Alembic migration under ``migrations/versions`` (a test compares the migrated
schema with these models). Plain SQLModel/SQLAlchemy only: the store must also run on PostgreSQL.

The tables every store has are in ``base`` and are registered on ``SQLModel.metadata`` when this package is
imported; each feature's own tables (``sync``, ``sampling``, ``reports``) are in a module of their own,
imported the first time one of its tables is named (``from omi_desktop.core.store.tables import SampleRow``
works as before). Making a table's class costs about 2 ms, and the window reads none of the features'
tables before its first review is on screen. ``load_all_tables()`` registers every table (for code that
works on the whole ``SQLModel.metadata``, such as the schema comparison of the migrations). New tables
derive from ``_Table``.
"""

from typing import Any

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

#: Each feature table and the module of this package that defines it.
FEATURE_TABLES = {
    "ReportTheme": "reports",
    "AllocationChange": "sampling",
    "Sample": "sampling",
    "SampleReplacement": "sampling",
    "SampleRow": "sampling",
    "CaseWithdrawal": "sync",
    "InspectionSync": "sync",
    "ReceivedBundle": "sync",
    "ReviewSync": "sync",
    "ReviewVersion": "sync",
    "SentBundle": "sync",
    "SetAsideReview": "sync",
    "SyncConflict": "sync",
    "TrustedKey": "sync",
}


def load_all_tables() -> None:
    """Register every table of the store on ``SQLModel.metadata``, the features' ones included."""
    from omi_desktop.core.store.tables import reports, sampling, sync  # noqa: F401


def __getattr__(name: str) -> Any:
    """A feature's table, its module imported the first time (PEP 562)."""
    module = FEATURE_TABLES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)


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
