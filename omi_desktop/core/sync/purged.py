"""What a purged review shows instead of its data: the receipt that allowed the purge, and when.

Kept apart from receipts.py so that the review and case commands can say it without loading the sync
machinery (keys, bundles)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from omi_desktop.core.i18n import _
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Review, ReviewSync

_CHUNK = 500


@dataclass(frozen=True)
class PurgeRecord:
    """Why a review holds no data any more: head office's receipt acknowledged it, then purge removed it."""

    review_id: str
    receipt_id: str
    purged_at: datetime

    def text(self) -> str:
        return _("data removed after receipt {receipt} on {date} (head office holds it)").format(
            receipt=self.receipt_id[:8], date=self.purged_at.astimezone().strftime("%d/%m/%Y")
        )

    def as_json(self) -> dict[str, Any]:
        return {"receipt_id": self.receipt_id, "purged_at": self.purged_at.isoformat()}


def purged_reviews(store: Store, review_ids: Iterable[str]) -> dict[str, PurgeRecord]:
    """The purge records of those of ``review_ids`` whose data was removed (absent: not purged)."""
    ids = [i for i in review_ids if i]
    found: dict[str, PurgeRecord] = {}
    with store.read() as session:
        for part in (ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)):
            for row in session.execute(
                select(ReviewSync.review_id, ReviewSync.acknowledged_receipt_id, ReviewSync.purged_at).where(
                    ReviewSync.review_id.in_(part), ReviewSync.purged_at.is_not(None)
                )
            ):
                found[row.review_id] = PurgeRecord(
                    row.review_id, row.acknowledged_receipt_id or "", row.purged_at
                )
    return found


def purged_case_ids(store: Store, inspection_id: str) -> frozenset[str]:
    """The cases of an inspection whose finalised review was purged here (head office holds it)."""
    with store.read() as session:
        rows = session.execute(
            select(Review.case_id)
            .join(ReviewSync, ReviewSync.review_id == Review.id)
            .where(
                Review.inspection_id == inspection_id,
                Review.case_id.is_not(None),
                Review.status == "finalised",
                ReviewSync.purged_at.is_not(None),
            )
        ).scalars()
        return frozenset(rows)
