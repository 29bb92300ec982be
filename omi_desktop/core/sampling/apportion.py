"""Largest-remainder (Hamilton) apportionment, with capacities, in exact integer arithmetic.

``apportion(total, weights, capacities)`` shares ``total`` whole cases among groups in proportion to their
``weights`` (populations):

1. Any group whose exact quota ``total * w / W`` reaches its capacity gets its capacity and leaves; the
   quotas of the others are worked out again on what is left. Repeat until no quota reaches a capacity.
2. Each remaining group gets the whole part of its quota.
3. The cases still unallocated go one each to the groups with the largest remainders. Ties are broken by the
   larger weight, then by the earlier position (callers list groups in a documented order).

Quotas are compared as integers (``total * w`` against ``W * capacity``; remainders ``total * w mod W``),
so no floating-point rounding can ever decide who gets a case. When the capacities together are less than
``total``, every group gets its capacity and the result sums to less than ``total``.
"""

from __future__ import annotations

from collections.abc import Sequence


def apportion(total: int, weights: Sequence[int], capacities: Sequence[int] | None = None) -> list[int]:
    if total < 0 or any(w < 0 for w in weights):
        raise ValueError("apportion needs a non-negative total and weights")
    if capacities is not None and len(capacities) != len(weights):
        raise ValueError("one capacity per weight")
    shares = [0] * len(weights)
    active = [i for i, w in enumerate(weights) if w > 0 and (capacities is None or capacities[i] > 0)]
    remaining = total
    if capacities is not None:
        while active and remaining > 0:
            whole = sum(weights[i] for i in active)
            full = {i for i in active if remaining * weights[i] >= capacities[i] * whole}
            if not full:
                break
            for i in full:
                shares[i] = capacities[i]
                remaining -= capacities[i]
            active = [i for i in active if i not in full]
    if remaining <= 0 or not active:
        return shares
    whole = sum(weights[i] for i in active)
    remainders = {}
    for i in active:
        shares[i], remainders[i] = divmod(remaining * weights[i], whole)
    left = remaining - sum(shares[i] for i in active)
    for i in sorted(active, key=lambda i: (-remainders[i], -weights[i], i))[:left]:
        shares[i] += 1
    return shares
