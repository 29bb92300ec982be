"""Merging returned reviews into a store (HQ import, the lead's collation), all inside one transaction.

For each incoming version (revision R, hash H, based on B) against this store's current version C:
same revision and hash as C -> duplicate (no-op); a version this store already holds in C's lineage ->
stale (ignored); based on C -> applied; anything else -> a conflict that keeps both versions. A review this
store has never seen is added, unless the same case already has another review here (then: conflict).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlmodel import Session

from omi_desktop.core.i18n import _
from omi_desktop.core.store.tables import Answer, AuditEvent, Review, ReviewSync, ReviewVersion, SyncConflict
from omi_desktop.core.sync.bulk import bulk_insert
from omi_desktop.core.sync.reviewdata import chunks, current_hashes
from omi_desktop.core.sync.schema import ReviewItem, naive_utc, parse_timestamp

LINEAGE_STATES = ("current", "ancestor", "merged")


@dataclass(frozen=True)
class ReviewOutcome:
    review_id: str
    case_reference: str | None
    outcome: str  # accepted | duplicate | stale | conflict
    revision: int
    sha256: str
    detail: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "review_id": self.review_id,
            "case_reference": self.case_reference,
            "outcome": self.outcome,
            "revision": self.revision,
            "sha256": self.sha256,
            "detail": self.detail,
        }


@dataclass
class _Known:
    """What this store knows of the reviews in a bundle, loaded with a few queries."""

    reviews: dict[str, Any]
    current: dict[str, tuple[int, str]]
    lineage: dict[str, set[tuple[int, str]]]
    conflicts: dict[str, set[tuple[int, str]]]
    case_reviews: dict[str, str]  # by case id, or area_slot(instrument) for an area-level assessment
    placeholders: set[str]  # reviews opened here but never started: nothing a person decided


def area_slot(instrument: str) -> str:
    """The key of an area-level assessment's one place in an inspection (a case review's is its case id)."""
    return f"area:{instrument}"


def _slot(item: ReviewItem, area_instruments: frozenset[str]) -> str | None:
    if item.case_id is None and item.instrument in area_instruments:
        return area_slot(item.instrument)
    return item.case_id


def _load(
    session: Session, items: Sequence[ReviewItem], inspection_id: str, area_instruments: frozenset[str]
) -> _Known:
    ids = [i.id for i in items]
    reviews: dict[str, Any] = {}
    table = Review.__table__
    for part in chunks(ids):
        for row in session.execute(select(table.c.id, table.c.revision).where(table.c.id.in_(part))):
            reviews[row.id] = row
    case_ids = [i.case_id for i in items if i.case_id and i.instrument == "case"]
    case_reviews: dict[str, str] = {}
    placeholders: set[str] = set()
    for part in chunks(case_ids):
        query = select(table.c.id, table.c.case_id, table.c.status).where(
            table.c.case_id.in_(part), table.c.instrument == "case"
        )
        for row in session.execute(query):
            case_reviews[row.case_id] = row.id
            if row.status == "not_started" and row.id not in reviews:
                placeholders.add(row.id)
    # An area-level assessment is one per inspection: its slot is the instrument, like a case's is the case.
    areas = sorted({i.instrument for i in items if i.case_id is None and i.instrument in area_instruments})
    if areas:
        query = select(table.c.id, table.c.instrument, table.c.status).where(
            table.c.inspection_id == inspection_id, table.c.instrument.in_(areas)
        )
        for row in session.execute(query):
            case_reviews[area_slot(row.instrument)] = row.id
            if row.status == "not_started" and row.id not in reviews:
                placeholders.add(row.id)
    wanted = list(set(reviews) | set(case_reviews.values()))
    recorded: dict[str, tuple[int, str]] = {}
    lineage: dict[str, set[tuple[int, str]]] = defaultdict(set)
    conflicts: dict[str, set[tuple[int, str]]] = defaultdict(set)
    versions = ReviewVersion.__table__
    for part in chunks(wanted):
        for v in session.execute(select(versions).where(versions.c.review_id.in_(part))):
            if v.state == "current":
                recorded[v.review_id] = (v.revision, v.sha256)
            if v.state in LINEAGE_STATES:
                lineage[v.review_id].add((v.revision, v.sha256))
            elif v.state == "conflict":
                conflicts[v.review_id].add((v.revision, v.sha256))
    revisions = {}
    for part in chunks(wanted):
        for row in session.execute(select(table.c.id, table.c.revision).where(table.c.id.in_(part))):
            revisions[row.id] = row.revision
    current = {rid: recorded[rid] for rid in wanted if rid in recorded and recorded[rid][0] == revisions[rid]}
    edited_here = [rid for rid in wanted if rid not in current]
    current.update(current_hashes(session, edited_here))  # changed here since last recorded: hash it now
    return _Known(reviews, current, lineage, conflicts, case_reviews, placeholders)


def merge_reviews(
    session: Session,
    items: Sequence[ReviewItem],
    *,
    inspection_id: str,
    bundle_id: str,
    sender_id: str,
    origin: str,
    area_instruments: frozenset[str] = frozenset(),
) -> list[ReviewOutcome]:
    """Merge the reviews of one verified, authorised bundle inside the caller's transaction.

    ``area_instruments``: the framework's area-level instruments (one review per inspection each).
    """
    known = _load(session, items, inspection_id, area_instruments)
    writer = _Writer(session, inspection_id, bundle_id, sender_id, origin)
    outcomes = []
    for item in items:
        version = (item.revision, item.sha256)
        target = item.id if item.id in known.reviews else None
        slot = _slot(item, area_instruments)
        if target is None and known.case_reviews.get(slot) in known.placeholders:
            # Opening a case here started an empty review; the returned one takes its place.
            writer.drop(known.case_reviews.pop(slot))
        if target is None and slot in known.case_reviews:
            other = known.case_reviews[slot]
            writer.conflict(item, other, known.current[other])
            held = (
                _("another review of this case is already held")
                if item.case_id
                else _("another review of this assessment is already held")
            )
            outcomes.append(_outcome(item, "conflict", held))
            continue
        if target is None:
            writer.add(item)
            outcomes.append(_outcome(item, "accepted", _("new")))
            continue
        current = known.current[target]
        based_on = (item.based_on.revision, item.based_on.sha256)
        if version == current:
            outcomes.append(_outcome(item, "duplicate", _("already held")))
        elif version in known.lineage[target]:
            outcomes.append(
                _outcome(item, "stale", _("older than revision {n} held here").format(n=current[0]))
            )
        elif version in known.conflicts[target]:
            outcomes.append(_outcome(item, "duplicate", _("already held as a conflict")))
        elif based_on == current:
            writer.update(item, current)
            outcomes.append(_outcome(item, "accepted", _("replaces revision {n}").format(n=current[0])))
        else:
            writer.conflict(item, target, current)
            outcomes.append(
                _outcome(
                    item,
                    "conflict",
                    _("based on revision {base}, but revision {held} is held here").format(
                        base=based_on[0], held=current[0]
                    ),
                )
            )
    writer.flush()
    return outcomes


def _outcome(item: ReviewItem, outcome: str, detail: str) -> ReviewOutcome:
    return ReviewOutcome(item.id, item.case_reference, outcome, item.revision, item.sha256, detail)


class _Writer:
    """Collects rows and writes them with a few bulk statements."""

    def __init__(
        self, session: Session, inspection_id: str, bundle_id: str, sender_id: str, origin: str
    ) -> None:
        self.session = session
        self.inspection_id = inspection_id
        self.bundle_id = bundle_id
        self.sender_id = sender_id
        self.origin = origin
        self.reviews: list[dict[str, Any]] = []
        self.answers: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.syncs: list[dict[str, Any]] = []
        self.versions: list[dict[str, Any]] = []

    def _review_fields(self, item: ReviewItem) -> dict[str, Any]:
        return {
            "status": item.status,
            "progress": item.progress,
            "revision": item.revision,
            "updated_at": parse_timestamp(item.updated_at),
            "finalised_at": parse_timestamp(item.finalised_at) if item.finalised_at else None,
            "finalised_by": item.finalised_by,
        }

    def _content(self, item: ReviewItem, after_revision: int) -> None:
        self.answers.extend(
            {
                "review_id": item.id,
                "question_id": a["question_id"],
                "value": a["value"],
                "note": a["note"],
                "feedback": a["feedback"],
                "relevant": a["relevant"],
                "updated_at": naive_utc(a["updated_at"]),
                "updated_by": a["updated_by"],
            }
            for a in item.answers
        )
        self.events.extend(
            {
                "review_id": item.id,
                "revision": e["revision"],
                "action": e["action"],
                "question_id": e["question_id"],
                "old_value": e["old_value"],
                "new_value": e["new_value"],
                "actor": e["actor"],
                "at": naive_utc(e["at"]),
                "reason": e["reason"],
            }
            for e in item.audit
            if e["revision"]
            > after_revision  # the audit trail is append-only: earlier events are here already
        )
        self._version(item.id, item.revision, item.sha256, item, "current")

    def _version(self, review_id: str, revision: int, sha: str, item: ReviewItem | None, state: str) -> None:
        self.versions.append(
            {
                "review_id": review_id,
                "revision": revision,
                "sha256": sha,
                "based_on_revision": item.based_on.revision if item else 0,
                "based_on_sha256": item.based_on.sha256 if item else None,
                "state": state,
                "bundle_id": self.bundle_id if item else None,
                "sender_id": self.sender_id if item else None,
            }
        )

    def add(self, item: ReviewItem) -> None:
        self.reviews.append(
            {
                "id": item.id,
                "inspection_id": self.inspection_id,
                "case_id": item.case_id,
                "instrument": item.instrument,
                "respondent": item.respondent,
                "framework_id": item.framework_id,
                "framework_version": item.framework_version,
                "created_at": parse_timestamp(item.created_at),
                **self._review_fields(item),
            }
        )
        self.syncs.append(
            {
                "review_id": item.id,
                "origin": self.origin,
                "base_revision": item.revision,
                "base_sha256": item.sha256,
            }
        )
        self._content(item, after_revision=0)
        if item.based_on.revision and item.based_on.sha256:
            self._version(item.id, item.based_on.revision, item.based_on.sha256, None, "ancestor")

    def update(self, item: ReviewItem, current: tuple[int, str]) -> None:
        session = self.session
        session.execute(
            update(Review.__table__)
            .where(Review.__table__.c.id == item.id)
            .values(**self._review_fields(item))
        )
        session.execute(delete(Answer.__table__).where(Answer.__table__.c.review_id == item.id))
        versions = ReviewVersion.__table__
        session.execute(
            update(versions)
            .where(versions.c.review_id == item.id, versions.c.state == "current")
            .values(state="ancestor")
        )
        syncs = ReviewSync.__table__
        done = session.execute(
            update(syncs)
            .where(syncs.c.review_id == item.id)
            # A newer version of a review purged here (the lead's collated copy) brings data back: it is
            # no longer purged, and is purged again once a receipt covers the new version.
            .values(base_revision=item.revision, base_sha256=item.sha256, purged_at=None)
        )
        if not done.rowcount:
            self.syncs.append(
                {
                    "review_id": item.id,
                    "origin": self.origin,
                    "base_revision": item.revision,
                    "base_sha256": item.sha256,
                }
            )
        recorded = session.execute(
            select(versions.c.id).where(
                versions.c.review_id == item.id,
                versions.c.revision == current[0],
                versions.c.sha256 == current[1],
            )
        ).first()
        if recorded is None:  # the current version was made here (edited since last recorded)
            self._version(item.id, current[0], current[1], None, "ancestor")
        self._content(item, after_revision=current[0])

    def drop(self, review_id: str) -> None:
        self.session.execute(delete(Review.__table__).where(Review.__table__.c.id == review_id))

    def conflict(self, item: ReviewItem, target: str, current: tuple[int, str]) -> None:
        self.session.add(
            SyncConflict(
                review_id=target,
                inspection_id=self.inspection_id,
                bundle_id=self.bundle_id,
                sender_id=self.sender_id,
                incoming=item.model_dump(mode="json"),
                base_revision=current[0],
                base_sha256=current[1],
            )
        )
        self._version(target, item.revision, item.sha256, item, "conflict")

    def flush(self) -> None:
        session = self.session
        session.flush()
        bulk_insert(session, Review.__table__, self.reviews)
        bulk_insert(session, ReviewSync.__table__, self.syncs)
        bulk_insert(session, Answer.__table__, self.answers, naive_utc=True)
        bulk_insert(session, AuditEvent.__table__, self.events, naive_utc=True)
        bulk_insert(session, ReviewVersion.__table__, self.versions)
