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
from dataclasses import asdict, dataclass

from omi_desktop.core.framework.framework import Framework

Z_95 = 1.959963984540054


@dataclass(frozen=True)
class ScoredAnswer:
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


def score(framework: Framework, answers: Iterable[ScoredAnswer], reviews: int | None = None) -> Scores:
    """Scores of one framework version over the given answers (only the answers that count)."""
    rules = framework.spec.scoring
    thread_totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    criterion_totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    per_case: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0, 0])
    seen_reviews: set[str] = set()
    questions = framework.questions
    placement = framework.placement
    for item in answers:
        seen_reviews.add(item.review_id)
        question = questions.get(item.question_id)
        if question is None or not question.scored:
            continue
        weight = answer_weight(framework, item.question_id, item.value)
        if weight is None:
            continue
        criterion = criterion_totals[placement[item.question_id].criterion.id]
        criterion[0] += weight
        criterion[1] += 1
        for thread in question.threads:
            totals = thread_totals[thread]
            totals[0] += weight
            totals[1] += 1
            case = per_case[(item.review_id, thread)]
            case[0] += weight
            case[1] += 1
            case[2] += 1 if weight == 1.0 else 0
    case_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (_review, thread), (weighted, n, full) in per_case.items():
        done = full == n if rules.case_rule == "all" else weighted / n >= rules.case_threshold
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
    return Scores(reviews if reviews is not None else len(seen_reviews), threads, criteria)


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
