"""Merging returns at head office: re-imports are no-ops, out-of-order bundles work and gaps are reported,
divergent edits become one conflict (never an overwrite), stale versions are ignored, and conflicts are
resolved question by question with who and why in the audit trail."""

from __future__ import annotations

import pytest
from sqlmodel import select

from omi_desktop.core.errors import RefusedError
from omi_desktop.core.inspections import list_cases
from omi_desktop.core.progress import run_to_end
from omi_desktop.core.review import answer, audit_trail, finalise, get_review, reopen
from omi_desktop.core.store.tables import Answer, AuditEvent, ReceivedBundle, Review, SyncConflict
from omi_desktop.core.sync import conflicts
from omi_desktop.core.sync.returns import import_returns
from tests.helpers.sync_world import make_world


@pytest.fixture
def world(tmp_path):
    w = make_world(tmp_path, inspectors=("INS-A", "INS-B"), lead="LEAD", cases_each=2)
    for who in ("INS-A", "INS-B", "LEAD"):
        w.assign(who)
    yield w
    w.close()


def counts(report):
    return report.counts()


def hq_rows(world):
    with world.hq.store.read() as s:
        return (
            len(s.exec(select(Review)).all()),
            len(s.exec(select(Answer)).all()),
            len(s.exec(select(AuditEvent)).all()),
            len(s.exec(select(ReceivedBundle)).all()),
        )


def test_reimporting_the_same_bundle_is_a_no_op(world):
    world.answer("INS-A")
    bundle = world.export("INS-A")
    [first] = world.hq_import(bundle)
    assert first.status == "imported" and counts(first)["accepted"] == 2
    before = hq_rows(world)
    [again] = world.hq_import(bundle)
    assert again.status == "duplicate"
    assert hq_rows(world) == before


def test_bundle_3_before_2_works_and_reports_the_gap_until_2_arrives(world):
    party = world["INS-A"]
    cases = [c for c in list_cases(party.store, world.inspection_id) if c.inspector_id == "INS-A"]
    world.answer("INS-A", [cases[0].reference])
    one = world.export("INS-A")
    # Bundle 2: the second case finalised.
    world.answer("INS-A", [cases[1].reference], seed=2)
    two = world.export("INS-A")
    # Bundle 3: a finalised review reopened, changed and finalised again.
    review_id = list_cases(party.store, world.inspection_id)[0].review_id
    reopen(party.store, review_id, actor="INS-A", reason="second look at the file")
    answer(party.store, review_id, "1.2.4", "Read again: the plan was reviewed in month two.", actor="INS-A")
    finalise(party.store, review_id, actor="INS-A")
    three = world.export("INS-A")

    [r1] = world.hq_import(one)
    assert r1.gaps == []
    [r3] = world.hq_import(three)
    assert r3.status == "imported"
    assert counts(r3)["accepted"] == 2  # the changed review (based on what HQ holds) and the new one
    assert r3.gaps == ["bundle 2 of INS-A not yet received"]
    [r2] = world.hq_import(two)
    assert r2.gaps == []
    # Bundle 2 carried the first case as it was before bundle 3 changed it (stale) and the second case as
    # bundle 3 carried it again (duplicate): neither is a conflict, nothing is overwritten.
    assert counts(r2) == {"accepted": 0, "duplicate": 1, "stale": 1, "conflict": 0, "set_aside": 0}
    hq_view = get_review(world.hq.store, review_id)
    assert hq_view.review.revision == get_review(party.store, review_id).review.revision
    assert hq_view.value("1.2.4") == "Read again: the plan was reviewed in month two."


def test_an_older_version_arriving_late_is_ignored_as_stale(world):
    party = world["INS-A"]
    world.answer("INS-A")
    first = world.export("INS-A")
    review_id = list_cases(party.store, world.inspection_id)[0].review_id
    reopen(party.store, review_id, actor="INS-A", reason="typo")
    answer(party.store, review_id, "1.2.4", "Corrected note.", actor="INS-A")
    finalise(party.store, review_id, actor="INS-A")
    second = world.export("INS-A")
    [r2] = world.hq_import(second)
    assert counts(r2)["accepted"] == 2
    [r1] = world.hq_import(first)
    assert counts(r1) == {"accepted": 0, "duplicate": 1, "stale": 1, "conflict": 0, "set_aside": 0}
    assert get_review(world.hq.store, review_id).value("1.2.4") == "Corrected note."


