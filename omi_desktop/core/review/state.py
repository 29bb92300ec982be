"""A review loaded inside one transaction, and the plain views handed back to callers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, select

from omi_desktop.core import clock
from omi_desktop.core.clock import utcnow
from omi_desktop.core.errors import NotFoundError
from omi_desktop.core.framework.conditions import Environment
from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.registry import framework_from_session
from omi_desktop.core.inspections import case_facts
from omi_desktop.core.review.evaluate import Evaluation, effective_answers, judge
from omi_desktop.core.store.tables import Answer, AuditEvent, Case, Inspection, Review


@dataclass(frozen=True)
class ReviewInfo:
    id: str
    inspection_id: str
    case_id: str | None
    instrument: str
    respondent: str | None
    framework_id: str
    framework_version: int
    status: str
    progress: int
    revision: int
    created_at: datetime
    updated_at: datetime
    finalised_at: datetime | None
    finalised_by: str | None

    @classmethod
    def of(cls, review: Review) -> ReviewInfo:
        return cls(**{name: getattr(review, name) for name in cls.__dataclass_fields__})

    @property
    def finalised(self) -> bool:
        return self.status == "finalised"


@dataclass(frozen=True)
class AnswerInfo:
    question_id: str
    value: Any
    note: str
    feedback: str | None
    relevant: bool
    updated_at: datetime
    updated_by: str

    @classmethod
    def of(cls, answer: Answer) -> AnswerInfo:
        return cls(*_answer_fields(answer))  # every answer of a review, after every answer given


_answer_fields = attrgetter(*AnswerInfo.__dataclass_fields__)


@dataclass(frozen=True)
class ReviewView:
    """Everything a screen or a report needs about one review, detached from the database."""

    review: ReviewInfo
    framework: Framework
    answers: dict[str, AnswerInfo]
    evaluation: Evaluation
    facts: dict[str, Any] = field(default_factory=dict)
    active_modules: tuple[str, ...] = ()

    def value(self, question_id: str) -> Any:
        answer = self.answers.get(question_id)
        return None if answer is None else answer.value

    def note(self, question_id: str) -> str:
        answer = self.answers.get(question_id)
        return "" if answer is None else answer.note


@dataclass(frozen=True)
class AuditEntry:
    revision: int
    action: str
    question_id: str | None
    old_value: Any
    new_value: Any
    actor: str
    at: datetime
    reason: str | None

    @classmethod
    def of(cls, event: AuditEvent) -> AuditEntry:
        return cls(**{name: getattr(event, name) for name in cls.__dataclass_fields__})

    def as_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__} | {"at": self.at.isoformat()}


# Built once: a review is loaded for every answer, and building a statement costs more than running it.
_REVIEW_IN_CONTEXT = (
    select(Review, Inspection, Case)
    .join(Inspection, Inspection.id == Review.inspection_id, isouter=True)
    .join(Case, Case.id == Review.case_id, isouter=True)
    .where(Review.id == bindparam("review_id"))
)
_ANSWERS = select(Answer).where(Answer.review_id == bindparam("review_id"))


class ReviewState:
    """A review being worked on inside one transaction: its row, framework, answers and the facts around it.

    The rows are whatever the loader holds (ORM objects for ``LoadedReview``, plain records for the
    answering path): anything with the columns as attributes. Relevance, evaluation and the view are the same
    for both.
    """

    review: Any
    framework: Framework
    answers: dict[str, Any]
    facts: dict[str, Any]
    active_modules: tuple[str, ...]
    today: date
    _relevance: tuple[dict[str, Any], tuple[dict[str, Any], dict[str, bool], Environment]] | None = None

    def relevance(self, answers: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bool], Environment]:
        """Which questions apply given ``answers``, and the answers that count (``effective_answers``).

        The last result is kept: checking a new answer works it out for the answers as they will be, and
        the evaluation after the change then finds it done.
        """
        if self._relevance is not None and self._relevance[0] == answers:
            return self._relevance[1]
        order = self.framework.question_ids(self.review.instrument, self.active_modules)
        result = effective_answers(self.framework, order, self.facts, answers, self.today)
        self._relevance = (dict(answers), result)
        return result

    def evaluate(self) -> Evaluation:
        answers = {qid: a.value for qid, a in self.answers.items()}
        order = tuple(self.framework.question_ids(self.review.instrument, self.active_modules))
        return judge(self.framework, order, answers, self.relevance(answers))

    def new_revision(self) -> None:
        """Start the next revision; audit events written after this carry its number."""
        self.review.revision += 1
        self.review.updated_at = utcnow()

    def settle(self, *, started: bool = False) -> Evaluation:
        """Re-evaluate after a change: relevance flags, progress and status (unless finalised)."""
        evaluation = self.evaluate()
        for qid, answer in self.answers.items():
            status = evaluation.statuses.get(qid)
            relevant = status.relevant if status is not None else False
            if answer.relevant != relevant:
                answer.relevant = relevant
        review = self.review
        review.progress = evaluation.progress
        if review.status != "finalised":
            if started:
                review.status = "not_started"
            else:
                review.status = "complete" if evaluation.complete else "in_progress"
        return evaluation

    def view(self, evaluation: Evaluation | None = None) -> ReviewView:
        return ReviewView(
            review=ReviewInfo.of(self.review),
            framework=self.framework,
            answers={qid: AnswerInfo.of(a) for qid, a in self.answers.items()},
            evaluation=evaluation or self.evaluate(),
            facts=dict(self.facts),
            active_modules=self.active_modules,
        )


class LoadedReview(ReviewState):
    """A review and what surrounds it as ORM objects, inside one session: changes are flushed on commit."""

    def __init__(self, session: Session, review: Review, today: date | None = None) -> None:
        self.session = session
        self.review = review
        self.inspection = session.get(Inspection, review.inspection_id)
        self.case = session.get(Case, review.case_id) if review.case_id else None
        self.framework = framework_from_session(session, review.framework_id, review.framework_version)
        self.answers: dict[str, Answer] = {
            a.question_id: a for a in session.exec(_ANSWERS, params={"review_id": review.id})
        }
        self.facts = case_facts(self.case, self.inspection)
        self.active_modules = tuple(self.inspection.active_modules or ())
        self.today = today or clock.today()

    @classmethod
    def load(cls, session: Session, review_id: str) -> LoadedReview:
        # One query for the review, its inspection and its case (the session then has them at hand).
        row = session.exec(_REVIEW_IN_CONTEXT, params={"review_id": review_id}).first()
        if row is None:
            raise NotFoundError(f"no review {review_id!r}")
        return cls(session, row[0])

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
        self.session.add(
            AuditEvent(
                review_id=self.review.id,
                revision=self.review.revision,
                action=action,
                question_id=question_id,
                old_value=old,
                new_value=new,
                actor=actor,
                reason=reason,
            )
        )

    def settle(self, *, started: bool = False) -> Evaluation:
        evaluation = super().settle(started=started)
        self.session.add_all([*self.answers.values(), self.review])  # rows made by callers are written too
        return evaluation
