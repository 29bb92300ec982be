"""Kill the program at any instant: every acknowledged answer is there after restart (DESIGN.md principle 2).

A child process (answer_writer.py) answers questions through ``Store.write()`` and prints an acknowledgement
after each commit. It is SIGKILLed at seeded random moments, from during start-up (before its first commit) to
the middle of a stream of writes; the same store is reused by the next child, so recovery after a kill is
itself tested again and again. After each kill the store must open, pass ``PRAGMA integrity_check``, hold
every acknowledged value (or a later one), and hold whole transactions only: each answer with its audit
event, and at most the one write in flight when the kill came beyond what was acknowledged.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlmodel import select

from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Answer, AuditEvent
from tests.conftest import subprocess_env

WRITER = Path(__file__).resolve().parent / "answer_writer.py"
REVIEW_ID = "kill-test-review"
SEED = 20261126
KILLS = 24
RUN_SPAN = 1_000_000  # run r writes the values r*RUN_SPAN + 1, + 2, ...
WATCHDOG_S = 60


@dataclass
class Run:
    base: int
    plan: str
    acks: list[tuple[str, int]] = field(default_factory=list)
    returncode: int | None = None
    start_up_s: float | None = None  # from start to "ready", measured on mid-stream runs
    stderr: str = ""


def parse_acks(lines: list[bytes]) -> list[tuple[str, int]]:
    acks = []
    for line in lines:
        if line.startswith(b"ack ") and line.endswith(b"\n"):  # a complete line is an acknowledgement
            _, question, value = line.decode().split()
            acks.append((question, int(value)))
    return acks


def run_and_kill(data_dir: Path, run: Run, rng: random.Random, start_up_s: float) -> None:
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), str(run.base)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
    )
    watchdog = threading.Timer(WATCHDOG_S, child.kill)
    watchdog.start()
    lines: list[bytes] = []
    try:
        if run.plan == "start-up":
            # Anywhere in start-up (as long as start-up takes on this machine): importing, opening (on the
            # first run: creating) the store, making the review, or the first answer or two.
            time.sleep(rng.uniform(0.0, 1.1 * start_up_s))
        else:
            wanted = rng.randint(0, 60)
            while len(lines) < wanted + 1:  # "ready" and then `wanted` acknowledgements
                line = child.stdout.readline()
                if not line:
                    break
                if line == b"ready\n":
                    run.start_up_s = time.monotonic() - started
                lines.append(line)
            time.sleep(rng.uniform(0.0, 0.004))  # land anywhere inside the next write
        child.send_signal(signal.SIGKILL)
        lines.extend(child.stdout.readlines())  # everything printed before the kill was acknowledged
        run.returncode = child.wait(timeout=WATCHDOG_S)
        run.stderr = child.stderr.read().decode(errors="replace")
    finally:
        watchdog.cancel()
        child.stdout.close()
        child.stderr.close()
    run.acks = parse_acks(lines)


def read_store(data_dir: Path) -> tuple[str, dict[str, int], list[tuple[str, int]]]:
    with Store.open(data_dir) as store, store.read() as session:
        integrity = session.connection().exec_driver_sql("PRAGMA integrity_check").scalar()
        answers = session.exec(select(Answer).where(Answer.review_id == REVIEW_ID)).all()
        events = session.exec(select(AuditEvent).where(AuditEvent.review_id == REVIEW_ID)).all()
        return (
            integrity,
            {a.question_id: a.value for a in answers},
            [(e.question_id, e.new_value) for e in events],
        )


def check_after_kill(data_dir: Path, run: Run, known: dict[str, int]) -> dict[str, int]:
    """Assert nothing acknowledged was lost; return what the store now holds."""
    assert run.returncode == -signal.SIGKILL, f"the writer ended by itself ({run.returncode}): {run.stderr}"
    integrity, stored, events = read_store(data_dir)
    assert integrity == "ok"

    acknowledged = dict(known)
    for question, value in run.acks:
        acknowledged[question] = value
    for question, value in acknowledged.items():
        assert stored.get(question, -1) >= value, f"acknowledged {question}={value} lost; store has {stored}"

    # Beyond the acknowledged writes, only the one in flight at the kill may have committed.
    unacknowledged = {q: v for q, v in stored.items() if v != acknowledged.get(q)}
    assert len(unacknowledged) <= 1, unacknowledged
    last_acked = run.acks[-1][1] if run.acks else run.base
    assert all(v == last_acked + 1 for v in unacknowledged.values()), (unacknowledged, last_acked)

    # Whole transactions only: this run's audit events are exactly its committed writes, in order, no gaps.
    this_run = [value for _, value in events if run.base < value < run.base + RUN_SPAN]
    committed = len(run.acks) + len(unacknowledged)
    assert this_run == list(range(run.base + 1, run.base + 1 + committed))
    assert {(q, v) for q, v in stored.items()} <= set(events)
    return stored


@pytest.mark.slow
def test_every_acknowledged_answer_survives_sigkill(data_dir):
    rng = random.Random(SEED)
    plans = ["start-up"] * 7 + ["mid-stream"] * (KILLS - 7)
    rng.shuffle(plans)
    plans[0] = "mid-stream"  # creates the store and measures how long start-up takes here

    known: dict[str, int] = {}
    runs: list[Run] = []
    for index, plan in enumerate(plans):
        start_up_s = max((r.start_up_s for r in runs if r.start_up_s), default=0.0)
        run = Run(base=(index + 1) * RUN_SPAN, plan=plan)
        run_and_kill(data_dir, run, rng, start_up_s)
        known = check_after_kill(data_dir, run, known)
        runs.append(run)

    # The kills really were spread from before the first commit to the middle of a stream.
    assert len(runs) >= 20
    assert sum(1 for r in runs if not r.acks) >= 1
    assert sum(1 for r in runs if len(r.acks) >= 10) >= 5
    assert sum(len(r.acks) for r in runs) >= 200
