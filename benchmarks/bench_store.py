"""Durable single-answer commits per second: an inspector's answer against raw sqlite3, in the same run.

    python benchmarks/bench_store.py [--commits 300] [--rounds 5] [--dir DIR] [--json]

Both sides change one answer of a case review of the training inspection per durable transaction, on two
copies of the same file in one temporary folder (so on the same disk), with WAL, synchronous=FULL and foreign
keys on. The store's side is the engine call an inspector's answer goes through, ``core.review.answer()``:
it reads the review, its framework and all its answers, checks the value, writes the answer, its audit event
and the review's next revision, re-evaluates relevance, progress and status, and commits. The baseline is
plain ``sqlite3`` with the same PRAGMAs doing the same writes in one transaction: read the review's revision
and the answer's old value, UPDATE (or INSERT) the answer, INSERT the audit event, UPDATE the review's
revision, timestamp, progress and status, COMMIT. It checks nothing and evaluates nothing: that is the
engine's work, and the ratio is what it costs. Rounds alternate between the two so a change in disk speed
during the run hits both. Target: the store within 2x of raw sqlite3 (ratio <= 2.0).

Each commit costs some CPU plus the wait for the disk's flush, and only the CPU part differs between the two
sides, so the ratio depends on the disk: it is printed with the CPU each side spends per commit, this disk's
fsync latency, and the ratio those CPU costs would give on disks whose flush takes longer or shorter (a
projection, labelled as such).
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

from omi_desktop.core.store import DB_FILENAME, Store  # noqa: E402
from omi_desktop.core.store.engine import BUSY_TIMEOUT_MS  # noqa: E402

ACTOR = "TRN-INS-01"
TARGET_RATIO = 2.0
PROJECTED_FLUSH_MS = (0.1, 0.25, 0.5, 1.0, 2.0)

Plan = list[tuple[str, tuple[str, str]]]  # questions that always apply, and two values each accepts


def make_store(data_dir: Path) -> tuple[Store, str, Plan]:
    """The training inspection, the first case's review started, and the answers to give it."""
    from omi_desktop.core.demo import make_demo
    from omi_desktop.core.errors import OmiError
    from omi_desktop.core.inspections import list_cases, list_inspections
    from omi_desktop.core.review import open_case_review
    from omi_desktop.core.review.preview import preview_answer

    store = Store.open(data_dir)
    make_demo(store, answered=0)
    case = list_cases(store, list_inspections(store)[0].id)[0]
    view = open_case_review(store, case.id, actor=ACTOR)
    plan: Plan = []
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
            plan.append((qid, (accepted[0], accepted[1])))
    return store, view.review.id, plan


def store_commit(store: Store, review_id: str) -> Callable[[str, str], None]:
    from omi_desktop.core.review import answer

    def commit(question: str, value: str) -> None:
        answer(store, review_id, question, value, actor=ACTOR)

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


def raw_commit(conn: sqlite3.Connection, review_id: str) -> Callable[[str, str], None]:
    """The same writes as ``answer()``, in plain SQL: the answer, its audit event, the review's revision."""

    def commit(question: str, value: str) -> None:
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        conn.execute("BEGIN IMMEDIATE")
        try:
            revision, progress, status = conn.execute(
                "SELECT revision, progress, status FROM review WHERE id = ?", (review_id,)
            ).fetchone()
            row = conn.execute(
                "SELECT id, value FROM answer WHERE review_id = ? AND question_id = ?", (review_id, question)
            ).fetchone()
            new = json.dumps(value)
            if row is None:
                conn.execute(
                    "INSERT INTO answer (review_id, question_id, value, note, feedback, relevant, updated_at,"
                    " updated_by) VALUES (?, ?, ?, '', NULL, 1, ?, ?)",
                    (review_id, question, new, now, ACTOR),
                )
            else:
                conn.execute(
                    "UPDATE answer SET value = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                    (new, now, ACTOR, row[0]),
                )
            conn.execute(
                "INSERT INTO audit_event (review_id, revision, action, question_id, old_value, new_value,"
                " actor, at, reason) VALUES (?, ?, 'answer', ?, ?, ?, ?, ?, NULL)",
                (review_id, revision + 1, question, row[1] if row else None, new, ACTOR, now),
            )
            conn.execute(
                "UPDATE review SET revision = ?, updated_at = ?, progress = ?, status = ? WHERE id = ?",
                (revision + 1, now, progress, status, review_id),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    return commit


def rate(
    commit: Callable[[str, str], None], plan: Plan, commits: int, start: int, times: list[float]
) -> tuple[float, float]:
    """Commits per second, and the CPU time each one took (seconds; waiting for the disk is not CPU).

    Commit ``n`` gives the ``n``-th question of the plan the first or second of its values, taking turns on
    each pass over the plan, so every commit changes an answer. Each commit's wall time goes to ``times``.
    """
    clock = time.perf_counter
    began, cpu = clock(), time.process_time()
    for n in range(start, start + commits):
        question, values = plan[n % len(plan)]
        one = clock()
        commit(question, values[(n // len(plan)) % 2])
        times.append(clock() - one)
    return commits / (clock() - began), (time.process_time() - cpu) / commits


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


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a store's file (SQLite's own backup), for the baseline to work on."""
    target.parent.mkdir(parents=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def run(folder: Path, commits: int, rounds: int) -> dict[str, float]:
    store, review_id, plan = make_store(folder / "store")
    # The baseline gets an identical file (same schema, same review) and then only plain sqlite3 touches it.
    copy_database(store.db_path, folder / "raw" / DB_FILENAME)
    conn = raw_connection(folder / "raw" / DB_FILENAME)
    try:
        sides = {"raw": raw_commit(conn, review_id), "store": store_commit(store, review_id)}
        for commit in sides.values():  # warm up: page cache, statement caches, the first answers
            rate(commit, plan, 2 * len(plan), 0, [])
        rates: dict[str, list[float]] = {"raw": [], "store": []}
        cpu: dict[str, list[float]] = {"raw": [], "store": []}
        times: dict[str, list[float]] = {"raw": [], "store": []}
        for r in range(rounds):
            order = ("raw", "store") if r % 2 == 0 else ("store", "raw")
            for side in order:  # each side carries on where it stopped: every commit changes an answer
                per_s, cpu_s = rate(sides[side], plan, commits, 2 * len(plan) + r * commits, times[side])
                rates[side].append(per_s)
                cpu[side].append(cpu_s)
        flush_s = flush_latency(folder)
    finally:
        conn.close()
        store.engine.dispose()  # no close backup: it is not part of the measurement
    raw, ours = statistics.median(rates["raw"]), statistics.median(rates["store"])
    answer_times = sorted(times["store"])
    return {
        "raw_commits_per_s": raw,
        "store_commits_per_s": ours,
        "ratio": raw / ours,
        "store_overhead_us_per_commit": (1 / ours - 1 / raw) * 1e6,
        "raw_cpu_s": statistics.median(cpu["raw"]),
        "store_cpu_s": statistics.median(cpu["store"]),
        "fsync_s": flush_s,
        "answer_median_s": statistics.median(answer_times),
        "answer_p95_s": answer_times[int(0.95 * (len(answer_times) - 1))],
        "answer_questions": len(plan),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=300, help="commits per side per round")
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
        print(
            f"  one answer (core.review.answer on a training case, {result['answer_questions']} questions in "
            f"turn): median {result['answer_median_s'] * 1000:.2f} ms, 95th percentile "
            f"{result['answer_p95_s'] * 1000:.2f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
