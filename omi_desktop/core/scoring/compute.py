"""Headline scores as pure functions: no database, no Qt; tested against hand-computed examples.

For each thread, every applicable answer to a question feeding it counts once: score = positive answers /
applicable answers (DOMAIN.md). "Not applicable" leaves the denominator; "Partly" counts as the framework
says (0, 0.5, or left out). The per-case view is the share of cases whose answers on the thread are all (or
at least a threshold of) positive. Every figure comes with n and a 95% Wilson interval.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

from omi_desktop.core.framework.framework import Framework

Z_95 = 1.959963984540054


class ScoredAnswer(NamedTuple):
    """One answer that counts: a relevant, answered judgement on a scored question of a counted review."""

    review_id: str
    question_id: str
    value: str  # yes | partly | no | na


@dataclass(frozen=True)
class Proportion:
    positive: float
    applicable: int
    percent: float | None
    ci_low: float | None
    ci_high: float | None

    @classmethod
    def of(cls, positive: float, applicable: int) -> Proportion:
        if applicable == 0:
            return cls(positive, 0, None, None, None)
        low, high = wilson_interval(positive, applicable)
        return cls(positive, applicable, 100.0 * positive / applicable, 100.0 * low, 100.0 * high)


@dataclass(frozen=True)
class ThreadScore:
    thread: str
    title: str
    answers: Proportion  # positive answers / applicable answers
    cases: Proportion  # cases done well enough / cases with applicable answers

    def as_json(self) -> dict[str, object]:
        return {
            "thread": self.thread,
            "title": self.title,
            "positive": self.answers.positive,
            "applicable": self.answers.applicable,
            "percent": _round(self.answers.percent),
            "ci_low": _round(self.answers.ci_low),
            "ci_high": _round(self.answers.ci_high),
            "cases": {k: _round(v) if isinstance(v, float) else v for k, v in asdict(self.cases).items()},
        }


@dataclass(frozen=True)
class CriterionScore:
    criterion: str
    title: str
    answers: Proportion

    def as_json(self) -> dict[str, object]:
        return {
            "criterion": self.criterion,
            "title": self.title,
            "positive": self.answers.positive,
            "applicable": self.answers.applicable,
            "percent": _round(self.answers.percent),
            "ci_low": _round(self.answers.ci_low),
            "ci_high": _round(self.answers.ci_high),
        }


@dataclass(frozen=True)
class Scores:
    reviews: int  # reviews counted
    threads: tuple[ThreadScore, ...]
    criteria: tuple[CriterionScore, ...]

    def thread(self, thread_id: str) -> ThreadScore:
        for score in self.threads:
            if score.thread == thread_id:
                return score
        raise KeyError(thread_id)

    def as_json(self) -> dict[str, object]:
        return {
            "reviews": self.reviews,
            "threads": [t.as_json() for t in self.threads],
            "criteria": [c.as_json() for c in self.criteria],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def wilson_interval(positive: float, n: int, z: float = Z_95) -> tuple[float, float]:
    """95% Wilson score interval for ``positive`` successes out of ``n`` (as proportions 0..1)."""
    if n <= 0:
        raise ValueError("the Wilson interval needs at least one observation")
    p = positive / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def answer_weight(framework: Framework, question_id: str, value: str) -> float | None:
    """How much one answer counts as positive: 1, 0, the "Partly" weight, or None when it does not count."""
    if value == "na":
        return None
    question = framework.questions[question_id]
    if value == "partly":
        rule = framework.spec.scoring.partly
        return None if rule == "exclude" else (0.5 if rule == "half" else 0.0)
    return 1.0 if value == question.positive else 0.0


@dataclass
class Tally:
    """What scores are computed from: counts of answers, not the answers themselves.

    ``by_question[(question_id, value)]`` counts answers; ``by_case[(review_id, thread)]`` holds, for one
    case on one thread, ``[positive, partly, not_applicable, total]`` answers. A store can fill a tally with
    SQL ``GROUP BY`` (``queries.py``); ``tally()`` fills one from a list of answers.
    """

    by_question: dict[tuple[str, str], int] = field(default_factory=dict)
    by_case: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    reviews: int = 0


def tally(framework: Framework, answers: Iterable[tuple[str, str, str]]) -> Tally:
    """Count answers ``(review id, question id, value)`` the way ``score_tally`` needs them."""
    result = Tally()
    reviews: set[str] = set()
    for review_id, question_id, value in answers:
        reviews.add(review_id)
        add_answer(result, framework_index(framework), review_id, question_id, value)
    result.reviews = len(reviews)
    return result


def framework_index(framework: Framework) -> dict[str, tuple[list[str], str]]:
    """For each scored question: the threads it feeds and its positive answer."""
    return {qid: (q.threads, q.positive) for qid, q in framework.questions.items() if q.scored}


def add_answer(
    counts: Tally, index: dict[str, tuple[list[str], str]], review_id: str, question_id: str, value: str
) -> None:
    """Add one answer to a tally. Scoring a store runs this once per stored answer: keep it tight."""
    scored = index.get(question_id)
    if scored is None:
        return
    threads, positive = scored
    key = (question_id, value)
    counts.by_question[key] = counts.by_question.get(key, 0) + 1
    column = 0 if value == positive else 1 if value == "partly" else 2 if value == "na" else -1
    by_case = counts.by_case
    for thread in threads:
        case = by_case.get((review_id, thread))
        if case is None:
            case = by_case[(review_id, thread)] = [0, 0, 0, 0]
        if column >= 0:
            case[column] += 1
        case[3] += 1


def score_tally(framework: Framework, counts: Tally) -> Scores:
    """Scores of one framework version from a tally."""
    rules = framework.spec.scoring
    partly = None if rules.partly == "exclude" else (0.5 if rules.partly == "half" else 0.0)
    thread_totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    criterion_totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    questions = framework.questions
    for (question_id, value), count in counts.by_question.items():
        question = questions.get(question_id)
        if question is None or not question.scored:
            continue
        weight = answer_weight(framework, question_id, value)
        if weight is None:
            continue
        criterion = criterion_totals[framework.placement[question_id].criterion.id]
        criterion[0] += weight * count
        criterion[1] += count
        for thread in question.threads:
            totals = thread_totals[thread]
            totals[0] += weight * count
            totals[1] += count
    case_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (_review, thread), (positive, partly_count, na, total) in counts.by_case.items():
        applicable = total - na - (partly_count if partly is None else 0)
        if applicable == 0:
            continue
        if rules.case_rule == "all":
            done = positive == applicable
        else:
            done = (positive + (partly or 0.0) * partly_count) / applicable >= rules.case_threshold
        case_counts[thread][0] += int(done)
        case_counts[thread][1] += 1
    threads = tuple(
        ThreadScore(
            t.id,
            t.title.en,
            Proportion.of(*thread_totals.get(t.id, (0.0, 0))),
            Proportion.of(*case_counts.get(t.id, (0, 0))),
        )
        for t in framework.threads
    )
    criteria = tuple(
        CriterionScore(c.id, c.title.en, Proportion.of(*criterion_totals[c.id]))
        for instrument in framework.scored_instruments
        for c in framework.criteria(instrument)
        if c.id in criterion_totals
    )
    return Scores(counts.reviews, threads, criteria)


def score(framework: Framework, answers: Iterable[ScoredAnswer], reviews: int | None = None) -> Scores:
    """Scores of one framework version over the given answers (only the answers that count)."""
    counts = tally(framework, answers)
    if reviews is not None:
        counts.reviews = reviews
    return score_tally(framework, counts)


def combine(parts: Iterable[Scores]) -> Scores:
    """Add up scores of several framework versions (or areas) thread by thread and criterion by criterion."""
    parts = list(parts)
    if len(parts) == 1:
        return parts[0]
    thread_sum: dict[str, list] = {}
    criterion_sum: dict[str, list] = {}
    for part in parts:
        for t in part.threads:
            entry = thread_sum.setdefault(t.thread, [t.title, 0.0, 0, 0.0, 0])
            entry[1] += t.answers.positive
            entry[2] += t.answers.applicable
            entry[3] += t.cases.positive
            entry[4] += t.cases.applicable
        for c in part.criteria:
            entry = criterion_sum.setdefault(c.criterion, [c.title, 0.0, 0])
            entry[1] += c.answers.positive
            entry[2] += c.answers.applicable
    return Scores(
        sum(p.reviews for p in parts),
        tuple(
            ThreadScore(k, v[0], Proportion.of(v[1], v[2]), Proportion.of(v[3], v[4]))
            for k, v in thread_sum.items()
        ),
        tuple(CriterionScore(k, v[0], Proportion.of(v[1], v[2])) for k, v in criterion_sum.items()),
    )
