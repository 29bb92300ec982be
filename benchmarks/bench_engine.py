"""Benchmark of the inspection engine, each figure beside a baseline measured in the same run.

1. Loading the OMI framework (TOML parse + validation + reference checks) vs parsing the TOML alone.
2. Relevance and completeness of one fully answered case review vs one dictionary look-up per question.
   Target: < 5 ms.
3. Scoring 4,200 finalised reviews (42 areas x 100 cases) from the store, with each figure's interval
   computed from its cases, vs a plain SQL GROUP BY over the same answers (the two run in alternate
   rounds). Targets: < 1 s and within 3x of the SQL baseline.

Run: python benchmarks/bench_engine.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
import tomllib
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from omi_desktop.core.demo import make_demo
from omi_desktop.core.framework.loader import parse_framework
from omi_desktop.core.inspections import list_cases
from omi_desktop.core.review import evaluate, get_review
from omi_desktop.core.scoring import scores_by_inspection
from omi_desktop.core.store import Store
from omi_desktop.paths import data_path

AREAS = 42


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def best_of_alternating(
    repeat: int, work: Callable[[], object], baseline: Callable[[], object]
) -> tuple[float, float]:
    """Best times of ``work`` and ``baseline``, run in alternate rounds so that both see the same load."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for side, job in enumerate((work, baseline)):
            start = time.perf_counter()
            job()
            times[side].append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


def median_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def line(name: str, value: float, baseline: float, target: str) -> None:
    figures = f"{value * 1000:9.3f} ms   baseline {baseline * 1000:9.3f} ms   ratio {value / baseline:6.2f}x"
    print(f"{name:<44} {figures}  {target}")


def _copy_rows(
    conn: sqlite3.Connection, table: str, where: str, args: tuple, changes: dict[str, object]
) -> None:
    """INSERT ... SELECT the rows of ``table`` matching ``where``, with some columns set to new values."""
    columns = [
        r[1] for r in conn.execute(f"PRAGMA table_info({table})") if not (table == "answer" and r[1] == "id")
    ]
    picks = ", ".join("?" if c in changes else c for c in columns)
    values = [changes[c] for c in columns if c in changes]
    conn.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {picks} FROM {table} WHERE {where}",
        [*values, *args],
    )


def replicate_inspections(db: Path, copies: int) -> None:
    """Copy the demo inspection (cases, finalised reviews, answers) ``copies`` times under new ids."""
    conn = sqlite3.connect(db)
    (inspection_id, region_id) = conn.execute(
        "SELECT i.id, a.region_id FROM inspection i JOIN area a ON a.id = i.area_id"
    ).fetchone()
    cases = [
        row[0]
        for row in conn.execute("SELECT id FROM inspection_case WHERE inspection_id = ?", (inspection_id,))
    ]
    reviews = conn.execute(
        "SELECT id, case_id FROM review WHERE inspection_id = ?", (inspection_id,)
    ).fetchall()
    with conn:
        for n in range(copies):
            area, inspection = str(uuid.uuid4()), str(uuid.uuid4())
            conn.execute(
                "INSERT INTO area (id, code, name, region_id) VALUES (?, ?, ?, ?)",
                (area, f"BENCH-{n}", f"Bench area {n}", region_id),
            )
            _copy_rows(conn, "inspection", "id = ?", (inspection_id,), {"id": inspection, "area_id": area})
            new_case = {old: str(uuid.uuid4()) for old in cases}
            for old, new in new_case.items():
                _copy_rows(
                    conn, "inspection_case", "id = ?", (old,), {"id": new, "inspection_id": inspection}
                )
            for old_review, old_case in reviews:
                review = str(uuid.uuid4())
                changes = {"id": review, "inspection_id": inspection, "case_id": new_case.get(old_case)}
                _copy_rows(conn, "review", "id = ?", (old_review,), changes)
                _copy_rows(conn, "answer", "review_id = ?", (old_review,), {"review_id": review})
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"Engine benchmark (best or median of {args.repeat}; ratio = figure / same-run baseline)\n")

    source = data_path("frameworks", "omi-2006.toml").read_text(encoding="utf-8")
    load = best_of(args.repeat, lambda: parse_framework(source, "omi-2006.toml"))
    toml_only = best_of(args.repeat, lambda: tomllib.loads(source))
    line("load omi-2006 framework", load, toml_only, "(baseline: tomllib.loads alone)")

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp))
        result = make_demo(store, answered=100, seed=11, other_instruments=False)
        cases = list_cases(store, result.inspection.id)
        view = get_review(store, cases[0].review_id)
        answers = {qid: a.value for qid, a in view.answers.items()}
        order = view.evaluation.order

        def full_evaluation() -> None:
            evaluate(view.framework, "case", answers, facts=view.facts, active_modules=view.active_modules)

        def lookups() -> None:
            for qid in order:
                answers.get(qid)

        evaluation = median_of(max(args.repeat, 200), full_evaluation)
        baseline = median_of(max(args.repeat, 200), lookups)
        line("relevance + completeness of one review", evaluation, baseline, "(target < 5 ms)")

        store.close()
        replicate_inspections(store.db_path, AREAS - 1)
        store = Store.open(Path(tmp))
        (finalised,) = (
            sqlite3.connect(store.db_path)
            .execute("SELECT count(*) FROM review WHERE status = 'finalised'")
            .fetchone()
        )

        def sql_group_by() -> list:
            conn = sqlite3.connect(store.db_path)
            rows = conn.execute(
                "SELECT a.question_id, a.value, count(*) FROM answer a JOIN review r ON r.id = a.review_id "
                "WHERE r.status = 'finalised' AND a.relevant = 1 AND a.value IS NOT NULL "
                "GROUP BY a.question_id, a.value"
            ).fetchall()
            conn.close()
            return rows

        scoring, sql = best_of_alternating(args.repeat, lambda: scores_by_inspection(store), sql_group_by)
        line(f"score {finalised:,} finalised reviews ({AREAS} areas)", scoring, sql, "(targets < 1 s, < 3x)")
        store.close()


if __name__ == "__main__":
    main()
