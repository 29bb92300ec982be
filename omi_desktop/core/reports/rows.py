"""The rows of the data exports: plain values, codes as stored, one meaning per column (docs/reports.md).

Answers: one row per review × question of the review's instrument (inactive modules left out). A question
that no longer applies ("skipped") never shows a value, so a kept answer is not mistaken for a judgement;
its note and feedback mark are kept as recorded. Case summaries: one row per case, with the thread outcomes
and criterion judgements of its case review (see ``judgements.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import select

from omi_desktop.core.clock import iso
from omi_desktop.core.framework.registry import framework_from_session
from omi_desktop.core.i18n import current_language
from omi_desktop.core.inspections import CaseInfo, InspectionInfo, list_cases, list_inspections
from omi_desktop.core.reports.judgements import criterion_judgements, feedback_points, thread_outcomes
from omi_desktop.core.review import ReviewView, get_review
from omi_desktop.core.review.values import judgement_label
from omi_desktop.core.scoring import answer_weight
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Case, Review

INSPECTION_COLUMNS = ["inspection_id", "inspection", "training", "area_code", "area", "region_code", "region"]
CASE_COLUMNS = [
    "case_reference",
    "order_type",
    "rosh_level",
    "tier",
    "ppo",
    "mappa_level",
    "gender",
    "commencement_date",
    "offender_manager",
    "team",
    "ldu",
    "case_inspector",
]
REVIEW_COLUMNS = [
    "review_id",
    "instrument",
    "respondent",
    "review_status",
    "revision",
    "finalised_at",
    "finalised_by",
    "framework_id",
    "framework_version",
]
QUESTION_COLUMNS = [
    "section_id",
    "criterion_id",
    "question_id",
    "question",
    "answer_type",
    "state",
    "value",
    "value_label",
    "counts_as",
    "threads",
    "note",
    "feedback",
]
ANSWER_COLUMNS = INSPECTION_COLUMNS + CASE_COLUMNS + REVIEW_COLUMNS + QUESTION_COLUMNS


@dataclass(frozen=True)
class ReviewRef:
    review_id: str
    inspection: InspectionInfo
    case: CaseInfo | None


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _number(value: float | None) -> float | int | None:
    """A whole number as an integer (1, 0, 12) and any other as it is (0.5), as docs/reports.md shows them."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _inspection_values(inspection: InspectionInfo) -> list[Any]:
    return [
        inspection.id,
        inspection.label,
        int(inspection.training),
        inspection.area_code,
        inspection.area_name,
        inspection.region_code,
        inspection.region_name,
    ]


def _case_values(case: CaseInfo | None) -> list[Any]:
    if case is None:
        return [None] * len(CASE_COLUMNS)
    names = [c for c in CASE_COLUMNS if c not in ("case_reference", "case_inspector")]
    return [case.reference, *[_plain(getattr(case, n)) for n in names], case.inspector_id]


def reviews_of(store: Store, inspection_ids: list[str], *, finalised_only: bool = False) -> list[ReviewRef]:
    """Every review of the inspections (all instruments), by inspection, instrument, case and respondent."""
    inspections = {i.id: i for i in list_inspections(store) if i.id in inspection_ids}
    cases = {c.id: c for inspection_id in inspection_ids for c in list_cases(store, inspection_id)}
    with store.read() as session:
        query = (
            select(Review.id, Review.inspection_id, Review.case_id)
            .join(Case, Case.id == Review.case_id, isouter=True)
            .where(Review.inspection_id.in_(inspection_ids))
            .order_by(
                Review.inspection_id, Review.instrument, Case.reference, Review.respondent, Review.created_at
            )
        )
        if finalised_only:
            query = query.where(Review.status == "finalised")
        rows = session.exec(query).all()
    order = {inspection_id: n for n, inspection_id in enumerate(inspection_ids)}
    refs = [ReviewRef(r[0], inspections[r[1]], cases.get(r[2]) if r[2] else None) for r in rows]
    return sorted(refs, key=lambda ref: order[ref.inspection.id])


def _value_label(view: ReviewView, question_id: str, value: Any) -> str:
    question = view.framework.questions[question_id]
    language = current_language()
    if question.type == "judgement":
        return judgement_label(value)
    if question.type in ("choice", "multi_choice"):
        labels = {o.value: o.label.get(language) for o in question.options}
        values = value if isinstance(value, list) else [value]
        return "; ".join(labels.get(str(v), str(v)) for v in values)
    return str(value)


