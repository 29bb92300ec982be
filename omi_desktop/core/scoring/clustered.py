"""The interval of a score whose answers come in cases: the case, not the answer, is the sampling unit.

A thread's score pools every applicable answer of every case, but answers within one case are alike (one
offender manager, one case record), so treating them as independent makes the interval far too narrow.
The score stays positive answers / applicable answers, p = Σy / Σm, where for case i y_i is its weighted
positive answers and m_i its applicable answers. Its variance is estimated from the cases (the ratio
estimator with a between-case, "cluster-robust", variance):

    var(p) = k / (k - 1) · Σ (y_i - p·m_i)² / (Σm)²        k = cases with at least one applicable answer

The effective n is the number of independent answers that would give the same variance,
n = p(1 - p) / var(p), kept between k and Σm:

- at most Σm: cases more alike than chance would never make the answers worth more than independent ones;
- at least k: however alike the answers within a case are, a case is worth at least one observation
  (the design effect cannot exceed the answers per case);
- k when there is nothing to estimate the spread between cases from: fewer than two cases, or every case
  with the same share (variance 0; always so when every answer is positive or every answer is not). This
  is the cautious end: each case counts as one observation.

The 95% Wilson interval is then taken at p with that effective n.

Sums are kept as exact integers in half-answer units ("Partly" may weigh 0.5), so that scores of several
framework versions or areas add up exactly and a variance of 0 is exactly 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class CaseSums:
    """Per-case sums behind a clustered score: Y_i = 2·y_i (half-answer units), m_i applicable answers."""

    cases: int = 0  # k: cases with at least one applicable answer
    halves: int = 0  # Σ Y_i (twice the weighted positive answers)
    applicable: int = 0  # Σ m_i
    yy: int = 0  # Σ Y_i²
    ym: int = 0  # Σ Y_i·m_i
    mm: int = 0  # Σ m_i²

    @classmethod
    def of(cls, cases: Iterable[tuple[int, int]]) -> CaseSums:
        """Sums of ``(Y_i, m_i)`` pairs; cases with no applicable answer (m_i = 0) are left out."""
        k = halves = applicable = yy = ym = mm = 0
        for y, m in cases:
            if m <= 0:
                continue
            k += 1
            halves += y
            applicable += m
            yy += y * y
            ym += y * m
            mm += m * m
        return cls(k, halves, applicable, yy, ym, mm)

    def __add__(self, other: CaseSums) -> CaseSums:
        return CaseSums(
            self.cases + other.cases,
            self.halves + other.halves,
            self.applicable + other.applicable,
            self.yy + other.yy,
            self.ym + other.ym,
            self.mm + other.mm,
        )

    @property
    def positive(self) -> float:
        return self.halves / 2

    def variance(self) -> float | None:
        """var(p) between cases; None with fewer than two cases (nothing to estimate it from)."""
        k, total, big_m = self.cases, self.halves, self.applicable
        if k < 2:
            return None
        # Σ (Y_i·M - T·m_i)², exact: equals (2M)² · Σ (y_i - p·m_i)².
        spread = big_m * big_m * self.yy - 2 * big_m * total * self.ym + total * total * self.mm
        return k / (k - 1) * spread / (4 * big_m**4)

    def effective_n(self) -> float | None:
        """The n of the Wilson interval (see the module's rule); None when no answer applies."""
        if self.applicable == 0:
            return None
        variance = self.variance()
        if not variance:  # fewer than two cases, or no spread between them
            return float(self.cases)
        p = self.halves / (2 * self.applicable)
        return min(float(self.applicable), max(float(self.cases), p * (1 - p) / variance))
