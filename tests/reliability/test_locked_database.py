"""A database held by another program: the command waits the busy timeout, then says so and changes nothing.

Each test waits BUSY_TIMEOUT_MS (5 s) by design, so there are two: one program holding SQLite's exclusive
lock (nothing can even read), and one holding an open write transaction (reads go on, a write must wait).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from omi_desktop.core.demo import make_demo
from omi_desktop.core.store import DB_FILENAME, Store
from omi_desktop.core.store.tables import Region

# Another program takes SQLite's exclusive lock and keeps it: with locking_mode=EXCLUSIVE the lock taken by a
# write is never given back until the connection closes.
HOLD_EXCLUSIVE_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO setting (key, value) VALUES ('held-by', '\\"another program\\"')")
conn.execute("COMMIT")
print("locked", flush=True)
sys.stdin.read()
"""


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_a_locked_database_is_reported_and_left_alone(data_dir, omi_process):
    with Store.open(data_dir) as store, store.write() as session:
        session.add(Region(code="R1", name="Rhanbarth Un"))
    db = data_dir / DB_FILENAME
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_EXCLUSIVE_LOCK, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "locked\n"
        before = snapshot(data_dir)

        result = omi_process("backup", "create", "--data-dir", data_dir)

        assert result.code == 1, result
        assert result.out == ""
        assert "Traceback" not in result.err
        lines = result.err.splitlines()
        assert len(lines) == 1, result.err
        assert lines[0] == f"omi: the database {db} is busy in another program; close it and try again"
        assert snapshot(data_dir) == before
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()

    # Once the other program lets go, the same command works.
    retry = omi_process("backup", "create", "--data-dir", data_dir, "--json")
    assert retry.code == 0, retry.err
    assert Path(retry.json()["file"]).is_file()


# Another program is in the middle of a write transaction (SQLite's write lock, readers still welcome).
HOLD_A_WRITE_TRANSACTION = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO setting (key, value) VALUES ('held-by', '\\"another program\\"')")
print("writing", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


def test_a_write_on_a_locked_database_is_refused_and_saves_nothing(data_dir, omi_process):
    with Store.open(data_dir) as store:
        make_demo(store)
    db = data_dir / DB_FILENAME
    before = snapshot(data_dir)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_WRITE_TRANSACTION, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "writing\n"

        result = omi_process("review", "answer", "TRN00001", "1.1.1", "yes", "--data-dir", data_dir)

        assert result.code == 1, result
        assert result.out == ""
        assert result.err.splitlines() == [
            f"omi: the database {db} is busy in another program; close it and try again"
        ]
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()

    # Nothing changed: the database and its write-ahead log hold the same bytes (SQLite's shared-memory
    # index changes with any reader), and no backup was made of a store that did not change.
    after = snapshot(data_dir)
    for name in (before.keys() | after.keys()) - {f"{DB_FILENAME}-shm"}:
        assert after.get(name) == before.get(name), name
    shown = omi_process("review", "show", "TRN00001", "--json", "--data-dir", data_dir)
    assert {q["id"]: q["value"] for q in shown.json()["questions"]}["1.1.1"] is None
    assert shown.json()["review"]["revision"] == 1
