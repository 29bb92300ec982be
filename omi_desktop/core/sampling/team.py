"""Inspectors and inspection teams, as head office sets them up.

An inspector's attributes decide which cases they may be allocated: ``experienced`` inspectors may have high
and very high RoSH cases; a local assessor's ``home_team`` is the probation team whose cases they never get.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlmodel import select

from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.inspections import inspection_from_session
from omi_desktop.core.setup import InspectorSpec
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Area, Case, InspectionMember, Inspector

ROLES = ("inspector", "lead", "local_assessor", "hq")


@dataclass(frozen=True)
class InspectorInfo:
    id: str
    name: str
    role: str
    experienced: bool
    home_team: str | None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def spec(self) -> InspectorSpec:
        return InspectorSpec(self.id, self.name, self.role, self.experienced, self.home_team)


def _info(row: Inspector) -> InspectorInfo:
    return InspectorInfo(row.id, row.name, row.role, row.experienced, row.home_team)


def _check(spec: InspectorSpec) -> None:
    if not spec.id or any(c.isspace() for c in spec.id):
        raise RefusedError(_("an inspector id must be one word, e.g. INS-014"))
    if not spec.name.strip():
        raise RefusedError(_("inspector {id} needs a name").format(id=spec.id))
    if spec.role not in ROLES:
        raise RefusedError(_("the role must be one of: {roles}").format(roles=", ".join(ROLES)))
    if spec.role == "local_assessor" and not (spec.home_team or "").strip():
        raise RefusedError(_("a local assessor needs a home team (their cases are never allocated to them)"))


def add_inspector(store: Store, spec: InspectorSpec) -> InspectorInfo:
    spec = InspectorSpec(
        spec.id.strip(),
        " ".join(spec.name.split()),
        spec.role,
        spec.experienced,
        (spec.home_team or "").strip() or None,
    )
    _check(spec)
    with store.write() as session:
        if session.get(Inspector, spec.id) is not None:
            raise RefusedError(_("there is already an inspector {id}").format(id=spec.id))
        row = Inspector(
            id=spec.id, name=spec.name, role=spec.role, experienced=spec.experienced, home_team=spec.home_team
        )
        session.add(row)
        return _info(row)


def update_inspector(
    store: Store,
    inspector_id: str,
    *,
    name: str | None = None,
    role: str | None = None,
    experienced: bool | None = None,
    home_team: str | None = None,  # "" clears it
) -> InspectorInfo:
    with store.write() as session:
        row = session.get(Inspector, inspector_id)
        if row is None:
            raise NotFoundError(_("no inspector {id!r}").format(id=inspector_id))
        spec = InspectorSpec(
            row.id,
            " ".join(name.split()) if name is not None else row.name,
            role if role is not None else row.role,
            experienced if experienced is not None else row.experienced,
            (home_team.strip() or None) if home_team is not None else row.home_team,
        )
        _check(spec)
        row.name, row.role, row.experienced, row.home_team = (
            spec.name,
            spec.role,
            spec.experienced,
            spec.home_team,
        )
        session.add(row)
        return _info(row)


def area_name(store: Store, code: str) -> str | None:
    """The name of the area with ``code``, if this store knows it."""
    with store.read() as session:
        area = session.exec(select(Area).where(Area.code == code)).first()
        return area.name if area else None


def list_inspectors(store: Store) -> list[InspectorInfo]:
    with store.read() as session:
        return [_info(r) for r in session.exec(select(Inspector).order_by(Inspector.id)).all()]


def find_inspectors(store: Store, ids: Iterable[str]) -> list[InspectorInfo]:
    """The inspectors named by ``ids``, in that order; refuse any unknown id."""
    wanted = list(dict.fromkeys(i.strip() for i in ids if i.strip()))
    with store.read() as session:
        found = {i: session.get(Inspector, i) for i in wanted}
    unknown = [i for i, row in found.items() if row is None]
    if unknown:
        raise NotFoundError(
            _("no inspector {ids} (add with 'omi hq inspectors add')").format(ids=", ".join(unknown))
        )
    return [_info(row) for row in found.values() if row is not None]


def team_of(store: Store, inspection_id: str) -> list[InspectorInfo]:
    with store.read() as session:
        rows = session.exec(
            select(Inspector)
            .join(InspectionMember, InspectionMember.inspector_id == Inspector.id)
            .where(InspectionMember.inspection_id == inspection_id)
            .order_by(Inspector.id)
        ).all()
        return [_info(r) for r in rows]


def set_team(
    store: Store, inspection_id: str, add: Iterable[str] = (), remove: Iterable[str] = ()
) -> list[InspectorInfo]:
    """Add inspectors to an inspection's team, and take off those who hold none of its cases."""
    adding = [i.id for i in find_inspectors(store, add)]
    removing = list(dict.fromkeys(remove))
    with store.write() as session:
        inspection = inspection_from_session(session, inspection_id)
        for inspector_id in adding:
            if session.get(InspectionMember, (inspection_id, inspector_id)) is None:
                session.add(InspectionMember(inspection_id=inspection_id, inspector_id=inspector_id))
        for inspector_id in removing:
            if inspector_id == inspection.lead_inspector_id:
                raise RefusedError(
                    _("{id} leads this inspection and stays in its team").format(id=inspector_id)
                )
            member = session.get(InspectionMember, (inspection_id, inspector_id))
            if member is None:
                raise NotFoundError(_("{id} is not in this inspection's team").format(id=inspector_id))
            allocated = session.exec(
                select(Case).where(Case.inspection_id == inspection_id, Case.inspector_id == inspector_id)
            ).first()
            if allocated is not None:
                raise RefusedError(
                    _("{id} still has cases of this inspection; allocate them to others first").format(
                        id=inspector_id
                    )
                )
            session.delete(member)
    return team_of(store, inspection_id)
