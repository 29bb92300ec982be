"""An inspection on the test framework with other instruments (tests/fixtures/frameworks/instruments.toml):
its instruments are called "governance" (area), "client" and "partner" (questionnaires), not the OMI ids,
so tests show the program follows the framework's subjects."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from omi_desktop.core import review
from omi_desktop.core.framework import registry
from omi_desktop.core.instruments import add_questionnaire
from omi_desktop.core.settings import IDENTITY_ID, set_setting
from omi_desktop.core.setup import InspectorSpec, create_inspection
from omi_desktop.core.store import Store

FRAMEWORK = Path(__file__).resolve().parent.parent / "fixtures" / "frameworks" / "instruments.toml"


def make_inspection(data_dir: Path, me: str = "LEAD") -> tuple[Store, str]:
    """A store with one inspection (lead LEAD, team INS-A, one case); this installation is ``me``."""
    store = Store.open(data_dir)
    registry.install(store, FRAMEWORK)
    inspection = create_inspection(
        store,
        title="Instruments test",
        area_code="IT",
        area_name="Instrumentshire",
        framework_id="mini-instruments",
        fieldwork_start=date(2026, 11, 2),
        lead=InspectorSpec("LEAD", "Lead (test)", role="lead"),
        team=[InspectorSpec("INS-A", "Inspector A (test)")],
        cases=[{"reference": "C001", "inspector_id": "INS-A"}],
    )
    set_setting(store, IDENTITY_ID, me)
    return store, inspection.id


def respond(
    store: Store, inspection_id: str, instrument: str, answers: dict[str, Any], *, final: bool = True
) -> str:
    """A questionnaire response with ``answers`` (question id -> value); finalised unless ``final`` False."""
    view = add_questionnaire(store, inspection_id, instrument, actor="INS-A")
    for qid, value in answers.items():
        review.answer(store, view.review.id, qid, value, actor="INS-A")
    if final:
        review.finalise(store, view.review.id, actor="INS-A")
    return view.review.id
