"""Rotating backups with SQLite's online backup API, and a verified restore.

Backups live in ``<data dir>/backups``. Automatic ones (``auto``: every 10 minutes of activity; ``close``:
when a program that changed data closes) rotate; ``manual``, ``pre-upgrade`` and ``pre-restore`` backups are
kept until the user deletes them. A restore first proves the backup sound (``PRAGMA integrity_check``,
schema not newer than this program), then moves the current files aside into ``<data dir>/replaced/``.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from omi_desktop.core.clock import utcnow
from omi_desktop.core.errors import RefusedError, StoreError
from omi_desktop.core.store.engine import BUSY_TIMEOUT_MS, connect_readonly, looks_like_sqlite
from omi_desktop.core.store.migrate import FileState, check_openable

BACKUP_DIRNAME = "backups"
REPLACED_DIRNAME = "replaced"
ROTATING_REASONS = ("auto", "close")
KEEP_PER_REASON = 10
REASONS = ("manual", "auto", "close", "pre-upgrade", "pre-restore")
_NAME = re.compile(r"^omi-(\d{8}T\d{6}\.\d{6})Z-([a-z-]+)\.sqlite3$")
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int

    def as_json(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "created": self.created.isoformat(),
            "reason": self.reason,
            "size": self.size,
        }


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_database(source: Path, dest: Path, *, source_readonly: bool = False) -> None:
    """A consistent copy of ``source`` into ``dest`` through the backup API, synced to disk."""
    tmp = dest.with_name(dest.name + ".partial")
    tmp.unlink(missing_ok=True)
    if source_readonly:
        src = connect_readonly(source)
    else:
        src = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        hint = " (is the disk full?)" if any(w in str(exc).lower() for w in ("full", "disk i/o")) else ""
        raise StoreError(f"could not copy the database {source.name}: {exc}{hint}") from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"could not write {dest}: {exc.strerror or exc}") from exc
    finally:
        src.close()


def _backup_name(moment: datetime, reason: str) -> str:
    return f"omi-{moment.astimezone(UTC).strftime('%Y%m%dT%H%M%S.%f')}Z-{reason}.sqlite3"


def create_backup(db_path: Path, backups_dir: Path, reason: str = "manual") -> BackupInfo:
    """Back up the store at ``db_path`` now; rotate old automatic backups."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    if not db_path.exists():
        raise RefusedError("there is no database to back up yet")
    try:
        backups_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StoreError(f"cannot create the backup folder {backups_dir}: {exc.strerror or exc}") from exc
    dest = backups_dir / _backup_name(utcnow(), reason)
    copy_database(db_path, dest)
    _rotate(backups_dir)
    return _info(dest)


def _info(path: Path) -> BackupInfo:
    match = _NAME.match(path.name)
    if not match:
        raise ValueError(f"not a backup file name: {path.name}")
    created = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S.%f").replace(tzinfo=UTC)
    return BackupInfo(path=path, created=created, reason=match.group(2), size=path.stat().st_size)


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """Every backup in ``backups_dir``, newest first."""
    if not backups_dir.is_dir():
        return []
    found = [_info(p) for p in backups_dir.iterdir() if p.is_file() and _NAME.match(p.name)]
    return sorted(found, key=lambda b: b.created, reverse=True)


def _rotate(backups_dir: Path) -> None:
    backups = list_backups(backups_dir)
    for reason in ROTATING_REASONS:
        for old in [b for b in backups if b.reason == reason][KEEP_PER_REASON:]:
            old.path.unlink(missing_ok=True)


def verify_backup(path: Path) -> FileState:
    """Prove ``path`` is a sound OMI database this program can open; raise RefusedError if not."""
    if path.is_dir():
        raise RefusedError(f"{path} is a folder, not a backup file (see 'omi backup list' for the files)")
    if not path.exists():
        raise RefusedError(f"{path} does not exist")
    if not path.is_file():
        raise RefusedError(f"{path} is not a backup file")
    if not looks_like_sqlite(path) or path.stat().st_size == 0:
        raise RefusedError(f"{path} is not a database backup")
    try:
        conn = connect_readonly(path)
        try:
            rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise RefusedError(f"{path} is damaged and cannot be restored ({exc})") from exc
    if rows != ["ok"]:
        raise RefusedError(f"{path} is damaged and cannot be restored (integrity check: {rows[0]})")
    try:
        state = check_openable(path)
    except StoreError as exc:
        raise RefusedError(str(exc)) from exc
    if state.is_empty:
        raise RefusedError(f"{path} is an empty database, not a backup of OMI data")
    return state


def restore_backup(db_path: Path, backup_path: Path) -> Path | None:
    """Replace the store at ``db_path`` with ``backup_path``.

    Returns the folder now holding the replaced files, or None if there were none (a folder without a
    database). The caller makes sure no program has the store open (see ``InstanceLock`` and ``UseLock``).
    """
    verify_backup(backup_path)
    data_dir = db_path.parent
    staged = data_dir / (db_path.name + ".restoring")
    copy_database(backup_path, staged, source_readonly=True)
    current = [f for f in (db_path.with_name(db_path.name + s) for s in ("", *_SIDE_FILES)) if f.exists()]
    aside = data_dir / REPLACED_DIRNAME / utcnow().strftime("%Y%m%dT%H%M%S.%fZ") if current else None
    moved: list[tuple[Path, Path]] = []
    try:
        if aside is not None:
            aside.mkdir(parents=True, mode=0o700)
            for file in current:
                target = aside / file.name
                os.replace(file, target)
                moved.append((target, file))
        os.replace(staged, db_path)
        _fsync_dir(data_dir)
    except OSError as exc:
        for target, original in reversed(moved):
            os.replace(target, original)
        staged.unlink(missing_ok=True)
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)
        raise StoreError(f"restore failed and was undone: {exc.strerror or exc}") from exc
    return aside
