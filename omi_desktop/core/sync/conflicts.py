"""Conflicts: two versions of one review that diverged. Compared question by question; each question is
resolved by keeping this store's version or taking the other, with who and why in the audit trail."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from omi_desktop.core.clock import utcnow
from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.i18n import _, current_language
from omi_desktop.core.review.state import LoadedReview
from omi_desktop.core.review.values import display_value
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Answer, Case, Review, ReviewVersion, SyncConflict
from omi_desktop.core.sync.reviewdata import current_hashes

CHOICES = ("keep", "take")


@dataclass(frozen=True)
class Side:
    value: Any
    note: str
    feedback: str | None
    shown: str = field(default="", compare=False)  # the value as a person reads it ("Yes", "14/05/2026")

    def as_json(self) -> dict[str, Any]:
        return {"value": self.value, "note": self.note, "feedback": self.feedback, "shown": self.shown}

    def showing(self, question: Any) -> Side:
        return Side(self.value, self.note, self.feedback, display_value(self.value, question))


@dataclass(frozen=True)
class FieldDifference:
    question_id: str
    text: str
    ours: Side
    theirs: Side
    decision: str | None  # keep | take | None (undecided)
    decided_by: str | None
    reason: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "question_id": self.question_id,
            "text": self.text,
            "ours": self.ours.as_json(),
            "theirs": self.theirs.as_json(),
            "decision": self.decision,
            "decided_by": self.decided_by,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ConflictInfo:
    id: str
    review_id: str
    case_reference: str | None
    inspection_id: str
    sender_id: str
    bundle_id: str
    base_revision: int
    incoming_revision: int
    status: str
    created_at: datetime
    differences: tuple[FieldDifference, ...]

    @property
    def undecided(self) -> list[str]:
        return [d.question_id for d in self.differences if d.decision is None]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "review_id": self.review_id,
            "case_reference": self.case_reference,
            "inspection_id": self.inspection_id,
            "sender_id": self.sender_id,
            "bundle_id": self.bundle_id,
            "base_revision": self.base_revision,
            "incoming_revision": self.incoming_revision,
            "status": self.status,
            "created_at": self.created_at.isoformat(),
            "differences": [d.as_json() for d in self.differences],
        }


def _side(answer: Any) -> Side:
    if answer is None:
        return Side(None, "", None)
    if isinstance(answer, dict):
        return Side(answer.get("value"), answer.get("note") or "", answer.get("feedback"))
    return Side(answer.value, answer.note or "", answer.feedback)


def _info(session: Any, conflict: SyncConflict) -> ConflictInfo:
    loaded = LoadedReview.load(session, conflict.review_id)
    ours = {qid: _side(a) for qid, a in loaded.answers.items()}
    theirs = {a["question_id"]: _side(a) for a in conflict.incoming.get("answers", [])}
    order = loaded.framework.question_ids(loaded.review.instrument, loaded.active_modules)
    position = {qid: n for n, qid in enumerate(order)}
    decisions = conflict.decisions or {}
    differences = []
    for qid in sorted(set(ours) | set(theirs), key=lambda q: (position.get(q, len(position)), q)):
        mine, other = ours.get(qid, Side(None, "", None)), theirs.get(qid, Side(None, "", None))
        decided = decisions.get(qid)
        if mine == other and decided is None:
            continue
        if decided is not None:  # show what the two versions were when the decision was taken
            mine, other = _side(decided.get("ours")), _side(decided.get("theirs"))
        question = loaded.framework.questions.get(qid)
        differences.append(
            FieldDifference(
                qid,
                question.text.get(current_language()) if question else qid,
                mine.showing(question),
                other.showing(question),
                decided.get("choice") if decided else None,
                decided.get("by") if decided else None,
                decided.get("reason") if decided else None,
            )
        )
    case = session.get(Case, loaded.review.case_id) if loaded.review.case_id else None
    return ConflictInfo(
        conflict.id,
        conflict.review_id,
        case.reference if case else conflict.incoming.get("case_reference"),
        conflict.inspection_id,
        conflict.sender_id,
        conflict.bundle_id,
        conflict.base_revision,
        int(conflict.incoming.get("revision", 0)),
        conflict.status,
        conflict.created_at,
        tuple(differences),
    )


def list_conflicts(
    store: Store, inspection_id: str | None = None, *, include_resolved: bool = False
) -> list[ConflictInfo]:
    with store.read() as session:
        query = select(SyncConflict).order_by(SyncConflict.created_at)
        if inspection_id:
            query = query.where(SyncConflict.inspection_id == inspection_id)
        if not include_resolved:
            query = query.where(SyncConflict.status == "open")
        return [_info(session, c) for c in session.execute(query).scalars()]


def get_conflict(store: Store, conflict_id: str) -> ConflictInfo:
    with store.read() as session:
        return _info(session, _find(session, conflict_id))


def _find(session: Any, ref: str) -> SyncConflict:
    found = session.get(SyncConflict, ref)
    if found is None and len(ref) >= 6:
        matches = session.execute(select(SyncConflict).where(SyncConflict.id.startswith(ref))).scalars().all()
        found = matches[0] if len(matches) == 1 else None
    if found is None:
        raise NotFoundError(_("no conflict {ref!r}").format(ref=ref))
    return found


def decisions_from(keep: Iterable[str] = (), take: Iterable[str] = ()) -> dict[str, str]:
    """``{question: keep|take}`` from the questions kept and taken; one named in both is refused."""
    keep, take = list(keep), list(take)
    both = sorted(set(keep) & set(take))
    if both:
        raise RefusedError(
            _("a question cannot be both kept and taken: {ids}; nothing was changed").format(
                ids=", ".join(both)
            )
        )
    return {q: "keep" for q in keep} | {q: "take" for q in take}


def resolve(
    store: Store, conflict_id: str, decisions: dict[str, str], *, actor: str, reason: str
) -> ConflictInfo:
    """Decide some or all questions of a conflict: ``keep`` this store's version or ``take`` the other.

    Each call is one transaction and, if anything is taken, one new revision of the review here. The
    conflict is resolved once every differing question is decided.
    """
    reason = (reason or "").strip()
    if not reason:
        raise RefusedError(_("a reason is needed to resolve a conflict (it is kept in the audit trail)"))
    bad = {choice for choice in decisions.values() if choice not in CHOICES}
    if bad or not decisions:
        raise RefusedError(_("for each question say 'keep' (this version) or 'take' (the other)"))
    with store.write() as session:
        conflict = _find(session, conflict_id)
        if conflict.status != "open":
            raise RefusedError(_("that conflict is already resolved"))
        before = {d.question_id: d for d in _info(session, conflict).differences}
        unknown = set(decisions) - set(before)
        if unknown:
            raise RefusedError(
                _("these questions do not differ in this conflict: {ids}").format(
                    ids=", ".join(sorted(unknown))
                )
            )
        decided = sorted(q for q in decisions if before[q].decision is not None)
        if decided:
            raise RefusedError(
                _("already decided, and a decision is not taken twice: {ids}; nothing was changed").format(
                    ids=", ".join(f"{q} ({before[q].decision})" for q in decided)
                )
            )
        _apply(session, conflict, decisions, before, actor, reason)
        return _info(session, conflict)


def _apply(
    session: Any, conflict: SyncConflict, decisions: dict[str, str], before: dict, actor: str, reason: str
) -> None:
    loaded = LoadedReview.load(session, conflict.review_id)
    taken = [qid for qid, choice in decisions.items() if choice == "take"]
    if taken:
        loaded.new_revision()
    why = _("conflict with {sender}'s revision {rev}: {reason}").format(
        sender=conflict.sender_id, rev=conflict.incoming.get("revision"), reason=reason
    )
    recorded = dict(conflict.decisions or {})
    for qid, choice in decisions.items():
        diff = before[qid]
        if choice == "take":
            row = loaded.answers.get(qid) or Answer(
                review_id=loaded.review.id, question_id=qid, updated_by=actor
            )
            row.value, row.note, row.feedback = diff.theirs.value, diff.theirs.note, diff.theirs.feedback
            row.updated_at, row.updated_by = utcnow(), actor
            loaded.answers[qid] = row
            session.add(row)
        loaded.audit(
            "resolve-take" if choice == "take" else "resolve-keep",
            actor,
            question_id=qid,
            old=diff.ours.as_json(),
            new=(diff.theirs if choice == "take" else diff.ours).as_json(),
            reason=why,
        )
        recorded[qid] = {
            "choice": choice,
            "by": actor,
            "at": utcnow().isoformat(),
            "reason": reason,
            "ours": diff.ours.as_json(),
            "theirs": diff.theirs.as_json(),
        }
    conflict.decisions = recorded
    if taken:
        loaded.settle()
    session.flush()
    if all(qid in recorded for qid in before):
        conflict.status, conflict.resolved_at = "resolved", utcnow()
        session.execute(
            update(ReviewVersion.__table__)
            .where(
                ReviewVersion.__table__.c.review_id == conflict.review_id,
                ReviewVersion.__table__.c.state == "conflict",
                ReviewVersion.__table__.c.revision == int(conflict.incoming.get("revision", 0)),
                ReviewVersion.__table__.c.sha256 == conflict.incoming.get("sha256"),
            )
            .values(state="merged")
        )
    session.add(conflict)
    if taken:
        _record_current(session, conflict.review_id)


def _record_current(session: Any, review_id: str) -> None:
    """The resolved review is a new version here: record it as current, the previous one as its ancestor."""
    session.flush()
    revision, sha = current_hashes(session, [review_id])[review_id]
    versions = ReviewVersion.__table__
    previous = session.execute(
        select(versions.c.revision, versions.c.sha256).where(
            versions.c.review_id == review_id, versions.c.state == "current"
        )
    ).first()
    session.execute(
        update(versions)
        .where(versions.c.review_id == review_id, versions.c.state == "current")
        .values(state="ancestor")
    )
    session.add(
        ReviewVersion(
            review_id=review_id,
            revision=revision,
            sha256=sha,
            based_on_revision=previous.revision if previous else 0,
            based_on_sha256=previous.sha256 if previous else None,
            state="current",
        )
    )
    review = session.get(Review, review_id)
    session.add(review)
