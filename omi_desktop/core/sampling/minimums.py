"""Minimum counts (e.g. at least 20 high or very high RoSH cases): met by swaps within a stratum.

For each minimum, in the order given: while the sample has too few matching cases, take the unsampled
matching frame case with the lowest priority whose stratum holds a sampled case that may leave, and swap
the two. A sampled case may leave when it does not match this minimum, its leaving would not take another
minimum below its count, and the incoming case's responsible officer (RO) stays within the cap. Among the
cases that may leave, the one with the same RO goes first, then the same LDU, then the same cluster, then
any; among equals, the one with the highest priority. Swaps stay within a stratum, so stratum counts never
change. A minimum that cannot be met is reported as a shortfall, with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from omi_desktop.core.i18n import _
from omi_desktop.core.sampling.longlist import Record
from omi_desktop.core.sampling.parameters import Minimum, SampleParameters
from omi_desktop.core.sampling.values import officer_key


@dataclass
class MinimumResult:
    name: str
    required: int
    before: int  # matching cases in the proportional draw
    achieved: int
    available: int  # matching cases in the whole frame
    swaps: list[tuple[int, int]] = field(default_factory=list)  # (row that left, row that came in)

    def shortfall(self) -> str:
        if self.available < self.required:
            why = _("the frame holds only {n} such cases").format(n=self.available)
        else:
            why = _("no further swap keeps the officer cap, the other minimums and the stratum counts")
        return _("minimum {name}: {achieved} of {required} ({why})").format(
            name=self.name, achieved=self.achieved, required=self.required, why=why
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "required": self.required,
            "before": self.before,
            "achieved": self.achieved,
            "available": self.available,
            "swaps": [{"removed_row": a, "added_row": b} for a, b in self.swaps],
        }


def meet_minimums(
    frame: Sequence[Record],
    sampled: set[int],
    stratum_of: dict[int, str],
    priority: dict[int, float],
    used: dict[str, int],
    p: SampleParameters,
) -> list[MinimumResult]:
    """Swap cases into ``sampled`` (changed in place, like ``used``) until each minimum is met or cannot."""
    if not p.minimums:
        return []
    by_row = {r.row: r for r in frame}
    counts = {m.name: sum(1 for row in sampled if m.matches(by_row[row])) for m in p.minimums}
    results = []
    for minimum in p.minimums:
        result = MinimumResult(
            name=minimum.name,
            required=minimum.count,
            before=counts[minimum.name],
            achieved=counts[minimum.name],
            available=sum(1 for r in frame if minimum.matches(r)),
        )
        results.append(result)
        if counts[minimum.name] >= minimum.count:
            continue
        incoming = sorted(
            (r for r in frame if r.row not in sampled and minimum.matches(r)), key=lambda r: priority[r.row]
        )
        for candidate in incoming:
            if counts[minimum.name] >= minimum.count:
                break
            leaving = _leaving(candidate, minimum, sampled, by_row, stratum_of, priority, used, counts, p)
            if leaving is None:
                continue
            sampled.remove(leaving.row)
            sampled.add(candidate.row)
            used[officer_key(leaving.responsible_officer)] -= 1
            used[officer_key(candidate.responsible_officer)] += 1
            for m in p.minimums:
                counts[m.name] += m.matches(candidate) - m.matches(leaving)
            result.swaps.append((leaving.row, candidate.row))
        result.achieved = counts[minimum.name]
    for result in results:  # later swaps may have helped earlier minimums too
        result.achieved = counts[result.name]
    return results


def _leaving(
    candidate: Record,
    minimum: Minimum,
    sampled: set[int],
    by_row: dict[int, Record],
    stratum_of: dict[int, str],
    priority: dict[int, float],
    used: dict[str, int],
    counts: dict[str, int],
    p: SampleParameters,
) -> Record | None:
    stratum = stratum_of[candidate.row]
    officer = officer_key(candidate.responsible_officer)
    officer_full = p.max_per_officer is not None and used[officer] >= p.max_per_officer
    best: tuple[tuple[int, float], Record] | None = None
    for row in sampled:
        record = by_row[row]
        if stratum_of[row] != stratum or minimum.matches(record):
            continue
        same_officer = officer_key(record.responsible_officer) == officer
        if officer_full and not same_officer:
            continue
        if any(m.matches(record) and counts[m.name] <= m.count for m in p.minimums):
            continue
        closeness = (
            0
            if same_officer
            else 1
            if record.ldu == candidate.ldu
            else 2
            if record.cluster == candidate.cluster
            else 3
        )
        key = (closeness, -priority[row])
        if best is None or key < best[0]:
            best = (key, record)
    return best[1] if best else None
