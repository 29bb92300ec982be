"""Schema versions: look at a file without touching it, refuse newer files, upgrade older ones.

Migrations are Alembic scripts shipped inside the package. Before an existing file is upgraded it is
copied aside with SQLite's backup API, so a failed or unwanted upgrade can always be undone by hand.
"""

from __future__ import annotations

import ast
import os
import re
import sqlite3
import stat
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert

from omi_desktop import __version__
from omi_desktop.core.errors import SchemaTooNewError, StoreError
from omi_desktop.core.store.engine import (
    SQLITE_HEADER,
    connect_readonly,
    describe_database_error,
)
from omi_desktop.core.store.tables import Meta

if TYPE_CHECKING:  # alembic is imported lazily: it is slow to import and most runs need no upgrade
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
PROGRAM_VERSION_KEY = "program_version"


@dataclass(frozen=True)
class FileState:
    """What a database file says about its own schema."""

    revisions: frozenset[str] = frozenset()
    program_version: str | None = None
    table_names: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not self.table_names


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def _script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config())


_REVISION_LINE = re.compile(
    r"^(?P<name>revision|down_revision)\s*(?::[^=\n]*)?=\s*(?P<value>[^#\n]+?)\s*(?:#.*)?$", re.MULTILINE
)


@cache
def _revision_graph() -> dict[str, tuple[str, ...]] | None:
    """Each revision and its parents, read from the scripts without importing Alembic.

    Importing Alembic costs about half a second, and a store that is already current needs nothing else
    from it, so opening one (every command, every start of the window) reads the graph this way. None if a
    script does not state its revisions as plain literals: Alembic then decides, as before.
    """
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            return None
        values: dict[str, object] = {}
        for match in _REVISION_LINE.finditer(text):
            try:
                values[match["name"]] = ast.literal_eval(match["value"])
            except (ValueError, SyntaxError):
                return None
        revision, down = values.get("revision"), values.get("down_revision")
        if not isinstance(revision, str):
            return None
        if down is None:
            graph[revision] = ()
        elif isinstance(down, str):
            graph[revision] = (down,)
        elif isinstance(down, tuple | list) and all(isinstance(d, str) for d in down):
            graph[revision] = tuple(down)
        else:
            return None
    return graph or None


def known_revisions() -> frozenset[str]:
    graph = _revision_graph()
    if graph is not None:
        return frozenset(graph)
    return frozenset(script.revision for script in _script_directory().walk_revisions())


def head_revisions() -> frozenset[str]:
    graph = _revision_graph()
    if graph is not None:
        parents = {parent for parents in graph.values() for parent in parents}
        return frozenset(graph) - parents
    return frozenset(_script_directory().get_heads())


def read_file_state(path: Path) -> FileState:
    """Read the schema markers of ``path`` through a read-only connection."""
    if not path.exists() or path.stat().st_size == 0:
        return FileState()
    try:
        conn = connect_readonly(path)
    except sqlite3.Error as exc:
        raise StoreError(describe_database_error(exc, path)) from exc
    try:
        tables = frozenset(
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        revisions: frozenset[str] = frozenset()
        if "alembic_version" in tables:
            revisions = frozenset(row[0] for row in conn.execute("SELECT version_num FROM alembic_version"))
        program_version = None
        if "omi_meta" in tables:
            row = conn.execute("SELECT value FROM omi_meta WHERE key = ?", (PROGRAM_VERSION_KEY,)).fetchone()
            program_version = row[0] if row else None
    except sqlite3.Error as exc:
        raise StoreError(describe_database_error(exc, path)) from exc
    finally:
        conn.close()
    return FileState(revisions=revisions, program_version=program_version, table_names=tables)


SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def check_writable(path: Path) -> None:
    """Refuse a database, or a working file beside it, that this program may not read and write.

    Call it before SQLite opens the file: SQLite would quietly open an unwritable database read-only and
    make its working files (``-wal``, ``-shm``) as unwritable as the database, so that making the database
    writable again would not be enough. A missing file is fine (it is created); so is anything that is not
    a file (``check_kind`` refuses it), and so is a file that vanishes while it is looked at: another
    program's last connection removes the working files when it closes, and a restore moves the database.
    Only a file that is there and stays denied is a refusal.
    """
    for suffix in ("", *SIDE_SUFFIXES):
        file = path.with_name(path.name + suffix)
        if not _is_file(file):
            continue
        problem = _permission_problem(file)
        if problem is None:
            continue
        what = f"{file}, a working file of the database {path.name}," if suffix else f"the database {file}"
        raise StoreError(f"{what} {problem}; give your user read and write permission on it and try again")


_PERMISSION_LOOKS = 3


def _permission_problem(file: Path) -> str | None:
    """Why this user may not read and write ``file``, or None if it may (or the file is gone).

    A refusal needs the file there and denied at every look: one look can fall between another program
    removing the file and making it again (a database's working files come and go with its connections),
    and Windows denies a file that is being deleted as if it were protected. The file is never opened
    here: closing a file this process also has open through SQLite would drop SQLite's POSIX locks on it.
    """
    for look in range(_PERMISSION_LOOKS):
        if look:
            time.sleep(0.02)
        if not _is_file(file) or os.access(file, os.R_OK | os.W_OK):
            return None
    return "cannot be written (read-only)" if os.access(file, os.R_OK) else "cannot be read"


def _is_file(file: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(file).st_mode)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # there, but not to be looked at: the access check says why


def check_kind(path: Path) -> None:
    """Refuse a folder, a device or a file without SQLite's header where the database should be.

    Each is one look at the path, so a file moved at that very moment (a restore replacing it) is not
    mistaken for something else: it is either there or not, and any database put there has the header.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # missing (a new store) or not reachable: SQLite, under the use lock, says what is wrong
    if stat.S_ISDIR(mode):
        raise StoreError(f"{path} is a folder, not a database file; move it out of the way and try again")
    if not stat.S_ISREG(mode):
        raise StoreError(f"{path} is not a regular file, so it cannot be an OMI Desktop database")
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return  # gone since, or not readable (check_writable names that)
    if header and header != SQLITE_HEADER:
        raise StoreError(f"{path} is not an OMI Desktop database (it is not an SQLite file)")


def check_openable(path: Path) -> FileState:
    """Refuse, without writing a byte, a file this program must not open.

    It reads the database: call it with the data folder's use lock held (``Store.open`` does), so that no
    restore moves the file while it is read.
    """
    check_kind(path)  # a folder, a device, a file without SQLite's header
    state = read_file_state(path)
    if state.is_empty:
        return state
    if not state.revisions:
        raise StoreError(f"{path} is an SQLite file but not an OMI Desktop database")
    unknown = state.revisions - known_revisions()
    if unknown:
        version = state.program_version
        needed = f"OMI Desktop {version} or later" if version else "a newer version of OMI Desktop"
        raise SchemaTooNewError(
            f"{path} was written by a newer OMI Desktop: it needs {needed} "
            f"(this is {__version__}); the file was not changed"
        )
    return state


def needs_upgrade(state: FileState) -> bool:
    return state.revisions != head_revisions()


def upgrade(connection: Connection) -> None:
    """Upgrade the database behind ``connection`` to every head, then record this program's version."""
    from alembic import command

    config = _alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "heads")
    meta = Meta.__table__
    connection.execute(delete(meta).where(meta.c.key == PROGRAM_VERSION_KEY))
    connection.execute(insert(meta).values(key=PROGRAM_VERSION_KEY, value=__version__))
