"""The laptop side: assignments only from the pinned HQ key, receipts acknowledge exact versions, purge
keeps tombstones and leaves unacknowledged work alone, and the lead collates only the team's bundles."""

from __future__ import annotations

from datetime import timedelta

import pytest

from omi_desktop.core.inspections import list_cases
from omi_desktop.core.progress import run_to_end
from omi_desktop.core.review import answer, finalise, get_review, reopen
from omi_desktop.core.sync import keys as sync_keys
from omi_desktop.core.sync.assignment import import_assignment, issue_assignment
from omi_desktop.core.sync.errors import BundleRefused
from omi_desktop.core.sync.receipts import import_receipt, issue_receipt, purge_acknowledged, purgeable
from omi_desktop.core.sync.returns import import_returns
from tests.helpers.sync_world import make_world


@pytest.fixture
def world(tmp_path):
    w = make_world(tmp_path, inspectors=("INS-A", "INS-B"), lead="LEAD", cases_each=2)
    for who in ("INS-A", "INS-B", "LEAD"):
        w.assign(who)
    yield w
    w.close()


def test_an_assignment_signed_by_another_key_is_refused(world, tmp_path):
    rogue_dir = tmp_path / "rogue"
    sync_keys.create_keys(rogue_dir, identity_id="HQ", name="Rogue head office", role="hq")
    rogue = sync_keys.load_private_keys(rogue_dir)
    from omi_desktop.core.sync import trust

    trust.enrol(world.hq.store, world["INS-A"].identity, confirm=world["INS-A"].identity.fingerprint)
    issued = issue_assignment(
        world.hq.store,
        rogue,
        inspector_id="INS-A",
        out=tmp_path / "rogue.omia",
        inspection_ref=world.inspection_id,
    )
    with pytest.raises(BundleRefused) as refused:
        import_assignment(world["INS-A"].store, issued.path, world["INS-A"].keys)
    assert refused.value.code == "unknown-signer"


def test_reimporting_an_assignment_is_a_no_op_and_an_older_one_is_stale(world, tmp_path):
    first = tmp_path / "outbox" / "assignment-INS-A.omia"
    second = issue_assignment(
        world.hq.store,
        world.hq.keys,
        inspector_id="INS-A",
        out=tmp_path / "a2.omia",
        inspection_ref=world.inspection_id,
    )
    party = world["INS-A"]
    assert import_assignment(party.store, second.path, party.keys).status == "imported"
    assert import_assignment(party.store, second.path, party.keys).status == "duplicate"
    assert import_assignment(party.store, first, party.keys).status in ("duplicate", "stale")


def test_receipt_acknowledges_exact_versions_and_purge_keeps_tombstones(world, tmp_path):
    party = world["INS-A"]
    world.answer("INS-A")
    world.hq_import(world.export("INS-A"))
    cases = list_cases(party.store, world.inspection_id)
    changed = cases[0].review_id
    reopen(party.store, changed, actor="INS-A", reason="after export")
    answer(party.store, changed, "1.2.4", "Changed after the export.", actor="INS-A")
    finalise(party.store, changed, actor="INS-A")
    receipt = issue_receipt(
        world.hq.store,
        world.hq.keys,
        inspector_id="INS-A",
        out=tmp_path / "r.omir",
        inspection_ref=world.inspection_id,
    )
    report = import_receipt(party.store, receipt.path, party.keys)
    assert (report.acknowledged, report.changed_since) == (1, 1)
    assert [i.review_id for i in purgeable(party.store)] == [cases[1].review_id]
    purged = purge_acknowledged(party.store)
    assert [i.review_id for i in purged] == [cases[1].review_id]
    assert get_review(party.store, cases[1].review_id).answers == {}
    assert get_review(party.store, changed).value("1.2.4") == "Changed after the export."
    # The changed review still goes back; the purged one never again.
    exported = world.export("INS-A")
    [report] = world.hq_import(exported)
    assert [r.review_id for r in report.reviews] == [changed]
    assert report.reviews[0].outcome == "accepted"
    # A receipt for someone else is refused.
    other = issue_receipt(
        world.hq.store,
        world.hq.keys,
        inspector_id="INS-A",
        out=tmp_path / "r2.omir",
        inspection_ref=world.inspection_id,
    )
    with pytest.raises(BundleRefused) as refused:
        import_receipt(world["INS-B"].store, other.path, world["INS-B"].keys)
    assert refused.value.code == "not-a-recipient"


