"""Purge cleans the older copies of the database instead of deleting them: a copy may hold the only copy of
work the live database no longer has (a restore put an older backup in place). An interrupted purge is
finished by the next one, fresh backup included."""

from __future__ import annotations

import os
import sqlite3
import time

import pytest

from omi_desktop.core.inspections import list_cases
from omi_desktop.core.review import open_case_review, set_note
from omi_desktop.core.store import Store
from omi_desktop.core.store import backup as backups
from omi_desktop.core.store.backup import restore_backup
from omi_desktop.core.sync.receipts import copies_to_clean, import_receipt, issue_receipt, purge, purgeable
from tests.helpers.sync_world import make_world

NOTE = "Only written after the backup: the probation officer rang back on Tuesday"


def _files_holding(folder, needle: bytes) -> list[str]:
    return sorted(
        str(f.relative_to(folder)) for f in folder.rglob("*") if f.is_file() and needle in f.read_bytes()
    )


def _receipt(world, tmp_path, party) -> None:
    receipt = issue_receipt(
        world.hq.store, world.hq.keys, inspector_id=party.id, out=tmp_path / "r.omir",
        inspection_ref=world.inspection_id,
    )  # fmt: skip
    import_receipt(party.store, receipt.path, party.keys)


@pytest.fixture
def world(tmp_path):
    world = make_world(tmp_path, inspectors=("INS-A",), lead=None, cases_each=4)
    world.assign("INS-A")
    yield world
    world.close()


def test_purge_cleans_a_restored_away_copy_and_keeps_the_work_only_it_holds(world, tmp_path):
    party = world["INS-A"]
    world.answer("INS-A", references=["C001", "C002", "C003"])
    world.hq_import(world.export("INS-A"))
    manual = party.store.backup_now("manual")
    c004 = next(c for c in list_cases(party.store, world.inspection_id) if c.reference == "C004")
    view = open_case_review(party.store, c004.id, actor="INS-A")
    set_note(party.store, view.review.id, "1.1.1", NOTE, actor="INS-A")
    party.store.close()  # a close backup: it holds the note too
    aside = restore_backup(party.data_dir / "omi.sqlite3", manual.path)  # the note now lives only aside
    party.store = Store.open(party.data_dir)
    _receipt(world, tmp_path, party)
    assert _files_holding(party.data_dir, NOTE.encode())

    dry = copies_to_clean(party.store, purgeable(party.store))
    report = purge(party.store)
    assert len(report.items) == 3
    cleaned = report.copies.cleaned
    assert str((aside / "omi.sqlite3").relative_to(party.data_dir)) in cleaned
    assert str(manual.path.relative_to(party.data_dir)) in cleaned
    assert sorted(dry) == sorted(cleaned)
    assert report.copies.removed == []
    for n in (1, 2, 3):  # the purged family names are in no file
        assert _files_holding(party.data_dir, f"Sampleford{n}".encode()) == []
    copy = sqlite3.connect(aside / "omi.sqlite3")
    try:
        notes = [r[0] for r in copy.execute("SELECT note FROM answer WHERE review_id = ?", (view.review.id,))]
        assert NOTE in notes  # the work not yet acknowledged survives in the cleaned copy
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        purged = copy.execute("SELECT count(*) FROM review_sync WHERE purged_at IS NOT NULL").fetchone()[0]
        assert purged == 3  # the tombstones came along: restored, the copy shows the reviews as purged
    finally:
        copy.close()
    assert backups.verify_backup(manual.path)  # still a sound backup, ready to restore


def test_a_purge_killed_while_taking_the_fresh_backup_takes_it_on_the_next_run(world, tmp_path, monkeypatch):
    party = world["INS-A"]
    world.answer("INS-A", references=["C001"])
    world.hq_import(world.export("INS-A"))
    _receipt(world, tmp_path, party)
    party.store.backup_now("manual")
    real = backups.copy_database

    def killed(source, dest, **kw):
        dest.with_name(dest.name + ".partial").write_bytes(b"half a backup")
        raise KeyboardInterrupt  # the program is stopped while the fresh backup is written

    monkeypatch.setattr(backups, "copy_database", killed)
    with pytest.raises(KeyboardInterrupt):
        purge(party.store)
    monkeypatch.setattr(backups, "copy_database", real)
    [partial] = party.store.backups_dir.glob("*.partial")
    old = time.time() - 3600
    os.utime(partial, (old, old))

    again = purge(party.store)
    assert again.items == []
    assert again.copies.fresh_backup is not None  # the backup the killed run did not take
    assert again.copies.stale_removed == [str(partial.relative_to(party.data_dir))]
    assert not list(party.store.backups_dir.glob("*.partial"))
    assert purge(party.store).copies.fresh_backup is None  # done: no further backup is needed


def test_a_copy_holding_a_newer_version_than_head_office_acknowledged_keeps_it(world, tmp_path, omi):
    from omi_desktop.core.review import answer, finalise, reopen

    party = world["INS-A"]
    [review_id] = world.answer("INS-A", references=["C001"])
    world.hq_import(world.export("INS-A"))
    exported = party.store.backup_now("manual")
    reopen(party.store, review_id, actor="INS-A", reason="late evidence")
    answer(party.store, review_id, "1.2.4", NOTE, actor="INS-A")
    finalise(party.store, review_id, actor="INS-A")
    closed = party.store.close()  # the close backup holds the newer version too
    aside = restore_backup(
        party.data_dir / "omi.sqlite3", exported.path
    )  # as does what the restore set aside
    party.store = Store.open(party.data_dir)
    _receipt(world, tmp_path, party)  # acknowledges the version exported, the one now in place

    assert copies_to_clean(party.store, purgeable(party.store)) == [
        str(exported.path.relative_to(party.data_dir))
    ]  # the dry run names only what will be cleaned
    party.store.close()
    shown = omi("purge", "--acknowledged", "--json", "--data-dir", party.data_dir)
    assert shown.code == 0, shown.err
    report = shown.json()
    assert [i["case_reference"] for i in report["reviews"]] == ["C001"]
    newer = sorted(str(p.relative_to(party.data_dir)) for p in (closed.path, aside / "omi.sqlite3"))
    assert report["copies"]["kept_newer"] == {name: ["C001"] for name in newer}
    assert report["copies"]["removed"] == []
    assert _files_holding(party.data_dir, NOTE.encode()) == newer  # that version is still there to send
    assert str(exported.path.relative_to(party.data_dir)) in report["copies"]["cleaned"]
    again = omi("purge", "--acknowledged", "--data-dir", party.data_dir)  # nothing new; the copies are named
    assert f"Kept in {newer[0]}: a newer version of C001 than head office acknowledged" in again.out