def test_divergent_edits_of_one_review_become_one_conflict_not_an_overwrite(world):
    """INS-A's review is collated by the lead, who moderates it; INS-A also changes it. Both reach HQ."""
    a, lead = world["INS-A"], world["LEAD"]
    world.answer("INS-A")
    first = world.export("INS-A")
    [collated] = run_to_end(import_returns(lead.store, [first], lead.keys, at="lead"))
    assert counts(collated)["accepted"] == 2
    world.hq_import(first)
    review_id = list_cases(a.store, world.inspection_id)[0].review_id

    reopen(lead.store, review_id, actor="LEAD", reason="moderation")
    answer(lead.store, review_id, "1.2.2", 7, actor="LEAD", note="Moderated: seven contacts recorded.")
    finalise(lead.store, review_id, actor="LEAD")
    from_lead = world.export("LEAD")

    reopen(a.store, review_id, actor="INS-A", reason="recount")
    answer(a.store, review_id, "1.2.2", 9, actor="INS-A", note="Recounted: nine contacts.")
    finalise(a.store, review_id, actor="INS-A")
    from_a = world.export("INS-A")

    [r_lead] = world.hq_import(from_lead)
    assert counts(r_lead)["accepted"] == 1
    [r_a] = world.hq_import(from_a)
    assert counts(r_a) == {"accepted": 0, "duplicate": 1, "stale": 0, "conflict": 1, "set_aside": 0}
    # HQ still holds the lead's version; INS-A's is kept in the conflict.
    assert get_review(world.hq.store, review_id).value("1.2.2") == 7
    [conflict] = conflicts.list_conflicts(world.hq.store)
    assert conflict.review_id == review_id and conflict.sender_id == "INS-A"
    assert [d.question_id for d in conflict.differences] == ["1.2.2"]
    diff = conflict.differences[0]
    assert (diff.ours.value, diff.theirs.value) == (7, 9)
    assert diff.theirs.note == "Recounted: nine contacts."
    # The same bundle again changes nothing and makes no second conflict.
    [again] = world.hq_import(from_a)
    assert again.status == "duplicate"
    assert len(conflicts.list_conflicts(world.hq.store)) == 1

    # Resolution: take INS-A's answer, with who and why in the audit trail.
    with pytest.raises(Exception, match="reason"):
        conflicts.resolve(world.hq.store, conflict.id, {"1.2.2": "take"}, actor="HQ-ANALYST", reason="")
    resolved = conflicts.resolve(
        world.hq.store, conflict.id, {"1.2.2": "take"}, actor="HQ-ANALYST", reason="the case file shows nine"
    )
    assert resolved.status == "resolved"
    view = get_review(world.hq.store, review_id)
    assert view.value("1.2.2") == 9 and view.note("1.2.2") == "Recounted: nine contacts."
    last = audit_trail(world.hq.store, review_id)[-1]
    assert (last.action, last.actor, last.question_id) == ("resolve-take", "HQ-ANALYST", "1.2.2")
    assert "the case file shows nine" in last.reason and "INS-A" in last.reason
    assert conflicts.list_conflicts(world.hq.store) == []
    # INS-A's version is now part of HQ's lineage: sending it again is stale, not a new conflict.
    with world.hq.store.write() as s:
        s.delete(s.get(ReceivedBundle, r_a.bundle_id))
    [resent] = world.hq_import(from_a)
    assert counts(resent)["conflict"] == 0


def test_keeping_head_office_version_is_recorded_too(world):
    a, lead = world["INS-A"], world["LEAD"]
    world.answer("INS-A")
    first = world.export("INS-A")
    run_to_end(import_returns(lead.store, [first], lead.keys, at="lead"))
    world.hq_import(first)
    review_id = list_cases(a.store, world.inspection_id)[0].review_id
    for party, value in ((lead, 3), (a, 4)):
        reopen(party.store, review_id, actor=party.id, reason="check")
        answer(party.store, review_id, "1.2.2", value, actor=party.id)
        finalise(party.store, review_id, actor=party.id)
    world.hq_import(world.export("LEAD"))
    world.hq_import(world.export("INS-A"))
    [conflict] = conflicts.list_conflicts(world.hq.store)
    revision = get_review(world.hq.store, review_id).review.revision
    conflicts.resolve(
        world.hq.store, conflict.id[:8], {"1.2.2": "keep"}, actor="HQ-ANALYST", reason="lead moderated"
    )
    view = get_review(world.hq.store, review_id)
    assert view.value("1.2.2") == 3 and view.review.revision == revision
    assert audit_trail(world.hq.store, review_id)[-1].action == "resolve-keep"
    with world.hq.store.read() as s:
        assert s.exec(select(SyncConflict)).one().status == "resolved"


