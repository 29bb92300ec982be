"""The area assessment and the questionnaires: driven by the framework's subjects (the fixture framework's
instruments are called "governance", "client" and "partner"), through core and through ``omi``."""

from __future__ import annotations

import pytest

from omi_desktop.core import review
from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.instruments import (
    add_questionnaire,
    find_questionnaire,
    inspection_instruments,
    list_instrument_reviews,
    next_label,
    open_area_review,
)
from tests.helpers.instruments import make_inspection


@pytest.fixture
def inspection(data_dir):
    store, inspection_id = make_inspection(data_dir)
    yield store, inspection_id
    store.close()


def test_instruments_come_from_the_framework_subjects(inspection):
    store, iid = inspection
    infos = inspection_instruments(store, iid)
    assert [(i.id, i.subject, i.label_prefix) for i in infos] == [
        ("governance", "area", "G"),
        ("client", "respondent", "CS"),
        ("partner", "respondent", "PS"),
    ]
    # The area assessment is listed (not started) before anyone opens it; there are no questionnaires yet.
    [row] = list_instrument_reviews(store, iid)
    assert (row.review_id, row.instrument, row.status, row.label) == (
        None,
        "governance",
        "not_started",
        "Governance review",
    )


def test_only_the_lead_starts_the_area_assessment_and_there_is_one(inspection):
    store, iid = inspection
    with pytest.raises(RefusedError, match="recorded by the lead inspector, LEAD"):
        open_area_review(store, iid, actor="INS-A")
    assert list_instrument_reviews(store, iid, subject="area")[0].review_id is None  # nothing written
    first = open_area_review(store, iid, actor="LEAD")
    review.answer(store, first.review.id, "G.1.1", "partly", actor="LEAD", note="Plan is three years old")
    # Once it exists, anyone may read it (e.g. head office); opening again gives the same review.
    again = open_area_review(store, iid, actor="INS-A")
    assert again.review.id == first.review.id and again.value("G.1.1") == "partly"
    [row] = list_instrument_reviews(store, iid, subject="area")
    assert row.review_id == first.review.id and row.status == "in_progress"
    with pytest.raises(RefusedError, match="not an area-level instrument"):
        open_area_review(store, iid, actor="LEAD", instrument="client")


def test_questionnaires_are_labelled_uniquely_and_found_by_label(inspection):
    store, iid = inspection
    assert next_label(store, iid, "client") == "CS-001"
    one = add_questionnaire(store, iid, "client", actor="INS-A")
    two = add_questionnaire(store, iid, "client", actor="INS-A")
    partner = add_questionnaire(store, iid, "partner", "  Court  7 ", actor="INS-A")
    assert (one.review.respondent, two.review.respondent, partner.review.respondent) == (
        "CS-001",
        "CS-002",
        "Court 7",
    )
    assert add_questionnaire(store, iid, "client", "CS-010", actor="INS-A").review.respondent == "CS-010"
    assert next_label(store, iid, "client") == "CS-011"
    rows = list_instrument_reviews(store, iid, subject="respondent")
    assert [r.label for r in rows] == ["CS-001", "CS-002", "CS-010", "Court 7"]
    assert find_questionnaire(store, iid, "cs-002").review_id == two.review.id
    assert find_questionnaire(store, iid, two.review.id[:8]).review_id == two.review.id

    for instrument, label, error, words in (
        ("client", "cs-001", RefusedError, "already a questionnaire labelled"),
        ("partner", "Court 7", RefusedError, "already"),
        ("client", "   ", RefusedError, "needs a label"),
        ("client", "x" * 41, RefusedError, "at most 40"),
        ("client", "a;b", RefusedError, "letters, digits"),
        ("governance", None, RefusedError, "not a questionnaire"),
        ("offender", None, NotFoundError, "there are: client, partner"),
    ):
        with pytest.raises(error, match=words):
            add_questionnaire(store, iid, instrument, label, actor="INS-A")
    assert len(list_instrument_reviews(store, iid, subject="respondent")) == 4  # nothing added
    with pytest.raises(NotFoundError):
        find_questionnaire(store, iid, "CS-999")


