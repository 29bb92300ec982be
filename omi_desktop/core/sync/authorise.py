"""Authorisation of a verified return: only the sender's allocated cases, in the inspection named, on the
inspection's framework version. Any breach refuses the whole bundle (imports are all-or-nothing).

One exception keeps returns flowing when head office changes an allocation after issuing it: the review of
a case that was delivered to the sender but is no longer theirs (replaced, or reallocated), or that the
sender marks ``withdrawn``, is authorised to be *kept aside* (core/sync/setaside.py), never merged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from omi_desktop.core.errors import NotFoundError
from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.registry import framework_from_session
from omi_desktop.core.i18n import _
from omi_desktop.core.store.tables import Case, Inspection, InspectionMember
from omi_desktop.core.sync.errors import BundleRefused
from omi_desktop.core.sync.reviewdata import chunks, item_hash
from omi_desktop.core.sync.schema import Manifest, ReturnPayload, ReviewItem
from omi_desktop.core.sync.withdrawal import delivered_cases, known_case, once_allocated


def area_instruments(framework: Framework) -> frozenset[str]:
    """The framework's area-level instruments: one review of each per inspection."""
    return frozenset(i.id for i in framework.instruments if i.subject == "area")


def inspection_for(session: Session, manifest: Manifest) -> Inspection:
    inspection = session.get(Inspection, manifest.inspection_id)
    if inspection is None:
        raise BundleRefused(
            "unknown-inspection",
            _("the bundle is for inspection {id}, which is not in this data folder").format(
                id=manifest.inspection_id
            ),
        )
    if (manifest.framework.id, manifest.framework.version) != (
        inspection.framework_id,
        inspection.framework_version,
    ):
        raise BundleRefused(
            "framework-mismatch",
            _("the bundle uses framework {fid} version {fv}; the inspection uses {iid} version {iv}").format(
                fid=manifest.framework.id,
                fv=manifest.framework.version,
                iid=inspection.framework_id,
                iv=inspection.framework_version,
            ),
        )
    return inspection


@dataclass(frozen=True)
class Authorised:
    inspection: Inspection
    set_aside: dict[str, str]  # review id -> why it is kept aside (removed | reallocated | withdrawn)


def authorise_return(
    session: Session, manifest: Manifest, payload: ReturnPayload, *, at: str = "hq"
) -> Authorised:
    """Check every review of a return against this store's inspection and allocations.

    ``at``: "hq" (a case once delivered to the sender is known from the assignments issued here) or "lead"
    (the lead's collation: a case this store holds or held)."""
    sender = manifest.sender.id
    if (
        payload.inspection_id != manifest.inspection_id
        or payload.sender != sender
        or manifest.subject != sender
    ):
        raise BundleRefused(
            "payload-invalid", _("the payload names another inspection or sender than the manifest")
        )
    inspection = inspection_for(session, manifest)
    try:
        framework = framework_from_session(session, inspection.framework_id, inspection.framework_version)
    except NotFoundError as exc:
        raise BundleRefused("framework-mismatch", str(exc)) from None
    is_lead = inspection.lead_inspector_id == sender
    members = set(
        session.execute(
            select(InspectionMember.inspector_id).where(InspectionMember.inspection_id == inspection.id)
        ).scalars()
    )
    case_ids = [r.case_id for r in payload.reviews if r.case_id]
    cases = {}
    for part in chunks(case_ids):
        for case in session.execute(
            select(Case.id, Case.inspection_id, Case.reference, Case.inspector_id).where(Case.id.in_(part))
        ):
            cases[case.id] = case
    seen_ids: set[str] = set()
    seen_cases: set[str] = set()
    set_aside: dict[str, str] = {}
    delivered = _Delivered(session, inspection.id, sender, at)
    areas = area_instruments(framework)
    for review in payload.reviews:
        label = review.case_reference or review.respondent or review.id
        # A case has one case review, and an inspection one of each area-level assessment.
        slot = review.case_id or (f"area:{review.instrument}" if review.instrument in areas else None)
        if review.id in seen_ids or (slot and slot in seen_cases):
            raise BundleRefused(
                "payload-invalid", _("review {label} appears twice in the bundle").format(label=label)
            )
        seen_ids.add(review.id)
        if slot:
            seen_cases.add(slot)
        if (review.framework_id, review.framework_version) != (
            inspection.framework_id,
            inspection.framework_version,
        ):
            raise BundleRefused(
                "framework-mismatch",
                _(
                    "review {label} uses framework {fid} version {fv}; the inspection uses version {iv}"
                ).format(
                    label=label,
                    fid=review.framework_id,
                    fv=review.framework_version,
                    iv=inspection.framework_version,
                ),
            )
        if review.based_on.revision >= review.revision:
            raise BundleRefused(
                "payload-invalid",
                _("review {label} is based on a revision not older than itself").format(label=label),
            )
        try:
            subject = framework.instrument(review.instrument).subject
        except KeyError:
            raise BundleRefused(
                "payload-invalid",
                _("review {label}: no instrument {i!r}").format(label=label, i=review.instrument),
            ) from None
        if subject == "case":
            why = _authorise_case(
                review, cases.get(review.case_id or ""), inspection.id, sender, is_lead, delivered
            )
            if why is not None:
                set_aside[review.id] = why
        else:
            _authorise_other(review, subject, sender, is_lead, members, label)
        if item_hash(review) != review.sha256:
            raise BundleRefused(
                "content-hash",
                _("review {label}: its content does not match its declared hash").format(label=label),
            )
    return Authorised(inspection, set_aside)


