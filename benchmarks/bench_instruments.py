"""The questionnaires' summary (the "Service users' perspective" of the area documents) over many responses,
against reading the same responses' answers with one plain query, measured in the same run.

    python benchmarks/bench_instruments.py [--responses 300] [--rounds 7] [--json]

Set-up (not timed): the training inspection, then ``--responses`` finalised questionnaire responses spread
over its questionnaires, answered plausibly. The summary (``service_users_summary``: every response read,
which questions applied worked out, and each option counted) and the leadership summary are run
``--rounds`` times after one warm-up; the median counts. The baseline selects the same responses' answer rows
in one SQL statement through the store, the floor under any summary of them. Target: the questionnaire summary
of 300 responses under 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import random
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

from sqlalchemy import select  # noqa: E402

from omi_desktop.core.demo import PlausibleAnswers, make_demo  # noqa: E402
from omi_desktop.core.framework.registry import get_framework  # noqa: E402
from omi_desktop.core.instruments import RESPONDENT, add_questionnaire, inspection_instruments  # noqa: E402
from omi_desktop.core.reports.instrument_summaries import (  # noqa: E402
    leadership_summary,
    service_users_summary,
)
from omi_desktop.core.review import answer_many, finalise  # noqa: E402
from omi_desktop.core.store import Store  # noqa: E402
from omi_desktop.core.store.tables import Answer, Review  # noqa: E402

TARGET_S = 0.5
ANCHOR = date(2026, 11, 4)


def median_seconds(work: Callable[[], object], rounds: int) -> float:
    work()  # warm-up
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def respond(store: Store, inspection_id: str, count: int) -> None:
    questionnaires = inspection_instruments(store, inspection_id, RESPONDENT)
    framework = None
    rng = random.Random(7)
    for n in range(count):
        info = questionnaires[n % len(questionnaires)]
        view = add_questionnaire(store, inspection_id, info.id, f"B-{n:05d}", actor="TRN-LEAD-01")
        framework = framework or get_framework(store, view.review.framework_id, view.review.framework_version)
        items = PlausibleAnswers(framework, rng, ANCHOR).for_review(
            info.id, view.facts, view.active_modules, {}
        )
        view = answer_many(store, view.review.id, items, actor="TRN-LEAD-01")
        finalise(store, view.review.id, actor="TRN-LEAD-01")


def measure(responses: int, rounds: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="omi-bench-instruments-") as folder:
        store = Store.open(Path(folder) / "data")
        demo = make_demo(store, answered=2, seed=2006, anchor=ANCHOR)
        inspection_id = demo.inspection.id
        respond(store, inspection_id, responses)

        def plain() -> int:
            with store.read() as session:
                rows = session.execute(
                    select(Answer.review_id, Answer.question_id, Answer.value)
                    .join(Review, Review.id == Answer.review_id)
                    .where(Review.inspection_id == inspection_id, Review.respondent.is_not(None))
                ).all()
            return len(rows)

        result = {
            "baseline_s": median_seconds(plain, rounds),
            "service_users_s": median_seconds(lambda: service_users_summary(store, inspection_id), rounds),
            "leadership_s": median_seconds(lambda: leadership_summary(store, inspection_id), rounds),
        }
        counted = sum(q.finalised for q in service_users_summary(store, inspection_id).questionnaires)
        store.close()
    result["responses"] = counted
    result["ratio"] = result["service_users_s"] / result["baseline_s"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.responses, args.rounds)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"finalised responses summarised: {result['responses']}")
    print(f"baseline (their answers, one query):  {result['baseline_s'] * 1000:8.1f} ms")
    print(
        f"service users' summary:               {result['service_users_s'] * 1000:8.1f} ms "
        f"({result['ratio']:.1f}x the baseline; target under {TARGET_S * 1000:.0f} ms)"
    )
    print(f"leadership summary (one assessment):  {result['leadership_s'] * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
