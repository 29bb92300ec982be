"""Returned reviews kept aside: the review of a case that was withdrawn from its sender (replaced, or
allocated to another inspector, after the sender's assignment) arrives with the sender's next return.

Head office keeps it whole, as it arrived, beside the inspection and never merges it: it cannot block the
sender's returns, and it never touches the review of the inspector the case went to. It is listed in the
sender's receipt (outcome ``set_aside``), so the laptop can remove it. ``omi hq set-aside`` lists and shows
such reviews. The lead's collation does not keep them (head office decides): it reports them and goes on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from omi_desktop.core.errors import NotFoundError
from omi_desktop.core.framework.registry import framework_from_session
from omi_desktop.core.i18n import _, current_language
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Inspection, SetAsideReview
from omi_desktop.core.sync.merge import ReviewOutcome
from omi_desktop.core.sync.schema import ReviewItem

REASONS = ("removed", "reallocated", "withdrawn")


def reason_text(reason: str, sender: str) -> str:
    return {
        "removed": _("the case is no longer in the inspection (for example, it was replaced)"),
        "reallocated": _("the case is now allocated to another inspector, not {sender}").format(
            sender=sender
        ),
        "withdrawn": _("{sender}'s laptop says the case was withdrawn from them").format(sender=sender),
    }[reason]


def keep_aside(
    session: Session,
    items: Sequence[ReviewItem],
    reasons: dict[str, str],
    *,
    inspection_id: str,
    bundle_id: str,
    sender_id: str,
    keep: bool,
) -> list[ReviewOutcome]:
    """Keep the reviews of withdrawn cases aside (``keep``: head office), or only report them (the lead)."""
    outcomes = []
    for item in items:
        reason = reasons[item.id]
        if not keep:
            detail = _("left for head office: {why}").format(why=reason_text(reason, sender_id))
            outcomes.append(_outcome(item, "set_aside", detail))
            continue
        held = session.execute(
            select(SetAsideReview.id).where(
                SetAsideReview.review_id == item.id,
                SetAsideReview.revision == item.revision,
                SetAsideReview.sha256 == item.sha256,
            )
        ).first()
        if held is not None:
            outcomes.append(_outcome(item, "duplicate", _("already kept aside")))
            continue
        session.add(
            SetAsideReview(
                inspection_id=inspection_id,
                review_id=item.id,
                case_id=item.case_id,
                case_reference=item.case_reference,
                sender_id=sender_id,
                bundle_id=bundle_id,
                revision=item.revision,
                sha256=item.sha256,
                status=item.status,
                reason=reason,
                review=item.model_dump(mode="json"),
            )
        )
        detail = _("kept aside: {why}").format(why=reason_text(reason, sender_id))
        outcomes.append(_outcome(item, "set_aside", detail))
    session.flush()
    return outcomes


def _outcome(item: ReviewItem, outcome: str, detail: str) -> ReviewOutcome:
    return ReviewOutcome(item.id, item.case_reference, outcome, item.revision, item.sha256, detail)


@dataclass(frozen=True)
class KeptAnswer:
    question_id: str
    text: str
    value: Any
    note: str


@dataclass(frozen=True)
class SetAsideInfo:
    id: str
    inspection_id: str
    review_id: str
    case_reference: str | None
    sender_id: str
    bundle_id: str
    revision: int
    status: str
    reason: str
    received_at: datetime
    answers: tuple[KeptAnswer, ...] = ()

    @property
    def why(self) -> str:
        return reason_text(self.reason, self.sender_id)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "inspection_id": self.inspection_id,
            "review_id": self.review_id,
            "case_reference": self.case_reference,
            "sender_id": self.sender_id,
            "bundle_id": self.bundle_id,
            "revision": self.revision,
            "status": self.status,
            "reason": self.reason,
            "received_at": self.received_at.isoformat(),
            "answers": [a.__dict__ for a in self.answers],
        }


def _info(session: Session, row: SetAsideReview, *, answers: bool) -> SetAsideInfo:
    kept: tuple[KeptAnswer, ...] = ()
    if answers:
        inspection = session.get(Inspection, row.inspection_id)
        framework = framework_from_session(session, inspection.framework_id, inspection.framework_version)
        language = current_language()
        order = {qid: n for n, qid in enumerate(framework.questions)}
        given = [a for a in row.review.get("answers", []) if a["value"] is not None or a["note"]]
        kept = tuple(
            KeptAnswer(
                a["question_id"],
                framework.questions[a["question_id"]].text.get(language)
                if a["question_id"] in framework.questions
                else a["question_id"],
                a["value"],
                a["note"] or "",
            )
            for a in sorted(given, key=lambda a: order.get(a["question_id"], len(order)))
        )
    return SetAsideInfo(
        row.id,
        row.inspection_id,
        row.review_id,
        row.case_reference,
        row.sender_id,
        row.bundle_id,
        row.revision,
        row.status,
        row.reason,
        row.received_at,
        kept,
    )


def set_aside_reviews(store: Store, inspection_id: str | None = None) -> list[SetAsideInfo]:
    """Reviews kept aside, oldest first (without their answers)."""
    with store.read() as session:
        query = select(SetAsideReview).order_by(SetAsideReview.received_at, SetAsideReview.case_reference)
        if inspection_id:
            query = query.where(SetAsideReview.inspection_id == inspection_id)
        return [_info(session, row, answers=False) for row in session.execute(query).scalars()]


def get_set_aside(store: Store, ref: str) -> SetAsideInfo:
    """One review kept aside, with its answers and notes, by its id (or its first 6+ characters)."""
    with store.read() as session:
        row = session.get(SetAsideReview, ref)
        if row is None and len(ref) >= 6:
            found = (
                session.execute(select(SetAsideReview).where(SetAsideReview.id.startswith(ref)))
                .scalars()
                .all()
            )
            row = found[0] if len(found) == 1 else None
        if row is None:
            raise NotFoundError(_("no review kept aside with id {ref}").format(ref=ref))
        return _info(session, row, answers=True)
