"""Kill the exporter at random points: no review is ever marked exported without a valid bundle, and a
bundle file is either absent or complete and valid.

A child process (export_writer.py) changes a review and exports, again and again; it is SIGKILLed at
seeded random moments, from start-up to the middle of an export. After each kill, and with the next child
settling what the last one left pending, the laptop's store and the output folder must agree: every review
marked exported names a completed bundle whose file verifies (signature, digests, decryption by head
office) and holds that review at that very revision.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlmodel import select

from omi_desktop.core.errors import OmiError
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import ReviewSync, SentBundle
from omi_desktop.core.sync.bundle import open_bundle, read_file
from omi_desktop.core.sync.trust import fixed_signer
from tests.conftest import subprocess_env
from tests.helpers.sync_world import make_world

WRITER = Path(__file__).resolve().parent / "export_writer.py"
SEED = 20261127
KILLS = 14
WATCHDOG_S = 60


def run_and_kill(data_dir: Path, out: Path, run: int, delay: float) -> tuple[int, list[str]]:
    child = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), str(out), str(run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
    )
    watchdog = threading.Timer(WATCHDOG_S, child.kill)
    watchdog.start()
    try:
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        lines = child.stdout.read().decode().splitlines()
        code = child.wait(timeout=WATCHDOG_S)
        assert code == -signal.SIGKILL, child.stderr.read().decode()
    finally:
        watchdog.cancel()
        child.stdout.close()
        child.stderr.close()
    return code, lines


def check(world, out: Path) -> dict[str, int]:
    """The invariants; returns counts of what was seen."""
    party = world["INS-A"]
    with Store.open(party.data_dir) as store, store.read() as session:
        assert session.connection().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        sent = {b.bundle_id: b for b in session.exec(select(SentBundle))}
        marks = session.exec(select(ReviewSync).where(ReviewSync.exported_bundle_id.is_not(None))).all()
    contents = {}
    for path in out.glob("*.omib"):  # a bundle file present is a complete, valid bundle
        opened = open_bundle(
            read_file(path), signer=fixed_signer(party.identity), me=world.hq.keys, kinds=("return",)
        )
        contents[opened.manifest.bundle_id] = (
            path,
            {(r.id, r.revision, r.sha256) for r in opened.payload.reviews},
        )
    for bundle in sent.values():
        if bundle.state == "complete":
            assert bundle.bundle_id in contents, (
                f"bundle {bundle.path} recorded complete but not valid on disk"
            )
    for mark in marks:
        bundle = sent.get(mark.exported_bundle_id)
        assert bundle is not None and bundle.state == "complete", (
            "a review is marked exported without a bundle"
        )
        path, held = contents[bundle.bundle_id]
        assert Path(bundle.path) == path
        assert (mark.review_id, mark.exported_revision, mark.exported_sha256) in held
    return {
        "marks": len(marks),
        "bundles": len(contents),
        "pending": sum(1 for b in sent.values() if b.state == "pending"),
        "orphans": sum(1 for b in contents if b not in sent or sent[b].state != "complete"),
    }


@pytest.mark.slow
def test_killing_the_exporter_never_marks_a_review_exported_without_a_valid_bundle(tmp_path):
    world = make_world(tmp_path, inspectors=("INS-A",), lead=None, cases_each=3)
    world.assign("INS-A")
    world.answer("INS-A")
    world.close()
    out = tmp_path / "stick"
    out.mkdir()
    rng = random.Random(SEED)
    # Measure one child's start-up and first export, to spread the kills over start-up and exports.
    started = time.monotonic()
    _, lines = run_and_kill(world["INS-A"].data_dir, out, 0, 1.6)
    span = time.monotonic() - started
    assert any(line.startswith("exported") for line in lines), lines
    seen = [check(world, out)]
    for run in range(1, KILLS + 1):
        run_and_kill(world["INS-A"].data_dir, out, run, rng.uniform(0.2, span))
        seen.append(check(world, out))
    # Kills landed in different places: exports completed, and some were cut off.
    assert seen[-1]["bundles"] >= KILLS
    assert seen[-1]["marks"] == 3
    # Whatever a kill left pending was settled by the next run (completed from its file, or abandoned).
    with Store.open(world["INS-A"].data_dir) as store:
        from omi_desktop.core.sync.export import settle_exports
        from omi_desktop.core.sync.keys import load_private_keys

        try:
            settle_exports(store, load_private_keys(world["INS-A"].data_dir).identity)
        except OmiError as exc:  # pragma: no cover - would be a failure of its own
            pytest.fail(str(exc))
    final = check(world, out)
    assert final["pending"] == 0 and final["orphans"] == 0
    # No temporary file of an interrupted write is left on the destination once settled.
    assert [p.name for p in out.iterdir() if not p.name.endswith(".omib")] == []
    # No sequence number was handed out twice: every reservation has its own.
    with Store.open(world["INS-A"].data_dir) as store, store.read() as session:
        numbers = [b.sequence for b in session.exec(select(SentBundle))]
    assert len(numbers) == len(set(numbers))
