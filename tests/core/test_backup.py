"""Backups: ``omi backup create | list | restore``, verified restores, rotation, and the automatic backups."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from omi_desktop.core.store import DB_FILENAME, Store
from omi_desktop.core.store import store as store_module
from omi_desktop.core.store.backup import KEEP_PER_REASON, list_backups
from omi_desktop.core.store.tables import Region
from tests.conftest import subprocess_env

PAGE_SIZE = 4096
BTREE_PAGE_TYPES = {0x02, 0x05, 0x0A, 0x0D}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def regions(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT code, name FROM region"))
    finally:
        conn.close()


def put_regions(data_dir: Path, rows: dict[str, str | None]) -> None:
    """Insert, rename (name given) or delete (name None) regions in one durable write."""
    with Store.open(data_dir) as store, store.write() as session:
        existing = {r.code: r for r in session.exec(select(Region)).all()}
        for code, name in rows.items():
            if name is None:
                session.delete(existing[code])
            elif code in existing:
                existing[code].name = name
            else:
                session.add(Region(code=code, name=name))


def files_in(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {p.name: sha256(p) for p in folder.iterdir() if p.is_file()}


def assert_one_line_refusal(result, *needles: str) -> None:
    assert result.code == 1, result
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("omi: ")
    for needle in needles:
        assert needle in lines[0], lines[0]


ORIGINAL = {"R1": "Rhanbarth Un", "R2": "Ardal Dau — ŵ ŷ"}


# -- create, list, restore --------------------------------------------------------------------------------
def test_backup_and_restore_round_trip(data_dir, omi):
    put_regions(data_dir, ORIGINAL)
    created = omi("backup", "create", "--data-dir", data_dir, "--json")
    assert created.code == 0, created.err
    backup = Path(created.json()["file"])
    assert created.json()["reason"] == "manual"
    assert backup.parent == data_dir / "backups"
    backup_digest = sha256(backup)

    put_regions(data_dir, {"R1": "Renamed after the backup", "R2": None, "R3": "Added after the backup"})
    changed = regions(data_dir / DB_FILENAME)

    restored = omi("backup", "restore", backup, "--data-dir", data_dir, "--json")

    assert restored.code == 0, restored.err
    assert regions(data_dir / DB_FILENAME) == ORIGINAL
    replaced = Path(restored.json()["replaced_files"])
    assert replaced.parent == data_dir / "replaced"
    assert regions(replaced / DB_FILENAME) == changed  # the replaced file is kept, with the changed data
    assert sha256(backup) == backup_digest  # the backup itself is untouched and can be restored again
    with Store.open(data_dir) as store, store.read() as session:
        assert {r.code: r.name for r in session.exec(select(Region)).all()} == ORIGINAL
        assert session.connection().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_backup_is_one_self_contained_sound_file(data_dir, omi):
    put_regions(data_dir, ORIGINAL)
    backup = Path(omi("backup", "create", "--data-dir", data_dir, "--json").json()["file"])
    assert not backup.with_name(backup.name + "-wal").exists()
    conn = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    assert regions(backup) == ORIGINAL
    assert not list(backup.parent.glob("*.partial"))


def test_backup_list_shows_newest_first(data_dir, omi):
    put_regions(data_dir, ORIGINAL)  # closing after a write leaves a 'close' backup
    first = omi("backup", "create", "--data-dir", data_dir, "--json").json()
    second = omi("backup", "create", "--data-dir", data_dir, "--json").json()

    listed = omi("backup", "list", "--data-dir", data_dir, "--json")
    assert listed.code == 0
    assert [(b["file"], b["reason"]) for b in listed.json()[:2]] == [
        (second["file"], "manual"),
        (first["file"], "manual"),
    ]
    assert [b["reason"] for b in listed.json()[2:]] == ["close"]
    human = omi("backup", "list", "--data-dir", data_dir)
    assert Path(second["file"]).name in human.out.splitlines()[1]


# -- refused restores ---------------------------------------------------------------------------------------
def flip_a_page_in_the_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = len(data) // PAGE_SIZE // 2
    start = page * PAGE_SIZE
    # SQLite keeps no checksums, so flipped bytes inside a stored value would go unnoticed by any check;
    # flip the header of a b-tree page in the middle of the file, which PRAGMA integrity_check must catch.
    assert data[start] in BTREE_PAGE_TYPES, "the middle page should be a b-tree page"
    for i in range(start, start + 16):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def truncate_to_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def replace_with_text(path: Path) -> None:
    path.write_text("This is a shopping list, not a backup.\nbara, llaeth, caws\n", encoding="utf-8")


def another_programs_database(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('cawl')")
    conn.commit()
    conn.close()


def a_newer_programs_backup(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM alembic_version")
    conn.execute("INSERT INTO alembic_version (version_num) VALUES ('9999_future')")
    conn.execute("UPDATE omi_meta SET value = '9.9.9' WHERE key = 'program_version'")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (flip_a_page_in_the_middle, "damaged"),
        (truncate_to_half, "damaged"),
        (replace_with_text, "not a database backup"),
        (another_programs_database, "not an OMI Desktop database"),
        (a_newer_programs_backup, "9.9.9"),
    ],
    ids=["flipped-bytes", "truncated", "text-file", "foreign-sqlite", "newer-schema"],
)
def test_a_bad_backup_is_refused_and_nothing_is_replaced(data_dir, tmp_path, omi, spoil, expected):
    # Enough rows for a file of many pages, so "the middle of the file" is well inside the data.
    put_regions(data_dir, {f"R{i:03d}": f"Rhanbarth {i} " + "ŵ" * 200 for i in range(300)})
    backup = Path(omi("backup", "create", "--data-dir", data_dir, "--json").json()["file"])
    bad = tmp_path / "bad-backup.sqlite3"
    shutil.copyfile(backup, bad)
    spoil(bad)
    put_regions(data_dir, {"R000": "changed after the backup"})
    data_before = files_in(data_dir)
    backups_before = files_in(data_dir / "backups")

    result = omi("backup", "restore", bad, "--data-dir", data_dir)

    assert_one_line_refusal(result, expected)
    data_after = files_in(data_dir)
    data_after.pop("omi.lock", None)  # the restore checks the app's lock file; that is not data
    assert data_after == data_before  # the database (and nothing beside it) is unchanged
    assert files_in(data_dir / "backups") == backups_before
    assert not (data_dir / "replaced").exists()
    assert regions(data_dir / DB_FILENAME)["R000"] == "changed after the backup"


def test_restoring_a_missing_file_is_refused(data_dir, tmp_path, omi):
    put_regions(data_dir, ORIGINAL)
    result = omi("backup", "restore", tmp_path / "no-such-backup.sqlite3", "--data-dir", data_dir)
    assert_one_line_refusal(result, "does not exist")
    assert regions(data_dir / DB_FILENAME) == ORIGINAL


HOLD_INSTANCE_LOCK = """
import sys
from pathlib import Path
from omi_desktop.core.store.lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
assert lock.acquire()
print("held", flush=True)
sys.stdin.read()
"""


def test_restore_is_refused_while_the_app_runs_on_the_data_folder(data_dir, omi):
    put_regions(data_dir, ORIGINAL)
    backup = Path(omi("backup", "create", "--data-dir", data_dir, "--json").json()["file"])
    put_regions(data_dir, {"R1": "changed after the backup"})
    db_digest = sha256(data_dir / DB_FILENAME)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_INSTANCE_LOCK, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=subprocess_env(),
    )
    try:
        assert holder.stdout.readline() == "held\n"

        result = omi("backup", "restore", backup, "--data-dir", data_dir)

        assert_one_line_refusal(result, "running", "close it")
        assert sha256(data_dir / DB_FILENAME) == db_digest
        assert not (data_dir / "replaced").exists()
    finally:
        holder.kill()
        holder.wait(timeout=30)
        holder.stdout.close()
        holder.stdin.close()

    # The lock died with its process: nothing stale is left to block the restore.
    assert omi("backup", "restore", backup, "--data-dir", data_dir).code == 0
    assert regions(data_dir / DB_FILENAME) == ORIGINAL


# -- rotation and automatic backups --------------------------------------------------------------------
def test_automatic_backups_rotate_and_the_others_are_kept(data_dir):
    put_regions(data_dir, ORIGINAL)
    shutil.rmtree(data_dir / "backups")
    made: dict[str, list[Path]] = {"auto": [], "close": [], "manual": [], "pre-upgrade": []}
    with Store.open(data_dir) as store:
        for reason, count in (("auto", 13), ("close", 12), ("manual", 11), ("pre-upgrade", 1)):
            for _ in range(count):
                made[reason].append(store.backup_now(reason).path)
        kept = store.list_backups()

    by_reason = {reason: {b.path for b in kept if b.reason == reason} for reason in made}
    assert KEEP_PER_REASON == 10
    assert by_reason["auto"] == set(made["auto"][-10:])  # the newest ten
    assert by_reason["close"] == set(made["close"][-10:])
    assert by_reason["manual"] == set(made["manual"])  # all of them
    assert by_reason["pre-upgrade"] == set(made["pre-upgrade"])
    on_disk = {p for p in (data_dir / "backups").iterdir()}
    assert on_disk == {b.path for b in kept}


def test_maybe_backup_needs_a_change_and_the_interval(data_dir, monkeypatch):
    with Store.open(data_dir) as store:
        assert store.maybe_backup() is None  # nothing changed
        with store.write() as session:
            session.add(Region(code="R1", name="Rhanbarth Un"))
        assert store.maybe_backup() is None  # changed, but ten minutes have not passed

        monkeypatch.setattr(store_module, "AUTO_BACKUP_INTERVAL_S", 0)
        first = store.maybe_backup()
        assert first is not None and first.reason == "auto"
        assert regions(first.path) == {"R1": "Rhanbarth Un"}
        assert store.maybe_backup() is None  # interval passed, but nothing changed since

        with store.write() as session:
            session.add(Region(code="R2", name="Ardal Dau"))
        second = store.maybe_backup()
        assert second is not None and second.reason == "auto"
        assert regions(second.path) == {"R1": "Rhanbarth Un", "R2": "Ardal Dau"}

        monkeypatch.setattr(store_module, "AUTO_BACKUP_INTERVAL_S", 3600)
        with store.write() as session:
            session.add(Region(code="R3", name="Ardal Tri"))
        assert store.maybe_backup() is None  # the last backup is too recent
    # Closing backs up what the automatic backups do not hold yet.
    kept = list_backups(data_dir / "backups")
    assert [b.reason for b in kept] == ["close", "auto", "auto"]
    assert regions(kept[0].path) == {"R1": "Rhanbarth Un", "R2": "Ardal Dau", "R3": "Ardal Tri"}


def test_close_backs_up_after_writes_only(data_dir):
    store = Store.open(data_dir)
    assert store.close() is None  # nothing written, no backup
    assert not (data_dir / "backups").exists()

    store = Store.open(data_dir)
    with store.write() as session:
        session.add(Region(code="R1", name="Rhanbarth Un"))
    info = store.close()
    assert info is not None and info.reason == "close"
    assert regions(info.path) == {"R1": "Rhanbarth Un"}


def test_commands_in_a_burst_leave_one_close_backup_holding_everything(data_dir, monkeypatch):
    # Scripts that run one command per answer must not pile up a backup per answer, nor leave the last
    # answers out of every backup.
    put_regions(data_dir, ORIGINAL)
    for code, name in (("R3", "Ardal Tri"), ("R4", "Ardal Pedwar")):
        store = Store.open(data_dir)
        with store.write() as session:
            session.add(Region(code=code, name=name))
        info = store.close(coalesce=True)
        assert info is not None and info.reason == "close"
    kept = [b for b in list_backups(data_dir / "backups") if b.reason == "close"]
    assert len(kept) == 1
    assert {"R3", "R4"} <= set(regions(kept[0].path))

    monkeypatch.setattr(store_module, "CLOSE_BACKUP_MIN_GAP_S", 0)  # a minute later: a new one beside it
    store = Store.open(data_dir)
    with store.write() as session:
        session.add(Region(code="R5", name="Ardal Pump"))
    store.close(coalesce=True)
    assert len([b for b in list_backups(data_dir / "backups") if b.reason == "close"]) == 2
