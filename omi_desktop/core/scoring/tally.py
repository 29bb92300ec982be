"""Counting answers case by case: what the scores and their intervals are computed from.

Scoring a store runs ``add_answer`` once per stored answer (over 190,000 for 42 inspections), so the
tally is flat: for each case, one list of counts, four per group, where the groups are the framework's
threads and then the criteria that hold scored questions (``Index.groups``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from omi_desktop.core.framework.framework import Framework

# Columns of a group's four counts.
POSITIVE, PARTLY, NOT_APPLICABLE, OTHER = range(4)


class Index(NamedTuple):
    """A framework's scored questions, ready for counting."""

    questions: dict[str, tuple[str, tuple[int, ...]]]  # id -> (positive answer, offsets of its groups)
    groups: tuple[tuple[str, str], ...]  # ("thread", id) then ("criterion", id)

    @property
    def size(self) -> int:
        return 4 * len(self.groups)


@dataclass
class Tally:
    """Counts of answers, case by case.

    ``by_case[review_id]`` holds four counts for each group of ``index`` (group ``g`` at ``4·g``):
    positive, partly, not applicable and other (negative) answers of that case on that thread or
    criterion. A store fills a tally from its rows (``queries.py``); ``tally()`` from a list of answers.
    """

    index: Index
    by_case: dict[str, list[int]] = field(default_factory=dict)
    reviews: int = 0


def framework_index(framework: Framework) -> Index:
    """For each scored question: its positive answer and where its threads' and criterion's counts are."""
    scored = {qid: q for qid, q in framework.questions.items() if q.scored}
    holding = {framework.placement[qid].criterion.id for qid in scored}
    criteria = [
        c.id
        for instrument in framework.scored_instruments
        for c in framework.criteria(instrument)
        if c.id in holding
    ]
    groups = tuple([("thread", t.id) for t in framework.threads] + [("criterion", c) for c in criteria])
    where = {group: 4 * number for number, group in enumerate(groups)}
    questions = {
        qid: (
            q.positive,
            (
                *(where[("thread", t)] for t in q.threads),
                where[("criterion", framework.placement[qid].criterion.id)],
            ),
        )
        for qid, q in scored.items()
    }
    return Index(questions, groups)


def add_answer(counts: Tally, review_id: str, question_id: str, value: str) -> None:
    """Add one answer to a tally. Scoring a store runs this once per stored answer: keep it tight."""
    index = counts.index
    scored = index.questions.get(question_id)
    if scored is None:
        return
    positive, offsets = scored
    case = counts.by_case.get(review_id)
    if case is None:
        case = counts.by_case[review_id] = [0] * index.size
    column = 0 if value == positive else 1 if value == "partly" else 2 if value == "na" else 3
    for offset in offsets:
        case[offset + column] += 1


def count_rows(
    where: dict[str, Tally], rows: Iterable[tuple[str, str, object]], values: dict[object, str]
) -> None:
    """Add many answers ``(review id, question id, stored value)`` to the tallies of their reviews.

    ``values`` maps a stored value to the answer (anything else is not a judgement and is skipped). The
    loop of ``add_answer``, inlined: this is where scoring a store spends its time.
    """
    cases: dict[str, tuple[list[int], dict[str, tuple[str, tuple[int, ...]]]]] = {}
    for review_id, counts in where.items():
        case = counts.by_case.get(review_id)
        if case is None:
            case = counts.by_case[review_id] = [0] * counts.index.size
        cases[review_id] = (case, counts.index.questions)
    for review_id, question_id, stored in rows:
        value = values.get(stored)
        if value is None:
            continue
        case, questions = cases[review_id]
        scored = questions.get(question_id)
        if scored is None:
            continue
        positive, offsets = scored
        column = 0 if value == positive else 1 if value == "partly" else 2 if value == "na" else 3
        for offset in offsets:
            case[offset + column] += 1


def tally(framework: Framework, answers: Iterable[tuple[str, str, str]]) -> Tally:
    """Count answers ``(review id, question id, value)`` the way ``score_tally`` needs them."""
    result = Tally(framework_index(framework))
    reviews: set[str] = set()
    for review_id, question_id, value in answers:
        reviews.add(review_id)
        add_answer(result, review_id, question_id, value)
    result.reviews = len(reviews)
    return result
