"""Scores of inspections from a store: fetch the answers that count, tally them, score the tallies.

One query lists the counted reviews; one streams their relevant answers to scored questions as plain
``(review, question, value)`` rows into ``compute.tally``. Scoring 4,200 reviews stays well under a second.
Portable SQL only.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import String, cast, select

from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.model import JUDGEMENT_VALUES
from omi_desktop.core.framework.registry import framework_from_session
from omi_desktop.core.scoring.compute import Scores, combine, score, score_tally
from omi_desktop.core.scoring.tally import Tally, count_rows, framework_index
from omi_desktop.core.store import Store
from omi_desktop.core.store.engine import fetch_rows
from omi_desktop.core.store.tables import Answer, Review, ReviewSync

Key = tuple[str, tuple[str, int]]  # (inspection id, (framework id, version))
# Judgements as the JSON ``value`` column holds them, read as text to skip decoding every row.
_STORED = {json.dumps(v): v for v in JUDGEMENT_VALUES}
# Reviews whose data was removed after head office's receipt (core/sync/receipts.py): not counted here.
_PURGED = select(ReviewSync.review_id).where(ReviewSync.purged_at.is_not(None))


def _tallies(
    store: Store, wanted: list[str] | None, finalised_only: bool
) -> tuple[dict[Key, Tally], dict[tuple[str, int], Framework]]:
    filters = []
    if wanted is not None:
        filters.append(Review.inspection_id.in_(wanted))
    if finalised_only:
        filters.append(Review.status == "finalised")
    with store.read() as session:
        reviews = session.execute(
            select(
                Review.id,
                Review.inspection_id,
                Review.framework_id,
                Review.framework_version,
                Review.instrument,
            ).where(*filters, Review.id.not_in(_PURGED))  # a purged review has no answers left to count
        ).all()
        keys = {(r.framework_id, r.framework_version) for r in reviews}
        frameworks = {key: framework_from_session(session, *key) for key in keys}
        scored_ids = {qid for f in frameworks.values() for qid, q in f.questions.items() if q.scored}
        answers = (
            select(Answer.review_id, Answer.question_id, cast(Answer.value, String))
            .join(Review, Review.id == Answer.review_id)
            .where(*filters, Answer.relevant.is_(True), Answer.question_id.in_(scored_ids))
        )
        rows = fetch_rows(session.connection(), answers) if reviews else []
    where: dict[str, Tally] = {}
    tallies: dict[Key, Tally] = {}
    indexes = {key: framework_index(framework) for key, framework in frameworks.items()}
    for review_id, inspection_id, framework_id, version, instrument in reviews:
        key = (inspection_id, (framework_id, version))
        counts = tallies.get(key)
        if counts is None:
            counts = tallies[key] = Tally(indexes[key[1]])
        # Only reviews of a scored instrument count (not the area assessment or questionnaires).
        counts.reviews += instrument in frameworks[key[1]].scored_instruments
        where[review_id] = counts
    count_rows(where, rows, _STORED)
    return tallies, frameworks


def scores_by_inspection(
    store: Store, inspection_ids: Iterable[str] | None = None, *, finalised_only: bool = True
) -> dict[str, Scores]:
    """Scores of each inspection (all inspections in the store when ``inspection_ids`` is None)."""
    wanted = None if inspection_ids is None else list(inspection_ids)
    tallies, frameworks = _tallies(store, wanted, finalised_only)
    per_inspection: dict[str, list[Scores]] = defaultdict(list)
    for (inspection_id, key), counts in tallies.items():
        per_inspection[inspection_id].append(score_tally(frameworks[key], counts))
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
