"""Sequence numbers are never handed out twice: a reservation a crash left without its file is abandoned,
not released; the next return lists it, and head office does not report it as missing. Temporary files an
interrupted write left on the destination are tidied away."""

from __future__ import annotations

from sqlmodel import select

from omi_desktop.core.progress import run_to_end
from omi_desktop.core.store.tables import SentBundle
from omi_desktop.core.sync.bundle import open_bundle, read_file
from omi_desktop.core.sync.export import export_return
from omi_desktop.core.sync.outbox import reserve
from omi_desktop.core.sync.returns import sequence_gaps
from omi_desktop.core.sync.trust import fixed_signer
from tests.helpers.sync_world import make_world


def test_a_number_whose_bundle_never_appeared_is_abandoned_not_reused(tmp_path):
    world = make_world(tmp_path, inspectors=("INS-A",), lead=None, cases_each=2)
    try:
        world.assign("INS-A")
        world.answer("INS-A")
        party = world["INS-A"]
        stick = tmp_path / "stick"
        stick.mkdir()
        # An export reserved number 1 for a file on a stick, then the program was killed mid-write: the file
        # is not where it was going (the stick was taken out, or the write never finished).
        lost = stick / "lost.omib"
        reserve(party.store, kind="return", inspection_id=world.inspection_id, subject="INS-A", path=lost,
                contents=[])  # fmt: skip
        (stick / ".lost.omib.1a2b3c4d.partial").write_bytes(b"half a bundle")
        (stick / ".other.omib.1a2b3c4d.partial").write_bytes(b"another export's")
        result = run_to_end(export_return(party.store, party.keys, stick / "next.omib", world.inspection_id))
        assert result.sequence == 2  # number 1 is never handed out again
        with party.store.read() as session:
            states = {b.sequence: b.state for b in session.exec(select(SentBundle))}
        assert states == {1: "abandoned", 2: "complete"}
        assert sorted(p.name for p in stick.iterdir()) == [".other.omib.1a2b3c4d.partial", "next.omib"]
        opened = open_bundle(
            read_file(result.path), signer=fixed_signer(party.identity), me=world.hq.keys, kinds=("return",)
        )
        assert opened.payload.abandoned == [1]
        # Head office learns from bundle 2 that number 1 was abandoned: no gap is reported.
        [report] = world.hq_import(result.path)
        assert report.status == "imported" and report.gaps == []
        assert sequence_gaps(world.hq.store, "return", world.inspection_id, "INS-A") == []
    finally:
        world.close()
