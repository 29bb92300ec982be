"""The area assessment and the questionnaires travel like case reviews: in return bundles, merged at head
office and in the lead's collation, acknowledged by receipts and purged to tombstones. Authorisation: the
area assessment only from the lead inspector, questionnaires only from the team (or the lead)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from omi_desktop.core import review
from omi_desktop.core.instruments import add_questionnaire, list_instrument_reviews, open_area_review
from omi_desktop.core.progress import run_to_end
from omi_desktop.core.store.tables import Review
from omi_desktop.core.sync import trust
from omi_desktop.core.sync.bundle import write_bundle
from omi_desktop.core.sync.receipts import import_receipt, issue_receipt, purge_acknowledged
from omi_desktop.core.sync.returns import import_returns
from omi_desktop.core.sync.reviewdata import outgoing_reviews
from tests.helpers.instruments import FRAMEWORK
from tests.helpers.sync_world import _party, make_world

AREA_ANSWERS = {"G.1.1": "yes", "G.1.2": "partly", "G.2.1": "no"}
CLIENT_ANSWERS = {"CS.1.1": "yes", "CS.1.2": "quite", "CS.1.3": ["housing"], "CS.1.4": "no"}


@pytest.fixture
def world(tmp_path):
    w = make_world(tmp_path, inspectors=("INS-A",), lead="LEAD", cases_each=1, framework=FRAMEWORK)
    for who in ("INS-A", "LEAD"):
        w.assign(who)
    yield w
    w.close()


def questionnaire(world, who: str, label: str, note: str = "") -> str:
    store = world[who].store
    view = add_questionnaire(store, world.inspection_id, "client", label, actor=who)
    for qid, value in CLIENT_ANSWERS.items():
        review.answer(store, view.review.id, qid, value, actor=who)
    if note:
        review.answer(store, view.review.id, "CS.1.5", note, actor=who)
    review.finalise(store, view.review.id, actor=who)
    return view.review.id


def area_assessment(world, who: str = "LEAD", start=open_area_review) -> str:
    store = world[who].store
    view = start(store, world.inspection_id, actor=who)
    for qid, value in AREA_ANSWERS.items():
        review.answer(store, view.review.id, qid, value, actor=who, note=f"Evidence for {qid}")
    review.finalise(store, view.review.id, actor=who)
    return view.review.id


def import_at(party, *paths, at="lead"):
    return run_to_end(import_returns(party.store, list(paths), party.keys, at=at))


def held(store, inspection_id):
    return {(r.instrument, r.label): r.status for r in list_instrument_reviews(store, inspection_id)}


def test_area_assessment_and_questionnaires_reach_the_lead_and_head_office(world, tmp_path):
    world.answer("INS-A")
    mine = questionnaire(world, "INS-A", "CS-001", note="My offender manager moved twice.")
    from_a = world.export("INS-A")
    area = area_assessment(world)
    questionnaire(world, "LEAD", "CS-101")
    [collated] = import_at(world["LEAD"], from_a)
    assert collated.status == "imported" and collated.counts()["accepted"] == 2
    assert held(world["LEAD"].store, world.inspection_id) == {
        ("governance", "Governance review"): "finalised",
        ("client", "CS-001"): "finalised",
        ("client", "CS-101"): "finalised",
    }
    from_lead = world.export("LEAD")  # the collated questionnaire is left to its author
    reports = world.hq_import(from_a, from_lead)
    assert [r.counts()["accepted"] for r in reports] == [2, 2]
    hq = world.hq.store
    assert held(hq, world.inspection_id) == held(world["LEAD"].store, world.inspection_id)
    assert review.get_review(hq, area).value("G.1.2") == "partly"
    assert review.get_review(hq, area).note("G.2.1") == "Evidence for G.2.1"

    # A receipt acknowledges the questionnaire; purge removes its answers and keeps a tombstone.
    receipt = issue_receipt(
        hq, world.hq.keys, inspector_id="INS-A", out=tmp_path / "a.omir", inspection_ref=world.inspection_id
    )
    party = world["INS-A"]
    assert import_receipt(party.store, receipt.path, party.keys).acknowledged == 2  # the case and CS-001
    purged = purge_acknowledged(party.store)
    assert sorted(i.label for i in purged) == ["C001", "CS-001"]
    tombstone = review.get_review(party.store, mine)
    assert tombstone.answers == {} and tombstone.review.status == "finalised"
    assert tombstone.review.respondent == "CS-001"
    [row] = [r for r in list_instrument_reviews(party.store, world.inspection_id) if r.review_id == mine]
    assert row.purged
    with pytest.raises(Exception, match="removed here after head office confirmed receipt"):
        review.reopen(party.store, mine, actor="INS-A", reason="look again")
    assert review.get_review(hq, mine).value("CS.1.5") == "My offender manager moved twice."


def test_the_area_assessment_only_from_the_lead_and_questionnaires_only_from_the_team(world, tmp_path):
    # An inspector's program that started the area assessment anyway (bypassing the lead check) sends a
    # bundle head office refuses whole: nothing of it is merged.
    questionnaire(world, "INS-A", "CS-001")
    area_assessment(world, "INS-A", start=lambda store, iid, actor: review.start_review(
        store, iid, actor=actor, instrument="governance"
    ))  # fmt: skip
    [refused] = world.hq_import(world.export("INS-A"))
    assert (refused.status, refused.code) == ("refused", "unauthorised")
    assert "only the lead inspector returns the area assessment" in refused.reason
    assert held(world.hq.store, world.inspection_id) == {("governance", "Governance review"): "not_started"}

    # An enrolled inspector outside the team returns a questionnaire: refused too.
    outsider = _party(tmp_path, "INS-X", "Inspector X", "inspector")
    world.people["INS-X"] = outsider
    trust.enrol(world.hq.store, outsider.identity, confirm=outsider.identity.fingerprint)
    theirs = add_questionnaire(world["INS-A"].store, world.inspection_id, "partner", "PS-001", actor="INS-X")
    review.answer(world["INS-A"].store, theirs.review.id, "PS.1.1", "no", actor="INS-X")
    review.finalise(world["INS-A"].store, theirs.review.id, actor="INS-X")
    with world["INS-A"].store.read() as session:
        [item] = [o.item for o in outgoing_reviews(session, [theirs.review.id])]
    written = write_bundle(
        kind="return",
        keys=outsider.keys,
        recipients=[world.hq.identity],
        inspection_id=world.inspection_id,
        framework=("mini-instruments", 1),
        subject="INS-X",
        sequence=1,
        payload={
            "payload": "return",
            "inspection_id": world.inspection_id,
            "sender": "INS-X",
            "reviews": [item],
        },
        items=1,
    )
    bundle = tmp_path / "outsider.omib"
    bundle.write_bytes(written.data)
    [report] = world.hq_import(bundle)
    assert (report.status, report.code) == ("refused", "unauthorised")
    assert "INS-X is not in this inspection's team" in report.reason
    with world.hq.store.read() as session:
        assert session.exec(select(Review).where(Review.respondent.is_not(None))).all() == []


def test_an_inspection_holds_one_area_assessment_whatever_arrives(world):
    hq = world.hq.store
    # An empty assessment opened at head office gives way to the lead's; a second one becomes a conflict.
    placeholder = review.start_review(hq, world.inspection_id, actor="HQ", instrument="governance")
    area = area_assessment(world)
    [first] = world.hq_import(world.export("LEAD"))
    assert [r.outcome for r in first.reviews] == ["accepted"]
    with hq.read() as session:
        assert session.get(Review, placeholder.review.id) is None
    rows = [r for r in list_instrument_reviews(hq, world.inspection_id) if r.subject == "area"]
    assert [r.review_id for r in rows] == [area]

    with world["LEAD"].store.write() as session:  # as if the lead had started it again elsewhere
        session.delete(session.get(Review, area))
    area_assessment(world)
    [second] = world.hq_import(world.export("LEAD"))
    assert [(r.outcome, r.detail) for r in second.reviews] == [
        ("conflict", "another review of this assessment is already held")
    ]
    rows = [r for r in list_instrument_reviews(hq, world.inspection_id) if r.subject == "area"]
    assert [r.review_id for r in rows] == [area]
