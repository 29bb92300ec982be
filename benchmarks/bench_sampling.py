"""Import and sample a 100,000-row long list, against parsing the same CSV with the csv module alone.

    python benchmarks/bench_sampling.py [--rows 100000] [--rounds 5] [--store] [--json]

The long list is a fictional one written once to a temporary folder (UTF-8 CSV, 16 columns, mixed date
styles, the usual quirks). Each round times, in alternating order so a change in machine load hits both:

- baseline: ``list(csv.reader(file))`` on the same file, nothing else;
- ours: ``read_long_list`` (decode, every cell checked, typed records, problems by row and column) and then
  ``draw_sample`` (exclusions, duplicates, strata, spread, officer cap, two minimums, buffer).

Targets: ours under 3 s and within 5x of the baseline (medians over the rounds). ``--store`` also times
keeping the sample (every row's fate and the cases) in a real store, which is reported but not part of the
target: head office does that once per inspection, behind a progress dialog.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from omi_desktop.core.progress import run_to_end  # noqa: E402
from omi_desktop.core.sampling.draw import draw_sample  # noqa: E402
from omi_desktop.core.sampling.longlist import read_long_list  # noqa: E402
from omi_desktop.core.sampling.parameters import SampleParameters, default_window, parse_minimum  # noqa: E402
from omi_desktop.core.sampling.records import sample_operation  # noqa: E402
from omi_desktop.core.sampling.synthetic import synthetic_long_list, write_long_list_csv  # noqa: E402
from omi_desktop.core.setup import create_inspection  # noqa: E402
from omi_desktop.core.store import Store  # noqa: E402

FIELDWORK = date(2026, 11, 2)
TARGET_SECONDS = 3.0
TARGET_RATIO = 5.0


def parameters() -> SampleParameters:
    start, end = default_window(FIELDWORK)
    return SampleParameters(
        size=100,
        seed=2026,
        window_start=start,
        window_end=end,
        as_of=date(2026, 10, 1),
        minimums=(parse_minimum("high_rosh=25"), parse_minimum("ppo=10")),
    )


def baseline(path: Path) -> float:
    began = time.perf_counter()
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    elapsed = time.perf_counter() - began
    assert len(rows) > 1
    return elapsed


def ours(path: Path) -> tuple[float, float, int]:
    began = time.perf_counter()
    longlist = read_long_list(path)
    read = time.perf_counter() - began
    draw = draw_sample(longlist.usable().records, parameters())
    drawn = time.perf_counter() - began - read
    return read, drawn, len(draw.sampled)


def store_time(path: Path, folder: Path) -> float:
    store = Store.open(folder / "store")
    try:
        inspection = create_inspection(
            store,
            title="Benchmark (fictional)",
            area_code="BENCH",
            area_name="Bench",
            fieldwork_start=FIELDWORK,
        )
        longlist = read_long_list(path)
        began = time.perf_counter()
        run_to_end(sample_operation(store, inspection.id, longlist, parameters(), actor="bench"))
        return time.perf_counter() - began
    finally:
        store.engine.dispose()


def run(rows: int, rounds: int, folder: Path, with_store: bool) -> dict[str, float]:
    path = write_long_list_csv(
        folder / "longlist.csv", synthetic_long_list(rows, seed=1, fieldwork_start=FIELDWORK)
    )
    baseline(path), ours(path)  # warm up: page cache, imports, regular expressions
    base, read, drawn = [], [], []
    for r in range(rounds):
        for side in ("baseline", "ours") if r % 2 == 0 else ("ours", "baseline"):
            gc.collect()
            if side == "baseline":
                base.append(baseline(path))
            else:
                a, b, sampled = ours(path)
                assert sampled == 100
                read.append(a)
                drawn.append(b)
    totals = [a + b for a, b in zip(read, drawn, strict=True)]
    result = {
        "rows": rows,
        "file_mb": path.stat().st_size / 1e6,
        "csv_module_s": statistics.median(base),
        "import_s": statistics.median(read),
        "sample_s": statistics.median(drawn),
        "import_and_sample_s": statistics.median(totals),
    }
    result["ratio"] = result["import_and_sample_s"] / result["csv_module_s"]
    if with_store:
        result["keep_in_store_s"] = store_time(path, folder)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--store", action="store_true", help="also time keeping the sample in a store")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="omi-bench-sampling-"))
    try:
        result = run(args.rows, args.rounds, folder, args.store)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result.update(rounds=args.rounds, target_seconds=TARGET_SECONDS, target_ratio=TARGET_RATIO)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    within = result["import_and_sample_s"] < TARGET_SECONDS and result["ratio"] <= TARGET_RATIO
    print(
        f"long list of {result['rows']:,} rows ({result['file_mb']:.1f} MB), median of {args.rounds} rounds:"
    )
    print(f"  csv module alone      : {result['csv_module_s']:6.3f} s")
    print(f"  import (read + check) : {result['import_s']:6.3f} s")
    print(f"  sample (draw)         : {result['sample_s']:6.3f} s")
    print(f"  import and sample     : {result['import_and_sample_s']:6.3f} s")
    verdict = "within target" if within else "OVER TARGET"
    print(
        f"  ratio                 : {result['ratio']:6.2f}x the csv module "
        f"(target < {TARGET_SECONDS:g} s and <= {TARGET_RATIO:g}x: {verdict})"
    )
    if "keep_in_store_s" in result:
        print(
            f"  keeping it in a store : {result['keep_in_store_s']:6.3f} s (every row's fate and the cases)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