def answer_rows(store: Store, ref: ReviewRef) -> list[list[Any]]:
    view = get_review(store, ref.review_id)
    review = view.review
    fixed = (
        _inspection_values(ref.inspection)
        + _case_values(ref.case)
        + [
            review.id,
            review.instrument,
            review.respondent,
            review.status,
            review.revision,
            _plain(review.finalised_at),
            review.finalised_by,
            review.framework_id,
            review.framework_version,
        ]
    )
    language = current_language()
    rows = []
    for qid in view.evaluation.order:
        question = view.framework.questions[qid]
        placement = view.framework.placement[qid]
        answer = view.answers.get(qid)
        value = None if answer is None else answer.value
        state = view.evaluation.state(qid, value)
        if answer is not None and not answer.relevant:
            state = "skipped"
        shown = None if state == "skipped" or value in (None, "", []) else value
        weight = None
        if shown is not None and question.scored and isinstance(shown, str):
            weight = answer_weight(view.framework, qid, shown)
        rows.append(
            [
                *fixed,
                placement.section.id,
                placement.criterion.id,
                qid,
                question.text.get(language),
                question.type,
                state,
                "; ".join(shown) if isinstance(shown, list) else shown,
                None if shown is None else _value_label(view, qid, shown),
                _number(weight),
                "; ".join(question.threads),
                None if answer is None else (answer.note or None),
                None if answer is None else answer.feedback,
            ]
        )
    return rows


def case_columns(store: Store, inspection_ids: list[str]) -> list[str]:
    """Columns of the case summary: facts, review state, then each thread and scored criterion in order."""
    threads: list[str] = []
    criteria: list[str] = []
    with store.read() as session:
        for inspection in list_inspections(store):
            if inspection.id not in inspection_ids:
                continue
            framework = framework_from_session(session, inspection.framework_id, inspection.framework_version)
            threads += [t.id for t in framework.threads if t.id not in threads]
            for section in framework.sections("case", inspection.active_modules):
                for criterion in section.criterion:
                    if any(q.scored for q in criterion.question) and criterion.id not in criteria:
                        criteria.append(criterion.id)
    per_thread = [f"{t}_{part}" for t in threads for part in ("positive", "applicable", "percent", "done")]
    return (
        INSPECTION_COLUMNS
        + CASE_COLUMNS
        + ["review_id", "review_status", "progress", "finalised_at"]
        + per_thread
        + [f"criterion_{c}" for c in criteria]
        + ["strengths", "improvements"]
    )


def case_rows(store: Store, inspection_id: str, header: list[str]) -> list[list[Any]]:
    inspection = next(i for i in list_inspections(store) if i.id == inspection_id)
    rows = []
    for case in list_cases(store, inspection_id):
        row: dict[str, Any] = dict(zip(INSPECTION_COLUMNS, _inspection_values(inspection), strict=True))
        row |= dict(zip(CASE_COLUMNS, _case_values(case), strict=True))
        row |= {"review_id": case.review_id, "review_status": case.status, "progress": case.progress}
        if case.review_id is not None:
            row |= _review_summary(get_review(store, case.review_id))
        rows.append([row.get(name) for name in header])
    return rows


def _review_summary(view: ReviewView) -> dict[str, Any]:
    summary: dict[str, Any] = {"finalised_at": _plain(view.review.finalised_at)}
    for outcome in thread_outcomes(view):
        t = outcome.thread
        summary[f"{t}_positive"] = _number(outcome.positive)
        summary[f"{t}_applicable"] = outcome.applicable
        if outcome.applicable:
            summary[f"{t}_percent"] = _number(round(100 * outcome.positive / outcome.applicable, 2))
        summary[f"{t}_done"] = None if outcome.done is None else int(outcome.done)
    for judgement in criterion_judgements(view):
        summary[f"criterion_{judgement.criterion_id}"] = judgement.verdict
    points = feedback_points(view)
    summary["strengths"] = sum(p.kind == "strength" for p in points)
    summary["improvements"] = sum(p.kind == "improvement" for p in points)
    return summary
