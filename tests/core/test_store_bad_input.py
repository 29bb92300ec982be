"""Bad data folders and files that are not OMI databases: one clear line, exit 1, nothing changed.

A full disk and a locked database need other processes; they are in tests/reliability/.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from omi_desktop.core.errors import StoreError
from omi_desktop.core.store import DB_FILENAME, Store
from omi_desktop.core.store.engine import SQLITE_HEADER
from omi_desktop.core.store.lock import USE_LOCK_FILENAME

COMMANDS = (("backup", "create"), ("backup", "list"))
sha256_of_nothing = hashlib.sha256(b"").hexdigest()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its digest (empty if there is no such folder)."""
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): sha256(p) for p in folder.rglob("*") if p.is_file()}


def assert_one_line_refusal(result, *needles: str) -> str:
    assert result.code == 1, result
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("omi: ")
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


# -- the data folder cannot be made or written -----------------------------------------------------------
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_data_folder_under_a_regular_file_is_refused(tmp_path, omi, command):
    # Root may write anywhere, so unwritable is made real: the folder's parent is a file.
    blocker = tmp_path / "plain-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    before = snapshot(tmp_path)

    result = omi(*command, "--data-dir", blocker / "data")

    assert_one_line_refusal(result, "cannot create the data folder", str(blocker / "data"))
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_data_folder_that_is_a_file_is_refused(tmp_path, omi, command):
    data_file = tmp_path / "data"
    data_file.write_bytes(b"some bytes the user keeps here\n")
    before = snapshot(tmp_path)

    result = omi(*command, "--data-dir", data_file)

    assert_one_line_refusal(result, "is a file, not a folder")
    assert snapshot(tmp_path) == before


def test_store_open_refuses_an_unusable_data_folder_with_a_store_error(tmp_path):
    (tmp_path / "plain-file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot create the data folder"):
        Store.open(tmp_path / "plain-file" / "data")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        Store.open(tmp_path / "plain-file")


# -- the database file is not an OMI database ------------------------------------------------------------
def text_file(db: Path) -> None:
    db.write_text("Nodiadau: dim cronfa ddata yma (ŵ ŷ).\n" * 50, encoding="utf-8")


def foreign_sqlite(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE photos (name TEXT, taken TEXT)")
    conn.execute("INSERT INTO photos VALUES ('traeth.jpg', '2026-08-01')")
    conn.commit()
    conn.close()


def damaged_sqlite(db: Path) -> None:
    # The right header, then rubbish: it looks like SQLite until SQLite reads it.
    db.write_bytes(SQLITE_HEADER + bytes(range(256)) * 64)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (text_file, "not an OMI Desktop database"),
        (foreign_sqlite, "not an OMI Desktop database"),
        (damaged_sqlite, "damaged or not an OMI Desktop database"),
    ],
    ids=["text-file", "another-programs-sqlite", "damaged-sqlite"],
)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_file_that_is_not_an_omi_database_is_refused_untouched(data_dir, omi, command, make, expected):
    data_dir.mkdir(mode=0o700)
    db = data_dir / DB_FILENAME
    make(db)
    before = snapshot(data_dir)

    result = omi(*command, "--data-dir", data_dir)

    assert_one_line_refusal(result, expected, str(db))
    after = snapshot(data_dir)
    if make is not text_file:
        # Reading an SQLite file waits for the data folder's use lock (no restore moves it meanwhile): its
        # empty lock file is the one thing left behind. A text file is refused on its first bytes, before.
        assert after.pop(USE_LOCK_FILENAME) == sha256_of_nothing
    assert after == before  # same bytes, no WAL beside it, no backups/ folder


def test_store_open_refuses_a_text_file_with_a_store_error(data_dir):
    data_dir.mkdir()
    text_file(data_dir / DB_FILENAME)
    with pytest.raises(StoreError, match="not an SQLite file"):
        Store.open(data_dir)


# -- --debug ----------------------------------------------------------------------------------------------
def test_debug_shows_the_traceback_and_still_ends_with_the_reason(data_dir, omi):
    data_dir.mkdir()
    text_file(data_dir / DB_FILENAME)
    result = omi("backup", "list", "--data-dir", data_dir, "--debug")
    assert result.code == 1
    assert "Traceback" in result.err
    assert result.err.splitlines()[-1].startswith("omi: ")
    assert "not an OMI Desktop database" in result.err.splitlines()[-1]
