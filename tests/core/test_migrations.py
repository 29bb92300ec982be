"""Migrations: the first schema upgrades with every row, newer files are refused untouched, and the
migrated schema is exactly what the models describe."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel, select

from omi_desktop import __version__
from omi_desktop.core.errors import SchemaTooNewError, StoreError
from omi_desktop.core.store import DB_FILENAME, Store
from omi_desktop.core.store.engine import create_store_engine
from omi_desktop.core.store.migrate import PROGRAM_VERSION_KEY, head_revisions
from omi_desktop.core.store.tables import Answer, AuditEvent, Setting

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
V1_FIXTURE = FIXTURES / "store-v1.sqlite3"
V1_TABLES = (
    "omi_meta",
    "setting",
    "region",
    "area",
    "inspector",
    "inspection",
    "inspection_member",
    "inspection_case",
    "review",
    "answer",
    "audit_event",
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def columns(path: Path, table: str) -> list[str]:
    return [row[1] for row in _rows(path, f'PRAGMA table_info("{table}")')]


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def table_rows(path: Path, table: str, cols: list[str]) -> list[tuple]:
    """Every row of ``table`` (only ``cols``), each value with its SQLite storage class, in key order."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        keys = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")') if row[5]]
        selected = ", ".join(f'"{c}", typeof("{c}")' for c in cols)
        order = ", ".join(f'"{k}"' for k in keys)
        return conn.execute(f'SELECT {selected} FROM "{table}" ORDER BY {order}').fetchall()
    finally:
        conn.close()


def scalar(path: Path, sql: str) -> list:
    return [row[0] for row in _rows(path, sql)]


def v1_columns() -> dict[str, list[str]]:
    return {table: columns(V1_FIXTURE, table) for table in V1_TABLES}


def install_fixture(data_dir: Path) -> Path:
    data_dir.mkdir(mode=0o700)
    db = data_dir / DB_FILENAME
    shutil.copyfile(V1_FIXTURE, db)
    return db


def assert_one_line_refusal(result, *needles: str) -> None:
    assert result.code == 1, result
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("omi: ")
    for needle in needles:
        assert needle in lines[0]


# -- the fixture itself -------------------------------------------------------------------------------------
def test_v1_fixture_is_a_populated_self_contained_revision_0001_file():
    assert scalar(V1_FIXTURE, "SELECT version_num FROM alembic_version") == ["0001"]
    assert scalar(V1_FIXTURE, "PRAGMA journal_mode") == ["delete"]
    assert not V1_FIXTURE.with_name(V1_FIXTURE.name + "-wal").exists()
    tables = set(scalar(V1_FIXTURE, "SELECT name FROM sqlite_master WHERE type = 'table'"))
    assert tables == {*V1_TABLES, "alembic_version"}
    for table in V1_TABLES:
        assert scalar(V1_FIXTURE, f'SELECT count(*) FROM "{table}"')[0] > 0, table
    assert "feedback" not in v1_columns()["answer"]
    # JSON values of every kind, and NULL, are in the fixture.
    kinds = set(scalar(V1_FIXTURE, "SELECT DISTINCT coalesce(json_type(value), 'NULL') FROM answer"))
    assert {"text", "integer", "real", "array", "object", "true", "NULL"} <= kinds
    notes = "".join(scalar(V1_FIXTURE, "SELECT note FROM answer"))
    assert "ŵ" in notes and "ŷ" in notes