def test_the_cli_answers_finalises_and_reopens_the_area_assessment_and_questionnaires(omi, data_dir):
    make_inspection(data_dir)[0].close()
    d = ("--data-dir", data_dir)
    answered = omi("area", "answer", "G.1.1", "y", "--note", "Plan seen and discussed", *d, "--json")
    assert answered.code == 0, answered.err
    assert answered.json()["review"]["instrument"] == "governance"
    for qid, value in (("G.1.2", "p"), ("G.2.1", "na")):
        assert omi("area", "answer", qid, value, *d).code == 0
    assert omi("area", "note", "G.1.3", "Met the chief officer", *d).code == 0
    finalised = omi("area", "finalise", *d)
    assert finalised.code == 0 and finalised.out.startswith("area assessment finalised")
    shown = omi("area", "show", *d, "--json").json()
    assert shown["review"]["status"] == "finalised"
    assert {q["id"]: q["value"] for q in shown["questions"]}["G.1.2"] == "partly"
    assert omi("area", "reopen", "--reason", "the partnership plan arrived", *d).code == 0
    assert omi("area", "history", *d, "--json").json()[-1]["reason"] == "the partnership plan arrived"

    added = omi("questionnaire", "add", "client", *d)
    assert added.code == 0 and added.out.strip() == "Added CS-001 (Client survey)."
    for qid, value in (("CS.1.1", "y"), ("CS.1.2", "quite"), ("CS.1.3", "housing")):
        assert omi("questionnaire", "answer", "CS-001", qid, value, *d).code == 0, qid
    refused = omi("questionnaire", "finalise", "CS-001", *d)
    assert refused.code == 1  # CS.1.4 applies because of "housing", and is the one thing still needed
    assert refused.err.splitlines()[1:] == ["  CS.1.4   Did you get help with housing? — unanswered"]
    assert omi("questionnaire", "answer", "cs-001", "CS.1.4", "n", *d).code == 0
    assert omi("questionnaire", "finalise", "CS-001", *d).code == 0
    listing = omi("questionnaire", "list", *d, "--json").json()
    assert [(q["label"], q["status"]) for q in listing["questionnaires"]] == [("CS-001", "finalised")]
    assert [i["id"] for i in listing["instruments"]] == ["client", "partner"]


def test_the_cli_refuses_in_one_line(omi, data_dir):
    make_inspection(data_dir, me="INS-A")[0].close()
    d = ("--data-dir", data_dir)
    for argv, words in (
        (("area", "answer", "G.1.1", "y"), "recorded by the lead inspector, LEAD"),
        (("questionnaire", "add", "offender"), "no questionnaire 'offender'"),
        (("questionnaire", "answer", "CS-404", "CS.1.1", "y"), "no questionnaire 'CS-404'"),
        (
            ("questionnaire", "list", "governance"),
            "no instrument 'governance' to list here (there are: client",
        ),
    ):
        result = omi(*argv, *d)
        assert result.code == 1, (argv, result.out)
        assert words in result.err and len(result.err.strip().splitlines()) == 1
    assert omi("questionnaire", "add", "client", *d).code == 0
    wrong = omi("questionnaire", "answer", "CS-001", "G.1.1", "y", *d)
    assert wrong.code == 1 and "no question G.1.1 in this review" in wrong.err
    bad = omi("questionnaire", "answer", "CS-001", "CS.1.2", "brilliant", *d)
    assert bad.code == 1 and "not one of the options" in bad.err
    assert omi("questionnaire", "answer", "CS-001", *d).code == 2  # usage


def test_the_demo_leaves_an_area_assessment_in_progress_and_some_questionnaires(omi, data_dir):
    d = ("--data-dir", data_dir, "--json")
    made = omi("demo", "--answered", "2", *d).json()
    assert made["finalised"] == 2 and made["questionnaires"] > made["questionnaires_finalised"] > 0
    area = omi("area", "show", *d).json()
    states = {q["state"] for q in area["questions"]}
    assert area["review"]["status"] == "in_progress" and {"answered", "unanswered"} <= states
    listing = omi("questionnaire", "list", *d).json()["questionnaires"]
    assert {q["status"] for q in listing} == {"finalised", "in_progress"}
    assert {q["instrument"] for q in listing} == {"offender", "victim", "sentencer"}
    assert omi("scores", *d).json()["reviews"] == 2  # they feed no thread and are not counted as reviews
