"""Starting, finalising and reopening reviews; reading them and their audit trail.

Lifecycle: not started -> in progress -> complete -> finalised. A finalised review is read-only until it is
reopened, which needs a reason. Every change is one transaction, one new revision and audit events.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from omi_desktop.core.clock import utcnow
from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.framework.registry import framework_from_session, pin
from omi_desktop.core.i18n import _
from omi_desktop.core.inspections import inspection_from_session
from omi_desktop.core.review.state import AuditEntry, LoadedReview, ReviewState, ReviewView
from omi_desktop.core.review.values import ValueRefused, coerce
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Answer, AuditEvent, Case, Review

PREFILL_REASON = "pre-filled from the case record"


@dataclass(frozen=True)
class MissingItem:
    question_id: str
    text: str
    reason: str  # "unanswered" or the rule it breaks


class IncompleteError(RefusedError):
    """Finalise was refused; ``missing`` says what is still needed, in reading order.

    ``summary`` is the reason in one line ("... 3 questions still need an answer or a correction"); the
    message adds the first items, and callers that can show a list (the CLI, the GUI) list ``missing``.
    """

    def __init__(self, missing: list[MissingItem]) -> None:
        if len(missing) == 1:
            needed = _("one question still needs an answer or a correction")
        else:
            needed = _("{n} questions still need an answer or a correction").format(n=len(missing))
        self.summary = _("the review cannot be finalised: {needed}").format(needed=needed)
        listing = "; ".join(f"{m.question_id} ({m.reason})" for m in missing[:12])
        more = f"; and {len(missing) - 12} more" if len(missing) > 12 else ""
        super().__init__(f"{self.summary}: {listing}{more}")
        self.missing = missing


def _existing(session: Session, inspection_id: str, instrument: str, case_id: str | None) -> Review | None:
    query = select(Review).where(Review.inspection_id == inspection_id, Review.instrument == instrument)
    if case_id is not None:
        query = query.where(Review.case_id == case_id)
    return session.exec(query).first()


def start_review(
    store: Store,
    inspection_id: str,
    *,
    actor: str,
    instrument: str = "case",
    case_id: str | None = None,
    respondent: str | None = None,
    review_id: str | None = None,
) -> ReviewView:
    """Start a review (or return the one that exists for that case or area), pinned to the framework.

    ``review_id``: the id the new review gets (the one ``preview_case_review`` showed); a new id otherwise.
    """
    with store.write() as session:
        inspection = inspection_from_session(session, inspection_id)
        framework = framework_from_session(session, inspection.framework_id, inspection.framework_version)
        try:
            subject = framework.instrument(instrument).subject
        except KeyError:
            raise NotFoundError(f"framework {framework.id} has no instrument {instrument!r}") from None
        if subject == "case":
            case = session.get(Case, case_id) if case_id else None
            if case is None or case.inspection_id != inspection_id:
                raise NotFoundError(f"no case {case_id!r} in this inspection")
        elif case_id is not None:
            raise RefusedError(f"a {instrument} review is not about one case")
        if subject == "respondent" and not (respondent or "").strip():
            raise RefusedError("a questionnaire needs a respondent label (e.g. OQ-001)")
        if subject in ("case", "area"):
            existing = _existing(session, inspection_id, instrument, case_id)
            if existing is not None:
                loaded = LoadedReview(session, existing)
                return loaded.view()
        pin(session, framework)
        review = Review(
            inspection_id=inspection_id,
            case_id=case_id,
            instrument=instrument,
            respondent=(respondent or "").strip() or None,
            framework_id=framework.id,
            framework_version=framework.version,
        )
        if review_id is not None:
            review.id = review_id
        session.add(review)
        session.flush()
        loaded = LoadedReview(session, review)
        loaded.new_revision()
        loaded.audit("start", actor, new={"framework": framework.id, "version": framework.version})
        _prefill(loaded, actor)
        return loaded.view(loaded.settle(started=True))


def _prefill_values(loaded: LoadedReview) -> Iterator[tuple[str, Any]]:
    """The answers a new review starts with: (question id, value) of the questions the case record fills."""
    for qid in loaded.framework.question_ids(loaded.review.instrument, loaded.active_modules):
        question = loaded.framework.questions[qid]
        if question.fact is None or loaded.facts.get(question.fact) is None:
            continue
        try:
            yield qid, coerce(question, loaded.facts[question.fact])
        except ValueRefused:
            continue  # a fact the question cannot hold is left for the inspector to answer


def _prefill(loaded: LoadedReview, actor: str) -> None:
    for qid, value in _prefill_values(loaded):
        answer = Answer(review_id=loaded.review.id, question_id=qid, value=value, updated_by=actor)
        loaded.session.add(answer)
        loaded.answers[qid] = answer
        loaded.audit("prefill", actor, question_id=qid, new=value, reason=PREFILL_REASON)


def open_case_review(store: Store, case_id: str, *, actor: str) -> ReviewView:
    """The case review of a case, started if it does not exist yet."""
    with store.read() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFoundError(f"no case {case_id!r}")
        inspection_id = case.inspection_id
        existing = _existing(session, inspection_id, "case", case_id)
        if existing is not None:
            return LoadedReview(session, existing).view()
    return start_review(store, inspection_id, actor=actor, case_id=case_id)


def preview_case_review(store: Store, case_id: str, *, actor: str) -> ReviewView:
    """The case review of a case without writing anything: the stored one, or, for a case not started yet,
    the review as starting it would make it (pre-filled from the case record; status "not_started").

    The unstarted review is not stored: start it with ``start_review(..., review_id=view.review.id)`` when the
    inspector first changes something.
    """
    with store.read() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFoundError(f"no case {case_id!r}")
        existing = _existing(session, case.inspection_id, "case", case_id)
        if existing is not None:
            return LoadedReview(session, existing).view()
        inspection = inspection_from_session(session, case.inspection_id)
        framework = framework_from_session(session, inspection.framework_id, inspection.framework_version)
        review = Review(  # never added to the session: nothing is written
            inspection_id=inspection.id,
            case_id=case_id,
            framework_id=framework.id,
            framework_version=framework.version,
        )
        loaded = LoadedReview(session, review)
        for qid, value in _prefill_values(loaded):
            loaded.answers[qid] = Answer(review_id=review.id, question_id=qid, value=value, updated_by=actor)
        return loaded.view(ReviewState.settle(loaded, started=True))  # the base settle adds nothing


def get_review(store: Store, review_id: str) -> ReviewView:
    with store.read() as session:
        return LoadedReview.load(session, review_id).view()


def missing_items(view: ReviewView) -> list[MissingItem]:
    """What still stops the review being finalised, in reading order."""
    items = []
    for qid in view.evaluation.missing:
        status = view.evaluation.statuses[qid]
        text = view.framework.questions[qid].text.en
        reason = "; ".join(status.errors) if status.errors else _("unanswered")
        items.append(MissingItem(qid, text, reason))
    return items


def finalise(store: Store, review_id: str, *, actor: str) -> ReviewView:
    """Finalise a complete review; refused with the list of what is missing otherwise."""
    with store.write() as session:
        loaded = LoadedReview.load(session, review_id)
        if loaded.review.status == "finalised":
            raise RefusedError(_("the review is already finalised"))
        evaluation = loaded.evaluate()
        if not evaluation.complete:
            raise IncompleteError(missing_items(loaded.view(evaluation)))
        previous = loaded.review.status
        loaded.new_revision()
        loaded.review.status = "finalised"
        loaded.review.finalised_at = utcnow()
        loaded.review.finalised_by = actor
        loaded.audit("finalise", actor, old=previous, new="finalised")
        return loaded.view(loaded.settle())


def reopen(store: Store, review_id: str, *, actor: str, reason: str) -> ReviewView:
    """Reopen a finalised review for changes; the reason is kept in the audit trail."""
    reason = (reason or "").strip()
    if not reason:
        raise RefusedError(_("a reason is needed to reopen a finalised review"))
    with store.write() as session:
        loaded = LoadedReview.load(session, review_id)
        if loaded.review.status != "finalised":
            raise RefusedError(_("the review is not finalised, so there is nothing to reopen"))
        from omi_desktop.core.store.tables import ReviewSync  # (not needed to read a review)

        sync = session.get(ReviewSync, review_id)
        if sync is not None and sync.purged_at is not None:
            raise RefusedError(_("the review's data was removed here after head office confirmed receipt"))
        loaded.new_revision()
        loaded.review.status = "in_progress"
        loaded.review.finalised_at = None
        loaded.review.finalised_by = None
        evaluation = loaded.settle()
        loaded.audit("reopen", actor, old="finalised", new=loaded.review.status, reason=reason)
        return loaded.view(evaluation)


def audit_trail(store: Store, review_id: str) -> list[AuditEntry]:
    """Every change to a review, oldest first."""
    with store.read() as session:
        if session.get(Review, review_id) is None:
            raise NotFoundError(f"no review {review_id!r}")
        events = session.exec(
            select(AuditEvent).where(AuditEvent.review_id == review_id).order_by(AuditEvent.id)
        ).all()
        return [AuditEntry.of(e) for e in events]
