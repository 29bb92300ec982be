"""The store: every connection configured by the engine factory, one durable transaction per write."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text
from sqlmodel import select

from omi_desktop import __version__
from omi_desktop.core.errors import StoreError
from omi_desktop.core.store import DB_FILENAME, Store
from omi_desktop.core.store.engine import BUSY_TIMEOUT_MS
from omi_desktop.core.store.migrate import head_revisions
from omi_desktop.core.store.tables import Answer, Region


@pytest.fixture
def store(data_dir):
    opened = Store.open(data_dir)
    yield opened
    opened.close()


def raw_rows(store: Store, sql: str) -> list[tuple]:
    """Read through a separate plain connection, as another program would."""
    conn = sqlite3.connect(store.db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_new_store_is_created_at_the_head_revision(store, data_dir):
    assert store.db_path == data_dir / DB_FILENAME
    assert {row[0] for row in raw_rows(store, "SELECT version_num FROM alembic_version")} == head_revisions()
    assert raw_rows(store, "SELECT value FROM omi_meta WHERE key = 'program_version'") == [(__version__,)]
    assert store.list_backups() == []  # an empty new file needs no pre-upgrade copy


@pytest.mark.parametrize("use", ["read", "write"])
def test_every_session_runs_on_a_configured_connection(store, use):
    with getattr(store, use)() as session:
        pragma = {
            name: session.connection().exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": BUSY_TIMEOUT_MS,
    }


def test_a_write_is_committed_when_the_block_ends(store):
    with store.write() as session:
        session.add(Region(code="R1", name="Rhanbarth Un"))
    assert raw_rows(store, "SELECT code, name FROM region") == [("R1", "Rhanbarth Un")]


def test_a_write_that_raises_is_rolled_back(store):
    with pytest.raises(RuntimeError, match="changed my mind"), store.write() as session:
        session.add(Region(code="R1", name="Rhanbarth Un"))
        session.flush()
        raise RuntimeError("changed my mind")
    assert raw_rows(store, "SELECT count(*) FROM region") == [(0,)]


def test_foreign_keys_are_enforced_and_the_failed_write_saves_nothing(store):
    with pytest.raises(StoreError, match="FOREIGN KEY"), store.write() as session:
        session.add(Region(code="R1", name="kept only if the whole transaction commits"))
        session.add(Answer(review_id="no-such-review", question_id="1.1", value="yes"))
    assert raw_rows(store, "SELECT count(*) FROM region") == [(0,)]
    assert raw_rows(store, "SELECT count(*) FROM answer") == [(0,)]


def test_a_write_takes_the_write_lock_with_its_first_statement(store):
    # BEGIN IMMEDIATE: a write that starts by reading already keeps other writers out, so it never fails
    # half-way with "database is locked" when it comes to write.
    other = sqlite3.connect(store.db_path, timeout=0, isolation_level=None)
    try:
        with store.write() as session:
            assert session.exec(select(Region)).all() == []
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            session.add(Region(code="R1", name="Rhanbarth Un"))
        other.execute("BEGIN IMMEDIATE")  # free again once the write is committed
        assert other.execute("SELECT code FROM region").fetchall() == [("R1",)]
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_objects_read_are_usable_after_the_session(store):
    with store.write() as session:
        session.add(Region(code="R1", name="Rhanbarth Un"))
    with store.read() as session:
        region = session.exec(select(Region)).one()
    assert (region.code, region.name) == ("R1", "Rhanbarth Un")


def test_reads_see_data_committed_by_another_program(store):
    conn = sqlite3.connect(store.db_path)
    conn.execute("INSERT INTO region (id, code, name) VALUES ('x', 'R9', 'Ardal arall')")
    conn.commit()
    conn.close()
    with store.read() as session:
        assert session.exec(text("SELECT name FROM region")).scalars().all() == ["Ardal arall"]
