"""Giving, changing and clearing answers, evidence notes and feedback marks.

Each call is one durable transaction: the value is checked, stored, audited (old and new value, who, when,
why) and the review re-evaluated, so relevance, progress and status are always current.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from omi_desktop.core.clock import utcnow
from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.review.checks import check_applies_and_rules, stored_value
from omi_desktop.core.review.state import LoadedReview, ReviewView
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Answer

FEEDBACK_KINDS = ("strength", "improvement")


@dataclass(frozen=True)
class AnswerItem:
    """One answer in a batch (``answer_many``)."""

    question_id: str
    value: Any
    note: str | None = None
    feedback: str | None = None


def _editable(loaded: LoadedReview, question_id: str) -> None:
    if loaded.review.status == "finalised":
        raise RefusedError(_("the review is finalised; reopen it (with a reason) to change it"))
    order = loaded.framework.question_ids(loaded.review.instrument, loaded.active_modules)
    if question_id not in order:
        raise NotFoundError(_("there is no question {qid} in this review").format(qid=question_id))


def _row(loaded: LoadedReview, question_id: str, actor: str) -> Answer:
    row = loaded.answers.get(question_id)
    if row is None:
        row = Answer(review_id=loaded.review.id, question_id=question_id, updated_by=actor)
        loaded.answers[question_id] = row
    row.updated_at = utcnow()
    row.updated_by = actor
    loaded.session.add(row)
    return row


def _apply(
    loaded: LoadedReview, question_id: str, raw_value: Any, actor: str, note: str | None, reason: str | None
) -> bool:
    """Check and store one answer inside the caller's transaction; True if anything changed."""
    _editable(loaded, question_id)
    value = stored_value(loaded.framework, question_id, raw_value)
    answers = {qid: a.value for qid, a in loaded.answers.items()}
    answers[question_id] = value
    check_applies_and_rules(loaded.framework, question_id, value, loaded.relevance(answers), loaded.facts)
    existing = loaded.answers.get(question_id)
    old_value = existing.value if existing is not None else None
    old_note = existing.note if existing is not None else ""
    value_changed = old_value != value
    note_changed = note is not None and note != old_note
    if not value_changed and not note_changed:
        return False
    loaded.new_revision()
    row = _row(loaded, question_id, actor)
    if value_changed:
        row.value = value
        loaded.audit("answer", actor, question_id=question_id, old=old_value, new=value, reason=reason)
    if note_changed:
        row.note = note
        loaded.audit("note", actor, question_id=question_id, old=old_note, new=note, reason=reason)
    return True


def answer(
    store: Store,
    review_id: str,
    question_id: str,
    raw_value: Any,
    *,
    actor: str,
    note: str | None = None,
    reason: str | None = None,
) -> ReviewView:
    """Answer (or change the answer to) one question; ``raw_value`` may be typed text."""
    with store.write() as session:
        loaded = LoadedReview.load(session, review_id)
        if not _apply(loaded, question_id, raw_value, actor, note, reason):
            return loaded.view()
        return loaded.view(loaded.settle())


def answer_many(store: Store, review_id: str, items: Iterable[AnswerItem], *, actor: str) -> ReviewView:
    """Give several answers in order, in one transaction: all or none.

    Each answer is checked against the answers before it, exactly as if given one by one, and is its own
    revision in the audit trail.
    """
    with store.write() as session:
        loaded = LoadedReview.load(session, review_id)
        changed = False
        for item in items:
            changed = _apply(loaded, item.question_id, item.value, actor, item.note, None) or changed
            if item.feedback is not None:
                changed = _mark(loaded, item.question_id, item.feedback, actor) or changed
        return loaded.view(loaded.settle() if changed else None)


def clear(
    store: Store, review_id: str, question_id: str, *, actor: str, reason: str | None = None
) -> ReviewView:
    """Remove the answer to a question (its note stays)."""
    with store.write() as session:
        loaded = LoadedReview.load(session, review_id)
        _editable(loaded, question_id)
        existing = loaded.answers.get(question_id)
        if existing is None or existing.value is None:
            return loaded.view()
        loaded.new_revision()
        old = existing.value
        row = _row(loaded, question_id, actor)
        row.value = None
        loaded.audit("clear", actor, question_id=question_id, old=old, new=None, reason=reason)
        return loaded.view(loaded.settle())


def set_note(store: Store, review_id: str, question_id: str, note: str, *, actor: str) -> ReviewView:
    """Save the evidence note of a question, even one that no longer applies: typed text is never lost."""
    with store.write() as session:
        loaded = LoadedReview.load(session, review_id)
        _editable(loaded, question_id)
        existing = loaded.answers.get(question_id)
        old = existing.note if existing is not None else ""
        if old == note:
            return loaded.view()
        loaded.new_revision()
        row = _row(loaded, question_id, actor)
        row.note = note
        loaded.audit("note", actor, question_id=question_id, old=old, new=note)
        return loaded.view(loaded.settle())


def _mark(loaded: LoadedReview, question_id: str, kind: str | None, actor: str) -> bool:
    if kind is not None and kind not in FEEDBACK_KINDS:
        raise RefusedError(_("feedback is 'strength' or 'improvement', not {kind!r}").format(kind=kind))
    _editable(loaded, question_id)
    existing = loaded.answers.get(question_id)
    old = existing.feedback if existing is not None else None
    if old == kind:
        return False
    loaded.new_revision()
    row = _row(loaded, question_id, actor)
    row.feedback = kind
    loaded.audit("feedback", actor, question_id=question_id, old=old, new=kind)
    return True


def set_feedback(
    store: Store, review_id: str, question_id: str, kind: str | None, *, actor: str
) -> ReviewView:
    """Mark a note as a strength or an area for improvement for the feedback sheet (None unmarks it)."""
    with store.write() as session:
        loaded = LoadedReview.load(session, review_id)
        if not _mark(loaded, question_id, kind, actor):
            return loaded.view()
        return loaded.view(loaded.settle())
