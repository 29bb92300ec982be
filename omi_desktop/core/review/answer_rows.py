"""The rows answering reads and writes, with SQL statements built once, in the write transaction.

An answer reads the review with its inspection, case and framework digest (one query) and its answers, and
writes the answer, its audit event and the review's next revision: a handful of statements an inspector waits
for at every answer. They are SQLAlchemy Core statements compiled once for SQLite and run on the
transaction's own driver connection (as ``store.engine.fetch_rows`` does for bulk reads), with the column
types' own conversions, so they store exactly what the ORM stored (``tests/core/test_review_rows.py``) for a
fraction of its cost per statement; a driver error is raised as SQLAlchemy raises it, so the store reports it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Integer, String, and_, bindparam, insert, select, type_coerce, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.expression import Executable
from sqlmodel import Session

from omi_desktop.core import clock
from omi_desktop.core.clock import utcnow
from omi_desktop.core.errors import NotFoundError
from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.registry import framework_from_session
from omi_desktop.core.inspections import case_facts
from omi_desktop.core.review.state import ReviewState
from omi_desktop.core.store.tables import Answer, AuditEvent, Case, FrameworkDefinition, Inspection, Review

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
# Values, flags and times come as stored and are decoded here (``_decoded``, ``bool``, ``_utc``): the same
# values the column types give, for a fraction of the time, on every answer of the review at every answer.
_ANSWERS = select(
    _ANSWER.c.id,
    _ANSWER.c.question_id,
    type_coerce(_ANSWER.c.value, String),
    _ANSWER.c.note,
    _ANSWER.c.feedback,
    type_coerce(_ANSWER.c.relevant, Integer),
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
_NEW_ANSWER = ("review_id", "question_id", *_ANSWER_CHANGES)
_NEW_EVENT = tuple(column.key for column in _AUDIT.c if column.key != "id")


Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]  # the parameters, in the order of the statement's ``?``
    binds: tuple[Processor, ...]  # each parameter's conversion by its column type
    keys: tuple[str, ...]  # a query's result columns
    results: tuple[Processor, ...]  # their conversions


_compiled: dict[tuple[int, tuple[str, ...]], _Compiled] = {}


def _compile(connection: Connection, statement: Executable, keys: tuple[str, ...]) -> _Compiled:
    """``statement`` for this connection's dialect (an INSERT or UPDATE setting the columns ``keys``)."""
    found = _compiled.get((id(statement), keys))
    if found is not None:
        return found
    dialect = connection.dialect
    compiled = statement.compile(dialect=dialect, column_keys=list(keys) if keys else None)
    names = tuple(compiled.positiontup or ())
    unknown = set(names) - set(keys) - set(compiled.binds) if keys else set()
    assert not unknown, f"parameters without values: {unknown}"  # e.g. a column default SQLAlchemy would add
    columns = getattr(statement, "selected_columns", ())
    found = _Compiled(
        compiled.string,
        names,
        tuple(compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names),
        tuple(column.key for column in columns),
        tuple(column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns),
    )
    _compiled[(id(statement), keys)] = found
    return found


def _run(
    connection: Connection, statement: Executable, rows: Sequence[dict[str, Any]], keys: tuple[str, ...] = ()
) -> list[tuple[Any, ...]]:
    """Run ``statement`` once per parameter set of ``rows`` on the transaction's driver connection.

    Returns a query's rows, each column converted by its type as SQLAlchemy would.
    """
    compiled = _compile(connection, statement, keys)
    params = [
        tuple(
            row[name] if bind is None else bind(row[name])
            for name, bind in zip(compiled.names, compiled.binds, strict=True)
        )
        for row in rows
    ]
    driver = connection.connection.driver_connection
    try:
        if len(params) == 1:
            fetched = driver.execute(compiled.sql, params[0]).fetchall()
        else:
            driver.executemany(compiled.sql, params)
            fetched = []
    except sqlite3.Error as exc:
        raise DBAPIError.instance(compiled.sql, params, exc, sqlite3.Error) from exc
    results = compiled.results
    if not fetched or not any(results):
        return fetched
    return [
        tuple(value if result is None else result(value) for value, result in zip(row, results, strict=True))
        for row in fetched
    ]


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


class AnswerRows(ReviewState):
    """A review read for answering, in the write transaction; ``write()`` stores what changed.

    Changes are kept on plain records and written at the end in as few statements as they need: new answers
    inserted, changed columns of the others updated, the audit events inserted, the review's revision,
    progress and status updated, exactly as the ORM's flush wrote them.
    """

    def __init__(self, session: Session, review_id: str) -> None:
        self.connection: Connection = session.connection()
        rows = _run(self.connection, _CONTEXT, [{"review_id": review_id}])
        if not rows:
            raise NotFoundError(f"no review {review_id!r}")
        found = _Record(**dict(zip(_compile(self.connection, _CONTEXT, ()).keys, rows[0], strict=True)))
        self.review = _Record(**{name: getattr(found, name) for name in _REVIEW_COLUMNS})
        self.stored_review = tuple(getattr(self.review, name) for name in _REVIEW_CHANGES)
        self.framework = self._framework(session, found)
        self.answers: dict[str, _AnswerRow] = {}
        for key, qid, value, note, feedback, relevant, at, by in _run(
            self.connection, _ANSWERS, [{"review_id": review_id}]
        ):
            answer = _AnswerRow(key, qid, _decoded(value), note, feedback, bool(relevant), _utc(at), by)
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
            new = [
                dict(zip(_ANSWER_CHANGES, row.columns(), strict=True), question_id=row.question_id)
                | {"review_id": review_id}
                for row in self.created
            ]
            _run(connection, _INSERT_ANSWER, new, _NEW_ANSWER)
        updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row in self.answers.values():
            columns = row.columns()
            if row.stored is not None and columns != row.stored:
                changed = _changes(_ANSWER_CHANGES, columns, row.stored)
                updates.setdefault(tuple(changed), []).append(changed | {"answer_id": row.id})
        for columns, rows in updates.items():
            _run(connection, _UPDATE_ANSWER, rows, columns)
        review = tuple(getattr(self.review, name) for name in _REVIEW_CHANGES)
        if review != self.stored_review:
            changed = _changes(_REVIEW_CHANGES, review, self.stored_review)
            _run(connection, _UPDATE_REVIEW, [changed | {"review_key": review_id}], tuple(changed))
        if self.events:
            _run(connection, _INSERT_AUDIT, self.events, _NEW_EVENT)
