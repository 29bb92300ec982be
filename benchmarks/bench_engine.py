"""Benchmark of the inspection engine, each figure beside a baseline measured in the same run.

1. Loading the OMI framework (TOML parse + validation + reference checks) vs parsing the TOML alone.
2. Relevance and completeness of one fully answered case review vs one dictionary look-up per question.
   Target: < 5 ms.
3. Scoring 4,200 finalised reviews (42 areas x 100 cases) from the store vs a plain SQL GROUP BY over the
   same answers. Targets: < 1 s and within 3x of the SQL baseline.

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

from omi_desktop.core.demo import make_demo  # noqa: E402
from omi_desktop.core.framework.loader import parse_framework  # noqa: E402
from omi_desktop.core.inspections import list_cases  # noqa: E402
from omi_desktop.core.review import evaluate, get_review  # noqa: E402
from omi_desktop.core.scoring import scores_by_inspection  # noqa: E402
from omi_desktop.core.store import Store  # noqa: E402
from omi_desktop.paths import data_path  # noqa: E402

AREAS = 42


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def median_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def line(name: str, value: float, baseline: float, target: str) -> None:
    print(
        f"{name:<44} {value * 1000:9.3f} ms   baseline {baseline * 1000:9.3f} ms   ratio {value / baseline:6.2f}x  {target}"
    )


def replicate_inspections(db: Path, copies: int) -> None:
    """Copy the demo inspection (cases, finalised reviews, answers) ``copies`` times under new ids."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = ON")
    (inspection_id,) = conn.execute("SELECT id FROM inspection").fetchone()
    (area_id, region_id) = conn.execute(
        "SELECT a.id, a.region_id FROM area a JOIN inspection i ON i.area_id = a.id"
    ).fetchone()
    inspection_cols = [r[1] for r in conn.execute("PRAGMA table_info(inspection)")]
    case_cols = [r[1] for r in conn.execute("PRAGMA table_info(inspection_case)")]
    review_cols = [r[1] for r in conn.execute("PRAGMA table_info(review)")]
    answer_cols = [r[1] for r in conn.execute("PRAGMA table_info(answer)") if r[1] != "id"]
    with conn:
        for n in range(copies):
            new_area = str(uuid.uuid4())
            conn.execute(
                "INSERT INTO area (id, code, name, region_id) VALUES (?, ?, ?, ?)",
                (new_area, f"BENCH-{n}", f"Bench area {n}", region_id),
            )
            new_inspection = str(uuid.uuid4())
            select = ", ".join("?" if c in ("id", "area_id") else c for c in inspection_cols)
            conn.execute(
                f"INSERT INTO inspection ({', '.join(inspection_cols)}) SELECT {select} FROM inspection WHERE id = ?",
                [new_inspection if c == "id" else new_area for c in inspection_cols if c in ("id", "area_id")]
                + [inspection_id],
            )
            case_map = {old: str(uuid.uuid4()) for (old,) in conn.execute(
                "SELECT id FROM inspection_case WHERE inspection_id = ?", (inspection_id,))}  # fmt: skip
            for old, new in case_map.items():
                cols = ", ".join(case_cols)
                picks = ", ".join("?" if c in ("id", "inspection_id") else c for c in case_cols)
                params = [
                    new if c == "id" else new_inspection for c in case_cols if c in ("id", "inspection_id")
                ]
                conn.execute(f"INSERT INTO inspection_case ({cols}) SELECT {picks} FROM inspection_case WHERE id = ?",
                             [*params, old])  # fmt: skip
            reviews = conn.execute(
                "SELECT id, case_id FROM review WHERE inspection_id = ?", (inspection_id,)
            ).fetchall()
            for old_review, old_case in reviews:
                new_review = str(uuid.uuid4())
                picks = []
                params = []
                for c in review_cols:
                    if c in ("id", "inspection_id", "case_id"):
                        picks.append("?")
                        params.append(
                            {"id": new_review, "inspection_id": new_inspection}.get(c, case_map.get(old_case))
                        )
                    else:
                        picks.append(c)
                conn.execute(f"INSERT INTO review ({', '.join(review_cols)}) SELECT {', '.join(picks)} FROM review "
                             "WHERE id = ?", [*params, old_review])  # fmt: skip
                picks = ", ".join("?" if c == "review_id" else c for c in answer_cols)
                conn.execute(f"INSERT INTO answer ({', '.join(answer_cols)}) SELECT {picks} FROM answer "
                             "WHERE review_id = ?", (new_review, old_review))  # fmt: skip
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
        result = make_demo(store, answered=100, seed=11)
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

        scoring = best_of(args.repeat, lambda: scores_by_inspection(store))
        sql = best_of(args.repeat, sql_group_by)
        line(f"score {finalised:,} finalised reviews ({AREAS} areas)", scoring, sql, "(targets < 1 s, < 3x)")
        store.close()


if __name__ == "__main__":
    main()