def test_the_lead_collates_only_the_team_and_only_as_lead(world, tmp_path):
    world.answer("INS-A")
    bundle = world.export("INS-A")
    [as_inspector] = run_to_end(
        import_returns(world["INS-B"].store, [bundle], world["INS-B"].keys, at="lead")
    )
    assert as_inspector.code == "unknown-signer"  # only the lead was given the team's keys
    [collated] = run_to_end(import_returns(world["LEAD"].store, [bundle], world["LEAD"].keys, at="lead"))
    assert collated.status == "imported" and collated.counts()["accepted"] == 2
    # The lead's own returns do not re-send collated reviews the lead did not change.
    world.answer("LEAD", references=[])
    with pytest.raises(Exception, match="nothing to export"):
        world.export("LEAD")


def test_a_purged_review_has_no_feedback_sheet_and_says_why(world, tmp_path, omi):
    """After purge the sheet would print "Not recorded" facts and every criterion "Not applicable": refuse."""
    from omi_desktop.core.errors import RefusedError
    from omi_desktop.core.reports.feedback import feedback_pdf, finalised_on

    party = world["INS-A"]
    world.answer("INS-A")
    reference = list_cases(party.store, world.inspection_id)[0].reference
    assert feedback_pdf(party.store, reference).pages >= 1  # printed before the receipt: fine
    world.hq_import(world.export("INS-A"))
    receipt = issue_receipt(
        world.hq.store, world.hq.keys, inspector_id="INS-A", out=tmp_path / "r.omir",
        inspection_ref=world.inspection_id,
    )  # fmt: skip
    import_receipt(party.store, receipt.path, party.keys)
    purge_acknowledged(party.store)
    with pytest.raises(RefusedError, match="removed from this data folder after head office acknowledged"):
        feedback_pdf(party.store, reference)
    out = tmp_path / "sheet.pdf"
    result = omi("feedback", reference, "--out", out, "--data-dir", party.data_dir)
    assert result.code == 1 and "its feedback sheet could be printed before that" in result.err
    assert not out.exists()
    # "Today's sheets" leaves purged cases out rather than failing on them.
    from omi_desktop.core.clock import today

    assert finalised_on(party.store, today(), world.inspection_id) == []


def test_export_with_nothing_to_send_says_what_is_true(world, tmp_path, omi):
    party = world["INS-A"]
    folder = ["--data-dir", party.data_dir]
    nothing = omi("export", "--out", tmp_path / "a.omib", *folder)
    assert nothing.code == 1 and "nothing to export: no review has been finalised yet" in nothing.err
    case = list_cases(party.store, world.inspection_id)[0]
    from omi_desktop.core.review import open_case_review

    view = open_case_review(party.store, case.id, actor="INS-A")
    answer(party.store, view.review.id, "1.2.2", 3, actor="INS-A")
    waiting = omi("export", "--out", tmp_path / "a.omib", *folder)
    assert "nothing to export: no finalised review is waiting (1 review in progress)" in waiting.err
    assert "acknowledged" not in waiting.err
    world.answer("INS-A")
    world.hq_import(world.export("INS-A"))
    receipt = issue_receipt(
        world.hq.store, world.hq.keys, inspector_id="INS-A", out=tmp_path / "r.omir",
        inspection_ref=world.inspection_id,
    )  # fmt: skip
    import_receipt(party.store, receipt.path, party.keys)
    done = omi("export", "--out", tmp_path / "b.omib", *folder)
    assert "every finalised review has been acknowledged by head office" in done.err


