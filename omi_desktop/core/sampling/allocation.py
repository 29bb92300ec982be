"""Allocating an inspection's cases to its inspectors: automatically, by hand, and as it stands.

The allocation is ``inspection_case.inspector_id``, which the assignment bundles are made from. Every change
is recorded in ``allocation_change`` (who, when, how, and why when given). A case whose review has begun is
never moved. Automatic allocation keeps cases already allocated within the constraints (unless asked to
start again) and places the rest with ``balance.balance``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlmodel import Session, select

from omi_desktop.core.errors import NotFoundError, RefusedError, ValidationError
from omi_desktop.core.i18n import _, ngettext
from omi_desktop.core.inspections import inspection_from_session
from omi_desktop.core.sampling.balance import CaseSlot, InspectorSlot, Unplaceable, balance, refusal
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import AllocationChange, Case, InspectionMember, Inspector, Review

ALLOCATABLE_ROLES = ("inspector", "lead", "local_assessor")


@dataclass(frozen=True)
class InspectorLoad:
    id: str
    name: str
    role: str
    experienced: bool
    home_team: str | None
    cases: tuple[str, ...]

    @property
    def load(self) -> int:
        return len(self.cases)


@dataclass
class AllocationView:
    inspection_id: str
    inspectors: list[InspectorLoad]
    unallocated: list[str]
    violations: list[str]  # allocations that break a constraint (e.g. made before an attribute changed)
    explanations: list[str] = field(default_factory=list)  # why loads differ by more than one
    changed: int = 0
    left_out: list[str] = field(default_factory=list)  # ids of team members this allocation left out

    @property
    def spread(self) -> int:
        """Between the busiest and the least busy of the inspectors who took part."""
        loads = [i.load for i in self.inspectors if i.id not in self.left_out]
        return max(loads) - min(loads) if loads else 0

    def as_json(self) -> dict[str, Any]:
        return {
            "inspection_id": self.inspection_id,
            "inspectors": [{**asdict(i), "cases": list(i.cases), "load": i.load} for i in self.inspectors],
            "unallocated": self.unallocated,
            "violations": self.violations,
            "spread": self.spread,
            "explanations": self.explanations,
            "changed": self.changed,
            "left_out": self.left_out,
        }


def _slot(inspector: Inspector) -> InspectorSlot:
    return InspectorSlot(inspector.id, inspector.name, inspector.experienced, inspector.home_team)


def _case_slot(case: Case) -> CaseSlot:
    return CaseSlot(case.reference, case.rosh_level, case.team, case.ldu)


def _team(session: Session, inspection_id: str, without: tuple[str, ...] = ()) -> list[Inspector]:
    rows = session.exec(
        select(Inspector)
        .join(InspectionMember, InspectionMember.inspector_id == Inspector.id)
        .where(InspectionMember.inspection_id == inspection_id)
        .order_by(Inspector.id)
    ).all()
    unknown = set(without) - {i.id for i in rows}
    if unknown:
        raise NotFoundError(_("not in this inspection's team: {ids}").format(ids=", ".join(sorted(unknown))))
    return [i for i in rows if i.role in ALLOCATABLE_ROLES and i.id not in without]


def _cases(session: Session, inspection_id: str) -> list[tuple[Case, bool]]:
    """(case, locked) in reference order; a case is locked once its review has begun."""
    rows = session.exec(
        select(Case, Review)
        .join(Review, (Review.case_id == Case.id) & (Review.instrument == "case"), isouter=True)
        .where(Case.inspection_id == inspection_id)
        .order_by(Case.reference)
    ).all()
    return [(case, review is not None and review.status != "not_started") for case, review in rows]


def _view(session: Session, inspection_id: str) -> AllocationView:
    members = session.exec(
        select(Inspector)
        .join(InspectionMember, InspectionMember.inspector_id == Inspector.id)
        .where(InspectionMember.inspection_id == inspection_id)
        .order_by(Inspector.id)
    ).all()
    cases = [c for c, _locked in _cases(session, inspection_id)]
    by_id = {i.id: i for i in members}
    violations = []
    for case in cases:
        inspector = by_id.get(case.inspector_id or "") or (
            session.get(Inspector, case.inspector_id) if case.inspector_id else None
        )
        if inspector is not None:
            why = refusal(_slot(inspector), _case_slot(case))
            if why:
                violations.append(f"{case.reference} → {inspector.id}: {why}")
    loads = [
        InspectorLoad(
            i.id,
            i.name,
            i.role,
            i.experienced,
            i.home_team,
            tuple(c.reference for c in cases if c.inspector_id == i.id),
        )
        for i in members
        if i.role in ALLOCATABLE_ROLES or any(c.inspector_id == i.id for c in cases)
    ]
    return AllocationView(
        inspection_id=inspection_id,
        inspectors=loads,
        unallocated=[c.reference for c in cases if c.inspector_id is None],
        violations=violations,
    )


def allocation_view(store: Store, inspection_id: str) -> AllocationView:
    with store.read() as session:
        inspection_from_session(session, inspection_id)
        return _view(session, inspection_id)


def _record(session: Session, inspection_id: str, case: Case, to: str | None, **how: Any) -> None:
    session.add(
        AllocationChange(
            inspection_id=inspection_id,
            case_reference=case.reference,
            from_inspector=case.inspector_id,
            to_inspector=to,
            **how,
        )
    )
    case.inspector_id = to
    session.add(case)


def allocate(
    store: Store, inspection_id: str, *, actor: str, redo: bool = False, without: tuple[str, ...] = ()
) -> AllocationView:
    """Allocate every case as evenly as the constraints allow; refuse (changing nothing) if some cannot be."""
    with store.write() as session:
        inspection_from_session(session, inspection_id)
        team = _team(session, inspection_id, without)
        if not team:
            raise RefusedError(_("this inspection has no inspectors to allocate to (add a team first)"))
        slots = [_slot(i) for i in team]
        by_id = {s.id: s for s in slots}
        cases = _cases(session, inspection_id)
        if not cases:
            raise RefusedError(_("this inspection has no cases yet (draw the sample first)"))
        fixed = {}
        for case, locked in cases:
            current = by_id.get(case.inspector_id or "")
            keep = current is not None and refusal(current, _case_slot(case)) is None and not redo
            if locked or keep:
                fixed[case.reference] = case.inspector_id
        try:
            result = balance([_case_slot(c) for c, _locked in cases], slots, fixed)
        except Unplaceable as refused:
            raise _cannot_allocate(refused.reasons, without) from None
        changed = 0
        for case, _locked in cases:
            target = result.assignment[case.reference]
            if target != case.inspector_id:
                _record(session, inspection_id, case, target, method="automatic", actor=actor)
                changed += 1
        session.flush()
        view = _view(session, inspection_id)
    view.explanations = result.explanations
    view.changed = changed
    view.left_out = sorted(without)
    return view


def _cannot_allocate(reasons: list[str], without: tuple[str, ...]) -> ValidationError:
    """Refused: how many cases, with whom left out; ``problems`` holds each case and the rule it meets."""
    n = len(reasons)
    if without:
        left = ", ".join(sorted(without))
        message = ngettext(
            "{n} case cannot be allocated with {left} left out; nothing was changed",
            "{n} cases cannot be allocated with {left} left out; nothing was changed",
            n,
        ).format(n=n, left=left)
    else:
        message = ngettext(
            "{n} case cannot be allocated; nothing was changed",
            "{n} cases cannot be allocated; nothing was changed",
            n,
        ).format(n=n)
    return ValidationError(message, reasons)


def assign(
    store: Store,
    inspection_id: str,
    reference: str,
    inspector_id: str | None,
    *,
    actor: str,
    reason: str | None = None,
) -> AllocationView:
    """Allocate one case by hand (``inspector_id`` None takes it back); constraints still apply."""
    with store.write() as session:
        inspection_from_session(session, inspection_id)
        found = [(c, locked) for c, locked in _cases(session, inspection_id) if c.reference == reference]
        if not found:
            raise NotFoundError(_("no case {ref!r} in this inspection").format(ref=reference))
        case, locked = found[0]
        if locked:
            raise RefusedError(
                _("the review of case {ref} has begun; it stays with its inspector").format(ref=reference)
            )
        if inspector_id is not None:
            team = {i.id: i for i in _team(session, inspection_id)}
            if inspector_id not in team:
                raise NotFoundError(
                    _("{id} is not an inspector in this inspection's team").format(id=inspector_id)
                )
            why = refusal(_slot(team[inspector_id]), _case_slot(case))
            if why:
                raise RefusedError(
                    _("case {ref} cannot go to {id}: {why}").format(ref=reference, id=inspector_id, why=why)
                )
        if case.inspector_id != inspector_id:
            _record(session, inspection_id, case, inspector_id, method="manual", actor=actor, reason=reason)
        session.flush()
        return _view(session, inspection_id)


def allocation_history(store: Store, inspection_id: str) -> list[dict[str, Any]]:
    with store.read() as session:
        rows = session.exec(
            select(AllocationChange)
            .where(AllocationChange.inspection_id == inspection_id)
            .order_by(AllocationChange.id)
        ).all()
        return [
            {
                "case": r.case_reference,
                "from": r.from_inspector,
                "to": r.to_inspector,
                "method": r.method,
                "reason": r.reason,
                "actor": r.actor,
                "at": r.at.isoformat(),
            }
            for r in rows
        ]
