"""Benchmark of sync, each figure beside a baseline measured in the same run.

1. Export of 100 finalised reviews (``export_return``: read, hash, JSON, encrypt, sign, write, fsync, read
   back and verify, record) vs the irreducible work: canonical JSON encode of the same payload + ZIP + one
   Ed25519 signature. Target: < 1 s.
2. Import of 42 return bundles, 4,200 reviews (``import_returns``: container checks, schema, signature,
   digests, decryption, payload validation, authorisation, merge in one transaction per bundle) into head
   office's store vs raw inserts of the same rows (reviews, answers, audit events) in one transaction with
   sqlite3. Targets: < 10 s and within 3x of the baseline.

Run: python benchmarks/bench_sync.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from omi_desktop.core.demo import make_demo
from omi_desktop.core.inspections import list_cases
from omi_desktop.core.progress import run_to_end
from omi_desktop.core.setup import InspectorSpec, create_inspection
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Case
from omi_desktop.core.sync.bundle import open_bundle, write_bundle
from omi_desktop.core.sync.canonical import canonical_json
from omi_desktop.core.sync.container import canonical_zip
from omi_desktop.core.sync.export import export_return
from omi_desktop.core.sync.keys import load_private_keys
from omi_desktop.core.sync.returns import import_returns
from omi_desktop.core.sync.reviewdata import content_hash
from omi_desktop.core.sync.trust import fixed_signer

AREAS = 42


def best_of(repeat: int, work: Callable[[], object], before: Callable[[], None] | None = None) -> float:
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def line(name: str, value: float, baseline: float, target: str) -> None:
    figures = f"{value * 1000:9.1f} ms   baseline {baseline * 1000:9.1f} ms   ratio {value / baseline:6.2f}x"
    print(f"{name:<50} {figures}  {target}")


def retarget(payload: dict, inspection_id: str, cases: dict[str, str]) -> dict:
    """The same reviews as if made in another inspection: new review and case ids, hashes recomputed."""
    reviews = []
    for item in payload["reviews"]:
        item = dict(item, id=str(uuid.uuid5(uuid.NAMESPACE_URL, item["id"] + inspection_id)))
        item["case_id"] = cases.get(item["case_reference"]) if item["case_reference"] else None
        item["sha256"] = content_hash(
            review_id=item["id"],
            case_id=item["case_id"],
            instrument=item["instrument"],
            respondent=item["respondent"],
            framework_id=item["framework_id"],
            framework_version=item["framework_version"],
            status=item["status"],
            answers=((a["question_id"], a["value"], a["note"], a["feedback"]) for a in item["answers"]),
        )
        reviews.append(item)
    return {
        "payload": "return",
        "inspection_id": inspection_id,
        "sender": payload["sender"],
        "reviews": reviews,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"Sync benchmark (best of {args.repeat}; ratio = figure / same-run baseline)\n")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        laptop_dir = root / "laptop"
        store = Store.open(laptop_dir)
        demo = make_demo(store, answered=100, seed=11, other_instruments=False)
        keys = load_private_keys(laptop_dir)
        hq_dir = demo.training_hq
        hq_keys = load_private_keys(hq_dir)

        # -- 1. export ---------------------------------------------------------------------------------------
        outputs = iter(range(10_000))

        def export() -> Path:
            return run_to_end(export_return(store, keys, root / f"export-{next(outputs)}.omib")).path

        exported = best_of(args.repeat, export)
        sample = export()
        opened = open_bundle(
            sample.read_bytes(), signer=fixed_signer(keys.identity), me=hq_keys, kinds=("return",)
        )
        payload = opened.payload.model_dump(mode="json")

        def irreducible() -> bytes:
            body = canonical_json(payload)
            manifest = canonical_json({"bundle": str(uuid.uuid4()), "size": len(body)})
            return canonical_zip(
                [
                    ("manifest.json", manifest),
                    ("manifest.sig", keys.signing.sign(manifest)),
                    ("payload.json", body),
                ]
            )

        baseline = best_of(args.repeat, irreducible)
        line(f"export {len(payload['reviews'])} finalised reviews", exported, baseline, "(target < 1 s)")
        store.close()

        # -- 2. import of 42 bundles at head office ------------------------------------------------------
        hq = Store.open(hq_dir)
        me = keys.identity.id
        bundles = [sample]
        template = demo.inspection
        facts = [
            {k: getattr(c, k) for k in Case.model_fields if k not in ("id", "inspection_id")}
            for c in _hq_cases(hq, template.id)
        ]
        for n in range(1, AREAS):
            inspection = create_inspection(
                hq, title=f"Bench inspection {n}", area_code=f"BENCH-{n}", area_name=f"Bench area {n}",
                framework_id=template.framework_id, framework_version=template.framework_version,
                lead=InspectorSpec(me, keys.identity.name, role="lead"), cases=facts, training=True,
            )  # fmt: skip
            cases = {c.reference: c.id for c in list_cases(hq, inspection.id)}
            written = write_bundle(
                kind="return", keys=keys, recipients=[hq_keys.identity], inspection_id=inspection.id,
                framework=(template.framework_id, template.framework_version), subject=me, sequence=1,
                payload=retarget(payload, inspection.id, cases), items=len(payload["reviews"]),
            )  # fmt: skip
            path = root / f"bench-{n}.omib"
            path.write_bytes(written.data)
            bundles.append(path)
        hq.close()
        pristine = root / "hq-before.sqlite3"
        shutil.copyfile(hq_dir / "omi.sqlite3", pristine)
        rows = _rows_of(bundles, keys, hq_keys)

        def fresh_hq() -> None:
            for suffix in ("", "-wal", "-shm"):
                (hq_dir / f"omi.sqlite3{suffix}").unlink(missing_ok=True)
            shutil.copyfile(pristine, hq_dir / "omi.sqlite3")

        def import_all() -> None:
            with Store.open(hq_dir) as target:
                reports = run_to_end(import_returns(target, bundles, hq_keys, at="hq"))
            assert all(r.status == "imported" and r.counts()["accepted"] == 100 for r in reports), reports[
                0
            ].summary()

        def raw_inserts() -> None:
            conn = sqlite3.connect(hq_dir / "omi.sqlite3")
            conn.execute("PRAGMA synchronous = FULL")
            with conn:
                for table, values in rows.items():
                    columns = list(values[0])
                    marks = ", ".join("?" * len(columns))
                    conn.executemany(
                        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                        [tuple(v[c] for c in columns) for v in values],
                    )
            conn.close()

        imported = best_of(args.repeat, import_all, before=fresh_hq)
        raw = best_of(args.repeat, raw_inserts, before=fresh_hq)
        total = sum(len(v) for v in rows.values())
        line(
            f"import {AREAS} bundles, {AREAS * 100:,} reviews ({total:,} rows)",
            imported,
            raw,
            "(targets < 10 s, < 3x)",
        )


def _hq_cases(hq: Store, inspection_id: str) -> list[Case]:
    from sqlmodel import select

    with hq.read() as session:
        return list(
            session.exec(select(Case).where(Case.inspection_id == inspection_id).order_by(Case.reference))
        )


def _rows_of(bundles: list[Path], keys, hq_keys) -> dict[str, list[dict]]:
    """The review, answer and audit rows the bundles carry, as plain values for sqlite3."""
    rows: dict[str, list[dict]] = {"review": [], "answer": [], "audit_event": []}
    for path in bundles:
        opened = open_bundle(
            path.read_bytes(), signer=fixed_signer(keys.identity), me=hq_keys, kinds=("return",)
        )
        for r in opened.payload.reviews:
            rows["review"].append({
                "id": r.id, "inspection_id": opened.manifest.inspection_id, "case_id": r.case_id,
                "instrument": r.instrument, "respondent": r.respondent, "framework_id": r.framework_id,
                "framework_version": r.framework_version, "status": r.status, "progress": r.progress,
                "revision": r.revision, "created_at": r.created_at, "updated_at": r.updated_at,
                "finalised_at": r.finalised_at, "finalised_by": r.finalised_by,
            })  # fmt: skip
            rows["answer"] += [
                {**a, "review_id": r.id, "value": json.dumps(a["value"])}
                for a in r.answers
            ]  # fmt: skip
            rows["audit_event"] += [
                {**e, "review_id": r.id, "old_value": json.dumps(e["old_value"]),
                 "new_value": json.dumps(e["new_value"])}
                for e in r.audit
            ]  # fmt: skip
    return rows


if __name__ == "__main__":
    main()
