"""The store's writer connection: kept open between writes, never shared by two writes at once."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from omi_desktop.core.errors import StoreError
from omi_desktop.core.store import DB_FILENAME, Store
from omi_desktop.core.store.tables import Answer, Region


@pytest.fixture
def store(data_dir):
    opened = Store.open(data_dir)
    yield opened
    opened.close()


def region_codes(store: Store) -> list[str]:
    conn = sqlite3.connect(store.db_path)
    try:
        return [code for (code,) in conn.execute("SELECT code FROM region ORDER BY code")]
    finally:
        conn.close()


def add_region(store: Store, code: str) -> None:
    with store.write() as session:
        session.add(Region(code=code, name=f"Region {code}"))


def test_a_write_while_another_holds_the_writer_waits_its_turn_on_its_own_connection(store):
    holding, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with store.write() as session:
                session.add(Region(code="R1", name="first"))
                session.flush()
                holding.set()
                release.wait(10)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    def second() -> None:
        try:
            add_region(store, "R2")
        except BaseException as error:
            errors.append(error)

    one = threading.Thread(target=first)
    one.start()
    assert holding.wait(10)
    two = threading.Thread(target=second)
    two.start()
    two.join(0.3)
    assert two.is_alive()  # waiting for SQLite's write lock, not writing inside the first transaction
    release.set()
    one.join(10)
    two.join(10)
    assert errors == []
    assert region_codes(store) == ["R1", "R2"]


def test_a_write_that_failed_in_the_database_leaves_the_store_writable(store):
    with pytest.raises(StoreError, match="FOREIGN KEY"), store.write() as session:
        session.add(Answer(review_id="no-such-review", question_id="1.1", value="yes"))
    add_region(store, "R1")
    add_region(store, "R2")
    assert region_codes(store) == ["R1", "R2"]


def test_a_write_that_raised_in_the_caller_is_rolled_back_and_the_next_one_commits(store):
    with pytest.raises(ValueError, match="not this one"), store.write() as session:
        session.add(Region(code="R0", name="never kept"))
        session.flush()
        raise ValueError("not this one")
    add_region(store, "R1")
    assert region_codes(store) == ["R1"]


def test_writes_go_on_after_the_engine_is_disposed_of(store):
    add_region(store, "R1")
    store.engine.dispose()
    add_region(store, "R2")
    assert region_codes(store) == ["R1", "R2"]


def test_closing_the_store_closes_the_writer_so_the_log_is_folded_into_the_file(data_dir):
    store = Store.open(data_dir)
    add_region(store, "R1")
    assert (data_dir / f"{DB_FILENAME}-wal").exists()
    store.close()
    # The last connection to close checkpoints the write-ahead log and removes it.
    assert not (data_dir / f"{DB_FILENAME}-wal").exists()
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        assert conn.execute("SELECT code FROM region").fetchall() == [("R1",)]
    finally:
        conn.close()
