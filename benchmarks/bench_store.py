"""Durable single-answer commits per second: the store against raw sqlite3, measured in the same run.

    python benchmarks/bench_store.py [--commits 500] [--rounds 5] [--dir DIR] [--json]

Both sides do the same work on a real file in the same temporary folder (so on the same disk): one answer
inserted or updated per transaction, committed with WAL, synchronous=FULL and foreign keys on. The store goes
through ``Store.write()`` and the ORM; the baseline is plain ``sqlite3`` with the same PRAGMAs and the same
SQL the ORM sends (look the row up, then UPDATE or INSERT). Rounds alternate between the two so a change in
disk speed during the run hits both. Target: the store within 2x of raw sqlite3 (ratio <= 2.0).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from sqlmodel import select  # noqa: E402

from omi_desktop.core.store import DB_FILENAME, Store  # noqa: E402
from omi_desktop.core.store.engine import BUSY_TIMEOUT_MS  # noqa: E402
from omi_desktop.core.store.tables import Answer, Area, Case, Inspection, Review  # noqa: E402

REVIEW_ID = "bench-review"
QUESTIONS = tuple(f"{s}.{q}" for s in range(1, 5) for q in range(1, 11))  # 40 questions
TARGET_RATIO = 2.0


def make_store(data_dir: Path) -> Store:
    store = Store.open(data_dir)
    with store.write() as session:
        area = Area(code="AR-BENCH", name="Benchmark Area (fictional)")
        inspection = Inspection(title="Benchmark", area_id=area.id, framework_id="omi2", framework_version=1)
        case = Case(inspection_id=inspection.id, reference="CRN-BENCH")
        review = Review(
            id=REVIEW_ID,
            inspection_id=inspection.id,
            case_id=case.id,
            framework_id="omi2",
            framework_version=1,
        )
        for row in (area, inspection, case, review):  # no ORM relationships: parents are flushed first
            session.add(row)
            session.flush()
    return store


def store_commit(store: Store) -> Callable[[str, int], None]:
    def commit(question: str, value: int) -> None:
        with store.write() as session:
            row = session.exec(
                select(Answer).where(Answer.review_id == REVIEW_ID, Answer.question_id == question)
            ).first()
            if row is None:
                row = Answer(review_id=REVIEW_ID, question_id=question)
            row.value = value
            row.updated_at = datetime.now(UTC)
            row.updated_by = "bench"
            session.add(row)

    return commit


def raw_connection(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    for pragma in (
        f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        "PRAGMA foreign_keys = ON",
    ):
        conn.execute(pragma)
    return conn


def raw_commit(conn: sqlite3.Connection) -> Callable[[str, int], None]:
    def commit(question: str, value: int) -> None:
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute(
                "SELECT id FROM answer WHERE review_id = ? AND question_id = ?", (REVIEW_ID, question)
            ).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO answer (review_id, question_id, value, note, updated_at, updated_by)"
                    " VALUES (?, ?, ?, '', ?, 'bench')",
                    (REVIEW_ID, question, json.dumps(value), now),
                )
            else:
                conn.execute(
                    "UPDATE answer SET value = ?, updated_at = ?, updated_by = 'bench' WHERE id = ?",
                    (json.dumps(value), now, row[0]),
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    return commit


def rate(commit: Callable[[str, int], None], commits: int, start: int) -> float:
    began = time.perf_counter()
    for n in range(commits):
        commit(QUESTIONS[(start + n) % len(QUESTIONS)], start + n)
    return commits / (time.perf_counter() - began)


def run(folder: Path, commits: int, rounds: int) -> dict[str, float]:
    store = make_store(folder / "store")
    # The baseline gets an identical file (same schema, same review) and then only plain sqlite3 touches it.
    make_store(folder / "raw").close()
    for backup in (folder / "raw" / "backups").glob("*"):
        backup.unlink()
    conn = raw_connection(folder / "raw" / DB_FILENAME)
    try:
        sides = {"raw": raw_commit(conn), "store": store_commit(store)}
        for commit in sides.values():  # warm up: page cache, statement caches, first inserts
            rate(commit, len(QUESTIONS), 0)
        rates: dict[str, list[float]] = {"raw": [], "store": []}
        for r in range(rounds):
            order = ("raw", "store") if r % 2 == 0 else ("store", "raw")
            for side in order:
                rates[side].append(rate(sides[side], commits, (r + 1) * commits))
    finally:
        conn.close()
        store.engine.dispose()  # no close backup: it is not part of the measurement
    raw, ours = statistics.median(rates["raw"]), statistics.median(rates["store"])
    return {
        "raw_commits_per_s": raw,
        "store_commits_per_s": ours,
        "ratio": raw / ours,
        "store_overhead_us_per_commit": (1 / ours - 1 / raw) * 1e6,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=500, help="commits per side per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--dir", type=Path, default=None, help="folder on the disk to measure (default: temp)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="omi-bench-", dir=args.dir))
    try:
        result = run(folder, args.commits, args.rounds)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result.update(commits=args.commits, rounds=args.rounds, target_ratio=TARGET_RATIO)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"durable single-answer commits, median of {args.rounds} rounds of {args.commits}:")
        print(f"  raw sqlite3 : {result['raw_commits_per_s']:8.0f} commits/s")
        print(f"  store       : {result['store_commits_per_s']:8.0f} commits/s")
        verdict = "within target" if result["ratio"] <= TARGET_RATIO else "OVER TARGET"
        print(
            f"  ratio       : {result['ratio']:8.2f}x slower than raw (target <= {TARGET_RATIO}x: {verdict})"
        )
        print(
            f"  the store adds {result['store_overhead_us_per_commit']:.0f} us to each commit "
            f"(raw: {1e6 / result['raw_commits_per_s']:.0f} us per commit)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
