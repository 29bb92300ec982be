"""Balanced allocation of cases to inspectors under constraints (pure; no store).

Constraints: a high or very high RoSH case goes only to an experienced inspector; an inspector with a home
team (a local assessor) never gets a case of that team, nor a case whose team is not recorded (it could be
their own). Balance: the spread between the busiest and the least busy inspector is made as small as the
constraints allow (at most one when they allow it), then the least busy gets as many as possible.

How: for a candidate spread ``d`` (0, 1, 2, ...) and lowest load ``m`` (highest first), ask whether every case
can be placed with each inspector holding between ``m`` and ``m + d`` cases. That question is a bipartite
b-matching (a maximum flow): first fill every inspector up to ``m`` with augmenting paths, then continue up
to ``m + d``; augmenting never lowers a load, so the first phase's minimums survive the second. The first
``(d, m)`` that works gives the allocation. Cases are tried in a fixed order (LDU, team, reference) and each
looks at the least loaded allowed inspector first, so equal inputs give equal allocations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from omi_desktop.core.i18n import _, ngettext

HIGH_ROSH = ("high", "very_high")


@dataclass(frozen=True)
class InspectorSlot:
    id: str
    name: str
    experienced: bool = False
    home_team: str | None = None


@dataclass(frozen=True)
class CaseSlot:
    reference: str
    rosh_level: str | None
    team: str | None
    ldu: str | None = None


def refusal(inspector: InspectorSlot, case: CaseSlot) -> str | None:
    """Why ``inspector`` may not have ``case`` (None when they may)."""
    if case.rosh_level in HIGH_ROSH and not inspector.experienced:
        return _("a high or very high RoSH case needs an experienced inspector")
    if inspector.home_team:
        if not case.team:
            return _("the case's team is not recorded, so it could be {name}'s own team").format(
                name=inspector.name
            )
        if case.team.casefold().strip() == inspector.home_team.casefold().strip():
            return _("the case is from {name}'s own team ({team})").format(
                name=inspector.name, team=case.team
            )
    return None


@dataclass
class Balance:
    assignment: dict[str, str]  # case reference -> inspector id (fixed ones included)
    loads: dict[str, int]
    spread: int
    explanations: list[str] = field(default_factory=list)  # why the spread is more than one


class Unplaceable(Exception):
    """Cases no inspector may take; ``reasons`` says why for each."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def balance(
    cases: Sequence[CaseSlot], inspectors: Sequence[InspectorSlot], fixed: dict[str, str] | None = None
) -> Balance:
    """Allocate ``cases`` (those in ``fixed`` stay where they are) as evenly as the constraints allow."""
    fixed = dict(fixed or {})
    ids = [i.id for i in inspectors]
    free = sorted(
        (c for c in cases if c.reference not in fixed),
        key=lambda c: ((c.ldu or "").casefold(), (c.team or "").casefold(), c.reference),
    )
    allowed = [[k for k, inspector in enumerate(inspectors) if refusal(inspector, c) is None] for c in free]
    stuck = sorted(
        (c for c, options in zip(free, allowed, strict=True) if not options), key=lambda c: c.reference
    )
    if stuck:
        raise Unplaceable([_no_one(c, inspectors) for c in stuck])
    base = [sum(1 for who in fixed.values() if who == i) for i in ids]
    total = len(free) + sum(base)
    count = len(inspectors)
    low, high = total // count, -(-total // count)
    for spread in range(high - low, total + 1):
        for least in range(low, -1, -1):
            if least + spread < high:
                break
            placed = _place(allowed, base, least, least + spread)
            if placed is not None:
                assignment = dict(fixed)
                assignment.update({c.reference: ids[k] for c, k in zip(free, placed, strict=True)})
                loads = {i: base[n] + placed.count(n) for n, i in enumerate(ids)}
                result = Balance(assignment, loads, max(loads.values()) - min(loads.values()))
                if result.spread > 1:
                    result.explanations = _explain(free, allowed, inspectors, low, high)
                return result
    raise AssertionError("some allocation always exists once every case has an allowed inspector")


