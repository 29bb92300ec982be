"""Printed documents: one feedback sheet and the 100-case interim report, against a minimal ReportLab
document with the same number of pages, measured in the same run.

    python benchmarks/bench_reports.py [--rounds 7] [--json]

Set-up (not timed): the training inspection with 100 finalised cases in a temporary data folder, and two
themes from the lead inspector. Each document is generated in full (reading the store, laying out, writing
the PDF bytes) ``--rounds`` times after one warm-up; the median counts. The baseline is a bare
``SimpleDocTemplate`` with one short paragraph per page in a standard font and the same page count, so the
ratio shows what our layout, tables, embedded fonts and data reading cost over ReportLab's floor.
Targets: feedback sheet < 0.3 s; interim report < 2 s.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate  # noqa: E402

from omi_desktop.core.demo import make_demo  # noqa: E402
from omi_desktop.core.reports.feedback import feedback_pdf  # noqa: E402
from omi_desktop.core.reports.interim import interim_pdf  # noqa: E402
from omi_desktop.core.reports.themes import add_theme  # noqa: E402
from omi_desktop.core.store import Store  # noqa: E402

TARGETS = {"feedback_sheet": 0.3, "interim_report": 2.0}


def baseline(pages: int) -> Callable[[], int]:
    """A minimal ReportLab document of ``pages`` pages."""
    style = getSampleStyleSheet()["Normal"]

    def build() -> int:
        story = []
        for number in range(pages):
            if number:
                story.append(PageBreak())
            story.append(Paragraph(f"Page {number + 1}", style))
        target = io.BytesIO()
        SimpleDocTemplate(target, pagesize=A4).build(story)
        return pages

    return build


def median_seconds(work: Callable[[], object], rounds: int) -> float:
    work()  # warm-up: imports, font registration, parsed framework cache
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(rounds: int) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="omi-bench-reports-") as folder:
        store = Store.open(Path(folder) / "data")
        demo = make_demo(store, answered=100, seed=2006, anchor=date(2026, 11, 4))
        add_theme(store, demo.inspection.id, "Risk of Harm analysis", "Screening timely; analysis thin.")
        add_theme(store, demo.inspection.id, "Engagement", "Offender managers knew their cases well.")
        documents = {
            "feedback_sheet": lambda: feedback_pdf(store, "TRN00001"),
            "interim_report": lambda: interim_pdf(store, demo.inspection.id),
        }
        results = {}
        for name, build in documents.items():
            pages = build().pages
            seconds = median_seconds(build, rounds)
            floor = median_seconds(baseline(pages), rounds)
            results[name] = {
                "pages": pages,
                "seconds": seconds,
                "baseline_seconds": floor,
                "ratio": seconds / floor,
                "target_seconds": TARGETS[name],
                "met": seconds < TARGETS[name],
            }
        store.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="timed runs per document (median counts)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args()
    results = measure(args.rounds)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for name, r in results.items():
        verdict = "met" if r["met"] else "MISSED"
        print(
            f"{name.replace('_', ' '):<15} {r['pages']:>3} pages  {r['seconds']:.3f} s"
            f"  (baseline {r['baseline_seconds']:.3f} s, ratio {r['ratio']:.1f}x)"
            f"  target < {r['target_seconds']} s: {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
