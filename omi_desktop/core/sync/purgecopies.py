"""After a purge: the copies of the database must forget the purged data too.

A purge removes personal data from ``omi.sqlite3`` in one transaction. Older copies of the database in the
data folder still hold it: the rotating and manual backups in ``backups/`` and the files a restore moved
aside into ``replaced/``. ``purge_copies`` deletes every such copy that still holds any of it (answers,
notes or audit events of a purged review, personal facts of its case, the kept review of a purged withdrawn
case), clears the database's write-ahead log, and then takes a fresh backup of the purged store so that a
restore point remains. A copy that cannot be read is deleted too: it cannot be shown to be clean (and a
copy that cannot be read cannot be restored either). It is safe to run again: a purge interrupted before
its copies were dealt with is finished by the next ``omi purge --acknowledged``.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, text

from omi_desktop.core.store import Store
from omi_desktop.core.store import backup as backups
from omi_desktop.core.store.engine import BUSY_TIMEOUT_MS
from omi_desktop.core.store.tables import CaseWithdrawal, Review, ReviewSync

# What a purge removes from a case: everything but its reference, its dates and its allocation.
PERSONAL_CASE_FIELDS = (
    "pnc", "family_name", "first_name", "date_of_birth", "gender", "order_type", "tier", "rosh_level",
    "mappa_level", "cluster", "ldu", "team", "offender_manager",
)  # fmt: skip
_BATCH = 500


@dataclass(frozen=True)
class Purged:
    """What has been purged in the live store: the ids a copy must not hold data of."""

    reviews: tuple[str, ...] = ()
    cases: tuple[str, ...] = ()
    withdrawn_reviews: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.reviews or self.withdrawn_reviews)


@dataclass
class CopiesReport:
    removed: list[str] = field(default_factory=list)  # copies deleted, relative to the data folder
    fresh_backup: str | None = None  # the backup taken of the purged store
    log_cleared: bool = True  # False: another program held the database; the log clears when it closes

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
            select(CaseWithdrawal.review_id).where(
                CaseWithdrawal.purged_at.is_not(None), CaseWithdrawal.review_id.is_not(None)
            )
        ).all()
    return Purged(
        reviews=tuple(r.id for r in rows),
        cases=tuple(sorted({r.case_id for r in rows if r.case_id})),
        withdrawn_reviews=tuple(r.review_id for r in withdrawn),
    )


def _batches(values: Sequence[str]) -> list[Sequence[str]]:
    return [values[i : i + _BATCH] for i in range(0, len(values), _BATCH)]


def _any(conn: sqlite3.Connection, sql: str, values: Sequence[str]) -> bool:
    for part in _batches(values):
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
            checks = [
                ("answer", "SELECT 1 FROM answer WHERE review_id IN ({marks})", purged.reviews),
                ("audit_event", "SELECT 1 FROM audit_event WHERE review_id IN ({marks})", purged.reviews),
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


def _clear_log(store: Store) -> bool:
    """Fold the write-ahead log into the database and empty it (the log still holds old page images)."""
    with store.engine.connect() as connection:
        busy = connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).fetchone()
    return not busy or busy[0] == 0


def purge_copies(store: Store, *, purged_now: bool) -> CopiesReport:
    """Delete every copy of the database in the data folder that holds purged data; take a fresh backup.

    ``purged_now``: this purge removed something (then a fresh backup is taken even if no copy held it).
    """
    report = CopiesReport()
    purged = purged_ids(store)
    if not purged:
        return report
    report.log_cleared = _clear_log(store)
    for info in backups.list_backups(store.backups_dir):
        if copy_holds(info.path, purged):
            for suffix in ("", "-wal", "-shm", "-journal"):
                info.path.with_name(info.path.name + suffix).unlink(missing_ok=True)
            report.removed.append(str(info.path.relative_to(store.data_dir)))
    for folder in _replaced_copies(store.data_dir):
        databases = list(folder.glob("*.sqlite3"))
        if not databases or any(copy_holds(db, purged) for db in databases):
            shutil.rmtree(folder)
            report.removed.append(str(folder.relative_to(store.data_dir)))
    if purged_now or report.removed:
        report.fresh_backup = str(store.backup_now("auto").path.relative_to(store.data_dir))
    return report
