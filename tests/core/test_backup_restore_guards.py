"""Restoring a backup: never under a program that has the store open, and only from a real backup file.

Every program with the store open (an ``omi`` command, the window) holds the data folder's use lock shared;
a restore takes it exclusive, so it refuses while any of them runs, and none can open the store until the
restore is done.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from omi_desktop.core.store import DB_FILENAME, Store
from omi_desktop.core.store.lock import UseLock
from omi_desktop.core.store.tables import Region
from tests.conftest import subprocess_env

WRITER = Path(__file__).resolve().parents[1] / "reliability" / "answer_writer.py"


def a_backup(data_dir: Path) -> Path:
    """A store holding one region, and a manual backup of it."""
    with Store.open(data_dir) as store:
        with store.write() as session:
            session.add(Region(code="R1", name="Rhanbarth Un"))
        return store.backup_now("manual").path


def region_names(data_dir: Path) -> dict[str, str]:
    with Store.open(data_dir) as store, store.read() as session:
        return dict(session.connection().exec_driver_sql("SELECT code, name FROM region").fetchall())


def assert_one_line_refusal(result, *needles: str) -> None:
    assert result.code == 1, result
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("omi: "), result.err
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_restore_is_refused_while_another_program_writes_to_the_store(data_dir, omi):
    backup = a_backup(data_dir)
    # A real writer in another process: it opens the store as every omi command does, and answers
    # questions one durable write after another until it is stopped.
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=subprocess_env(),
    )
    try:
        assert writer.stdout.readline() == "ready\n", writer.stderr.read()
        assert writer.stdout.readline().startswith("ack ")

        result = omi("backup", "restore", backup, "--data-dir", data_dir)

        assert_one_line_refusal(result, "is using this data folder", "before restoring a backup")
        assert not (data_dir / "replaced").exists()
        assert writer.poll() is None  # the writer was left alone ...
        assert writer.stdout.readline().startswith("ack ")  # ... and is still writing to the same file
    finally:
        writer.kill()
        writer.wait(timeout=30)
        writer.stdout.close()
        writer.stderr.close()

    # Once it has stopped, the restore goes ahead; the writer's work is kept aside.
    restored = omi("backup", "restore", backup, "--data-dir", data_dir, "--json")
    assert restored.code == 0, restored.err
    assert region_names(data_dir) == {"R1": "Rhanbarth Un"}
    replaced = Path(restored.json()["replaced_files"])
    assert (replaced / DB_FILENAME).is_file()


def test_no_command_opens_the_store_while_a_restore_runs(data_dir, omi):
    a_backup(data_dir)
    restore = UseLock(data_dir)  # what 'omi backup restore' holds while it replaces the files
    assert restore.acquire(exclusive=True)
    try:
        result = omi("backup", "list", "--data-dir", data_dir)
        assert_one_line_refusal(result, "a backup is being restored", str(data_dir), "try again")
    finally:
        restore.release()
    assert omi("backup", "list", "--data-dir", data_dir).code == 0


def test_restoring_a_folder_says_it_is_a_folder(data_dir, omi):
    a_backup(data_dir)
    result = omi("backup", "restore", data_dir / "backups", "--data-dir", data_dir)
    assert_one_line_refusal(result, f"{data_dir / 'backups'} is a folder, not a backup file")
    assert not (data_dir / "replaced").exists()


def test_restoring_into_a_folder_without_a_database_keeps_nothing_aside(tmp_path, data_dir, omi):
    backup = a_backup(data_dir)
    empty = tmp_path / "new-laptop"
    empty.mkdir()

    restored = omi("backup", "restore", backup, "--data-dir", empty)

    assert restored.code == 0, restored.err
    assert restored.out == f"Restored {backup}.\n"  # no word of replaced files: there were none
    assert not (empty / "replaced").exists()
    assert region_names(empty) == {"R1": "Rhanbarth Un"}
    again = omi("backup", "restore", backup, "--data-dir", tmp_path / "another", "--json")
    assert again.code == 1  # no data folder at all: refused, as before
    second = tmp_path / "second"
    second.mkdir()
    as_json = omi("backup", "restore", backup, "--data-dir", second, "--json")
    assert as_json.json() == {"restored": str(backup), "replaced_files": None}