def test_a_question_is_decided_once_and_never_both_kept_and_taken(world, omi):
    a, lead = world["INS-A"], world["LEAD"]
    world.answer("INS-A")
    first = world.export("INS-A")
    run_to_end(import_returns(lead.store, [first], lead.keys, at="lead"))
    world.hq_import(first)
    review_id = list_cases(a.store, world.inspection_id)[0].review_id
    for party, count, text in ((lead, 3, "Lead's reading."), (a, 4, "Inspector's reading.")):
        reopen(party.store, review_id, actor=party.id, reason="check")
        answer(party.store, review_id, "1.2.2", count, actor=party.id)
        answer(party.store, review_id, "1.2.4", text, actor=party.id)
        finalise(party.store, review_id, actor=party.id)
    world.hq_import(world.export("LEAD"))
    world.hq_import(world.export("INS-A"))
    [conflict] = conflicts.list_conflicts(world.hq.store)
    hq = ["--data-dir", world.hq.data_dir]
    both = omi("hq", "conflicts", conflict.id[:8], "--take", "1.2.2", "--keep", "1.2.2", "--reason", "x", *hq)
    assert both.code == 1 and "cannot be both kept and taken: 1.2.2" in both.err
    assert conflicts.get_conflict(world.hq.store, conflict.id).undecided == ["1.2.2", "1.2.4"]
    conflicts.resolve(world.hq.store, conflict.id, {"1.2.2": "take"}, actor="HQ-ANALYST", reason="recount")
    revision = get_review(world.hq.store, review_id).review.revision
    # Deciding 1.2.2 again (either way) is refused, and changes neither the answer nor the revision.
    for choice in ("keep", "take"):
        with pytest.raises(RefusedError, match=r"already decided.*1\.2\.2 \(take\)"):
            conflicts.resolve(world.hq.store, conflict.id, {"1.2.2": choice}, actor="HQ", reason="r")
    again = omi("hq", "conflicts", conflict.id[:8], "--keep", "1.2.2", "1.2.4", "--reason", "again", *hq)
    assert again.code == 1 and "already decided" in again.err
    view = get_review(world.hq.store, review_id)
    assert view.value("1.2.2") == 4 and view.review.revision == revision
    assert view.value("1.2.4") == "Lead's reading."  # the refused call decided nothing else either
    info = conflicts.get_conflict(world.hq.store, conflict.id)
    assert [(d.question_id, d.decision) for d in info.differences] == [("1.2.2", "take"), ("1.2.4", None)]


def test_audit_trail_travels_and_stays_append_only_at_hq(world):
    a = world["INS-A"]
    world.answer("INS-A")
    world.hq_import(world.export("INS-A"))
    review_id = list_cases(a.store, world.inspection_id)[0].review_id
    laptop_trail = audit_trail(a.store, review_id)
    hq_trail = audit_trail(world.hq.store, review_id)
    assert [(e.revision, e.action, e.question_id, e.new_value, e.actor) for e in hq_trail] == [
        (e.revision, e.action, e.question_id, e.new_value, e.actor) for e in laptop_trail
    ]
    reopen(a.store, review_id, actor="INS-A", reason="late evidence")
    answer(a.store, review_id, "1.2.4", "Late evidence seen.", actor="INS-A")
    finalise(a.store, review_id, actor="INS-A")
    world.hq_import(world.export("INS-A"))
    after = audit_trail(world.hq.store, review_id)
    assert after[: len(hq_trail)] == hq_trail  # nothing rewritten
    assert [e.action for e in after[len(hq_trail) :]] == ["reopen", "answer", "finalise"]
    assert after[len(hq_trail)].reason == "late evidence"


def test_an_empty_review_opened_at_hq_gives_way_to_the_returned_one(world):
    """Opening a case at head office starts an empty review; the inspector's return replaces it."""
    from omi_desktop.core.review import open_case_review

    a = world["INS-A"]
    world.answer("INS-A")
    case = list_cases(a.store, world.inspection_id)[0]
    placeholder = open_case_review(world.hq.store, case.id, actor="HQ-ANALYST")
    assert placeholder.review.id != case.review_id and placeholder.review.status == "not_started"
    [report] = world.hq_import(world.export("INS-A"))
    assert report.counts() == {"accepted": 2, "duplicate": 0, "stale": 0, "conflict": 0, "set_aside": 0}
    held = next(c for c in list_cases(world.hq.store, world.inspection_id) if c.id == case.id)
    assert held.review_id == case.review_id and held.status == "finalised"
    # One that someone started answering is not a placeholder: that is a conflict, nothing is lost.
    other = list_cases(a.store, world.inspection_id)[1]
    with world.hq.store.write() as s:
        s.delete(s.get(Review, other.review_id))
    started = open_case_review(world.hq.store, other.id, actor="HQ-ANALYST")
    answer(world.hq.store, started.review.id, "1.2.2", 4, actor="HQ-ANALYST")
    with world.hq.store.write() as s:
        for row in s.exec(select(ReceivedBundle)).all():
            s.delete(row)
    [again] = world.hq_import(world.export("INS-A"))
    assert again.counts()["conflict"] == 1
