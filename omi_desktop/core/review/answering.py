"""Giving, changing and clearing answers, evidence notes and feedback marks.

Each call is one durable transaction: the value is checked, stored, audited (old and new value, who, when,
why) and the review re-evaluated, so relevance, progress and status are always current.

This is what an inspector does all day, so it reads and writes its rows with plain SQL statements on the
write transaction's connection (``AnswerRows``) instead of loading ORM objects and flushing them: the same
rows, for a third of the time. ``tests/core/test_review_rows.py`` holds it to the rows the ORM wrote.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.review.answer_rows import AnswerRows
from omi_desktop.core.review.checks import check_applies_and_rules, stored_value
from omi_desktop.core.review.state import ReviewView
from omi_desktop.core.store import Store

FEEDBACK_KINDS = ("strength", "improvement")


@dataclass(frozen=True)
class AnswerItem:
    """One answer in a batch (``answer_many``)."""

    question_id: str
    value: Any
    note: str | None = None
    feedback: str | None = None


def _editable(loaded: AnswerRows, question_id: str) -> None:
    if loaded.review.status == "finalised":
        raise RefusedError(_("the review is finalised; reopen it (with a reason) to change it"))
    order = loaded.framework.question_ids(loaded.review.instrument, loaded.active_modules)
    if question_id not in order:
        raise NotFoundError(_("there is no question {qid} in this review").format(qid=question_id))


def _apply(
    loaded: AnswerRows, question_id: str, raw_value: Any, actor: str, note: str | None, reason: str | None
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
    row = loaded.row(question_id, actor)
    if value_changed:
        row.value = value
        loaded.audit("answer", actor, question_id=question_id, old=old_value, new=value, reason=reason)
    if note_changed:
        row.note = note
        loaded.audit("note", actor, question_id=question_id, old=old_note, new=note, reason=reason)
    return True


def _stored(loaded: AnswerRows, changed: bool) -> ReviewView:
    """Re-evaluate and write the review if anything changed; the view of it either way."""
    if not changed:
        return loaded.view()
    evaluation = loaded.settle()
    loaded.write()
    return loaded.view(evaluation)


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
        loaded = AnswerRows(session, review_id)
        return _stored(loaded, _apply(loaded, question_id, raw_value, actor, note, reason))


def answer_many(store: Store, review_id: str, items: Iterable[AnswerItem], *, actor: str) -> ReviewView:
    """Give several answers in order, in one transaction: all or none.

    Each answer is checked against the answers before it, exactly as if given one by one, and is its own
    revision in the audit trail.
    """
    with store.write() as session:
        loaded = AnswerRows(session, review_id)
        changed = False
        for item in items:
            changed = _apply(loaded, item.question_id, item.value, actor, item.note, None) or changed
            if item.feedback is not None:
                changed = _mark(loaded, item.question_id, item.feedback, actor) or changed
        return _stored(loaded, changed)


def clear(
    store: Store, review_id: str, question_id: str, *, actor: str, reason: str | None = None
) -> ReviewView:
    """Remove the answer to a question (its note stays)."""
    with store.write() as session:
        loaded = AnswerRows(session, review_id)
        _editable(loaded, question_id)
        existing = loaded.answers.get(question_id)
        if existing is None or existing.value is None:
            return loaded.view()
        loaded.new_revision()
        old = existing.value
        row = loaded.row(question_id, actor)
        row.value = None
        loaded.audit("clear", actor, question_id=question_id, old=old, new=None, reason=reason)
        return _stored(loaded, True)


def set_note(store: Store, review_id: str, question_id: str, note: str, *, actor: str) -> ReviewView:
    """Save the evidence note of a question, even one that no longer applies: typed text is never lost."""
    with store.write() as session:
        loaded = AnswerRows(session, review_id)
        _editable(loaded, question_id)
        existing = loaded.answers.get(question_id)
        old = existing.note if existing is not None else ""
        if old == note:
            return loaded.view()
        loaded.new_revision()
        row = loaded.row(question_id, actor)
        row.note = note
        loaded.audit("note", actor, question_id=question_id, old=old, new=note)
        return _stored(loaded, True)


def _mark(loaded: AnswerRows, question_id: str, kind: str | None, actor: str) -> bool:
    if kind is not None and kind not in FEEDBACK_KINDS:
        raise RefusedError(_("feedback is 'strength' or 'improvement', not {kind!r}").format(kind=kind))
    _editable(loaded, question_id)
    existing = loaded.answers.get(question_id)
    old = existing.feedback if existing is not None else None
    if old == kind:
        return False
    loaded.new_revision()
    row = loaded.row(question_id, actor)
    row.feedback = kind
    loaded.audit("feedback", actor, question_id=question_id, old=old, new=kind)
    return True


def set_feedback(
    store: Store, review_id: str, question_id: str, kind: str | None, *, actor: str
) -> ReviewView:
    """Mark a note as a strength or an area for improvement for the feedback sheet (None unmarks it)."""
    with store.write() as session:
        loaded = AnswerRows(session, review_id)
        return _stored(loaded, _mark(loaded, question_id, kind, actor))
