"""After a purge: the copies of the database must forget the purged data too, and nothing else.

A purge removes personal data from ``omi.sqlite3`` in one transaction. Older copies of the database in the
data folder still hold it: the rotating and manual backups in ``backups/`` and the files a restore moved
aside into ``replaced/``. Such a copy may also hold work the live database no longer has (a restore put an
older backup in place; the newer work lives only in ``replaced/``), so a copy is never deleted for holding
purged data: ``purge_copies`` CLEANS it. It opens the copy on its own (not through the live store), runs the
same purge statements as the live purge for the purged reviews (with ``secure_delete``), carries the
tombstones over (so a restored copy shows them as purged, not as never answered), writes the result with
``VACUUM INTO`` to a temporary file and renames it over the copy (see copyclean.py). A purged review a
copy holds at a revision newer than head office acknowledged is left in it, and named. Only a copy that
cannot be read (or cleaned) is deleted: it cannot be shown clean, and it could not be restored either.

Then the database's write-ahead log is cleared and a fresh backup of the purged store is taken. A purge
interrupted anywhere (before the copies, or while taking the fresh backup) is finished by the next
``omi purge --acknowledged``: a fresh backup is taken whenever none was taken since the last purge, and
stale ``*.partial`` files left by an interrupted backup or clean are removed.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select, text

from omi_desktop.core.clock import utcnow
from omi_desktop.core.store import Store
from omi_desktop.core.store import backup as backups
from omi_desktop.core.store.engine import BUSY_TIMEOUT_MS
from omi_desktop.core.store.tables import CaseWithdrawal, Review, ReviewSync
from omi_desktop.core.sync.copyclean import (
    PARTIAL,
    Tombstones,
    clean_copy,
    delete_copy,
    live_tombstones,
    newer_in_copy,
    without,
)
from omi_desktop.core.sync.purgestatements import PERSONAL_CASE_FIELDS, Purged, batches

__all__ = ["PERSONAL_CASE_FIELDS", "CopiesReport", "Purged", "copy_holds", "purge_copies", "purged_ids"]

STALE_PARTIAL_S = 120  # a *.partial this old belongs to no backup still being written


@dataclass
class CopiesReport:
    cleaned: list[str] = field(default_factory=list)  # copies cleaned of purged data (relative paths)
    removed: list[str] = field(default_factory=list)  # copies deleted: they could not be read
    fresh_backup: str | None = None  # the backup taken of the purged store
    log_cleared: bool = True  # False: another program held the database; the log clears when it closes
    stale_removed: list[str] = field(default_factory=list)  # *.partial left by an interrupted run
    # copy -> the cases of purged reviews it holds at a newer revision than acknowledged: kept as they are
    kept_newer: dict[str, list[str]] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return dict(self.__dict__)


def purged_ids(store: Store) -> Purged:
    with store.read() as session:
        rows = session.execute(
            select(Review.id, Review.case_id)
            .join(ReviewSync, ReviewSync.review_id == Review.id)
            .where(ReviewSync.purged_at.is_not(None))
        ).all()
        withdrawn = session.execute(
            select(CaseWithdrawal.review_id, CaseWithdrawal.case_id).where(
                CaseWithdrawal.purged_at.is_not(None), CaseWithdrawal.review_id.is_not(None)
            )
        ).all()
    return Purged(
        reviews=tuple(r.id for r in rows),
        cases=tuple(sorted({r.case_id for r in rows if r.case_id} | {w.case_id for w in withdrawn})),
        withdrawn_reviews=tuple(w.review_id for w in withdrawn),
    )


def planned_ids(store: Store, review_ids: Sequence[str], withdrawn_ids: Sequence[str]) -> Purged:
    """What will have been purged once ``review_ids`` (and the withdrawn ``withdrawn_ids``) are (dry run)."""
    done = purged_ids(store)
    with store.read() as session:
        cases = set()
        for part in batches(list(review_ids)):
            cases |= set(session.execute(select(Review.case_id).where(Review.id.in_(part))).scalars())
        for part in batches(list(withdrawn_ids)):
            cases |= set(
                session.execute(
                    select(CaseWithdrawal.case_id).where(CaseWithdrawal.review_id.in_(part))
                ).scalars()
            )
    return Purged(
        reviews=tuple(sorted(set(done.reviews) | set(review_ids))),
        cases=tuple(sorted((set(done.cases) | cases) - {None})),
        withdrawn_reviews=tuple(sorted(set(done.withdrawn_reviews) | set(withdrawn_ids))),
    )


# -- finding the copies and what they hold -----------------------------------------------------------------
def _any(conn: sqlite3.Connection, sql: str, values: Sequence[str]) -> bool:
    for part in batches(values):
        marks = ",".join("?" * len(part))
        if conn.execute(sql.format(marks=marks) + " LIMIT 1", tuple(part)).fetchone() is not None:
            return True
    return False


def copy_holds(path: Path, purged: Purged) -> bool:
    """Whether the database file at ``path`` (with its log beside it, if any) holds purged data.

    True as well when the file cannot be read: it cannot be shown to be clean.
    """
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"answer", "inspection_case"} <= tables:
                return True  # not an OMI database: nothing says what it holds
            personal = " OR ".join(f"{name} IS NOT NULL" for name in PERSONAL_CASE_FIELDS)
            every = purged.reviews + purged.withdrawn_reviews
            checks = [
                ("answer", "SELECT 1 FROM answer WHERE review_id IN ({marks})", every),
                ("audit_event", "SELECT 1 FROM audit_event WHERE review_id IN ({marks})", every),
                (
                    "inspection_case",
                    f"SELECT 1 FROM inspection_case WHERE id IN ({{marks}}) AND ({personal})",
                    purged.cases,
                ),
                (
                    "case_withdrawal",
                    "SELECT 1 FROM case_withdrawal WHERE review_id IN ({marks}) AND review IS NOT NULL",
                    purged.withdrawn_reviews,
                ),
            ]
            return any(_any(conn, sql, ids) for table, sql, ids in checks if table in tables and ids)
        finally:
            conn.close()
    except sqlite3.Error:
        return True


def _replaced_copies(data_dir: Path) -> list[Path]:
    """The folders a restore moved the replaced database into (each holds omi.sqlite3 and its log)."""
    folder = data_dir / backups.REPLACED_DIRNAME
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def copies(data_dir: Path) -> list[Path]:
    """Every copy of the database in the data folder: backups, then what restores set aside."""
    found = [info.path for info in backups.list_backups(data_dir / backups.BACKUP_DIRNAME)]
    for folder in _replaced_copies(data_dir):
        found += sorted(folder.glob("*.sqlite3"))
    return found


def copies_holding(store: Store, purged: Purged) -> list[str]:
    """The copies (relative to the data folder) that hold data of ``purged``: what a purge cleans."""
    if not purged:
        return []
    tombstones = live_tombstones(store, purged)
    found = [p for p in copies(store.data_dir) if _cleanable(p, purged, tombstones)]
    return [str(p.relative_to(store.data_dir)) for p in found]


def _cleanable(path: Path, purged: Purged, tombstones: Tombstones) -> bool:
    """Whether the copy holds purged data that a purge would clean (not only newer work it keeps)."""
    if not copy_holds(path, purged):
        return False
    try:
        return copy_holds(path, newer_in_copy(path, purged, tombstones)[0])
    except sqlite3.Error:
        return True  # unreadable: deleted, and named as such


# -- the whole step --------------------------------------------------------------------------------------
def _clear_log(store: Store) -> bool:
    """Fold the write-ahead log into the database and empty it (the log still holds old page images)."""
    with store.engine.connect() as connection:
        busy = connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).fetchone()
    return not busy or busy[0] == 0


def _remove_stale_partials(store: Store) -> list[str]:
    """``*.partial`` files an interrupted backup or clean left behind (not a young one: it may be in use)."""
    folders = [store.backups_dir, *_replaced_copies(store.data_dir)]
    removed = []
    for folder in (f for f in folders if f.is_dir()):
        for partial in sorted(folder.glob("*" + PARTIAL)):
            if time.time() - partial.stat().st_mtime >= STALE_PARTIAL_S:
                partial.unlink(missing_ok=True)
                removed.append(str(partial.relative_to(store.data_dir)))
    return removed


def last_purged_at(store: Store) -> datetime | None:
    with store.read() as session:
        moments = [
            session.execute(select(func.max(ReviewSync.purged_at))).scalar(),
            session.execute(select(func.max(CaseWithdrawal.purged_at))).scalar(),
        ]
    found = [m for m in moments if m is not None]
    return max(found) if found else None


def _backed_up_since(store: Store, moment: datetime | None) -> bool:
    """Whether a backup was taken at or after ``moment`` (the last purge): it holds no purged data."""
    if moment is None:
        return True
    return any(info.created >= moment for info in backups.list_backups(store.backups_dir))


def _clean_one(
    store: Store, path: Path, purged: Purged, tombstones: Tombstones, moment: datetime, report: CopiesReport
) -> None:
    """Clean one copy of purged data, keeping its reviews newer than acknowledged; delete it if unreadable."""
    name = str(path.relative_to(store.data_dir))
    try:
        cleanable, newer = newer_in_copy(path, purged, tombstones)
        if copy_holds(path, cleanable):
            clean_copy(path, cleanable, without(tombstones, newer), moment)
            report.cleaned.append(name)
        clean = not copy_holds(path, cleanable)
    except (sqlite3.Error, OSError):
        clean, newer = False, {}
    if not clean:
        delete_copy(path)
        report.removed.append(name)
        if name in report.cleaned:
            report.cleaned.remove(name)
    elif newer:
        report.kept_newer[name] = sorted(newer.values())


def purge_copies(store: Store, *, purged_now: bool, now: datetime | None = None) -> CopiesReport:
    """Clean every copy of the database in the data folder of purged data; take a fresh backup.

    ``purged_now``: this purge removed something (then a fresh backup is taken even if no copy held it).
    A fresh backup is taken as well when none was taken since the last purge (a purge interrupted then).
    """
    report = CopiesReport(stale_removed=_remove_stale_partials(store))
    purged = purged_ids(store)
    if not purged:
        return report
    report.log_cleared = _clear_log(store)
    tombstones = live_tombstones(store, purged)
    moment = now or utcnow()
    for path in copies(store.data_dir):
        if copy_holds(path, purged):
            _clean_one(store, path, purged, tombstones, moment, report)
    for folder in _replaced_copies(store.data_dir):
        if not list(folder.glob("*.sqlite3")):  # nothing restorable left: only logs, which may hold it
            shutil.rmtree(folder)
            report.removed.append(str(folder.relative_to(store.data_dir)))
    stale = not _backed_up_since(store, last_purged_at(store))
    if purged_now or report.cleaned or report.removed or stale:
        report.fresh_backup = str(store.backup_now("auto").path.relative_to(store.data_dir))
    return report
