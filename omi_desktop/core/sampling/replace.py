"""Replacing a sampled case that cannot be inspected with the next buffer case of its stratum.

The next buffer case is the one with the lowest buffer rank whose responsible officer would stay within the
cap; ranks passed over for the cap stay in the buffer. The replaced case leaves the inspection (refused if
its review has begun); the replacement becomes a case, keeps the replaced case's inspector when that is
allowed, and everything is recorded: who, when and why.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from sqlmodel import Session, delete, select

from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.inspections import inspection_from_session
from omi_desktop.core.sampling.balance import CaseSlot, InspectorSlot, refusal
from omi_desktop.core.sampling.longlist import Record
from omi_desktop.core.sampling.records import case_facts, current_sample_row
from omi_desktop.core.sampling.strata import StrataScheme
from omi_desktop.core.sampling.values import officer_key
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import (
    AllocationChange,
    Case,
    Inspector,
    Review,
    SampleReplacement,
    SampleRow,
)


@dataclass(frozen=True)
class ReplacementInfo:
    replaced: str
    replacement: str
    stratum: str
    stratum_label: str
    buffer_rank: int
    inspector_id: str | None  # the replacement's inspector (the replaced case's, when allowed)
    reason: str
    buffer_left: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _record(row: SampleRow) -> Record:
    return Record(
        row=row.row,
        crn=row.crn,
        pnc=row.pnc or "",
        family_name=row.family_name or "",
        first_name=row.first_name or "",
        date_of_birth=row.date_of_birth,
        gender=row.gender,
        sentence_type=row.sentence_type,
        rosh_level=row.rosh_level,
        start_date=row.start_date,
        end_date=row.end_date,
        cluster=row.cluster or "",
        ldu=row.ldu or "",
        team=row.team or "",
        responsible_officer=row.responsible_officer or "",
        ppo=bool(row.ppo),
        tier=row.tier,
    )


def replace_case(
    store: Store, inspection_id: str, reference: str, *, reason: str, actor: str
) -> ReplacementInfo:
    reason = " ".join(reason.split())
    if not reason:
        raise RefusedError(_("say why the case is replaced (it is kept in the record)"))
    with store.write() as session:
        inspection_from_session(session, inspection_id)
        sample = current_sample_row(session, inspection_id)
        if sample is None:
            raise NotFoundError(_("this inspection has no sample, so there is no buffer to replace from"))
        rows = session.exec(select(SampleRow).where(SampleRow.sample_id == sample.id)).all()
        leaving, case = _leaving(session, inspection_id, rows, reference)
        incoming = _next_buffer(rows, leaving, sample.parameters.get("max_per_officer"))
        inspector_id = _carried_inspector(session, case, incoming)
        _swap(session, case, leaving, incoming, inspector_id)
        session.add(
            SampleReplacement(
                sample_id=sample.id,
                replaced_row=leaving.row,
                replaced_crn=leaving.crn,
                replacement_row=incoming.row,
                replacement_crn=incoming.crn,
                stratum=leaving.stratum or "",
                reason=reason,
                actor=actor,
            )
        )
        if inspector_id is not None:
            session.add(
                AllocationChange(
                    inspection_id=inspection_id,
                    case_reference=incoming.crn,
                    to_inspector=inspector_id,
                    method="replacement",
                    reason=_("replaces {ref}").format(ref=reference),
                    actor=actor,
                )
            )
        return ReplacementInfo(
            replaced=reference,
            replacement=incoming.crn,
            stratum=leaving.stratum or "",
            stratum_label=StrataScheme.from_json(sample.parameters["strata"]).label(leaving.stratum or ""),
            buffer_rank=incoming.buffer_rank or 0,
            inspector_id=inspector_id,
            reason=reason,
            buffer_left=sum(1 for r in rows if r.stratum == leaving.stratum and r.fate == "buffer"),
        )


def _leaving(
    session: Session, inspection_id: str, rows: list[SampleRow], reference: str
) -> tuple[SampleRow, Case]:
    """The sample row and the case of ``reference``; refused unless it is sampled and not under review."""
    leaving = next((r for r in rows if r.crn == reference and r.fate in ("sampled", "replaced")), None)
    if leaving is None:
        raise NotFoundError(_("{ref} is not a sampled case of this inspection").format(ref=reference))
    if leaving.fate == "replaced":
        raise RefusedError(_("{ref} has already been replaced").format(ref=reference))
    case = session.exec(
        select(Case).where(Case.inspection_id == inspection_id, Case.reference == reference)
    ).one()
    review = session.exec(select(Review).where(Review.case_id == case.id)).first()
    if review is not None and review.status != "not_started":
        raise RefusedError(
            _("the review of {ref} has begun ({status}); it cannot be replaced").format(
                ref=reference, status=review.status.replace("_", " ")
            )
        )
    return leaving, case


def _swap(
    session: Session, case: Case, leaving: SampleRow, incoming: SampleRow, inspector_id: str | None
) -> None:
    """The replaced case leaves the inspection (with its untouched review); the buffer case becomes one."""
    session.exec(delete(Review).where(Review.case_id == case.id))
    session.delete(case)
    session.flush()
    facts = case_facts(_record(incoming))
    session.add(Case(inspection_id=case.inspection_id, inspector_id=inspector_id, **facts))
    leaving.fate = "replaced"
    incoming.fate = "sampled"
    # Now a case of the inspection: its identifying details live there, not twice.
    incoming.pnc = incoming.family_name = incoming.first_name = None
    incoming.date_of_birth = incoming.end_date = None
    session.add_all([leaving, incoming])


def _next_buffer(rows: list[SampleRow], leaving: SampleRow, cap: int | None) -> SampleRow:
    buffer = sorted(
        (r for r in rows if r.stratum == leaving.stratum and r.fate == "buffer"),
        key=lambda r: r.buffer_rank or 0,
    )
    if not buffer:
        raise RefusedError(
            _("the buffer of {ref}'s stratum is used up; draw a larger buffer or sample again").format(
                ref=leaving.crn
            )
        )
    per_officer = Counter(officer_key(r.responsible_officer or "") for r in rows if r.fate == "sampled")
    per_officer[officer_key(leaving.responsible_officer or "")] -= 1
    for row in buffer:
        if cap is None or per_officer[officer_key(row.responsible_officer or "")] < cap:
            return row
    raise RefusedError(
        _(
            "every buffer case left in {ref}'s stratum has a responsible officer who already has {cap} cases"
        ).format(ref=leaving.crn, cap=cap)
    )


def _carried_inspector(session: Session, case: Case, incoming: SampleRow) -> str | None:
    if case.inspector_id is None:
        return None
    inspector = session.get(Inspector, case.inspector_id)
    if inspector is None:
        return None
    slot = InspectorSlot(inspector.id, inspector.name, inspector.experienced, inspector.home_team)
    allowed = refusal(slot, CaseSlot(incoming.crn, incoming.rosh_level, incoming.team, incoming.ldu)) is None
    return inspector.id if allowed else None
