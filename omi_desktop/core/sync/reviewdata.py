"""Reviews as they travel: the payload form of a review, its content hash, and its current version here.

The content hash is SHA-256 over the canonical JSON of what a person decided: the review's identity,
instrument, framework version and status, and every answer's value, note and feedback mark (answers with
none of the three are left out), sorted by question id. Timestamps, progress and relevance are not part of
it: they follow from the content.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from omi_desktop.core.store.tables import Answer, AuditEvent, Case, Review, ReviewSync
from omi_desktop.core.sync.canonical import canonical_json, sha256_hex
from omi_desktop.core.sync.schema import timestamp

CHUNK = 500


def chunks(values: Sequence[str], size: int = CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def content_hash(
    *,
    review_id: str,
    case_id: str | None,
    instrument: str,
    respondent: str | None,
    framework_id: str,
    framework_version: int,
    status: str,
    answers: Iterable[tuple[str, Any, str, str | None]],
) -> str:
    kept = sorted(
        (
            {"question_id": qid, "value": value, "note": note or "", "feedback": feedback}
            for qid, value, note, feedback in answers
            if value is not None or note or feedback
        ),
        key=lambda a: a["question_id"],
    )
    return sha256_hex(
        canonical_json(
            {
                "id": review_id,
                "case_id": case_id,
                "instrument": instrument,
                "respondent": respondent,
                "framework_id": framework_id,
                "framework_version": framework_version,
                "status": status,
                "answers": kept,
            }
        )
    )


def item_hash(item: Any) -> str:
    """The content hash of a review in payload form (a ``schema.ReviewItem``)."""
    return content_hash(
        review_id=item.id,
        case_id=item.case_id,
        instrument=item.instrument,
        respondent=item.respondent,
        framework_id=item.framework_id,
        framework_version=item.framework_version,
        status=item.status,
        answers=((a["question_id"], a["value"], a["note"], a["feedback"]) for a in item.answers),
    )


def _answers_by_review(session: Session, review_ids: Sequence[str]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = defaultdict(list)
    table = Answer.__table__
    for part in chunks(review_ids):
        rows = session.execute(select(table).where(table.c.review_id.in_(part)).order_by(table.c.question_id))
        for row in rows:
            found[row.review_id].append(row)
    return found


def current_hashes(session: Session, review_ids: Sequence[str]) -> dict[str, tuple[int, str]]:
    """(revision, content hash) of each review as it is in this store now."""
    answers = _answers_by_review(session, review_ids)
    table = Review.__table__
    result = {}
    for part in chunks(review_ids):
        for r in session.execute(select(table).where(table.c.id.in_(part))):
            result[r.id] = (r.revision, _row_hash(r, answers.get(r.id, [])))
    return result


def _row_hash(review: Any, answers: list[Any]) -> str:
    return content_hash(
        review_id=review.id,
        case_id=review.case_id,
        instrument=review.instrument,
        respondent=review.respondent,
        framework_id=review.framework_id,
        framework_version=review.framework_version,
        status=review.status,
        answers=((a.question_id, a.value, a.note, a.feedback) for a in answers),
    )


@dataclass(frozen=True)
class Outgoing:
    """One review ready to travel: its payload form and the version facts export records."""

    item: dict[str, Any]
    review_id: str
    revision: int
    sha256: str
    based_on: tuple[int, str | None]


def outgoing_reviews(session: Session, review_ids: Sequence[str]) -> list[Outgoing]:
    """The payload form of each review (answers and the whole audit trail), with its version facts."""
    answers = _answers_by_review(session, review_ids)
    audit: dict[str, list[Any]] = defaultdict(list)
    events = AuditEvent.__table__
    for part in chunks(review_ids):
        for row in session.execute(select(events).where(events.c.review_id.in_(part)).order_by(events.c.id)):
            audit[row.review_id].append(row)
    reviews = Review.__table__
    cases = Case.__table__
    syncs = ReviewSync.__table__
    result = []
    for part in chunks(review_ids):
        rows = session.execute(
            select(reviews, cases.c.reference, syncs)
            .join(cases, cases.c.id == reviews.c.case_id, isouter=True)
            .join(syncs, syncs.c.review_id == reviews.c.id, isouter=True)
            .where(reviews.c.id.in_(part))
            .order_by(reviews.c.id)
        )
        for row in rows:
            result.append(_outgoing(row, answers.get(row.id, []), audit.get(row.id, [])))
    return result


def _based_on(row: Any, sha: str) -> tuple[int, str | None]:
    if row.exported_revision is not None:
        if (row.exported_revision, row.exported_sha256) == (row.revision, sha):
            return row.exported_base_revision or 0, row.exported_base_sha256  # the same version again
        return row.exported_revision, row.exported_sha256
    if row.base_revision:
        return row.base_revision, row.base_sha256
    return 0, None


def _outgoing(row: Any, answers: list[Any], audit: list[Any]) -> Outgoing:
    sha = _row_hash(row, answers)
    based_on = _based_on(row, sha)
    item = {
        "id": row.id,
        "case_id": row.case_id,
        "case_reference": row.reference,
        "instrument": row.instrument,
        "respondent": row.respondent,
        "framework_id": row.framework_id,
        "framework_version": row.framework_version,
        "status": row.status,
        "progress": row.progress,
        "revision": row.revision,
        "based_on": {"revision": based_on[0], "sha256": based_on[1]},
        "sha256": sha,
        "created_at": timestamp(_aware(row.created_at)),
        "updated_at": timestamp(_aware(row.updated_at)),
        "finalised_at": timestamp(_aware(row.finalised_at)) if row.finalised_at else None,
        "finalised_by": row.finalised_by,
        "answers": [
            {
                "question_id": a.question_id,
                "value": a.value,
                "note": a.note,
                "feedback": a.feedback,
                "relevant": bool(a.relevant),
                "updated_at": timestamp(_aware(a.updated_at)),
                "updated_by": a.updated_by,
            }
            for a in answers
        ],
        "audit": [
            {
                "revision": e.revision,
                "action": e.action,
                "question_id": e.question_id,
                "old_value": e.old_value,
                "new_value": e.new_value,
                "actor": e.actor,
                "at": timestamp(_aware(e.at)),
                "reason": e.reason,
            }
            for e in audit
        ],
    }
    return Outgoing(item, row.id, row.revision, sha, based_on)


def _aware(moment: Any) -> Any:
    from datetime import UTC, datetime

    if isinstance(moment, datetime) and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
