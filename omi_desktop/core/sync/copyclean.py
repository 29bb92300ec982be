"""Cleaning one older copy of the database (a backup, or a database a restore set aside) of purged data.

The copy is opened on its own, not through the live store. The same purge statements as the live purge
run on it (with ``secure_delete``), the live tombstones are carried over, and the result is written with
``VACUUM INTO`` to a temporary file renamed over the copy. A review the copy holds at a revision newer than
the one head office acknowledged is left as it is: that version is work head office does not have (the
caller names it, so that it can be restored and sent, or the copy deleted on purpose).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from sqlalchemy import Table, create_engine, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.pool import StaticPool

from omi_desktop.core.store import Store
from omi_desktop.core.store import backup as backups
from omi_desktop.core.store.engine import BUSY_TIMEOUT_MS
from omi_desktop.core.store.tables import Case, CaseWithdrawal, Review, ReviewSync
from omi_desktop.core.sync.purgestatements import Purged, batches, clear_cases, purge_statements

PARTIAL = ".partial"
Tombstones = tuple[list[dict], list[dict]]


def live_tombstones(store: Store, purged: Purged) -> Tombstones:
    """The live sync records of the purged reviews and withdrawn cases, to carry into a cleaned copy."""
    sync, withdrawal = ReviewSync.__table__, CaseWithdrawal.__table__
    with store.read() as session:
        reviews, withdrawn = [], []
        for part in batches(list(purged.reviews)):
            reviews += [
                dict(r._mapping) for r in session.execute(select(sync).where(sync.c.review_id.in_(part)))
            ]
        for part in batches(list(purged.withdrawn_reviews)):
            withdrawn += [
                dict(r._mapping)
                for r in session.execute(
                    select(
                        withdrawal.c.review_id,
                        withdrawal.c.purged_at,
                        withdrawal.c.acknowledged_receipt_id,
                        withdrawal.c.acknowledged_at,
                    ).where(withdrawal.c.review_id.in_(part))
                )
            ]
    return reviews, withdrawn


def newer_in_copy(path: Path, purged: Purged, tombstones: Tombstones) -> tuple[Purged, dict[str, str]]:
    """What the copy at ``path`` may be cleaned of, and the reviews it must keep: those it holds at a
    revision newer than head office acknowledged (review id -> case reference, or the review id's start).

    Raises sqlite3.Error if the copy cannot be read.
    """
    acknowledged = {row["review_id"]: row.get("acknowledged_revision") or 0 for row in tombstones[0]}
    keep: dict[str, str] = {}
    kept_cases: set[str] = set()
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "review" not in tables:
            return purged, keep
        join = "LEFT JOIN inspection_case c ON c.id = r.case_id" if "inspection_case" in tables else ""
        reference = "c.reference" if join else "NULL"
        for part in batches(list(purged.reviews)):
            marks = ",".join("?" * len(part))
            sql = f"SELECT r.id, r.revision, r.case_id, {reference} FROM review r {join} WHERE r.id IN "
            rows = conn.execute(f"{sql}({marks})", tuple(part))
            for review_id, revision, case_id, ref in rows:
                if revision > acknowledged.get(review_id, revision):
                    keep[review_id] = ref or review_id[:8]
                    kept_cases.add(case_id)
    finally:
        conn.close()
    reduced = Purged(
        reviews=tuple(r for r in purged.reviews if r not in keep),
        cases=tuple(c for c in purged.cases if c not in kept_cases),
        withdrawn_reviews=purged.withdrawn_reviews,
    )
    return reduced, keep


def without(tombstones: Tombstones, review_ids: Collection[str]) -> Tombstones:
    return [r for r in tombstones[0] if r["review_id"] not in review_ids], tombstones[1]


def _columns(conn: Connection, table: str) -> set[str]:
    return {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}


def _carry_tombstones(conn: Connection, tables: set[str], tombstones: Tombstones) -> None:
    reviews, withdrawn = tombstones
    if "review_sync" in tables:
        have = _columns(conn, "review_sync")
        table: Table = ReviewSync.__table__
        for row in reviews:
            values = {k: v for k, v in row.items() if k in have and k != "review_id"}
            done = conn.execute(update(table).where(table.c.review_id == row["review_id"]).values(**values))
            held = conn.execute(select(Review.id).where(Review.id == row["review_id"])).first()
            if done.rowcount == 0 and held is not None and have >= set(row):
                conn.execute(table.insert().values(**row))
    if "case_withdrawal" in tables:
        table = CaseWithdrawal.__table__
        for row in withdrawn:
            values = {k: v for k, v in row.items() if k != "review_id"}
            conn.execute(
                update(table).where(table.c.review_id == row["review_id"]).values(review=None, **values)
            )


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def clean_copy(path: Path, purged: Purged, tombstones: Tombstones, now: datetime) -> None:
    """Purge ``purged`` from the database file at ``path`` and rewrite it without the freed pages.

    Raises sqlite3.Error (or OSError) if the copy cannot be read or cleaned; the copy is then as it was.
    """
    tmp = path.with_name(path.name + PARTIAL)
    tmp.unlink(missing_ok=True)
    raw = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    engine = create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool)
    try:
        raw.execute("PRAGMA secure_delete = ON")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.execute("PRAGMA journal_mode = DELETE")  # the copy becomes one self-contained file
        with engine.begin() as conn:
            tables = {
                r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            every = list(purged.reviews + purged.withdrawn_reviews)
            for part in batches(every):
                for table, statement in purge_statements(part, now):
                    if table in tables and (table != "inspection_case" or "review" in tables):
                        conn.execute(statement)
            if "inspection_case" in tables:
                for part in batches(list(purged.cases)):
                    conn.execute(clear_cases(Case.__table__.c.id.in_(part)))
            _carry_tombstones(conn, tables, tombstones)
        raw.execute("VACUUM INTO ?", (str(tmp),))
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        engine.dispose()
        raw.close()
    try:
        _fsync(tmp)
        for suffix in ("-wal", "-shm", "-journal"):  # the copy's own log held the old pages too
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, path)
        backups._fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)


def delete_copy(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", PARTIAL):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
