"""The figures of one inspection that the area documents print, read from the store in a few queries.

Counted: finalised case reviews only (as ``omi scores``), and only their answers that still apply. The
headline and criterion scores come from ``core.scoring``; per question and per case are added here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.registry import framework_from_session
from omi_desktop.core.i18n import current_language
from omi_desktop.core.inspections import CaseInfo, InspectionInfo, list_cases, resolve_inspection
from omi_desktop.core.reports.judgements import ThreadOutcome, outcomes_of
from omi_desktop.core.scoring import Proportion, ScoredAnswer, Scores, answer_weight, inspection_scores
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Answer, Inspector, Review
from omi_desktop.core.sync.purged import purged_case_ids


@dataclass(frozen=True)
class QuestionFigure:
    question_id: str
    text: str
    criterion_id: str
    answers: Proportion  # positive / applicable answers across finalised cases


@dataclass(frozen=True)
class InspectionFigures:
    inspection: InspectionInfo
    framework: Framework
    cases: tuple[CaseInfo, ...]  # every case of the inspection (M)
    scores: Scores  # finalised case reviews
    questions: tuple[QuestionFigure, ...]  # scored questions with at least one answer, reading order
    outcomes: dict[str, list[ThreadOutcome]]  # finalised cases by case id
    inspectors: dict[str, str]  # inspector id -> name
    purged: frozenset[str] = frozenset()  # cases whose review was purged here after a receipt (not counted)

    @property
    def finalised(self) -> tuple[CaseInfo, ...]:
        """Finalised cases counted in the figures (as ``omi scores``: not those purged here)."""
        return tuple(c for c in self.cases if c.status == "finalised" and c.id not in self.purged)

    def thread_title(self, thread_id: str) -> str:
        for thread in self.framework.threads:
            if thread.id == thread_id:
                return thread.title.get(current_language())
        return thread_id

    def criterion_title(self, criterion_id: str) -> str:
        for instrument in self.framework.scored_instruments:
            for criterion in self.framework.criteria(instrument):
                if criterion.id == criterion_id:
                    return criterion.title.get(current_language())
        return criterion_id


def _answers(store: Store, inspection_id: str, framework: Framework) -> dict[str, list[ScoredAnswer]]:
    """Relevant answers to scored questions of finalised case reviews, by case id."""
    scored = [qid for qid, q in framework.questions.items() if q.scored]
    with store.read() as session:
        rows = session.execute(
            select(Review.id, Review.case_id, Answer.question_id, Answer.value)
            .join(Answer, Answer.review_id == Review.id)
            .where(
                Review.inspection_id == inspection_id,
                Review.instrument == "case",
                Review.status == "finalised",
                Answer.relevant.is_(True),
                Answer.question_id.in_(scored),
            )
        ).all()
    by_case: dict[str, list[ScoredAnswer]] = defaultdict(list)
    for review_id, case_id, question_id, value in rows:
        if isinstance(value, str):
            by_case[case_id].append(ScoredAnswer(review_id, question_id, value))
    return by_case


def _question_figures(framework: Framework, answers: dict[str, list[ScoredAnswer]]) -> list[QuestionFigure]:
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for items in answers.values():
        for item in items:
            weight = answer_weight(framework, item.question_id, item.value)
            if weight is not None:
                totals[item.question_id][0] += weight
                totals[item.question_id][1] += 1
    language = current_language()
    return [
        QuestionFigure(
            qid, q.text.get(language), framework.placement[qid].criterion.id, Proportion.of(*totals[qid])
        )
        for qid, q in framework.questions.items()
        if q.scored and qid in totals
    ]


def inspection_figures(store: Store, inspection_ref: str | None = None) -> InspectionFigures:
    inspection = resolve_inspection(store, inspection_ref)
    with store.read() as session:
        framework = framework_from_session(session, inspection.framework_id, inspection.framework_version)
        inspectors = {row.id: row.name for row in session.exec(select(Inspector)).scalars()}
    cases = tuple(list_cases(store, inspection.id))
    answers = _answers(store, inspection.id, framework)
    outcomes = {
        case.id: outcomes_of(framework, answers.get(case.id, []))
        for case in cases
        if case.status == "finalised"
    }
    return InspectionFigures(
        inspection=inspection,
        framework=framework,
        cases=cases,
        scores=inspection_scores(store, inspection.id),
        questions=tuple(_question_figures(framework, answers)),
        outcomes=outcomes,
        inspectors=inspectors,
        purged=purged_case_ids(store, inspection.id),
    )
