"""A draft on the real omi-2006 framework: a criterion whose gate question is unanswered is "Not answered
yet", not "Not applicable", on the feedback sheet (parsed back with pypdf) and in the case export."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from omi_desktop.core.inspections import find_case
from omi_desktop.core.reports.exports import export_cases_file
from omi_desktop.core.reports.feedback import feedback_pdf
from omi_desktop.core.reports.judgements import criterion_judgements, gate_questions, thread_outcomes
from omi_desktop.core.review import answer, get_review, open_case_review
from omi_desktop.core.setup import create_inspection
from omi_desktop.core.store import Store
from tests.helpers.engine import ACTOR
from tests.helpers.reports import flat, page_texts


@pytest.fixture
def draft(data_dir):
    """A community order case on omi-2006, its review started and nothing answered in 2.4."""
    store = Store.open(data_dir)
    inspection = create_inspection(
        store,
        title="Test inspection",
        area_code="A1",
        area_name="Area One",
        region_code="R1",
        region_name="Region One",
        framework_id="omi-2006",
        fieldwork_start=date(2026, 11, 2),
        cases=[{"reference": "C001", "order_type": "community_order", "commencement_date": date(2026, 5, 1)}],
    )
    case = find_case(store, "C001", inspection.id)
    view = open_case_review(store, case.id, actor=ACTOR)
    answer(store, view.review.id, "1.1.1", "yes", actor=ACTOR)  # started: a draft with one answer
    yield store, view.review.id
    store.close()


def judgement(store, review_id, criterion_id):
    judgements = criterion_judgements(get_review(store, review_id))
    return next(j for j in judgements if j.criterion_id == criterion_id)


def export_row(store, tmp_path):
    export_cases_file(store, tmp_path / "cases.csv")
    with (tmp_path / "cases.csv").open(encoding="utf-8-sig", newline="") as file:
        return next(csv.DictReader(file))


def test_an_unanswered_gate_question_leaves_the_criterion_not_answered_yet(draft, tmp_path):
    store, review_id = draft
    view = get_review(store, review_id)
    # 2.4's judgements apply only when 2.4.1 (appointments missed) is at least 1; 2.4.7 only on licence.
    assert view.evaluation.statuses["2.4.1"].relevant and not view.evaluation.statuses["2.4.1"].answered
    assert not any(view.evaluation.statuses[q].relevant for q in ("2.4.2", "2.4.4", "2.4.5", "2.4.7"))
    assert {"2.4.1", "2.4.3", "0.1.2"} <= gate_questions(view.framework, "2.4.5")  # gates of gates too
    enforcement = judgement(store, review_id, "2.4")
    assert (enforcement.verdict, enforcement.unanswered, enforcement.applicable) == ("not_answered", 1, 0)
    text = flat(" ".join(page_texts(feedback_pdf(store, "C001").data)))
    assert "2.4 Enforcement ○ Not answered yet 1 not answered yet" in text
    assert "Not applicable —" not in text and "– Not applicable 2.4" not in text
    assert "Compliance and Enforcement ○ Not answered yet" in text
    assert export_row(store, tmp_path)["criterion_2.4"] == "not_answered"

    # No appointment missed: 2.4.1 answered, every judgement of 2.4 left out, nothing waits: not applicable.
    answer(store, review_id, "2.4.1", 0, actor=ACTOR)
    enforcement = judgement(store, review_id, "2.4")
    assert (enforcement.verdict, enforcement.unanswered) == ("not_applicable", 0)
    text = flat(" ".join(page_texts(feedback_pdf(store, "C001").data)))
    assert "2.4 Enforcement – Not applicable —" in text
    assert export_row(store, tmp_path)["criterion_2.4"] == "not_applicable"

    # Two missed: 2.4.2 and 2.4.3 apply and wait, and 2.4.3 gates 2.4.4-2.4.6.
    answer(store, review_id, "2.4.1", 2, actor=ACTOR)
    assert judgement(store, review_id, "2.4").unanswered == 2
    answer(store, review_id, "2.4.2", "yes", actor=ACTOR)
    enforcement = judgement(store, review_id, "2.4")
    assert (enforcement.verdict, enforcement.count) == ("met", "1 of 1 · 1 not answered yet")


def test_a_thread_waits_for_the_gates_of_its_questions(draft):
    store, review_id = draft
    ce = next(t for t in thread_outcomes(get_review(store, review_id)) if t.thread == "CE")
    assert ce.verdict == "not_answered"  # nothing on Compliance and Enforcement judged yet
    answer(store, review_id, "2.4.1", 0, actor=ACTOR)
    after = next(t for t in thread_outcomes(get_review(store, review_id)) if t.thread == "CE")
    assert after.unanswered == ce.unanswered - 1  # 2.4.1 no longer waits
