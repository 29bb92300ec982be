"""A full disk, made real for a child process with RLIMIT_FSIZE: no file it writes may grow past the limit,
and the write fails with EFBIG exactly as it would with ENOSPC. Clear message, exit 1, nothing changed; or,
when only the close backup failed after a saved change, exit 0 and a one-line warning."""

from __future__ import annotations

import hashlib
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from omi_desktop.core.demo import make_demo
from omi_desktop.core.store import DB_FILENAME, Store
from omi_desktop.core.store.tables import Region
from tests.conftest import subprocess_env


def file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:  # runs in the child between fork and exec
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def run_limited(limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=subprocess_env(PYTHONDONTWRITEBYTECODE="1"),
        preexec_fn=file_size_limit(limit),
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha256(p) for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def big_store(data_dir) -> Path:
    """A closed store of about 300 KB, with no backups."""
    with Store.open(data_dir) as store, store.write() as session:
        for i in range(300):
            session.add(Region(code=f"R{i:03d}", name=f"Rhanbarth {i} " + "ŵ" * 200))
    for backup in (data_dir / "backups").iterdir():
        backup.unlink()
    assert (data_dir / DB_FILENAME).stat().st_size > 250_000
    return data_dir


def assert_one_line_refusal(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode == 1, proc
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("omi: ")
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_a_backup_on_a_full_disk_fails_cleanly(big_store):
    before = snapshot(big_store)
    # Room for the data folder probe and SQLite's 32 KB shared-memory file, not for a 300 KB copy.
    proc = run_limited(100_000, "-m", "omi_desktop", "backup", "create", "--data-dir", str(big_store))

    assert_one_line_refusal(proc, "could not copy the database")
    assert list((big_store / "backups").iterdir()) == []  # no partial copy left behind
    after = snapshot(big_store)
    assert after[DB_FILENAME] == before[DB_FILENAME]
    # Opening the store read-only may leave SQLite's empty WAL and shared-memory files; nothing else is new.
    assert set(after) - set(before) <= {f"{DB_FILENAME}-wal", f"{DB_FILENAME}-shm"}
    wal = big_store / f"{DB_FILENAME}-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_data_folder_on_a_full_disk_is_refused(big_store):
    before = snapshot(big_store)
    proc = run_limited(1, "-m", "omi_desktop", "backup", "list", "--data-dir", str(big_store))
    assert_one_line_refusal(proc, "cannot be written", str(big_store))
    assert snapshot(big_store) == before


WRITE_A_LONG_NOTE = """
import sys
from pathlib import Path
from omi_desktop.core.errors import StoreError
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Region
store = Store.open(Path(sys.argv[1]))
try:
    with store.write() as session:
        session.add(Region(code="BIG", name="x" * 400_000))
except StoreError as error:
    print(error)
    sys.exit(1)
finally:
    store.close()
"""


def test_a_write_on_a_full_disk_saves_nothing_and_says_why(big_store):
    db = big_store / DB_FILENAME
    before = sha256(db)

    proc = run_limited(200_000, "-c", WRITE_A_LONG_NOTE, str(big_store))

    assert proc.returncode == 1, proc.stderr
    assert "is it full?" in proc.stdout and "nothing was saved" in proc.stdout
    assert "Traceback" not in proc.stderr
    assert sha256(db) == before
    with Store.open(big_store) as store, store.read() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert connection.exec_driver_sql("SELECT count(*) FROM region WHERE code = 'BIG'").scalar() == 0
        assert connection.exec_driver_sql("SELECT count(*) FROM region").scalar() == 300


def test_an_answer_saved_before_the_close_backup_fails_keeps_exit_0_and_warns(data_dir, omi):
    # The answer's few pages fit under the limit (the WAL grows by a few KB); a copy of the whole
    # database for the close backup does not. The answer is saved: exit 0, and one line says what failed.
    with Store.open(data_dir) as store:
        make_demo(store)
    shutil.rmtree(data_dir / "backups")
    assert (data_dir / DB_FILENAME).stat().st_size > 300_000

    proc = run_limited(
        200_000,
        "-m",
        "omi_desktop",
        "review",
        "answer",
        "TRN00001",
        "1.1.1",
        "yes",
        "--data-dir",
        str(data_dir),
    )

    assert proc.returncode == 0, proc
    assert proc.stdout.startswith("TRN00001 1.1.1 = Yes")
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(
        "omi: warning: the changes were saved, but the automatic backup was not made: "
    )
    assert "could not copy the database" in lines[0] and "is the disk full?" in lines[0]
    assert list((data_dir / "backups").iterdir()) == []  # no partial copy left behind
    with Store.open(data_dir) as store, store.read() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    shown = omi("review", "show", "TRN00001", "--json", "--data-dir", data_dir)
    assert shown.code == 0, shown.err
    assert {q["id"]: q["value"] for q in shown.json()["questions"]}["1.1.1"] == "yes"
