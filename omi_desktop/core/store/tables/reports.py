"""Report tables: the lead inspector's themes for the interim area feedback."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlmodel import Field

from omi_desktop.core.store.tables.base import _Table, _utc_column
from omi_desktop.core.store.types import new_id


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