class _Delivered:
    """Whether a case was ever given to the sender: looked up once per bundle, when first needed."""

    def __init__(self, session: Session, inspection_id: str, sender: str, at: str) -> None:
        self.session, self.inspection_id, self.sender, self.at = session, inspection_id, sender, at
        self._ids: set[str] | None = None
        self._references: set[str] = set()

    def __call__(self, case_id: str, reference: str | None) -> bool:
        if self.at == "lead":
            return known_case(self.session, self.inspection_id, case_id)
        if self._ids is None:
            self._ids = set(delivered_cases(self.session, self.inspection_id, self.sender))
            self._references = once_allocated(self.session, self.inspection_id, self.sender)
        return case_id in self._ids or (reference is not None and reference in self._references)


def _authorise_case(
    review: ReviewItem, case: Any, inspection_id: str, sender: str, is_lead: bool, delivered: _Delivered
) -> str | None:
    """None: merge it; otherwise why it is kept aside. Refuses a review the sender may not return at all."""
    label = review.case_reference or review.id
    in_inspection = case is not None and case.inspection_id == inspection_id
    allocated = in_inspection and (case.inspector_id == sender or is_lead)
    if review.status != "finalised" and not review.withdrawn:
        raise BundleRefused(
            "payload-invalid",
            _("review {label} is not finalised (only finalised reviews are returned)").format(label=label),
        )
    if allocated:
        return "withdrawn" if review.withdrawn else None
    if review.case_id and delivered(review.case_id, review.case_reference):
        return "reallocated" if in_inspection else "removed"
    if not in_inspection:
        raise BundleRefused(
            "unauthorised",
            _("review {label} is for a case that is not in this inspection").format(label=label),
        )
    raise BundleRefused(
        "unauthorised",
        _("case {ref} is allocated to {owner}, not to {sender}").format(
            ref=case.reference, owner=case.inspector_id or _("nobody"), sender=sender
        ),
    )


def _authorise_other(
    review: ReviewItem, subject: str, sender: str, is_lead: bool, members: set[str], label: str
) -> None:
    if review.status != "finalised" or review.withdrawn:
        raise BundleRefused(
            "payload-invalid",
            _("review {label} is not finalised (only finalised reviews are returned)").format(label=label),
        )
    if review.case_id is not None:
        raise BundleRefused(
            "payload-invalid", _("review {label} names a case but is not a case review").format(label=label)
        )
    if subject == "area" and not is_lead:
        raise BundleRefused(
            "unauthorised",
            _("only the lead inspector returns the area assessment, not {sender}").format(sender=sender),
        )
    if subject == "respondent" and sender not in members and not is_lead:
        raise BundleRefused(
            "unauthorised", _("{sender} is not in this inspection's team").format(sender=sender)
        )
