"""The analysis of a sample, as it stands (replacements included): what the sample is, and what it is not.

Per stratum: population and sample counts and shares; per LDU and responsible officer: counts; every
exclusion, duplicate and invalid row with its reason; minimums; replacements; shortfalls. It is read from
the stored sample, so it is the same whenever it is printed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlmodel import select

from omi_desktop.core.errors import NotFoundError
from omi_desktop.core.i18n import _
from omi_desktop.core.inspections import InspectionInfo, resolve_inspection
from omi_desktop.core.sampling.draw import NO_CLUSTER
from omi_desktop.core.sampling.eligibility import reason_label
from omi_desktop.core.sampling.parameters import Minimum
from omi_desktop.core.sampling.records import SampleInfo, _info, current_sample_row
from omi_desktop.core.sampling.values import officer_key
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import SampleReplacement, SampleRow

IN_SAMPLE = ("sampled",)


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


@dataclass(frozen=True)
class StratumLine:
    id: str
    label: str
    population: int
    population_percent: float
    target: int
    sampled: int
    sample_percent: float
    buffer_left: int


@dataclass(frozen=True)
class GroupLine:
    cluster: str
    ldu: str
    officer: str | None  # None for an LDU line
    population: int
    sampled: int


@dataclass(frozen=True)
class RowLine:
    row: int
    crn: str
    reason: str
    detail: str
    duplicate_of: int | None = None


@dataclass(frozen=True)
class ReplacementLine:
    replaced_crn: str
    replacement_crn: str
    stratum: str
    reason: str
    actor: str
    at: str


@dataclass
class SampleAnalysis:
    inspection: InspectionInfo
    sample: SampleInfo
    counts: dict[str, int]
    excluded_by_reason: dict[str, int]
    strata: list[StratumLine]
    ldus: list[GroupLine]
    officers: list[GroupLine]
    exclusions: list[RowLine]
    duplicates: list[RowLine]
    invalid: list[RowLine]
    other_genders: dict[str, dict[str, int]]  # recorded gender -> {"frame": n, "sampled": n}
    minimums: list[dict[str, Any]]
    replacements: list[ReplacementLine]
    shortfalls: list[str]
    most_per_officer: int
    outside_window: dict[str, int] = field(default_factory=dict)  # "before" / "after" the window
    notices: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "inspection": self.inspection.as_json(),
            "sample": self.sample.as_json(),
            "counts": self.counts,
            "excluded_by_reason": self.excluded_by_reason,
            "strata": [asdict(s) for s in self.strata],
            "ldus": [asdict(g) for g in self.ldus],
            "officers": [asdict(g) for g in self.officers],
            "most_per_officer": self.most_per_officer,
            "outside_window": self.outside_window,
            "exclusions": [asdict(r) for r in self.exclusions],
            "duplicates": [asdict(r) for r in self.duplicates],
            "invalid_rows": [asdict(r) for r in self.invalid],
            "other_genders": self.other_genders,
            "minimums": self.minimums,
            "replacements": [asdict(r) for r in self.replacements],
            "shortfalls": self.shortfalls,
            "notices": self.notices,
        }


def sample_analysis(store: Store, inspection_ref: str | None = None) -> SampleAnalysis:
    inspection = resolve_inspection(store, inspection_ref)
    with store.read() as session:
        sample = current_sample_row(session, inspection.id)
        if sample is None:
            raise NotFoundError(_("{title} has no sample yet").format(title=inspection.label))
        rows = session.exec(
            select(SampleRow).where(SampleRow.sample_id == sample.id).order_by(SampleRow.row)
        ).all()
        replacements = session.exec(
            select(SampleReplacement)
            .where(SampleReplacement.sample_id == sample.id)
            .order_by(SampleReplacement.id)
        ).all()
        info = _info(sample)
    return _analyse(inspection, info, rows, replacements)


def _analyse(
    inspection: InspectionInfo,
    info: SampleInfo,
    rows: list[SampleRow],
    replacements: list[SampleReplacement],
) -> SampleAnalysis:
    fates = Counter(r.fate for r in rows)
    frame = [r for r in rows if r.stratum is not None]
    sampled = [r for r in frame if r.fate in IN_SAMPLE]
    strata = _strata(info, frame, sampled)
    ldus, officers = _groups(frame)
    per_officer = Counter(officer_key(r.responsible_officer or "") for r in sampled)
    excluded = [r for r in rows if r.fate == "excluded"]
    first = date.fromisoformat(info.parameters["window_start"])
    outside = [r for r in excluded if r.reason == "outside_window" and r.start_date is not None]
    before = sum(1 for r in outside if r.start_date < first)
    minimums = _minimums(info, sampled)
    return SampleAnalysis(
        inspection=inspection,
        sample=info,
        counts={
            "rows": len(rows),
            "invalid": fates["invalid"],
            "excluded": len(excluded),
            "duplicates": fates["duplicate"],
            "frame": len(frame),
            "sampled": len(sampled),
            "buffer_left": fates["buffer"],
            "replaced": fates["replaced"],
        },
        excluded_by_reason=dict(Counter(r.reason or "" for r in excluded)),
        strata=strata,
        ldus=ldus,
        officers=officers,
        exclusions=[RowLine(r.row, r.crn, reason_label(r.reason or ""), r.detail or "") for r in excluded],
        duplicates=[
            RowLine(r.row, r.crn, reason_label("duplicate"), r.detail or "", r.duplicate_of)
            for r in rows
            if r.fate == "duplicate"
        ],
        invalid=[
            RowLine(r.row, r.crn, _("invalid row"), r.detail or "") for r in rows if r.fate == "invalid"
        ],
        other_genders=_other_genders(frame),
        minimums=minimums,
        replacements=[
            ReplacementLine(x.replaced_crn, x.replacement_crn, x.stratum, x.reason, x.actor, x.at.isoformat())
            for x in replacements
        ],
        shortfalls=_shortfalls(info, len(frame), strata, minimums, sampled),
        most_per_officer=max(per_officer.values(), default=0),
        outside_window={"before": before, "after": len(outside) - before},
        notices=list(info.summary.get("notices", [])),
    )


def _strata(info: SampleInfo, frame: list[SampleRow], sampled: list[SampleRow]) -> list[StratumLine]:
    lines = []
    for stratum in info.summary.get("strata", []):
        population = sum(1 for r in frame if r.stratum == stratum["id"])
        in_sample = sum(1 for r in sampled if r.stratum == stratum["id"])
        lines.append(
            StratumLine(
                id=stratum["id"],
                label=stratum["label"],
                population=population,
                population_percent=_percent(population, len(frame)),
                target=stratum["target"],
                sampled=in_sample,
                sample_percent=_percent(in_sample, len(sampled)),
                buffer_left=sum(1 for r in frame if r.stratum == stratum["id"] and r.fate == "buffer"),
            )
        )
    return lines


def _other_genders(frame: list[SampleRow]) -> dict[str, dict[str, int]]:
    """Each gender recorded other than male or female: how many in the frame, and sampled."""
    found: dict[str, dict[str, int]] = {}
    for r in frame:
        if r.gender not in ("male", "female") and r.gender is not None:
            entry = found.setdefault(r.gender, {"frame": 0, "sampled": 0})
            entry["frame"] += 1
            entry["sampled"] += r.fate in IN_SAMPLE
    return found


def _groups(frame: list[SampleRow]) -> tuple[list[GroupLine], list[GroupLine]]:
    ldu_counts: Counter[tuple[str, str]] = Counter()
    ldu_sampled: Counter[tuple[str, str]] = Counter()
    officer_counts: Counter[tuple[str, str, str]] = Counter()
    officer_sampled: Counter[tuple[str, str, str]] = Counter()
    for r in frame:
        ldu = (r.cluster or NO_CLUSTER, r.ldu or "")
        officer = (*ldu, r.responsible_officer or "")
        ldu_counts[ldu] += 1
        officer_counts[officer] += 1
        if r.fate in IN_SAMPLE:
            ldu_sampled[ldu] += 1
            officer_sampled[officer] += 1
    ldus = [GroupLine(c, ldu, None, n, ldu_sampled[c, ldu]) for (c, ldu), n in sorted(ldu_counts.items())]
    officers = [
        GroupLine(c, ldu, o, n, officer_sampled[c, ldu, o])
        for (c, ldu, o), n in sorted(officer_counts.items())
    ]
    return ldus, officers


def _minimums(info: SampleInfo, sampled: list[SampleRow]) -> list[dict[str, Any]]:
    """Each minimum as drawn, and how many sampled cases meet it now (after any replacement)."""
    found = []
    drawn = {m["name"]: m for m in info.summary.get("minimums", [])}
    for spec in info.parameters.get("minimums", []):
        minimum = Minimum.from_json(spec)
        now = sum(1 for r in sampled if minimum.matches(r))
        found.append(
            {
                **drawn.get(minimum.name, {}),
                "name": minimum.name,
                "label": minimum.label,
                "required": minimum.count,
                "now": now,
            }
        )
    return found


def _shortfalls(
    info: SampleInfo,
    frame: int,
    strata: list[StratumLine],
    minimums: list[dict[str, Any]],
    sampled: list[SampleRow],
) -> list[str]:
    """What the sample falls short of now, replacements included: the size, strata, minimums and the cap."""
    p = info.parameters
    size, cap = p["size"], p.get("max_per_officer")
    found = []
    if frame < size:
        found.append(
            _("the sample frame holds only {frame} cases, fewer than the {size} asked for").format(
                frame=frame, size=size
            )
        )
    for s in strata:
        if s.sampled < s.target:
            text = _("stratum {label}: {sampled} of {target} cases").format(
                label=s.label, sampled=s.sampled, target=s.target
            )
            if cap:
                text += _(", because its responsible officers already have {cap} cases each").format(cap=cap)
            found.append(text)
    for m in minimums:
        if m["now"] < m["required"]:
            found.append(
                _("minimum {label}: {now} in the sample, {required} required ({why})").format(
                    label=m.get("label", m["name"]), now=m["now"], required=m["required"], why=_short_why(m)
                )
            )
    per_officer: Counter[str] = Counter()
    names: dict[str, str] = {}
    for r in sampled:
        key = officer_key(r.responsible_officer or "")
        per_officer[key] += 1
        names.setdefault(key, r.responsible_officer or _("no responsible officer recorded"))
    if cap:
        found += [
            _("responsible officer {name}: {n} cases, more than the cap of {cap}").format(
                name=names[key], n=n, cap=cap
            )
            for key, n in sorted(per_officer.items())
            if n > cap
        ]
    return found


def _short_why(minimum: dict[str, Any]) -> str:
    if minimum.get("available", minimum["required"]) < minimum["required"]:
        return _("the frame holds only {n} such cases").format(n=minimum["available"])
    if minimum.get("achieved", 0) >= minimum["required"]:
        return _("it was met when drawn; replacements since have taken it below")
    return _("no further swap keeps the officer cap, the other minimums and the stratum counts")
