"""Giving, changing and clearing answers, evidence notes and feedback marks.

Each call is one durable transaction: the value is checked, stored, audited (old and new value, who, when,
why) and the review re-evaluated, so relevance, progress and status are always current.

This is what an inspector does all day, so it reads and writes its rows with plain SQL statements on the
write transaction's connection (``_Answering``) instead of loading ORM objects and flushing them: the same
rows, for a third of the time. ``tests/core/test_review_rows.py`` holds it to the rows the ORM wrote.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, String, and_, bindparam, insert, select, type_coerce, update
from sqlmodel import Session

from omi_desktop.core import clock
from omi_desktop.core.clock import utcnow
from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.registry import framework_from_session
from omi_desktop.core.i18n import _
from omi_desktop.core.inspections import case_facts
from omi_desktop.core.review.checks import check_applies_and_rules, stored_value
from omi_desktop.core.review.state import ReviewState, ReviewView
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Answer, AuditEvent, Case, FrameworkDefinition, Inspection, Review

FEEDBACK_KINDS = ("strength", "improvement")


@dataclass(frozen=True)
class AnswerItem:
    """One answer in a batch (``answer_many``)."""

    question_id: str
    value: Any
    note: str | None = None
    feedback: str | None = None


# -- the rows, read and written with plain statements ------------------------------------------------------
_REVIEW, _ANSWER, _AUDIT = Review.__table__, Answer.__table__, AuditEvent.__table__
_INSPECTION, _CASE, _FRAMEWORK = Inspection.__table__, Case.__table__, FrameworkDefinition.__table__
_REVIEW_COLUMNS = tuple(_REVIEW.c.keys())
_REVIEW_CHANGES = ("revision", "updated_at", "progress", "status")  # all that answering changes in a review
_ANSWER_CHANGES = ("value", "note", "feedback", "relevant", "updated_at", "updated_by")

# The review with what its facts come from (inspection dates and modules, the case's columns), in one query.
_CONTEXT = (
    select(
        *_REVIEW.c,
        _INSPECTION.c.active_modules,
        _INSPECTION.c.fieldwork_start,
        _INSPECTION.c.fieldwork_end,
        _CASE.c.id.label("case_found"),
        *(column for column in _CASE.c if column.key not in ("id", "inspection_id")),
        _FRAMEWORK.c.sha256.label("framework_digest"),
    )
    .select_from(
        _REVIEW.outerjoin(_INSPECTION, _INSPECTION.c.id == _REVIEW.c.inspection_id)
        .outerjoin(_CASE, _CASE.c.id == _REVIEW.c.case_id)
        .outerjoin(
            _FRAMEWORK,
            and_(
                _FRAMEWORK.c.framework_id == _REVIEW.c.framework_id,
                _FRAMEWORK.c.version == _REVIEW.c.framework_version,
            ),
        )
    )
    .where(_REVIEW.c.id == bindparam("review_id"))
)
# Values and times come as the stored text and are decoded here (``_decoded``, ``_utc``): the same values the
# column types give, for a fraction of the time, on every answer of the review at every answer given.
_ANSWERS = select(
    _ANSWER.c.id,
    _ANSWER.c.question_id,
    type_coerce(_ANSWER.c.value, String),
    _ANSWER.c.note,
    _ANSWER.c.feedback,
    _ANSWER.c.relevant,
    type_coerce(_ANSWER.c.updated_at, String),
    _ANSWER.c.updated_by,
).where(_ANSWER.c.review_id == bindparam("review_id"))
_IMMUTABLE = (str, int, float, bool)
_decoded_cache: dict[str, Any] = {}
_frameworks: dict[str, Framework] = {}  # a stored framework by the digest of its text (immutable)


def _decoded(text: str | float | None) -> Any:
    """A stored JSON value as ``JSONValue`` reads it; plain values are decoded once.

    NULL is None; a number comes back as a number (the column's numeric affinity stores ``4`` as one).
    """
    if not isinstance(text, str):
        return text
    value = _decoded_cache.get(text)
    if value is None:
        value = json.loads(text)
        if isinstance(value, _IMMUTABLE) and len(_decoded_cache) < 4096:
            _decoded_cache[text] = value
    return value


def _utc(text: str) -> datetime:
    """A stored time, as ``UTCDateTime`` reads it (stored as naive UTC text)."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


_INSERT_ANSWER = insert(_ANSWER)
_UPDATE_ANSWER = update(_ANSWER).where(_ANSWER.c.id == bindparam("answer_id"))  # SET: the changed columns
_UPDATE_REVIEW = update(_REVIEW).where(_REVIEW.c.id == bindparam("review_key"))
_INSERT_AUDIT = insert(_AUDIT)


def _changes(names: tuple[str, ...], new: tuple[Any, ...], old: tuple[Any, ...]) -> dict[str, Any]:
    """The columns whose value differs (as the ORM decides what an UPDATE sets: by ``!=``)."""
    return {name: value for name, value, was in zip(names, new, old, strict=True) if value != was}


class _Record:
    """A row as plain attributes (the review's, read from ``_CONTEXT``)."""

    def __init__(self, **columns: Any) -> None:
        self.__dict__.update(columns)


@dataclass(slots=True)
class _AnswerRow:
    """One answer row: the columns ``AnswerInfo`` shows, and what was stored (None: not stored yet)."""

    id: int | None
    question_id: str
    value: Any
    note: str
    feedback: str | None
    relevant: bool
    updated_at: Any
    updated_by: str
    stored: tuple[Any, ...] | None = None

    def columns(self) -> tuple[Any, ...]:
        return (self.value, self.note, self.feedback, self.relevant, self.updated_at, self.updated_by)


class _Answering(ReviewState):
    """A review read for answering, in the write transaction; ``write()`` stores what changed.

    Changes are kept on plain records and written at the end in as few statements as they need: new answers
    inserted, changed columns of the others updated, the audit events inserted, the review's revision,
    progress and status updated, exactly as the ORM's flush wrote them.
    """

    def __init__(self, session: Session, review_id: str) -> None:
        self.connection: Connection = session.connection()
        found = self.connection.execute(_CONTEXT, {"review_id": review_id}).first()
        if found is None:
            raise NotFoundError(f"no review {review_id!r}")
        self.review = _Record(**{name: getattr(found, name) for name in _REVIEW_COLUMNS})
        self.stored_review = tuple(getattr(self.review, name) for name in _REVIEW_CHANGES)
        self.framework = self._framework(session, found)
        self.answers: dict[str, _AnswerRow] = {}
        for key, qid, value, note, feedback, relevant, at, by in self.connection.execute(
            _ANSWERS, {"review_id": review_id}
        ):
            answer = _AnswerRow(key, qid, _decoded(value), note, feedback, relevant, _utc(at), by)
            answer.stored = answer.columns()
            self.answers[qid] = answer
        self.facts = case_facts(found if found.case_found is not None else None, found)  # type: ignore[arg-type]
        self.active_modules = tuple(found.active_modules or ())
        self.today = clock.today()
        self.created: list[_AnswerRow] = []  # new answers, in the order they were made
        self.events: list[dict[str, Any]] = []

    @staticmethod
    def _framework(session: Session, found: Any) -> Framework:
        digest = found.framework_digest
        framework = _frameworks.get(digest) if digest is not None else None
        if framework is None:
            framework = framework_from_session(session, found.framework_id, found.framework_version)
            if digest is not None and framework.sha256 == digest:
                _frameworks[digest] = framework
        return framework

    def audit(
        self,
        action: str,
        actor: str,
        *,
        question_id: str | None = None,
        old: Any = None,
        new: Any = None,
        reason: str | None = None,
    ) -> None:
        self.events.append(
            {
                "review_id": self.review.id,
                "revision": self.review.revision,
                "action": action,
                "question_id": question_id,
                "old_value": old,
                "new_value": new,
                "actor": actor,
                "at": utcnow(),
                "reason": reason,
            }
        )

    def row(self, question_id: str, actor: str) -> _AnswerRow:
        """The answer row of a question, made if there is none, stamped as changed now by ``actor``."""
        row = self.answers.get(question_id)
        if row is None:
            row = _AnswerRow(None, question_id, None, "", None, True, utcnow(), actor)
            self.answers[question_id] = row
            self.created.append(row)
        row.updated_at = utcnow()
        row.updated_by = actor
        return row

    def write(self) -> None:
        """Store every change made since the review was read (after ``settle``)."""
        connection, review_id = self.connection, self.review.id
        if self.created:
            connection.execute(
                _INSERT_ANSWER,
                [
                    dict(zip(_ANSWER_CHANGES, row.columns(), strict=True), question_id=row.question_id)
                    | {"review_id": review_id}
                    for row in self.created
                ],
            )
        updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row in self.answers.values():
            columns = row.columns()
            if row.stored is not None and columns != row.stored:
                changed = _changes(_ANSWER_CHANGES, columns, row.stored)
                updates.setdefault(tuple(changed), []).append(changed | {"answer_id": row.id})
        for rows in updates.values():
            connection.execute(_UPDATE_ANSWER, rows)
        review = tuple(getattr(self.review, name) for name in _REVIEW_CHANGES)
        if review != self.stored_review:
            changed = _changes(_REVIEW_CHANGES, review, self.stored_review)
            connection.execute(_UPDATE_REVIEW, changed | {"review_key": review_id})
        if self.events:
            connection.execute(_INSERT_AUDIT, self.events)


def _editable(loaded: _Answering, question_id: str) -> None:
    if loaded.review.status == "finalised":
        raise RefusedError(_("the review is finalised; reopen it (with a reason) to change it"))
    order = loaded.framework.question_ids(loaded.review.instrument, loaded.active_modules)
    if question_id not in order:
        raise NotFoundError(_("there is no question {qid} in this review").format(qid=question_id))


def _apply(
    loaded: _Answering, question_id: str, raw_value: Any, actor: str, note: str | None, reason: str | None
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


def _stored(loaded: _Answering, changed: bool) -> ReviewView:
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
        loaded = _Answering(session, review_id)
        return _stored(loaded, _apply(loaded, question_id, raw_value, actor, note, reason))


def answer_many(store: Store, review_id: str, items: Iterable[AnswerItem], *, actor: str) -> ReviewView:
    """Give several answers in order, in one transaction: all or none.

    Each answer is checked against the answers before it, exactly as if given one by one, and is its own
    revision in the audit trail.
    """
    with store.write() as session:
        loaded = _Answering(session, review_id)
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
        loaded = _Answering(session, review_id)
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
        loaded = _Answering(session, review_id)
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


def _mark(loaded: _Answering, question_id: str, kind: str | None, actor: str) -> bool:
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
        loaded = _Answering(session, review_id)
        return _stored(loaded, _mark(loaded, question_id, kind, actor))
