"""Drawing the sample: strata, proportional spread, the officer cap, minimum counts and the buffer.

The whole procedure is in docs/sampling.md; in short:

1. Exclusions and duplicates (``eligibility.py``) leave the sample frame.
2. The seed drives exactly one thing: ``random.Random(seed).random()`` is called once per frame row, in
   long-list row order, giving each row its *priority* (a number in [0, 1)). Everything after that is
   deterministic: wherever cases are chosen, the lowest priorities are chosen first.
3. The sample size is shared among strata by largest-remainder apportionment of the frame's populations.
4. Within a stratum (taken in scheme order) its share is spread over clusters, then each cluster's over its
   LDUs, then each LDU's over its responsible officers (ROs), each step by the same apportionment. An RO's
   capacity is what the cap leaves them (less what earlier strata took); a group's capacity is the sum of its
   ROs', so a capped RO's overflow goes to the other ROs of the same LDU, then to other LDUs. Within each RO
   the cases with the lowest priorities are drawn.
5. Minimum counts are met by swaps within a stratum (so stratum counts never change); see ``minimums.py``.
6. A buffer of ``ceil(size * buffer% / 100)`` cases is shared among strata by the same apportionment and
   ranked within each stratum by priority, cases whose RO has room first.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from omi_desktop.core.i18n import _
from omi_desktop.core.sampling.apportion import apportion
from omi_desktop.core.sampling.eligibility import Duplicate, Exclusion, duplicates, exclusions
from omi_desktop.core.sampling.files import cyclic_gc_paused
from omi_desktop.core.sampling.longlist import Record
from omi_desktop.core.sampling.minimums import MinimumResult, meet_minimums
from omi_desktop.core.sampling.parameters import SampleParameters
from omi_desktop.core.sampling.strata import gender_group
from omi_desktop.core.sampling.values import officer_key

NO_CLUSTER = "(no cluster)"


def _order(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


@dataclass
class StratumResult:
    id: str
    label: str
    population: int
    target: int  # its largest-remainder share of the sample size
    drawn: int = 0
    buffer: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "population": self.population,
            "target": self.target,
            "drawn": self.drawn,
            "buffer": self.buffer,
        }


@dataclass
class Draw:
    """The result of a draw: the fate of every long-list row, and what the analysis needs."""

    parameters: SampleParameters
    rows: int
    excluded: dict[int, Exclusion]
    duplicates: dict[int, Duplicate]
    frame: list[Record]
    stratum_of: dict[int, str]  # row -> stratum id, for frame rows
    priority: dict[int, float]  # row -> priority, for frame rows
    sampled: set[int]  # rows
    buffer: dict[int, int]  # row -> rank within its stratum (1 = first replacement)
    strata: list[StratumResult]
    minimums: list[MinimumResult]
    shortfalls: list[str] = field(default_factory=list)

    def fate(self, row: int) -> str:
        if row in self.sampled:
            return "sampled"
        if row in self.buffer:
            return "buffer"
        if row in self.excluded:
            return "excluded"
        if row in self.duplicates:
            return "duplicate"
        return "eligible"


class _Stratum:
    """One stratum's frame rows grouped cluster -> LDU -> RO, each RO's rows in priority order."""

    def __init__(self, records: list[Record], priority: dict[int, float]) -> None:
        self.tree: dict[str, dict[str, dict[str, list[Record]]]] = {}
        for record in sorted(records, key=lambda r: priority[r.row]):
            cluster = record.cluster or NO_CLUSTER
            ldus = self.tree.setdefault(cluster, {})
            officers = ldus.setdefault(record.ldu, {})
            officers.setdefault(officer_key(record.responsible_officer), []).append(record)

    def draw(self, share: int, used: dict[str, int], cap: int | None) -> list[Record]:
        """Draw ``share`` cases (fewer if the cap leaves too little room); counts go into ``used``."""
        # Each RO's room (the cap less what earlier strata took) is shared out over the RO's groups in order;
        # an RO is nearly always in one LDU, but a name in two LDUs must not get the cap twice.
        room: dict[str, int] = {}
        capacity: dict[tuple[str, str, str], int] = {}
        for cluster in sorted(self.tree, key=_order):
            for ldu in sorted(self.tree[cluster], key=_order):
                for ro, rows in sorted(self.tree[cluster][ldu].items()):
                    if cap is None:
                        capacity[cluster, ldu, ro] = len(rows)
                        continue
                    left = max(0, room.get(ro, cap - used[ro]))
                    capacity[cluster, ldu, ro] = min(left, len(rows))
                    room[ro] = left - capacity[cluster, ldu, ro]
        chosen: list[Record] = []
        clusters = sorted(self.tree, key=_order)
        cluster_shares = apportion(
            share,
            [self._size(c) for c in clusters],
            [sum(v for k, v in capacity.items() if k[0] == c) for c in clusters],
        )
        for cluster, cluster_share in zip(clusters, cluster_shares, strict=True):
            ldus = sorted(self.tree[cluster], key=_order)
            ldu_shares = apportion(
                cluster_share,
                [self._size(cluster, ldu) for ldu in ldus],
                [sum(v for k, v in capacity.items() if k[:2] == (cluster, ldu)) for ldu in ldus],
            )
            for ldu, ldu_share in zip(ldus, ldu_shares, strict=True):
                officers = sorted(self.tree[cluster][ldu])
                cases = self.tree[cluster][ldu]
                ro_shares = apportion(
                    ldu_share,
                    [len(cases[ro]) for ro in officers],
                    [capacity[cluster, ldu, ro] for ro in officers],
                )
                for ro, ro_share in zip(officers, ro_shares, strict=True):
                    chosen.extend(cases[ro][:ro_share])
                    used[ro] += ro_share
        return chosen

    def _size(self, cluster: str, ldu: str | None = None) -> int:
        ldus = self.tree[cluster] if ldu is None else {ldu: self.tree[cluster][ldu]}
        return sum(len(rows) for officers in ldus.values() for rows in officers.values())


def draw_sample(records: Sequence[Record], parameters: SampleParameters) -> Draw:
    """Draw a sample from ``records`` (a checked long list). Pure: the same inputs give the same draw."""
    with cyclic_gc_paused():
        return _draw(records, parameters)


def _draw(records: Sequence[Record], p: SampleParameters) -> Draw:
    excluded = exclusions(records, (p.window_start, p.window_end), p.as_of)
    eligible = [r for r in records if r.row not in excluded] if excluded else list(records)
    duplicate = duplicates(eligible)
    frame = [r for r in eligible if r.row not in duplicate] if duplicate else eligible
    rng = random.Random(p.seed)
    priority = {r.row: rng.random() for r in frame}
    classify = p.strata.classifier()
    stratum_of = {
        r.row: classify[gender_group(r.gender), r.sentence_type, r.rosh_level, r.ppo] for r in frame
    }
    members: dict[str, list[Record]] = defaultdict(list)
    for record in frame:
        members[stratum_of[record.row]].append(record)

    size = min(p.size, len(frame))
    shortfalls = []
    if size < p.size:
        shortfalls.append(
            _("the sample frame holds only {frame} cases, fewer than the {size} asked for").format(
                frame=len(frame), size=p.size
            )
        )
    ids = p.strata.ids
    targets = apportion(size, [len(members[i]) for i in ids])
    strata = [
        StratumResult(i, p.strata.label(i), len(members[i]), t) for i, t in zip(ids, targets, strict=True)
    ]
    used: dict[str, int] = defaultdict(int)
    sampled = _draw_strata(strata, members, priority, used, p.max_per_officer, shortfalls)
    minimum_results = meet_minimums(frame, sampled, stratum_of, priority, used, p)
    shortfalls.extend(m.shortfall() for m in minimum_results if m.achieved < m.required)
    buffer = _buffer(frame, sampled, members, strata, priority, used, p)
    return Draw(
        parameters=p,
        rows=len(records),
        excluded=excluded,
        duplicates=duplicate,
        frame=frame,
        stratum_of=stratum_of,
        priority=priority,
        sampled=sampled,
        buffer=buffer,
        strata=strata,
        minimums=minimum_results,
        shortfalls=shortfalls,
    )


def _draw_strata(
    strata: list[StratumResult],
    members: dict[str, list[Record]],
    priority: dict[int, float],
    used: dict[str, int],
    cap: int | None,
    shortfalls: list[str],
) -> set[int]:
    """Each stratum's target, in scheme order; ``used`` counts each officer's cases across strata."""
    sampled: set[int] = set()
    for result in strata:
        chosen = _Stratum(members[result.id], priority).draw(result.target, used, cap)
        result.drawn = len(chosen)
        sampled.update(r.row for r in chosen)
        if result.drawn < result.target:
            shortfalls.append(
                _(
                    "stratum {label}: {drawn} of {target} cases, because its responsible officers already"
                    " have {cap} cases each"
                ).format(label=result.label, drawn=result.drawn, target=result.target, cap=cap)
            )
    return sampled


def _buffer(
    frame: list[Record],
    sampled: set[int],
    members: dict[str, list[Record]],
    strata: list[StratumResult],
    priority: dict[int, float],
    used: dict[str, int],
    p: SampleParameters,
) -> dict[int, int]:
    # Exact arithmetic on the percentage as written (12.5 means 12.5, not a binary fraction near it).
    total = math.ceil(len(sampled) * Fraction(str(p.buffer_percent)) / 100)
    spare = {s.id: [r for r in members[s.id] if r.row not in sampled] for s in strata}
    shares = apportion(total, [s.population for s in strata], [len(spare[s.id]) for s in strata])
    ranks: dict[int, int] = {}
    cap = p.max_per_officer

    def full(record: Record) -> bool:
        return cap is not None and used[officer_key(record.responsible_officer)] >= cap

    for stratum, share in zip(strata, shares, strict=True):
        ranked = sorted(
            spare[stratum.id],
            key=lambda r: (full(r), priority[r.row]),
        )
        for rank, record in enumerate(ranked[:share], start=1):
            ranks[record.row] = rank
        stratum.buffer = min(share, len(ranked))
    return ranks
