"""Inspections and their cases, as plain read-only views for the CLI, the GUI and reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, select

from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.settings import CURRENT_INSPECTION, get_setting
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Area, Case, Inspection, Region, Review


@dataclass(frozen=True)
class InspectionInfo:
    id: str
    title: str
    area_code: str
    area_name: str
    region_code: str | None
    region_name: str | None
    framework_id: str
    framework_version: int
    active_modules: tuple[str, ...]
    fieldwork_start: date | None
    fieldwork_end: date | None
    lead_inspector_id: str | None
    training: bool

    @property
    def label(self) -> str:
        """The title as shown everywhere: training data always says so."""
        return f"{self.title} — {_('TRAINING DATA')}" if self.training else self.title

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["active_modules"] = list(self.active_modules)
        return data


@dataclass(frozen=True)
class CaseInfo:
    """A case with its facts and the state of its case review."""

    id: str
    inspection_id: str
    reference: str
    order_type: str | None
    rosh_level: str | None
    ppo: bool
    tier: int | None
    mappa_level: int | None
    gender: str | None
    commencement_date: date | None
    end_date: date | None
    offender_manager: str | None
    team: str | None
    ldu: str | None
    cluster: str | None
    inspector_id: str | None
    review_id: str | None
    status: str  # not_started | in_progress | complete | finalised
    progress: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _inspection_info(inspection: Inspection, area: Area, region: Region | None) -> InspectionInfo:
    return InspectionInfo(
        id=inspection.id,
        title=inspection.title,
        area_code=area.code,
        area_name=area.name,
        region_code=region.code if region else None,
        region_name=region.name if region else None,
        framework_id=inspection.framework_id,
        framework_version=inspection.framework_version,
        active_modules=tuple(inspection.active_modules or ()),
        fieldwork_start=inspection.fieldwork_start,
        fieldwork_end=inspection.fieldwork_end,
        lead_inspector_id=inspection.lead_inspector_id,
        training=inspection.training,
    )


def list_inspections(store: Store) -> list[InspectionInfo]:
    with store.read() as session:
        rows = session.exec(
            select(Inspection, Area, Region)
            .join(Area, Area.id == Inspection.area_id)
            .join(Region, Region.id == Area.region_id, isouter=True)
            .order_by(Inspection.created_at)
        ).all()
        return [_inspection_info(i, a, r) for i, a, r in rows]


def resolve_inspection(store: Store, ref: str | None = None) -> InspectionInfo:
    """The inspection named by ``ref`` (id, id prefix, area code or title); by default the current one."""
    inspections = list_inspections(store)
    if not inspections:
        raise NotFoundError("there is no inspection in this data folder yet (try 'omi demo')")
    if ref is None:
        current = get_setting(store, CURRENT_INSPECTION)
        for inspection in inspections:
            if inspection.id == current:
                return inspection
        if len(inspections) == 1:
            return inspections[0]
        raise RefusedError("there are several inspections here; name one (id, area code or title)")
    lowered = ref.lower()
    for test in (
        lambda i: i.id == ref,
        lambda i: i.area_code.lower() == lowered or i.title.lower() == lowered,
        lambda i: i.id.startswith(ref),
    ):
        matches = [i for i in inspections if test(i)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise RefusedError(f"{ref!r} names several inspections; use its id")
    raise NotFoundError(f"no inspection {ref!r}")


def inspection_from_session(session: Session, inspection_id: str) -> Inspection:
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise NotFoundError(f"no inspection {inspection_id!r}")
    return inspection


def case_facts(case: Case | None, inspection: Inspection) -> dict[str, Any]:
    """The facts conditions and pre-filled answers can use (see framework/facts.py)."""
    facts: dict[str, Any] = {
        "fieldwork_start": inspection.fieldwork_start,
        "fieldwork_end": inspection.fieldwork_end,
    }
    if case is not None:
        for name in (
            "reference",
            "order_type",
            "commencement_date",
            "end_date",
            "tier",
            "rosh_level",
            "ppo",
            "mappa_level",
            "gender",
            "date_of_birth",
            "offender_manager",
            "team",
            "ldu",
            "cluster",
        ):
            facts[name] = getattr(case, name)
    return facts


def _case_info(case: Case, review: Review | None) -> CaseInfo:
    status = review.status if review is not None else "not_started"
    return CaseInfo(
        id=case.id,
        inspection_id=case.inspection_id,
        reference=case.reference,
        order_type=case.order_type,
        rosh_level=case.rosh_level,
        ppo=case.ppo,
        tier=case.tier,
        mappa_level=case.mappa_level,
        gender=case.gender,
        commencement_date=case.commencement_date,
        end_date=case.end_date,
        offender_manager=case.offender_manager,
        team=case.team,
        ldu=case.ldu,
        cluster=case.cluster,
        inspector_id=case.inspector_id,
        review_id=review.id if review is not None else None,
        status=status,
        progress=review.progress if review is not None else 0,
    )


def list_cases(store: Store, inspection_id: str) -> list[CaseInfo]:
    """The cases of an inspection with the state of their case reviews, ordered by reference."""
    with store.read() as session:
        rows = session.exec(
            select(Case, Review)
            .join(Review, (Review.case_id == Case.id) & (Review.instrument == "case"), isouter=True)
            .where(Case.inspection_id == inspection_id)
            .order_by(Case.reference)
        ).all()
        return [_case_info(case, review) for case, review in rows]


def find_case(store: Store, reference: str, inspection_id: str | None = None) -> CaseInfo:
    """A case by its reference (or id), within one inspection when given."""
    with store.read() as session:
        query = select(Case, Review).join(
            Review, (Review.case_id == Case.id) & (Review.instrument == "case"), isouter=True
        )
        query = query.where((Case.reference == reference) | (Case.id == reference))
        if inspection_id is not None:
            query = query.where(Case.inspection_id == inspection_id)
        rows = session.exec(query).all()
        if not rows:
            raise NotFoundError(f"no case {reference!r}")
        if len(rows) > 1:
            raise RefusedError(f"case {reference!r} is in several inspections; name the inspection")
        case, review = rows[0]
        return _case_info(case, review)
