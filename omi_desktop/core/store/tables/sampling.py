"""Head-office sampling tables: a sample from a long list, every row's fate, replacements, allocation."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey
from sqlmodel import Field

from omi_desktop.core.store.tables.base import _Table, _utc_column
from omi_desktop.core.store.types import JSONValue, new_id


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
