"""Setting up an inspection: region, area, team, framework version, cases.

Head office does this from a sample (see ``core/sampling``); the demo and the tests use it directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, select

from omi_desktop.core.errors import RefusedError
from omi_desktop.core.framework.facts import ORDER_TYPES, ROSH_LEVELS
from omi_desktop.core.framework.registry import framework_from_session, latest, pin
from omi_desktop.core.inspections import InspectionInfo, resolve_inspection
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Area, Case, Inspection, InspectionMember, Inspector, Region

CASE_FIELDS = frozenset(Case.model_fields) - {"id", "inspection_id"}


@dataclass(frozen=True)
class InspectorSpec:
    id: str
    name: str
    role: str = "inspector"
    experienced: bool = False
    home_team: str | None = None


def ensure_region(session: Session, code: str, name: str) -> Region:
    region = session.exec(select(Region).where(Region.code == code)).first()
    if region is None:
        region = Region(code=code, name=name)
        session.add(region)
        session.flush()
    return region


def ensure_area(session: Session, code: str, name: str, region: Region | None) -> Area:
    area = session.exec(select(Area).where(Area.code == code)).first()
    if area is None:
        area = Area(code=code, name=name, region_id=region.id if region else None)
        session.add(area)
        session.flush()
    return area


def ensure_inspector(session: Session, spec: InspectorSpec) -> Inspector:
    inspector = session.get(Inspector, spec.id)
    if inspector is None:
        inspector = Inspector(
            id=spec.id,
            name=spec.name,
            role=spec.role,
            experienced=spec.experienced,
            home_team=spec.home_team,
        )
        session.add(inspector)
        session.flush()
    return inspector


def validate_case_facts(facts: Mapping[str, Any]) -> None:
    unknown = set(facts) - CASE_FIELDS
    if unknown:
        raise RefusedError(f"unknown case fields: {', '.join(sorted(unknown))}")
    if not str(facts.get("reference") or "").strip():
        raise RefusedError("every case needs a reference")
    if facts.get("order_type") not in (None, *ORDER_TYPES):
        raise RefusedError(f"case {facts['reference']}: unknown order type {facts['order_type']!r}")
    if facts.get("rosh_level") not in (None, *ROSH_LEVELS):
        raise RefusedError(f"case {facts['reference']}: unknown Risk of Harm level {facts['rosh_level']!r}")


def create_inspection(
    store: Store,
    *,
    title: str,
    area_code: str,
    area_name: str,
    region_code: str | None = None,
    region_name: str | None = None,
    framework_id: str = "omi-2006",
    framework_version: int | None = None,
    active_modules: Iterable[str] | None = None,
    fieldwork_start: date | None = None,
    fieldwork_end: date | None = None,
    lead: InspectorSpec | None = None,
    team: Iterable[InspectorSpec] = (),
    cases: Iterable[Mapping[str, Any]] = (),
    training: bool = False,
) -> InspectionInfo:
    """Create an inspection with its team and cases in one transaction."""
    if framework_version is None:
        framework_version = latest(store, framework_id).version
    if fieldwork_start and fieldwork_end and fieldwork_end < fieldwork_start:
        raise RefusedError("fieldwork cannot end before it starts")
    with store.write() as session:
        framework = framework_from_session(session, framework_id, framework_version)
        modules = list(framework.default_modules() if active_modules is None else active_modules)
        unknown = set(modules) - {m.id for m in framework.modules}
        if unknown:
            raise RefusedError(f"framework {framework_id} has no module {', '.join(sorted(unknown))}")
        pin(session, framework)
        region = ensure_region(session, region_code, region_name or region_code) if region_code else None
        area = ensure_area(session, area_code, area_name, region)
        members = [ensure_inspector(session, spec) for spec in team]
        lead_row = ensure_inspector(session, lead) if lead else None
        inspection = Inspection(
            title=title,
            area_id=area.id,
            framework_id=framework.id,
            framework_version=framework.version,
            active_modules=modules,
            fieldwork_start=fieldwork_start,
            fieldwork_end=fieldwork_end,
            lead_inspector_id=lead_row.id if lead_row else None,
            training=training,
        )
        session.add(inspection)
        session.flush()
        for member in {m.id for m in members} | ({lead_row.id} if lead_row else set()):
            session.add(InspectionMember(inspection_id=inspection.id, inspector_id=member))
        seen: set[str] = set()
        for facts in cases:
            validate_case_facts(facts)
            if facts["reference"] in seen:
                raise RefusedError(f"case {facts['reference']} appears twice")
            seen.add(facts["reference"])
            session.add(Case(inspection_id=inspection.id, **facts))
        inspection_id = inspection.id
    return resolve_inspection(store, inspection_id)
