"""Scores of inspections from a store: fetch the answers that count, then score them (``compute.py``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select

from omi_desktop.core.framework.registry import framework_from_session
from omi_desktop.core.scoring.compute import ScoredAnswer, Scores, combine, score
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Answer, Review


def scores_by_inspection(
    store: Store, inspection_ids: Iterable[str] | None = None, *, finalised_only: bool = True
) -> dict[str, Scores]:
    """Scores of each inspection (all inspections in the store when ``inspection_ids`` is None)."""
    wanted = None if inspection_ids is None else list(inspection_ids)
    with store.read() as session:
        reviews = select(Review.id, Review.inspection_id, Review.framework_id, Review.framework_version)
        if wanted is not None:
            reviews = reviews.where(Review.inspection_id.in_(wanted))
        if finalised_only:
            reviews = reviews.where(Review.status == "finalised")
        review_rows = session.execute(reviews).all()
        frameworks = {
            key: framework_from_session(session, *key)
            for key in {(r.framework_id, r.framework_version) for r in review_rows}
        }
        counted: dict[str, tuple[str, tuple[str, int]]] = {}
        for row in review_rows:
            framework = frameworks[(row.framework_id, row.framework_version)]
            counted[row.id] = (row.inspection_id, framework.key)
        scored_ids = {qid for f in frameworks.values() for qid, q in f.questions.items() if q.scored}
        answers = (
            select(Answer.review_id, Answer.question_id, Answer.value)
            .join(Review, Review.id == Answer.review_id)
            .where(Answer.relevant.is_(True), Answer.value.is_not(None), Answer.question_id.in_(scored_ids))
        )
        if wanted is not None:
            answers = answers.where(Review.inspection_id.in_(wanted))
        if finalised_only:
            answers = answers.where(Review.status == "finalised")
        answer_rows = session.execute(answers).all()
    groups: dict[tuple[str, tuple[str, int]], list[ScoredAnswer]] = defaultdict(list)
    review_count: dict[tuple[str, tuple[str, int]], int] = defaultdict(int)
    for inspection_and_key in counted.values():
        review_count[inspection_and_key] += 1
    for review_id, question_id, value in answer_rows:
        where = counted.get(review_id)
        if where is not None:
            groups[where].append(ScoredAnswer(review_id, question_id, value))
    per_inspection: dict[str, list[Scores]] = defaultdict(list)
    for (inspection_id, key), count in review_count.items():
        per_inspection[inspection_id].append(
            score(frameworks[key], groups.get((inspection_id, key), []), count)
        )
    result = {inspection_id: combine(parts) for inspection_id, parts in per_inspection.items()}
    for inspection_id in wanted or []:
        result.setdefault(inspection_id, Scores(0, (), ()))
    return result


def inspection_scores(store: Store, inspection_id: str, *, finalised_only: bool = True) -> Scores:
    """Scores of one inspection; with no counted review, every thread shows n = 0."""
    found = scores_by_inspection(store, [inspection_id], finalised_only=finalised_only)[inspection_id]
    if found.threads:
        return found
    from omi_desktop.core.inspections import inspection_from_session

    with store.read() as session:
        inspection = inspection_from_session(session, inspection_id)
        framework = framework_from_session(session, inspection.framework_id, inspection.framework_version)
    return score(framework, [], 0)
