"""The ``abandoned`` numbers of a return: only numbers below the bundle's own can have been abandoned (a claim
about a later number would hide a bundle held back), and once head office's receipt shows a later return
arrived, the numbers are no longer listed."""

from __future__ import annotations

import pytest

from omi_desktop.core.progress import run_to_end
from omi_desktop.core.sync import export as export_module
from omi_desktop.core.sync.bundle import open_bundle, read_file
from omi_desktop.core.sync.export import export_return
from omi_desktop.core.sync.outbox import reserve
from omi_desktop.core.sync.receipts import import_receipt, issue_receipt
from omi_desktop.core.sync.trust import fixed_signer
from tests.helpers.sync_world import make_world


@pytest.fixture
def world(tmp_path):
    world = make_world(tmp_path, inspectors=("INS-A",), lead=None, cases_each=3)
    world.assign("INS-A")
    yield world
    world.close()


def _payload(world, path):
    party = world["INS-A"]
    return open_bundle(
        read_file(path), signer=fixed_signer(party.identity), me=world.hq.keys, kinds=("return",)
    )


def test_a_return_cannot_declare_its_own_or_later_numbers_abandoned(world, monkeypatch):
    world.answer("INS-A", references=["C001"])
    # The sender says, in bundle 1, that number 2 was abandoned; then bundle 2 is written but held back.
    monkeypatch.setattr(export_module, "abandoned_sequences", lambda *a, **k: [1, 2])
    first = world.export("INS-A")
    monkeypatch.undo()
    assert _payload(world, first).payload.abandoned == [1, 2]
    world.answer("INS-A", references=["C002"])
    world.export("INS-A")  # bundle 2: never delivered
    world.answer("INS-A", references=["C003"])
    third = world.export("INS-A")

    [one] = world.hq_import(first)
    assert one.status == "imported"
    assert one.notes == [
        "it says bundles 1, 2 were abandoned, which cannot be (its own number is 1): ignored, so missing "
        "bundles with those numbers are still reported"
    ]
    assert one.notes[0] in one.summary()
    [three] = world.hq_import(third)
    assert three.gaps == ["bundle 2 of INS-A not yet received"]  # not hidden by bundle 1's claim


def test_abandoned_numbers_are_no_longer_listed_once_a_receipt_shows_a_later_return_arrived(world, tmp_path):
    party = world["INS-A"]
    reserve(party.store, kind="return", inspection_id=world.inspection_id, subject="INS-A",
            path=tmp_path / "lost.omib", contents=[])  # fmt: skip
    world.answer("INS-A", references=["C001"])
    second = world.export("INS-A")
    assert _payload(world, second).payload.abandoned == [1]
    [report] = world.hq_import(second)
    assert report.gaps == []
    world.answer("INS-A", references=["C002"])
    before = world.export("INS-A")  # no receipt yet: number 1 is still listed
    assert _payload(world, before).payload.abandoned == [1]
    receipt = issue_receipt(
        world.hq.store, world.hq.keys, inspector_id="INS-A", out=tmp_path / "r.omir",
        inspection_ref=world.inspection_id,
    )  # fmt: skip
    import_receipt(party.store, receipt.path, party.keys)
    world.answer("INS-A", references=["C003"])
    after = run_to_end(export_return(party.store, party.keys, tmp_path / "after.omib", world.inspection_id))
    assert _payload(world, after.path).payload.abandoned == []
    [last] = world.hq_import(before, after.path)[-1:]
    assert last.gaps == []
