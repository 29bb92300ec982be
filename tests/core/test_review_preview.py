"""Look-ahead for screens (core/review/preview.py) agrees with what ``answer`` then stores."""

from __future__ import annotations

import pytest

from omi_desktop.core import review
from omi_desktop.core.errors import NotFoundError, RefusedError, ValidationError
from omi_desktop.core.inspections import find_case
from omi_desktop.core.review.preview import next_needed, preview_answer, preview_clear, step_in_flow
from tests.helpers.engine import ACTOR, mini_store


@pytest.fixture
def started(data_dir):
    store, _inspection_id = mini_store(data_dir)
    case = find_case(store, "C001")
    view = review.open_case_review(store, case.id, actor=ACTOR)
    yield store, view
    store.close()


def test_preview_equals_the_stored_result(started):
    store, view = started
    for qid, raw in [("1.1.1", "y"), ("1.1.2", "partly"), ("1.2.2", "12"), ("1.1.1", "no")]:
        preview = preview_answer(view, qid, raw)
        view = review.answer(store, view.review.id, qid, raw, actor=ACTOR)
        assert preview.value == view.value(qid)
        assert preview.evaluation == view.evaluation


def test_preview_shows_dependent_questions_leaving_and_returning(started):
    _store, view = started
    assert "1.1.2" in preview_answer(view, "1.1.1", "yes").evaluation.flow
    assert "1.1.2" not in preview_answer(view, "1.1.1", "no").evaluation.flow


@pytest.mark.parametrize(
    ("qid", "raw", "error", "fragment"),
    [
        ("1.2.2", "seventy", ValidationError, "is not a number"),
        ("1.2.2", "70", ValidationError, "must be at most 60"),
        ("1.1.1", "partly", ValidationError, "is not an answer to this question"),
        ("1.1.2", "yes", RefusedError, "does not apply"),
        ("1.2.2", "  ", RefusedError, "no answer given"),
        ("9.9.9", "yes", NotFoundError, "no question 9.9.9"),
    ],
)
def test_preview_refuses_what_answer_refuses_with_the_same_message(started, qid, raw, error, fragment):
    store, view = started
    with pytest.raises(error) as previewed:
        preview_answer(view, qid, raw)
    with pytest.raises(error) as stored:
        review.answer(store, view.review.id, qid, raw, actor=ACTOR)
    assert fragment in str(previewed.value)
    assert str(previewed.value) == str(stored.value)
    if isinstance(previewed.value, ValidationError):
        assert previewed.value.problems == stored.value.problems


def test_preview_refuses_a_finalised_review(started):
    store, view = started
    for qid, raw in [("1.1.1", "no"), ("1.2.1", "yes"), ("1.2.2", "3")]:
        view = review.answer(store, view.review.id, qid, raw, actor=ACTOR)
    view = review.finalise(store, view.review.id, actor=ACTOR)
    with pytest.raises(RefusedError, match="finalised"):
        preview_answer(view, "1.2.2", "4")


def test_preview_clear(started):
    store, view = started
    view = review.answer(store, view.review.id, "1.1.1", "yes", actor=ACTOR)
    cleared = preview_clear(view, "1.1.1")
    assert cleared.evaluation == review.clear(store, view.review.id, "1.1.1", actor=ACTOR).evaluation


def test_stepping_through_the_flow(started):
    store, view = started
    evaluation = view.evaluation
    flow = evaluation.flow
    assert step_in_flow(evaluation, None, +1) == flow[0]
    assert step_in_flow(evaluation, flow[0], +1) == flow[1]
    assert step_in_flow(evaluation, flow[1], -1) == flow[0]
    assert step_in_flow(evaluation, flow[-1], +1) is None
    assert step_in_flow(evaluation, flow[0], -1) is None
    # From a question that has just stopped applying, the next is the next one that applies.
    view = review.answer(store, view.review.id, "1.1.1", "yes", actor=ACTOR)
    view = review.answer(store, view.review.id, "1.1.1", "no", actor=ACTOR)
    assert "1.1.2" not in view.evaluation.flow
    assert step_in_flow(view.evaluation, "1.1.2", +1) == "1.2.1"
    assert step_in_flow(view.evaluation, "1.1.2", -1) == "1.1.1"


def test_next_needed_goes_forward_and_wraps(started):
    store, view = started
    missing = view.evaluation.missing
    assert missing[:3] == ("1.1.1", "1.2.1", "1.2.2")
    assert next_needed(view.evaluation, None) == "1.1.1"
    assert next_needed(view.evaluation, "1.1.1") == "1.2.1"
    assert next_needed(view.evaluation, "1.2.2") == "1.1.1"  # wraps round
    for qid, raw in [("1.1.1", "no"), ("1.2.1", "yes"), ("1.2.2", "3")]:
        view = review.answer(store, view.review.id, qid, raw, actor=ACTOR)
    assert next_needed(view.evaluation, "1.1.1") is None
