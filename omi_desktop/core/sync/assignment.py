"""Assignments: head office issues one per inspector (``omi hq issue-assignment``); the laptop imports it
(``omi assignment import``), creating the inspection, its area, region, team and cases with HQ's ids.

An inspector's assignment holds their allocated cases; the lead inspector's holds every case of the
inspection and the team's public keys, so the lead can collate the team's returns offline. Either is the
complete current allocation: a case held from an earlier assignment that a newer one does not list is
withdrawn (core/sync/withdrawal.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from omi_desktop.core.errors import OmiError, RefusedError
from omi_desktop.core.framework.loader import parse_framework
from omi_desktop.core.framework.registry import framework_from_session, pin
from omi_desktop.core.i18n import _
from omi_desktop.core.inspections import InspectionInfo, resolve_inspection
from omi_desktop.core.settings import CURRENT_INSPECTION, put_setting, read_setting
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import (
    Area,
    Case,
    Inspection,
    InspectionMember,
    InspectionSync,
    Inspector,
    ReceivedBundle,
    Region,
    TrustedKey,
)
from omi_desktop.core.sync.bundle import open_bundle, read_file
from omi_desktop.core.sync.errors import BundleRefused
from omi_desktop.core.sync.keys import PrivateKeys, PublicIdentity, b64, unb64
from omi_desktop.core.sync.outbox import IssuedBundle, destination, issue
from omi_desktop.core.sync.returns import _received, still_trusted
from omi_desktop.core.sync.schema import AssignmentPayload, CaseItem, date_text, parse_timestamp
from omi_desktop.core.sync.trust import TrustedKeyInfo, add_key, retire_unlisted, signer_from_store
from omi_desktop.core.sync.withdrawal import (
    WithdrawalInfo,
    release_reallocated,
    withdraw_unlisted,
    withdrawn_by,
)

CASE_FACTS = tuple(name for name in CaseItem.model_fields if name not in ("id",))
DATE_FACTS = ("date_of_birth", "commencement_date", "end_date")


def enrolled_identity(session: Session, identity_id: str) -> PublicIdentity:
    rows = (
        session.execute(
            select(TrustedKey).where(
                TrustedKey.identity_id == identity_id,
                TrustedKey.source == "enrolled",
                TrustedKey.status == "active",
            )
        )
        .scalars()
        .all()
    )
    if not rows:
        raise RefusedError(
            _("{id} is not enrolled (or their key was revoked): run 'omi hq enrol' first").format(
                id=identity_id
            )
        )
    return TrustedKeyInfo.of(sorted(rows, key=lambda r: r.added_at)[-1]).identity


def _place(row: Area | Region | None) -> dict[str, str] | None:
    return None if row is None else {"id": row.id, "code": row.code, "name": row.name}


def _case(case: Case) -> dict[str, Any]:
    facts = {name: getattr(case, name) for name in CASE_FACTS}
    for name in DATE_FACTS:
        facts[name] = date_text(facts[name])
    return {"id": case.id, **facts}


def _assignment_payload(
    session: Session, inspection: Inspection, assignee: str, me: str
) -> tuple[dict, list[PublicIdentity]]:
    is_lead = inspection.lead_inspector_id == assignee
    cases = (
        session.execute(select(Case).where(Case.inspection_id == inspection.id).order_by(Case.reference))
        .scalars()
        .all()
    )
    if not is_lead:
        cases = [c for c in cases if c.inspector_id == assignee]
    withdrawn = withdrawn_by(session, inspection.id, assignee, [c.id for c in cases])
    if not cases and not is_lead and not withdrawn:
        raise RefusedError(_("no case of this inspection is allocated to {id}").format(id=assignee))
    members = set(
        session.execute(
            select(InspectionMember.inspector_id).where(InspectionMember.inspection_id == inspection.id)
        ).scalars()
    )
    members |= {c.inspector_id for c in cases if c.inspector_id}
    if inspection.lead_inspector_id:
        members.add(inspection.lead_inspector_id)
    recipients_of_returns = [me]
    lead_identity = None
    if inspection.lead_inspector_id and inspection.lead_inspector_id != me:
        lead_identity = enrolled_identity(session, inspection.lead_inspector_id)
        recipients_of_returns.append(lead_identity.id)
    inspectors = []
    for inspector_id in sorted(members):
        row = session.get(Inspector, inspector_id)
        entry: dict[str, Any] = {
            "id": inspector_id,
            "name": row.name if row else inspector_id,
            "role": "lead"
            if inspector_id == inspection.lead_inspector_id
            else (row.role if row else "inspector"),
            "experienced": bool(row.experienced) if row else False,
            "home_team": row.home_team if row else None,
        }
        # Keys travel where the receiver needs them: the lead's key to everyone (returns are encrypted to
        # the lead), every team member's key to the lead (collation verifies their signatures).
        if inspector_id == inspection.lead_inspector_id or is_lead:
            try:
                identity = enrolled_identity(session, inspector_id)
                entry |= {
                    "signing_key": b64(identity.signing_key),
                    "encryption_key": b64(identity.encryption_key),
                }
            except RefusedError:
                if inspector_id == inspection.lead_inspector_id:
                    raise
        inspectors.append(entry)
    area = session.get(Area, inspection.area_id)
    region = session.get(Region, area.region_id) if area.region_id else None
    framework = framework_from_session(session, inspection.framework_id, inspection.framework_version)
    payload = {
        "payload": "assignment",
        "assignee": assignee,
        "return_recipients": recipients_of_returns,
        "inspection": {
            "id": inspection.id,
            "title": inspection.title,
            "area": _place(area),
            "region": _place(region),
            "framework_id": inspection.framework_id,
            "framework_version": inspection.framework_version,
            "active_modules": list(inspection.active_modules or []),
            "fieldwork_start": date_text(inspection.fieldwork_start),
            "fieldwork_end": date_text(inspection.fieldwork_end),
            "lead_inspector_id": inspection.lead_inspector_id,
            "training": bool(inspection.training),
            "members": sorted(members),
        },
        "framework": {
            "id": framework.id,
            "version": framework.version,
            "sha256": framework.sha256,
            "source": framework.source,
        },
        "inspectors": inspectors,
        "allocation": "complete",
        "cases": [_case(c) for c in cases],
        "withdrawn": withdrawn,
    }
    return payload, ([lead_identity] if lead_identity else [])


def issue_assignment(
    store: Store, keys: PrivateKeys, *, inspector_id: str, out: Path | str, inspection_ref: str | None = None
) -> IssuedBundle:
    """HQ: write the signed assignment bundle of one inspector (or the lead) for one inspection."""
    if keys.identity.role != "hq":
        raise RefusedError(_("only a head-office installation issues assignments"))
    info = resolve_inspection(store, inspection_ref)
    path = destination(out, "assignment")
    with store.read() as session:
        assignee = enrolled_identity(session, inspector_id)
        inspection = session.get(Inspection, info.id)
        payload, _lead = _assignment_payload(session, inspection, inspector_id, keys.identity.id)
    # What the assignment delivers, so that a later one can say which cases it withdraws.
    delivered = [[case["id"], case["reference"]] for case in payload["cases"]]
    return issue(
        store,
        keys,
        kind="assignment",
        inspection=info,
        recipient=assignee,
        subject=inspector_id,
        path=path,
        payload=payload,
        items=len(payload["cases"]),
        contents=delivered,
        withdrawn=tuple(w["reference"] for w in payload["withdrawn"]),
    )


# -- the laptop ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AssignmentReport:
    path: str
    status: str  # imported | duplicate | stale
    bundle_id: str
    sequence: int
    inspection: InspectionInfo | None
    cases: int
    sender: str
    withdrawn: tuple[WithdrawalInfo, ...] = ()  # cases this assignment took out of the inspection here
    own: int = 0  # of ``cases``, those allocated to this installation's inspector
    lead: bool = False  # this installation's inspector leads the inspection (``cases``: all of them)

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "bundle_id": self.bundle_id,
            "sequence": self.sequence,
            "inspection": self.inspection.as_json() if self.inspection else None,
            "cases": self.cases,
            "sender": self.sender,
            "withdrawn": [w.as_json() for w in self.withdrawn],
            "own": self.own,
            "lead": self.lead,
        }


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _upsert_place(session: Session, model: type, place: Any, **extra: Any) -> Any:
    if place is None:
        return None
    row = session.get(model, place.id)
    clash = session.execute(select(model).where(model.code == place.code)).scalars().first()
    if clash is not None and clash.id != place.id:
        raise BundleRefused(
            "identity-clash",
            _("this data folder already has a different {what} with code {code}").format(
                what=model.__tablename__, code=place.code
            ),
        )
    if row is None:
        row = model(id=place.id, code=place.code, name=place.name, **extra)
    else:
        row.name = place.name
        for key, value in extra.items():
            setattr(row, key, value)
    session.add(row)
    session.flush()
    return row


def _apply_assignment(
    session: Session, payload: AssignmentPayload, manifest: Any, keys: PrivateKeys
) -> list[WithdrawalInfo]:
    spec = payload.inspection
    region = _upsert_place(session, Region, spec.region)
    _upsert_place(session, Area, spec.area, region_id=region.id if region else None)
    listed: set[str] = set()
    signed_at = parse_timestamp(manifest.created_at)
    for person in payload.inspectors:
        row = session.get(Inspector, person.id) or Inspector(id=person.id, name=person.name)
        row.name, row.role, row.experienced, row.home_team = (
            person.name,
            person.role,
            person.experienced,
            person.home_team,
        )
        session.add(row)
        if person.signing_key and person.encryption_key and person.id != keys.identity.id:
            identity = PublicIdentity(
                person.id, person.name, "inspector", unb64(person.signing_key), unb64(person.encryption_key)
            )
            row = add_key(
                session,
                identity,
                source="assignment",
                role=person.role,
                inspection_id=spec.id,
                listed_at=signed_at,
            )
            if row.status == "active":  # not a key a newer assignment retired
                listed.add(identity.fingerprint)
    retire_unlisted(session, spec.id, listed, sequence=manifest.sequence, signed_at=signed_at)
    session.flush()
    inspection = session.get(Inspection, spec.id) or Inspection(
        id=spec.id,
        title=spec.title,
        area_id=spec.area.id,
        framework_id=spec.framework_id,
        framework_version=spec.framework_version,
    )
    inspection.title, inspection.area_id = spec.title, spec.area.id
    inspection.active_modules = list(spec.active_modules)
    inspection.fieldwork_start, inspection.fieldwork_end = (
        _day(spec.fieldwork_start),
        _day(spec.fieldwork_end),
    )
    inspection.lead_inspector_id, inspection.training = spec.lead_inspector_id, spec.training
    session.add(inspection)
    session.flush()
    have = set(
        session.execute(
            select(InspectionMember.inspector_id).where(InspectionMember.inspection_id == spec.id)
        ).scalars()
    )
    for member in sorted(set(spec.members) - have):
        if session.get(Inspector, member) is None:
            session.add(Inspector(id=member, name=member))
            session.flush()
        session.add(InspectionMember(inspection_id=spec.id, inspector_id=member))
    held = session.execute(select(Case.id, Case.inspector_id).where(Case.inspection_id == spec.id))
    before = {case_id: inspector_id for case_id, inspector_id in held}
    for item in payload.cases:
        _upsert_case(session, spec.id, item)
    moved = {i.id: i.inspector_id for i in payload.cases if i.id in before and before[i.id] != i.inspector_id}
    release_reallocated(session, moved)
    # The assignment is the complete allocation: a case held here that it does not list is withdrawn.
    withdrawn = withdraw_unlisted(
        session,
        spec.id,
        [item.id for item in payload.cases],
        {w.id: w.reason for w in payload.withdrawn},
        bundle_id=manifest.bundle_id,
        sequence=manifest.sequence,
    )
    sync = session.get(InspectionSync, spec.id) or InspectionSync(
        inspection_id=spec.id, hq_id="", assignee="", assignment_bundle_id="", assignment_sequence=0
    )
    sync.hq_id, sync.assignee = manifest.sender.id, payload.assignee
    sync.return_recipients = list(payload.return_recipients)
    sync.assignment_bundle_id, sync.assignment_sequence = manifest.bundle_id, manifest.sequence
    session.add(sync)
    if not read_setting(session, CURRENT_INSPECTION):
        put_setting(session, CURRENT_INSPECTION, spec.id)
    return withdrawn


def _upsert_case(session: Session, inspection_id: str, item: CaseItem) -> None:
    clash = session.execute(
        select(Case.id).where(Case.inspection_id == inspection_id, Case.reference == item.reference)
    ).scalar()
    if clash is not None and clash != item.id:
        raise BundleRefused(
            "identity-clash", _("case {ref} is already here under another id").format(ref=item.reference)
        )
    row = session.get(Case, item.id) or Case(
        id=item.id, inspection_id=inspection_id, reference=item.reference
    )
    if row.inspection_id != inspection_id:
        raise BundleRefused(
            "identity-clash", _("case {ref} belongs to another inspection here").format(ref=item.reference)
        )
    for name in CASE_FACTS:
        value = getattr(item, name)
        setattr(row, name, _day(value) if name in DATE_FACTS else value)
    session.add(row)


def _check_assignment(payload: AssignmentPayload, manifest: Any, keys: PrivateKeys) -> Any:
    if payload.assignee != keys.identity.id or manifest.subject != payload.assignee:
        raise BundleRefused(
            "not-for-me",
            _("this assignment is for {who}, not for {me}").format(who=payload.assignee, me=keys.identity.id),
        )
    spec = payload.inspection
    if spec.id != manifest.inspection_id:
        raise BundleRefused("payload-invalid", _("the payload names another inspection than the manifest"))
    wanted = (manifest.framework.id, manifest.framework.version)
    if (spec.framework_id, spec.framework_version) != wanted or (
        payload.framework.id,
        payload.framework.version,
    ) != wanted:
        raise BundleRefused("framework-mismatch", _("the assignment's framework versions do not agree"))
    try:
        framework = parse_framework(
            payload.framework.source, f"{payload.framework.id} v{payload.framework.version} (assignment)"
        )
    except OmiError as exc:
        raise BundleRefused(
            "framework-invalid", _("the framework in the assignment is invalid: {why}").format(why=exc)
        ) from None
    if framework.key != wanted or framework.sha256 != payload.framework.sha256:
        raise BundleRefused(
            "framework-mismatch", _("the framework in the assignment is not the version it claims")
        )
    return framework


def import_assignment(store: Store, path: Path | str, keys: PrivateKeys) -> AssignmentReport:
    """Laptop: verify an assignment signed by the pinned HQ key, then create or update its inspection."""
    raw = read_file(path)
    signer = signer_from_store(
        store, sources=("pinned", "training"), what=_("assignments (only the pinned head-office key is)")
    )
    bundle = open_bundle(raw, signer=signer, me=keys, kinds=("assignment",))
    m, payload = bundle.manifest, bundle.payload
    framework = _check_assignment(payload, m, keys)
    status = "imported"
    withdrawn: list[WithdrawalInfo] = []
    with store.write() as session:
        still_trusted(session, bundle)
        if session.get(ReceivedBundle, m.bundle_id) is not None:
            status = "duplicate"  # nothing to do: the same bundle again
        else:
            newer = session.execute(
                select(ReceivedBundle.sequence).where(
                    ReceivedBundle.kind == "assignment",
                    ReceivedBundle.inspection_id == m.inspection_id,
                    ReceivedBundle.sender_id == m.sender.id,
                    ReceivedBundle.sequence > m.sequence,
                )
            ).first()
            if newer is not None:
                status = "stale"
            else:
                try:
                    pin(session, framework)
                except RefusedError as exc:
                    raise BundleRefused("framework-mismatch", str(exc)) from None
                withdrawn = _apply_assignment(session, payload, m, keys)
            _received(session, bundle, None)
    inspection = resolve_inspection(store, m.inspection_id) if status != "stale" else None
    return AssignmentReport(
        str(path),
        status,
        m.bundle_id,
        m.sequence,
        inspection,
        len(payload.cases),
        m.sender.id,
        tuple(withdrawn),
        own=sum(1 for c in payload.cases if c.inspector_id == keys.identity.id),
        lead=payload.inspection.lead_inspector_id == keys.identity.id,
    )