def test_a_key_revoked_at_head_office_is_retired_at_the_lead_by_the_next_assignment(world, tmp_path):
    from omi_desktop.core.sync import trust
    from omi_desktop.core.sync.trust import add_key

    lead, ins_b = world["LEAD"], world["INS-B"]
    world.answer("INS-B")
    first = world.export("INS-B", "b1.omib")
    [collated] = run_to_end(import_returns(lead.store, [first], lead.keys, at="lead"))
    assert collated.status == "imported"
    # INS-B's laptop is lost: head office revokes the key and sends the lead a new assignment without it.
    trust.revoke(world.hq.store, "INS-B", reason="laptop lost")
    issued = issue_assignment(
        world.hq.store, world.hq.keys, inspector_id="LEAD", out=tmp_path / "lead-2.omia",
        inspection_ref=world.inspection_id,
    )  # fmt: skip
    import_assignment(lead.store, issued.path, lead.keys)
    [key] = [k for k in trust.list_keys(lead.store) if k.identity.id == "INS-B"]
    assert key.status == "retired" and "assignment 2 no longer lists it" in key.revoked_reason
    assert {k.identity.id for k in trust.list_keys(lead.store) if k.status == "active"} >= {"INS-A"}
    # Whoever holds the lost laptop can still sign bundles: the lead refuses them now.
    review_id = list_cases(ins_b.store, world.inspection_id)[0].review_id
    reopen(ins_b.store, review_id, actor="INS-B", reason="changed later")
    answer(ins_b.store, review_id, "1.2.4", "Written after the revocation.", actor="INS-B")
    finalise(ins_b.store, review_id, actor="INS-B")
    second = world.export("INS-B", "b2.omib")
    [refused] = run_to_end(import_returns(lead.store, [second], lead.keys, at="lead"))
    assert refused.status == "refused" and refused.code == "revoked-signer"
    assert "retired by head office on" in refused.reason and "no longer lists it" in refused.reason
    # Listed again by a later assignment (head office never lists a revoked key), it is trusted again.
    with lead.store.write() as session:
        add_key(
            session, key.identity, source="assignment", inspection_id=world.inspection_id,
            listed_at=key.revoked_at + timedelta(seconds=1),
        )  # fmt: skip
    assert [k.status for k in trust.list_keys(lead.store) if k.identity.id == "INS-B"] == ["active"]


def test_an_older_assignment_imported_late_does_not_trust_a_retired_key_again(world, tmp_path):
    from omi_desktop.core.setup import InspectorSpec, create_inspection
    from omi_desktop.core.sync import trust
    from tests.helpers.sync_world import ANCHOR, case_facts

    lead = world["LEAD"]
    # A second inspection with the same lead and INS-B: its first assignment lists INS-B's key...
    other = create_inspection(
        world.hq.store, title="Second inspection", area_code="A2", area_name="Area Two", region_code="R1",
        region_name="Region One", framework_id=world.framework_id, fieldwork_start=ANCHOR,
        team=[InspectorSpec("INS-B", "Inspector INS-B")],
        lead=InspectorSpec("LEAD", "Inspector LEAD", role="lead"), cases=[case_facts("D001", "INS-B", 20)],
    )  # fmt: skip
    older = issue_assignment(
        world.hq.store, world.hq.keys, inspector_id="LEAD", out=tmp_path / "y-1.omia", inspection_ref=other.id
    )
    # ...then head office revokes INS-B, and the lead's next assignment of the first inspection retires it.
    trust.revoke(world.hq.store, "INS-B", reason="laptop lost")
    newer = issue_assignment(
        world.hq.store, world.hq.keys, inspector_id="LEAD", out=tmp_path / "x-2.omia",
        inspection_ref=world.inspection_id,
    )  # fmt: skip
    import_assignment(lead.store, newer.path, lead.keys)
    assert [k.status for k in trust.list_keys(lead.store) if k.identity.id == "INS-B"] == ["retired"]
    # The older assignment of the second inspection arrives late: it imports, but the key stays retired.
    report = import_assignment(lead.store, older.path, lead.keys)
    assert report.status == "imported"
    assert [k.status for k in trust.list_keys(lead.store) if k.identity.id == "INS-B"] == ["retired"]
    world.answer("INS-B")
    [refused] = run_to_end(import_returns(lead.store, [world.export("INS-B")], lead.keys, at="lead"))
    assert refused.status == "refused" and refused.code == "revoked-signer"
