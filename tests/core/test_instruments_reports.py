"""The area documents' sections on the area assessment and the questionnaires, read back from real PDFs,
and the same figures from ``omi report leadership|service-users --json``."""

from __future__ import annotations

import pytest

from omi_desktop.core import review
from omi_desktop.core.instruments import open_area_review
from omi_desktop.core.reports.area import area_pdf
from omi_desktop.core.reports.instrument_summaries import leadership_summary, service_users_summary
from omi_desktop.core.reports.interim import interim_pdf
from tests.helpers.instruments import make_inspection, respond
from tests.helpers.reports import flat, page_texts

PRIVATE = "My neighbour Jo Sampleford-Private told me"


@pytest.fixture
def inspection(data_dir):
    store, iid = make_inspection(data_dir)
    area = open_area_review(store, iid, actor="LEAD")
    for qid, value, note in (
        ("G.1.1", "yes", "Business plan read"),
        ("G.1.2", "partly", "Staff knew the priorities, not the plan"),
        ("G.1.3", "Met the chief officer and two team managers.", None),
    ):
        review.answer(store, area.review.id, qid, value, actor="LEAD", note=note)
    for answers in (
        {"CS.1.1": "yes", "CS.1.2": "very", "CS.1.3": ["housing", "work"], "CS.1.4": "no"},
        {"CS.1.1": "yes", "CS.1.2": "quite", "CS.1.3": ["work"], "CS.1.5": PRIVATE},
        {"CS.1.1": "no", "CS.1.2": "very"},
    ):
        respond(store, iid, "client", answers)
    respond(store, iid, "client", {"CS.1.1": "no", "CS.1.2": "not"}, final=False)  # not counted
    yield store, iid, area.review.id
    store.close()


def test_summaries_count_finalised_responses_per_option_and_never_keep_comments(inspection):
    store, iid, _area = inspection
    [client, partner] = service_users_summary(store, iid).questionnaires
    assert (client.finalised, client.not_finalised, partner.finalised) == (3, 1, 0)
    by_id = {q.question_id: q for q in client.questions}
    helpful = by_id["CS.1.2"]
    assert helpful.n == 3 and [(o.label, o.count, round(o.percent)) for o in helpful.options] == [
        ("Very helpful", 2, 67),
        ("Quite helpful", 1, 33),
        ("Not helpful", 0, 0),
    ]
    fair = by_id["CS.1.1"]
    assert [(o.value, o.count) for o in fair.options] == [("yes", 2), ("partly", 0), ("no", 1)]
    used = by_id["CS.1.3"]  # several choices: shares of the respondents, so they may add up to more than 100
    assert (used.n, used.applied, [o.count for o in used.options]) == (2, 3, [1, 2])
    housing = by_id["CS.1.4"]  # applies only to those who used housing services
    assert (housing.applied, housing.n) == (1, 1)
    comments = by_id["CS.1.5"]
    assert (comments.comments, comments.n, comments.applied) == (1, 1, 3)
    assert PRIVATE not in str(service_users_summary(store, iid).as_json())

    [area] = leadership_summary(store, iid).assessments
    assert not area.finalised and area.title == "Governance review"
    planning, partnerships = area.criteria
    assert (planning.verdict, planning.positive, planning.applicable) == ("partly_met", 1, 2)
    assert [n.text for n in planning.notes] == [
        "Business plan read",
        "Staff knew the priorities, not the plan",
        "Met the chief officer and two team managers.",
    ]
    assert (partnerships.applicable, partnerships.unanswered) == (0, 1)


def test_interim_and_area_report_print_both_sections(inspection, tmp_path):
    store, iid, area_id = inspection
    for make, name in ((interim_pdf, "interim.pdf"), (area_pdf, "area.pdf")):
        rendered = make(store, iid, tmp_path / name)
        text = flat(" ".join(page_texts(rendered.path)))
        assert "Governance review NOT YET FINALISED" in text
        assert "G.1 Planning ◐ Partly met 1 of 2" in text
        assert "G.2 Partnerships Not judged yet" in text
        assert "G.1.1 Is there a clear plan? ✓ Yes" in text and "◐ Partly" in text
        assert "Staff knew the priorities, not the plan" in text  # the lead's notes are printed
        assert "Service users' perspective" in text
        assert "Client survey 3 finalised responses counted; 1 not finalised yet (not counted)" in text
        assert "CS.1.2 How helpful was the service? 3 Very helpful 2 67% Quite helpful 1 33%" in text
        assert "1 wrote a comment (not printed" in text and PRIVATE not in text
        assert "Partner survey 0 finalised responses counted" in text
    review.answer(store, area_id, "G.2.1", "no", actor="LEAD")
    review.finalise(store, area_id, actor="LEAD")
    text = flat(" ".join(page_texts(interim_pdf(store, iid, tmp_path / "again.pdf").path)))
    assert "NOT YET FINALISED" not in text and "finalised on" in text and "by LEAD" in text
    assert "G.2 Partnerships ✗ Not met 0 of 1" in text


def test_report_commands_give_the_same_figures_as_json(omi, inspection):
    store, _iid, _area = inspection
    d = ("--data-dir", store.data_dir)
    users = omi("report", "service-users", *d, "--json")
    assert users.code == 0, users.err
    [client, _partner] = users.json()["questionnaires"]
    assert client["finalised"] == 3 and PRIVATE not in users.out
    leadership = omi("report", "leadership", *d)
    assert leadership.code == 0 and "Governance review: NOT YET FINALISED" in leadership.out
    assert "◐ Partly met (1 of 2)" in leadership.out
