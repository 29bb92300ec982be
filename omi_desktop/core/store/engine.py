"""The engine factory: the ONE place a database connection is configured.

SQLite-specific statements live here and in ``backup.py`` only (DESIGN.md principle 10). Every connection
runs in WAL mode with ``synchronous=FULL`` (a committed answer survives a power cut), foreign keys on, and a
busy timeout so a second program waits briefly instead of failing at once. pysqlite's own transaction
handling is switched off and we emit ``BEGIN`` ourselves, so a write transaction takes the write lock up
front (``BEGIN IMMEDIATE``) instead of failing half-way with "database is locked".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Executable

BUSY_TIMEOUT_MS = 5000
WRITE_OPTION = "omi_write"
SQLITE_HEADER = b"SQLite format 3\x00"

_PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
)


def apply_pragmas(dbapi_connection: sqlite3.Connection) -> None:
    """Configure one raw sqlite3 connection the way every store connection is configured."""
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    apply_pragmas(dbapi_connection)


def _on_begin(connection: Any) -> None:
    # Straight on the driver (BEGIN has no parameters and no result, so a statement execution context per
    # transaction buys nothing); a failure is raised as SQLAlchemy raises any other driver error.
    sql = "BEGIN IMMEDIATE" if connection.get_execution_options().get(WRITE_OPTION, False) else "BEGIN"
    try:
        connection.connection.driver_connection.execute(sql)
    except sqlite3.Error as exc:
        raise DBAPIError.instance(sql, (), exc, sqlite3.Error) from exc


def create_store_engine(path: Path) -> Engine:
    """An engine for the SQLite store at ``path``."""
    url = URL.create("sqlite", database=str(path))
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def describe_database_error(error: BaseException, path: Path) -> str:
    """One sentence for a database failure a person can act on."""
    text = str(getattr(error, "orig", None) or error)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return f"the database {path} is busy in another program; close it and try again"
    if "full" in lowered or "too large" in lowered or "disk i/o" in lowered:
        return f"could not write to the disk holding {path} (is it full?); nothing was saved"
    if "not a database" in lowered or "malformed" in lowered:
        return f"{path} is damaged or not an OMI Desktop database ({text})"
    if "readonly" in lowered or "read-only" in lowered:
        return f"the database {path} cannot be written (read-only)"
    if "unable to open" in lowered:
        return f"cannot open the database {path}"
    return f"database error in {path}: {text}"


def looks_like_sqlite(path: Path) -> bool:
    """True for a missing or empty file (a new store) or one that starts with the SQLite header."""
    if not path.exists() or path.stat().st_size == 0:
        return True
    with open(path, "rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A raw read-only connection, for looking at a file without any chance of changing it."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def fetch_rows(connection: Connection, statement: Executable) -> list[tuple[Any, ...]]:
    """All rows of ``statement`` as plain tuples, for bulk reads where row objects cost too much.

    The statement is compiled by SQLAlchemy for this connection's dialect; on SQLite its rows come straight
    from the driver's cursor, elsewhere through SQLAlchemy.
    """
    if connection.dialect.name != "sqlite":
        return [tuple(row) for row in connection.execute(statement)]
    compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    cursor = connection.connection.driver_connection.cursor()
    try:
        return cursor.execute(compiled.string, params).fetchall()
    finally:
        cursor.close()


@contextmanager
def schema_change_connection(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for migrations, with foreign-key actions paused.

    SQLite alters a table by copying it and dropping the original; with foreign keys on, that drop would
    cascade-delete the rows that refer to it. Integrity is checked before the transaction commits.
    """
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                yield connection
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"schema change left {len(broken)} broken references: {broken[:3]}")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