def test_v1_fixture_is_what_the_script_makes(tmp_path):
    """The committed file still matches its script; a change to released migration 0001 would show here."""
    spec = importlib.util.spec_from_file_location("make_store_v1", FIXTURES / "make_store_v1.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.make(tmp_path / "fresh.sqlite3")
    schema_sql = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    assert scalar(fresh, schema_sql) == scalar(V1_FIXTURE, schema_sql)
    for table, cols in v1_columns().items():
        assert table_rows(fresh, table, cols) == table_rows(V1_FIXTURE, table, cols), table


# -- upgrading --------------------------------------------------------------------------------------------
def test_upgrade_from_v1_keeps_every_row(data_dir):
    db = install_fixture(data_dir)
    old_columns = v1_columns()

    store = Store.open(data_dir)
    try:
        with store.read() as session:
            answers = {(a.review_id, a.question_id): a for a in session.exec(select(Answer)).all()}
            events = session.exec(select(AuditEvent)).all()
            settings = {s.key: s.value for s in session.exec(select(Setting)).all()}
        backups = store.list_backups()
    finally:
        store.close()

    # Every row of every first-schema table, value for value and storage class for storage class.
    for table, cols in old_columns.items():
        before = table_rows(V1_FIXTURE, table, cols)
        after = table_rows(db, table, cols)
        if table == "omi_meta":  # the upgrade records the program that did it; nothing else changes
            version_row = (PROGRAM_VERSION_KEY, "text", __version__, "text")
            assert version_row in after
            before = [r for r in before if r[0] != PROGRAM_VERSION_KEY]
            after = [r for r in after if r[0] != PROGRAM_VERSION_KEY]
        assert after == before, table

    # The new schema is there, and the new column is empty.
    assert set(scalar(db, "SELECT version_num FROM alembic_version")) == head_revisions()
    assert "feedback" in columns(db, "answer")
    assert scalar(db, "SELECT count(*) FROM answer WHERE feedback IS NOT NULL") == [0]
    assert scalar(db, "SELECT count(*) FROM framework_definition") == [0]
    assert scalar(db, "PRAGMA integrity_check") == ["ok"]
    assert scalar(db, "PRAGMA foreign_key_check") == []

    # The ORM reads the old rows back as the values that were written.
    fixture_answers = {
        (review, question): (json.loads(value) if value is not None else None)
        for review, question, value in _rows(
            V1_FIXTURE, "SELECT review_id, question_id, json(value) FROM answer"
        )
    }
    assert {key: a.value for key, a in answers.items()} == fixture_answers
    assert all(a.feedback is None and a.updated_at.tzinfo is not None for a in answers.values())
    assert len(events) == scalar(V1_FIXTURE, "SELECT count(*) FROM audit_event")[0]
    assert settings["protective_marking"] is None
    assert settings["identity"]["name"] == "Rhys Sampl"

    # The file was copied aside before the upgrade, and the copy is the first-schema file unchanged.
    assert [b.reason for b in backups] == ["pre-upgrade"]
    copy = backups[0].path
    assert copy.parent == data_dir / "backups"
    assert scalar(copy, "SELECT version_num FROM alembic_version") == ["0001"]
    for table, cols in old_columns.items():
        assert table_rows(copy, table, cols) == table_rows(V1_FIXTURE, table, cols), table


def test_an_upgraded_store_opens_again_without_another_backup(data_dir):
    install_fixture(data_dir)
    Store.open(data_dir).close()
    store = Store.open(data_dir)
    try:
        assert [b.reason for b in store.list_backups()] == ["pre-upgrade"]
    finally:
        store.close()


def test_a_failed_upgrade_changes_no_data_and_leaves_the_backup(data_dir):
    db = install_fixture(data_dir)
    # A table that migration 0002 is about to create makes the upgrade fail half-way.
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE framework_definition (x INTEGER)")
    conn.commit()
    conn.close()

    with pytest.raises(StoreError) as raised:
        Store.open(data_dir)
    assert "framework_definition" in str(raised.value)
    assert "\n" not in str(raised.value)

    assert scalar(db, "SELECT version_num FROM alembic_version") == ["0001"]
    assert "feedback" not in columns(db, "answer")
    for table, cols in v1_columns().items():
        assert table_rows(db, table, cols) == table_rows(V1_FIXTURE, table, cols), table
    assert [p.name.endswith("-pre-upgrade.sqlite3") for p in (data_dir / "backups").iterdir()] == [True]


# -- newer files -----------------------------------------------------------------------------------------
def make_future_store(data_dir: Path, *, program_version: str | None = "9.9.9") -> Path:
    """A store at the head, then stamped as written by a newer program with an unknown revision."""
    Store.open(data_dir).close()
    db = data_dir / DB_FILENAME
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM alembic_version")
    conn.execute("INSERT INTO alembic_version (version_num) VALUES ('9999_future')")
    if program_version is None:
        conn.execute("DELETE FROM omi_meta WHERE key = ?", (PROGRAM_VERSION_KEY,))
    else:
        conn.execute("UPDATE omi_meta SET value = ? WHERE key = ?", (program_version, PROGRAM_VERSION_KEY))
    conn.commit()
    conn.close()
    assert not db.with_name(db.name + "-wal").exists()
    return db


def test_a_newer_schema_is_refused_and_left_byte_identical(data_dir):
    db = make_future_store(data_dir)
    before = sha256(db)

    with pytest.raises(SchemaTooNewError) as raised:
        Store.open(data_dir)
    message = str(raised.value)
    assert "9.9.9" in message
    assert __version__ in message

    assert sha256(db) == before
    assert not (data_dir / "backups").exists()  # not even a pre-upgrade copy: nothing is to be upgraded
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # SQLite may leave an empty WAL beside a peeked file


def test_a_newer_schema_is_refused_by_the_command(data_dir, omi_process):
    db = make_future_store(data_dir)
    before = sha256(db)

    result = omi_process("backup", "list", "--data-dir", data_dir)

    assert_one_line_refusal(result, "9.9.9", "newer")
    assert result.out == ""
    assert sha256(db) == before


def test_a_newer_schema_without_a_recorded_version_is_refused_with_a_readable_message(data_dir):
    db = make_future_store(data_dir, program_version=None)
    before = sha256(db)
    with pytest.raises(SchemaTooNewError) as raised:
        Store.open(data_dir)
    assert "newer version of OMI Desktop" in str(raised.value)
    assert "version a newer" not in str(raised.value)
    assert sha256(db) == before


# -- the migrations describe the models ---------------------------------------------------------------------
def schema_differences(db: Path) -> list:
    engine = create_store_engine(db)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()


def test_the_migrated_schema_equals_the_models(data_dir):
    Store.open(data_dir).close()
    assert schema_differences(data_dir / DB_FILENAME) == []


def test_the_schema_comparison_sees_a_missing_migration(tmp_path):
    # The same comparison on the first-schema file finds exactly what migration 0002 adds.
    db = tmp_path / "v1.sqlite3"
    shutil.copyfile(V1_FIXTURE, db)
    found = {(diff[0], getattr(diff[-1], "name", None)) for diff in _flatten(schema_differences(db))}
    assert ("add_table", "framework_definition") in found
    assert ("add_column", "feedback") in found


def _flatten(diffs: list) -> list:
    flat = []
    for diff in diffs:
        flat.extend(diff if isinstance(diff, list) else [diff])
    return flat
