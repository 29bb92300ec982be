"""Purge reaches every copy of the database in the data folder: backups holding purged data are cleaned of
it (and so are databases a restore set aside), a fresh backup of the purged store is taken, and an
interrupted purge is finished by the next one."""

from __future__ import annotations

import shutil

import pytest

from omi_desktop.core.sync.purgecopies import copy_holds, purged_ids
from omi_desktop.core.sync.receipts import _purge_store, import_receipt, issue_receipt, purge
from tests.helpers.sync_world import make_world


@pytest.fixture
def party(tmp_path):
    world = make_world(tmp_path, inspectors=("INS-A",), lead=None, cases_each=2)
    world.assign("INS-A")
    world.answer("INS-A")
    world.hq_import(world.export("INS-A"))
    receipt = issue_receipt(
        world.hq.store, world.hq.keys, inspector_id="INS-A", out=tmp_path / "r.omir",
        inspection_ref=world.inspection_id,
    )  # fmt: skip
    party = world["INS-A"]
    import_receipt(party.store, receipt.path, party.keys)
    yield party
    world.close()


def _files_holding(folder, needle: bytes) -> list[str]:
    return sorted(
        str(f.relative_to(folder)) for f in folder.rglob("*") if f.is_file() and needle in f.read_bytes()
    )


def test_purge_cleans_backups_and_restore_leftovers_holding_the_data_and_takes_a_fresh_backup(party):
    store = party.store
    manual = store.backup_now("manual")
    aside = store.data_dir / "replaced" / "20260101T000000.000000Z"
    aside.mkdir(parents=True)
    shutil.copy(manual.path, aside / "omi.sqlite3")
    assert _files_holding(store.data_dir, b"Sampleford")  # the cases' family names are everywhere

    report = purge(store)
    assert len(report.items) == 2
    assert report.copies.cleaned == [
        str(manual.path.relative_to(store.data_dir)),
        "replaced/20260101T000000.000000Z/omi.sqlite3",
    ]
    assert report.copies.removed == [] and (aside / "omi.sqlite3").exists()
    fresh = store.data_dir / report.copies.fresh_backup
    assert [b.path for b in store.list_backups()] == [fresh, manual.path]
    assert report.copies.log_cleared
    assert _files_holding(store.data_dir, b"Sampleford") == []

    # Nothing new to purge: the clean backups stay, none is added.
    again = purge(store)
    assert (again.items, again.copies.cleaned, again.copies.fresh_backup) == ([], [], None)
    assert [b.path for b in store.list_backups()] == [fresh, manual.path]


def test_a_purge_interrupted_before_the_backups_is_finished_by_the_next(party):
    store = party.store
    old = store.backup_now("close")
    assert len(_purge_store(store)) == 2  # the store is purged; the crash comes before the copies
    assert copy_holds(old.path, purged_ids(store))
    report = purge(store)
    assert report.items == [] and report.copies.cleaned == [str(old.path.relative_to(store.data_dir))]
    assert report.copies.fresh_backup is not None
    assert _files_holding(store.data_dir, b"Sampleford") == []


def test_an_unreadable_copy_cannot_be_shown_clean_and_is_deleted(party):
    store = party.store
    store.backups_dir.mkdir(exist_ok=True)
    broken = store.backups_dir / "omi-20260101T000000.000000Z-manual.sqlite3"
    broken.write_bytes(b"not a database, but it might hold Sampleford1")
    report = purge(store)
    assert str(broken.relative_to(store.data_dir)) in report.copies.removed
    assert not broken.exists()


def test_the_purge_command_says_what_happened_to_the_backups(party, omi):
    party.store.backup_now("manual")
    manual = party.store.list_backups()[0].path.relative_to(party.data_dir)
    party.store.close()
    dry = omi("purge", "--acknowledged", "--dry-run", "--data-dir", party.data_dir)
    assert "This older copy of the data holds their data: it would be cleaned of it" in dry.out
    assert f"  {manual}\n" in dry.out and "A fresh backup would be taken." in dry.out
    result = omi("purge", "--acknowledged", "--data-dir", party.data_dir)
    assert result.code == 0, result.err
    assert "Cleaned 1 older copy of the data of purged reviews (other work in it is kept):" in result.out
    assert f"  {manual}\n" in result.out
    assert "A fresh backup of the purged data was taken: backups" in result.out


def test_a_purged_review_says_its_data_was_removed_not_that_nothing_was_answered(party, omi):
    receipt_id = purge(party.store).items[0].receipt_id
    party.store.close()
    where = ["--data-dir", party.data_dir]
    listed = omi("case", "list", *where)
    assert listed.code == 0, listed.err
    rows = [line for line in listed.out.splitlines() if line.startswith("C0")]
    assert len(rows) == 2
    assert all(f"data removed after receipt {receipt_id[:8]} on " in row for row in rows)
    assert all("(head office holds it)" in row for row in rows)
    cases = omi("case", "list", "--json", *where).json()["cases"]
    assert all(c["purged"]["receipt_id"] == receipt_id for c in cases)
    shown = omi("review", "show", cases[0]["reference"], *where)
    assert shown.code == 0, shown.err
    assert f"data removed after receipt {receipt_id[:8]} on " in shown.out
    assert "not answered" not in shown.out and "100%" not in shown.out
    as_json = omi("review", "show", cases[0]["reference"], "--json", *where).json()
    assert as_json["purged"]["receipt_id"] == receipt_id and "questions" not in as_json


def test_scores_and_the_interim_report_count_what_they_cover_and_say_what_was_removed(tmp_path, omi):
    from pypdf import PdfReader

    from omi_desktop.core.reports.interim import interim_pdf
    from omi_desktop.core.scoring import inspection_scores

    world = make_world(tmp_path / "w", inspectors=("INS-A",), lead=None, cases_each=3)
    try:
        world.assign("INS-A")
        world.answer("INS-A", references=["C001", "C002"])
        world.hq_import(world.export("INS-A"))
        receipt = issue_receipt(
            world.hq.store, world.hq.keys, inspector_id="INS-A", out=tmp_path / "r.omir",
            inspection_ref=world.inspection_id,
        )  # fmt: skip
        party = world["INS-A"]
        import_receipt(party.store, receipt.path, party.keys)
        assert len(purge(party.store).items) == 2
        world.answer("INS-A", references=["C003"])
        assert inspection_scores(party.store, world.inspection_id).reviews == 1
        party.store.close()
        shown = omi("scores", "--data-dir", party.data_dir)
        assert shown.code == 0, shown.err
        assert "1 finalised reviews counted; 2 removed after receipt (held at head office)" in shown.out
        assert omi("scores", "--json", "--data-dir", party.data_dir).json()["purged"] == 2
        from omi_desktop.core.store import Store

        with Store.open(party.data_dir) as store:
            interim_pdf(store, out=tmp_path / "interim.pdf")
        text = " ".join((PdfReader(tmp_path / "interim.pdf").pages[0].extract_text() or "").split())
        assert "based on 1 of 3 cases" in text
    finally:
        world.close()
