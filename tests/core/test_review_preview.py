"""A case's review can be looked at before it is started: nothing is written until it is started."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from omi_desktop.core import review
from omi_desktop.core.errors import NotFoundError
from omi_desktop.core.inspections import find_case
from omi_desktop.core.review.lifecycle import preview_case_review
from omi_desktop.core.setup import create_inspection
from omi_desktop.core.store import Store

ACTOR = "INS-T1"


@pytest.fixture
def store(data_dir):
    store = Store.open(data_dir)
    create_inspection(
        store,
        title="Preview test",
        area_code="T1",
        area_name="Test area",
        fieldwork_start=date(2026, 11, 2),
        cases=[
            {
                "reference": "X0001",
                "order_type": "community_order",
                "commencement_date": date(2026, 5, 4),
                "rosh_level": "medium",
                "tier": 2,
                "ppo": False,
                "gender": "male",
                "offender_manager": "Pat Sampleford",
            }
        ],
    )
    yield store
    store.close()


def _rows(store) -> tuple[int, ...]:
    with sqlite3.connect(store.db_path) as db:
        return tuple(
            db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("review", "answer", "audit_event")
        )


def test_preview_writes_nothing_and_shows_what_starting_would_fill(store):
    case = find_case(store, "X0001")
    before = _rows(store)
    preview = preview_case_review(store, case.id, actor=ACTOR)
    assert _rows(store) == before
    assert preview.review.revision == 0 and preview.review.status == "not_started"
    started = review.start_review(
        store, case.inspection_id, actor=ACTOR, case_id=case.id, review_id=preview.review.id
    )
    assert started.review.id == preview.review.id
    assert {q: a.value for q, a in started.answers.items()} == {
        q: a.value for q, a in preview.answers.items()
    }
    assert started.evaluation.progress == preview.evaluation.progress
    # Once started, the preview is the stored review.
    again = preview_case_review(store, case.id, actor=ACTOR)
    assert again.review.id == started.review.id and again.review.revision == started.review.revision


def test_preview_of_an_unknown_case_is_refused(store):
    with pytest.raises(NotFoundError):
        preview_case_review(store, "no-such-case", actor=ACTOR)
