"""Relevance and validation on real questions of the OMI framework, through a real store."""

from __future__ import annotations

from datetime import date

import pytest

from omi_desktop.core import review
from omi_desktop.core.errors import RefusedError, ValidationError
from omi_desktop.core.inspections import find_case
from omi_desktop.core.setup import create_inspection
from omi_desktop.core.store import Store

ACTOR = "INS-T1"


@pytest.fixture
def omi_review(data_dir):
    store = Store.open(data_dir)
    create_inspection(
        store,
        title="OMI test",
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
    case = find_case(store, "X0001")
    view = review.open_case_review(store, case.id, actor=ACTOR)
    yield store, view.review.id
    store.close()


def test_section_zero_is_prefilled_from_the_case_record(omi_review):
    store, review_id = omi_review
    view = review.get_review(store, review_id)
    assert view.value("0.1.1") == "X0001"
    assert view.value("0.1.2") == "community_order"
    assert view.value("0.1.3") == "2026-05-04"
    assert view.value("0.1.4") == "2"
    assert view.value("0.1.5") == "medium"
    assert view.value("0.1.6") == "no"


def test_full_roh_analysis_questions_are_skipped_when_none_was_required(omi_review):
    store, review_id = omi_review
    view = review.answer(store, review_id, "1.1.4", "no", actor=ACTOR)
    for qid in ("1.1.5", "1.1.6", "1.1.7", "1.1.8"):
        assert view.evaluation.state(qid) == "skipped", qid
    with pytest.raises(RefusedError, match="does not apply"):
        review.answer(store, review_id, "1.1.5", "yes", actor=ACTOR)
    view = review.answer(store, review_id, "1.1.4", "yes", actor=ACTOR)
    assert view.evaluation.state("1.1.5") == "unanswered"
    assert view.evaluation.state("1.1.6") == "skipped"  # only once the analysis was completed
    view = review.answer(store, review_id, "1.1.5", "yes", actor=ACTOR)
    assert {"1.1.6", "1.1.7", "1.1.8"} <= set(view.evaluation.flow)


def test_a_completion_date_before_commencement_is_refused(omi_review):
    store, review_id = omi_review
    review.answer(store, review_id, "1.1.4", "yes", actor=ACTOR)
    review.answer(store, review_id, "1.1.5", "yes", actor=ACTOR)
    with pytest.raises(ValidationError, match="on or after the commencement date"):
        review.answer(store, review_id, "1.1.6", "03/05/2026", actor=ACTOR)
    with pytest.raises(ValidationError, match="on or before today"):
        review.answer(store, review_id, "1.1.6", "2099-01-01", actor=ACTOR)
    view = review.answer(store, review_id, "1.1.6", "04/05/2026", actor=ACTOR)
    assert view.value("1.1.6") == "2026-05-04"


def test_mappa_questions_follow_the_risk_of_harm_level(omi_review):
    store, review_id = omi_review
    view = review.get_review(store, review_id)
    assert view.evaluation.state("2.2.5") == "skipped"  # medium RoH, no MAPPA level
    view = review.answer(store, review_id, "0.1.5", "high", actor=ACTOR, reason="RoH level recorded wrongly")
    assert view.evaluation.state("2.2.5") == "unanswered"


def test_enforcement_applies_only_after_unacceptable_absences(omi_review):
    store, review_id = omi_review
    view = review.answer(store, review_id, "2.4.1", "0", actor=ACTOR)
    assert view.evaluation.state("2.4.3") == "skipped"
    view = review.answer(store, review_id, "2.4.1", "3", actor=ACTOR)
    assert view.evaluation.state("2.4.3") == "unanswered"
    with pytest.raises(ValidationError):
        review.answer(store, review_id, "2.4.3", "4", actor=ACTOR)  # more unacceptable absences than missed
    view = review.answer(store, review_id, "2.4.3", "2", actor=ACTOR)
    assert view.evaluation.state("2.4.5") == "unanswered"


def test_factor_follow_ups_depend_on_the_factors_chosen(omi_review):
    store, review_id = omi_review
    view = review.answer(store, review_id, "1.2.5", "drugs, ete", actor=ACTOR)
    assert view.evaluation.state("3.2.2") == "skipped"  # accommodation not a factor
    view = review.answer(store, review_id, "1.2.5", "accommodation, drugs", actor=ACTOR)
    assert view.evaluation.state("3.2.2") == "unanswered"


def test_custody_module_is_off_unless_the_inspection_activates_it(data_dir):
    store = Store.open(data_dir)
    try:
        inspection = create_inspection(
            store,
            title="With custody",
            area_code="T2",
            area_name="Test area 2",
            active_modules=["custody"],
            cases=[{"reference": "L1", "order_type": "licence", "commencement_date": date(2026, 5, 1)}],
        )
        assert inspection.active_modules == ("custody",)
        view = review.open_case_review(store, find_case(store, "L1").id, actor=ACTOR)
        assert any(q.startswith("C.") for q in view.evaluation.flow)
    finally:
        store.close()
