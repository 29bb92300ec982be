"""The review engine on a real store: relevance, validation, completeness, lifecycle, audit trail."""

from __future__ import annotations

import sqlite3

import pytest

from omi_desktop.core import review
from omi_desktop.core.errors import NotFoundError, RefusedError, ValidationError
from omi_desktop.core.inspections import find_case
from omi_desktop.core.review import AnswerItem
from tests.helpers.engine import ACTOR, mini_store


@pytest.fixture
def started(data_dir):
    store, _inspection_id = mini_store(data_dir)
    case = find_case(store, "C001")
    view = review.open_case_review(store, case.id, actor=ACTOR)
    yield store, view.review.id
    store.close()


def answers_in_db(store, review_id):
    conn = sqlite3.connect(store.db_path)
    try:
        return {
            q: (v, n, bool(r))
            for q, v, n, r in conn.execute(
                "SELECT question_id, value, note, relevant FROM answer WHERE review_id = ?", (review_id,)
            )
        }
    finally:
        conn.close()


def test_start_prefills_facts_and_is_not_started(started):
    store, review_id = started
    view = review.get_review(store, review_id)
    assert view.review.status == "not_started"
    assert view.review.revision == 1
    assert view.value("0.1.1") == "licence"
    assert view.value("0.1.2") == "2026-05-01"
    trail = review.audit_trail(store, review_id)
    assert [e.action for e in trail] == ["start", "prefill", "prefill"]
    assert all(e.revision == 1 for e in trail)


def test_opening_twice_returns_the_same_review(started):
    store, review_id = started
    case = find_case(store, "C001")
    assert review.open_case_review(store, case.id, actor=ACTOR).review.id == review_id


def test_dependent_questions_appear_and_disappear_with_the_answer(started):
    store, review_id = started
    view = review.answer(store, review_id, "1.1.1", "no", actor=ACTOR)
    assert "1.1.2" not in view.evaluation.flow
    assert view.evaluation.state("1.1.2") == "skipped"
    view = review.answer(store, review_id, "1.1.1", "yes", actor=ACTOR)
    assert {"1.1.2", "1.1.3"} <= set(view.evaluation.flow)
    assert view.evaluation.state("1.1.2") == "unanswered"


def test_answer_to_a_question_that_stops_applying_is_kept_but_excluded(started):
    store, review_id = started
    review.answer(store, review_id, "1.1.1", "yes", actor=ACTOR)
    review.answer(store, review_id, "1.1.2", "partly", actor=ACTOR, note="Thin analysis")
    view = review.answer(store, review_id, "1.1.1", "no", actor=ACTOR)
    assert view.value("1.1.2") == "partly"  # kept
    assert view.evaluation.state("1.1.2") == "skipped"  # but excluded
    assert "1.1.2" not in view.evaluation.missing
    stored = answers_in_db(store, review_id)
    assert stored["1.1.2"] == ('"partly"', "Thin analysis", False)
    view = review.answer(store, review_id, "1.1.1", "yes", actor=ACTOR)
    assert view.evaluation.state("1.1.2") == "answered"
    assert answers_in_db(store, review_id)["1.1.2"][2] is True


def test_answering_a_question_that_does_not_apply_is_refused(started):
    store, review_id = started
    review.answer(store, review_id, "1.1.1", "no", actor=ACTOR)
    with pytest.raises(RefusedError, match=r"1\.1\.2 does not apply .*1\.1\.1 = yes"):
        review.answer(store, review_id, "1.1.2", "yes", actor=ACTOR)


