"""The demo's training head office: its own data folder, keys and store beside the laptop's, so the demo
inspection arrives as a real signed assignment and export, receipts and purge can all be tried on it.

Everything is labelled as training: the identities start with ``TRN-``, the head office is called
"Training Head Office (not real)", and the inspection is marked training data.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from omi_desktop.core.errors import RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.inspections import InspectionInfo
from omi_desktop.core.setup import InspectorSpec, create_inspection
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import (
    Area,
    Inspection,
    ReceivedBundle,
    Region,
    SentBundle,
    TrustedKey,
)
from omi_desktop.core.sync import keys as sync_keys
from omi_desktop.core.sync import trust
from omi_desktop.core.sync.assignment import import_assignment, issue_assignment

TRAINING_HQ_DIRNAME = "training-hq"
TRAINING_HQ = ("TRN-HQ", "Training Head Office (not real)")


@dataclass(frozen=True)
class TrainingSetUp:
    inspection: InspectionInfo
    identity: sync_keys.PublicIdentity
    training_hq: Path


def training_hq_dir(data_dir: Path) -> Path:
    return Path(data_dir) / TRAINING_HQ_DIRNAME


def laptop_keys(store: Store, lead: InspectorSpec, passphrase: bytes | None = None) -> sync_keys.PrivateKeys:
    """This installation's keys; made for the training lead inspector if it has none yet (protected by
    ``passphrase`` when one is given). Without ``passphrase``, $OMI_PASSPHRASE_FILE is read if set."""
    if passphrase is None:
        passphrase = sync_keys.read_passphrase_file(None)
    if not sync_keys.has_identity(store.data_dir):
        sync_keys.create_keys(
            store.data_dir, identity_id=lead.id, name=lead.name, role="inspector", passphrase=passphrase
        )
    keys = sync_keys.load_private_keys(store.data_dir, passphrase)
    if keys.identity.role != "inspector":
        raise RefusedError(
            _("this installation is head office; build the demo in another data folder (--data-dir)")
        )
    return keys


def forget_training(store: Store, inspection_id: str | None) -> None:
    """Remove the previous training inspection and everything sync knows about it from the laptop."""
    with store.write() as session:
        if inspection_id is not None:
            inspection = session.get(Inspection, inspection_id)
            area_id = inspection.area_id if inspection else None
            if inspection is not None:
                session.delete(inspection)
                session.flush()
            for table in (ReceivedBundle, SentBundle):
                session.execute(delete(table).where(table.inspection_id == inspection_id))
            if (
                area_id
                and not session.execute(select(Inspection.id).where(Inspection.area_id == area_id)).first()
            ):
                area = session.get(Area, area_id)
                region_id = area.region_id
                session.delete(area)
                session.flush()
                if (
                    region_id
                    and not session.execute(select(Area.id).where(Area.region_id == region_id)).first()
                ):
                    session.delete(session.get(Region, region_id))
        session.execute(delete(TrustedKey).where(TrustedKey.source == "training"))


def set_up_training(
    store: Store,
    *,
    previous: str | None,
    lead: InspectorSpec,
    team: Iterable[InspectorSpec],
    cases: list[Mapping[str, Any]],
    inspection: Mapping[str, Any],
    passphrase: bytes | None = None,
) -> TrainingSetUp:
    """Build the training head office, set the inspection up there, and import its assignment here."""
    keys = laptop_keys(store, lead, passphrase)
    me = keys.identity
    forget_training(store, previous)
    folder = training_hq_dir(store.data_dir)
    shutil.rmtree(folder, ignore_errors=True)
    hq_store = Store.open(folder)
    try:
        sync_keys.create_keys(folder, identity_id=TRAINING_HQ[0], name=TRAINING_HQ[1], role="hq")
        hq_keys = sync_keys.load_private_keys(folder)
        # Training: both fingerprints are confirmed by the program itself (no phone call to make).
        trust.enrol(hq_store, me, confirm=me.fingerprint)
        lead_spec = InspectorSpec(me.id, me.name, role="lead", experienced=True)
        team_specs = [spec for spec in team if spec.id != me.id]
        rows = [dict(case, inspector_id=_allocated(case, lead, me)) for case in cases]
        hq_inspection = create_inspection(
            hq_store, lead=lead_spec, team=team_specs, cases=rows, training=True, **inspection
        )
        outbox = folder / "outbox"
        outbox.mkdir(exist_ok=True)
        issued = issue_assignment(
            hq_store,
            hq_keys,
            inspector_id=me.id,
            out=outbox / "training-assignment.omia",
            inspection_ref=hq_inspection.id,
        )
    finally:
        hq_store.close()
    trust.pin_hq(store, hq_keys.identity, confirm=hq_keys.identity.fingerprint, source="training")
    report = import_assignment(store, issued.path, keys)
    return TrainingSetUp(report.inspection, me, folder)


def _allocated(case: Mapping[str, Any], lead: InspectorSpec, me: sync_keys.PublicIdentity) -> str | None:
    owner = case.get("inspector_id")
    return me.id if owner == lead.id else owner
