"""Durable single-answer commits per second: the store against raw sqlite3, measured in the same run.

    python benchmarks/bench_store.py [--commits 500] [--rounds 5] [--answers 300] [--dir DIR] [--json]

Both sides do the same work on a real file in the same temporary folder (so on the same disk): one answer
inserted or updated per transaction, committed with WAL, synchronous=FULL and foreign keys on. The store goes
through ``Store.write()`` and the ORM; the baseline is plain ``sqlite3`` with the same PRAGMAs and the same
SQL the ORM sends (look the row up, then UPDATE or INSERT). Rounds alternate between the two so a change in
disk speed during the run hits both. Target: the store within 2x of raw sqlite3 (ratio <= 2.0).

Each commit costs some CPU (the ORM's, on the store's side) plus the wait for the disk's flush, and only the
CPU part differs between the two sides, so the ratio depends on the disk: it is printed with the CPU each
side spends per commit, this disk's fsync latency, and the ratio those CPU costs would give on disks whose
flush takes longer or shorter (a projection, labelled as such).

Then it times ``core.review.answer()`` (``--answers`` calls) on a case review of the training inspection in
the same folder: what an inspector's answer waits for, beside one raw durable commit.
"""

from __future__ import annotations

import argparse
import json
import os
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
ACTOR = "TRN-INS-01"
QUESTIONS = tuple(f"{s}.{q}" for s in range(1, 5) for q in range(1, 11))  # 40 questions
TARGET_RATIO = 2.0
PROJECTED_FLUSH_MS = (0.1, 0.25, 0.5, 1.0, 2.0)


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


def rate(commit: Callable[[str, int], None], commits: int, start: int) -> tuple[float, float]:
    """Commits per second, and the CPU time each one took (seconds; waiting for the disk is not CPU)."""
    began, cpu = time.perf_counter(), time.process_time()
    for n in range(commits):
        commit(QUESTIONS[(start + n) % len(QUESTIONS)], start + n)
    return commits / (time.perf_counter() - began), (time.process_time() - cpu) / commits


def flush_latency(folder: Path, samples: int = 200) -> float:
    """Median seconds of one fsync after a 4 KiB write, in ``folder`` (the disk both sides commit to)."""
    path = folder / "fsync-probe"
    block = os.urandom(4096)
    times = []
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        for n in range(samples):
            os.pwrite(fd, block, (n % 16) * len(block))
            began = time.perf_counter()
            os.fsync(fd)
            times.append(time.perf_counter() - began)
    finally:
        os.close(fd)
        path.unlink()
    return statistics.median(times)


def projected_ratio(result: dict[str, float], flush_s: float) -> float:
    """The ratio on a disk whose commit waits ``flush_s`` for the flush, given the CPU each side spends."""
    return (result["store_cpu_s"] + flush_s) / (result["raw_cpu_s"] + flush_s)


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
        cpu: dict[str, list[float]] = {"raw": [], "store": []}
        for r in range(rounds):
            order = ("raw", "store") if r % 2 == 0 else ("store", "raw")
            for side in order:
                per_s, cpu_s = rate(sides[side], commits, (r + 1) * commits)
                rates[side].append(per_s)
                cpu[side].append(cpu_s)
        flush_s = flush_latency(folder)
    finally:
        conn.close()
        store.engine.dispose()  # no close backup: it is not part of the measurement
    raw, ours = statistics.median(rates["raw"]), statistics.median(rates["store"])
    return {
        "raw_commits_per_s": raw,
        "store_commits_per_s": ours,
        "ratio": raw / ours,
        "store_overhead_us_per_commit": (1 / ours - 1 / raw) * 1e6,
        "raw_cpu_s": statistics.median(cpu["raw"]),
        "store_cpu_s": statistics.median(cpu["store"]),
        "fsync_s": flush_s,
    }


def answer_latency(folder: Path, answers: int) -> dict[str, float]:
    """Seconds per ``core.review.answer()`` call (what the inspector waits for), on a training case review.

    Each call loads the review, its framework and all its answers, checks the value, writes the answer and
    an audit event, re-evaluates the review and commits durably: the questions used always apply and take
    either of two values, so every call changes an answer.
    """
    from omi_desktop.core.demo import make_demo
    from omi_desktop.core.errors import OmiError
    from omi_desktop.core.inspections import list_cases, list_inspections
    from omi_desktop.core.review import answer, open_case_review
    from omi_desktop.core.review.preview import preview_answer

    store = Store.open(folder / "answers")
    try:
        make_demo(store, answered=0)
        case = list_cases(store, list_inspections(store)[0].id)[0]
        view = open_case_review(store, case.id, actor=ACTOR)
        plan = []  # (question, two values it accepts)
        for qid in view.evaluation.order:
            question = view.framework.questions[qid]
            if question.type != "judgement" or question.relevant is not None:
                continue
            accepted = []
            for value in ("yes", "no", "partly"):
                try:
                    preview_answer(view, qid, value)
                except OmiError:
                    continue
                accepted.append(value)
            if len(accepted) >= 2:
                plan.append((qid, accepted[:2]))
        wall, cpu = [], []
        for n in range(answers + len(plan)):  # the first pass over the questions warms up
            qid, values = plan[n % len(plan)]
            began, began_cpu = time.perf_counter(), time.process_time()
            answer(store, view.review.id, qid, values[(n // len(plan)) % 2], actor=ACTOR)
            if n >= len(plan):
                wall.append(time.perf_counter() - began)
                cpu.append(time.process_time() - began_cpu)
    finally:
        store.engine.dispose()
    wall.sort()
    return {
        "answer_median_s": statistics.median(wall),
        "answer_p95_s": wall[int(0.95 * (len(wall) - 1))],
        "answer_cpu_s": statistics.median(cpu),
        "answer_questions": len(plan),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=500, help="commits per side per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--dir", type=Path, default=None, help="folder on the disk to measure (default: temp)"
    )
    parser.add_argument("--answers", type=int, default=300, help="answer() calls timed (0: none)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="omi-bench-", dir=args.dir))
    try:
        result = run(folder, args.commits, args.rounds)
        if args.answers > 0:
            result.update(answer_latency(folder, args.answers))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result.update(commits=args.commits, rounds=args.rounds, target_ratio=TARGET_RATIO)
    result["projected_ratio"] = {
        f"{ms:g} ms": projected_ratio(result, ms / 1000) for ms in PROJECTED_FLUSH_MS
    }
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
        print(
            f"  CPU per commit: raw {result['raw_cpu_s'] * 1e6:.0f} us, "
            f"store {result['store_cpu_s'] * 1e6:.0f} us; this disk's fsync after a 4 KiB write: "
            f"{result['fsync_s'] * 1e6:.0f} us (median)"
        )
        projected = ", ".join(f"{k}: {v:.2f}x" for k, v in result["projected_ratio"].items())
        print(f"  projected ratio on a disk whose flush takes (same CPU costs) {projected}")
        if args.answers > 0:
            raw_s = 1 / result["raw_commits_per_s"]
            print(
                f"answering a question (core.review.answer, {args.answers} answers on a training case): "
                f"median {result['answer_median_s'] * 1000:.2f} ms, 95th percentile "
                f"{result['answer_p95_s'] * 1000:.2f} ms, CPU {result['answer_cpu_s'] * 1000:.2f} ms; "
                f"{result['answer_median_s'] / raw_s:.1f}x one raw durable commit"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
