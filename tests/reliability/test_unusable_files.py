"""A database file the program may not write, or a folder where the database should be: refused up front,
with the path named, and nothing created beside it, so that fixing the one thing named is enough.

The read-only cases run the command in a child process without the power to override file permissions: for
an ordinary user that is simply the user; when the tests run as root, the child drops CAP_DAC_OVERRIDE
(root would otherwise write to a 0400 file as if it were 0600).
"""

from __future__ import annotations

import ctypes
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from omi_desktop.core.errors import StoreError
from omi_desktop.core.store import DB_FILENAME, Store
from omi_desktop.core.store.lock import USE_LOCK_FILENAME
from omi_desktop.core.store.tables import Region
from tests.conftest import subprocess_env

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1


def _without_permission_override() -> None:  # runs in the child between fork and exec
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop CAP_DAC_OVERRIDE")


def omi_as_a_user(*argv: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "omi_desktop", *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=120,
        env=subprocess_env(PYTHONDONTWRITEBYTECODE="1"),
        preexec_fn=_without_permission_override,
    )


def listing(folder: Path) -> dict[str, int]:
    """Every path under ``folder`` with its permission bits."""
    return {str(p.relative_to(folder)): stat.S_IMODE(p.stat().st_mode) for p in folder.rglob("*")}


def assert_one_line_refusal(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode == 1, proc
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("omi: "), proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture
def store_dir(data_dir) -> Path:
    with Store.open(data_dir) as store, store.write() as session:
        session.add(Region(code="R1", name="Rhanbarth Un"))
    return data_dir


def test_a_read_only_database_is_refused_and_making_it_writable_is_enough(store_dir):
    db = store_dir / DB_FILENAME
    db.chmod(0o400)
    (store_dir / USE_LOCK_FILENAME).unlink()  # made by the fixture's (closed) store: gone, to see none made
    before = listing(store_dir)

    refused = omi_as_a_user("demo", "--data-dir", store_dir)

    assert_one_line_refusal(refused, f"the database {db} cannot be written (read-only)")
    assert listing(store_dir) == before  # no -wal or -shm beside it, no keys/ folder, no lock file
    assert not (store_dir / USE_LOCK_FILENAME).exists()

    db.chmod(0o600)
    again = omi_as_a_user("demo", "--data-dir", store_dir)
    assert again.returncode == 0, again.stderr
    assert "Created the training inspection" in again.stdout


def test_a_read_only_working_file_is_named(store_dir):
    # What the refused run above used to leave: working files as read-only as the database was.
    db = store_dir / DB_FILENAME
    wal = store_dir / f"{DB_FILENAME}-wal"
    wal.write_bytes(b"")
    wal.chmod(0o400)
    before = listing(store_dir)

    refused = omi_as_a_user("backup", "list", "--data-dir", store_dir)

    assert_one_line_refusal(refused, f"{wal}, a working file of the database {db.name}, cannot be written")
    assert listing(store_dir) == before
    wal.chmod(0o600)
    assert omi_as_a_user("backup", "list", "--data-dir", store_dir).returncode == 0


def test_a_folder_named_like_the_database_is_refused(data_dir, omi):
    db = data_dir / DB_FILENAME
    db.mkdir(parents=True)
    before = listing(data_dir)

    result = omi("backup", "list", "--data-dir", data_dir)

    assert result.code == 1 and result.out == ""
    assert result.err.splitlines() == [
        f"omi: {db} is a folder, not a database file; move it out of the way and try again"
    ]
    assert listing(data_dir) == before
    with pytest.raises(StoreError, match="is a folder, not a database file"):
        Store.open(data_dir)
