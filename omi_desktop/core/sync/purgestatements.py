"""The statements that purge reviews, shared by the live purge (receipts._purge_store) and the cleaning of
older copies of the database (copyclean.clean_copy), and what has been purged."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.sql import Executable

from omi_desktop.core.store.tables import Answer, AuditEvent, Case, Review, ReviewSync

# What a purge removes from a case: everything but its reference, its dates and its allocation.
PERSONAL_CASE_FIELDS = (
    "pnc", "family_name", "first_name", "date_of_birth", "gender", "order_type", "tier", "rosh_level",
    "mappa_level", "cluster", "ldu", "team", "offender_manager",
)  # fmt: skip
BATCH = 500


@dataclass(frozen=True)
class Purged:
    """What has been (or is about to be) purged: the ids a copy must not hold data of."""

    reviews: tuple[str, ...] = ()
    cases: tuple[str, ...] = ()
    withdrawn_reviews: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.reviews or self.withdrawn_reviews)


# -- the purge statements, shared by the live purge and the cleaning of copies -----------------------------
def purge_statements(review_ids: Sequence[str], now: datetime) -> Iterator[tuple[str, Executable]]:
    """The statements that purge ``review_ids`` (one batch), each with the table it changes."""
    yield "answer", delete(Answer.__table__).where(Answer.__table__.c.review_id.in_(review_ids))
    yield "audit_event", delete(AuditEvent.__table__).where(AuditEvent.__table__.c.review_id.in_(review_ids))
    yield (
        "review_sync",
        update(ReviewSync.__table__)
        .where(ReviewSync.__table__.c.review_id.in_(review_ids))
        .values(purged_at=now),
    )
    case_ids = select(Review.case_id).where(Review.id.in_(review_ids), Review.case_id.is_not(None))
    yield "inspection_case", clear_cases(Case.__table__.c.id.in_(case_ids))


def clear_cases(where: Any) -> Executable:
    return (
        update(Case.__table__).where(where).values(**{name: None for name in PERSONAL_CASE_FIELDS}, ppo=False)
    )


def batches(values: Sequence[str]) -> list[Sequence[str]]:
    return [values[i : i + BATCH] for i in range(0, len(values), BATCH)]
