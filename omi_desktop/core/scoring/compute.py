"""Headline scores as pure functions: no database, no Qt; tested against hand-computed examples.

For each thread, every applicable answer to a question feeding it counts once: score = positive answers /
applicable answers (DOMAIN.md). "Not applicable" leaves the denominator; "Partly" counts as the framework
says (0, 0.5, or left out). The per-case view is the share of cases whose answers on the thread are all (or
at least a threshold of) positive. Every figure comes with n and a 95% Wilson interval; a thread's or a
criterion's interval is worked out from its cases, which are the sampling unit (``clustered.py``), and it
reports both the answers n and the cases n.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.model import Scoring
from omi_desktop.core.scoring.clustered import CaseSums
from omi_desktop.core.scoring.tally import Tally, tally

Z_95 = 1.959963984540054


class ScoredAnswer(NamedTuple):
    """One answer that counts: a relevant, answered judgement on a scored question of a counted review."""

    review_id: str
    question_id: str
    value: str  # yes | partly | no | na


@dataclass(frozen=True)
class Proportion:
    """A share with its 95% Wilson interval and the n the interval was taken with.

    ``of`` is for independent units (cases, or the answers to one question: one per case): the interval's
    n is ``applicable``. ``clustered`` is for answers pooled over cases (a thread or a criterion): the
    interval comes from the spread between cases (``clustered.py``), ``cases`` is how many cases the
    answers come from and ``interval_n`` the effective n, between ``cases`` and ``applicable``.
    """

    positive: float
    applicable: int
    percent: float | None
    ci_low: float | None
    ci_high: float | None
    cases: int | None = None  # cases the applicable answers come from (clustered only)
    interval_n: float | None = None  # the n of the Wilson interval (None when nothing applies)
    sums: CaseSums | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, positive: float, applicable: int) -> Proportion:
        if applicable == 0:
            return cls(positive, 0, None, None, None)
        low, high = wilson_interval(positive, applicable)
        return cls(
            positive, applicable, 100.0 * positive / applicable, 100.0 * low, 100.0 * high, None, applicable
        )

    @classmethod
    def clustered(cls, sums: CaseSums) -> Proportion:
        n = sums.effective_n()
        if n is None:
            return cls(sums.positive, 0, None, None, None, 0, None, sums)
        p = sums.positive / sums.applicable
        low, high = wilson_interval(p * n, n)
        return cls(sums.positive, sums.applicable, 100.0 * p, 100.0 * low, 100.0 * high, sums.cases, n, sums)

    def interval_json(self) -> dict[str, object]:
        """The keys every score's JSON has: the share, its interval, and both n."""
        return {
            "positive": self.positive,
            "applicable": self.applicable,
            "percent": _round(self.percent),
            "ci_low": _round(self.ci_low),
            "ci_high": _round(self.ci_high),
            "cases_n": self.cases,
            "interval_n": _round(self.interval_n),
        }


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
            **self.answers.interval_json(),
            "cases": {
                "positive": self.cases.positive,
                "applicable": self.cases.applicable,
                "percent": _round(self.cases.percent),
                "ci_low": _round(self.cases.ci_low),
                "ci_high": _round(self.cases.ci_high),
            },
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
            **self.answers.interval_json(),
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


def wilson_interval(positive: float, n: float, z: float = Z_95) -> tuple[float, float]:
    """95% Wilson score interval for ``positive`` successes out of ``n`` (as proportions 0..1).

    ``n`` may be an effective n (not a whole number), with ``positive`` = p·n.
    """
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


def _by_group(counts: Tally, rules: Scoring) -> tuple[list[CaseSums], list[tuple[int, int]]]:
    """For each group of the tally's index: its cases' sums; for each thread: the per-case view's counts."""
    partly = None if rules.partly == "exclude" else (0.5 if rules.partly == "half" else 0.0)
    halves = 0 if partly is None else round(2 * partly)  # "Partly" in half-answer units
    groups = counts.index.groups
    threads = sum(kind == "thread" for kind, _ in groups)
    pairs: list[list[tuple[int, int]]] = [[] for _ in groups]
    done = [[0, 0] for _ in range(threads)]
    for case in counts.by_case.values():
        for g in range(len(groups)):
            positive, partly_count, _na, other = case[4 * g : 4 * g + 4]
            applicable = positive + other + (0 if partly is None else partly_count)
            if applicable == 0:
                continue
            pairs[g].append((2 * positive + halves * partly_count, applicable))
            if g < threads:
                if rules.case_rule == "all":
                    well = positive == applicable
                else:
                    well = (positive + (partly or 0.0) * partly_count) / applicable >= rules.case_threshold
                done[g][0] += well
                done[g][1] += 1
    return [CaseSums.of(p) for p in pairs], [(d[0], d[1]) for d in done]


def score_tally(framework: Framework, counts: Tally) -> Scores:
    """Scores of one framework version from a tally (made with ``framework_index(framework)``).

    Threads and criteria: positive answers / applicable answers, with the interval from the cases
    (``Proportion.clustered``). The per-case view: cases done well enough / cases, Wilson on the cases.
    """
    sums, done = _by_group(counts, framework.spec.scoring)
    by_group = dict(zip(counts.index.groups, sums, strict=True))
    threads = tuple(
        ThreadScore(
            t.id,
            t.title.en,
            Proportion.clustered(by_group[("thread", t.id)]),
            Proportion.of(*done[number]),  # the index holds the threads first, in this order
        )
        for number, t in enumerate(framework.threads)
    )
    titles = {
        c.id: c.title.en
        for instrument in framework.scored_instruments
        for c in framework.criteria(instrument)
    }
    criteria = tuple(
        CriterionScore(group, titles[group], Proportion.clustered(sums))
        for (kind, group), sums in by_group.items()
        if kind == "criterion" and sums.cases  # with an applicable answer
    )
    return Scores(counts.reviews, threads, criteria)


def score(framework: Framework, answers: Iterable[ScoredAnswer], reviews: int | None = None) -> Scores:
    """Scores of one framework version over the given answers (only the answers that count)."""
    counts = tally(framework, answers)
    if reviews is not None:
        counts.reviews = reviews
    return score_tally(framework, counts)


def combine(parts: Iterable[Scores]) -> Scores:
    """Add up scores of several framework versions (or areas) thread by thread and criterion by criterion.

    The parts' cases are different cases, so their per-case sums add up and the combined interval is the
    one the pooled cases give.
    """
    parts = list(parts)
    if len(parts) == 1:
        return parts[0]
    thread_sum: dict[str, list] = {}
    criterion_sum: dict[str, list] = {}
    for part in parts:
        for t in part.threads:
            entry = thread_sum.setdefault(t.thread, [t.title, CaseSums(), 0.0, 0])
            entry[1] += _sums(t.answers)
            entry[2] += t.cases.positive
            entry[3] += t.cases.applicable
        for c in part.criteria:
            entry = criterion_sum.setdefault(c.criterion, [c.title, CaseSums()])
            entry[1] += _sums(c.answers)
    return Scores(
        sum(p.reviews for p in parts),
        tuple(
            ThreadScore(k, v[0], Proportion.clustered(v[1]), Proportion.of(v[2], v[3]))
            for k, v in thread_sum.items()
        ),
        tuple(CriterionScore(k, v[0], Proportion.clustered(v[1])) for k, v in criterion_sum.items()),
    )


def _sums(score: Proportion) -> CaseSums:
    if score.sums is None:
        raise ValueError("only scores computed from cases can be combined")
    return score.sums
