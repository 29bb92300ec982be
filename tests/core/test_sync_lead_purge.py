"""The lead's collated copies of the team's reviews: head office's receipt to the lead lists every version it
holds of the inspection, so once it has the team's reviews the lead can purge their copies
(``omi purge --acknowledged --collated``); a newer version collated afterwards is live again."""

from __future__ import annotations

from omi_desktop.core.inspections import list_cases
from omi_desktop.core.progress import run_to_end
from omi_desktop.core.review import answer, finalise, get_review, reopen
from omi_desktop.core.sync.receipts import import_receipt, issue_receipt
from omi_desktop.core.sync.returns import import_returns
from tests.helpers.sync_world import make_world


def test_the_lead_purges_collated_copies_once_head_office_holds_them(tmp_path, omi):
    world = make_world(tmp_path, inspectors=("INS-A",), lead="LEAD", cases_each=2)
    try:
        for who in ("INS-A", "LEAD"):
            world.assign(who)
        a, lead = world["INS-A"], world["LEAD"]
        world.answer("INS-A")
        first = world.export("INS-A")
        run_to_end(import_returns(lead.store, [first], lead.keys, at="lead"))
        # The lead has sent head office nothing; their receipt still lists the team's versions HQ holds.
        world.hq_import(first)
        receipt = issue_receipt(
            world.hq.store, world.hq.keys, inspector_id="LEAD", out=tmp_path / "lead.omir",
            inspection_ref=world.inspection_id,
        )  # fmt: skip
        assert import_receipt(lead.store, receipt.path, lead.keys).acknowledged == 2
        lead.store.close()
        where = ["--data-dir", lead.data_dir]
        plain = omi("purge", "--acknowledged", "--json", *where)
        assert plain.code == 0 and plain.json()["reviews"] == []  # the team's copies only when asked
        purged = omi("purge", "--acknowledged", "--collated", "--json", *where)
        assert purged.code == 0, purged.err
        assert len(purged.json()["reviews"]) == 2
        holding = [
            f.name for f in lead.data_dir.rglob("*") if f.is_file() and b"Sampleford" in f.read_bytes()
        ]
        assert holding == []
        # INS-A changes a review afterwards: the lead collates it and holds that version again.
        review_id = list_cases(a.store, world.inspection_id)[0].review_id
        reopen(a.store, review_id, actor="INS-A", reason="late evidence")
        answer(a.store, review_id, "1.2.4", "Late evidence seen.", actor="INS-A")
        finalise(a.store, review_id, actor="INS-A")
        from omi_desktop.core.store import Store

        with Store.open(lead.data_dir) as store:
            [report] = run_to_end(import_returns(store, [world.export("INS-A")], lead.keys, at="lead"))
            assert report.counts()["accepted"] == 1
            assert get_review(store, review_id).value("1.2.4") == "Late evidence seen."
            shown = omi("review", "show", list_cases(store, world.inspection_id)[0].reference, *where)
            assert "data removed" not in shown.out
    finally:
        world.close()


def test_the_leads_receipt_counts_a_newer_collated_copy_as_its_authors_to_return(tmp_path, omi):
    world = make_world(tmp_path, inspectors=("INS-A",), lead="LEAD", cases_each=2)
    try:
        for who in ("INS-A", "LEAD"):
            world.assign(who)
        a, lead = world["INS-A"], world["LEAD"]
        world.answer("INS-A")
        first = world.export("INS-A")
        run_to_end(import_returns(lead.store, [first], lead.keys, at="lead"))
        world.hq_import(first)
        # INS-A changes one review; the lead collates the newer version before head office has it.
        review_id = list_cases(a.store, world.inspection_id)[0].review_id
        reopen(a.store, review_id, actor="INS-A", reason="late evidence")
        answer(a.store, review_id, "1.2.4", "Late evidence seen.", actor="INS-A")
        finalise(a.store, review_id, actor="INS-A")
        run_to_end(import_returns(lead.store, [world.export("INS-A")], lead.keys, at="lead"))
        receipt = issue_receipt(
            world.hq.store, world.hq.keys, inspector_id="LEAD", out=tmp_path / "lead.omir",
            inspection_ref=world.inspection_id,
        )  # fmt: skip
        lead.store.close()
        where = ["--data-dir", lead.data_dir]
        imported = omi("receipt", "import", receipt.path, *where)
        assert imported.code == 0, imported.err
        assert "changed here since" not in imported.out
        assert (
            "1 of the team's reviews collated here is newer than head office holds; its author returns it."
            in imported.out
        )
        assert "Their personal data can now be removed: omi purge --acknowledged --collated" in imported.out
        dry = omi("export", "--dry-run", "--out", tmp_path / "x.omib", *where)
        assert dry.code == 0 and ": 0 reviews would be exported" in dry.out  # nothing of the lead's to send
    finally:
        world.close()
