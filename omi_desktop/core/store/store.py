"""``Store``: one OMI database in one data folder, opened safely, upgraded, backed up.

Core functions take a ``Store`` and open a session per operation (``store.read()`` or
``store.write()``); they return plain objects, never live ORM rows tied to a session.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, event
from sqlalchemy import exc as sa_exc
from sqlmodel import Session

from omi_desktop.core.clock import utcnow
from omi_desktop.core.datadir import ensure_data_dir
from omi_desktop.core.errors import OmiError, RefusedError, StoreError
from omi_desktop.core.store import backup as backups
from omi_desktop.core.store.engine import (
    WRITE_OPTION,
    create_store_engine,
    describe_database_error,
    schema_change_connection,
)
from omi_desktop.core.store.lock import UseLock
from omi_desktop.core.store.migrate import (
    check_kind,
    check_openable,
    check_writable,
    needs_upgrade,
    upgrade,
)

DB_FILENAME = "omi.sqlite3"
AUTO_BACKUP_INTERVAL_S = 10 * 60
CLOSE_BACKUP_MIN_GAP_S = 60


class Store:
    """An open OMI store. Create with ``Store.open(data_dir)``; ``close()`` when done."""

    def __init__(self, data_dir: Path, db_path: Path, engine: Engine) -> None:
        self.data_dir = data_dir
        self._use_lock: UseLock | None = None  # held shared while open: no restore replaces the file
        self.db_path = db_path
        self.engine = engine
        self._write_engine = engine.execution_options(**{WRITE_OPTION: True})
        # The store's writes share one connection, kept open (see write()); the lock says who holds it.
        self._writer: Connection | None = None
        self._writer_lock = threading.Lock()
        self._writer_thread: int | None = None  # the thread writing on it, while one is
        event.listen(engine, "engine_disposed", self._engine_disposed)
        self._lock = threading.Lock()
        self._changed_since_backup = False
        self._last_backup_at = time.monotonic()
        self._wrote = False

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / backups.BACKUP_DIRNAME

    # -- opening ----------------------------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path) -> Store:
        """Open (creating or upgrading as needed) the store in ``data_dir``."""
        data_dir = ensure_data_dir(data_dir)
        db_path = data_dir / DB_FILENAME
        # What can be refused without reading the database is refused before anything is written (not even
        # the lock file): a folder or a file without SQLite's header where the database should be, a file
        # this user may not read and write (before SQLite, which would make working files beside a database
        # it could only read). Neither check takes a file another program moves or removes meanwhile for a
        # bad one. What reads the database through SQLite comes once the use lock is held: a restore holds
        # it exclusively while it moves the files, and a command started meanwhile is told so.
        check_kind(db_path)
        check_writable(db_path)
        use_lock = _use_lock(data_dir)
        try:
            store = cls._open(data_dir, db_path)
        except BaseException:
            use_lock.release()
            raise
        store._use_lock = use_lock
        return store

    @classmethod
    def _open(cls, data_dir: Path, db_path: Path) -> Store:
        state = check_openable(db_path)
        engine = create_store_engine(db_path)
        try:
            if needs_upgrade(state):
                if not state.is_empty:
                    backups.create_backup(db_path, data_dir / backups.BACKUP_DIRNAME, "pre-upgrade")
                with schema_change_connection(engine) as connection:
                    upgrade(connection)
        except OmiError:
            engine.dispose()
            raise
        except (sa_exc.DBAPIError, sqlite3.Error) as exc:
            engine.dispose()
            raise StoreError(describe_database_error(exc, db_path)) from exc
        except Exception as exc:
            engine.dispose()
            raise StoreError(f"cannot upgrade {db_path}: {exc}; the file was backed up first") from exc
        return cls(data_dir, db_path, engine)

    # -- sessions ---------------------------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading. Objects are detached on exit: copy what you need into plain values."""
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except (sa_exc.OperationalError, sa_exc.DatabaseError) as exc:
            raise StoreError(describe_database_error(exc, self.db_path)) from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One durable transaction: committed (and synced) on normal exit, rolled back on any error.

        Writes run on the store's writer connection, kept open between them: checking a connection out of
        the pool and resetting it on return cost more than the transaction's own statements. A write that
        starts while the writer is busy (on another thread, or inside another write) gets a connection of
        its own, which waits for SQLite's write lock as any other program does. Every transaction still
        begins with ``BEGIN IMMEDIATE`` and ends in COMMIT or ROLLBACK; a writer that saw a database error
        is closed and a fresh one is opened for the next write.
        """
        own_writer = self._writer_lock.acquire(blocking=False)
        if own_writer:
            self._writer_thread = threading.get_ident()
        try:
            try:
                bind = self._writer_connection() if own_writer else self._write_engine
                with Session(bind, expire_on_commit=False) as session, session.begin():
                    yield session
            except (sa_exc.OperationalError, sa_exc.DatabaseError) as exc:
                if own_writer:
                    self._drop_writer()
                raise StoreError(describe_database_error(exc, self.db_path)) from exc
            finally:
                if own_writer and self._writer is not None and not self._writer_is_idle():
                    self._drop_writer()
        finally:
            if own_writer:
                self._writer_thread = None
                self._writer_lock.release()
        with self._lock:
            self._changed_since_backup = True
            self._wrote = True

    def _writer_connection(self) -> Connection:
        if self._writer is None:
            self._writer = self._write_engine.connect()
        return self._writer

    def _writer_is_idle(self) -> bool:
        writer = self._writer
        return writer is not None and not writer.invalidated and not writer.in_transaction()

    def _drop_writer(self, *, discard: bool = False) -> None:
        """Let go of the writer connection (the next write opens another).

        It goes back to the pool, unless it is in an unknown state or ``discard`` is set: then the
        driver connection itself is closed.
        """
        writer, self._writer = self._writer, None
        if writer is None:
            return
        try:
            if discard or writer.invalidated or writer.in_transaction():
                writer.invalidate()
            writer.close()
        except (sa_exc.SQLAlchemyError, sqlite3.Error):
            pass  # it is being thrown away; the next write opens a new one

    def _release_writer(self, *, discard: bool = False) -> None:
        """Let go of the writer once the write on it (on another thread) has finished."""
        if self._writer_thread == threading.get_ident():
            return  # called from inside a write: that write still needs it
        with self._writer_lock:
            self._drop_writer(discard=discard)

    def _engine_disposed(self, _engine: Engine) -> None:
        # Someone disposed of the engine directly: its old pool is gone, so close the writer for real.
        self._release_writer(discard=True)

    # -- backups ----------------------------------------------------------------------------------------
    def backup_now(self, reason: str = "manual") -> backups.BackupInfo:
        info = backups.create_backup(self.db_path, self.backups_dir, reason)
        with self._lock:
            self._changed_since_backup = False
            self._last_backup_at = time.monotonic()
        return info

    def maybe_backup(self) -> backups.BackupInfo | None:
        """Back up if data changed and the last backup is 10 minutes old. Call it from a timer."""
        with self._lock:
            due = self._changed_since_backup and (
                time.monotonic() - self._last_backup_at >= AUTO_BACKUP_INTERVAL_S
            )
        return self.backup_now("auto") if due else None

    def list_backups(self) -> list[backups.BackupInfo]:
        return backups.list_backups(self.backups_dir)

    def close(self, *, coalesce: bool = False) -> backups.BackupInfo | None:
        """Close the store, backing up first if this program changed data since the last backup.

        With ``coalesce`` (one command of a script), a close backup younger than a minute is replaced by the
        new one rather than kept beside it: a burst of commands leaves one backup, and it holds everything.
        """
        info = None
        try:
            with self._lock:
                due = self._changed_since_backup
            if due:
                superseded = self._recent_close_backup() if coalesce else None
                info = self.backup_now("close")
                if superseded is not None:
                    superseded.path.unlink(missing_ok=True)
        finally:
            try:
                self._release_writer()
                self.engine.dispose()
            finally:
                if self._use_lock is not None:
                    self._use_lock.release()
        return info

    def _recent_close_backup(self) -> backups.BackupInfo | None:
        newest = next((b for b in self.list_backups() if b.reason == "close"), None)
        if newest is None or (utcnow() - newest.created).total_seconds() >= CLOSE_BACKUP_MIN_GAP_S:
            return None
        return newest

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _use_lock(data_dir: Path) -> UseLock:
    """The data folder's use lock, taken shared; refused while a backup is being restored into the folder."""
    lock = UseLock(data_dir)
    try:
        taken = lock.acquire()
    except OSError as exc:
        raise StoreError(f"cannot create the lock file {lock.path}: {exc.strerror or exc}") from exc
    if not taken:
        raise RefusedError(
            f"a backup is being restored into the data folder {data_dir}; try again when it has finished"
        )
    return lock