def test_date_before_commencement_is_refused_and_nothing_changes(started):
    store, review_id = started
    review.answer(store, review_id, "1.1.1", "yes", actor=ACTOR)
    before = answers_in_db(store, review_id)
    revision = review.get_review(store, review_id).review.revision
    with pytest.raises(ValidationError, match=r"on or after .*Commencement date.*01/05/2026"):
        review.answer(store, review_id, "1.1.3", "30/04/2026", actor=ACTOR)
    assert answers_in_db(store, review_id) == before
    assert review.get_review(store, review_id).review.revision == revision
    view = review.answer(store, review_id, "1.1.3", "01/05/2026", actor=ACTOR)
    assert view.value("1.1.3") == "2026-05-01"


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        ("1.2.2", "61", "at most 60"),
        ("1.2.2", "-1", "at least 0"),
        ("1.2.2", "2.5", "whole number"),
        ("1.2.2", "lots", "not a number"),
        ("1.2.1", "maybe", "not an answer"),
        ("1.1.1", "partly", "not an answer"),  # yes/no question
        ("1.2.3", "gardening", "not one of the options"),
        ("0.1.2", "31/02/2026", "not a date"),
    ],
)
def test_values_that_break_rules_are_refused(started, question, value, message):
    store, review_id = started
    with pytest.raises(ValidationError, match=message):
        review.answer(store, review_id, question, value, actor=ACTOR)


def test_unknown_question_and_unknown_review(started):
    store, review_id = started
    with pytest.raises(NotFoundError):
        review.answer(store, review_id, "9.9.9", "yes", actor=ACTOR)
    with pytest.raises(NotFoundError):
        review.answer(store, review_id, "C.1.1", "yes", actor=ACTOR)  # custody module is not active
    with pytest.raises(NotFoundError):
        review.answer(store, "no-such-review", "1.2.1", "yes", actor=ACTOR)


def test_answer_becomes_invalid_when_what_it_is_compared_with_changes(started):
    store, review_id = started
    review.answer(store, review_id, "1.1.1", "yes", actor=ACTOR)
    review.answer(store, review_id, "1.1.3", "2026-05-10", actor=ACTOR)
    view = review.answer(store, review_id, "0.1.2", "2026-06-01", actor=ACTOR)  # commencement moved later
    assert view.value("1.1.3") == "2026-05-10"  # kept
    assert view.evaluation.state("1.1.3") == "invalid"
    assert "1.1.3" in view.evaluation.missing


def complete(store, review_id):
    for qid, value in [
        ("1.1.1", "yes"),
        ("1.1.2", "yes"),
        ("1.1.3", "2026-06-01"),
        ("1.2.1", "no"),
        ("1.2.2", "4"),
    ]:
        review.answer(store, review_id, qid, value, actor=ACTOR)


def test_finalise_refused_with_the_ordered_list_of_what_is_missing(started):
    store, review_id = started
    review.answer(store, review_id, "1.1.1", "yes", actor=ACTOR)
    review.answer(store, review_id, "1.2.1", "yes", actor=ACTOR)
    with pytest.raises(review.IncompleteError) as refused:
        review.finalise(store, review_id, actor=ACTOR)
    assert [m.question_id for m in refused.value.missing] == ["1.1.2", "1.1.3", "1.2.2"]
    assert "1.1.2 (unanswered)" in str(refused.value)
    assert review.get_review(store, review_id).review.status == "in_progress"


def test_lifecycle_complete_finalised_read_only_reopen_with_reason(started):
    store, review_id = started
    complete(store, review_id)
    assert review.get_review(store, review_id).review.status == "complete"
    view = review.finalise(store, review_id, actor=ACTOR)
    assert view.review.status == "finalised"
    assert view.review.finalised_by == ACTOR
    with pytest.raises(RefusedError, match="finalised"):
        review.answer(store, review_id, "1.2.1", "yes", actor=ACTOR)
    with pytest.raises(RefusedError, match="finalised"):
        review.set_note(store, review_id, "1.2.1", "late note", actor=ACTOR)
    with pytest.raises(RefusedError, match="reason"):
        review.reopen(store, review_id, actor=ACTOR, reason="   ")
    assert review.get_review(store, review_id).review.status == "finalised"
    view = review.reopen(store, review_id, actor=ACTOR, reason="Offender manager supplied the missing plan")
    assert view.review.status == "complete"
    assert view.review.finalised_at is None
    review.answer(store, review_id, "1.2.1", "yes", actor=ACTOR)
    trail = review.audit_trail(store, review_id)
    reopen = [e for e in trail if e.action == "reopen"]
    assert reopen[0].reason == "Offender manager supplied the missing plan"


