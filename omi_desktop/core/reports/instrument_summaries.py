"""What the area documents say about the instruments besides the case review, as plain data (and JSON).

- ``leadership_summary``: each area-level assessment of the inspection (in the OMI framework, Leadership
  and strategic planning), criterion by criterion: the lead inspector's judgements, a verdict per criterion
  by the feedback sheet's rule (every applicable judgement positive: met; every one negative: not met;
  anything between: partly met; none: not applicable; "Not applicable" answers leave out), and the lead's
  notes (text answers and evidence notes). Marked when not finalised.
- ``service_users_summary``: per questionnaire, over its finalised responses (not those whose data was
  removed after a receipt): for each question, how many it applied to and answered (n), and per option
  (choice, several choices, judgement) the count and share of n. Free text is counted, never quoted:
  questionnaires may hold personal data.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.model import Question
from omi_desktop.core.framework.registry import framework_from_session
from omi_desktop.core.i18n import _, current_language
from omi_desktop.core.inspections import resolve_inspection
from omi_desktop.core.instruments import AREA, RESPONDENT, instrument_infos
from omi_desktop.core.reports.judgements import MET, NOT_APPLICABLE, NOT_MET, PARTLY_MET, SYMBOLS
from omi_desktop.core.review.state import LoadedReview, ReviewView
from omi_desktop.core.review.values import judgement_label
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Review, ReviewSync

JUDGEMENTS = ("yes", "partly", "no", "na")


# -- leadership and strategic planning ----------------------------------------------------------------------
@dataclass(frozen=True)
class AreaAnswer:
    question_id: str
    text: str
    value: Any
    words: str  # "Partly", an option's label, a date...; "" when not answered
    mark: str  # ✓ ◐ ✗ – for a judgement, "" otherwise


@dataclass(frozen=True)
class AreaNote:
    question_id: str
    heading: str  # the question (for a text answer) or "4.1.1 (Partly)" for an evidence note
    text: str


@dataclass(frozen=True)
class AreaCriterion:
    criterion_id: str
    title: str
    section_id: str
    section_title: str
    verdict: str  # met | partly_met | not_met | not_applicable (judgements.py)
    positive: int
    applicable: int
    unanswered: int  # judgement questions that apply but have no answer yet
    answers: tuple[AreaAnswer, ...]  # every question that is not free text, in reading order
    notes: tuple[AreaNote, ...]
    partly: int = 0  # judgements that were "Partly"


@dataclass(frozen=True)
class AreaAssessment:
    instrument: str
    title: str
    review_id: str | None  # None: not started
    status: str
    progress: int
    finalised_at: datetime | None
    finalised_by: str | None
    purged: bool
    criteria: tuple[AreaCriterion, ...]

    @property
    def finalised(self) -> bool:
        return self.status == "finalised"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["finalised_at"] = self.finalised_at.isoformat() if self.finalised_at else None
        return data


@dataclass(frozen=True)
class LeadershipSummary:
    inspection_id: str
    assessments: tuple[AreaAssessment, ...]

    def as_json(self) -> dict[str, Any]:
        return {"inspection": self.inspection_id, "assessments": [a.as_json() for a in self.assessments]}


def _kind(question: Question, value: str) -> str | None:
    """positive, partial or negative for a judgement; None for "Not applicable"."""
    if value == "na":
        return None
    if value == "partly":
        return "partial"
    return "positive" if value == question.positive else "negative"


_MARKS = {"positive": SYMBOLS[MET], "partial": SYMBOLS[PARTLY_MET], "negative": SYMBOLS[NOT_MET]}


def _words(question: Question, value: Any) -> str:
    if value in (None, "", []):
        return ""
    language = current_language()
    if question.type == "judgement":
        return judgement_label(value)
    labels = {o.value: o.label.get(language) for o in question.options}
    if isinstance(value, list):
        return ", ".join(labels.get(v, str(v)) for v in value)
    return labels.get(str(value), str(value))


def _verdict(kinds: Sequence[str]) -> str:
    if not kinds:
        return NOT_APPLICABLE
    if all(k == "positive" for k in kinds):
        return MET
    if all(k == "negative" for k in kinds):
        return NOT_MET
    return PARTLY_MET


def _criterion(view: ReviewView, section: Any, criterion: Any) -> AreaCriterion:
    language = current_language()
    answers, notes, kinds = [], [], []
    unanswered = 0
    for question in criterion.question:
        qid = question.id
        status = view.evaluation.statuses.get(qid)
        if status is None or not status.relevant:
            continue
        answer = view.answers.get(qid)
        value = answer.value if answer is not None else None
        note = answer.note.strip() if answer is not None else ""
        if question.type == "text":
            if value:
                notes.append(AreaNote(qid, question.text.get(language), str(value)))
            continue
        kind = _kind(question, value) if question.type == "judgement" and isinstance(value, str) else None
        unanswered += question.type == "judgement" and value is None
        if kind is not None:
            kinds.append(kind)
        mark = _MARKS.get(kind or "", SYMBOLS[NOT_APPLICABLE] if value == "na" else "")
        answers.append(AreaAnswer(qid, question.text.get(language), value, _words(question, value), mark))
        if note:
            said = _words(question, value) or _("not answered")
            notes.append(AreaNote(qid, f"{qid} ({said})", note))
    return AreaCriterion(
        criterion.id,
        criterion.title.get(language),
        section.id,
        section.title.get(language),
        _verdict(kinds),
        sum(1 for k in kinds if k == "positive"),
        len(kinds),
        unanswered,
        tuple(answers),
        tuple(notes),
        sum(1 for k in kinds if k == "partial"),
    )


def _assessment(view: ReviewView | None, info: Any, purged: bool, framework: Framework) -> AreaAssessment:
    if view is None:
        return AreaAssessment(info.id, info.title, None, "not_started", 0, None, None, False, ())
    criteria = [
        _criterion(view, section, criterion)
        for section in framework.sections(info.id, view.active_modules)
        for criterion in section.criterion
    ]
    r = view.review
    return AreaAssessment(
        info.id,
        info.title,
        r.id,
        r.status,
        r.progress,
        r.finalised_at,
        r.finalised_by,
        purged,
        tuple(criteria),
    )


def _reviews(session: Any, inspection_id: str, instruments: list[str]) -> list[tuple[Review, bool]]:
    rows = session.execute(
        select(Review, ReviewSync.purged_at)
        .join(ReviewSync, ReviewSync.review_id == Review.id, isouter=True)
        .where(Review.inspection_id == inspection_id, Review.instrument.in_(instruments))
        .order_by(Review.created_at, Review.id)
    ).all()
    return [(review, purged_at is not None) for review, purged_at in rows]


def leadership_summary(store: Store, inspection_ref: str | None = None) -> LeadershipSummary:
    inspection = resolve_inspection(store, inspection_ref)
    with store.read() as session:
        framework = framework_from_session(session, inspection.framework_id, inspection.framework_version)
        infos = instrument_infos(framework, inspection.active_modules, AREA)
        found = {
            r.instrument: (r, purged) for r, purged in _reviews(session, inspection.id, [i.id for i in infos])
        }
        assessments = []
        for info in infos:
            review, purged = found.get(info.id, (None, False))
            view = LoadedReview(session, review).view() if review is not None else None
            assessments.append(_assessment(view, info, purged, framework))
    return LeadershipSummary(inspection.id, tuple(assessments))


# -- service users' perspective -----------------------------------------------------------------------------
@dataclass(frozen=True)
class OptionCount:
    value: str
    label: str
    count: int
    percent: float | None  # of the question's n; None when n is 0


@dataclass(frozen=True)
class QuestionSummary:
    question_id: str
    text: str
    type: str
    applied: int  # finalised responses the question applied to
    n: int  # of those, the ones that answered it
    options: tuple[OptionCount, ...]  # judgement, choice and several-choice questions
    comments: int  # free text: how many wrote something (never printed)
    low: float | None = None  # number questions: smallest, median and largest answer
    median: float | None = None
    high: float | None = None

    @property
    def blank(self) -> int:
        return self.applied - self.n


@dataclass(frozen=True)
class QuestionnaireSummary:
    instrument: str
    title: str
    finalised: int  # responses counted
    not_finalised: int  # entered but not finalised: not counted
    removed: int  # finalised, but answers removed here after a receipt: not counted
    notes: int  # evidence notes on answers (never printed)
    questions: tuple[QuestionSummary, ...]


@dataclass(frozen=True)
class ServiceUsersSummary:
    inspection_id: str
    questionnaires: tuple[QuestionnaireSummary, ...]

    def as_json(self) -> dict[str, Any]:
        return {"inspection": self.inspection_id, "questionnaires": [asdict(q) for q in self.questionnaires]}


def _option_values(question: Question) -> list[tuple[str, str]]:
    if question.type == "judgement":
        allowed = question.allowed_judgements()
        return [(v, judgement_label(v)) for v in JUDGEMENTS if v in allowed]
    language = current_language()
    return [(o.value, o.label.get(language)) for o in question.options]


def _percent(count: int, n: int) -> float | None:
    return round(100 * count / n, 2) if n else None


def _question(question: Question, views: Sequence[ReviewView]) -> QuestionSummary:
    applied, values = 0, []
    for view in views:
        status = view.evaluation.statuses.get(question.id)
        if status is None or not status.relevant:
            continue
        applied += 1
        value = view.value(question.id)
        if value not in (None, "", []):
            values.append(value)
    n = len(values)
    options: list[OptionCount] = []
    if question.type in ("judgement", "choice", "multi_choice"):
        for value, label in _option_values(question):
            count = sum(1 for v in values if (value in v if isinstance(v, list) else v == value))
            options.append(OptionCount(value, label, count, _percent(count, n)))
    numbers = [float(v) for v in values if isinstance(v, int | float)] if question.type == "number" else []
    return QuestionSummary(
        question.id,
        question.text.get(current_language()),
        question.type,
        applied,
        n,
        tuple(options),
        n if question.type == "text" else 0,
        min(numbers) if numbers else None,
        statistics.median(numbers) if numbers else None,
        max(numbers) if numbers else None,
    )


def _questionnaire(
    info: Any, rows: list[tuple[ReviewView, bool]], framework: Framework, active: tuple[str, ...]
) -> QuestionnaireSummary:
    counted = [view for view, purged in rows if view.review.finalised and not purged]
    questions = [
        _question(framework.questions[qid], counted) for qid in framework.question_ids(info.id, active)
    ]
    return QuestionnaireSummary(
        info.id,
        info.title,
        len(counted),
        sum(1 for view, _purged in rows if not view.review.finalised),
        sum(1 for view, purged in rows if view.review.finalised and purged),
        sum(1 for view in counted for a in view.answers.values() if a.note.strip()),
        tuple(questions),
    )


def service_users_summary(store: Store, inspection_ref: str | None = None) -> ServiceUsersSummary:
    inspection = resolve_inspection(store, inspection_ref)
    with store.read() as session:
        framework = framework_from_session(session, inspection.framework_id, inspection.framework_version)
        infos = instrument_infos(framework, inspection.active_modules, RESPONDENT)
        by_instrument: dict[str, list[tuple[ReviewView, bool]]] = {i.id: [] for i in infos}
        for review, purged in _reviews(session, inspection.id, list(by_instrument)):
            by_instrument[review.instrument].append((LoadedReview(session, review).view(), purged))
    return ServiceUsersSummary(
        inspection.id,
        tuple(
            _questionnaire(info, by_instrument[info.id], framework, inspection.active_modules)
            for info in infos
        ),
    )