def _no_one(case: CaseSlot, inspectors: Sequence[InspectorSlot]) -> str:
    """Which case, what about it matters, and each rule that keeps every inspector from it."""
    reasons = sorted({r for i in inspectors if (r := refusal(i, case)) is not None})
    facts = [_("{level} RoSH").format(level=case.rosh_level.replace("_", " "))] if case.rosh_level else []
    facts.append(case.team or _("team not recorded"))
    return ngettext(
        "case {ref} ({facts}): the one inspector may not have it, because {why}",
        "case {ref} ({facts}): none of the {n} inspectors may have it, because {why}",
        len(inspectors),
    ).format(
        ref=case.reference,
        facts=", ".join(facts),
        n=len(inspectors),
        why="; ".join(reasons) or _("the team is empty"),
    )


def _place(allowed: list[list[int]], base: list[int], least: int, most: int) -> list[int] | None:
    """Inspector index per case with every load in [least, most] (fixed loads counted), or None."""
    if any(b > most for b in base):
        return None
    state = _Placing(allowed, list(base))
    for cap in (least, most):  # first everyone up to the least load, then up to the most
        for case in range(len(allowed)):
            if state.owner[case] is None:
                state.augment(case, cap, set())
        if cap == least and any(n < least for n in state.load):
            return None
    if any(o is None for o in state.owner):
        return None
    return [o for o in state.owner if o is not None]


class _Placing:
    """Augmenting paths for a bipartite b-matching (Kuhn's algorithm with capacities)."""

    def __init__(self, allowed: list[list[int]], load: list[int]) -> None:
        self.allowed = allowed
        self.load = load
        self.owner: list[int | None] = [None] * len(allowed)
        self.holds: list[list[int]] = [[] for _ in load]

    def augment(self, case: int, cap: int, seen: set[int]) -> bool:
        """Give ``case`` an inspector, moving other cases along a path if needed; loads never fall."""
        for who in sorted(self.allowed[case], key=lambda k: (self.load[k], k)):
            if who in seen:
                continue
            seen.add(who)
            if self.load[who] < cap:
                self._take(case, who)
                return True
            for other in list(self.holds[who]):
                if self.augment(other, cap, seen):  # ``other`` moved on; its place goes to ``case``
                    self.holds[who].remove(other)
                    self.load[who] -= 1
                    self._take(case, who)
                    return True
        return False

    def _take(self, case: int, who: int) -> None:
        self.owner[case] = who
        self.holds[who].append(case)
        self.load[who] += 1


def _explain(
    free: list[CaseSlot], allowed: list[list[int]], inspectors: Sequence[InspectorSlot], low: int, high: int
) -> list[str]:
    """Why loads cannot all be ``low`` or ``high``: inspectors who may take too few, groups with too few."""
    found = []
    for k, inspector in enumerate(inspectors):
        able = sum(1 for options in allowed if k in options)
        if able < low:
            found.append(
                _("{name} may take only {able} of the cases (an even share is {low})").format(
                    name=inspector.name, able=able, low=low
                )
            )
    groups: dict[tuple[int, ...], int] = {}
    for options in allowed:
        groups[tuple(options)] = groups.get(tuple(options), 0) + 1
    for options, n in groups.items():
        if n > len(options) * high:
            names = ", ".join(inspectors[k].name for k in options)
            found.append(
                _("{n} cases may go only to {names} ({why})").format(
                    n=n, names=names, why=_why_only(free, allowed, options, inspectors)
                )
            )
    return found or [_("the constraints together leave no more even allocation")]


def _why_only(
    free: list[CaseSlot],
    allowed: list[list[int]],
    options: tuple[int, ...],
    inspectors: Sequence[InspectorSlot],
) -> str:
    group = [c for c, o in zip(free, allowed, strict=True) if tuple(o) == options]
    reasons = {
        r for c in group for k, i in enumerate(inspectors) if k not in options and (r := refusal(i, c))
    }
    return "; ".join(sorted(reasons))