def test_every_change_is_audited_in_order_with_old_and_new_values(started):
    store, review_id = started
    review.answer(store, review_id, "1.2.1", "no", actor="INS-A")
    review.answer(store, review_id, "1.2.1", "partly", actor="INS-B", reason="re-read the record")
    review.set_note(store, review_id, "1.2.1", "Late by three weeks", actor="INS-B")
    review.set_feedback(store, review_id, "1.2.1", "improvement", actor="INS-B")
    review.clear(store, review_id, "1.2.1", actor="INS-A")
    trail = [e for e in review.audit_trail(store, review_id) if e.question_id == "1.2.1"]
    assert [(e.action, e.old_value, e.new_value, e.actor) for e in trail] == [
        ("answer", None, "no", "INS-A"),
        ("answer", "no", "partly", "INS-B"),
        ("note", "", "Late by three weeks", "INS-B"),
        ("feedback", None, "improvement", "INS-B"),
        ("clear", "partly", None, "INS-A"),
    ]
    assert trail[1].reason == "re-read the record"
    revisions = [e.revision for e in trail]
    assert revisions == sorted(revisions) and len(set(revisions)) == len(revisions)
    assert review.get_review(store, review_id).review.revision == revisions[-1]
    assert all(e.at.tzinfo is not None for e in trail)


def test_unchanged_answer_writes_nothing(started):
    store, review_id = started
    review.answer(store, review_id, "1.2.1", "yes", actor=ACTOR)
    revision = review.get_review(store, review_id).review.revision
    review.answer(store, review_id, "1.2.1", "Y", actor=ACTOR)
    assert review.get_review(store, review_id).review.revision == revision


def test_note_is_saved_even_when_the_question_no_longer_applies(started):
    store, review_id = started
    review.answer(store, review_id, "1.1.1", "no", actor=ACTOR)
    view = review.set_note(store, review_id, "1.1.2", "typed before the answer changed", actor=ACTOR)
    assert view.note("1.1.2") == "typed before the answer changed"


def test_answer_many_is_all_or_nothing(started):
    store, review_id = started
    before = answers_in_db(store, review_id)
    items = [AnswerItem("1.2.1", "yes"), AnswerItem("1.2.2", "999")]
    with pytest.raises(ValidationError):
        review.answer_many(store, review_id, items, actor=ACTOR)
    assert answers_in_db(store, review_id) == before
    view = review.answer_many(
        store,
        review_id,
        [AnswerItem("1.1.1", "yes"), AnswerItem("1.1.2", "no", "weak", "improvement")],
        actor=ACTOR,
    )
    assert view.value("1.1.2") == "no"
    assert view.answers["1.1.2"].feedback == "improvement"


def test_progress_and_status_follow_answers(started):
    store, review_id = started
    view = review.get_review(store, review_id)
    assert 0 < view.review.progress < 100
    complete(store, review_id)
    assert review.get_review(store, review_id).review.progress == 100


def test_choice_accepts_labels_and_multi_choice_keeps_option_order(started):
    store, review_id = started
    view = review.answer(store, review_id, "0.1.1", "Community order", actor=ACTOR)
    assert view.value("0.1.1") == "community_order"
    view = review.answer(store, review_id, "1.2.3", "drugs, accommodation", actor=ACTOR)
    assert view.value("1.2.3") == ["accommodation", "drugs"]


def test_questionnaires_and_area_reviews_need_the_right_subject(data_dir):
    store, inspection_id = mini_store(data_dir)
    try:
        with pytest.raises(NotFoundError):
            review.start_review(store, inspection_id, actor=ACTOR, instrument="case", case_id="nope")
        with pytest.raises(NotFoundError, match="no instrument"):
            review.start_review(store, inspection_id, actor=ACTOR, instrument="sentencer", respondent="S1")
    finally:
        store.close()
