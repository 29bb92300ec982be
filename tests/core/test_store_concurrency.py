"""Opening the store while other programs use the same data folder: no false refusals.

Another program's last connection removes the database's working files (``-wal``, ``-shm``) when it closes,
and a restore moves the database itself aside; a command that looks at those files at that moment must not
mistake them for unreadable or damaged files.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from omi_desktop.core.errors import OmiError, StoreError
from omi_desktop.core.store import DB_FILENAME, Store
from omi_desktop.core.store import lock as lock_module
from omi_desktop.core.store.lock import InstanceLock, UseLock
from omi_desktop.core.store.tables import Region
from tests.conftest import subprocess_env

RESTORE_SECONDS = 3.0
BEING_RESTORED = "a backup is being restored"


def a_store_with_a_backup(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        with store.write() as session:
            session.add(Region(code="R1", name="Rhanbarth Un"))
        return store.backup_now("manual").path


def child(code: str, *argv: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *map(str, argv)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=subprocess_env(),
    )


# -- a working file that vanishes while it is checked ---------------------------------------------------
def test_a_working_file_removed_by_another_program_while_it_is_checked_is_no_refusal(data_dir, monkeypatch):
    a_store_with_a_backup(data_dir)
    wal = data_dir / f"{DB_FILENAME}-wal"
    wal.write_bytes(b"")  # left by another program, whose last connection closes ...
    real_stat = os.stat
    vanished: list[Path] = []

    def stat_then_vanish(path, *args, **kwargs):
        result = real_stat(path, *args, **kwargs)
        if os.fspath(path) == str(wal) and not vanished:
            os.unlink(wal)  # ... right after this program has seen the file
            vanished.append(wal)
        return result

    monkeypatch.setattr(os, "stat", stat_then_vanish)
    with Store.open(data_dir) as store, store.read() as session:
        names = session.connection().execute(text("SELECT name FROM region")).scalars().all()
    assert names == ["Rhanbarth Un"]
    assert vanished == [wal]  # the file was seen, then gone, while the store was being opened


# -- commands started while a restore runs --------------------------------------------------------------
RESTORER = """
    import sys, time
    from pathlib import Path
    from omi_desktop.core.store import DB_FILENAME
    from omi_desktop.core.store.backup import restore_backup
    from omi_desktop.core.store.lock import UseLock

    data_dir, backup, seconds = Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3])
    print("ready", flush=True)
    restores, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        with UseLock(data_dir) as lock:  # as 'omi backup restore' does
            if lock.acquire(exclusive=True):
                restore_backup(data_dir / DB_FILENAME, backup)
                restores += 1
    print(restores, flush=True)
"""


def test_a_command_started_during_a_restore_opens_the_store_or_is_told_a_restore_runs(data_dir):
    backup = a_store_with_a_backup(data_dir)
    restorer = child(RESTORER, data_dir, backup, RESTORE_SECONDS)
    opened, told, wrong = 0, 0, []
    try:
        assert restorer.stdout.readline() == "ready\n", restorer.stderr.read()
        while restorer.poll() is None:
            try:
                with Store.open(data_dir) as store, store.read() as session:
                    session.connection().execute(text("SELECT count(*) FROM region")).scalar_one()
                opened += 1
            except OmiError as exc:
                if BEING_RESTORED in str(exc):
                    told += 1
                else:
                    wrong.append(f"{type(exc).__name__}: {exc}")
            except Exception as exc:  # an unexpected error is exactly what is looked for
                wrong.append(f"{type(exc).__name__}: {exc}")
        restores = int(restorer.stdout.read().strip() or 0)
    finally:
        restorer.kill()
        restorer.wait(timeout=30)
        restorer.stdout.close()
        restorer.stderr.close()
    assert restores > 0 and opened > 0, (restores, opened, told)
    assert wrong == [], f"{len(wrong)} wrong answers in {opened + told + len(wrong)} opens: {wrong[:5]}"


# -- the use lock ----------------------------------------------------------------------------------------
TAKE_EXCLUSIVE = """
    import sys
    from pathlib import Path
    from omi_desktop.core.store.lock import UseLock
    sys.exit(0 if UseLock(Path(sys.argv[1])).acquire(exclusive=True) else 3)
"""


def test_the_use_lock_is_let_go_when_opening_fails_inside(data_dir, monkeypatch):
    a_store_with_a_backup(data_dir)
    db = data_dir / DB_FILENAME
    with open(db, "r+b") as handle:  # the header stays; the first pages become rubbish
        handle.seek(100)
        handle.write(bytes(range(256)) * 16)
    taken: list[bool] = []
    real_acquire = UseLock.acquire

    def watch(self, *, exclusive=False):
        taken.append(real_acquire(self, exclusive=exclusive))
        return taken[-1]

    monkeypatch.setattr(UseLock, "acquire", watch)

    with pytest.raises(StoreError, match="damaged or not an OMI Desktop database"):
        Store.open(data_dir)

    assert taken == [True]  # it was refused from inside, with the lock held ...
    other = child(TAKE_EXCLUSIVE, data_dir)  # ... and let go: a restore in another process can take it
    assert other.wait(timeout=60) == 0, other.stderr.read()
    other.stdout.close()
    other.stderr.close()


def test_a_file_system_without_locks_is_said_so_not_taken_for_a_restore(data_dir, monkeypatch):
    data_dir.mkdir()

    def no_locks(fd, operation):
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    if sys.platform == "win32":
        pytest.skip("fcntl.flock is the POSIX lock")
    monkeypatch.setattr(lock_module.fcntl, "flock", no_locks)

    with pytest.raises(StoreError, match="file locking is not available on this file system"):
        UseLock(data_dir).acquire()
    with pytest.raises(StoreError, match="file locking is not available on this file system"):
        InstanceLock(data_dir).acquire()  # not "the window is already open"
    with pytest.raises(StoreError, match="file locking is not available") as refused:
        Store.open(data_dir)
    assert BEING_RESTORED not in str(refused.value)


@pytest.mark.parametrize("code", [errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES])
def test_a_lock_held_elsewhere_is_a_plain_no(data_dir, monkeypatch, code):
    data_dir.mkdir()
    if sys.platform == "win32":
        pytest.skip("fcntl.flock is the POSIX lock")

    def held(fd, operation):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(lock_module.fcntl, "flock", held)
    lock = UseLock(data_dir)
    assert lock.acquire() is False
    assert not lock.held
